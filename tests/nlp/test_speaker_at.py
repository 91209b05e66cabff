"""Who gives one part of a claim (attribution.speaker_at): the speaker of the smallest
clause around it that names one, so that two figures of one sentence may have two."""

from __future__ import annotations

import pytest
from spacy.language import Language

from app.nlp.attribution import speaker_at
from tests.nlp.support import claim_of, value_span


def speakers(nlp: Language, sentence: str, *texts: str) -> dict[str, str | None]:
    doc = nlp(sentence)
    found = {}
    for text in texts:
        head = doc[value_span(doc, text)._.value.head]
        found[text] = speaker_at(head, claim_of(doc, head))
    return found


@pytest.mark.parametrize(
    ("sentence", "first", "second", "expected"),
    [
        ("Los bomberos dijeron que hubo 12 heridos y la alcaldesa aseguró que fueron 15 "
         "heridos.", "12 heridos", "15 heridos", ("Los bomberos", "la alcaldesa")),
        ("La policía cifró la asistencia en 50.000 personas y los organizadores hablaron de "
         "200.000 personas.", "50.000 personas", "200.000 personas",
         ("La policía", "los organizadores")),
    ],
)  # fmt: skip
def test_each_figure_has_its_own_speaker(nlp, sentence, first, second, expected) -> None:
    assert tuple(speakers(nlp, sentence, first, second).values()) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "speaker"),
    [
        ("El temblor duró un minuto, dijeron testigos.", "un minuto", "testigos"),
        ("La inflación bajará al 2 % en marzo, aseguró la ministra de Hacienda.", "2 %",
         "la ministra de Hacienda"),
    ],
)  # fmt: skip
def test_a_speaker_after_the_statement(nlp, sentence: str, text: str, speaker: str) -> None:
    assert speakers(nlp, sentence, text) == {text: speaker}


def test_a_source_after_segun(nlp) -> None:
    sentence = "Según los testigos, la explosión se oyó a 10 kilómetros."
    found = speakers(nlp, sentence, "10 kilómetros")
    assert found == {"10 kilómetros": "los testigos"}


def test_a_source_inside_a_restrictive_clause_on_the_figure_gives_it(nlp) -> None:
    # The clause says which people the 62 are, and whose count it is; with a comma, the
    # clause is an aside about them ("…, que según la Cruz Roja estaban agotadas").
    sentence = "Buscan a las 62 personas que según los bomberos seguían en el edificio."
    assert speakers(nlp, sentence, "62 personas") == {"62 personas": "los bomberos"}
    aside = "Llegaron 300 personas, que según la Cruz Roja estaban agotadas."
    assert speakers(nlp, aside, "300 personas") == {"300 personas": None}


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Se dijo que la reunión duró tres horas.", "tres horas"),  # impersonal
        ("La reunión duró tres horas.", "tres horas"),  # the outlet's own voice
    ],
)
def test_no_speaker(nlp, sentence: str, text: str) -> None:
    assert speakers(nlp, sentence, text) == {text: None}


def test_a_speaker_is_text_of_the_claim(nlp) -> None:
    sentence = "La inflación bajará al 2 % en marzo, aseguró la ministra de Hacienda."
    (speaker,) = speakers(nlp, sentence, "2 %").values()
    assert speaker is not None and speaker in sentence


# -- documented gaps -----------------------------------------------------------------------

GAP = (
    "engine gap: speaker_at gives a figure the speaker of another clause of the sentence "
    "(its docstring: 'each figure has its own speaker')"
)


@pytest.mark.xfail(strict=True, reason=GAP)
def test_a_source_is_not_overridden_by_a_later_reporting_verb(nlp) -> None:
    found = speakers(
        nlp,
        "Según la Cruz Roja, hay 300 heridos, pero el Gobierno asegura que hay 150 heridos.",
        "300 heridos",
        "150 heridos",
    )
    assert found == {"300 heridos": "la Cruz Roja", "150 heridos": "el Gobierno"}


@pytest.mark.xfail(strict=True, reason=GAP)
def test_a_gapped_second_speaker(nlp) -> None:
    found = speakers(
        nlp,
        "Los bomberos hablaron de 12 heridos y la alcaldesa de 15 heridos.",
        "12 heridos",
        "15 heridos",
    )
    assert found == {"12 heridos": "Los bomberos", "15 heridos": "la alcaldesa"}


@pytest.mark.xfail(
    strict=True,
    reason="engine gap: with two 'según' sources the speaker text is 'y según los bomberos, "
    "a 5 kilómetros' (cue, conjunction and figure included) for both figures",
)
def test_two_sources_after_segun(nlp) -> None:
    found = speakers(
        nlp,
        "Según los testigos, la explosión se oyó a 10 kilómetros y según los bomberos, a 5 "
        "kilómetros.",
        "10 kilómetros",
        "5 kilómetros",
    )
    assert found == {"10 kilómetros": "los testigos", "5 kilómetros": "los bomberos"}
