"""The Wrap-up & sign-off page: gaps, decisions and actions, then both sides sign and lock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.record.model import Action, Meeting, Signature
from reviewdesk.record.rules import perception_gaps
from reviewdesk.ui import style
from reviewdesk.ui.meeting.pages.signoff_strip import SignOffStrip
from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.widgets.common import (
    CLIENT,
    GAP_RED,
    MUTED,
    PROVIDER,
    SIDE_COLOURS,
    WHITE_SCROLL_AREA,
    Card,
    LockBanner,
    fmt_date,
    muted,
    page_title,
    section_heading,
    side_label,
)
from reviewdesk.ui.widgets.history_panels import AcrossReviews, gap_badge
from reviewdesk.ui.widgets.text_fit import html_text

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


def gaps_html(meeting: Meeting) -> str:
    gaps = perception_gaps(meeting)
    if not gaps:
        rated = sum(q.gap is not None for s in meeting.sections for q in s.questions)
        if not rated:
            return (
                f'<span style="color:{MUTED}">No question has been rated by both sides yet.</span>'
            )
        return (
            f'<span style="color:{MUTED}">No perception gaps: on the {rated} question'
            f"{'s' if rated != 1 else ''} both sides rated, they are within 1 point.</span>"
        )
    items = []
    for section, q in gaps:
        items.append(
            f"<p>{gap_badge(q.gap or 0)} {html_text(q.text)}<br>"
            f'<span style="color:{CLIENT}">Client {q.client_rating}</span> · '
            f'<span style="color:{PROVIDER}">Provider {q.provider_rating}</span> '
            f'<span style="color:{MUTED}">· {html_text(section.title)}</span></p>'
        )
    return "".join(items)


def decisions_html(meeting: Meeting) -> str:
    blocks = []
    for s in meeting.sections:
        if s.decisions:
            lis = "".join(f"<li>{html_text(d.text)}</li>" for d in s.decisions)
            blocks.append(f"<b>{html_text(s.title)}</b><ul style='margin:0'>{lis}</ul>")
    return "".join(blocks) or f'<span style="color:{MUTED}">No decisions recorded yet.</span>'


def _action_line(action: Action, meeting: Meeting) -> str:
    bits = [html_text(action.text)]
    who = html_text(action.owner) if action.owner else ""
    if action.side:
        colour = SIDE_COLOURS[action.side]
        who += f' <span style="color:{colour}">({side_label(action.side)})</span>'
    if who:
        bits.append(who.strip())
    if action.due:
        due = f"due {fmt_date(action.due)}"
        if action.is_overdue(meeting.date):
            due = f'<span style="color:{GAP_RED}; font-weight:600">{due} · overdue</span>'
        bits.append(due)
    if action.status != "open":
        bits.append(f'<span style="color:{MUTED}">{action.status}</span>')
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
    content = QLabel()
    content.setTextFormat(Qt.TextFormat.RichText)
    content.setWordWrap(True)
    content.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    content.setAccessibleName(title)
    content.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
    content.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    area = QScrollArea()  # a long list scrolls inside its panel; the sign-off stays in view
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setMaximumHeight(style.px(PANEL_MAX_PX))
    area.setStyleSheet(WHITE_SCROLL_AREA)
    area.setWidget(content)
    card.body.addWidget(area, 1)
    return card, content


class SignedList(QWidget):
    """The stored signatures of a signed-off meeting, each image at its drawn aspect ratio."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(24)
        self.grid.setVerticalSpacing(4)

    def show_signatures(self, signatures: list[Signature]) -> None:
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
                        SIGNATURE_HEIGHT, Qt.TransformationMode.SmoothTransformation
                    )
                )
            else:
                image.setText("(no drawn signature)")
            image.setAccessibleName(f"Signature of {s.name}")
            colour = SIDE_COLOURS.get(s.side, MUTED)
            who = QLabel(
                f"<b>{html_text(s.name)}</b><br>{html_text(s.role) or '&nbsp;'}<br>"
                f'<span style="color:{colour}; font-weight:600">{side_label(s.side)}</span>'
                f' <span style="color:{MUTED}">· {s.signed_at:%Y-%m-%d %H:%M} UTC</span>'
            )
            who.setAccessibleName(f"Signer {s.name}")
            self.grid.addWidget(image, 0, col, Qt.AlignmentFlag.AlignBottom)
            self.grid.addWidget(who, 1, col, Qt.AlignmentFlag.AlignTop)
        self.grid.setColumnStretch(len(signatures), 1)


class WrapUpPage(QWidget):
    """Three panels (gaps, decisions, actions), the trends across reviews, the sign-off strip."""

    def __init__(self, session: MeetingSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(style.px(16), style.px(16), style.px(16), style.px(16))
        layout.setSpacing(style.px(12))

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
        panels.setSpacing(12)
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
        layout.addWidget(self.signoff_card)
        layout.addStretch(1)

        session.changed.connect(self._on_changed)
        session.lock_changed.connect(lambda _locked: self._show_lock(restart=True))
        self.strip.start(session.meeting)
        self.reload()

    def showEvent(self, event: Any) -> None:
        self.banner.update_visibility()
        super().showEvent(event)

    def reload(self) -> None:
        """Re-read the panels and the lock state from the session."""
        meeting = self.session.meeting
        self.gaps.setText(gaps_html(meeting))
        self.decisions.setText(decisions_html(meeting))
        self.actions.setText(actions_html(meeting))
        self._show_lock(restart=False)

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
            "<br>".join(
                f"Reopened {r.reopened_at:%Y-%m-%d %H:%M} UTC: {html_text(r.reason)}"
                + (f" (voided: {html_text(', '.join(r.voided))})" if r.voided else "")
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
