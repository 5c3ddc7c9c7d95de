"""The Wrap-up & sign-off page: gaps, decisions and actions, then both sides sign and lock."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk import look
from reviewdesk.app.keys import key_text
from reviewdesk.look import MUTED
from reviewdesk.record.model import Action, Meeting, Signature
from reviewdesk.record.readiness import signoff_checklist
from reviewdesk.record.rules import coverage, perception_gaps
from reviewdesk.record.wording import (
    coverage_text,
    date_short,
    moment_text,
    partial_note,
    plural,
    reopened_text,
    side_text,
    status_text,
)
from reviewdesk.ui import messages, style
from reviewdesk.ui.meeting.pages.across import AcrossReviews
from reviewdesk.ui.meeting.pages.scorecard_wrapup import ScorecardWrapUp
from reviewdesk.ui.meeting.pages.scores import scores_html, splits_html
from reviewdesk.ui.meeting.pages.signoff_strip import STARTING_SIDES, SignOffStrip
from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.widgets.cards import (
    Card,
    LockBanner,
    muted,
    page_body,
    page_title,
    rich,
    section_heading,
)
from reviewdesk.ui.widgets.history_panels import gap_badge
from reviewdesk.ui.widgets.reflow import Reflow
from reviewdesk.ui.widgets.slicing import BuiltInSlices, Slicer

LIST_LIMIT = 8
SIGNATURE_HEIGHT = 56
# what the panels and the sign-off show (gaps, decisions, actions, signers, lock)
PANEL_CHANGES = (Change.RATINGS, Change.DECISIONS, Change.ACTIONS, Change.ATTENDEES, Change.SIGNOFF)


REOPEN_QUESTION = "Why is the meeting reopened? The signatures will be voided and the reason kept."


def ask_reopen_reason(parent: QWidget) -> str | None:
    """Ask why the signed-off meeting is reopened; None when cancelled. An empty reason is
    refused with a word, and asked for again."""
    text = ""
    while True:
        answer = messages.ask_text(parent, "Reopen the meeting", REOPEN_QUESTION, text)
        if answer is None:
            return None
        if answer.strip():
            return answer.strip()
        messages.show_error(
            parent,
            "Reopen the meeting",
            "A reason is needed to reopen a signed-off meeting: it is kept with the record.",
        )


def _span(text: str, colour: str, *, bold: bool = False) -> str:
    weight = "; font-weight:600" if bold else ""
    return f'<span style="color:{colour}{weight}">{text}</span>'


def gaps_html(meeting: Meeting) -> str:
    """The gaps between the sides, then the split views inside a side, each with its question."""
    return _between_html(meeting) + splits_html(meeting)


def _between_html(meeting: Meeting) -> str:
    gaps = perception_gaps(meeting)
    if not gaps:
        rated = sum(q.gap is not None for s in meeting.sections for q in s.questions)
        if not rated:
            return _span("No question has been rated by both sides yet.", MUTED)
        return _span(
            f"No perception gaps: on the {plural(rated, 'question')} both sides rated, "
            "they are less than 2 points apart.",
            MUTED,
        )
    items = []
    for section, q in gaps:
        items.append(
            f"<p>{gap_badge(q.gap or 0)} {escape(q.text)}<br>"
            f"{scores_html(q, gap=False)} {_span(f'· {escape(section.title)}', MUTED)}</p>"
        )
    return "".join(items)


def decisions_html(meeting: Meeting) -> str:
    blocks = []
    for s in meeting.sections:
        if s.decisions:
            lis = "".join(f"<li>{escape(d.text)}</li>" for d in s.decisions)
            blocks.append(f"<b>{escape(s.title)}</b><ul style='margin:0'>{lis}</ul>")
    return "".join(blocks) or _span("No decisions recorded yet.", MUTED)


def _action_line(action: Action, meeting: Meeting) -> str:
    bits = [escape(action.text)]
    who = escape(action.owner) if action.owner else ""
    if action.side:
        who += " " + _span(f"({side_text(action.side)})", look.side_colour(action.side))
    if who:
        bits.append(who.strip())
    if action.due:
        due = f"due {date_short(action.due)}"
        if action.is_overdue(meeting.date):
            due = _span(f"{due} · overdue", look.GAP, bold=True)
        bits.append(due)
    if action.status != "open":
        bits.append(_span(status_text(action.status), MUTED))
    return " · ".join(bits)


def actions_html(meeting: Meeting) -> str:
    groups = [
        ("New", meeting.new_actions),
        ("Carried over", meeting.carried_actions),
        ("Closed in this review", meeting.closed_actions),
    ]
    blocks = []
    for title, actions in groups:
        blocks.append(f"<b>{title} ({len(actions)})</b>")
        if actions:
            lis = "".join(f"<li>{_action_line(a, meeting)}</li>" for a in actions[:LIST_LIMIT])
            more = len(actions) - LIST_LIMIT
            if more > 0:
                lis += f'<li style="color:{MUTED}">… and {more} more on the Actions page</li>'
            blocks.append(f"<ul style='margin:0'>{lis}</ul>")
        else:
            blocks.append(f'<p style="color:{MUTED}; margin:0">none</p>')
    return "".join(blocks)


def _panel(title: str) -> tuple[Card, QLabel]:
    """A card with a heading and its list (a long list is cut with "… and N more": the page
    scrolls, never the card)."""
    card = Card()
    card.body.addWidget(section_heading(title))
    content = rich(title)
    card.body.addWidget(content, 1)
    return card, content


class SignedList(QWidget):
    """The stored signatures of a signed-off meeting, each image at its drawn aspect ratio,
    in as many columns as fit the width (one under another on a narrow screen)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        style.scaled(self.grid, hspacing=24, vspacing=4)
        self.signatures: list[Signature] = []
        self.cells: list[QWidget] = []  # a signer: the image over the name, role and side
        self.columns = 0

    def _column_width(self) -> int:
        return max((c.sizeHint().width() for c in self.cells), default=0)

    def minimumSizeHint(self) -> QSize:
        widest = max((c.minimumSizeHint().width() for c in self.cells), default=0)
        return QSize(widest, super().minimumSizeHint().height())

    def resizeEvent(self, event: Any) -> None:
        self._place()
        super().resizeEvent(event)

    def _place(self) -> None:
        """One column per signer while they fit side by side, else fewer."""
        step = self._column_width() + self.grid.horizontalSpacing()
        fit = (self.width() + self.grid.horizontalSpacing()) // step if step > 0 else 1
        columns = max(1, min(len(self.cells), fit))
        if columns == self.columns:
            return
        self.columns = columns
        for col in range(self.grid.columnCount()):
            self.grid.setColumnStretch(col, 0)
        for cell in self.cells:
            self.grid.removeWidget(cell)
        for i, cell in enumerate(self.cells):
            self.grid.addWidget(cell, i // columns, i % columns, Qt.AlignmentFlag.AlignTop)
        self.grid.setColumnStretch(columns, 1)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.signatures:
            self.show_signatures(self.signatures)  # View → Larger text: larger images

    def show_signatures(self, signatures: list[Signature]) -> None:
        self.signatures = list(signatures)
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.cells = []
        self.columns = 0
        for s in signatures:
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            style.scaled(box, spacing=4)
            image = QLabel()
            pixmap = QPixmap()
            if s.signature_png and pixmap.loadFromData(s.signature_png):
                image.setPixmap(
                    pixmap.scaledToHeight(
                        style.px(SIGNATURE_HEIGHT), Qt.TransformationMode.SmoothTransformation
                    )
                )
            else:
                image.setText("(no drawn signature)")
            image.setAccessibleName(f"Signature of {s.name}")
            who = rich(f"Signer {s.name}", focusable=False)
            who.setText(
                f"<b>{escape(s.name)}</b><br>{escape(s.role) or '&nbsp;'}<br>"
                + _span(side_text(s.side), look.side_colour(s.side), bold=True)
                + " "
                + _span(f"· {moment_text(s.signed_at)}", MUTED)
            )
            box.addWidget(image, 0, Qt.AlignmentFlag.AlignBottom)
            box.addWidget(who, 0, Qt.AlignmentFlag.AlignTop)
            self.cells.append(cell)
        self._place()


class Checklist(Card):
    """Before signing off: what is still open (``record.readiness``), text typed but not added,
    and how much of the review is rated. Hidden once the meeting is signed off."""

    def __init__(self, session: MeetingSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setAccessibleName("Before signing off")
        self.body.addWidget(section_heading("Before signing off"))
        self.coverage = muted("")
        self.coverage.setAccessibleName("Questions rated")
        self.body.addWidget(self.coverage)
        self.list = rich("Still open")
        self.body.addWidget(self.list)

    def items(self) -> list[str]:
        """What the facilitator confirms before locking ([] when nothing is open)."""
        s = self.session
        typed = [label for label, _text in s.drafts().values()] + s.unsaved_labels()
        return signoff_checklist(s.meeting) + [f"not added yet: {t}" for t in typed]

    def reload(self) -> None:
        meeting = self.session.meeting
        covered = coverage(meeting.sections)
        self.coverage.setText(partial_note(covered) or f"Whole review: {coverage_text(covered)}.")
        style.set_property(self.coverage, "alert", covered.partial)
        items = self.items()
        if items:
            lis = "".join(f"<li>{escape(item)}</li>" for item in items)
            self.list.setText(f"<b>Still open</b><ul style='margin:0'>{lis}</ul>")
        else:
            self.list.setText(_span("Nothing left open.", MUTED))
        self.list.setAccessibleDescription("; ".join(items) or "nothing left open")
        self.setVisible(not meeting.locked)


def confirm_text(items: list[str]) -> str:
    """The question asked before locking, with what is still open."""
    text = (
        "Signing off locks the meeting: nothing can be changed until it is reopened with a reason."
    )
    if items:
        text += "\n\nStill open:\n" + "\n".join(f"• {item}" for item in items)
    return text + "\n\nSign off and lock now?"


class WrapUpPage(BuiltInSlices, QWidget):
    """What is still open, three panels (gaps, decisions, actions), the trends across reviews,
    the sign-off strip."""

    def __init__(self, session: MeetingSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        layout = page_body(self)

        layout.addWidget(page_title("Wrap-up & sign-off"))
        layout.addWidget(
            muted(
                "Read back the perception gaps, the decisions and the actions; then a client "
                "and a provider representative sign, and the meeting locks."
            )
        )
        self.banner = LockBanner()
        layout.addWidget(self.banner)
        self.checklist = Checklist(session)
        layout.addWidget(self.checklist)

        self.panels = Reflow(spacing=12)  # side by side when they fit, else one under another
        gaps_card, self.gaps = _panel("Perception gaps")
        decisions_card, self.decisions = _panel("Decisions")
        actions_card, self.actions = _panel("Actions")
        for card in (gaps_card, decisions_card, actions_card):
            self.panels.add(card, 1)
        layout.addWidget(self.panels)

        layout.addStretch(1)
        self._layout = layout
        # what is below the panels comes in slices once the page shows
        self.slicer = Slicer(self)
        self.slicer.add(lambda: self._add(ScorecardWrapUp(session)))  # service levels, register…
        self.slicer.add(self._build_across)
        self.slicer.add(self._build_signoff)

        session.changed.connect(self._on_changed)
        session.unsaved_changed.connect(self.checklist.reload)
        session.lock_changed.connect(lambda _locked: self._show_lock(restart=True))
        self.reload()

    # made by a later slice: reading one of these first finishes the page
    _DEFERRED = frozenset(
        {"across", "signoff_card", "reopen_button", "strip", "signed", "history", "key"}
    )

    def _built(self) -> bool:
        return "key" in self.__dict__  # the sign-off card, the last part, is there

    def _add(self, widget: QWidget) -> None:
        """Put ``widget`` above the page's closing stretch, hidden: the next slice shows it (a
        part is made in one turn, then styled, laid out and painted in another)."""
        widget.hide()
        self._layout.insertWidget(self._layout.count() - 1, widget)
        self.slicer.add_next(widget.show, alone=True)

    def _build_across(self) -> None:
        # this review against earlier ones: the card in this turn, the history read and shown
        # in it in the next, the card shown in the one after
        self.across = AcrossReviews(self.session, load=False)
        self._add(self.across)
        self.slicer.add_next(self.across.reload)

    def _build_signoff(self) -> None:
        self.signoff_card = Card()
        head = QHBoxLayout()
        head.addWidget(section_heading("Sign-off"))
        head.addStretch(1)
        self.reopen_button = QPushButton("Reopen…")
        self.reopen_button.setAccessibleName("Reopen the meeting")
        self.reopen_button.clicked.connect(self.reopen)
        head.addWidget(self.reopen_button)
        self.signoff_card.body.addLayout(head)
        self.strip = SignOffStrip()
        self.strip.sign_requested.connect(self.sign_off)
        self.signoff_card.body.addWidget(self.strip)
        self.signed = SignedList()
        self.signoff_card.body.addWidget(self.signed)
        self.history = muted("")
        self.signoff_card.body.addWidget(self.history)
        self.key = muted("")  # the key the PDF minutes are signed with, to compare by eye
        self.key.setAccessibleName("Signing key")
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.signoff_card.body.addWidget(self.key)
        self._add(self.signoff_card)  # queues the card's showing next…
        # …after its signers' rows, a step each (add_next puts each step before the one queued
        # just before it: the last queued runs first)
        for side in reversed(STARTING_SIDES):
            self.slicer.add_next(lambda side=side: self.strip.add_first_of(side))
        self.slicer.add_next(lambda: self.strip.clear(self.session.meeting))
        self._show_signoff(restart=False)
        self.key.setText(key_text())

    def showEvent(self, event: Any) -> None:
        self.banner.update_visibility()
        self.checklist.reload()  # drafts typed on other steps since
        if self._built():
            self.key.setText(key_text())  # made by the first export, maybe since the last look
        super().showEvent(event)

    def reload(self) -> None:
        """Re-read the panels and the lock state from the session."""
        meeting = self.session.meeting
        self.gaps.setText(gaps_html(meeting))
        self.decisions.setText(decisions_html(meeting))
        self.actions.setText(actions_html(meeting))
        self.checklist.reload()
        self._show_lock(restart=False)
        if self._built():
            self.key.setText(key_text())

    def _show_lock(self, restart: bool) -> None:
        self.banner.show_for(self.session.meeting)
        if self._built():
            self._show_signoff(restart)
        self.checklist.reload()

    def _show_signoff(self, restart: bool) -> None:
        meeting = self.session.meeting
        locked = meeting.locked
        if restart and not locked:
            self.strip.start(meeting)
        self.strip.setVisible(not locked)
        self.strip.set_enabled_inputs(not self.session.readonly)
        self.signed.setVisible(locked)
        self.signed.show_signatures(meeting.signoff if locked else [])
        self.reopen_button.setVisible(locked)
        self.reopen_button.setEnabled(locked and not self.session.portfolio.readonly)
        self.history.setText(
            "\n".join(
                reopened_text(r.reopened_at, r.reason)
                + (f" (voided: {', '.join(r.voided)})" if r.voided else "")
                for r in meeting.reopenings
            )
        )
        self.history.setVisible(bool(meeting.reopenings))

    def _on_changed(self, change: Change) -> None:
        if change == Change.ATTENDEES and self._built():
            self.strip.set_people(self.session.meeting.participants)
        if change in PANEL_CHANGES:
            self.reload()

    def sign_off(self, signatures: list[Signature]) -> None:
        """Lock the meeting once the facilitator confirmed, having seen what is still open."""
        items = self.checklist.items()
        if not messages.confirm(
            self, "Sign off and lock", confirm_text(items), yes="Sign off and lock", no="Go back"
        ):
            return
        s = self.session
        s.write(Change.SIGNOFF, s.portfolio.sign_off, s.meeting_id, signatures)

    def reopen(self) -> None:
        reason = ask_reopen_reason(self)
        if reason:
            s = self.session
            s.write(Change.SIGNOFF, s.portfolio.reopen, s.meeting_id, reason)
