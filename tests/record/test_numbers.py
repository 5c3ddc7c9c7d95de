from decimal import Decimal

import pytest

from reviewdesk.record.analytics import FollowThrough, age_text, on_time_text
from reviewdesk.record.numbers import one_decimal, percent, whole


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (2.25, "2.3"),  # f"{2.25:.1f}" would say 2.2
        (3.25, "3.3"),
        (4.75, "4.8"),
        (9 / 4, "2.3"),
        (2.35, "2.4"),
        (7 / 3, "2.3"),
        (4, "4.0"),
        (1.04999, "1.0"),
        (-0.04, "0.0"),  # never "-0.0"
        (-2.25, "-2.3"),
    ],
)
def test_one_decimal_rounds_halves_up(value, shown):
    assert one_decimal(value) == shown


def test_whole_numbers_and_percentages_round_halves_up():
    assert [whole(x) for x in (0.5, 1.5, 2.5, 12.4999)] == [1, 2, 3, 12]
    assert whole(Decimal("12.5")) == 13
    assert [percent(1, 8), percent(3, 8), percent(1, 3), percent(2, 3)] == [13, 38, 33, 67]
    assert percent(0, 5) == 0 and percent(3, 0) == 0


def test_follow_through_texts_use_the_same_rounding():
    f = FollowThrough("client", 8, 8, 1, 0, 0, None)
    assert on_time_text(f) == "1 of 8 (13%)"  # round(12.5) would say 12
    assert age_text(12.25) == "12.3 days" and age_text(1) == "1 day" and age_text(None) == "–"
