"""Numbers as people read them: rounded half up (2.25 → 2.3, 12.5 % → 13 %), like a spreadsheet.

Python's ``round`` and ``f"{x:.1f}"`` round exact halves to even (2.25 → 2.2); averages of 1–5
ratings land on halves often, so every figure the window and the minutes print goes through here.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_TENTH = Decimal("0.1")
_ONE = Decimal("1")


def _rounded(value: float | Decimal, step: Decimal) -> Decimal:
    # repr() is the shortest text that reads back as this float: 2.25 stays 2.25, 1/3 0.333…
    exact = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    result = exact.quantize(step, rounding=ROUND_HALF_UP)
    return result.copy_abs() if result.is_zero() else result  # never "-0.0"


def one_decimal(value: float) -> str:
    """'2.3' for 2.25, '4.0' for 4."""
    return str(_rounded(value, _TENTH))


def whole(value: float | Decimal) -> int:
    """13 for 12.5, 12 for 12.4999."""
    return int(_rounded(value, _ONE))


def percent(part: int, whole_count: int) -> int:
    """The share as a whole percentage, halves up: 1 of 8 is 13."""
    return whole(Decimal(part) * 100 / Decimal(whole_count)) if whole_count else 0


def read_number(text: str, *, decimal_comma: bool = True) -> float | None:
    """A measured number as people type it: '97.5', '97,5' (a decimal comma, when allowed and
    there is no point), '97.5 %', '1 200'; None for a blank. ValueError says what is wrong."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").removesuffix("%")
    if not cleaned:
        return None
    if decimal_comma and "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")) or abs(value) > 1e15:
        raise ValueError(f"{text.strip()!r} is not a number")
    return value
