"""A value candidate: what each reader (numbers with units, calendar, clock, ordinals)
proposes for a token range, before overlapping proposals are resolved."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

EPOCH = date(1970, 1, 1)


def epoch_day(day: date) -> int:
    return (day - EPOCH).days


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

    def widened(self, start: int, end: int, qualifier: str, low, high) -> Candidate:
        return replace(self, start=start, end=end, qualifier=qualifier, low=low, high=high)
