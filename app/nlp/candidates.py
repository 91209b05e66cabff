"""A value candidate: what each reader (numbers with units, calendar, clock, ordinals)
proposes for a token range, before overlapping proposals are resolved."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

EPOCH = date(1970, 1, 1)


def epoch_day(day: date) -> int:
    return (day - EPOCH).days


def granularity(figure: float) -> float:
    """The place value of a figure's last significant digit: 4 -> 1, 300 -> 100,
    2.5 -> 0.1, 2012 -> 1."""
    if figure != figure or figure in (float("inf"), float("-inf")):
        return 1.0
    text = f"{abs(figure):.6f}".rstrip("0").rstrip(".")
    if "." in text:
        return 10.0 ** -len(text.split(".")[1])
    digits = text.lstrip("0")
    if not digits:
        return 1.0
    return 10.0 ** (len(digits) - len(digits.rstrip("0")))


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int  # token range
    end: int
    kind: str
    low: float | None
    high: float | None
    unit: str
    qualifier: str | None
    nominal: float | None
    head: int
    # Weekdays, months and relative days: which way from the article's date ("past",
    # "future", "last" = strictly before, "next" = strictly after), resolved later.
    direction: str | None = None
    zone: str | None = None  # clock times: the time zone named after them ("local", "utc")
    # The precision the figure is written with, in the value's unit: "siete horas" is
    # stated to the hour (3600 s), "300" to the hundred, "2,5 km" to the 100 m.
    step: float | None = None

    def widened(self, start: int, end: int, qualifier: str, low, high) -> Candidate:
        return replace(self, start=start, end=end, qualifier=qualifier, low=low, high=high)
