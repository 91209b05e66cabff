"""Readings: figures an article gives at a stated moment ("a las 9.00 el embalse estaba
al 40 %", app/nlp/moments.py). Two readings of one slot at different moments are the
state's evolution, ordered by when they were read; two readings of the same moment on
the same day still contradict each other.
"""

from __future__ import annotations

import re
from datetime import timedelta

from app.compare.facts import ClaimFacts, ValueFacts
from app.compare.parties import later_of, moment

MOMENT = "moment:"
_CLOCK = re.compile(r"(\d\d):(\d\d)")
# Readings of the same clock time in reports this close describe the same moment.
SAME_DAY = timedelta(hours=20)


def moment_of(value: ValueFacts) -> str | None:
    return next((t[len(MOMENT) :] for t in value.scope if t.startswith(MOMENT)), None)


def _when(text: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """ "weekday=2 21:00" -> (("weekday",), (2, 1260)): the kinds of its day parts, and the
    day parts' figures then the minutes of the day, in the order they compare."""
    kinds: list[str] = []
    figures: list[float] = []
    for part in text.split():
        if (clock := _CLOCK.fullmatch(part)) is not None:
            kinds.append("clock")
            figures.append(int(clock.group(1)) * 60 + int(clock.group(2)))
        elif "=" in part:
            kind, _, figure = part.partition("=")
            kinds.append(kind)
            figures.append(float(figure))
    return tuple(kinds), tuple(figures)


def _close(a: ClaimFacts, b: ClaimFacts) -> bool:
    ma, mb = moment(a), moment(b)
    return ma is None or mb is None or abs(ma.at - mb.at) < SAME_DAY


def reading_order(
    a: ClaimFacts, value_a: ValueFacts, b: ClaimFacts, value_b: ValueFacts
) -> int | None:
    """Of two figures at least one of which is a reading: 0 when both are readings of one
    moment, 1 when b's is the later one, -1 when a's is, None when that cannot be told."""
    ma, mb = moment_of(value_a), moment_of(value_b)
    if ma == mb and _close(a, b):
        return 0
    published = later_of(a, b)
    if published:
        return published
    # Published together: the moments themselves, when told the same way ("el lunes a
    # las 9.00" and "el martes a las 8.00"; "a las 7.00" and "a las 19.00").
    (kinds_a, at_a), (kinds_b, at_b) = _when(ma or ""), _when(mb or "")
    if not kinds_a or kinds_a != kinds_b or at_a == at_b:
        return None
    return 1 if at_b > at_a else -1
