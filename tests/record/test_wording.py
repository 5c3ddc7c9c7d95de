"""The words, dates and times the window, the minutes and the command line share."""

from __future__ import annotations

import datetime as dt

from reviewdesk.record import wording
from reviewdesk.record.model import Meeting, Partnership, Signature

PLUS_TWO = dt.timezone(dt.timedelta(hours=2))


def test_dates_one_format_per_purpose():
    day = dt.date(2026, 9, 3)
    assert wording.date_long(day) == "3 September 2026"
    assert wording.date_short(day) == "3 Sep 2026"
    assert wording.day_month(day) == "3 Sep"
    assert wording.date_long(None) == wording.date_short(None) == "–"


def test_times_keep_their_real_offset():
    signed = dt.datetime(2026, 9, 30, 16, 40, 5, tzinfo=PLUS_TWO)
    assert wording.time_text(signed) == "16:40 UTC+02:00"
    assert wording.moment_text(signed) == "30 September 2026, 16:40 UTC+02:00"
    assert wording.moment_text(signed, seconds=True) == "30 September 2026, 16:40:05 UTC+02:00"
    west = dt.datetime(2026, 1, 2, 9, 5, tzinfo=dt.timezone(-dt.timedelta(hours=5, minutes=30)))
    assert wording.time_text(west) == "09:05 UTC-05:30"
    assert wording.time_text(signed.astimezone(dt.UTC)) == "14:40 UTC"
    assert wording.time_text(dt.datetime(2026, 1, 2, 9, 5)) == "09:05"  # no zone: none claimed


def test_month_names_do_not_follow_the_computers_language(foreign_language):
    day = dt.date(2026, 3, 3)
    assert f"{day:%b}" != "Mar"  # the computer really speaks another language now
    assert wording.date_long(day) == "3 March 2026"
    assert wording.date_short(day) == "3 Mar 2026"
    assert wording.day_month(day) == "3 Mar"


def test_plurals():
    assert wording.plural(1, "goal") == "1 goal"
    assert wording.plural(2, "goal") == "2 goals"
    assert wording.plural(0, "goal") == "0 goals"
    assert wording.plural(1, "match", "matches") == "1 match"
    assert wording.plural(3, "match", "matches") == "3 matches"


def test_words_for_sides_statuses_and_values():
    assert [wording.side_text(s) for s in ("client", "provider", "joint", None)] == [
        "Client",
        "Provider",
        "Joint",
        "–",
    ]
    assert wording.status_text("on_track") == "on track"
    assert wording.status_label("on_track") == "On track"
    assert wording.status_label("cancelled") == "Cancelled"
    assert wording.average_text(2.25) == "2.3" and wording.average_text(None) == "–"
    assert wording.spoken_average(None) == "not rated"
    assert wording.gap_text(3) == "Gap 3"
    assert wording.listing(["A", "B", "C"]) == "A, B and C"


def test_one_signed_off_sentence():
    meeting = Meeting(Partnership("Acme", "Nimbus"), "Q3 review", dt.date(2026, 9, 30))
    assert wording.signed_off_text(meeting) == ""
    meeting.status = "signed_off"
    meeting.signoff = [
        Signature("Ana Reyes", "client", dt.datetime(2026, 9, 30, 16, 38, tzinfo=PLUS_TWO)),
        Signature("Ben Cruz", "provider", dt.datetime(2026, 9, 30, 16, 40, tzinfo=PLUS_TWO)),
    ]
    assert wording.signed_off_text(meeting) == (
        "Signed off on 30 September 2026, 16:40 UTC+02:00 "
        "by Ana Reyes (Client) and Ben Cruz (Provider)."
    )


def test_last_time_names_both_sides_ratings_briefly():
    from reviewdesk.record.wording import last_time_text

    assert last_time_text(4, 2) == "Last time: Client 4 · Provider 2"
    assert last_time_text(None, 3.5) == "Last time: Client – · Provider 3.5"
    assert last_time_text(None, None) == "Last time: not rated"


def test_time_spent_is_said_in_minutes_with_the_plan_and_nothing_when_none():
    from reviewdesk.record.wording import duration_text, meeting_time_text, section_time_text

    assert section_time_text(0, 15) == ""
    assert section_time_text(12 * 60 + 10, 15) == "Time: 12 min of 15 planned"
    assert section_time_text(12 * 60 + 40, None) == "Time: 13 min"
    assert section_time_text(20, 0) == "Time: under 1 min"
    assert duration_text(65 * 60) == "1 h 05 min"
    assert meeting_time_text(0) == ""
    assert meeting_time_text(77 * 60) == "Meeting time: 1 h 17 min"
