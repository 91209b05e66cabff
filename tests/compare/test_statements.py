"""Certainty findings between claims that state the same proposition."""

from __future__ import annotations

from dataclasses import replace

from app.compare.findings import compare_corpus
from app.compare.statements import relate_certainty
from tests.compare.support import claim, statement, value


def findings(*claims):
    return compare_corpus(list(claims)).findings


def test_asserted_against_denied_is_a_hard_conflict() -> None:
    deal = claim("C", propositions=(statement(certainty="asserted"),))
    denial = claim("E", propositions=(statement(certainty="denied", party="Rusia"),))
    (draft,) = findings(deal, denial)
    assert (draft.kind, draft.severity, draft.certainty_a, draft.certainty_b) == (
        "conflict", "hard", "asserted", "denied",
    )  # fmt: skip


def test_relations_between_certainties() -> None:
    assert relate_certainty("asserted", "hedged") == ("conflict", "soft")
    assert relate_certainty("hedged", "hedged") == ("agreement", None)
    assert relate_certainty("hedged", "denied") is None
    assert relate_certainty("mentioned", "asserted") is None


def test_a_mentioned_proposition_is_never_compared() -> None:
    # "En cuanto a un acuerdo sobre armas, solo dijo que discutirían todos los asuntos".
    mention = claim("A", propositions=(statement(certainty="mentioned"),))
    denial = claim("E", propositions=(statement(certainty="denied"),))
    assert findings(mention, denial) == []


def test_different_propositions_are_never_compared() -> None:
    a = claim("A", propositions=(statement("transfer>weapons", "asserted"),))
    b = claim("B", propositions=(statement("agreement>trade", "denied"),))
    assert findings(a, b) == []


def test_different_agents_make_different_statements() -> None:
    # "Rusia envió armas" against "EE. UU. no envió armas".
    a = claim("A", propositions=(statement(certainty="asserted", agent="rusia"),))
    b = claim("B", propositions=(statement(certainty="denied", agent="eeuu"),))
    c = claim("C", propositions=(statement(certainty="hedged"),))
    assert {(d.claim_a.source, d.claim_b.source) for d in findings(a, b, c)} == {("A", "C")}


def test_two_parties_disagreeing_are_a_dispute() -> None:
    us = claim("A", propositions=(statement(certainty="asserted", party="Washington"),))
    russia = claim("B", propositions=(statement(certainty="denied", party="el Kremlin"),))
    (draft,) = findings(us, russia)
    assert draft.kind == "dispute"


def test_a_topic_needs_a_qualified_statement() -> None:
    # Everyone asserting the same thing is no topic worth comparing.
    plain = [claim(s, propositions=(statement(certainty="asserted"),)) for s in "ABC"]
    assert compare_corpus(plain).topics == []


def test_an_assertion_states_what_it_entails_but_a_denial_does_not() -> None:
    from app.compare.value_findings import CompareOptions

    options = CompareOptions(implies=frozenset({("collapse", "damage")}))
    collapsed = claim("A", propositions=(statement("collapse>bridge", "asserted"),))
    no_damage = claim("B", propositions=(statement("damage>bridge", "denied"),))
    (draft,) = compare_corpus([collapsed, no_damage], options=options).findings
    assert (draft.kind, draft.severity) == ("conflict", "hard")
    # Denying a collapse says nothing about damage: "it was damaged" does not contradict it.
    no_collapse = claim("A", propositions=(statement("collapse>bridge", "denied"),))
    damaged = claim("B", propositions=(statement("damage>bridge", "asserted"),))
    assert compare_corpus([no_collapse, damaged], options=options).findings == []


def test_claims_giving_one_thing_different_figures_are_not_compared_on_certainty() -> None:
    # "La lava cubre 97 hectáreas" against "el satélite calcula que la lava cubre 64": two
    # figures (compared as values), not one statement asserted and hedged.
    covers = statement("cubrir>lava")

    def area(source: str, hectares: float, certainty: str):
        figure = value("area", hectares * 1e4, measured="lava")
        return claim(source, figure, propositions=(replace(covers, certainty=certainty),))

    differ = findings(area("A", 97, "asserted"), area("B", 64, "hedged"))
    assert [d.basis for d in differ if d.kind == "conflict"] == ["area"]
    same = findings(area("A", 97, "asserted"), area("B", 97, "hedged"))
    assert [(d.basis, d.severity) for d in same if d.kind == "conflict"] == [("certainty", "soft")]


def test_a_partys_doubt_is_no_soft_conflict_with_an_assertion() -> None:
    # "El ministerio cree que el puente podría reabrirse el lunes" against "el puente
    # reabrirá el lunes": the ministry is unsure; no outlet doubts what the other asserts.
    asserted = claim("A", propositions=(statement(certainty="asserted"),))
    doubt = claim("B", propositions=(statement(certainty="hedged", party="el ministerio"),))
    assert findings(asserted, doubt) == []


def test_a_hedge_on_unnamed_sources_is_the_outlets_own() -> None:
    # "Según fuentes del sector, la empresa estaría dispuesta a…" reports it unconfirmed.
    asserted = claim("A", propositions=(statement(certainty="asserted"),))
    hedged = claim("B", propositions=(statement(certainty="hedged", party="fuentes del sector"),))
    own = claim("C", propositions=(statement(certainty="hedged"),))
    assert kinds_by_pair(findings(asserted, hedged, own)) == {
        ("A", "B"): ("conflict", "soft"),
        ("A", "C"): ("conflict", "soft"),
        ("B", "C"): ("agreement", None),
    }


def kinds_by_pair(drafts) -> dict[tuple[str, str], tuple]:
    return {(d.claim_a.source, d.claim_b.source): (d.kind, d.severity) for d in drafts}


def test_agents_named_by_common_nouns_may_be_the_same_people() -> None:
    # "los guardias abrieron la verja" against "negó que su personal abriera la verja".
    a = claim("A", propositions=(statement(certainty="asserted", agent="noun:guardia"),))
    b = claim("B", propositions=(statement(certainty="denied", agent="noun:personal"),))
    (draft,) = findings(a, b)
    assert (draft.kind, draft.severity) == ("conflict", "hard")


def test_denying_who_did_it_is_not_denying_that_it_happened() -> None:
    # "la verja se abrió a las diez" against "negó que su personal abriera la verja".
    happened = claim("A", propositions=(statement(certainty="asserted"),))
    not_us = claim("B", propositions=(statement(certainty="denied", agent="noun:personal"),))
    assert findings(happened, not_us) == []
    # Denying the act itself denies it whoever did it.
    nobody = claim("C", propositions=(statement(certainty="denied"),))
    by_them = claim("D", propositions=(statement(certainty="asserted", agent="noun:guardia"),))
    (draft,) = findings(nobody, by_them)
    assert draft.severity == "hard"
