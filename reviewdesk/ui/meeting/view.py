"""The meeting screen: header, signed-off banner, navigator on the left, the current step's page."""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.record.model import Coverage, Meeting
from reviewdesk.record.rules import coverage
from reviewdesk.record.smart import missing_letters
from reviewdesk.record.wording import date_short, plural, rated_progress_text, reopened_text
from reviewdesk.ui import style
from reviewdesk.ui.meeting import edits
from reviewdesk.ui.meeting.navigator import Navigator, Step
from reviewdesk.ui.meeting.pages.actions import ActionsPage
from reviewdesk.ui.meeting.pages.goals import GoalsPage
from reviewdesk.ui.meeting.pages.register import RegisterPage, register_step
from reviewdesk.ui.meeting.pages.round import RoundPage
from reviewdesk.ui.meeting.pages.scorecard import ScorecardPage, scorecard_step
from reviewdesk.ui.meeting.pages.wrapup import WrapUpPage
from reviewdesk.ui.meeting.round_state import RoundState
from reviewdesk.ui.meeting.section_time import SectionTimes
from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.meeting.timebox import Timebox, hhmmss
from reviewdesk.ui.widgets.cards import banner_text, label, page_scroll
from reviewdesk.ui.widgets.elided_label import ElidedLabel
from reviewdesk.ui.widgets.slicing import Slicer
from reviewdesk.ui.widgets.text_fit import fit_pair

SECTION_PREFIX = "section:"
TABLE_PAGES = ("actions",)  # pages that are a table: not scrolled as a whole
# hidden section pages kept built besides the one shown; an older one is dropped (after its
# text was handed over) and made again on a return: a section of a big review holds ~5 MiB of
# widgets, and every step kept built made the window outgrow its memory budget
KEEP_SECTIONS = 2
NAVIGATOR_PX = 272  # the steps' width at the normal text size
NAVIGATOR_MIN_PX = 200

# The pages after the agenda sections: key -> (class, title)
OTHER_PAGES = {
    "scorecard": (ScorecardPage, "Scorecard"),
    "register": (RegisterPage, "Register"),
    "round": (RoundPage, "Private round"),
    "goals": (GoalsPage, "Goals"),
    "actions": (ActionsPage, "Actions"),
    "wrapup": (WrapUpPage, "Wrap-up & sign-off"),
}


def header_text(meeting: Meeting) -> str:
    return f"{meeting.partnership.label}  ·  {meeting.title}  ·  {_header_date(meeting)}"


def _header_date(meeting: Meeting) -> str:
    return date_short(meeting.date)


class MeetingHeader(ElidedLabel):
    """'client ↔ provider · title · date' on one line: long names are cut with '…' each, the
    title only when it alone would take more than half the line, the date never."""

    def __init__(self, meeting: Meeting, parent: QWidget | None = None):
        self.meeting = meeting
        super().__init__(header_text(meeting), parent)

    def set_meeting(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self.setText(header_text(meeting))

    def fitted(self, metrics: QFontMetrics, width: int) -> str:
        m = getattr(self, "meeting", None)
        if m is None or metrics.horizontalAdvance(self.text()) <= width:
            return self.text()
        dot, arrow = "  ·  ", " ↔ "
        tail = dot + _header_date(m)
        title_room = width // 2 - metrics.horizontalAdvance(dot + tail)
        title = metrics.elidedText(m.title, Qt.TextElideMode.ElideRight, max(0, title_room))
        rest = dot + title + tail
        room = width - metrics.horizontalAdvance(rest + arrow)
        client, provider = fit_pair(metrics, m.partnership.client, m.partnership.provider, room)
        return client + arrow + provider + rest


def _listed(labels: list[str], shown: int = 2) -> str:
    """ "a, b" or "a, b and 3 more" (the status bar is one line)."""
    if len(labels) <= shown:
        return ", ".join(labels)
    return f"{', '.join(labels[:shown])} and {len(labels) - shown} more"


def _rated(covered: Coverage) -> str:
    """'3 of 24 rated' (both sides), the wrap-up's progress."""
    return f"{covered.rated} of {covered.questions} rated" if covered.questions else ""


def meeting_steps(meeting: Meeting, timeboxes: dict[str, Timebox]) -> list[Step]:
    """The navigator's steps with progress (answered/total ratings over both sides) and time."""
    present = sum(p.present for p in meeting.participants)
    steps = [
        Step(
            "attendees",
            "Attendees",
            f"{present}/{len(meeting.participants)} present",
            finished=present > 0,
            finished_when="someone is marked present",
        ),
        scorecard_step(meeting),
        register_step(meeting),
    ]
    if meeting.rounds:
        steps.append(round_step(meeting))
    for s in meeting.sections:
        tb = timeboxes.get(s.key)
        steps.append(
            Step(
                SECTION_PREFIX + s.key,
                s.title,
                f"{s.answered}/{s.total} rated",
                tb.short() if tb else "",
                finished=s.total > 0 and s.answered == s.total,
                finished_when="both sides rated every question",
            )
        )
    active = [g for g in meeting.goals if g.active]
    steps.append(
        Step(
            "goals",
            "Goals",
            plural(len(meeting.goals), "goal"),
            finished=bool(meeting.goals) and not any(missing_letters(g) for g in active),
            finished_when="every active goal meets SMART",
        )
    )
    open_actions = [a for a in meeting.actions if a.status == "open"]
    steps.append(
        Step(
            "actions",
            "Actions",
            f"{len(open_actions)} open",
            finished=bool(meeting.actions) and all(a.owner and a.due for a in open_actions),
            finished_when="every open action has an owner and a due date",
        )
    )
    steps.append(
        Step(
            "wrapup",
            "Wrap-up & sign-off",
            "signed" if meeting.locked else _rated(coverage(meeting.sections)),
            finished=meeting.locked,
            finished_when="both sides signed off",
        )
    )
    return steps


def round_progress(meeting: Meeting) -> str:
    """'2 of 5 have rated' while a private round is open (people, never values), else ''."""
    found = meeting.open_round()
    if found is None:
        return ""
    rnd = found[1]
    return rated_progress_text(len(rnd.raters) - len(rnd.waiting), len(rnd.raters))


def round_step(meeting: Meeting) -> Step:
    """The Private round step, there once the meeting has a round."""
    progress = round_progress(meeting)
    return Step(
        "round",
        "Private round",
        progress or "revealed",
        finished=not progress,
        finished_when="everyone chosen has rated and the round is revealed",
    )


class MeetingView(QWidget):
    """Everything about one open meeting; ``pending`` when typed text waits for its commit,
    ``save_state_changed`` when what the status bar should say may have changed."""

    pending = Signal()
    settled = Signal()
    step_changed = Signal(str)
    save_state_changed = Signal()

    def __init__(
        self,
        session: MeetingSession,
        parent: QWidget | None = None,
        now: Callable[[], float] | None = None,
    ):
        super().__init__(parent)
        self.session = session
        meeting = session.meeting
        self.times = SectionTimes(session, now or monotonic, self)
        self.timeboxes = self.times.timeboxes
        for tb in self.timeboxes.values():
            tb.ticked.connect(self._refresh_steps)
        self.clock = self.times.clock  # the sum of the section timers
        self._pages: dict[str, QWidget] = {}
        self.page_areas: dict[str, QWidget] = {}
        self._sections_seen: list[str] = []  # section steps built, the latest last
        self._scrolled_to: dict[str, int] = {}  # where a dropped section page was scrolled

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        head = QWidget()
        head.setObjectName("meetingHeader")
        head.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        head_layout = QHBoxLayout(head)
        style.scaled(head_layout, margins=(16, 8, 16, 8))
        self.header = MeetingHeader(meeting)
        self.header.setProperty("role", "header")
        self.header.setAccessibleName("Meeting")
        head_layout.addWidget(self.header, 1)
        outer.addWidget(head)

        self.banner = label("", "banner", wrap=True)
        self.banner.setAccessibleName("Signed-off banner")
        banner_box = QWidget()
        bl = QVBoxLayout(banner_box)
        style.scaled(bl, margins=(16, 8, 16, 0))
        bl.addWidget(self.banner)
        self.banner_box = banner_box
        outer.addWidget(banner_box)
        # why a reopened meeting is open again, above every page (plain text: no escapes)
        self.reopened = label("", "muted", wrap=True)
        self.reopened.setTextFormat(Qt.TextFormat.PlainText)
        self.reopened.setAccessibleName("Why the meeting was reopened")
        self.reopened_box = QWidget()
        rl = QVBoxLayout(self.reopened_box)
        style.scaled(rl, margins=(16, 8, 16, 0))
        rl.addWidget(self.reopened)
        outer.addWidget(self.reopened_box)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        self.navigator = Navigator()
        body.addWidget(self.navigator)
        self.stack = QStackedWidget()
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)

        self.navigator.set_steps(meeting_steps(meeting, self.timeboxes))
        self.navigator.step_chosen.connect(self.show_step)
        for keys, delta in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda d=delta: self.move(d))
        session.changed.connect(self._changed)
        session.lock_changed.connect(self._lock_changed)
        RoundState.of(session).show_round.connect(lambda: self.go_to("round"))
        for signal in (
            self.pending,
            self.settled,
            session.saved,
            session.failed,
            session.unsaved_changed,
            session.history_changed,
        ):
            signal.connect(self.save_state_changed)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()
        self._show_banner()
        # The first step's page comes a turn after the meeting's frame (header and steps):
        # opening paints in two turns of the event loop, not one twice as long. Asking for the
        # pages (or the current step) before then builds it at once.
        self._warm = Slicer(self)
        self._warm.add(self._show_first_step)
        # the partnership's earlier reviews (section pages' last ratings, the scorecard's
        # trends) read in a later turn of their own, not in the first visit to either page
        self._warm.add(session.read_ahead)

    def _show_first_step(self) -> None:
        """Show the first step, unless a step was chosen meanwhile."""
        if self.navigator.current_key() is None:
            self.navigator.select(self.navigator.keys()[0])

    @property
    def pages(self) -> dict[str, QWidget]:
        """The pages built so far, by step key (the first step's at least)."""
        self._show_first_step()
        return self._pages

    # ---- steps ---------------------------------------------------------------------------

    def current_key(self) -> str | None:
        self._show_first_step()
        return self.navigator.current_key()

    def current_page(self) -> QWidget | None:
        key = self.current_key()
        return self._pages.get(key) if key else None

    def move(self, delta: int) -> None:
        self._show_first_step()
        self.navigator.move(delta)

    def go_to(self, key: str) -> None:
        """Select a step in the navigator and show it (unknown keys are ignored)."""
        steps = self.navigator.keys()
        if key in steps:
            self.navigator.select(key)

    def show_step(self, key: str) -> None:
        """Flush the page being left, then show (building on first use) the chosen one."""
        self.flush()
        self._follow_with_timer(key)
        if key not in self._pages:
            # the Actions page fits the view and its table scrolls (a long list stays fast);
            # every other page scrolls as a whole. The page is made inside its place in the
            # stack: a widget tree moved into a styled parent is styled again, widget by widget
            if key in TABLE_PAGES:
                page = area = self._make_page(key, self.stack)
                self.stack.addWidget(area)
            else:
                area = page_scroll()
                self.stack.addWidget(area)
                page = self._make_page(key, area.viewport())
                area.setWidget(page)
                page.setAutoFillBackground(False)  # the viewport paints the page colour
            self._pages[key] = page
            self.page_areas[key] = area
            self._return_to(key)
        self.stack.setCurrentWidget(self.page_areas[key])
        self._drop_old_sections(key)
        self.step_changed.emit(key)

    def _drop_old_sections(self, shown: str) -> None:
        """Keep the shown step and the KEEP_SECTIONS section pages seen last; drop older ones."""
        if shown.startswith(SECTION_PREFIX):
            if shown in self._sections_seen:
                self._sections_seen.remove(shown)
            self._sections_seen.append(shown)
        hidden = [k for k in self._sections_seen if k != shown and k in self._pages]
        for key in hidden[: max(0, len(hidden) - KEEP_SECTIONS)]:
            page = self._pages[key]
            if getattr(page, "dirty", False):  # (flushed on leaving: only if a save failed)
                continue
            area = self.page_areas.pop(key)
            self._pages.pop(key)
            self._sections_seen.remove(key)
            if isinstance(area, QScrollArea):
                self._scrolled_to[key] = area.verticalScrollBar().value()
            self.stack.removeWidget(area)
            area.deleteLater()

    def _return_to(self, key: str) -> None:
        """A dropped page made again shows where it was scrolled to, once it is complete."""
        where = self._scrolled_to.pop(key, 0)
        area = self.page_areas[key]
        if not where or not isinstance(area, QScrollArea):
            return
        bar = area.verticalScrollBar()
        slicer = getattr(self._pages[key], "slicer", None)
        if slicer is not None and not slicer.done:  # (a timer with its bar: gone with it)
            slicer.finished.connect(lambda: QTimer.singleShot(0, bar, lambda: bar.setValue(where)))
        else:
            QTimer.singleShot(0, bar, lambda: bar.setValue(where))

    def _follow_with_timer(self, key: str) -> None:
        """A section's timer never runs while another step is shown: leaving it pauses it,
        and a running timer moves on with the facilitator into the next section."""
        section = key.removeprefix(SECTION_PREFIX) if key.startswith(SECTION_PREFIX) else None
        running = [k for k, tb in self.timeboxes.items() if tb.running and k != section]
        for k in running:
            self.timeboxes[k].toggle()
        follow = self.timeboxes.get(section or "")
        if running and follow is not None and not follow.running:
            follow.toggle()

    def _make_page(self, key: str, parent: QWidget | None = None) -> QWidget:
        if key == "attendees":
            from reviewdesk.ui.meeting.pages.attendees import AttendeesPage

            page = AttendeesPage(self.session, parent)
        elif key.startswith(SECTION_PREFIX):
            from reviewdesk.ui.meeting.pages.section import SectionPage

            skey = key[len(SECTION_PREFIX) :]
            page = SectionPage(self.session, skey, self.timeboxes.get(skey), parent)
        else:
            page = self._other_page(key, parent)
        if hasattr(page, "pending"):
            page.pending.connect(self.pending)
        if hasattr(page, "settled"):
            page.settled.connect(self.settled)
        return page

    def _other_page(self, key: str, parent: QWidget | None = None) -> QWidget:
        page_class, _title = OTHER_PAGES[key]
        return page_class(self.session, parent)

    def rescale(self) -> None:
        """After View → Larger / Smaller text: rebuild this module's pages at the new size.

        The goals, actions and wrap-up pages keep their state (a half-drawn signature must
        survive a zoom) and follow the stylesheet only.
        """
        self.flush()
        self._fit_navigator()
        self.navigator.doItemsLayout()
        current = self.current_key()
        for key in [k for k in self._pages if k not in OTHER_PAGES]:
            area = self.page_areas.pop(key)
            self._pages.pop(key)
            self.stack.removeWidget(area)
            area.deleteLater()
        if current is not None:
            self.show_step(current)

    def resizeEvent(self, event: Any) -> None:
        self._fit_navigator()
        super().resizeEvent(event)

    def _fit_navigator(self) -> None:
        """The steps take their width at the text size, but never more than two sevenths of a small
        screen: the page beside them needs the room more."""
        width = min(style.px(NAVIGATOR_PX), max(NAVIGATOR_MIN_PX, self.width() * 2 // 7))
        if self.navigator.width() != width:
            self.navigator.setFixedWidth(width)

    def flush(self) -> None:
        """Commit every page's waiting text and the timers' time (on step change, export and
        close)."""
        for page in self._pages.values():
            flush = getattr(page, "flush", None)
            if callable(flush):
                flush()
        self.times.save_all()

    # ---- reacting ------------------------------------------------------------------------

    def _changed(self, _change: Change) -> None:
        self._refresh_steps()

    def _refresh_steps(self) -> None:
        steps = meeting_steps(self.session.meeting, self.timeboxes)
        if [s.key for s in steps] != self.navigator.keys():  # the round's step came
            self.navigator.set_steps(steps)
        for step in steps:
            self.navigator.update_step(step)
        self.navigator.viewport().update()

    def _lock_changed(self, locked: bool) -> None:
        if locked:
            self.times.pause_all()
        self._show_banner()
        self._refresh_steps()

    def _show_banner(self) -> None:
        meeting = self.session.meeting
        self.banner.setText(banner_text(meeting))
        self.banner_box.setVisible(meeting.locked)
        last = meeting.reopenings[-1] if meeting.reopenings else None
        self.reopened.setText(reopened_text(last.reopened_at, last.reason) if last else "")
        self.reopened_box.setVisible(last is not None and not meeting.locked)

    def _on_tick(self) -> None:
        self.times.tick()

    # ---- saving and undo ------------------------------------------------------------------

    def typing(self) -> bool:
        """Typed text waits for its commit (the debounce)."""
        return any(getattr(page, "dirty", False) for page in self._pages.values())

    def save_status(self) -> tuple[str, str]:
        """(state, words) for the status bar; never "No unsaved changes" while there are."""
        s = self.session
        if s.portfolio.readonly:
            return "readonly", "Read-only"
        unsaved = s.unsaved_labels()
        if unsaved:
            return "failed", f"Not saved: {_listed(unsaved)} — retrying"
        if self.typing():
            return "pending", "Saving…"
        drafts = [label for label, _text in s.drafts().values()]
        if drafts:
            return "pending", f"Not saved: {_listed(drafts)}"  # amber: it waits for the user
        if s.last_failure:
            return "failed", "Not saved"
        if s.saved_once:
            return "saved", "Saved"
        return "idle", "No unsaved changes"

    def unsaved(self) -> list[str]:
        """What is not in the file, after handing over typed text: one label each."""
        with self.session.muted_alerts():  # the question about leaving says it all
            self.flush()
        drafts = [label for label, _text in self.session.drafts().values()]
        return self.session.unsaved_labels() + drafts

    def save_unsaved(self) -> bool:
        """Try once more, waiting the usual time for the file, and add typed decisions."""
        s = self.session
        with s.muted_alerts():
            s.retry_unsaved(patient=True)
            for key, (label, text) in s.drafts().items():
                kind, section_key = key
                s.set_draft(key, label, "")  # added now: the page's field empties
                if kind == "decision" and not edits.add_decision(s, section_key, text.strip()):
                    s.set_draft(key, label, text)
        return not self.unsaved()

    def discard_unsaved(self) -> None:
        self.session.discard_unsaved()

    def can_undo(self) -> bool:
        return self.session.can_undo() or (self.typing() and not self.session.readonly)

    def undo(self) -> bool:
        """Edit → Undo: typed text is saved first, so it is the step taken back."""
        self.flush()
        return self.session.undo()

    def redo(self) -> bool:
        self.flush()
        return self.session.redo()

    def round_status(self) -> str:
        """The status bar's word on an open private round: people, never values."""
        progress = round_progress(self.session.meeting)
        return f"Private round: {progress}" if progress else ""

    def meeting_time(self) -> str:
        return hhmmss(self.clock.elapsed())

    def close_view(self) -> None:
        """Save what is waiting and stop: no page goes on building (its session is going)."""
        self.flush()
        self._tick.stop()
        # the pages are deleted one per turn after this, the session before them
        self.stop_building()
        self.session.stop()

    def stop_building(self) -> None:
        """No page goes on building itself in slices (the meeting or the window closes, and
        the file with it)."""
        for slicer in self.findChildren(Slicer):  # pages' own and their parts' (carried…)
            slicer.cancel()
