"""Value findings on hand-built facts: scope, time, parties, no masking, order."""

from __future__ import annotations

import random

from app.compare.findings import compare_corpus
from app.compare.value_findings import CompareOptions
from app.services.identity import finding_fingerprint
from tests.compare.support import at, claim, value

OPTIONS = CompareOptions(
    may_decrease=frozenset({"missing"}),
    event_concepts=frozenset({"earthquake", "aftershock", "meeting"}),
    owned_concepts=frozenset({"seats"}),
    evolving=frozenset({"death", "missing", "seats"}),
    anaphoric_parties=frozenset({"organismo", "autoridades"}),
    concepts=frozenset({"death", "missing", "seats", "earthquake", "aftershock", "meeting"}),
)


# Reports of one moment: differing tolls are conflicts, not successive balances.
NOON = at(12)


def findings(*claims):
    return compare_corpus(list(claims), options=OPTIONS).findings


def kinds(drafts) -> list[tuple]:
    return sorted((d.kind, d.severity) for d in drafts)


def test_different_figures_of_one_slot_conflict() -> None:
    drafts = findings(
        claim("A", value(low=42), published=NOON),
        claim("B", value(low=57, bound="at_least", step=1), published=NOON),
    )
    assert kinds(drafts) == [("conflict", "hard")]


def test_claims_of_one_outlet_never_conflict() -> None:
    assert findings(claim("A", value(low=42)), claim("A", value(low=57))) == []


def test_a_place_or_a_part_is_another_slot() -> None:
    national = claim("A", value(low=41))
    capital = claim("B", value(low=30, scope=("at:capital",)))
    subset = claim("C", value(low=12, scope=("part",)))
    assert findings(national, capital, subset) == []


def test_the_corpus_main_event_is_the_default_scope() -> None:
    # "el terremoto dejó 40 muertos" meets "40 muertos"; an aftershock's toll does not.
    a = claim(
        "A",
        value(low=40, scope=("event:earthquake",)),
        value("magnitude", 7, measured="earthquake"),
    )
    b = claim("B", value(low=40))
    c = claim("C", value(low=2, scope=("event:aftershock",)))
    assert kinds(findings(a, b, c)) == [("agreement", None)]


def test_expected_and_actual_figures_never_meet() -> None:
    planned = claim("A", value("duration", 7200, measured="meeting", modality="expected"))
    actual = claim("B", value("duration", 10800, measured="meeting"))
    assert findings(planned, actual) == []


def test_a_later_toll_is_an_update_not_a_conflict() -> None:
    morning = claim("A", value(low=12), published=at(8))
    evening = claim("B", value(low=31), published=at(20))
    (draft,) = findings(morning, evening)
    assert (draft.kind, draft.claim_a.source, draft.claim_b.source) == ("update", "A", "B")


def test_reports_of_the_same_hour_conflict() -> None:
    a = claim("A", value(low=87), published=at(8))
    b = claim("B", value(low=78), published=at(8))
    assert kinds(findings(a, b)) == [("conflict", "hard")]


def test_a_toll_that_falls_later_is_a_conflict_but_missing_people_may_be_found() -> None:
    dead = findings(
        claim("A", value(low=40), published=at(8)), claim("B", value(low=30), published=at(20))
    )
    missing = findings(
        claim("A", value(low=40, measured="missing"), published=at(8)),
        claim("B", value(low=30, measured="missing"), published=at(20)),
    )
    assert kinds(dead) == [("conflict", "hard")]
    assert kinds(missing) == [("update", "hard")]


def test_one_outlets_two_reports_hours_apart_are_an_update() -> None:
    first = claim("A", value(low=11), published=at(10), article=1)
    second = claim("A", value(low=24), published=at(21), article=2)
    assert kinds(findings(first, second)) == [("update", "hard")]


def test_same_day_counts_of_unknown_order_are_successive_balances() -> None:
    # One report gives only its date (a dateline): a growing toll was smaller first.
    dated = claim("A", value(low=14), published=at(0), precision="day")
    timed = claim("B", value(low=52), published=at(7))
    (draft,) = findings(dated, timed)
    assert (draft.kind, draft.claim_a.source) == ("update", "A")


def test_parties_that_differ_make_a_dispute() -> None:
    police = claim("A", value(low=50_000, measured="participants", party="la policía"))
    organisers = claim("B", value(low=200_000, measured="participants", party="los organizadores"))
    (draft,) = findings(police, organisers)
    assert (draft.kind, draft.party_a, draft.party_b) == (
        "dispute",
        "la policía",
        "los organizadores",
    )


def test_an_outlet_stating_a_partys_figure_as_fact_is_marked() -> None:
    police = claim("A", value(low=50_000, measured="participants", party="la policía"))
    organisers = claim("B", value(low=200_000, measured="participants", party="los organizadores"))
    own_voice = claim("C", value(low=200_000, measured="participants"))
    drafts = [d for d in findings(police, organisers, own_voice) if d.kind == "dispute"]
    marked = [d for d in drafts if "C" in (d.claim_a.source, d.claim_b.source)]
    assert [d.note for d in marked] == ["C states los organizadores's figure as fact"]


def test_a_description_that_may_name_the_same_party_makes_no_dispute() -> None:
    a = claim("A", value(low=12, measured="death", party="el organismo peruano"), published=NOON)
    b = claim(
        "B",
        value(low=21, measured="death", party="el Instituto Geofísico del Perú"),
        published=NOON,
    )
    assert kinds(findings(a, b)) == [("conflict", "hard")]


def test_no_masking_every_distinct_disagreement_is_kept() -> None:
    a = claim("A", value(low=42), value(low=45, scope=("at:capital",)), published=NOON)
    b = claim("B", value(low=57), value(low=50, scope=("at:capital",)), published=NOON)
    drafts = findings(a, b)
    assert kinds(drafts) == [("conflict", "hard"), ("conflict", "hard")]
    assert len({finding_fingerprint(d) for d in drafts}) == 2


def test_repeated_figures_between_two_outlets_are_one_finding() -> None:
    drafts = findings(
        claim("A", value(low=42), published=NOON),
        claim("A", value(low=42), published=NOON),
        claim("B", value(low=57), published=NOON),
    )
    assert kinds(drafts) == [("conflict", "hard")]


def test_several_figures_of_one_slot_in_one_claim_are_not_placed() -> None:
    # "UV obtuvo 27 escaños, frente a los 25 de AS": without AS's owner, whose are the 25?
    muddled = claim("A", value(low=27, measured="seats"), value(low=25, measured="seats"))
    assert findings(muddled, claim("B", value(low=26, measured="seats"))) == []


def test_owned_figures_need_an_owner_where_several_own_them() -> None:
    a = claim("A", value(low=27, measured="seats", scope=("of:uv",)), published=NOON)
    b = claim("B", value(low=28, measured="seats", scope=("of:uv",)), published=NOON)
    c = claim("C", value(low=25, measured="seats", scope=("of:as",)), published=NOON)
    unowned = claim("D", value(low=30, measured="seats"), published=NOON)
    assert kinds(findings(a, b, c, unowned)) == [("conflict", "hard")]


def test_vague_amounts_never_conflict() -> None:
    many = claim("A", value(low=1000, high=10_000, measured="participants", bound="vague"))
    exact = claim("B", value(low=33, measured="participants"))
    assert findings(many, exact) == []


def test_result_does_not_depend_on_input_order() -> None:
    claims = [
        claim("A", value(low=42), published=at(8)),
        claim("B", value(low=57), published=at(9)),
        claim("C", value(low=61), published=at(20)),
        claim("D", value(low=42, party="el ministerio"), published=at(8)),
    ]
    expected = sorted(finding_fingerprint(d) for d in findings(*claims))
    for seed in range(5):
        shuffled = claims[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(finding_fingerprint(d) for d in findings(*shuffled)) == expected


def test_undated_tolls_that_differ_are_taken_as_successive_balances() -> None:
    (draft,) = findings(claim("A", value(low=42)), claim("B", value(low=57)))
    assert (draft.kind, draft.claim_a.source) == ("update", "A")
    assert "times unknown" in draft.note


def test_figures_of_different_parties_in_one_claim_are_placed() -> None:
    # "el 1,6 % del Fondo, frente al 2,1 % que espera el Gobierno": each figure is its party's.
    both = claim(
        "A",
        value("percent", 1.6, measured="growth", party="el Fondo"),
        value("percent", 2.1, measured="growth", party="el Gobierno"),
    )
    other = claim("B", value("percent", 1.8, measured="growth", party="el Fondo"))
    found = {(d.kind, d.party_a, d.party_b) for d in findings(both, other)}
    assert ("conflict", "el Fondo", "el Fondo") in found


def test_parties_set_against_each_other_dispute_at_every_moment() -> None:
    # One article sets the police's figure against the organisers': a later, higher
    # organisers' figure elsewhere is still their dispute, not an update of the police's.
    side_by_side = claim(
        "A",
        value(low=10_000, measured="participants", party="la policía"),
        value(low=60_000, measured="participants", party="los organizadores"),
        published=at(12),
    )
    police = claim(
        "B", value(low=10_000, measured="participants", party="la policía"), published=at(13)
    )
    organisers = claim(
        "C", value(low=80_000, measured="participants", party="los organizadores"), published=at(20)
    )
    drafts = [
        d
        for d in findings(side_by_side, police, organisers)
        if d.claim_b.source != d.claim_a.source
    ]
    pairs = {(d.claim_a.source, d.claim_b.source, d.kind) for d in drafts}
    assert ("B", "C", "dispute") in pairs
    assert not any(kind == "update" and {a, b} == {"B", "C"} for a, b, kind in pairs)


def test_without_such_a_clash_a_later_figure_of_another_party_is_an_update() -> None:
    regional = claim(
        "A", value(low=30, measured="death", party="el Gobierno regional"), published=at(8)
    )
    national = claim(
        "B", value(low=52, measured="death", party="el centro de emergencias"), published=at(20)
    )
    assert kinds(findings(regional, national)) == [("update", "hard")]


def test_a_figure_its_party_revised_disputes_nothing_any_more() -> None:
    first = claim(
        "A",
        value(low=60_000, measured="participants", party="la Delegación", scope=("provisional",)),
        published=at(14),
    )
    revised = claim(
        "B", value(low=48_000, measured="participants", party="la Delegación"), published=at(22)
    )
    organisers = claim(
        "C",
        value(low=48_000, measured="participants", party="la Delegación"),
        value(low=400_000, measured="participants", party="los organizadores"),
        published=at(23),
    )
    drafts = findings(first, revised, organisers)
    assert any(d.kind == "update" for d in drafts)
    disputed = {(d.value_a.low, d.value_b.low) for d in drafts if d.kind == "dispute"}
    assert disputed and all(60_000 not in pair for pair in disputed)


def test_a_provisional_figure_is_revised_by_the_firm_one_whenever_published() -> None:
    firm = claim(
        "A", value("magnitude", 7.0, measured="magnitude", party="el instituto"), published=at(7)
    )
    late_provisional = claim(
        "B",
        value("magnitude", 6.6, measured="magnitude", party="el instituto", scope=("provisional",)),
        published=at(11),
    )
    (draft,) = findings(firm, late_provisional)
    assert (draft.kind, draft.value_a.low, draft.value_b.low) == ("update", 6.6, 7.0)


def test_days_are_the_outlets_own_days() -> None:
    from datetime import UTC, date, datetime, timedelta, timezone

    from app.compare.parties import later_of, same_day

    # 00:30 on the 13th in Madrid is 22:30 on the 12th in UTC; the dateline says the 13th.
    madrid = datetime(2025, 8, 13, 0, 30, tzinfo=timezone(timedelta(hours=2)))
    timed = claim("A", value(low=5), published=madrid.astimezone(UTC), day=date(2025, 8, 13))
    dated = claim(
        "B", value(low=7), published=datetime(2025, 8, 13), precision="day", day=date(2025, 8, 13)
    )
    assert later_of(timed, dated) == 0 and same_day(timed, dated)


def test_the_area_an_event_covered_grows_and_a_smaller_later_one_conflicts() -> None:
    def area(hectares: float, hour: int, source: str):
        return claim(
            source, value("area", hectares * 1e4, measured="earthquake"), published=at(hour)
        )

    assert [d.kind for d in findings(area(6_200, 8, "A"), area(10_400, 20, "B"))] == ["update"]
    assert kinds(findings(area(10_400, 8, "A"), area(6_200, 20, "B"))) == [("conflict", "hard")]


def test_the_area_of_something_unknown_grows_but_a_count_of_it_may_be_fixed() -> None:
    # "la lava cubre 64 hectáreas", a day later 97: a running total. "tres de las doce
    # puertas" against "cuatro" a day later: the gates did not multiply.
    def area(hectares: float, day: int, source: str):
        return claim(source, value("area", hectares * 1e4, measured="lava"), published=at(9, day))

    def gates(count: int, day: int, source: str):
        return claim(source, value(low=count, measured="puerta"), published=at(9, day))

    assert [d.kind for d in findings(area(64, 12, "A"), area(97, 13, "B"))] == ["update"]
    assert kinds(findings(area(97, 12, "A"), area(64, 13, "B"))) == [("conflict", "hard")]
    assert kinds(findings(gates(3, 12, "A"), gates(4, 13, "B"))) == [("conflict", "hard")]


def test_a_rise_later_reports_undo_contradicts_the_figure_before_it() -> None:
    # 46 at 13.00, 64 from one outlet at 17.00, 46 again at 19.00: the 64 stood alone.
    before = claim("A", value(low=46), published=at(13))
    spike = claim("B", value(low=64), published=at(17))
    again = claim("C", value(low=46), published=at(19))
    by_pair = {(d.claim_a.source, d.claim_b.source): d for d in findings(before, spike, again)}
    assert (by_pair["A", "B"].kind, by_pair["A", "B"].severity) == ("conflict", "hard")
    assert "went back" in by_pair["A", "B"].note
    assert (by_pair["B", "C"].kind, by_pair["B", "C"].severity) == ("conflict", "hard")


def test_a_stale_outlet_undoes_no_rise() -> None:
    # 12, 20, 31, then one outlet still at 12: the rises were real, the 12 is behind.
    reports = [
        claim(source, value(low=toll), published=at(hour))
        for source, toll, hour in (("A", 12, 8), ("B", 20, 12), ("C", 31, 16), ("D", 12, 20))
    ]
    by_pair = {(d.claim_a.source, d.claim_b.source): d.kind for d in findings(*reports)}
    assert by_pair["A", "B"] == by_pair["B", "C"] == by_pair["A", "C"] == "update"
    assert by_pair["C", "D"] == "conflict"


def test_a_rise_another_outlet_confirms_or_a_later_report_keeps_is_an_update() -> None:
    confirmed = findings(
        claim("A", value(low=46), published=at(13)),
        claim("B", value(low=64), published=at(17)),
        claim("E", value(low=64), published=at(17)),
        claim("C", value(low=46), published=at(19)),
    )
    kept = findings(
        claim("A", value(low=46), published=at(13)),
        claim("B", value(low=64), published=at(17)),
        claim("C", value(low=46), published=at(19)),
        claim("B", value(low=70), published=at(21)),
    )
    for drafts in (confirmed, kept):
        rises = [d for d in drafts if d.claim_a.source == "A" and d.claim_b.source == "B"]
        assert rises and {d.kind for d in rises} == {"update"}
