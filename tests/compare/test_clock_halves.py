"""An hour in words with no part of the day is read in the half of the day of the report it
is compared with."""

from __future__ import annotations

from app.compare.clock_halves import EITHER_HALF
from app.compare.relate import AGREEMENT, HARD, relate
from app.compare.slots import value_pair
from tests.compare.support import H, value


def clock(hours: float, *, open_half: bool = False):
    scope = (EITHER_HALF,) if open_half else ()
    return value("time", hours * H, measured="collapse", scope=scope, nominal=hours * H)


def related(a, b):
    pair = value_pair(a, b)
    assert pair is not None
    return relate(*pair)


def test_nine_fifteen_in_words_is_the_evening_time_it_is_compared_with() -> None:
    assert related(clock(9.25, open_half=True), clock(21.25)) == AGREEMENT
    assert related(clock(21.25), clock(9.25, open_half=True)) == AGREEMENT


def test_it_still_differs_from_another_hour_of_that_half() -> None:
    assert related(clock(9.25, open_half=True), clock(22.25)) == HARD


def test_a_morning_report_keeps_it_in_the_morning() -> None:
    assert related(clock(9.25, open_half=True), clock(10.25)) == HARD
    pair = value_pair(clock(9.25, open_half=True), clock(10.25))
    assert pair is not None and pair[0].low == 9.25 * H


def test_digits_are_never_moved() -> None:
    # "las 9.15" against "las 21.15": the digits say which half.
    assert related(clock(9.25), clock(21.25)) == HARD
