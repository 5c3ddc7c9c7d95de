"""Section time is kept in the file: written as the timer runs, read back on reopening."""

from __future__ import annotations

from reviewdesk.store.opening import open_portfolio
from reviewdesk.ui.meeting import view as view_module
from reviewdesk.ui.meeting.section_time import SAVE_EVERY


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _stored(db_path, meeting_id) -> dict[str, int]:
    with open_portfolio(db_path) as other:  # what the file holds, read as a restart would
        return {s.key: s.seconds_spent for s in other.meeting(meeting_id).sections}


def test_section_time_survives_closing_and_reopening(
    qtbot, window, meeting_id, db_path, monkeypatch
):
    clock = FakeClock()
    monkeypatch.setattr(view_module, "monotonic", clock)
    window.open_meeting(meeting_id)
    view = window.meeting_view
    steps = view.navigator.keys()
    first, second = [k for k in steps if k.startswith("section:")][:2]
    key1, key2 = first.removeprefix("section:"), second.removeprefix("section:")
    view.go_to(first)
    view.timeboxes[key1].toggle()  # started
    clock.now += SAVE_EVERY + 5
    # while it runs, the ticking timer writes its time (a kill loses at most SAVE_EVERY s)
    qtbot.waitUntil(lambda: _stored(window.portfolio.path, meeting_id)[key1] == SAVE_EVERY + 5)
    clock.now += 40
    view.go_to(second)  # leaving pauses it and writes it; the time follows into the next one
    assert _stored(window.portfolio.path, meeting_id)[key1] == SAVE_EVERY + 45
    clock.now += 12
    assert view.meeting_time() == "00:01:12"  # the meeting clock: the sections' sum
    window.close_meeting()  # closing writes the running one
    stored = _stored(window.portfolio.path, meeting_id)
    assert stored[key2] == 12
    assert {k: v for k, v in stored.items() if k not in (key1, key2)} == dict.fromkeys(
        set(stored) - {key1, key2}, 0
    )

    window.open_meeting(meeting_id)  # reopened from the file: the timers start from it
    view = window.meeting_view
    assert view.timeboxes[key1].seconds() == SAVE_EVERY + 45
    assert view.timeboxes[key2].seconds() == 12
    assert not view.clock.running  # nothing runs unattended
    assert view.meeting_time() == "00:01:12"


def test_a_paused_timer_writes_nothing_more_and_time_is_not_undone(
    qtbot, window, meeting_id, monkeypatch
):
    clock = FakeClock()
    monkeypatch.setattr(view_module, "monotonic", clock)
    window.open_meeting(meeting_id)
    view = window.meeting_view
    steps = view.navigator.keys()
    first = next(k for k in steps if k.startswith("section:"))
    key = first.removeprefix("section:")
    view.go_to(first)
    box = view.timeboxes[key]
    box.toggle()
    clock.now += 30
    box.toggle()  # paused: written now
    assert _stored(window.portfolio.path, meeting_id)[key] == 30
    assert not window.session.can_undo()  # time is not an edit of the record to take back
    clock.now += 100
    assert box.seconds() == 30


def test_a_signed_off_meeting_keeps_its_time(qtbot, window, portfolio, meeting_id, sign_off):
    portfolio.set_seconds_spent(meeting_id, "trust", 90)
    sign_off(portfolio, meeting_id)
    window.open_meeting(meeting_id)
    view = window.meeting_view
    assert view.timeboxes["trust"].seconds() == 90
    view.flush()
    window.close_meeting()
    assert _stored(portfolio.path, meeting_id)["trust"] == 90
