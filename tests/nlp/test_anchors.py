"""Anchoring (find_anchor): the lemmas a value hangs from, up to its clause's verb."""

from __future__ import annotations

import pytest
from spacy.language import Language

from app.nlp.anchors import find_anchor
from app.nlp.values import find_values


def anchor(nlp: Language, sentence: str, text: str) -> tuple[str, ...]:
    doc = nlp(sentence)
    (value,) = [v for v in find_values(doc) if v.text == text]
    return find_anchor(doc[value.head])


def test_a_duration_anchors_to_its_verb_and_the_verbs_subject(nlp_es: Language) -> None:
    assert anchor(nlp_es, "La reunión duró tres horas.", "tres horas") == (
        "hora",
        "durar",
        "reunión",
    )


def test_a_relative_clause_anchors_to_the_noun_it_describes(nlp_es: Language) -> None:
    found = anchor(
        nlp_es,
        "La cumbre, que duró más de cuatro horas, terminó sin acuerdo.",
        "más de cuatro horas",
    )
    assert {"durar", "cumbre"} <= set(found)
    # The main clause's verb is another statement about the summit, not what lasted.
    assert "terminar" not in found


def test_a_handshake_is_not_the_meeting_it_followed(nlp_es: Language) -> None:
    found = anchor(
        nlp_es,
        "Tras la reunión, se dieron un apretón de manos de unos 40 segundos.",
        "unos 40 segundos",
    )
    assert {"apretón", "mano"} <= set(found)
    assert "reunión" not in found


def test_the_anchor_stops_at_the_clause_of_the_value(nlp_es: Language) -> None:
    found = anchor(nlp_es, "El ministro dijo que la reunión duró tres horas.", "tres horas")
    assert {"durar", "reunión"} <= set(found)
    assert not {"decir", "ministro"} & set(found)


def test_a_modified_noun_is_part_of_the_anchor(nlp_es: Language) -> None:
    found = anchor(nlp_es, "La visita de cinco días terminó en Lisboa.", "cinco días")
    assert {"visita", "terminar"} <= set(found)
    assert "lisboa" not in found  # an adverbial, not a core argument of the verb


def test_a_count_without_a_noun_anchors_to_its_verb(nlp_es: Language) -> None:
    assert anchor(nlp_es, "En el derrumbe murieron 12.", "12") == ("morir",)


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("La huelga de los médicos duró dos días y dos noches.", "dos días"),
        ("Los bomberos rescataron a 12 vecinos del edificio.", "12 vecinos"),
        ("El Gobierno anunció el martes un plan de vivienda.", "martes"),
    ],
)
def test_anchors_are_distinct_lower_case_lemmas(nlp_es: Language, sentence, text) -> None:
    found = anchor(nlp_es, sentence, text)
    assert found
    assert len(set(found)) == len(found)
    assert all(lemma == lemma.lower() for lemma in found)
