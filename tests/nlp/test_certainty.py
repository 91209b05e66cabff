"""Claim certainty (asserted / hedged / denied) on Spanish sentences, with the real model."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span

from app.compare.facts import CERTAINTIES
from app.nlp.certainty import Certainty, classify_certainty


def classify(nlp: Language, text: str) -> Certainty:
    doc = nlp(text)
    (sentence,) = doc.sents
    return classify_certainty(sentence)


# (sentence, label, cue): cue None means "any cue" for hedged/denied, none for asserted.
CASES = [
    # The three reference sentences of the brief.
    (
        "Los presidentes Kim Jong-un y Vladimir Putin también negociaron un acuerdo que implica "
        "el intercambio de armas por información sobre tecnología satelital.",
        "asserted",
        None,
    ),
    (
        "Analistas occidentales especulan que los líderes estarían negociando un intercambio de "
        "armas norcoreanas, necesarias para la continuación de la guerra en Ucrania, a cambio de "
        "tecnología rusa para misiles nucleares.",
        "hedged",
        "especulan",
    ),
    (
        "Tanto Corea del Norte como Rusia han negado las acusaciones de transferencias de armas, "
        "lo que sería una violación de múltiples resoluciones del Consejo de Seguridad de la ONU.",
        "denied",
        "han negado",
    ),
    # Asserted: facts, past ability, "poder" as a noun, hedges inside side clauses.
    ("El Gobierno puso en marcha el plan.", "asserted", None),
    ("El poder del Estado se concentra en la capital.", "asserted", None),
    ("El Real Madrid ganó la Liga tras vencer al Barcelona.", "asserted", None),
    ("El equipo pudo remontar el partido en la segunda parte.", "asserted", None),
    ("Las exportaciones crecieron un 4 % en el primer semestre del año.", "asserted", None),
    ("No solo ganó el partido, sino que también batió el récord.", "asserted", None),
    ("Los aficionados esperaron dos horas bajo la lluvia.", "asserted", None),
    ("La candidata se negó a responder a las preguntas.", "asserted", None),
    ("El Parlamento rechazó la reforma fiscal.", "asserted", None),
    ("Nadie resultó herido en el accidente.", "asserted", None),
    ("Por supuesto, el Gobierno cumplirá su promesa.", "asserted", None),
    # Conditional of reported speech after a past verb is the future-in-the-past.
    ("El ministro dijo que el Gobierno aprobaría el presupuesto en mayo.", "asserted", None),
    # A rumour in a relative or adverbial clause does not hedge the main statement.
    (
        "Los dos líderes inspeccionaron las instalaciones antes de las conversaciones "
        "planificadas que podrían llevar a un posible acuerdo de armas.",
        "asserted",
        None,
    ),
    (
        "El alcalde elogió el proyecto, ya que los informes sugieren que reducirá el tráfico.",
        "asserted",
        None,
    ),
    ("La ministra discutió la posible venta de la empresa pública.", "asserted", None),
    # Hedged: conditional mood, modal "poder", belief and hearsay verbs, hedge words.
    ("El delantero podría fichar por el Madrid este verano.", "hedged", "podría"),
    ("La reforma puede tener consecuencias graves para la economía.", "hedged", "puede"),
    (
        "El banco estaría negociando la compra de su rival desde hace meses.",
        "hedged",
        "estaría",
    ),
    ("Los analistas dicen que el Gobierno aprobaría el presupuesto en mayo.", "hedged", None),
    ("Se cree que el incendio comenzó en la cocina.", "hedged", "Se cree"),
    ("Se espera que el Banco Central suba los tipos de interés.", "hedged", "Se espera"),
    ("Los mercados esperan que la Reserva Federal baje los tipos.", "hedged", "esperan que"),
    ("Los expertos creen que la recesión es probable.", "hedged", "creen"),
    ("Al parecer, el delantero fichará por el Madrid.", "hedged", "Al parecer"),
    ("La huelga posiblemente se extenderá a otros sectores.", "hedged", "posiblemente"),
    ("El empresario supuestamente pagó sobornos a dos concejales.", "hedged", "supuestamente"),
    ("El acusado presuntamente robó tres coches.", "hedged", "presuntamente"),
    ("La supuesta trama de corrupción salpica a tres ministros.", "hedged", "supuesta"),
    ("Es probable que el partido se aplace por la lluvia.", "hedged", "probable"),
    ("Es posible que la empresa cierre la planta.", "hedged", "posible"),
    ("La decisión del tribunal sugiere que la ley será anulada.", "hedged", "sugiere"),
    (
        "Según informes, el presidente visitará la región la próxima semana.",
        "hedged",
        "Según informes",
    ),
    # Uncertainty phrases contain a negation but are not denials.
    ("No está claro cuántas personas murieron en el incendio.", "hedged", "No está claro"),
    ("La policía no ha confirmado la identidad de la víctima.", "hedged", "no ha confirmado"),
    ("La cifra de víctimas aún no está confirmada.", "hedged", "no está confirmada"),
    ("La noticia sigue sin confirmar.", "hedged", "sin confirmar"),
    ("Nadie sabe todavía quién ganará las elecciones.", "hedged", "Nadie sabe"),
    ("Ni el club ni el jugador han confirmado el traspaso.", "hedged", "han confirmado"),
    # Denied: reported denials and plain negation of the main predicate.
    ("El ministro no firmó el acuerdo.", "denied", "no firmó"),
    ("El club rechazó las acusaciones de amaño.", "denied", "rechazó"),
    ("Los sindicatos han rechazado las afirmaciones de la patronal.", "denied", "han rechazado"),
    ("La empresa desmintió que vaya a despedir a 500 trabajadores.", "denied", "desmintió"),
    ("Rusia niega que sus tropas hayan cruzado la frontera.", "denied", "niega"),
    ("La alcaldesa dijo que no habrá subida de impuestos.", "denied", "no habrá"),
    ("Ni el Gobierno ni la oposición firmaron el pacto.", "denied", None),
    ("El acuerdo no es vinculante para los socios.", "denied", "no es vinculante"),
    # Negated verbs of ruling out or proving leave the question open: hedged, not denied.
    ("La fiscalía no descarta que haya más implicados.", "hedged", None),
    ("El ministerio no ha explicado por qué se retrasó la obra.", "hedged", None),
    # "no ... hasta" says when it happened: it did happen.
    ("El puente no se abrió al tráfico hasta las diez de la noche.", "asserted", None),
    ("La ayuda no llegó hasta el jueves.", "asserted", None),
    ("La ayuda no llegó a los pueblos del norte.", "denied", "no llegó"),
]


@pytest.mark.parametrize(("text", "label", "cue"), CASES, ids=[c[0][:40] for c in CASES])
def test_classifies_sentence(nlp_es: Language, text: str, label: str, cue: str | None) -> None:
    result = classify(nlp_es, text)
    assert result.label == label, result
    assert result.label in CERTAINTIES
    if label == "asserted":
        assert result.cue is None
    else:
        assert result.cue
        assert result.cue in text
        if cue is not None:
            assert result.cue == cue


def test_denial_beats_hedge(nlp_es: Language) -> None:
    result = classify(
        nlp_es, "El Gobierno ha desmentido los rumores, que según la oposición serían ciertos."
    )
    assert result == Certainty("denied", "ha desmentido")


def test_uncertainty_beats_plain_negation(nlp_es: Language) -> None:
    assert classify(nlp_es, "No está claro si el presidente asistirá.").label == "hedged"


def test_hedge_beats_plain_negation(nlp_es: Language) -> None:
    result = classify(nlp_es, "Los analistas creen que el banco no subirá los tipos.")
    assert result == Certainty("hedged", "creen")


def test_component_sets_certainty_on_claims(nlp_es: Language) -> None:
    tagger = nlp_es.create_pipe("cotejo_certainty")  # not added: the shared model stays clean
    text = "El ministro no firmó el acuerdo. El acuerdo podría firmarse en mayo. Llueve en Madrid."
    doc = nlp_es(text)
    doc.spans["claims"] = list(doc.sents)[:2]
    doc = tagger(doc)
    assert [s._.certainty.label for s in doc.spans["claims"]] == ["denied", "hedged"]
    assert list(doc.sents)[2]._.certainty is None


def test_component_without_claims_is_a_noop(nlp_es: Language) -> None:
    tagger = nlp_es.create_pipe("cotejo_certainty")
    doc = nlp_es("El ministro no firmó el acuerdo.")
    assert tagger(doc) is doc
    assert "claims" not in doc.spans


def test_works_on_clause_spans(nlp_es: Language) -> None:
    doc = nlp_es("El equipo ganó la final; el entrenador podría dimitir mañana.")
    first, second = doc[0:5], doc[6:-1]
    assert isinstance(first, Span)
    assert classify_certainty(first).label == "asserted"
    assert classify_certainty(second).label == "hedged"
