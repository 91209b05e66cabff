"""An hour said in words with no part of the day ("a las nueve y cuarto") is nine in the
morning or at night. Against another report of the moment it is read in the half of the day
that report is in: "las nueve y cuarto" and "las 21.15" are one time; "las nueve y cuarto"
and "las 22.15" still differ by an hour."""

from __future__ import annotations

from app.compare.clock_zones import HALF_DAY, shifted, wrap
from app.compare.facts import ValueFacts

EITHER_HALF = "either-half"  # set by app/nlp/scope.py


def _middle(v: ValueFacts) -> float | None:
    if v.nominal is not None:
        return v.nominal
    if v.low is None or v.high is None:
        return None
    return (v.low + v.high) / 2


def in_the_same_half(a: ValueFacts, b: ValueFacts) -> tuple[ValueFacts, ValueFacts]:
    """Two clock times, the one that may be in either half of the day put in the half
    nearer the other."""
    for x, y, flip in ((a, b, False), (b, a, True)):
        if EITHER_HALF not in x.scope or EITHER_HALF in y.scope:
            continue
        mx, my = _middle(x), _middle(y)
        if mx is None or my is None or abs(wrap(mx + HALF_DAY - my)) >= abs(wrap(mx - my)):
            continue
        later = shifted(x, HALF_DAY)
        if later is not None:
            return (y, later) if flip else (later, y)
    return a, b
