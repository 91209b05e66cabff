"""cotejo_verb_repair: a present-tense verb the tagger reads as an adjective is a verb again."""

from __future__ import annotations

import pytest
from spacy.language import Language

from app.nlp.pipeline import COMPONENTS
from tests.nlp.support import token, value_of

SENTENCE = "La Cruz Roja cifra en 32 los muertos."


def test_a_misread_verb_of_figures_becomes_that_verb(nlp: Language) -> None:
    with nlp.select_pipes(disable=list(COMPONENTS)):
        assert token(nlp(SENTENCE), "cifra").pos_ == "ADJ"  # the model's own reading
    doc = nlp(SENTENCE)
    verb = token(doc, "cifra")
    assert (verb.pos_, verb.lemma_) == ("VERB", "cifrar")
    # So the figure gets its counted noun and who gives it.
    value = value_of(doc, "32")
    assert (value.kind, value.low, value.unit) == ("count", 32.0, "muerto")
    assert doc.spans["values"][0]._.context.party == "La Cruz Roja"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("La cifra de heridos es alta.", "cifra"),  # an article: the noun
        ("Una cifra alta preocupa a los médicos.", "cifra"),  # not the root
        ("El balance es alto.", "alto"),  # not a verb form
        ("La marea del puerto es baja.", "baja"),  # "bajar" would fit, but a copula
        ("Sanidad alerta roja por 300 casos.", "alerta"),  # an adjective on it: a noun
        ("Los hospitales denuncia de 30 médicos.", "denuncia"),  # a plural subject
    ],
)
def test_nouns_and_adjectives_stay(nlp: Language, sentence: str, word: str) -> None:
    tok = token(nlp(sentence), word)
    assert tok.pos_ in {"NOUN", "ADJ"}


def test_a_figure_a_verb_lowers_counts_what_its_subject_names(nlp: Language) -> None:
    doc = nlp("El número de desaparecidos bajó a 38.")
    value = value_of(doc, "38")
    assert (value.kind, value.low, value.unit) == ("count", 38.0, "desaparecido")


@pytest.mark.parametrize(
    ("sentence", "word", "lemma"),
    [
        ("La empresa negó que se vendieran más billetes.", "vendieran", "vender"),
        ("La policía negó que los agentes dispararan pelotas de goma.", "dispararan", "disparar"),
        ("El club niega que su personal abriera la puerta.", "abriera", "abrir"),
    ],
)
def test_a_mangled_subjunctive_gets_its_infinitive(nlp, sentence, word, lemma) -> None:
    with nlp.select_pipes(disable=list(COMPONENTS)):
        assert token(nlp(sentence), word).lemma_ != lemma  # the model's own reading
    repaired = token(nlp(sentence), word)
    assert (repaired.pos_, repaired.lemma_) == ("VERB", lemma)
    assert repaired.morph.get("Mood") == ["Sub"]


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("La empresa negó que se provocara el fallo.", "provocara"),  # right already
        ("Se puso la máscara de oxígeno.", "máscara"),  # a noun with its article
    ],
)
def test_words_the_model_got_right_stay(nlp, sentence, word) -> None:
    with nlp.select_pipes(disable=list(COMPONENTS)):
        before = token(nlp(sentence), word)
        expected = (before.pos_, before.lemma_)
    after = token(nlp(sentence), word)
    assert (after.pos_, after.lemma_) == expected


def test_a_lowercase_subjunctive_tagged_as_a_name_is_a_verb(nlp) -> None:
    repaired = token(
        nlp("Los técnicos descartaron que la rotura del carril existiera."), "existiera"
    )
    assert (repaired.pos_, repaired.lemma_) == ("VERB", "existir")
