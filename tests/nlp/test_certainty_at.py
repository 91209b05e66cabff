"""Certainty at one word of a claim (certainty_at): only the cues that govern the word
count; subjects, relative and adverbial clauses are statements of their own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from app.nlp.certainty import certainty_at
from tests.nlp.support import claim_of, token


def labels(nlp: Language, sentence: str, *words: str) -> dict[str, str]:
    doc = nlp(sentence)
    found = {}
    for word in words:
        tok = token(doc, word)
        found[word] = certainty_at(tok, claim_of(doc, tok)).label
    return found


def test_a_hedge_in_a_complement_hedges_only_the_complement(nlp) -> None:
    found = labels(
        nlp,
        "Los gobiernos firmaron un acuerdo que podría incluir la venta de armas.",
        "firmaron",
        "acuerdo",
        "venta",
        "armas",
    )
    assert found == {"firmaron": "asserted", "acuerdo": "asserted", "venta": "hedged",
                     "armas": "hedged"}  # fmt: skip


def test_speculation_hedges_what_is_speculated_not_who_speculates(nlp) -> None:
    found = labels(
        nlp,
        "Los analistas especulan que los líderes negociaron un intercambio de armas.",
        "analistas",
        "negociaron",
        "intercambio",
    )
    assert found == {"analistas": "asserted", "negociaron": "hedged", "intercambio": "hedged"}


def test_the_subject_of_a_hedging_verb_is_asserted(nlp) -> None:
    found = labels(
        nlp,
        "La decisión de reunirse en Soria sugiere que buscan apoyo militar.",
        "reunirse",
        "Soria",
        "apoyo",
    )
    assert found == {"reunirse": "asserted", "Soria": "asserted", "apoyo": "hedged"}


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("El Gobierno negó las acusaciones de fraude electoral.", "fraude"),
        ("El portavoz rechazó las acusaciones de espionaje.", "espionaje"),
    ],
)
def test_a_denial_outranks_the_hedge_of_an_accusation(nlp, sentence: str, word: str) -> None:
    assert labels(nlp, sentence, word) == {word: "denied"}


def test_a_relative_clause_is_a_statement_of_its_own(nlp) -> None:
    found = labels(
        nlp,
        "El ministro negó que la presa, que domina el valle, se hubiera agrietado.",
        "domina",
        "valle",
        "agrietado",
    )
    assert found == {"domina": "asserted", "valle": "asserted", "agrietado": "denied"}


def test_an_adverbial_clause_is_a_statement_of_its_own(nlp) -> None:
    found = labels(
        nlp,
        "La empresa desmintió el cierre de la planta, aunque los empleados temen despidos.",
        "cierre",
        "despidos",
    )
    assert found == {"cierre": "denied", "despidos": "asserted"}


@pytest.mark.parametrize(
    ("sentence", "hypothesis", "consequence"),
    [
        ("Si se aprueba el acuerdo, el precio del pan bajará.", "acuerdo", "precio"),
        ("En caso de que se firme la tregua, los soldados volverán a sus cuarteles.",
         "tregua", "cuarteles"),
    ],
)  # fmt: skip
def test_a_conditional_clause_hedges_its_hypothesis(nlp, sentence, hypothesis, consequence):
    # The hypothesis covers its clause's subject too; the main clause stays asserted.
    found = labels(nlp, sentence, hypothesis, consequence)
    assert found == {hypothesis: "hedged", consequence: "asserted"}


def test_an_adjective_hedges_the_noun_it_modifies(nlp) -> None:
    found = labels(nlp, "La policía investiga el supuesto robo de las joyas.", "investiga", "robo")
    assert found == {"investiga": "asserted", "robo": "hedged"}


def test_an_unconfirmed_fact_is_hedged(nlp) -> None:
    found = labels(nlp, "La empresa no confirmó el cierre de la fábrica.", "cierre")
    assert found == {"cierre": "hedged"}


def test_the_deciding_cue_is_reported(nlp) -> None:
    doc = nlp("El Gobierno negó las acusaciones de fraude electoral.")
    tok = token(doc, "fraude")
    assert certainty_at(tok, claim_of(doc, tok)).cue == "negó"


@pytest.mark.xfail(
    strict=True,
    reason="engine gap: a hedge noun as the subject of a verb ('un rumor llevó a…') hedges "
    "what happened (certainty._path documents that the leaving is asserted)",
)
def test_what_a_rumour_caused_is_asserted(nlp) -> None:
    found = labels(
        nlp,
        "El alcalde negó que la presa fallara, después de que un rumor llevara a los vecinos "
        "a abandonar sus casas.",
        "fallara",
        "abandonar",
    )
    assert found == {"fallara": "denied", "abandonar": "asserted"}


def test_a_negated_bound_is_no_denial(nlp) -> None:
    from tests.nlp.support import context_of

    doc = nlp("La humedad no superaba el 10 % durante la tarde.")
    assert context_of(doc, "no superaba el 10 %").certainty == "asserted"


def test_what_a_verb_of_existence_says_is_said_of_its_subject(nlp) -> None:
    assert labels(nlp, "No existió ningún contrato con la naviera.", "contrato") == {
        "contrato": "denied"
    }
    # Other subjects stay statements of their own.
    assert labels(nlp, "El contrato no incluía cláusulas de rescisión.", "contrato") == {
        "contrato": "asserted"
    }


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        # what hangs from the denial verb as its complement is denied, its setting is not
        ("En un comunicado, la naviera negó que el ferri tuviera averías.", "comunicado",
         "asserted"),
        ("En un comunicado, la naviera negó que el ferri tuviera averías.", "averías", "denied"),
        # a que-clause the parser hangs on an adverbial ("de forma rotunda") is still denied
        ("El director negó de forma rotunda que hubiera retrasos en la obra.", "retrasos",
         "denied"),
        # but a relative clause on an adverbial is not the denial's complement
        ("El director negó ante la junta que revisa las 30 obras cualquier culpa.", "obras",
         "asserted"),
    ],
)  # fmt: skip
def test_a_denial_covers_its_complement_only(nlp, sentence, word, expected) -> None:
    assert labels(nlp, sentence, word) == {word: expected}


def test_a_negated_verb_denies_the_count_it_acts_on(nlp) -> None:
    # "no apoyará un aumento" leaves the increase alone; a counted object is what is denied.
    assert labels(nlp, "La policía no detuvo a 30 manifestantes.", "manifestantes") == {
        "manifestantes": "denied"
    }
    # but a negated verb of reaching bounds the figure: at most 400 feet, asserted
    assert labels(nlp, "El avión no pasó de los 400 pies.", "pies") == {"pies": "asserted"}


def test_a_negation_covers_coordinated_infinitives(nlp) -> None:
    found = labels(nlp, "Los buzos no pudieron entrar y rescatar a cinco mineros.", "mineros")
    assert found == {"mineros": "denied"}
    # but not when it negates the first infinitive only, nor past "sino"
    alone = labels(nlp, "Decidieron no esperar y evacuar a 200 vecinos.", "vecinos")
    assert alone == {"vecinos": "asserted"}
    instead = labels(nlp, "No quieren cobrar, sino donar 3.000 euros.", "euros")
    assert instead == {"euros": "asserted"}


def test_a_negated_hesitation_asserts_the_act(nlp) -> None:
    assert labels(nlp, "No dudaron en rescatar a cinco personas.", "personas") == {
        "personas": "asserted"
    }


def test_a_negation_does_not_cover_a_coordinated_clause(nlp) -> None:
    found = labels(
        nlp,
        "El club no ha publicado aún el balance y lo presentará en la asamblea de socios.",
        "publicado",
        "asamblea",
    )
    assert found == {"publicado": "denied", "asamblea": "asserted"}


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        # the act is negated, not the thing its object names
        ("El grupo no respaldará la subida de las tasas.", "subida", "asserted"),
        # ... unless the verb says the thing was there or not
        ("El camión no tenía autorización para circular.", "autorización", "denied"),
        ("El edificio no sufrió daños en la fachada.", "daños", "denied"),
    ],
)
def test_a_negated_act_says_nothing_of_its_object(nlp, sentence, word, expected) -> None:
    assert labels(nlp, sentence, word) == {word: expected}


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("Mientras el viento no baje, los barcos seguirán en el puerto.", "baje"),
        ("Habrá nuevos cortes si el Ayuntamiento no repara la tubería.", "repara"),
    ],
)
def test_a_negation_in_a_hypothesis_denies_nothing(nlp, sentence, word) -> None:
    assert labels(nlp, sentence, word) == {word: "hedged"}


def test_a_clause_opened_by_a_relative_adverb_is_not_denied(nlp) -> None:
    found = labels(
        nlp,
        "La consejera negó que el aviso llegara tarde a los vecinos del valle, donde la "
        "crecida ha causado seis muertos.",
        "llegara",
        "causado",
    )
    assert found == {"llegara": "denied", "causado": "asserted"}


def test_a_denied_clause_the_parser_hangs_by_its_noun_is_still_denied(nlp) -> None:
    # The parser makes "origen" an oblique of "descartó", with the clause's "que" on it.
    found = labels(
        nlp,
        "El jefe de bomberos descartó este lunes que las velas de la mesa estuvieran en "
        "el origen del fuego de la nave.",
        "origen",
    )
    assert found == {"origen": "denied"}


def test_a_subjunctive_relative_clause_is_part_of_what_is_denied(nlp) -> None:
    found = labels(
        nlp,
        "La policía negó que hubiera un almacén donde se guardaran explosivos.",
        "guardaran",
    )
    assert found == {"guardaran": "denied"}


def test_a_clause_said_to_be_false_is_denied(nlp) -> None:
    found = labels(
        nlp, "Es falso que un rayo provocara el incendio, dijo el jefe de bomberos.", "provocara"
    )
    assert found == {"provocara": "denied"}
