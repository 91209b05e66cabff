"""Claim spans with the real pipeline: exact offsets, line breaks, what is not a claim."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc


def claims_of(nlp: Language, text: str) -> list[str]:
    doc = nlp(text)
    assert_exact_offsets(doc)
    return [span.text for span in doc.spans["claims"]]


def assert_exact_offsets(doc: Doc) -> None:
    for span in doc.spans["claims"]:
        assert doc.text[span.start_char : span.end_char] == span.text
        assert span.text == span.text.strip(), "claims start and end on a character"


def test_offsets_are_exact_with_irregular_spacing(nlp: Language) -> None:
    text = (
        "El ministro llegó a Lisboa a las diez.  La cumbre duró tres horas y terminó sin "
        "acuerdo.\n\n  El portavoz dijo que habrá otra reunión en mayo.\n"
    )
    doc = nlp(text)
    spans = [(s.start_char, s.end_char, s.text) for s in doc.spans["claims"]]
    first = "El ministro llegó a Lisboa a las diez."
    second = "La cumbre duró tres horas y terminó sin acuerdo."
    third = "El portavoz dijo que habrá otra reunión en mayo."
    assert spans == [
        (0, len(first), first),
        (text.index(second), text.index(second) + len(second), second),
        (text.index(third), text.index(third) + len(third), third),
    ]
    assert_exact_offsets(doc)


def test_a_headline_without_a_final_stop_is_its_own_sentence(nlp: Language) -> None:
    headline = "Islandia y Noruega firman un acuerdo pesquero histórico"
    body = "Los ministros de Pesca de ambos países firmaron el martes un acuerdo en Reikiavik."
    doc = nlp(f"{headline}\n{body}")
    assert [s.text.strip() for s in doc.sents] == [headline, body]
    assert [s.text for s in doc.spans["claims"]] == [headline, body]


def test_every_line_break_ends_a_sentence(nlp: Language) -> None:
    lines = [
        "El Gobierno de Chile anunció un plan de riego",
        "la oposición lo criticó el martes en el Senado",
        "Los agricultores del valle central pidieron más ayudas.",
    ]
    doc = nlp("\n".join(lines))
    assert [s.text.strip() for s in doc.sents] == lines


def test_a_paragraph_keeps_its_first_word(nlp: Language) -> None:
    # Left to itself the parser cuts "Sanidad" off as a sentence of its own.
    paragraphs = [
        "El descuento llega hasta el 30 %.",
        "Sanidad prevé que la demanda baje en invierno.",
        "Interior eleva a 12 los heridos.",
    ]
    doc = nlp("\n\n".join(paragraphs))
    assert [s.text for s in doc.spans["claims"]] == paragraphs


@pytest.mark.parametrize(
    "dateline",
    [
        "Puerto Lindo, 4 feb (ANX).- ",
        "PUERTO LINDO (Agencia Norte) - ",
        "Puerto Lindo (ANX) – ",
        "Puerto Lindo (Costa Norte), 4 feb (ANX).- ",
    ],
)
def test_a_dateline_is_no_part_of_the_claim_nor_of_its_source(nlp: Language, dateline) -> None:
    body = "El servicio de aguas cifró en 40 los barrios sin suministro."
    doc = nlp(f"Cortes de agua en la costa\n\n{dateline}{body}")
    claims = list(doc.spans["claims"])
    assert [c.text for c in claims][-1] == body
    assert claims[-1]._.attributed_to == "El servicio de aguas"


def test_a_dateline_is_parsed_apart_from_its_sentence(nlp: Language) -> None:
    # Parsed together, the agency's name becomes the subject of the first sentence.
    doc = nlp(
        "Huelga en el puerto\n\nPuerto Lindo, 4 feb (ANX).- Miles de estibadores pararon hoy."
    )
    sentences = [s.text for s in doc.sents]
    assert "Miles de estibadores pararon hoy." in sentences
    miles = next(t for t in doc if t.text == "Miles")
    assert all(t.head.i >= miles.i for t in doc[miles.i :])


@pytest.mark.parametrize(
    "text",
    [
        "¿Firmará Noruega el acuerdo pesquero con Islandia?",
        "¿Cuántas horas duró la reunión de los ministros?",
        "Por Ana Gómez",
        "Foto: EFE",
        "Madrid, lunes",
        "Una jornada tranquila en la costa norte.",  # no verb, no value: nothing to check
    ],
)
def test_questions_and_fragments_are_not_claims(nlp: Language, text: str) -> None:
    assert claims_of(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "El Gobierno de Chile aprobó el plan de riego.",
        "La reunión duró más de cuatro horas.",
        "Más de tres mil personas en la plaza.",  # a value is checkable without a verb
        "Kim Jong-un viajó en tren a Rusia.",
    ],
)
def test_checkable_sentences_are_claims(nlp: Language, text: str) -> None:
    assert claims_of(nlp, text) == [text]


def test_a_question_among_claims_is_dropped(nlp: Language) -> None:
    text = (
        "El Gobierno subió los impuestos. ¿Cuánto pagarán las familias este año? "
        "La oposición rechazó la medida en el Parlamento."
    )
    assert claims_of(nlp, text) == [
        "El Gobierno subió los impuestos.",
        "La oposición rechazó la medida en el Parlamento.",
    ]


def test_a_semicolon_splits_two_clauses_with_verbs(nlp: Language) -> None:
    text = "El Gobierno subió los impuestos; la oposición rechazó la medida en el Parlamento."
    assert claims_of(nlp, text) == [
        "El Gobierno subió los impuestos",
        "la oposición rechazó la medida en el Parlamento.",
    ]


def test_a_semicolon_before_a_verbless_list_does_not_split(nlp: Language) -> None:
    text = "El ministro visitó tres ciudades; Oporto, Braga y Coímbra."
    assert claims_of(nlp, text) == [text]
