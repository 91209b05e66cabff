"""Words one corpus uses for one thing, found from the figures outlets give under them."""

from __future__ import annotations

import pytest

from app.compare.facts import ClaimFacts
from app.compare.slots import corpus_of, slot_key
from app.compare.synonyms import Placed, figure_synonyms, particular_figure
from app.compare.value_findings import CompareOptions
from tests.compare.support import H, claim, value

CONCEPTS = frozenset({"blackout", "death", "injured", "passengers", "participants"})


def placed(*claims: ClaimFacts) -> list[Placed]:
    return [
        Placed(c, v, v.measured, (v.kind, v.restriction, v.aspect, v.scope, v.modality, ""))
        for c in claims
        for v in c.values
    ]


@pytest.mark.parametrize(
    ("kind", "figure", "particular"),
    [
        ("count", 2870, True),
        ("count", 31, True),
        ("count", 200, False),  # round figures coincide
        ("count", 4, False),  # so do small ones
        ("volume", 48_000, True),
        ("time", 23 * H + 40 * 60, True),
        ("time", 10 * H, False),
        ("time", 18.5 * H, False),
    ],
)
def test_a_particular_figure(kind, figure, particular) -> None:
    assert (particular_figure(kind, value(kind, figure)) is not None) is particular


def test_an_approximate_figure_is_no_evidence() -> None:
    assert particular_figure("count", value("count", 2870, bound="about")) is None


def test_one_particular_figure_under_two_words_of_two_outlets_joins_them() -> None:
    a = claim("A", value(low=2870, measured="recluso"))
    b = claim("B", value(low=2870, measured="interno"), value(low=31, measured="death"))
    assert figure_synonyms(placed(a, b), CONCEPTS) == {("count", "interno"): "recluso"}


def test_a_concept_stands_for_its_group() -> None:
    a = claim("A", value("time", 19 * H + 42 * 60, measured="blackout"))
    b = claim("B", value("time", 19 * H + 42 * 60, measured="corte"))
    assert figure_synonyms(placed(a, b), CONCEPTS) == {("time", "corte"): "blackout"}


def test_round_figures_and_one_outlets_words_join_nothing() -> None:
    round_ = [
        claim("A", value(low=200, measured="preso")),
        claim("B", value(low=200, measured="x")),
    ]
    one_outlet = [
        claim("A", value(low=2870, measured="recluso")),
        claim("A", value(low=2870, measured="interno")),
    ]
    assert figure_synonyms(placed(*round_), CONCEPTS) == {}
    assert figure_synonyms(placed(*one_outlet), CONCEPTS) == {}


def test_two_concepts_never_join() -> None:
    # 31 dead and 31 injured happen.
    a = claim("A", value(low=31, measured="death"))
    b = claim("B", value(low=31, measured="injured"))
    assert figure_synonyms(placed(a, b), CONCEPTS) == {}


def test_two_words_one_article_gives_apart_stay_apart() -> None:
    # Outlet C counts 2.870 reclusos and 1.250 internos in one article: two things.
    a = claim("A", value(low=2870, measured="recluso"))
    b = claim("B", value(low=2870, measured="interno"))
    c1 = claim("C", value(low=2870, measured="recluso"), article=900)
    c2 = claim("C", value(low=1250, measured="interno"), article=900)
    assert figure_synonyms(placed(a, b, c1, c2), CONCEPTS) == {}


def test_a_word_linked_to_two_concepts_joins_only_one() -> None:
    claims = [
        claim("A", value(low=142, measured="ir")),
        claim("B", value(low=142, measured="passengers")),
        claim("C", value(low=4500, measured="ir")),
        claim("D", value(low=4500, measured="participants")),
    ]
    groups = figure_synonyms(placed(*claims), CONCEPTS)
    assert set(groups) == {("count", "ir")}


def test_vague_words_and_parties_are_no_evidence() -> None:
    a = claim("A", value(low=2870, measured="cifra"))
    b = claim("B", value(low=2870, measured="recluso"))
    c = claim("C", value(low=4510, measured="sindicato", party="el sindicato"))
    d = claim("D", value(low=4510, measured="afiliado"))
    assert figure_synonyms(placed(a, b, c, d), CONCEPTS, frozenset({"cifra"})) == {}


def test_evidence_holds_for_its_family_only() -> None:
    # The flow began when the eruption did; it may reach the sea another day.
    claims = [
        claim("A", value("time", 13 * H + 42 * 60, measured="erupción")),
        claim("B", value("time", 13 * H + 42 * 60, measured="colada")),
    ]
    assert figure_synonyms(placed(*claims), CONCEPTS) == {("time", "colada"): "erupción"}


def test_slots_take_the_corpus_word_for_its_group() -> None:
    options = CompareOptions(concepts=CONCEPTS)
    a = claim("A", value(low=2870, measured="recluso"), value(low=8, measured="recluso"))
    b = claim("B", value(low=2870, measured="interno"))
    c = claim("C", value(low=6, measured="interno"))
    corpus = corpus_of([a, b, c], options)
    assert slot_key(c, c.values[0], corpus) == slot_key(a, a.values[1], corpus)
