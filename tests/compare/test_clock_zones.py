"""Clock times given in different zones, brought to one before they are compared."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from app.compare.clock_zones import learned_offsets, local_zone, unify_zones
from tests.compare.support import H, claim, value

NAMES = {"cet": "Europe/Madrid", "wet": "Atlantic/Canary", "utc": "UTC"}
SUMMER = datetime(2025, 7, 18, 20, 0, tzinfo=UTC)
WINTER = datetime(2025, 1, 18, 20, 0, tzinfo=UTC)


def clock(hours: float, zone: str | None = None, text: str = ""):
    scope = (f"zone:{zone}",) if zone else ()
    return value("time", hours * H, measured="fire", scope=scope, text=text or f"{hours}")


def times(claims) -> list[list[tuple[float, tuple[str, ...]]]]:
    return [[(v.low / H, v.scope) for v in c.values] for c in claims]


def test_a_claim_giving_both_readings_says_how_far_the_zone_is() -> None:
    both = claim("A", clock(16.5), clock(14.5, "utc"), published=SUMMER)
    assert learned_offsets([both]) == {"utc": 2 * H}
    other = claim("B", clock(14.5, "utc"), published=SUMMER)
    unified = unify_zones([both, other], NAMES)
    # The repeated GMT reading is left out; the other outlet's is read in local time.
    assert times(unified) == [[(16.5, ())], [(16.5, ())]]


def test_zones_of_the_tz_database_convert_on_the_day_reported() -> None:
    # One hour between the Canaries and the peninsula, summer or winter.
    for day in (SUMMER, WINTER):
        canary = claim("A", clock(2.25, "wet"), published=day)
        peninsula = claim("B", clock(3.25, "cet"), published=day)
        third = claim("C", clock(5, "cet"), published=day)
        unified = unify_zones([canary, peninsula, third], NAMES)
        assert {v.low for c in unified[:2] for v in c.values} == {3.25 * H}
    # GMT is one hour behind Madrid in winter, two in summer.
    for day, madrid in ((WINTER, 13), (SUMMER, 14)):
        unified = unify_zones(
            [
                claim("A", clock(12, "utc"), published=day),
                claim("B", clock(9, "cet")),
                claim("C", clock(10, "cet")),
            ],
            NAMES,
        )
        assert unified[0].values[0].low == madrid * H


def test_a_zone_with_no_known_relation_is_left_as_it_was() -> None:
    given = [claim("A", clock(8, "utc")), claim("B", clock(8, "hst"))]
    assert unify_zones(given, {"utc": "UTC"})[1] == given[1]


def test_a_time_that_would_straddle_midnight_is_left_as_it_was() -> None:
    near = value("time", 23.5 * H, 23.9 * H, measured="fire", scope=("zone:utc",))
    other = claim("B", clock(9, "cet"), published=WINTER)
    unified = unify_zones([claim("A", near, published=WINTER), other], NAMES)
    assert unified[0].values[0] == near


def test_untagged_times_are_in_the_zone_whose_conversions_meet_them() -> None:
    # "volcó a las 02.10" (untagged), "a las 03.10 hora peninsular", "a las 02.10 hora
    # canaria": the coverage's own time is Canary time, so "sobre las 04.40" is comparable.
    given = [
        claim("A", clock(2 + 10 / 60), published=WINTER),
        claim("B", clock(3 + 10 / 60, "cet"), published=WINTER),
        claim("C", clock(2 + 10 / 60, "wet"), published=WINTER),
        claim("D", clock(4 + 40 / 60), published=WINTER),
    ]
    unified = unify_zones(given, NAMES)
    assert [round(v.low / 60) for c in unified for v in c.values] == [130, 130, 130, 280]
    assert all(v.scope == () for c in unified for v in c.values)


def test_round_times_are_no_evidence_of_the_local_zone() -> None:
    given = [claim("A", clock(2)), claim("B", clock(3, "cet")), claim("C", clock(2, "wet"))]
    assert local_zone(given, Counter({"cet": 1, "wet": 1}), NAMES, WINTER) is None
