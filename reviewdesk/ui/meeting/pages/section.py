"""One agenda section: guidance, a card per question with both sides' ratings, notes, decisions."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.look import GAP, MUTED
from reviewdesk.record import wording
from reviewdesk.record.model import Action, Question, Section
from reviewdesk.record.wording import gap_text
from reviewdesk.ui import messages, style
from reviewdesk.ui.meeting import edits
from reviewdesk.ui.meeting.autosave import TextSaver
from reviewdesk.ui.meeting.pages.perception import PerceptionNotice
from reviewdesk.ui.meeting.pages.round_strip import PeopleScores, RoundStrip
from reviewdesk.ui.meeting.pages.scores import scores_words
from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.meeting.timebox import Timebox, TimeboxWidget
from reviewdesk.ui.widgets.cards import GrowingTextEdit, card, label, rich
from reviewdesk.ui.widgets.rating_row import RatingRow
from reviewdesk.ui.widgets.reflow import Reflow
from reviewdesk.ui.widgets.slicing import BuiltInSlices, Slicer

RATING_NOTE_MS = 4000  # how long "Client 5 → 2" stays beside a question after a change
ROW_GAP_PX = 4  # the list of actions raised: spaced as the label per line was


def actions_list_html(rows: list[tuple[str, str, bool]]) -> str:
    """(text, details, overdue) of each action as markup laid out as the rows of labels were:
    "• text", under it the details, muted (red and semi-bold when overdue). User text is
    escaped, its spaces and line breaks kept (``pre-wrap``)."""
    gap = style.px(ROW_GAP_PX)
    parts = []
    for number, (text, details, overdue) in enumerate(rows, 1):
        after = gap if number == len(rows) else 2 * gap  # a row's margin, then the list's spacing
        look_ = f"color:{GAP}; font-weight:600" if overdue else f"color:{MUTED}"
        parts.append(
            f'<p style="margin:0; white-space:pre-wrap">• {escape(text)}</p>'
            f'<p style="margin:0 0 {after}px 0; white-space:pre-wrap; {look_}">'
            f"{escape(details)}</p>"
        )
    return "".join(parts)


def ask_new_action(parent: QWidget, session: MeetingSession, section_key: str | None) -> int | None:
    """UI-B's action dialog (imported when first used; tests replace this function)."""
    from reviewdesk.ui.meeting.action_dialog import ask_new_action as ask

    return ask(parent, session, section_key)


class QuestionCard(QFrame):
    """A question, its gap badge, the client's and provider's rating rows and a comment."""

    def __init__(self, page: SectionPage, question: Question):
        super().__init__()
        self.page = page
        self.key = question.key
        self._shown: dict[str, int | None] = {}
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.px(16), style.px(12), style.px(16), style.px(12))
        layout.setSpacing(style.px(4))
        top = QHBoxLayout()
        top.setSpacing(style.px(12))
        self.text = label(question.text, "subtitle", wrap=True)
        self.text.setAccessibleName(f"Question: {question.text}")
        top.addWidget(self.text, 1)
        self.rating_note = label("", "muted")  # "Client 5 → 2" for a moment after a change
        self.rating_note.hide()
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(RATING_NOTE_MS)
        self._note_timer.timeout.connect(self.rating_note.hide)
        top.addWidget(self.rating_note, 0, Qt.AlignmentFlag.AlignTop)
        self.gap_badge = QLabel()
        self.gap_badge.setProperty("role", "gap")
        self.gap_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.gap_badge.hide()
        top.addWidget(self.gap_badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        # the last review's ratings of this question, to compare with ("Last time: Client 4 …")
        last = page.session.last_ratings().get((page.section_key, question.key))
        self.last_time = label(
            wording.last_time_text(last.client, last.provider) if last else "", "muted", wrap=True
        )
        layout.addWidget(self.last_time)  # a parent first: shown without one, it is a window
        self.last_time.setVisible(last is not None)
        self.rows: dict[str, RatingRow] = {}
        for side in ("client", "provider"):
            row = RatingRow(side, question.text)
            row.rated.connect(lambda value, s=side: page.rate(self.key, s, value))
            row.clicked.connect(self._focus_comment)
            self.rows[side] = row
            layout.addWidget(row)
        self.people = PeopleScores()  # people's means, raters and spread once revealed
        layout.addWidget(self.people)
        self.comment = GrowingTextEdit(min_lines=1)  # a long comment shows whole, even locked
        self.comment_field = edits.comment_field(page.session, page.section_key, question.key)
        self.comment.setPlainText(
            page.session.text_to_show(self.comment_field.key, question.comment)
        )
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText("Comment (saved as you type)")
        self.comment.setAccessibleName(f"Comment on: {question.text}")
        self.comment_saver = TextSaver(
            self.comment, lambda text: page.session.save_text(self.comment_field, text), self
        )
        self.comment_saver.pending.connect(page.pending)
        self.comment_saver.settled.connect(page.settled)
        layout.addSpacing(style.px(4))
        layout.addWidget(self.comment)
        self.show_question(question)

    def show_question(self, question: Question) -> None:
        changed = []
        for side, row in self.rows.items():
            value = question.rating(side)
            if side in self._shown and self._shown[side] != value:
                old, new = wording.rating_text(self._shown[side]), wording.rating_text(value)
                changed.append(f"{wording.side_text(side)} {old} → {new}")
            self._shown[side] = value
            row.set_value(value)
        if changed:  # every change, by click, key, undo or redo, is shown in words
            self.rating_note.setText(" · ".join(changed))
            self.rating_note.setAccessibleName(f"Rating changed: {self.rating_note.text()}")
            self.rating_note.show()
            self._note_timer.start()
        if question.has_gap:
            self.gap_badge.setText(gap_text(question.gap))
            self.gap_badge.setAccessibleName(f"{gap_text(question.gap)}: {scores_words(question)}")
            self.gap_badge.setToolTip("The two sides' ratings differ by 2 or more")
            self.gap_badge.show()
        else:
            self.gap_badge.hide()
        self.people.show_question(question)

    def _focus_comment(self) -> None:
        """After a click on a rating, typing goes to this question's comment, not the row."""
        if not self.comment.isReadOnly():
            self.comment.setFocus(Qt.FocusReason.OtherFocusReason)
            self.comment.moveCursor(QTextCursor.MoveOperation.End)

    def set_readonly(self, readonly: bool) -> None:
        for row in self.rows.values():
            row.set_readonly(readonly)
        self.comment.setReadOnly(readonly)
        self.comment.setPlaceholderText("" if readonly else "Comment (saved as you type)")


class SectionPage(BuiltInSlices, QWidget):
    """An agenda section of the open meeting; every edit goes through the session."""

    pending = Signal()  # typed text waits for its commit
    settled = Signal()  # typed text went back to the stored value

    def __init__(
        self,
        session: MeetingSession,
        section_key: str,
        timebox: Timebox | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.section_key = section_key
        section = self.section()
        self.setAccessibleName(f"Section {section.title}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(style.px(16), style.px(16), style.px(16), style.px(16))
        outer.setSpacing(style.px(12))

        head = Reflow(spacing=12)  # the timer under the title on a narrow screen
        self.title = label(section.title, "title", wrap=True)
        head.add(self.title, 1)
        self.timebox = timebox or Timebox(section.timebox_minutes, self)
        self.timer_widget = TimeboxWidget(self.timebox)
        head.add(self.timer_widget)
        outer.addWidget(head)
        if section.guidance:
            self.guidance = label(section.guidance, "guidance", wrap=True)
            outer.addWidget(self.guidance)
        self.perception = PerceptionNotice(session, section_key)  # numbers and people disagree
        outer.addWidget(self.perception)
        self.round_strip = RoundStrip(session, section_key, self)  # a parent first: it shows itself
        outer.addWidget(self.round_strip)

        self._outer = outer
        outer.addStretch(1)
        # the first question shows with the page; the other questions, the notes, decisions
        # and actions follow in slices (a section of a big review holds hundreds of widgets)
        self._cards: dict[str, QuestionCard] = {}
        self.slicer = Slicer(self)
        keys = [question.key for question in section.questions]
        for number, key in enumerate(keys):
            if number == 0:
                self._add_card(key)
            else:  # made from the record as it is then (it may change in between)
                self.slicer.add(lambda k=key: self._add_card(k))
        self.slicer.add(self._build_notes)
        self.slicer.add(self._build_decisions)
        self.slicer.add(self._build_actions)
        session.changed.connect(self._changed)
        # a method, not a lambda: the connection goes with the page (it may be dropped and
        # made again while the session lives on)
        session.lock_changed.connect(self._lock_changed)
        self.apply_readonly()

    def _lock_changed(self, _locked: bool) -> None:
        self.apply_readonly()

    # ---- building ------------------------------------------------------------------------

    # made by a later slice: reading one of these first finishes the page
    _DEFERRED = frozenset(
        {
            "notes",
            "notes_field",
            "notes_saver",
            "decision_list",
            "decision_input",
            "draft_key",
            "add_decision_button",
            "action_list",
            "add_action_button",
        }
    )

    @property
    def cards(self) -> dict[str, QuestionCard]:
        """Every question's card (the page is finished first)."""
        self.slicer.finish()
        return self._cards

    def _built(self, name: str) -> bool:
        return name in self.__dict__

    def _add(self, widget: QWidget) -> None:
        self._outer.insertWidget(self._outer.count() - 1, widget)  # above the stretch
        if self.isVisible():  # now, not in a later turn as a layout does (finish() reads it)
            widget.show()

    def _add_card(self, key: str) -> None:
        question = next((q for q in self.section().questions if q.key == key), None)
        if question is None:
            return
        qc = QuestionCard(self, question)
        self._cards[key] = qc
        self._add(qc)
        qc.set_readonly(self.session.readonly)

    def _build_notes(self) -> None:
        session, section_key, section = self.session, self.section_key, self.section()
        notes_card, notes_layout = card()
        notes_layout.addWidget(label("Notes", "header"))
        notes = GrowingTextEdit(min_lines=3)
        self.notes_field = edits.notes_field(session, section_key)
        notes.setPlainText(session.text_to_show(self.notes_field.key, section.notes))
        notes.setAccessibleName(f"Notes on {section.title}")
        self.notes_saver = TextSaver(
            notes, lambda text: session.save_text(self.notes_field, text), self
        )
        self.notes_saver.pending.connect(self.pending)
        self.notes_saver.settled.connect(self.settled)
        notes_layout.addWidget(notes)
        self.notes = notes
        self._add(notes_card)
        self._notes_readonly()

    def _build_decisions(self) -> None:
        session, section_key = self.session, self.section_key
        dec_card, dec_layout = card()
        dec_layout.addWidget(label("Decisions", "header"))
        self.decision_list = QVBoxLayout()
        self.decision_list.setSpacing(style.px(4))
        dec_layout.addLayout(self.decision_list)
        add_row = QHBoxLayout()
        self.decision_input = QLineEdit()
        self.decision_input.setPlaceholderText("A decision both sides agreed…")
        self.decision_input.setAccessibleName("New decision")
        self.draft_key = ("decision", section_key)
        self.decision_input.setText(session.draft(self.draft_key))
        self.decision_input.textChanged.connect(self._draft_changed)
        self.decision_input.returnPressed.connect(self.add_decision)
        self.add_decision_button = QPushButton("+ Add decision")
        self.add_decision_button.setAccessibleName("Add decision")
        self.add_decision_button.clicked.connect(self.add_decision)
        add_row.addWidget(self.decision_input, 1)
        add_row.addWidget(self.add_decision_button)
        dec_layout.addLayout(add_row)
        self._add(dec_card)
        readonly = session.readonly
        self.decision_input.setVisible(not readonly)
        self.add_decision_button.setVisible(not readonly)
        self._fill_decisions()

    def _build_actions(self) -> None:
        act_card, act_layout = card()
        act_head = QHBoxLayout()
        act_head.addWidget(label("Actions raised here", "header"), 1)
        self.add_action_button = QPushButton("+ Add action")
        self.add_action_button.setAccessibleName("Add action")
        self.add_action_button.clicked.connect(self.add_action)
        act_head.addWidget(self.add_action_button)
        act_layout.addLayout(act_head)
        self.action_list = QVBoxLayout()
        self.action_list.setSpacing(style.px(4))
        act_layout.addLayout(self.action_list)
        self._fill_actions()
        self._add(act_card)  # a parent first: shown without one, a widget is a window
        self.add_action_button.setVisible(not self.session.readonly)

    # ---- reading -------------------------------------------------------------------------

    def section(self) -> Section:
        return self.session.meeting.section(self.section_key)

    def _changed(self, change: Change) -> None:
        if change in (Change.RATINGS, Change.SIGNOFF):
            self._show_ratings()
        if change == Change.NOTES and self._built("notes_saver"):
            stored = self.section().notes
            self.notes_saver.show(self.session.text_to_show(self.notes_field.key, stored))
        if change == Change.COMMENTS:
            for question in self.section().questions:
                qc = self._cards.get(question.key)
                if qc is not None:
                    shown = self.session.text_to_show(qc.comment_field.key, question.comment)
                    qc.comment_saver.show(shown)
        if change in (Change.DECISIONS, Change.SIGNOFF) and self._built("decision_input"):
            self._fill_decisions()
            if not self.session.draft(self.draft_key):  # added (from here or on closing)
                self.decision_input.clear()
        if change in (Change.ACTIONS, Change.SIGNOFF) and self._built("action_list"):
            self._fill_actions()

    def _show_ratings(self) -> None:
        for question in self.section().questions:
            if question.key in self._cards:
                self._cards[question.key].show_question(question)

    def _clear(self, layout: QVBoxLayout) -> None:
        while layout.count():
            item = layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()

    def _fill_decisions(self) -> None:
        self._clear(self.decision_list)
        decisions = self.section().decisions
        if not decisions:
            self.decision_list.addWidget(label("No decisions yet.", "muted"))
        readonly = self.session.readonly
        for number, decision in enumerate(decisions, 1):
            row = QWidget()
            h = QHBoxLayout(row)
            h.setContentsMargins(0, 0, 0, 0)
            text = label(f"{number}. {decision.text}", wrap=True)
            h.addWidget(text, 1)
            if not readonly:
                edit = QPushButton("Edit")
                edit.setProperty("role", "link")
                edit.setAccessibleName(f"Edit decision {number}")
                edit.clicked.connect(lambda _=False, d=decision: self.edit_decision(d.id, d.text))
                remove = QPushButton("Remove")
                remove.setProperty("role", "link")
                remove.setAccessibleName(f"Remove decision {number}")
                remove.clicked.connect(lambda _=False, d=decision: self.remove_decision(d.id))
                h.addWidget(edit, 0, Qt.AlignmentFlag.AlignTop)
                h.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
            self.decision_list.addWidget(row)

    def raised_here(self) -> list[Action]:
        return [a for a in self.session.meeting.actions if a.section == self.section_key]

    def _fill_actions(self) -> None:
        """One label for the whole list (a widget per action made a long list slow and heavy):
        each action's text, then its details muted, red when overdue."""
        self._clear(self.action_list)
        actions = self.raised_here()
        if not actions:
            self.action_list.addWidget(label("No actions raised in this section yet.", "muted"))
            return
        date = self.session.meeting.date
        rows = [(a.text, wording.action_details(a, date), a.is_overdue(date)) for a in actions]
        listed = rich("Actions raised here", focusable=False)
        listed.setText(actions_list_html(rows))
        listed.setAccessibleDescription(
            "\n".join(f"{text}: {details}" for text, details, _overdue in rows)
        )
        self.action_list.addWidget(listed)

    # ---- writing -------------------------------------------------------------------------

    def rate(self, question_key: str, side: str, value: int | None) -> None:
        edits.rate(self.session, self.section_key, question_key, side, value)
        self._show_ratings()  # shows the stored value again if the write was refused

    def _draft_changed(self, text: str) -> None:
        """A decision typed but not added is kept and named until it is added or dropped."""
        label = f"a decision typed in {self.section().title} (not added yet)"
        self.session.set_draft(self.draft_key, label, text)

    def add_decision(self) -> None:
        text = self.decision_input.text().strip()
        if not text:
            self.decision_input.setFocus()
            return
        if edits.add_decision(self.session, self.section_key, text):
            self.decision_input.clear()

    def edit_decision(self, decision_id: int, old: str) -> None:
        text = messages.ask_text(self, "Edit decision", "Decision:", old)
        if text is None or text.strip() == old:
            return
        if not text.strip():
            messages.show_error(self, "Edit decision", "decision: must not be empty")
            return
        edits.edit_decision(self.session, decision_id, old, text.strip())

    def remove_decision(self, decision_id: int) -> None:
        if messages.confirm(self, "Remove decision", "Remove this decision?"):
            text = next(
                (d.text for d in self.section().decisions if d.id == decision_id), "decision"
            )
            edits.remove_decision(self.session, decision_id, text)

    def add_action(self) -> None:
        self.flush()
        ask_new_action(self, self.session, self.section_key)

    def flush(self) -> None:
        """Commit any text still waiting for its debounce."""
        if self._built("notes_saver"):
            self.notes_saver.flush()
        for qc in self._cards.values():
            qc.comment_saver.flush()

    @property
    def dirty(self) -> bool:
        notes = self._built("notes_saver") and self.notes_saver.dirty
        return notes or any(qc.comment_saver.dirty for qc in self._cards.values())

    def apply_readonly(self) -> None:
        readonly = self.session.readonly
        for qc in self._cards.values():
            qc.set_readonly(readonly)
        self.timer_widget.setVisible(not self.session.locked)
        if self._built("notes"):
            self._notes_readonly()
        if self._built("decision_input"):
            self.decision_input.setVisible(not readonly)
            self.add_decision_button.setVisible(not readonly)
            self._fill_decisions()
        if self._built("add_action_button"):
            self.add_action_button.setVisible(not readonly)

    def _notes_readonly(self) -> None:
        readonly = self.session.readonly
        self.notes.setReadOnly(readonly)
        self.notes.setPlaceholderText("" if readonly else "What was said — saved as you type")
        self.notes.setProperty("readOnly", readonly)
        style.repolish(self.notes)
