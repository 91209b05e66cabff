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
_CLOCK = re.compile(r"(\d\d):(\d\d)$")
# Readings of the same clock time in reports this close describe the same moment.
SAME_DAY = timedelta(hours=20)


def moment_of(value: ValueFacts) -> str | None:
    return next((t[len(MOMENT) :] for t in value.scope if t.startswith(MOMENT)), None)


def _clock(when: str) -> tuple[str, int] | None:
    """ "weekday=2 21:00" -> ("weekday=2", 1260): the day part and minutes of the day."""
    found = _CLOCK.search(when)
    if found is None:
        return None
    day = when[: found.start()].strip()
    return day, int(found.group(1)) * 60 + int(found.group(2))


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
    ca, cb = _clock(ma or ""), _clock(mb or "")
    if ca is None or cb is None or ca[0] != cb[0] or ca[1] == cb[1]:
        return None
    return 1 if cb[1] > ca[1] else -1
