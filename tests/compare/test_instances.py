"""Several occurrences of one kind of event: a quake swarm's magnitudes, depths and times
are not one quake's details reported wrongly."""

from __future__ import annotations

from app.compare.findings import compare_corpus
from app.compare.instances import occurrences
from app.compare.slots import build_slots, corpus_of
from app.compare.value_findings import CompareOptions
from tests.compare.support import H, at, claim, value

OPTIONS = CompareOptions(event_concepts=frozenset({"earthquake"}))
KM = 1000.0
NOON = at(12)


def quake(source: str, magnitude: float | None, depth_km: float | None = None, hour=None):
    values = []
    if magnitude is not None:
        values.append(value("magnitude", magnitude, measured="earthquake"))
    if depth_km is not None:
        values.append(value("length", depth_km * KM, measured="depth"))
    if hour is not None:
        values.append(value("time", hour * H, measured="earthquake"))
    return claim(source, *values, published=NOON)


def conflicts(*claims) -> list[tuple[str, str, str]]:
    found = compare_corpus(list(claims), options=OPTIONS).findings
    return sorted(
        (d.basis, d.claim_a.source, d.claim_b.source) for d in found if d.kind == "conflict"
    )


def test_claims_that_differ_on_time_and_everything_else_are_two_quakes() -> None:
    monday = quake("A", 4.1, 12, hour=22)
    thursday = quake("B", 4.7, 30, hour=5)
    assert conflicts(monday, thursday) == []


def test_a_claim_agreeing_on_one_attribute_joins_that_quake() -> None:
    # C gives only the magnitude: it is B's quake, so it says nothing against A's.
    monday, thursday = quake("A", 4.1, 12, hour=22), quake("B", 4.7, 30, hour=5)
    only_magnitude = quake("C", 4.7)
    assert conflicts(monday, thursday, only_magnitude) == []
    claims = [monday, thursday, only_magnitude]
    numbers = occurrences(build_slots(claims, corpus_of(claims, OPTIONS)), OPTIONS.event_concepts)
    assert numbers[only_magnitude.id] == numbers[thursday.id] != numbers[monday.id]


def test_one_quake_reported_with_another_magnitude_and_depth_still_conflicts() -> None:
    # Outlets differ on a quake's magnitude and depth; they seldom differ on its hour.
    a, b = quake("A", 6.8, 10, hour=3), quake("B", 7.1, 30, hour=3)
    assert conflicts(a, b) == [("length", "A", "B"), ("magnitude", "A", "B")]


def test_magnitude_and_depth_alone_do_not_make_two_quakes() -> None:
    assert conflicts(quake("A", 6.8, 10), quake("B", 7.1, 30)) == [
        ("length", "A", "B"),
        ("magnitude", "A", "B"),
    ]


def test_other_figures_of_claims_about_different_quakes_still_compare() -> None:
    injured = {"measured": "injured"}
    monday = quake("A", 4.1, 12, hour=22)
    thursday = quake("B", 4.7, 30, hour=5)
    monday = claim("A", *monday.values, value(low=3, **injured), published=NOON)
    thursday = claim("B", *thursday.values, value(low=9, **injured), published=NOON)
    assert conflicts(monday, thursday) == [("count", "A", "B")]
