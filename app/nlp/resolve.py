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
# A day code below this has no month: "el martes 17" (calendar.py).
MONTH_CODE = 100
# How many months around the article's one such a day may be in.
MONTHS_AROUND = 2


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


def _day_of_month_date(
    day_number: int, published: date, direction: str | None, weekday: int | None
) -> date | None:
    """ "el martes 17": the 17th that falls on a Tuesday nearest the article's date, within
    two months either way; with no weekday, or none matching, the nearest 17th the way
    ``direction`` says (ties going back)."""
    found = []
    for months in range(-MONTHS_AROUND, MONTHS_AROUND + 1):
        year, month = divmod(published.year * 12 + published.month - 1 + months, 12)
        if day_number <= calendar.monthrange(year, month + 1)[1]:
            found.append(date(year, month + 1, day_number))
    named = [d for d in found if d.isoweekday() == weekday]
    keep = {
        "past": lambda d: d <= published,
        "last": lambda d: d < published,
        "future": lambda d: d >= published,
        "next": lambda d: d > published,
    }.get(direction or "", lambda d: True)
    found = named or [d for d in found if keep(d)]
    if not found:
        return None
    return min(found, key=lambda d: (abs((d - published).days), d > published))


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


def resolve(
    value: Value, published: date | None, dated: bool = False, weekday: int | None = None
) -> Value | None:
    """The value with relative parts made absolute, or None when it cannot stand alone.
    A weekday given with its date (``dated``: "el lunes 3 de mayo") stays a weekday: the
    date says which day, and the weekday, right or wrong, compares as a weekday. A day of no
    month takes the ``weekday`` written before it ("el martes 17")."""
    monthless = value.kind == "day" and value.low is not None and value.low < MONTH_CODE
    if monthless and published is None:
        return None  # "el martes 17" of no known month
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
    if monthless:
        day = _day_of_month_date(int(value.low), published, value.direction, weekday)
        return None if day is None else _as_days(value, day, day)
    if value.kind == "day":
        month, day_number = divmod(int(value.low), 100)
        year = _month_year(month, published, value.direction)
        try:
            day = date(year, month, day_number)
        except ValueError:
            return value
        return _as_days(value, day, day)
    return value
