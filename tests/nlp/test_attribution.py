"""Claim attribution (who says it) on Spanish sentences, with the real model."""

from __future__ import annotations

import pytest
from spacy.language import Language

from app.nlp.attribution import find_attribution


def attribute(nlp: Language, text: str) -> str | None:
    doc = nlp(text)
    (sentence,) = doc.sents
    return find_attribution(sentence)


# (sentence, expected attribution): the source as written, determiner included.
CASES = [
    # From the brief.
    (
        "Analistas occidentales especulan que los líderes estarían negociando un intercambio de "
        "armas norcoreanas, a cambio de tecnología rusa para misiles nucleares.",
        "Analistas occidentales",
    ),
    (
        "Kim y Putin se reunieron con sus delegaciones y luego uno a uno, dijo el portavoz del "
        "Kremlin, Dmitry Peskov.",
        "el portavoz del Kremlin, Dmitry Peskov",
    ),
    (
        "Corea del Norte puede tener decenas de millones de viejos proyectiles de artillería, "
        "dicen los analistas.",
        "los analistas",
    ),
    (
        "«EE.UU. es visto como un matón imperialista que trata de invadir otros países», "
        "destacó Mackenzie.",
        "Mackenzie",
    ),
    # "según X", "de acuerdo con X", "citado por X".
    ("Según el Banco Central, la inflación bajará en marzo.", "el Banco Central"),
    ("De acuerdo con el Banco Central, la inflación bajará en marzo.", "el Banco Central"),
    ("Las ventas crecieron un 5 % en el primer trimestre, según datos del INE.", "datos del INE"),
    (
        "El jugador sufrió una lesión de rodilla, según fuentes del club.",
        "fuentes del club",
    ),
    ("Según dijo el entrenador, el equipo jugará sin su capitán.", "el entrenador"),
    (
        "El portavoz del club, citado por la agencia EFE, confirmó el fichaje.",
        "la agencia EFE",
    ),
    # Reporting verbs with preposed and postposed subjects.
    ("El ministerio informó que el paro bajó en 20.000 personas.", "El ministerio"),
    ("El entrenador aseguró que el equipo está preparado para la final.", "El entrenador"),
    (
        "La inflación bajará en marzo, dijo el ministro de Economía, Carlos Cuerpo.",
        "el ministro de Economía, Carlos Cuerpo",
    ),
    ("La alcaldesa dijo que no habrá subida de impuestos.", "La alcaldesa"),
    ("Los expertos creen que la recesión es probable.", "Los expertos"),
    ("Rusia niega que sus tropas hayan cruzado la frontera.", "Rusia"),
    (
        "La Organización Mundial de la Salud advirtió que los casos aumentarán en invierno.",
        "La Organización Mundial de la Salud",
    ),
    (
        "Jean Mackenzie, corresponsal de la BBC en Seúl, indicó que la visita fue un éxito.",
        "Jean Mackenzie, corresponsal de la BBC en Seúl",
    ),
    ("Putin levantó su copa y dijo: «Un brindis por la amistad entre nuestros países».", "Putin"),
    ("«Estamos preparados para ganar la final», afirmó Peskov, citado por medios rusos.", "Peskov"),
    # A verb that reports only with a clause.
    ("El club confirmó que el delantero renovará hasta 2027.", "El club"),
    # Not a speaker, impersonal, or the outlet's own narration.
    (
        "La decisión de reunirse en el cosmódromo de Vostochny sugiere que Kim está buscando "
        "ayuda rusa.",
        None,
    ),
    ("Se dijo también que el presidente subió a su tren privado.", None),
    ("Se cree que el incendio comenzó en la cocina.", None),
    ("El Real Madrid ganó la Liga tras vencer al Barcelona.", None),
    ("El Gobierno puso en marcha el plan.", None),
    ("Después de la visita, ambos líderes sostuvieron conversaciones durante cinco horas.", None),
    ("El club confirmó el fichaje del delantero.", None),
    ("Según el plan, las obras terminarán en junio.", None),
    # A plural group after "según" is a source even when it is not a listed speaker noun.
    ("Según los organizadores, la marcha reunió a 20.000 personas.", "los organizadores"),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_finds_attribution(nlp_es: Language, text: str, expected: str | None) -> None:
    assert attribute(nlp_es, text) == expected


def test_source_inside_a_relative_clause(nlp_es: Language) -> None:
    text = (
        "Kim Jong Un de Corea del Norte prometió el miércoles “apoyo total e incondicional” al "
        "ruso Vladimir Putin cuando los dos líderes aislados por Occidente celebraron una cumbre "
        "que, según los Estados Unidos, podría conducir a un acuerdo para suministrar municiones "
        "para Moscú guerra en Ucrania ."
    )
    found = attribute(nlp_es, text)
    assert found is not None
    assert "Estados Unidos" in found


def test_attribution_is_text_of_the_claim(nlp_es: Language) -> None:
    text = "Los sindicatos anunciaron que la huelga durará tres días, informaron fuentes oficiales."
    found = attribute(nlp_es, text)
    assert found is not None
    assert found in text


def test_component_sets_attribution_on_claims(nlp_es: Language) -> None:
    tagger = nlp_es.create_pipe("cotejo_attribution")  # not added: the shared model stays clean
    doc = nlp_es("El ministro dijo que habrá elecciones. Llueve en Madrid. Hace frío en Soria.")
    doc.spans["claims"] = list(doc.sents)[:2]
    doc = tagger(doc)
    assert [s._.attributed_to for s in doc.spans["claims"]] == ["El ministro", None]


def test_component_without_claims_is_a_noop(nlp_es: Language) -> None:
    tagger = nlp_es.create_pipe("cotejo_attribution")
    doc = nlp_es("El ministro dijo que habrá elecciones.")
    assert tagger(doc) is doc
    assert "claims" not in doc.spans


@pytest.mark.parametrize(
    ("text", "figure", "owner"),
    [
        (
            "El banco prevé un alza del 1,2 %, frente al 1,5 % que espera el Gobierno.",
            "1,5",
            "el Gobierno",
        ),
        (
            "La cifra de 800 heridos que maneja la Cruz Roja duplica la oficial.",
            "800",
            "la Cruz Roja",
        ),
    ],
)
def test_a_figure_described_by_a_relative_is_its_subjects(nlp, text, figure, owner) -> None:
    from app.nlp.attribution import speaker_at

    doc = nlp(text)
    (claim,) = doc.spans["claims"]
    (token,) = [t for t in doc if t.text == figure]
    assert speaker_at(token, claim) == owner


@pytest.mark.parametrize(
    ("text", "figure", "speaker"),
    [
        (
            "Acudieron 30.000 personas, según la policía, y 90.000, según los convocantes.",
            "30.000",
            "la policía",
        ),
        (
            "Acudieron 30.000 personas, según la policía y que los convocantes elevan a 90.000.",
            "30.000",
            "la policía",
        ),
    ],
)
def test_a_source_stops_before_a_conjunct_with_a_figure_or_verb_of_its_own(
    nlp, text, figure, speaker
) -> None:
    from app.nlp.attribution import speaker_at

    doc = nlp(text)
    (claim,) = doc.spans["claims"]
    (token,) = [t for t in doc if t.text == figure]
    assert speaker_at(token, claim) == speaker
