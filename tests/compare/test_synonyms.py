"""Words one corpus uses for one thing, found from the figures outlets give under them."""

from __future__ import annotations

import pytest

from app.compare.facts import ClaimFacts
from app.compare.slots import corpus_of, slot_key
from app.compare.synonyms import Placed, figure_synonyms, participle_verbs, particular_figure
from app.compare.value_findings import CompareOptions
from tests.compare.support import H, claim, value

CONCEPTS = frozenset({"blackout", "death", "injured", "passengers", "participants"})


def placed(*claims: ClaimFacts) -> list[Placed]:
    return [
        Placed(c, v, v.measured, (v.kind, v.restriction, v.aspect, v.scope, v.modality, ""))
        for c in claims
        for v in c.values
    ]


def joined(groups: dict[tuple[str, str], str], family: str, a: str, b: str) -> bool:
    """The two words are one in ``family``, whichever stands for the other."""
    return groups in ({(family, a): b}, {(family, b): a})


def at(hours: float, minutes: float) -> float:
    return hours * H + minutes * 60


@pytest.mark.parametrize(
    ("kind", "figure", "particular"),
    [
        ("count", 2870, True),
        ("count", 31, True),
        ("count", 200, False),  # round figures coincide
        ("count", 25, False),  # so do figures of two ending in five
        ("count", 4, False),  # and small ones
        ("money", 1e6, False),  # a million is round however it is written
        ("money", 1.25e6, True),
        ("volume", 48_000, True),
        ("time", at(23, 40), True),
        ("time", at(10, 0), False),
        ("time", at(7, 45), False),  # quarter hours too
    ],
)
def test_a_particular_figure(kind, figure, particular) -> None:
    assert (particular_figure(kind, value(kind, figure)) is not None) is particular


def test_an_approximate_figure_is_no_evidence() -> None:
    assert particular_figure("count", value("count", 2870, bound="about")) is None


def test_one_particular_money_figure_under_two_words_of_two_outlets_joins_them() -> None:
    a = claim("A", value("money", 4.1e6, measured="malversado"))
    b = claim("B", value("money", 4.1e6, measured="quebranto"), value(low=31, measured="death"))
    assert joined(figure_synonyms(placed(a, b), CONCEPTS), "money", "quebranto", "malversado")


def test_counts_and_times_need_two_meetings() -> None:
    # 14 ambulances and 14 injured; the first call at the minute of the crash.
    once = [
        claim("A", value(low=14, measured="ambulancia")),
        claim("B", value(low=14, measured="injured")),
        claim("C", value("time", at(7, 44), measured="llamada")),
        claim("D", value("time", at(7, 44), measured="accident")),
    ]
    assert figure_synonyms(placed(*once), CONCEPTS) == {}
    twice = [
        claim("A", value(low=2870, measured="recluso"), value(low=112, measured="recluso")),
        claim("B", value(low=2870, measured="interno")),
        claim("C", value(low=112, measured="interno")),
    ]
    assert joined(figure_synonyms(placed(*twice), CONCEPTS), "count", "interno", "recluso")


def test_a_concept_stands_for_its_group() -> None:
    claims = [
        claim("A", value("time", at(19, 42), measured="blackout")),
        claim("B", value("time", at(19, 42), measured="corte")),
        claim("C", value("time", at(19, 42), measured="corte")),
    ]
    assert figure_synonyms(placed(*claims), CONCEPTS) == {("time", "corte"): "blackout"}


def test_round_figures_and_one_outlets_words_join_nothing() -> None:
    round_ = [
        claim("A", value("money", 2e6, measured="junta")),
        claim("B", value("money", 2e6, measured="damage")),
    ]
    one_outlet = [
        claim("A", value("money", 4.1e6, measured="malversado")),
        claim("A", value("money", 4.1e6, measured="quebranto")),
    ]
    assert figure_synonyms(placed(*round_), CONCEPTS) == {}
    assert figure_synonyms(placed(*one_outlet), CONCEPTS) == {}


def test_two_concepts_never_join() -> None:
    # 31 dead and 31 injured happen.
    claims = [claim(s, value(low=31, measured=m)) for s in "AB" for m in ("death", "injured")]
    assert figure_synonyms(placed(*claims), CONCEPTS) == {}


def test_two_words_one_article_gives_apart_stay_apart() -> None:
    # Outlet C gives "unos 1.300" of one and "unos 60" of the other in one article.
    a = claim("A", value("money", 4.1e6, measured="fianza"))
    b = claim("B", value("money", 4.1e6, measured="malversado"))
    c1 = claim("C", value("money", 1.2e6, 1.4e6, measured="fianza"), article=900)
    c2 = claim("C", value("money", 5e4, 7e4, measured="malversado"), article=900)
    assert figure_synonyms(placed(a, b, c1, c2), CONCEPTS) == {}


def test_a_word_linked_to_two_concepts_joins_only_one() -> None:
    claims = [
        claim("A", value("money", 4.1e6, measured="x")),
        claim("B", value("money", 4.1e6, measured="passengers")),
        claim("C", value("money", 3.7e6, measured="x")),
        claim("D", value("money", 3.7e6, measured="participants")),
    ]
    assert set(figure_synonyms(placed(*claims), CONCEPTS)) == {("money", "x")}


def test_vague_words_the_kind_and_parties_are_no_evidence() -> None:
    claims = [
        claim("A", value("money", 4.1e6, measured="cifra")),
        claim("B", value("money", 4.1e6, measured="malversado")),
        claim("C", value("volume", 52_000, measured="volume")),
        claim("D", value("volume", 52_000, measured="vertido")),
        claim("E", value("money", 4.5e5, measured="sindicato", party="el sindicato")),
        claim("F", value("money", 4.5e5, measured="coste")),
    ]
    assert figure_synonyms(placed(*claims), CONCEPTS, frozenset({"cifra"})) == {}


def test_evidence_holds_for_its_family_only() -> None:
    # The flow began when the eruption did; it may reach the sea another day.
    claims = [
        claim("A", value("time", at(13, 42), measured="erupción")),
        claim("B", value("time", at(13, 42), measured="colada")),
        claim("C", value("time", at(13, 42), measured="colada")),
    ]
    assert joined(figure_synonyms(placed(*claims), CONCEPTS), "time", "colada", "erupción")


def test_slots_take_the_corpus_word_for_its_group() -> None:
    options = CompareOptions(concepts=CONCEPTS)
    a = claim(
        "A",
        value("money", 4.1e6, measured="malversado"),
        value("money", 3e5, measured="malversado"),
    )
    b = claim("B", value("money", 4.1e6, measured="quebranto"))
    c = claim("C", value("money", 2e5, measured="quebranto"))
    corpus = corpus_of([a, b, c], options)
    assert slot_key(c, c.values[0], corpus) == slot_key(a, a.values[1], corpus)


ENDINGS = (("ado", ("ar",)), ("ido", ("er", "ir")))


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # a participle meets its verb when the corpus measures by both
        ({"evacuado", "evacuar"}, {"evacuado": "evacuar"}),
        ({"detenido", "detener"}, {"detenido": "detener"}),
        # not when the verb is not there, nor a word that merely ends like one
        ({"evacuado", "herido"}, {}),
        ({"puerto", "puertar"}, {}),
        # nor when two verbs could be its own
        ({"sumido", "sumer", "sumir"}, {}),
    ],
)
def test_participles_meet_their_verb(words, expected) -> None:
    assert participle_verbs(words, ENDINGS) == expected


def test_a_participles_count_shares_its_verbs_slot() -> None:
    options = CompareOptions(concepts=CONCEPTS, participle_endings=ENDINGS)
    a = claim("A", value("count", 1200, 1200, measured="evacuar"))
    b = claim("B", value("count", 900, 900, measured="evacuado"))
    corpus = corpus_of([a, b], options)
    assert slot_key(a, a.values[0], corpus) == slot_key(b, b.values[0], corpus)
