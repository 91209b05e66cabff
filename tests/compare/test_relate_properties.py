"""Properties of relate() over hand-built values of every bound kind (no spaCy)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.compare.facts import ValueFacts
from app.compare.relate import (
    AGREEMENT,
    HARD,
    PRECISION,
    SOFT,
    approximately_past_a_bound,
    one_step_from_approximate,
    relate,
    same_round_figure,
    strict,
    two_estimates_of_one_figure,
)
from tests.compare.support import value

RELATIONS = (AGREEMENT, PRECISION, SOFT, HARD)
BOUNDS = ("exact", "more_than", "at_least", "less_than", "at_most", "about", "almost", "between")

figures = st.integers(0, 10_000).map(float)
steps = st.sampled_from([None, 1.0, 10.0, 100.0, 1000.0])


@st.composite
def values(draw: st.DrawFn) -> ValueFacts:
    """A value as the normaliser builds one: "más de 300" is [300, open) around 300."""
    bound = draw(st.sampled_from(BOUNDS))
    n = draw(figures)
    step = draw(steps)
    if bound == "exact":
        return value(low=n, nominal=n, step=step)
    if bound in {"more_than", "at_least"}:
        return value(low=n, high=None, bound=bound, step=step)
    if bound in {"less_than", "at_most"}:
        return value(low=0, high=n, bound=bound, nominal=n, step=step)
    if bound == "about":
        return value(low=n * 0.9, high=n * 1.1, bound=bound, nominal=n, step=step)
    if bound == "almost":
        return value(low=n * 0.9, high=n, bound=bound, nominal=n, step=step)
    return value(low=n, high=n + draw(figures), bound=bound)


def moved(v: ValueFacts, offset: float) -> ValueFacts:
    """The same value, ``offset`` further up: "más de 300" -> "más de 400"."""

    def up(x: float | None) -> float | None:
        return None if x is None else x + offset

    return replace(v, low=up(v.low), high=up(v.high), nominal=up(v.nominal))


def overlap(a: ValueFacts, b: ValueFacts) -> bool:
    (a_low, a_high), (b_low, b_high) = strict(a), strict(b)
    return a_low <= b_high and b_low <= a_high


def contains(outer: ValueFacts, inner: ValueFacts) -> bool:
    (o_low, o_high), (i_low, i_high) = strict(outer), strict(inner)
    return o_low <= i_low and i_high <= o_high


SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None)


@SETTINGS
@given(a=values(), b=values())
def test_relate_is_symmetric(a: ValueFacts, b: ValueFacts) -> None:
    assert relate(a, b) == relate(b, a)


@SETTINGS
@given(a=values(), b=values())
def test_relate_is_one_of_the_four_relations(a: ValueFacts, b: ValueFacts) -> None:
    assert relate(a, b) in RELATIONS


@SETTINGS
@given(a=values())
def test_a_value_agrees_with_itself_and_with_another_outlets_copy(a: ValueFacts) -> None:
    assert relate(a, a) == AGREEMENT
    copy = replace(a, id=a.id + 1, text=f"otra forma de decir {a.text}", party="otra fuente")
    assert relate(a, copy) == AGREEMENT


@SETTINGS
@given(a=values(), b=values(), gap=st.integers(1, 1000).map(float))
def test_disjoint_strict_intervals_are_a_hard_conflict(a, b, gap) -> None:
    # Put the lower of the two wholly below the other, ``gap`` apart; an open value
    # ("más de 300") can only be the upper one.
    lower, upper = (b, a) if a.high is None else (a, b)
    assume(lower.high is not None)  # two open values always overlap
    upper = moved(upper, lower.high + gap - upper.low)
    assert not overlap(lower, upper)
    # Unless one is an approximate round figure a step from the other ("unas cuatro horas"
    # vs "cinco horas"): then soft.
    expected = SOFT if one_step_from_approximate(lower, upper) else HARD
    assert relate(lower, upper) == expected
    assert relate(upper, lower) == expected


@SETTINGS
@given(a=values(), b=values())
def test_hard_exactly_when_the_strict_intervals_are_disjoint(a, b) -> None:
    loose = one_step_from_approximate(a, b)
    assert (relate(a, b) == HARD) == (not overlap(a, b) and not loose)


@SETTINGS
@given(a=values(), b=values())
def test_a_different_precision_means_one_interval_holds_the_other(a, b) -> None:
    if relate(a, b) == PRECISION:
        # Or one round figure given once as a floor ("unas cuatro" / "más de cuatro"), an
        # estimate just past a floor ("unos 6,1 millones" / "más de seis millones"), or two
        # estimates of one figure ("hacia las 9.20" / "poco después de las nueve").
        assert (
            contains(a, b)
            or contains(b, a)
            or same_round_figure(a, b)
            or approximately_past_a_bound(a, b)
            or two_estimates_of_one_figure(a, b)
        )
        # The estimates overlap, at least: two estimates of one figure are never disjoint.
        assert overlap(a, b)
        assert strict(a) != strict(b)
