"""How two values of one slot relate: the rules the README documents, one case each."""

from __future__ import annotations

from datetime import date

import pytest

from app.compare.relate import AGREEMENT, HARD, PRECISION, SOFT, likely, relate, worlds_apart
from tests.compare.support import H, epoch_days, value


def duration(low, high=None, **kw):
    return value("duration", low, high, measured="meeting", **kw)


# fmt: off
CASES = [
    # Identical intervals agree.
    (duration(5 * H), duration(5 * H), AGREEMENT),
    # Disjoint intervals cannot both be true.
    (duration(3 * H), duration(5 * H), HARD),
    (value(low=42), value(low=57, bound="at_least", step=1), HARD),
    (value("weekday", 3, measured="meeting"), value("weekday", 4, measured="meeting"), HARD),
    # "más de cuatro horas" is somewhat more than four: five hours is another figure.
    (duration(4 * H, None, bound="more_than", step=H), duration(5 * H), SOFT),
    # ... but four and a half hours is what it said, at a finer precision.
    (duration(4 * H, None, bound="more_than", step=H), duration(4.5 * H), PRECISION),
    # "unas cinco horas" and "cinco horas": the same fact at two precisions.
    (duration(4.5 * H, 5.5 * H, bound="about", nominal=5 * H, step=H), duration(5 * H), PRECISION),
    # "unas cuatro horas" and "cinco horas": a loose estimate one step off, not a flat
    # contradiction; "unas dos horas" and "cinco horas" are.
    (duration(3.6 * H, 4.4 * H, bound="about", nominal=4 * H, step=H), duration(5 * H), SOFT),
    (duration(1.8 * H, 2.2 * H, bound="about", nominal=2 * H, step=H), duration(5 * H), HARD),
    # "más de 50" is beyond one step of "unos 40"; "al menos 50" and "menos de 50" are not.
    (value(low=36, high=44, bound="about", nominal=40, step=10),
     value(low=50, bound="more_than", step=10), HARD),
    (value(low=36, high=44, bound="about", nominal=40, step=10),
     value(low=50, bound="at_least", step=10), SOFT),
    (value(low=56, high=64, bound="about", nominal=60, step=10),
     value(low=None, high=50, bound="less_than", nominal=50, step=10), HARD),
    # "una docena" is counted to the half dozen: 14 is a loose estimate's miss, 20 is not.
    (value(low=10.8, high=13.2, bound="about", nominal=12, step=6), value(low=14), SOFT),
    (value(low=10.8, high=13.2, bound="about", nominal=12, step=6), value(low=20), HARD),
    # "2019" and "abril de 2019".
    (value("date", epoch_days(date(2019, 1, 1)), epoch_days(date(2019, 12, 31)), measured="m"),
     value("date", epoch_days(date(2019, 4, 1)), epoch_days(date(2019, 4, 30)), measured="m"),
     PRECISION),
    # "más de 300" and "más de 500": both can be true, but they are different figures.
    (value(low=300, bound="more_than", step=100), value(low=500, bound="more_than", step=100),
     SOFT),
    (value(low=300, bound="more_than", step=100), value(low=350), PRECISION),
    # Overlapping ranges that neither contains.
    (duration(3 * H, 5 * H), duration(4 * H, 6 * H), SOFT),
    # "más de 400" and "400", "unas cuatro horas" and "más de cuatro horas": one round
    # figure, once given as a floor.
    (value(low=400, bound="more_than", step=100), value(low=400), PRECISION),
    (duration(4 * H, None, bound="more_than", step=H),
     duration(3.6 * H, 4.4 * H, bound="about", nominal=4 * H, step=H), PRECISION),
    # ... but a floor and a ceiling on the same figure differ.
    (value(low=400, bound="more_than", step=100),
     value(low=None, high=400, bound="less_than", nominal=400, step=100), SOFT),
    # "unos 6,1 millones" lies just past "más de seis millones", which lies within it; "unas
    # cinco horas" does not lie within "más de cuatro horas" (somewhat more than four).
    (value(low=5.49e6, high=6.71e6, bound="about", nominal=6.1e6, step=1e5),
     value(low=6e6, bound="more_than", step=1e6), PRECISION),
    (duration(4.5 * H, 5.5 * H, bound="about", nominal=5 * H, step=H),
     duration(4 * H, None, bound="more_than", step=H), SOFT),
    # "casi 40 minutos" stops short of 40.
    (value(low=36, high=40, bound="almost", nominal=40, step=10), value(low=40), SOFT),
    # "hacia las 9.20" lies inside "poco después de las nueve": two estimates of one time.
    (value("time", 9.08 * H, 9.58 * H, measured="m", bound="about", nominal=9.33 * H, step=H),
     value("time", 9 * H, 9.5 * H, measured="m", bound="more_than", nominal=9 * H, step=H),
     PRECISION),
    # ... but "unos 40" does not lie inside "casi 45", nor "unos 400" in the open "más de
    # 300" (somewhat more than 300).
    (value(low=36, high=44, bound="about", nominal=40, step=10),
     value(low=40.5, high=45, bound="almost", nominal=45, step=5), SOFT),
    (value(low=360, high=440, bound="about", nominal=400, step=100),
     value(low=300, bound="more_than", step=100), SOFT),
]
# fmt: on


@pytest.mark.parametrize(("a", "b", "expected"), CASES)
def test_relate(a, b, expected) -> None:
    assert relate(a, b) == expected
    assert relate(b, a) == expected


def test_likely_reading_of_more_than_stops_below_the_next_round_figure() -> None:
    low, high = likely(value(low=300, bound="more_than", step=100))
    assert 300 < low < 301 and 399 < high < 400


def test_exact_values_are_read_as_stated() -> None:
    assert likely(value(low=57)) == (57, 57)


def test_physical_measures_a_hundredfold_apart_are_worlds_apart() -> None:
    years, minutes = duration(25 * 365 * 24 * H), duration(2 * H / 60)
    assert worlds_apart(years, minutes)
    assert not worlds_apart(duration(4 * H), duration(5 * H))
    # Counts may be: the police's and the organisers' crowd.
    assert not worlds_apart(value(low=4_000), value(low=500_000))


def test_sums_of_money_a_millionfold_apart_are_a_price_and_a_total() -> None:
    def euros(low):
        return value("money", low, measured="offer", unit="EUR")

    assert worlds_apart(euros(3.2), euros(12_000_000_000))  # a share's price, the whole bid
    # A thousandfold is still one sum read two ways ("12.000 euros", "12 millones").
    assert not worlds_apart(euros(12_000), euros(12_000_000))
    assert not worlds_apart(euros(3_000_000_000), euros(3_000_000_000_000))
    assert not worlds_apart(euros(3.2), value("count", 12_000))


def test_a_floor_with_no_ceiling_can_be_worlds_apart_too() -> None:
    # "más de una década" against "cuatro horas": not the same length, whatever the bound.
    decade = duration(10 * 365 * 24 * H, None, bound="more_than", step=10 * 365 * 24 * H)
    assert worlds_apart(decade, duration(4 * H)) and worlds_apart(duration(4 * H), decade)
    assert not worlds_apart(duration(4 * H, None, bound="more_than"), duration(5 * H))


def test_an_open_floor_is_read_near_its_figure_when_judging_worlds_apart() -> None:
    # "más de dos horas" against "una década": the floor's figure stands for its ceiling.
    hours = duration(2 * H, None, bound="more_than", step=H)
    decade = duration(10 * 365 * 24 * H)
    assert worlds_apart(decade, hours) and worlds_apart(hours, decade)
    assert not worlds_apart(duration(2 * H, None, bound="more_than"), duration(150 * H))
