"""New review: pick or create the partnership, date and title, attendees, agenda, carry-over."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk import look, paths
from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.record.exchange.agenda import Agenda
from reviewdesk.record.model import Participant
from reviewdesk.record.next_review import Proposal, propose, quarter_title, unused_title
from reviewdesk.record.rules import person_key
from reviewdesk.record.scorecard import next_review_due
from reviewdesk.record.scorecard_wording import cadence_text
from reviewdesk.record.wording import date_short, plural, side_text
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.store.templates import available_agendas
from reviewdesk.ui import style
from reviewdesk.ui.widgets.cards import card, fit_to_screen, label, scrolled
from reviewdesk.ui.widgets.date_edit import DateEdit

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1


def cadence_hint(portfolio: Portfolio, pid: int, today: dt.date) -> str:
    """A line saying why the proposed date is what it is (record.next_review proposes it):
    '' without a cadence or an earlier review."""
    p = portfolio.partnership(pid)
    last = max((m.date for m in portfolio.meetings(pid)), default=None)
    due = next_review_due(last, p.tier, p.review_interval_months)
    if due is None:
        return ""
    cadence = cadence_text(p.tier, p.review_interval_months)
    if due < today:
        return f"{cadence}: due since {date_short(due)} (overdue)"
    return f"{cadence}: the next review is due {date_short(due)}"


class NewReviewDialog(QDialog):
    """On OK the meeting exists: ``meeting_id`` and ``partnership_id`` are set."""

    def __init__(
        self,
        portfolio: Portfolio,
        db_path: Path,
        partnership_id: int | None = None,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ):
        super().__init__(parent)
        self.portfolio = portfolio
        self.meeting_id: int | None = None
        self.partnership_id: int | None = None
        self._title_touched = False
        self._titles: list[str] = []  # of the chosen partnership's reviews
        self._proposal: Proposal | None = None  # what the fields were last filled with
        self.setWindowTitle("New review")
        self.setModal(True)
        fit_to_screen(self, style.px(1000), style.px(660))
        today = today or dt.date.today()

        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setContentsMargins(style.px(16), style.px(16), style.px(16), style.px(16))
        columns.setSpacing(style.px(16))
        left = QVBoxLayout()
        left.setSpacing(style.px(12))
        right = QVBoxLayout()
        right.setSpacing(style.px(12))
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        # partnership
        p_card, p_layout = card()
        p_layout.addWidget(label("Partnership", "header"))
        self.partnership = QComboBox()
        self.partnership.setAccessibleName("Partnership")
        self.partnership.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.partnership.setMinimumContentsLength(24)
        for p in portfolio.partnerships():
            self.partnership.addItem(f"{p.label}" + (f" — {p.service}" if p.service else ""), p.id)
        self.partnership.addItem("New partnership…", None)
        p_layout.addWidget(self.partnership)
        self.new_box = QWidget()
        new_form = QFormLayout(self.new_box)
        new_form.setContentsMargins(0, 0, 0, 0)
        self.client = QLineEdit()
        self.client.setAccessibleName("Client")
        self.client.setPlaceholderText("Client company")
        self.provider = QLineEdit()
        self.provider.setAccessibleName("Provider")
        self.provider.setPlaceholderText("Outsourcing provider")
        self.service = QLineEdit()
        self.service.setAccessibleName("Service")
        self.service.setPlaceholderText("e.g. Customer support, bookkeeping")
        client_label = label("Client")
        client_label.setProperty("side", "client")
        provider_label = label("Provider")
        provider_label.setProperty("side", "provider")
        new_form.addRow(client_label, self.client)
        new_form.addRow(provider_label, self.provider)
        new_form.addRow("Service", self.service)
        p_layout.addWidget(self.new_box)
        left.addWidget(p_card)

        # meeting
        m_card, m_layout = card()
        m_layout.addWidget(label("Review", "header"))
        form = QFormLayout()
        form.setVerticalSpacing(style.px(8))
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.date = DateEdit()
        self.date.set_value(today)
        self.date.setAccessibleName("Date")
        self.today = today
        self.title = QLineEdit(quarter_title(today))
        self.title.setAccessibleName("Title")
        self.title.textEdited.connect(lambda _t: setattr(self, "_title_touched", True))
        self.date.dateChanged.connect(self._date_changed)
        self.location = QLineEdit()
        self.location.setAccessibleName("Location")
        self.location.setPlaceholderText("Room, city or video call")
        self.facilitator = QLineEdit()
        self.facilitator.setAccessibleName("Facilitator")
        self.agenda = QComboBox()
        self.agenda.setAccessibleName("Agenda template")
        self.agenda.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.agenda.setMinimumContentsLength(16)
        agendas, errors = available_agendas(paths.templates_dir(db_path))
        self.agendas: list[Agenda] = agendas
        for a in agendas:
            self.agenda.addItem(a.name, a.source)
        form.addRow("Date", self.date)
        self.cadence_hint = label("", "muted", wrap=True)  # the date proposed from the cadence
        self.cadence_hint.setAccessibleName("Review cadence")
        form.addRow("", self.cadence_hint)
        form.addRow("Title", self.title)
        form.addRow("Location", self.location)
        form.addRow("Facilitator", self.facilitator)
        form.addRow("Agenda", self.agenda)
        m_layout.addLayout(form)
        self.template_errors = label(  # one line per broken template, naming file and field
            "\n".join(f"Template not used — {e}" for e in errors), "error", wrap=True
        )
        self.template_errors.setVisible(bool(errors))
        m_layout.addWidget(self.template_errors)
        left.addWidget(m_card)
        left.addStretch(1)

        # attendees
        a_card, a_layout = card()
        a_layout.addWidget(label("Attendees", "header"))
        a_layout.addWidget(label("Tick who takes part; add anyone new below.", "muted"))
        self.attendees = QListWidget()
        self.attendees.setAccessibleName("Attendees")
        self.attendees.setMinimumHeight(style.px(140))
        self.attendees.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.attendees.setWordWrap(True)
        a_layout.addWidget(self.attendees)
        add_row = QHBoxLayout()
        add_row.setSpacing(style.px(8))
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("Name")
        self.new_name.setAccessibleName("New attendee name")
        self.new_side = QComboBox()
        self.new_side.setAccessibleName("New attendee side")
        for side in ("client", "provider", "facilitator"):
            self.new_side.addItem(side_text(side), side)
        self.new_role = QLineEdit()
        self.new_role.setPlaceholderText("Role")
        self.new_role.setAccessibleName("New attendee role")
        self.add_person_button = QPushButton("+ Add")
        self.add_person_button.setAccessibleName("Add attendee")
        self.add_person_button.clicked.connect(self.add_attendee)
        for field in (self.new_name, self.new_role):
            field.installEventFilter(self)  # Enter there adds the attendee, not the review
        add_row.addWidget(self.new_name, 2)
        add_row.addWidget(self.new_side)
        add_row.addWidget(self.new_role, 2)
        add_row.addWidget(self.add_person_button)
        a_layout.addLayout(add_row)
        right.addWidget(a_card, 1)

        # carry-over
        c_card, c_layout = card()
        c_layout.addWidget(label("Carried over from the last review", "header"))
        self.carry = label("", "muted", wrap=True)
        self.carry.setAccessibleName("Carried over")
        c_layout.addWidget(self.carry)
        right.addWidget(c_card)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(scrolled(body), 1)
        footer = QHBoxLayout()
        footer.setContentsMargins(style.px(16), style.px(8), style.px(16), style.px(16))
        self.error = label("", "error", wrap=True)
        self.error.setAccessibleName("Problem")
        footer.addWidget(self.error, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Create review")
        for button in self.buttons.buttons():
            button.setIcon(QIcon())
        self.ok_button.setProperty("role", "primary")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        footer.addWidget(self.buttons)
        outer.addLayout(footer)

        self.partnership.currentIndexChanged.connect(self._partnership_changed)
        if partnership_id is not None:
            index = self.partnership.findData(partnership_id)
            if index >= 0:
                self.partnership.setCurrentIndex(index)
        else:
            self.partnership.setCurrentIndex(self.partnership.count() - 1)
        self._partnership_changed()

    # ---- reacting ------------------------------------------------------------------------

    def _date_changed(self, qdate: QDate) -> None:
        if not self._title_touched:
            self.title.setText(unused_title(quarter_title(qdate.toPython()), self._titles))

    def chosen_partnership(self) -> int | None:
        return self.partnership.currentData()

    def _propose(self, pid: int | None) -> None:
        """Date, title, facilitator and location from the partnership's last review, each
        unless the user changed it since it was last proposed."""
        last = None
        self._titles = []
        if pid is not None:
            try:
                reviews = self.portfolio.meetings(pid)
                last = self.portfolio.meeting(reviews[-1].id) if reviews else None
            except ReviewdeskError:  # a damaged row: propose as for a first review
                reviews, last = [], None
            self._titles = [r.title for r in reviews]
        before, proposal = self._proposal, propose(self.today, last, self._titles)
        for field, old, new in (
            (self.facilitator, before.facilitator if before else "", proposal.facilitator),
            (self.location, before.location if before else "", proposal.location),
        ):
            if field.text() == old:
                field.setText(new)
        if before is None or self.date.date().toPython() == before.date:
            self.date.set_value(proposal.date)
        self._proposal = proposal
        self._date_changed(self.date.date())  # the title, for this partnership's titles

    def _partnership_changed(self, *_: object) -> None:
        pid = self.chosen_partnership()
        self.new_box.setVisible(pid is None)
        self._show_cadence(pid)
        self.attendees.clear()
        self._propose(pid)
        if pid is None:
            self.carry.setText("A new partnership starts with no open actions or goals.")
            return
        try:
            people = self.portfolio.people(pid)
            actions, goals = self.portfolio.carry_over_preview(pid)
        except ReviewdeskError as exc:  # a damaged row: say which, and carry nothing over
            self.carry.setText(f"This partnership cannot be read: {exc}")
            return
        for person in people:
            self._add_item(Participant(person.name, person.side, person.role, person.email), True)
        if not actions and not goals:
            self.carry.setText("Nothing open: no actions or active goals carry over.")
            return
        lines = [
            f"{plural(len(actions), 'open action')} and {plural(len(goals), 'active goal')} "
            "carry over:"
        ]
        lines += [f"• Action: {a.text}" + (f" ({a.owner})" if a.owner else "") for a in actions]
        lines += [f"• Goal: {g.title}" for g in goals]
        self.carry.setText("\n".join(lines))

    def _show_cadence(self, pid: int | None) -> None:
        """Why the proposed date is what it is: the partnership's cadence (hidden without one)."""
        hint = cadence_hint(self.portfolio, pid, self.today) if pid else ""
        self.cadence_hint.setText(hint)
        self.cadence_hint.setVisible(bool(hint))

    def _add_item(self, participant: Participant, checked: bool) -> None:
        side = side_text(participant.side)
        text = f"{participant.name} — {side}" + (
            f" · {participant.role}" if participant.role else ""
        )
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setData(PERSON_ROLE, participant)
        item.setForeground(QColor(look.side_colour(participant.side)))
        self.attendees.addItem(item)

    def add_attendee(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            self.error.setText("Type the new attendee's name first.")
            self.new_name.setFocus()
            return
        listed = next((p for p in self.listed() if person_key(p.name) == person_key(name)), None)
        if listed is not None:
            self.error.setText(f"{listed.name} is already an attendee.")
            return
        self._add_item(
            Participant(name, self.new_side.currentData(), self.new_role.text().strip()), True
        )
        self.new_name.clear()
        self.new_role.clear()
        self.error.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the attendee name or role adds the attendee typed there; with nothing
        typed it falls through to "Create review"."""
        if (
            watched in (self.new_name, self.new_role)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and (self.new_name.text().strip() or self.new_role.text().strip())
        ):
            self.add_attendee()
            return True
        return super().eventFilter(watched, event)

    def listed(self) -> list[Participant]:
        return [self.attendees.item(i).data(PERSON_ROLE) for i in range(self.attendees.count())]

    def participants(self) -> list[Participant]:
        """The ticked attendees, in list order."""
        out = []
        for i in range(self.attendees.count()):
            item = self.attendees.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                p: Participant = item.data(PERSON_ROLE)
                out.append(Participant(p.name, p.side, p.role, p.email, present=True))
        return out

    def chosen_agenda(self) -> Agenda:
        return self.agendas[max(0, self.agenda.currentIndex())]

    # ---- OK ------------------------------------------------------------------------------

    def _problem(self, message: str, field: QWidget | None = None) -> None:
        self.error.setText(message)
        if field is not None:
            field.setFocus()

    def accept(self) -> None:
        title = self.title.text().strip()
        pid = self.chosen_partnership()
        if pid is None:
            if not self.client.text().strip():
                return self._problem("Client: must not be empty", self.client)
            if not self.provider.text().strip():
                return self._problem("Provider: must not be empty", self.provider)
        if not title:
            return self._problem("Title: must not be empty", self.title)
        participants = self.participants()
        try:
            if pid is None:
                client, provider = self.client.text().strip(), self.provider.text().strip()
                existing = self.portfolio.find_partnership(client, provider)
                partnership = existing or self.portfolio.add_partnership(
                    client, provider, self.service.text().strip()
                )
                pid = partnership.id
                self.partnership.blockSignals(True)
                self.partnership.insertItem(0, partnership.label, pid)
                self.partnership.setCurrentIndex(0)
                self.partnership.blockSignals(False)
                self.new_box.hide()
            self.meeting_id = self.portfolio.create_meeting(
                pid,
                title=title,
                date=self.date.date().toPython(),
                agenda=self.chosen_agenda(),
                location=self.location.text().strip(),
                facilitator=self.facilitator.text().strip(),
                participants=participants,
            )
        except ReviewdeskError as exc:
            return self._problem(str(exc))
        self.partnership_id = pid
        super().accept()
        return None
