"""Readings (readings.py): figures given at a stated moment are a changing state's
evolution, ordered by when they were read; one moment's readings still conflict."""

from __future__ import annotations

from app.compare.findings import compare_corpus
from app.compare.readings import reading_order
from app.compare.value_findings import CompareOptions
from tests.compare.support import at, claim, value

# "nivel" is no tally: without stated moments, two of its figures contradict each other.
OPTIONS = CompareOptions(concepts=frozenset({"nivel"}))


def level(metres: float, *moment: str):
    return value("length", metres, measured="nivel", unit="m", scope=moment)


def found(*claims) -> list[tuple]:
    drafts = compare_corpus(list(claims), options=OPTIONS).findings
    return sorted((d.kind, d.claim_a.source, d.claim_b.source) for d in drafts)


def test_readings_of_two_moments_are_an_update_in_the_order_they_were_read() -> None:
    morning = claim("A", level(6.2, "moment:07:00"), published=at(9))
    evening = claim("B", level(4.8, "moment:19:00"), published=at(21))
    assert found(evening, morning) == [("update", "A", "B")]


def test_a_reading_makes_a_later_plain_figure_an_update() -> None:
    # "a las 7.00 el río estaba a 6,2 metros" (A), then "el río bajó a 4,8 metros" (B).
    reading = claim("A", level(6.2, "moment:07:00"), published=at(9))
    later = claim("B", level(4.8), published=at(21))
    assert found(reading, later) == [("update", "A", "B")]


def test_without_a_stated_moment_two_figures_of_a_level_conflict() -> None:
    a = claim("A", level(6.2), published=at(9))
    b = claim("B", level(4.8), published=at(21))
    assert found(a, b) == [("conflict", "A", "B")]


def test_readings_of_one_moment_conflict_whenever_they_were_published() -> None:
    a = claim("A", level(6.2, "moment:07:00"), published=at(9))
    b = claim("B", level(4.8, "moment:07:00"), published=at(21))
    assert found(a, b) == [("conflict", "A", "B")]


def test_the_clock_orders_readings_published_together() -> None:
    a = claim("A", level(6.2, "moment:19:00"), published=at(21))
    b = claim("B", level(4.8, "moment:07:00"), published=at(21))
    assert reading_order(a, a.values[0], b, b.values[0]) == -1
    assert found(a, b) == [("update", "B", "A")]


def test_the_same_clock_on_days_apart_is_no_same_moment() -> None:
    a = claim("A", level(6.2, "moment:07:00"), published=at(9, day=9))
    b = claim("B", level(4.8, "moment:07:00"), published=at(9, day=11))
    assert found(a, b) == [("update", "A", "B")]


def test_readings_of_one_day_at_two_hours_are_ordered_by_the_hour() -> None:
    # "El lunes a las 9.00…" and "El lunes a las 18.00…", published together.
    a = claim("A", level(3.0, "moment:weekday=1 09:00"), published=at(20))
    b = claim("B", level(5.0, "moment:weekday=1 18:00"), published=at(20))
    assert found(a, b) == [("update", "A", "B")]


def test_readings_told_differently_and_published_together_stay_unordered() -> None:
    a = claim("A", level(3.0, "moment:weekday=1"), published=at(20))
    b = claim("B", level(5.0, "moment:18:00"), published=at(20))
    assert reading_order(a, a.values[0], b, b.values[0]) is None
