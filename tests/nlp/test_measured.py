"""What a value measures (measured.py): the concept a count counts, what lasted, what a
complement names, and distances from a place."""

from __future__ import annotations

import pytest
from spacy.language import Language

from app.nlp.concepts import verb_stem
from app.nlp.measured import Measured, measured_reader
from app.nlp.values import find_values
from tests.nlp.support import context_of


def measured(nlp: Language, sentence: str, text: str) -> Measured | None:
    doc = nlp(sentence)
    (value,) = [v for v in find_values(doc) if v.text == text]
    span = doc.char_span(value.start, value.end, alignment_mode="expand")
    return measured_reader("es").read(doc, value.kind, value.head, range(span.start, span.end))


def key(nlp: Language, sentence: str, text: str) -> str | None:
    found = measured(nlp, sentence, text)
    return found.key if found is not None else None


# A generic noun ("personas") says nothing: the verb or participle says what is counted.
@pytest.mark.parametrize(
    ("sentence", "text", "expected", "word"),
    [
        ("En el naufragio murieron 40 personas.", "40 personas", "death", "murieron"),
        ("Cuarenta personas murieron en la riada.", "Cuarenta personas", "death", "murieron"),
        ("Fallecieron 12 personas en la carretera.", "12 personas", "death", "Fallecieron"),
        ("Unas 40 personas resultaron heridas.", "Unas 40 personas", "injured", "heridas"),
        ("Fueron evacuadas 300 personas de sus casas.", "300 personas", "evacuated", "evacuadas"),
        ("La policía detuvo a 30 personas durante la marcha.", "30 personas", "detained", "detuvo"),
        ("Un total de 40 personas murieron en el incendio.", "40 personas", "death", "murieron"),
        # those aboard a vehicle the count goes "con", whatever its verb says
        (
            "La patera volcó con 41 personas cerca de la costa.",
            "41 personas",
            "passengers",
            "personas",
        ),
        ("Rescataron a un velero con 12 personas.", "12 personas", "passengers", "personas"),
        # the generic noun's own participle, whatever its clause is about
        ("Hay 23 personas desaparecidas.", "23 personas", "missing", "desaparecidas"),
        (
            "El alud dejó dos muertos y hay 9 personas sin localizar; 14 personas evacuadas "
            "duermen en el polideportivo.",
            "14 personas",
            "evacuated",
            "evacuadas",
        ),
    ],
)
def test_a_generic_count_is_what_its_verb_says(nlp_es, sentence, text, expected, word) -> None:
    found = measured(nlp_es, sentence, text)
    assert found is not None
    assert (found.key, found.word) == (expected, word)


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        ("El choque dejó 15 fallecidos.", "15 fallecidos", "death"),
        ("Lanzaron 12 misiles contra la base.", "12 misiles", "weapons"),
        ("El total de muertos asciende a 40.", "40", "death"),  # a container hands over
        # ... to a generic noun's participle, past a cause the parser takes for an object
        ("El Gobierno elevó a 31 el número de personas muertas por la riada.", "31", "death"),
        # a noun with the verb it goes with: bodies recovered, but not bodies of police
        ("Los buzos recuperaron 14 cuerpos del pecio.", "14 cuerpos", "death"),
        ("Los agentes localizaron 30 cuerpos de seguridad.", "30 cuerpos", "cuerpo"),
    ],
)
def test_a_specific_count_is_its_own_noun(nlp_es, sentence, text, expected) -> None:
    assert key(nlp_es, sentence, text) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        ("La reunión duró tres horas.", "tres horas", "meeting"),
        ("Los ministros se reunieron durante cuatro horas.", "cuatro horas", "meeting"),
        ("Tras una reunión de cinco horas, firmaron el acuerdo.", "cinco horas", "meeting"),
        ("El juicio se prolongó tres semanas.", "tres semanas", "trial"),
        ("La huelga duró dos días.", "dos días", "strike"),
        # A noun the lexicon does not know stands for itself.
        ("La asamblea duró cinco horas.", "cinco horas", "asamblea"),
    ],
)
def test_a_duration_measures_the_event_that_lasted(nlp_es, sentence, text, expected) -> None:
    assert key(nlp_es, sentence, text) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        ("El vuelo aterrizó con 25 minutos de retraso.", "25 minutos", "delay"),
        ("El autobús acumuló 40 minutos de retraso.", "40 minutos", "delay"),
        ("El epicentro estuvo a 10 kilómetros de profundidad.", "10 kilómetros", "depth"),
        ("La presa tiene 90 metros de altura.", "90 metros", "height"),
        # The complement may hang on the last part of the figure, and it beats an event
        # of the clause.
        (
            "El fallo impone dos años y tres meses de cárcel al tesorero.",
            "dos años y tres meses",
            "prison_term",
        ),
        # A coordinated figure shares the first one's complement.
        (
            "El fallo impone seis años de cárcel a Ortega, y cuatro años a Solís.",
            "cuatro años",
            "prison_term",
        ),
    ],
)
def test_a_complement_after_the_unit_is_what_it_measures(nlp_es, sentence, text, expected):
    assert key(nlp_es, sentence, text) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        ("El túnel mide 18 kilómetros de longitud.", "18 kilómetros", "túnel"),
        ("El túnel mide 18 kilómetros.", "18 kilómetros", "túnel"),
        ("Levantaron un muro de 40 metros de largo.", "40 metros", "muro"),
        ("Levantaron un muro de 40 metros.", "40 metros", "muro"),
        ("La longitud del puente es de 420 metros.", "420 metros", "puente"),
        ("El puente tiene una longitud de 420 metros.", "420 metros", "puente"),
    ],
)
def test_a_length_without_another_dimension_measures_the_thing(
    nlp_es, sentence, text, expected
) -> None:
    """ "de longitud" says no more than a bare length: both measure the tunnel."""
    assert key(nlp_es, sentence, text) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "change"),
    [
        ("Los coches cayeron desde 30 metros de altura.", "30 metros", False),
        ("Un tramo de 60 metros se desplomó sobre la vía.", "60 metros", False),
        ("La deuda, de 300 millones de euros, creció.", "300 millones de euros", False),
        ("El nivel del embalse bajó tres metros.", "tres metros", True),
        ("La deuda creció un total de 300 millones de euros.", "300 millones de euros", True),
    ],
)
def test_a_figure_a_change_starts_from_or_describes_is_a_level(
    nlp_es, sentence, text, change
) -> None:
    """A fall from 30 metres is not 30 metres less; a section that collapsed measured 60."""
    found = measured(nlp_es, sentence, text)
    assert found is not None
    assert found.change is change


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("El accidente ocurrió a 18 km de Valdeluna.", "18 km"),
        ("El pueblo está a 30 kilómetros al sur de Castrillo.", "30 kilómetros"),
        # After "a", from any thing: the fire station is three kilometres from the bridge.
        ("El parque de bomberos está a tres kilómetros del puente.", "tres kilómetros"),
    ],
)
def test_a_length_from_a_place_is_a_distance(nlp_es, sentence: str, text: str) -> None:
    assert key(nlp_es, sentence, text) == "distance"


def test_a_length_from_no_place_is_not_a_distance(nlp_es) -> None:
    assert key(nlp_es, "El túnel mide 18 kilómetros de longitud.", "18 kilómetros") != "distance"


def test_a_speed_describes_itself(nlp_es) -> None:
    assert key(nlp_es, "El convoy circulaba a 190 km/h por la recta.", "190 km/h") == "speed"


@pytest.mark.parametrize(
    ("sentence", "text", "change"),
    [
        ("El paro subió un 2 % en marzo.", "2 %", True),
        ("El paro se situó en el 12 %.", "12 %", False),
        ("La inflación subió hasta el 3,2 %.", "3,2 %", False),  # the level reached
    ],
)
def test_a_verb_of_change_makes_a_change_not_a_level(nlp_es, sentence, text, change) -> None:
    found = measured(nlp_es, sentence, text)
    assert found is not None
    assert found.change is change


def test_a_count_with_more_after_it_is_an_increment(nlp_es) -> None:
    found = measured(
        nlp_es, "Hay 45 fallecidos y 144 heridos más, según el balance.", "144 heridos"
    )
    assert found is not None
    assert (found.key, found.change) == ("injured", True)


@pytest.mark.parametrize(
    ("sentence", "text", "qualifier"),
    [
        ("Hubo 8 vagones pintados.", "8 vagones", "pint"),
        # A participle of a verb the lexicon knows is read as that verb's concept.
        ("Hubo 8 vagones descarrilados.", "8 vagones", "accident"),
        ("La reunión duró tres horas.", "tres horas", ""),
        # Taking part in the work narrows nothing: one count of the aircraft deployed.
        ("Trabajan en el incendio 23 aviones.", "23 aviones", ""),
        ("Luchan contra el fuego 13 aviones.", "13 aviones", ""),
        ("Hay 9 aviones, a los que se han unido dos helicópteros.", "9 aviones", ""),
        # A part is narrowed by what its figure does, not by the whole's participle
        # ("sacar con vida" is a rescue).
        ("Sacaron con vida a dos de los buzos atrapados.", "dos", "rescued"),
        ("Sacaron del pozo a dos de los buzos atrapados.", "dos", "sac"),
        # The object of a verb of its own is counted for what the verb does to it.
        ("Rescataron a cinco buzos atrapados.", "cinco buzos", "rescued"),
        # A restrictive relative clause says which are counted; "lograr" hands over to
        # what was done, and a negation is a role of its own.
        ("Había siete buzos que lograron escapar.", "siete buzos", "escaped"),
        ("Quedan cuatro buzos que no pudieron salir.", "cuatro buzos", "not-sal"),
        ("Seis buzos no pudieron salir.", "Seis buzos", "not-sal"),
        ("Seis buzos permanecen atrapados.", "Seis buzos", "trapped"),
        # The figure as predicate narrows nothing; the relative clause does.
        ("Eran 14 los buzos que bajaron al pozo.", "14 los buzos", "baj"),
        # A verb that reports a figure narrows nothing.
        ("La Fiscalía seguía hablando de 23 fallecidos.", "23 fallecidos", ""),
        # A participle of a reporting verb counts them all, as does treating the injured,
        # unless a named body did it (a hospital treats some of them).
        ("Hubo 52 heridos registrados en el barrio.", "52 heridos", ""),
        ("Los médicos atendieron a 52 heridos.", "52 heridos", ""),
        ("El Hospital del Norte atendió a 52 heridos.", "52 heridos", "treated"),
        # What they have or lack narrows them too.
        ("Hay cinco bomberos con quemaduras leves.", "cinco bomberos", "con-quemadura"),
        ("Siguen 300 hogares sin agua.", "300 hogares", "sin-agua"),
    ],
)
def test_a_participle_narrows_a_count(nlp_es, sentence, text, qualifier) -> None:
    found = measured(nlp_es, sentence, text)
    assert found is not None
    assert found.qualifier == qualifier


def test_verb_stem_strips_infinitive_and_participle_endings() -> None:
    assert verb_stem("descarrilar") == verb_stem("descarrilados") == "descarril"


@pytest.mark.parametrize(
    "sentence, text",
    [
        ("Los buzos rescataron dos nuevos cuerpos del pecio.", "dos nuevos cuerpos"),
        ("Otras seis personas resultaron heridas.", "seis personas"),
    ],
)
def test_new_or_other_before_the_noun_makes_an_increment(nlp_es, sentence, text) -> None:
    found = measured(nlp_es, sentence, text)
    assert found is not None and found.change


def test_the_time_of_a_thing_is_told_apart_by_what_it_did(nlp_es) -> None:
    took_off = measured(nlp_es, "La avioneta despegó a las 9.10.", "las 9.10")
    landed = measured(nlp_es, "La avioneta aterrizó a las 11.45.", "las 11.45")
    assert took_off is not None and landed is not None
    assert took_off.key == landed.key and took_off.qualifier != landed.qualifier


def test_the_time_of_a_thing_is_told_apart_by_what_was_done_to_it(nlp_es) -> None:
    closed = measured(nlp_es, "La Guardia Civil cortó la carretera a las 8.20.", "las 8.20")
    opened = measured(nlp_es, "La Guardia Civil reabrió la carretera a las 19.05.", "las 19.05")
    assert closed is not None and opened is not None
    assert closed.key == opened.key and closed.qualifier != opened.qualifier


def test_when_it_fell_is_when_the_accident_happened(nlp_es) -> None:
    assert key(nlp_es, "La avioneta cayó a las 11.40.", "las 11.40") == "accident"
    assert key(nlp_es, "El accidente se produjo a las 11.40.", "las 11.40") == "accident"


def test_the_time_something_took_is_told_apart_by_what_was_done(nlp_es) -> None:
    arriving = measured(
        nlp_es, "El helicóptero tardó cuarenta minutos en llegar.", "cuarenta minutos"
    )
    leaving = measured(nlp_es, "El helicóptero tardó dos horas en hacer despegar.", "dos horas")
    again = measured(nlp_es, "La grúa tardó una hora en llegar al puerto.", "una hora")
    assert arriving is not None and leaving is not None and again is not None
    assert arriving.qualifier != leaving.qualifier
    assert arriving.qualifier == again.qualifier


def test_a_word_for_the_story_is_its_concept_even_if_a_stop_word(nlp_es) -> None:
    # "hecho" is a stop word (the participle of "hacer"); listed alone, it names the story.
    assert key(nlp_es, "Los hechos ocurrieron el viernes.", "viernes") == "incident"
    assert key(nlp_es, "La tragedia ocurrió el viernes.", "viernes") == "incident"


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        # A price is no inflation: what a price gives is its own figure.
        ("Ese precio supone una prima del 18 % para el accionista.", "18 %", "prima"),
        ("La inflación subió hasta el 3,2 %.", "3,2 %", "inflation"),
    ],
)
def test_a_price_is_not_inflation(nlp_es, sentence, text, expected) -> None:
    assert key(nlp_es, sentence, text) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        # What a price is per is its unit (scope per:unit), not what it measures.
        ("Añade un pago en efectivo de 0,25 euros por acción.", "0,25 euros", "pago"),
        ("El abono de 45 euros por persona incluye el transporte.", "45 euros", "abono"),
    ],
)
def test_what_a_price_is_per_is_not_what_it_measures(nlp_es, sentence, text, expected) -> None:
    assert key(nlp_es, sentence, text) == expected


def test_points_with_no_percent_cue_say_nothing_of_what_they_measure(nlp_es) -> None:
    # "puntos" is a unit here (a lead, a rise), not the thing counted.
    lead = key(nlp_es, "La ventaja del PP quedó en tres puntos.", "tres puntos")
    assert lead not in {None, "punto"}


def test_people_aboard_are_passengers(nlp_es) -> None:
    assert key(nlp_es, "Un bote con 30 personas a bordo volcó.", "30 personas") == "passengers"
    # A building or a plant "con 40 personas" carries nobody.
    inside = key(nlp_es, "Una nave industrial con 40 personas dentro ardió.", "40 personas")
    staff = key(nlp_es, "El reactor, con 300 personas en plantilla, paró.", "300 personas")
    assert "passengers" not in {inside, staff}


def test_a_count_that_comes_with_an_act_is_not_narrowed_by_it(nlp_es) -> None:
    took_off = measured(nlp_es, "El avión despegó con 90 pasajeros.", "90 pasajeros")
    carried = measured(nlp_es, "El avión transportaba 90 pasajeros.", "90 pasajeros")
    assert took_off is not None and carried is not None
    assert (
        (took_off.key, took_off.qualifier)
        == (carried.key, carried.qualifier)
        == (
            "passengers",
            "",
        )
    )


def test_an_area_a_report_gives_is_named_by_its_kind(nlp_es) -> None:
    assert key(nlp_es, "El informe de la tarde habla de 900 hectáreas.", "900 hectáreas") == "area"


def test_the_event_a_noun_names_dates_before_the_one_its_verb_names(nlp_es) -> None:
    # "arrasar" also names a fire ("el fuego arrasó 300 hectáreas"); here it is the flood's.
    sentence = "Murieron 11 personas en la riada que el domingo arrasó el valle."
    assert key(nlp_es, sentence, "domingo") == "flood"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Miles de trabajadores pararon este miércoles en una huelga general.", "strike"),
        ("Tres vecinos murieron el domingo en el incendio.", "fire"),
    ],
)
def test_the_event_a_clause_happens_in_is_what_its_date_dates(nlp_es, sentence, expected):
    day = next(w for w in ("miércoles", "domingo") if w in sentence)
    text = f"este {day}" if f"este {day}" in sentence else day
    assert key(nlp_es, sentence, text) == expected


def test_fighting_against_an_event_does_not_date_it(nlp_es) -> None:
    sentence = "Este sábado luchan contra el fuego 13 aviones y cientos de bomberos."
    assert key(nlp_es, sentence, "Este sábado") != "fire"


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Unos 300 vecinos tuvieron que dejar sus viviendas.", "Unos 300 vecinos"),
        ("Un total de 2.600 personas han tenido que abandonar sus casas.", "2.600 personas"),
        ("Unas 2.300 personas han tenido que salir de sus casas.", "Unas 2.300 personas"),
    ],
)
def test_leaving_ones_home_is_being_evacuated(nlp_es, sentence, text) -> None:
    assert key(nlp_es, sentence, text) == "evacuated"


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        # A restrictive relative clause says which of the generic noun's things are counted.
        ("Hay 300 personas que resultaron heridas.", "300 personas", "injured"),
        # "de las que" counts a part of them instead: the 74 are not the rescued.
        ("En el barco viajaban 74 personas, de las que 27 fueron rescatadas.", "74 personas",
         "passengers"),
    ],
)  # fmt: skip
def test_a_relative_clause_names_what_a_generic_count_counts(nlp_es, sentence, text, expected):
    assert key(nlp_es, sentence, text) == expected


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("El ojo del ciclón tocó tierra a las 3.40 horas.", "las 3.40 horas"),
        ("El huracán entró a tierra a las 2.40 horas.", "las 2.40 horas"),
        # A storm's name says nothing; its landfall dates the storm all the same.
        ("Irene tocó tierra en la madrugada del martes.", "martes"),
    ],
)
def test_a_storms_landfall_dates_the_storm(nlp_es, sentence, text) -> None:
    assert key(nlp_es, sentence, text) == "storm"


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        # The parser hangs the figure on "sostenidos"; the winds are what it measures.
        ("Llegó con vientos sostenidos de 240 km/h.", "240 km/h", "wind"),
        ("Las ráfagas alcanzaron los 295 kilómetros por hora.", "295 kilómetros por hora",
         "gust"),
        # Any other speed is a speed.
        ("El tren entró en la curva a 130 km/h.", "130 km/h", "speed"),
    ],
)  # fmt: skip
def test_sustained_winds_and_gusts_are_different_speeds(nlp_es, sentence, text, expected):
    assert key(nlp_es, sentence, text) == expected


def test_lasting_with_no_subject_lasts_what_the_story_is_about(nlp_es) -> None:
    assert key(nlp_es, "Se prolongó durante más de tres horas.", "más de tres horas") == "incident"
    assert key(nlp_es, "La vista se prolongó durante tres horas.", "tres horas") == "trial"


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        ("El huracán, de categoría cinco, tocó tierra.", "categoría cinco", "storm"),
        ("Protección Civil activó la fase 3 del plan.", "fase 3", "plan"),
        ("La federación aplazó la fase 2 del torneo.", "fase 2", "torneo"),
        ("Se decretó el nivel 3 de alerta.", "nivel 3", "warning"),
    ],
)
def test_a_scale_rates_what_it_names_not_the_story(nlp_es, sentence, text, expected) -> None:
    # A step of a plan and a step of a tournament never meet as "the story's scale".
    assert key(nlp_es, sentence, text) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        ("Los buzos rescataron a 12 personas atrapadas.", "12 personas", "rescued"),
        ("Fueron evacuadas 300 personas aisladas.", "300 personas", "evacuated"),
        ("Hay 23 personas desaparecidas.", "23 personas", "missing"),
        # a known noun a generic count completes measures it
        ("La sala tenía un aforo de 500 personas.", "500 personas", "capacity"),
        ("El estadio, con capacidad para 300 personas, abrió.", "300 personas", "capacity"),
        ("El choque causó la muerte de 24 personas.", "24 personas", "death"),
        ("La explosión dejó 20 personas heridas.", "20 personas", "injured"),
    ],
)
def test_a_known_verb_acting_on_a_count_outranks_its_participle(nlp_es, sentence, text, expected):
    assert key(nlp_es, sentence, text) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        ("Todo ocurrió hacia las once de la noche.", "hacia las once de la noche", "incident"),
        ("Sucedió el jueves por la mañana.", "jueves", "incident"),
        ("El choque se produjo a las 8.10.", "las 8.10", "accident"),  # its own subject
        ("La gala tuvo lugar el sábado.", "sábado", "gala"),
        # a relative clause on a container dates what it contains
        ("El balance del alud que sepultó el martes el barrio subió.", "martes", "landslide"),
        # the event a toll happened in, not the toll
        ("Doce personas resultaron heridas el sábado en una avalancha.", "sábado", "crush"),
        # a participle of happening dates the noun it agrees with, an event first
        (
            "Murieron 9 personas en el choque del autobús que hacía la ruta, ocurrido a las 6.15.",
            "las 6.15",
            "accident",
        ),
    ],
)
def test_happening_with_no_subject_dates_what_the_story_is_about(nlp_es, sentence, text, expected):
    assert key(nlp_es, sentence, text) == expected


# A bare definite noun that heads one of an event's phrases is that event again when its
# article names it; otherwise, or with a complement of its own, it is a plain word.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Un corte de luz dejó a oscuras la comarca. El corte comenzó a las 7.25.", "blackout"),
        ("Hubo un apagón en la comarca. El corte comenzó a las 7.25.", "blackout"),
        ("La autovía sigue cerrada. El corte comenzó a las 7.25.", "corte"),
        ("Hubo un apagón en la comarca. El corte de la autovía comenzó a las 7.25.", "corte"),
        ("Hubo un apagón en la comarca. Un corte comenzó a las 7.25.", "corte"),
    ],
)
def test_a_definite_head_of_an_event_phrase_refers_back_to_it(nlp_es, sentence, expected):
    assert key(nlp_es, sentence, "las 7.25") == expected


# The parts of a breakdown count what its total counts, narrowed by a noun of their own.
@pytest.mark.parametrize(
    ("sentence", "text", "expected", "qualifier"),
    [
        ("El vuelco dejó 22 heridos: siete graves y 15 leves.", "siete graves", "injured", ""),
        ("Murieron 11 personas: seis niños y cinco adultos.", "seis niños", "death", "niño"),
        ("Murieron 11 personas: seis niños y cinco adultos.", "cinco adultos", "death", "adulto"),
    ],
)
def test_a_part_of_a_breakdown_counts_what_its_total_counts(
    nlp_es, sentence, text, expected, qualifier
):
    found = measured(nlp_es, sentence, text)
    assert found is not None and (found.key, found.qualifier) == (expected, qualifier)


def test_the_day_a_time_is_on_is_not_what_it_measures(nlp_es) -> None:
    # "del viernes" is the time's day; the clause says what happened at 6.10.
    found = measured(nlp_es, "El tren salió a las 6.10 del viernes hacia el norte.", "las 6.10")
    assert found is not None and found.key != "viernes"


# The moment an event ended or was brought under control is not the moment it happened;
# one label per phase, so different verbs of one phase meet.
@pytest.mark.parametrize(
    ("sentence", "text", "phase"),
    [
        ("La asamblea comenzó a las 13.10.", "las 13.10", ""),
        ("La asamblea terminó a las 17.40.", "las 17.40", "fin"),
        ("La asamblea concluyó a las 17.40.", "las 17.40", "fin"),
        ("El incendio quedó extinguido a las 9.30.", "las 9.30", "extinción"),
        ("Los bomberos dieron por controlado el incendio a las 2.05.", "las 2.05", "control"),
        # an aspect of another verb is no phase of the event
        ("A las 3.40 una réplica terminó de tumbar el campanario.", "las 3.40", ""),
        # a date naming which one of its noun it is
        ("La huelga del 12 de mayo terminó con un pacto.", "12 de mayo", ""),
        # an attempt is no phase, and things have none
        ("Intentaron apagar el incendio a las 4.10.", "las 4.10", ""),
        ("Los vecinos levantaron barricadas a las 6.00.", "las 6.00", "levant"),  # what they did
        ("El rescate terminó a las 18.00.", "las 18.00", "fin"),  # an activity has
        ("Tras controlar el incendio a las 18.00, se retiraron.", "las 18.00", "control"),
        # a reflexive clitic is no object of the ending verb
        ("La asamblea se dio por terminada a las 23.15.", "las 23.15", "fin"),
        # what lasted until a moment stopped then, and so did the day of that moment
        ("El motín se prolongó hasta las 4.10.", "las 4.10", "fin"),
        ("El motín se prolongó hasta las 4.10 del martes.", "martes", "fin"),
        ("El motín estalló a las 4.10 del martes.", "martes", ""),
        # the verb's own phase stays; "not until" is when it happened; a deferral resumes
        ("El fuego no quedó extinguido hasta las 3.40.", "las 3.40", "extinción"),
        ("La vista se suspendió hasta las 12.40.", "las 12.40", ""),
        # the moment that closes a span is its end
        ("La carretera estuvo cortada de las 8.10 a las 10.25.", "las 10.25", "fin"),
    ],
)
def test_a_phase_of_an_event_has_its_own_moment(nlp_es, sentence, text, phase) -> None:
    found = measured(nlp_es, sentence, text)
    assert found is not None and found.qualifier == phase


def test_the_side_of_a_vote_narrows_its_count(nlp) -> None:
    doc = nlp("El pleno aprobó la ley con 190 votos a favor y 150 en contra.")
    assert context_of(doc, "190 votos").qualifier == "for"
    # the bare figure counts the votes before it, on the other side
    against = context_of(doc, "150")
    assert (against.measured, against.qualifier) == ("votes", "against")


def test_a_prepositional_favour_is_no_side_of_a_vote(nlp) -> None:
    doc = nlp("En el juicio declararon 12 testigos a favor de la acusada.")
    assert context_of(doc, "12 testigos").qualifier != "for"
    # but votes are, whatever follows the side
    vote = nlp("Votaron 180 diputados a favor de la ley y 150 en contra de ella.")
    assert context_of(vote, "180 diputados").qualifier == "for"
    assert context_of(vote, "150").qualifier == "against"


def test_a_share_restored_is_told_apart_from_a_share_lost(nlp) -> None:
    lost = context_of(nlp("La red perdió de golpe el 60 % de la demanda."), "60 %")
    restored = context_of(nlp("La red ha recuperado ya el 80 % de la demanda."), "80 %")
    assert lost.measured == restored.measured
    assert (lost.qualifier, restored.qualifier) == ("", "restored")
    # a verb of change is the aspect's, not an act on a share
    growth = context_of(nlp("El PIB crecerá un 2 %."), "2 %")
    assert growth.qualifier == ""


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        # a verb of happening with no subject but a pronoun dates the story
        ("Todo ocurrió el lunes por la tarde.", "lunes", "incident"),
        # a verb of starting whose subject is the whole story
        ("Según el portavoz, todo arrancó a las 7.40 en la estación.", "las 7.40", "incident"),
        ("Todo comenzó el viernes de madrugada.", "viernes", "incident"),
        ("Todo arrancó a las 7.40, cuando el tren salió con retraso.", "las 7.40", "incident"),
        # not another subject: "esto" may be any part of it; a call, a relief or a gala are
        # things of their own, whatever verb they happen with
        ("Esto empezó a las 9.00 con una discusión.", "las 9.00", ""),
        ("Empezó a llover a las 6.00 en toda la comarca.", "las 6.00", ""),
        ("El relevo se produjo el miércoles por la tarde.", "miércoles", "relevo"),
        ("El corte de la carretera se produjo a las 10.00.", "las 10.00", "corte"),
        ("La gala empezó a las 21.00.", "las 21.00", "gala"),
        ("La reunión empezó a las 10.00.", "las 10.00", "meeting"),
    ],
)
def test_what_happens_with_no_subject_is_the_story(nlp_es, sentence, text, expected) -> None:
    found = measured(nlp_es, sentence, text)
    assert (found.key if found is not None else "") == expected


def test_a_bare_figure_beside_a_noun_counts_that_noun(nlp) -> None:
    doc = nlp("Los heridos, una treintena según los bomberos, fueron trasladados.")
    assert context_of(doc, "una treintena").measured == "injured"
    # Beside a noun with a figure of its own it keeps what the sentence says of it.
    doc = nlp("La ley salió con 158 votos a favor, 131 en contra y siete abstenciones.")
    assert context_of(doc, "131").qualifier == "against"


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        # what a shared word is said of picks its concept: a building collapses, a plane falls
        ("El bloque se vino abajo a las 04.12.", "las 04.12", "collapse"),
        ("El aparato se vino abajo a las 15.05.", "las 15.05", "accident"),
        ("El avión se desplomó a las 14.33.", "las 14.33", "accident"),
    ],
)
def test_a_word_two_concepts_share_is_read_by_what_it_is_said_of(
    nlp_es, sentence, text, expected
) -> None:
    assert key(nlp_es, sentence, text) == expected


def test_what_a_source_verb_measures_survives_a_second_subject(nlp_es) -> None:
    # The parser hangs "el coste" as a second subject of "estima"; the first gives the figure.
    sentence = "La patronal estima el coste de la avería en 12 millones de euros."
    found = measured(nlp_es, sentence, "12 millones de euros")
    assert found is not None and found.word == "coste"


def test_people_named_apart_meet_in_what_they_did(nlp_es) -> None:
    first = measured(nlp_es, "Tres reclusos se fugaron del módulo.", "Tres reclusos")
    second = measured(nlp_es, "Cinco internos lograron escapar del módulo.", "Cinco internos")
    assert first is not None and second is not None
    assert (first.key, first.qualifier) == (second.key, second.qualifier) == ("inmates", "escaped")


def test_people_with_several_roles_who_took_part_have_that_role(nlp_es) -> None:
    # Inmates are counted as rioters, escapees, transferred: taking part is one of those
    # roles; firefighters at work are one count of those deployed, whatever their verb.
    inmates = measured(nlp_es, "Unos 300 reclusos participaron en el motín.", "Unos 300 reclusos")
    crews = measured(nlp_es, "En el incendio participan 23 bomberos.", "23 bomberos")
    assert inmates is not None and crews is not None
    assert (inmates.qualifier, crews.qualifier) == ("took-part", "")


def test_a_noun_that_names_only_the_kind_says_nothing_more(nlp_es) -> None:
    # "el volumen" is what any volume measures; with a complement it is the complement's.
    bare = key(nlp_es, "La empresa calculó en 900 litros el volumen.", "900 litros")
    of_river = key(
        nlp_es,
        "El caudal del Arga era de 95 metros cúbicos por segundo.",
        "95 metros cúbicos por segundo",
    )
    assert (bare, of_river) == ("volume", "arga")


def test_a_clock_time_is_never_a_change(nlp_es) -> None:
    found = measured(
        nlp_es,
        "El puente cayó pasadas las tres de la madrugada.",
        "pasadas las tres de la madrugada",
    )
    assert found is not None and not found.change


def test_the_start_of_something_is_dated_as_the_thing(nlp_es) -> None:
    sentence = "Los técnicos fijan el comienzo del derrame a las 23.40."
    assert (
        key(nlp_es, sentence, "las 23.40")
        == key(nlp_es, "El derrame empezó a las 23.40.", "las 23.40")
        == "spill"
    )


def test_what_happened_made_a_noun_is_the_story(nlp_es) -> None:
    sentence = "Nada de lo ocurrido el martes en la fábrica debería extrañar a nadie."
    assert key(nlp_es, sentence, "martes") == "incident"  # whatever the story is about


def test_not_until_is_when_it_happened(nlp_es) -> None:
    found = measured(nlp_es, "Los bomberos no llegaron hasta las 8.05.", "las 8.05")
    assert found is not None and found.qualifier != "fin"


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Dos guardias civiles resultaron heridos.", "Dos guardias"),
        ("Unas 500 personas huyeron de las llamas.", "Unas 500 personas"),
    ],
)
def test_words_of_prisons_stay_in_prisons(nlp_es, sentence, text) -> None:
    assert key(nlp_es, sentence, text) not in {"prison_staff", "escaped"}


def test_working_is_no_role_of_its_own(nlp_es) -> None:
    found = measured(nlp_es, "Unos 600 internos trabajan en los talleres.", "Unos 600 internos")
    assert found is not None and found.qualifier != "took-part"


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        # a verb of staying hands over to the state it keeps its subject in
        ("Siete personas siguen en cuidados intensivos.", "Siete personas", "intensive_care"),
        ("Dos personas permanecen en la UCI del hospital.", "Dos personas", "intensive_care"),
        # a participle is the state itself; a place is where, not what
        ("Nueve personas siguen desaparecidas.", "Nueve personas", "missing"),
        ("Las 30 personas permanecen en Toledo.", "30 personas", "permanecer"),
    ],
)
def test_a_verb_of_staying_counts_its_state(nlp_es, sentence, text, expected) -> None:
    assert key(nlp_es, sentence, text) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        # a phrase of a preposition makes a plain word specific...
        ("Había 84 personas a bordo.", "84 personas", "passengers"),
        # ...not a word with a meaning of its own
        ("Viajaban 70 pasajeros y cinco tripulantes a bordo.", "cinco tripulantes", "crew"),
    ],
)
def test_a_case_phrase_makes_only_a_plain_word_specific(nlp_es, sentence, text, expected) -> None:
    assert key(nlp_es, sentence, text) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "qualifier"),
    [
        # what the story does to what it counts narrows nothing...
        ("La tormenta afectó a siete escuelas de la comarca.", "siete escuelas", ""),
        # ...what else is done to them does
        ("La tormenta destruyó siete escuelas de la comarca.", "siete escuelas", "destru"),
    ],
)
def test_touching_verbs_do_not_narrow_a_count(nlp_es, sentence, text, qualifier) -> None:
    found = measured(nlp_es, sentence, text)
    assert found is not None and found.qualifier == qualifier


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        # years after "de" on a person, named or a word for people, are an age
        ("Un pastor halló a una niña de siete años.", "siete años", "age"),
        ("El fallecido, Tomás Ferrer, de 61 años, era pescador.", "61 años", "age"),
        # also a name opening the sentence, which the model may take for no person
        ("Julián Orbe, de 52 años, salió el último.", "52 años", "age"),
        ("Andrés Pino, de 33 años, resultó herido.", "33 años", "age"),
        # on anything else they are how long it lasts
        ("La empresa firmó un contrato de cinco años.", "cinco años", "contrato"),
        ("Le impusieron una pena de nueve años.", "nueve años", "prison_term"),
    ],
)
def test_years_of_a_person_are_an_age(nlp_es, sentence, text, expected) -> None:
    assert key(nlp_es, sentence, text) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "qualifier"),
    [
        # what is then said of a known, whole set narrows nothing...
        ("Los 35 heridos fueron evacuados en helicóptero.", "35 heridos", ""),
        # ...of an indefinite figure, of a set an adjective picks out, or of a part, it does
        ("Doce heridos fueron evacuados en helicóptero.", "Doce heridos", "evacuated"),
        ("Los últimos 35 heridos fueron evacuados en helicóptero.", "35 heridos", "evacuated"),
        ("Seis de los 35 heridos fueron evacuados en helicóptero.", "Seis", "evacuated"),
    ],
)
def test_a_definite_subject_is_not_narrowed_by_its_verb(nlp_es, sentence, text, qualifier) -> None:
    found = measured(nlp_es, sentence, text)
    assert found is not None and found.qualifier == qualifier


def test_a_count_listed_beside_another_is_not_narrowed_by_it(nlp_es) -> None:
    found = measured(
        nlp_es, "El parte final fue de un fallecido y cuatro heridos.", "cuatro heridos"
    )
    assert found is not None and (found.key, found.qualifier) == ("injured", "")


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        # a verb that holds a figure after it: the figure counts its subject's noun...
        ("El número de evacuados sigue en 1.200.", "1.200", "evacuated"),
        # ...a figure as its subject is counted by the verb
        ("De ellos, cuatro permanecen en la UCI.", "cuatro", "permanecer"),
    ],
)
def test_a_holding_verb_passes_its_figure_to_its_subject(nlp_es, sentence, text, expected) -> None:
    assert key(nlp_es, sentence, text) == expected


def test_a_total_summed_up_is_no_role(nlp_es) -> None:
    # "se sumaron a la huelga" took part, and so did those a strike "sumó"; "la empresa
    # suma 9.400 empleados" counts them all.
    total = measured(nlp_es, "La empresa suma 9.400 empleados.", "9.400 empleados")
    strikers = measured(nlp_es, "La huelga sumó 2.000 trabajadores.", "2.000 trabajadores")
    assert total is not None and strikers is not None
    assert (total.key, total.qualifier, strikers.qualifier) == ("workforce", "", "took-part")


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("El plan contempla 1.250 despidos.", "1.250 despidos"),
        ("El acuerdo fija 1.200 salidas voluntarias.", "1.200 salidas"),
        ("El acuerdo fija 1.200 bajas voluntarias.", "1.200 bajas"),
        ("La dirección confirmó los 1.300 despidos.", "1.300 despidos"),
    ],
)
def test_jobs_shed_are_one_count_however_worded(nlp_es, sentence, text) -> None:
    found = measured(nlp_es, sentence, text)
    assert found is not None and (found.key, found.qualifier) == ("job_cuts", "")
