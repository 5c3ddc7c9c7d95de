"""Perception versus performance: where a side's score of a section and the service levels linked
to it disagree (record.rules.perception_vs_performance), said on that section's page and in the
wrap-up — never on a section it does not concern."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from reviewdesk.record.rules import PerceptionFlag, perception_vs_performance
from reviewdesk.record.scorecard_wording import PERCEPTION_TITLE, perception_flag_text
from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.widgets.text_fit import WrapLabel

WATCHED = (Change.RATINGS, Change.MEASURES, Change.SIGNOFF)
MARK = "⚑"


def flags_text(flags: list[PerceptionFlag], with_section: bool = True) -> str:
    """'⚑ Perception versus performance: …' one line per flag ('' for none)."""
    lines = [f"{MARK} {perception_flag_text(f)}" for f in flags]
    if not lines:
        return ""
    return f"{PERCEPTION_TITLE}:\n" + "\n".join(lines)


class PerceptionNotice(WrapLabel):
    """The flags of one section (``section_key``), or of every section (None); hidden when
    there are none."""

    def __init__(
        self, session: MeetingSession, section_key: str | None, parent: QWidget | None = None
    ):
        super().__init__("", parent)
        self.session = session
        self.section_key = section_key
        self.setTextFormat(Qt.TextFormat.PlainText)  # section titles are the agenda's words
        self.setProperty("role", "notice")
        self.setAccessibleName(PERCEPTION_TITLE)
        self.flags: list[PerceptionFlag] = []
        session.changed.connect(self._changed)
        self.refresh()

    def refresh(self) -> None:
        flags = perception_vs_performance(self.session.meeting)
        if self.section_key is not None:
            flags = [f for f in flags if f.section_key == self.section_key]
        self.flags = flags
        text = flags_text(flags)
        self.setText(text)
        self.setAccessibleDescription(text)
        if flags and self.parentWidget() is None:
            return  # not placed yet: shown with its page (showing it now would make a window)
        self.setVisible(bool(flags))

    def _changed(self, change: Change) -> None:
        if change in WATCHED:
            self.refresh()
