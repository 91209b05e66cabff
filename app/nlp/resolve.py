"""Relative calendar values resolved against the article's publication date: "ayer" in an
article of 9 September is 8 September; "el martes" in a past-tense sentence is the last
Tuesday on or before it; "septiembre del año pasado" is September of the year before.

Without a publication date a relative day means nothing outside its article and is
dropped; weekdays and months stay as written (they still compare as weekdays and months).
"""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta

from app.nlp.candidates import epoch_day
from app.nlp.values import Value

# How far a bare weekday may lie from the article's date.
WEEK = 7


def _weekday_date(weekday: int, published: date, direction: str | None) -> date:
    delta = (weekday - published.isoweekday()) % WEEK  # days forward to that weekday
    forward = published + timedelta(days=delta)
    backward = published - timedelta(days=(WEEK - delta) % WEEK)
    if direction == "past":
        return backward
    if direction == "last":
        return backward if backward != published else published - timedelta(days=WEEK)
    if direction == "future":
        return forward
    if direction == "next":
        return forward if forward != published else published + timedelta(days=WEEK)
    # Nearest, with ties going back: news reports what has happened.
    return backward if (published - backward) <= (forward - published) else forward


def _month_year(month: int, published: date, direction: str | None) -> int:
    if direction == "last":
        return published.year - 1 if month >= published.month else published.year
    if direction == "next":
        return published.year + 1 if month <= published.month else published.year
    if direction == "future":
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def _as_days(value: Value, first: date, last: date) -> Value:
    return replace(
        value,
        kind="date",
        unit="epoch_day",
        low=float(epoch_day(first)),
        high=float(epoch_day(last)),
        nominal=None,
        step=None,
    )


def resolve(value: Value, published: date | None, dated: bool = False) -> Value | None:
    """The value with relative parts made absolute, or None when it cannot stand alone.
    A weekday given with its date (``dated``: "el lunes 3 de mayo") stays a weekday: the
    date says which day, and the weekday, right or wrong, compares as a weekday."""
    if value.kind == "day_offset":
        if published is None or value.low is None:
            return None
        day = published + timedelta(days=int(value.low))
        return _as_days(value, day, day)
    if published is None or value.low is None:
        return value
    if value.kind == "weekday" and not dated:
        day = _weekday_date(int(value.low), published, value.direction)
        return _as_days(value, day, day)
    if value.kind == "month" and value.qualifier is None:
        month = int(value.low)
        year = _month_year(month, published, value.direction)
        last = calendar.monthrange(year, month)[1]
        return _as_days(value, date(year, month, 1), date(year, month, last))
    if value.kind == "day":
        month, day_number = divmod(int(value.low), 100)
        year = _month_year(month, published, value.direction)
        try:
            day = date(year, month, day_number)
        except ValueError:
            return value
        return _as_days(value, day, day)
    return value
