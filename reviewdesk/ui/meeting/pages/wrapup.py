"""The Wrap-up & sign-off page: gaps, decisions and actions, then both sides sign and lock."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QWidget,
)

from reviewdesk import look
from reviewdesk.app.keys import key_text
from reviewdesk.look import MUTED
from reviewdesk.record.model import Action, Meeting, Signature
from reviewdesk.record.rules import perception_gaps
from reviewdesk.record.wording import (
    date_short,
    moment_text,
    plural,
    reopened_text,
    side_text,
    status_text,
)
from reviewdesk.ui import style
from reviewdesk.ui.meeting.pages.across import AcrossReviews
from reviewdesk.ui.meeting.pages.scores import scores_html, splits_html
from reviewdesk.ui.meeting.pages.signoff_strip import SignOffStrip
from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.widgets.cards import (
    Card,
    LockBanner,
    in_card_scroll,
    muted,
    page_body,
    page_title,
    rich,
    section_heading,
)
from reviewdesk.ui.widgets.history_panels import gap_badge

LIST_LIMIT = 8
PANEL_MAX_PX = 170  # at scale 1
SIGNATURE_HEIGHT = 56
# what the panels and the sign-off show (gaps, decisions, actions, signers, lock)
PANEL_CHANGES = (Change.RATINGS, Change.DECISIONS, Change.ACTIONS, Change.ATTENDEES, Change.SIGNOFF)


def ask_reopen_reason(parent: QWidget) -> str | None:
    """Ask why the signed-off meeting is reopened; None when cancelled or left empty."""
    text, ok = QInputDialog.getText(
        parent,
        "Reopen the meeting",
        "Why is the meeting reopened? The signatures will be voided and the reason kept.",
    )
    return text.strip() if ok and text.strip() else None


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
    card = Card()
    card.body.addWidget(section_heading(title))
    content = rich(title)
    # a long list scrolls inside its panel; the sign-off stays in view
    card.body.addWidget(in_card_scroll(content, PANEL_MAX_PX), 1)
    return card, content


class SignedList(QWidget):
    """The stored signatures of a signed-off meeting, each image at its drawn aspect ratio."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        style.scaled(self.grid, hspacing=24, vspacing=4)
        self.signatures: list[Signature] = []

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
        for col, s in enumerate(signatures):
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
            self.grid.addWidget(image, 0, col, Qt.AlignmentFlag.AlignBottom)
            self.grid.addWidget(who, 1, col, Qt.AlignmentFlag.AlignTop)
        self.grid.setColumnStretch(len(signatures), 1)


class WrapUpPage(QWidget):
    """Three panels (gaps, decisions, actions), the trends across reviews, the sign-off strip."""

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

        panels = QHBoxLayout()
        style.scaled(panels, spacing=12)
        gaps_card, self.gaps = _panel("Perception gaps")
        decisions_card, self.decisions = _panel("Decisions")
        actions_card, self.actions = _panel("Actions")
        for card in (gaps_card, decisions_card, actions_card):
            panels.addWidget(card, 1)
        layout.addLayout(panels)

        self.across = AcrossReviews(session)  # this review against earlier ones
        layout.addWidget(self.across)

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
        layout.addWidget(self.signoff_card)
        layout.addStretch(1)

        session.changed.connect(self._on_changed)
        session.lock_changed.connect(lambda _locked: self._show_lock(restart=True))
        self.strip.start(session.meeting)
        self.reload()

    def showEvent(self, event: Any) -> None:
        self.banner.update_visibility()
        self.key.setText(key_text())  # made by the first export, maybe since the last look
        super().showEvent(event)

    def reload(self) -> None:
        """Re-read the panels and the lock state from the session."""
        meeting = self.session.meeting
        self.gaps.setText(gaps_html(meeting))
        self.decisions.setText(decisions_html(meeting))
        self.actions.setText(actions_html(meeting))
        self._show_lock(restart=False)
        self.key.setText(key_text())

    def _show_lock(self, restart: bool) -> None:
        meeting = self.session.meeting
        locked = meeting.locked
        self.banner.show_for(meeting)
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
        if change == Change.ATTENDEES:
            self.strip.set_people(self.session.meeting.participants)
        if change in PANEL_CHANGES:
            self.reload()

    def sign_off(self, signatures: list[Signature]) -> None:
        s = self.session
        s.write(Change.SIGNOFF, s.portfolio.sign_off, s.meeting_id, signatures)

    def reopen(self) -> None:
        reason = ask_reopen_reason(self)
        if reason:
            s = self.session
            s.write(Change.SIGNOFF, s.portfolio.reopen, s.meeting_id, reason)
