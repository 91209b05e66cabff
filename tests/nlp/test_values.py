"""The value normaliser on hand-written Spanish sentences, with the real model."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import pairwise

import pytest
from spacy.language import Language

from app.nlp.values import Value, find_values

H = 3600.0
MIN = 60.0


def day(y: int, m: int, d: int) -> float:
    return float((date(y, m, d) - date(1970, 1, 1)).days)


def find(nlp: Language, text: str) -> list[Value]:
    doc = nlp(text)
    values = find_values(doc)
    for v in values:
        assert doc.text[v.start : v.end] == v.text
    return values


# (sentence, text, kind, low, high, unit, qualifier): each sentence holds exactly one value.
# fmt: off
SINGLE = [
    # durations, in digits and words
    ("La sesión se prolongó cuatro horas.", "cuatro horas", "duration", 4 * H, 4 * H, "s", None),
    ("El apagón duró 5 horas en la capital.", "5 horas", "duration", 5 * H, 5 * H, "s", None),
    ("Esperaron hora y media en el andén.", "hora y media", "duration", 1.5 * H, 1.5 * H, "s",
     None),
    ("La entrevista duró una hora y media.", "una hora y media", "duration", 1.5 * H, 1.5 * H,
     "s", None),
    ("El vuelo tardó dos horas y media.", "dos horas y media", "duration", 2.5 * H, 2.5 * H, "s",
     None),
    # A lone fraction of a unit is a round figure, not an exact one.
    ("Bastó media hora para cerrar el trato.", "media hora", "duration", 1620, 1980, "s",
     "about"),
    ("El discurso se alargó un cuarto de hora.", "un cuarto de hora", "duration", 810, 990, "s",
     "about"),
    ("El asalto terminó en 40 segundos.", "40 segundos", "duration", 40, 40, "s", None),
    ("El trayecto llevó dos horas y veinte minutos.", "dos horas y veinte minutos", "duration",
     2 * H + 20 * MIN, 2 * H + 20 * MIN, "s", None),
    ("La negociación se extendió tres días.", "tres días", "duration", 3 * 86400, 3 * 86400,
     "s", None),
    # approximations
    ("La cumbre se prolongó más de cuatro horas.", "más de cuatro horas", "duration", 4 * H,
     None, "s", "more_than"),
    ("Estuvieron reunidos al menos dos horas.", "al menos dos horas", "duration", 2 * H, None,
     "s", "at_least"),
    ("El corte de luz duró como mínimo 3 días.", "como mínimo 3 días", "duration", 3 * 86400,
     None, "s", "at_least"),
    ("Lo resolvieron en menos de 10 minutos.", "menos de 10 minutos", "duration", 0, 10 * MIN,
     "s", "less_than"),
    ("La tregua durará como máximo 48 horas.", "como máximo 48 horas", "duration", 0, 48 * H,
     "s", "at_most"),
    ("El camión puede cargar hasta 20 toneladas.", "hasta 20 toneladas", "mass", 0, 20_000,
     "kg", "at_most"),
    ("Unas 40 segundos después sonó la alarma.", "Unas 40 segundos", "duration", 36, 44, "s",
     "about"),
    ("Alrededor de 200 soldados cruzaron el río.", "Alrededor de 200 soldados", "count", 180,
     220, "soldado", "about"),
    ("Cerca de 30 periodistas esperaban fuera.", "Cerca de 30 periodistas", "count", 27, 33,
     "periodista", "about"),
    ("El convoy tardó aproximadamente 5 horas.", "aproximadamente 5 horas", "duration",
     4.5 * H, 5.5 * H, "s", "about"),
    ("El congreso reunió en torno a 300 delegados.", "en torno a 300 delegados", "count", 270,
     330, "delegado", "about"),
    ("El paseo dura aprox. 50 minutos.", "aprox. 50 minutos", "duration", 45 * MIN, 55 * MIN,
     "s", "about"),
    ("La ambulancia tardó casi 40 minutos.", "casi 40 minutos", "duration", 36 * MIN, 40 * MIN,
     "s", "almost"),
    ("La comida se alargó tres horas aproximadamente.", "tres horas aproximadamente",
     "duration", 2.7 * H, 3.3 * H, "s", "about"),
    ("Hablaron 20 minutos como máximo.", "20 minutos como máximo", "duration", 0, 20 * MIN,
     "s", "at_most"),
    ("El debate duró entre cuatro y cinco horas.", "entre cuatro y cinco horas", "duration",
     4 * H, 5 * H, "s", "between"),
    ("Se oyeron de 3 a 5 explosiones.", "de 3 a 5 explosiones", "count", 3, 5, "explosión",
     "between"),
    # The first figure shares the second's multiplier, unless it is of another order.
    ("Pedirán entre 140 y 160 millones de euros.", "entre 140 y 160 millones de euros", "money",
     140e6, 160e6, "EUR", "between"),
    ("Vinieron entre 900.000 y 1,1 millones de visitantes.",
     "entre 900.000 y 1,1 millones de visitantes", "count", 900_000, 1.1e6, "visitante", "between"),
    # counts
    ("El ejército disparó dos misiles.", "dos misiles", "count", 2, 2, "misil", None),
    ("Derribaron cuatro drones sobre el mar.", "cuatro drones", "count", 4, 4, "dron", None),
    ("Cuarenta y cinco personas resultaron heridas.", "Cuarenta y cinco personas", "count", 45,
     45, "persona", None),
    ("Al acto asistieron 1.500 personas.", "1.500 personas", "count", 1500, 1500, "persona",
     None),
    ("Huyeron dos millones de personas.", "dos millones de personas", "count", 2e6, 2e6,
     "persona", None),
    ("La obra costó 2,5 millones de euros.", "2,5 millones de euros", "money", 2.5e6, 2.5e6,
     "EUR", None),
    # volumes and flows: litres and cubic metres are one kind, and a rate is not a volume
    ("El tanque perdió 40 millones de litros.", "40 millones de litros", "volume", 40_000,
     40_000, "m3", None),
    ("Se derramaron unos 8.000 metros cúbicos de lodo.", "unos 8.000 metros cúbicos", "volume",
     7_200, 8_800, "m3", "about"),
    ("La presa retiene 35 hm3.", "35 hm3", "volume", 35e6, 35e6, "m3", None),
    ("El río baja con 120 metros cúbicos por segundo.", "120 metros cúbicos por segundo",
     "flow", 120, 120, "m3/s", None),
    ("La bomba saca 300 litros por segundo.", "300 litros por segundo", "flow", 0.3, 0.3,
     "m3/s", None),
    ("Llovieron 60 litros por metro cuadrado.", "60 litros por metro cuadrado",
     "precipitation", 60, 60, "l/m2", None),
    ("El agua llegó a 2,4 miligramos por litro.", "2,4 miligramos por litro", "concentration",
     2.4, 2.4, "mg/l", None),
    ("Fabricaron decenas de millones de proyectiles.", "decenas de millones de proyectiles",
     "count", 1e7, 1e8, "proyectil", "vague"),
    ("Llegaron cientos de voluntarios.", "cientos de voluntarios", "count", 100, 1000,
     "voluntario", "vague"),
    ("Compraron docenas de mantas.", "docenas de mantas", "count", 12, 144, "manta", "vague"),
    # years and dates
    ("La planta se inauguró en 2019.", "2019", "year", 2019, 2019, "year", None),
    ("El tratado se firmó el 13 de septiembre de 2023.", "13 de septiembre de 2023", "date",
     day(2023, 9, 13), day(2023, 9, 13), "epoch_day", None),
    ("La obra comenzó en abril de 2019.", "abril de 2019", "date", day(2019, 4, 1),
     day(2019, 4, 30), "epoch_day", None),
    ("Cerraron a mediados de abril de 2019.", "mediados de abril de 2019", "date",
     day(2019, 4, 11), day(2019, 4, 20), "epoch_day", "vague"),
    ("La ley entró en vigor el 13/09/2023.", "13/09/2023", "date", day(2023, 9, 13),
     day(2023, 9, 13), "epoch_day", None),
    ("Volverán a verse en septiembre.", "septiembre", "month", 9, 9, "month", None),
    ("Las lluvias llegaron a finales de mayo.", "finales de mayo", "month", 5, 5, "month",
     "vague"),
    ("Se conocieron en septiembre del año pasado.", "septiembre del año pasado", "month", 9, 9,
     "month", None),
    # weekdays
    ("El acuerdo se anunció el miércoles.", "miércoles", "weekday", 3, 3, "iso_weekday", None),
    ("Votarán el domingo por la tarde.", "domingo", "weekday", 7, 7, "iso_weekday", None),
    # ordinals
    ("Fue su primer encuentro oficial.", "primer encuentro", "ordinal", 1, 1, "encuentro",
     None),
    ("Prepararon la primera cumbre.", "primera cumbre", "ordinal", 1, 1, "cumbre", None),
    ("Aplazaron la tercera reunión.", "tercera reunión", "ordinal", 3, 3, "reunión", None),
    ("Lanzaron su segundo satélite.", "segundo satélite", "ordinal", 2, 2, "satélite", None),
    ("Clausuraron la 3.ª edición.", "3.ª edición", "ordinal", 3, 3, "edición", None),
    ("Probaron su primer satélite espía.", "primer satélite", "ordinal", 1, 1, "satélite",
     None),
    ("Organizan la primera gran cumbre.", "primera gran cumbre", "ordinal", 1, 1, "cumbre",
     None),
    ("Desplegaron dos nuevos radares.", "dos nuevos radares", "count", 2, 2, "radar", None),
    ("Celebraron el décimo aniversario.", "décimo aniversario", "ordinal", 10, 10,
     "aniversario", None),
    # percent
    ("El 30 % de los encuestados duda.", "30 %", "percent", 30, 30, "%", None),
    ("La inflación subió un 30% este trimestre.", "30%", "percent", 30, 30, "%", None),
    ("Votó el treinta por ciento.", "treinta por ciento", "percent", 30, 30, "%", None),
    ("Aprobó más del 60 % de los alumnos.", "más del 60 %", "percent", 60, None, "%",
     "more_than"),
    ("Perdieron cerca de un 20 por ciento.", "cerca de un 20 por ciento", "percent", 18, 22,
     "%", "about"),
    # ambiguous words
    ("Tras esperar un segundo, habló.", "un segundo", "duration", 1, 1, "s", None),
    ("Hizo un segundo intento.", "segundo intento", "ordinal", 2, 2, "intento", None),
]
# fmt: on


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "low", "high", "unit", "qualifier"),
    SINGLE,
    ids=[row[1] for row in SINGLE],
)
def test_single_value(
    nlp_es: Language,
    sentence: str,
    text: str,
    kind: str,
    low: float | None,
    high: float | None,
    unit: str,
    qualifier: str | None,
) -> None:
    values = find(nlp_es, sentence)
    assert [(v.text, v.kind, v.low, v.high, v.unit, v.qualifier) for v in values] == [
        (text, kind, low, high, unit, qualifier)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Firmaron un acuerdo histórico.",
        "Ambos líderes se saludaron.",
        "El cohete Soyuz-2 despegó tras la reunión del G7.",
        "La misión Apolo 11 llegó a la Luna.",
        "El primer ministro dimitió.",
        "Pasaron unos días tranquilos.",
        "Uno de los guardias habló.",
        "",
        "   ",
    ],
)
def test_no_value(nlp_es: Language, sentence: str) -> None:
    assert find(nlp_es, sentence) == []


@pytest.mark.parametrize(
    ("text", "nominal"),
    [("más de cuatro horas", 4 * H), ("unas 40 segundos", 40), ("cinco horas", 5 * H)],
)
def test_nominal_is_the_stated_figure(nlp_es: Language, text: str, nominal: float) -> None:
    (value,) = find(nlp_es, f"Duró {text}.")
    assert value.nominal == nominal


def test_ranges_and_vague_amounts_have_no_nominal(nlp_es: Language) -> None:
    values = find(nlp_es, "Hubo entre 3 y 5 heridos y miles de desplazados.")
    assert [(v.qualifier, v.nominal) for v in values] == [("between", None), ("vague", None)]


def test_head_is_the_measured_token(nlp_es: Language) -> None:
    doc = nlp_es("Lanzaron dos misiles el miércoles tras más de cuatro horas.")
    heads = {v.text: doc[v.head].text for v in find_values(doc)}
    assert heads == {
        "dos misiles": "misiles",
        "miércoles": "miércoles",
        "más de cuatro horas": "horas",
    }


def test_full_date_is_not_split_into_month_and_year(nlp_es: Language) -> None:
    values = find(nlp_es, "El miércoles 13 de septiembre de 2023 y en abril de 2019.")
    assert [(v.kind, v.text) for v in values] == [
        ("weekday", "miércoles"),
        ("date", "13 de septiembre de 2023"),
        ("date", "abril de 2019"),
    ]


def test_values_are_sorted_and_disjoint(nlp_es: Language) -> None:
    text = (
        "El martes, casi 40 minutos después de la segunda explosión, unos 1.500 vecinos "
        "huyeron; en 2021 ya eran decenas de miles, el 12 % del censo."
    )
    values = find(nlp_es, text)
    assert [v.kind for v in values] == [
        "weekday",
        "duration",
        "ordinal",
        "count",
        "year",
        "count",
        "percent",
    ]
    assert all(a.end <= b.start for a, b in pairwise(values))


@pytest.mark.parametrize(
    "text",
    [
        "9" * 400 + " misiles",
        "1.000" * 50 + " personas y " + "mil millones de " * 30 + "granos",
        "entre y de a desde hasta más de casi %",
        "31 de febrero de 2023, 99/99/9999, 1e400 horas, -5 horas, ¡¡40!!, 3,5,6 ... 12º",
        "\n\n\t»«—…",
    ],
)
def test_hostile_input_never_raises(nlp_es: Language, text: str) -> None:
    find(nlp_es, text)


@pytest.fixture
def nlp_with_values(nlp_es: Language) -> Iterator[Language]:
    # The model is shared by the session, so the component is removed again afterwards.
    nlp_es.add_pipe("cotejo_values")
    yield nlp_es
    nlp_es.remove_pipe("cotejo_values")


def test_component_sets_value_spans(nlp_with_values: Language) -> None:
    doc = nlp_with_values("El martes dispararon dos misiles durante más de cuatro horas.")
    spans = doc.spans["values"]
    assert [span.text for span in spans] == ["martes", "dos misiles", "más de cuatro horas"]
    assert [span._.value for span in spans] == find_values(doc)
    assert spans[2]._.value.low == 4 * H
    assert spans[2]._.value.high is None


def test_year_like_figure_is_a_year_unless_the_parse_counts_with_it(nlp_es: Language) -> None:
    values = find(nlp_es, "En 2022 tropas rusas entraron y llegaron 2022 personas.")
    assert [(v.text, v.kind, v.unit) for v in values] == [
        ("2022", "year", "year"),
        ("2022 personas", "count", "persona"),
    ]


def test_ordinal_before_a_noun_the_tagger_calls_an_adjective_is_not_a_duration(nlp_es) -> None:
    # The small model tags "satélite" as ADJ here; "un segundo" must still not be 1 s.
    doc = nlp_es("Fracasó al poner un segundo satélite espía en órbita.")
    assert [v.kind for v in find_values(doc)] == ["ordinal"]


@pytest.mark.parametrize(
    ("text", "low", "unit"),
    [
        ("La policía busca a 14 desaparecidos tras la riada.", 14, "desaparecido"),
        ("Hubo 7 detenidos durante la protesta.", 7, "detenido"),
    ],
)
def test_counts_a_nominalised_adjective(nlp_es, text: str, low: float, unit: str) -> None:
    counts = [v for v in find_values(nlp_es(text)) if v.kind == "count"]
    assert [(v.low, v.high, v.unit) for v in counts] == [(low, low, unit)]


def test_an_ordinal_word_is_never_read_as_a_count(nlp_es) -> None:
    values = find_values(nlp_es("Las ventas crecieron en el tercer trimestre."))
    assert [(v.kind, v.low, v.unit) for v in values] == [("ordinal", 3.0, "trimestre")]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Las pérdidas superaron los 12 millones de dólares.", 12e6, None),
        ("La participación rondó el 40 %.", 36.0, 44.0),
    ],
)
def test_verbs_of_exceeding_and_approaching_qualify_the_figure(
    nlp_es, text: str, low: float, high: float | None
) -> None:
    (value,) = find_values(nlp_es(text))
    assert (value.low, value.high) == (low, high)


def test_decades_are_durations(nlp_es) -> None:
    (value,) = find_values(nlp_es("El conflicto dura ya cuatro décadas."))
    assert (value.kind, value.low, value.unit) == ("duration", 4 * 10 * 365.25 * 86400, "s")


S_OF_DAY = 3600.0
# (sentence, text, kind, low, high, unit): the kinds beyond counts and durations.
# fmt: off
MEASURES = [
    ("El tren circulaba a 190 km/h en la curva.", "190 km/h", "speed", 190, 190, "km/h"),
    ("Iba a 80 kilómetros por hora.", "80 kilómetros por hora", "speed", 80, 80, "km/h"),
    ("El epicentro estuvo a 18,5 kilómetros de profundidad.", "18,5 kilómetros", "length",
     18_500, 18_500, "m"),
    ("El agua alcanzó un metro y medio de altura.", "un metro y medio", "length", 1.5, 1.5, "m"),
    ("El fuego arrasó 4.500 hectáreas.", "4.500 hectáreas", "area", 4.5e7, 4.5e7, "m2"),
    ("El avión no pasó de los 400 metros.", "no pasó de los 400 metros", "length", 0, 400, "m"),
    # a collective numeral rounds, "una docena" too; dozens counted are exact
    ("Llegaron una treintena de heridos.", "una treintena de heridos", "count", 27, 33,
     "herido"),
    ("Atendieron a una docena de heridos.", "una docena de heridos", "count", 10.8, 13.2,
     "herido"),
    ("Compró tres docenas de huevos.", "tres docenas de huevos", "count", 36, 36, "huevo"),
    # a lone fraction of a unit is a round figure; "dos horas y media" is stated to the half
    ("Cayó medio metro de nieve.", "medio metro", "length", 0.45, 0.55, "m"),
    # ... but money is counted to the unit: half a million euros is 500.000 euros
    ("Costó medio millón de euros.", "medio millón de euros", "money", 500_000, 500_000,
     "EUR"),
    # plurals are an order of magnitude, not a round figure
    ("Salieron centenares de vecinos.", "centenares de vecinos", "count", 100, 1000, "vecino"),
    ("Cayeron 120 litros por metro cuadrado.", "120 litros por metro cuadrado",
     "precipitation", 120, 120, "l/m2"),
    ("La multa asciende a 3.000€.", "3.000€", "money", 3000, 3000, "EUR"),
    ("Pagó US$ 500 por el billete.", "US$ 500", "money", 500, 500, "USD"),
    ("Se registró un sismo de magnitud 6,8 en la costa.", "de magnitud 6,8", "magnitude", 6.8,
     6.8, "magnitude"),
    ("Fue un temblor de 7 grados en la escala de Richter.",
     "7 grados en la escala de Richter", "magnitude", 7, 7, "magnitude"),
    ("El ciclón llegó a la costa como categoría cuatro.", "categoría cuatro", "scale", 4, 4,
     "categoría"),
    ("Protección Civil decretó el nivel 2 de emergencia.", "nivel 2", "scale", 2, 2, "nivel"),
    ("Podría tocar tierra como categoría cuatro o cinco.", "categoría cuatro o cinco", "scale",
     4, 5, "categoría"),
    # beside rain, millimetres are rainfall; elsewhere a length
    ("El temporal descargó 95 milímetros en dos horas.", "95 milímetros", "precipitation", 95,
     95, "l/m2"),
    ("La grieta tiene 95 milímetros de ancho.", "95 milímetros", "length", 0.095, 0.095, "m"),
    # a thing's size in a storm, and a cue by its lemma
    ("La tormenta dejó piedras de granizo de 30 milímetros.", "30 milímetros", "length", 0.03,
     0.03, "m"),
    ("Ayer llovieron 40 milímetros.", "40 milímetros", "precipitation", 40, 40, "l/m2"),
    ("La brecha es de 2,3 puntos porcentuales.", "2,3 puntos porcentuales",
     "percentage_points", 2.3, 2.3, "pp"),
    ("El BCE subió los tipos 25 puntos básicos.", "25 puntos básicos", "percentage_points",
     0.25, 0.25, "pp"),
    ("El IPC bajó tres décimas.", "tres décimas", "percentage_points", 0.3, 0.3, "pp"),
    ("Con el 30 % de los votos, cayó cuatro puntos.", "cuatro puntos", "percentage_points", 4,
     4, "pp"),
    ("La temperatura subió 1,45 grados.", "1,45 grados", "temperature", 1.45, 1.45, "°C"),
    ("Se produjo a las 23.11 hora local.", "las 23.11 hora local", "time", 23 * S_OF_DAY + 660,
     23 * S_OF_DAY + 660, "s"),
    ("Empezó a las 09:50.", "las 09:50", "time", 9 * S_OF_DAY + 3000, 9 * S_OF_DAY + 3000, "s"),
    ("La final es a las nueve de la noche.", "las nueve de la noche", "time", 21 * S_OF_DAY,
     21 * S_OF_DAY, "s"),
    ("Ocurrió a las 21.15 horas.", "las 21.15 horas", "time", 21 * S_OF_DAY + 900,
     21 * S_OF_DAY + 900, "s"),
    ("Entró en vigor a medianoche.", "medianoche", "time", 0, 0, "s"),
    ("Habló pasada la medianoche.", "pasada la medianoche", "time", 0, 1800, "s"),
    ("Cerró al mediodía.", "mediodía", "time", 43200, 43200, "s"),
    ("Llegó pasadas las dos.", "pasadas las dos", "time", 7200, 9000, "s"),
    # twelve at night is midnight, twelve at midday noon
    ("Sonó a las doce de la madrugada.", "las doce de la madrugada", "time", 0, 0, "s"),
    ("Sonó a las doce de la noche.", "las doce de la noche", "time", 0, 0, "s"),
    ("Abrió a las doce del mediodía.", "las doce del mediodía", "time", 43200, 43200, "s"),
    ("Abrió a la una del mediodía.", "la una del mediodía", "time", 46800, 46800, "s"),
    ("Firmaron el 13 de septiembre.", "13 de septiembre", "day", 913, 913, "mmdd"),
]
# fmt: on


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "low", "high", "unit"), MEASURES, ids=[m[1] for m in MEASURES]
)
def test_measure_kinds(nlp_es, sentence, text, kind, low, high, unit) -> None:
    values = [v for v in find(nlp_es, sentence) if v.text == text]
    assert [(v.kind, v.low, v.high, v.unit) for v in values] == [(kind, low, high, unit)]


def test_a_clock_time_is_never_a_duration(nlp_es) -> None:
    assert [v.kind for v in find(nlp_es, "El apagón empezó a las 21.15 horas.")] == ["time"]


def test_time_zone_is_kept(nlp_es) -> None:
    values = find(nlp_es, "Ocurrió a las 23.11 hora local (22.11 GMT).")
    assert [(v.text, v.zone) for v in values] == [
        ("las 23.11 hora local", "local"),
        ("22.11 GMT", "utc"),
    ]


@pytest.mark.parametrize(
    ("sentence", "text", "low", "high", "qualifier"),
    [
        (
            "Las rachas serán superiores a los 90 km/h.",
            "superiores a los 90 km/h",
            90,
            None,
            "more_than",
        ),
        (
            "Las olas podrían superar los dos metros.",
            "superar los dos metros",
            2,
            None,
            "more_than",
        ),
        (
            "Los daños fueron inferiores a 5,5 millones de euros.",
            "inferiores a 5,5 millones de euros",
            0,
            5.5e6,
            "less_than",
        ),
        ("La valla mide no más de 2,5 metros.", "no más de 2,5 metros", 0, 2.5, "at_most"),
        (
            "Es una pena de por lo menos 50 años.",
            "por lo menos 50 años",
            50 * 31_557_600,
            None,
            "at_least",
        ),
        ("El sismo no llegó a 40 segundos.", "no llegó a 40 segundos", 0, 40, "less_than"),
        ("Sobre las 8.30 llegaron.", "Sobre las 8.30", 8.25 * 3600, 8.75 * 3600, "about"),
    ],
)
def test_bounds_are_kept(nlp_es, sentence, text, low, high, qualifier) -> None:
    values = [v for v in find(nlp_es, sentence) if v.text == text]
    assert [(v.low, v.high, v.qualifier) for v in values] == [(low, high, qualifier)]


@pytest.mark.parametrize(
    "sentence",
    [
        "El IPC subió hasta el 3,2 %.",
        "El índice cerró con una subida de dos puntos, hasta el 3,2 %.",
        "Se espera que el paro se modere hasta el 3,2 %.",
    ],
)
def test_hasta_after_a_change_is_the_level_reached(nlp_es, sentence) -> None:
    (value,) = [v for v in find(nlp_es, sentence) if v.kind == "percent"]
    assert (value.low, value.high, value.qualifier) == (3.2, 3.2, None)


def test_hasta_without_a_change_is_a_bound(nlp_es) -> None:
    (value,) = [v for v in find(nlp_es, "Habrá rebajas de hasta el 40 %.") if v.kind == "percent"]
    assert (value.low, value.high) == (0.0, 40.0)


@pytest.mark.parametrize(
    ("sentence", "low", "unit"),
    [
        ("El número de muertos asciende a 2.012.", 2012, "muerto"),
        ("Las autoridades cifran en 20 los fallecidos.", 20, "fallecido"),
        ("Asciende a 40 el número de víctimas.", 40, "víctima"),
        ("La cifra de fallecidos se elevó hasta los 40.", 40, "fallecido"),
        ("Otras 300 resultaron heridas.", 300, "herido"),
        ("En el derrumbe murieron 12.", 12, "morir"),
        ("El alud ha causado 9 fallecidos.", 9, "fallecido"),
        ("Los muertos subieron a 15 y el de heridos a 230.", 230, "herido"),
        ("Ya son más de 60 los evacuados.", 60, "evacuado"),
        ("La fiscalía cifró en una veintena los detenidos.", 18, "detenido"),  # about 20
        ("Las denuncias, que ya superan las 400, siguen llegando.", 400, "denuncia"),
    ],
)
def test_a_figure_in_the_predicate_counts_its_clause_noun(nlp_es, sentence, low, unit) -> None:
    counts = [v for v in find(nlp_es, sentence) if v.kind == "count"]
    assert (low, unit) in [(v.low, v.unit) for v in counts]
    assert len(counts) == 1 + (" y el de " in sentence)


@pytest.mark.parametrize(
    ("sentence", "magnitudes"),
    [
        ("El instituto le atribuyó una magnitud estimada de 5,9.", [5.9]),
        ("El servicio sismológico fijó la magnitud en 6,2.", [6.2]),
        (
            "El centro nacional dio una magnitud de 6,1, mientras que la red europea la "
            "cifró en 6,3.",
            [6.1, 6.3],
        ),
    ],
)
def test_magnitudes_stated_by_a_verb_or_after_an_adjective(nlp_es, sentence, magnitudes) -> None:
    found = [v.low for v in find(nlp_es, sentence) if v.kind == "magnitude"]
    assert found == magnitudes


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        ("Duró tres o cuatro horas.", 3 * H, 4 * H),
        ("El PIB crecerá entre un 1,5 % y un 2 %.", 1.5, 2.0),
        ("Tardaron de 8 km a 10 km.", 8000, 10_000),
    ],
)
def test_alternatives_and_ranges(nlp_es, sentence, low, high) -> None:
    (value,) = find(nlp_es, sentence)
    assert (value.low, value.high, value.qualifier) == (low, high, "between")


@pytest.mark.parametrize(
    ("sentence", "kind", "direction"),
    [
        ("Se reunieron el martes.", "weekday", "past"),
        ("Se reunirán el martes.", "weekday", "future"),
        ("Llegó el pasado martes.", "weekday", "last"),
        ("Viajará el próximo jueves.", "weekday", "next"),
        ("Lo conoció en septiembre del año pasado.", "month", "last"),
    ],
)
def test_weekdays_and_months_carry_their_direction(nlp_es, sentence, kind, direction) -> None:
    (value,) = find(nlp_es, sentence)
    assert (value.kind, value.direction) == (kind, direction)


@pytest.mark.parametrize(
    ("sentence", "offset"),
    [("Ayer llovió.", -1), ("Antes de ayer llovió.", -2), ("Esta mañana llovió.", 0)],
)
def test_relative_days(nlp_es, sentence, offset) -> None:
    (value,) = find(nlp_es, sentence)
    assert (value.kind, value.low) == ("day_offset", offset)


def test_the_morning_is_not_tomorrow(nlp_es) -> None:
    assert find(nlp_es, "Salió por la mañana.") == []


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "La obra costará 1.200 millones de euros. Son 300 millones más que los 900 "
            "millones previstos al principio.",
            ["money", "money", "money"],
        ),
        # A count of people in between: the bare amount may count people too.
        (
            "Acudieron 2 millones de personas y se gastaron 5 millones de euros. La policía "
            "habló de medio millón.",
            ["count", "money", "count"],
        ),
        # Too far back to lend its currency.
        (
            "La obra costará 1.200 millones de euros. El plazo es largo. Nadie lo duda. "
            "Hablan de 3 millones.",
            ["money", "count"],
        ),
        # Only money is embezzled: the article's currency, however far.
        (
            "El auditor habló de 2,5 millones desviados de las arcas. El plazo es largo. "
            "Nadie lo duda. La fianza es de 800.000 euros.",
            ["money", "money"],
        ),
    ],
)
def test_a_bare_amount_takes_the_currency_just_before_it(nlp_es, text, kinds) -> None:
    assert [v.kind for v in find(nlp_es, text) if v.kind in ("count", "money")] == kinds


@pytest.mark.parametrize(
    ("sentence", "text", "low", "high"),
    [
        # After a difference, "por debajo de" names the figure compared with.
        ("El paro bajó al 8 %, dos décimas por debajo del 8,2 % previsto.", "8,2 %", 8.2, 8.2),
        ("Se vendieron 40 coches, 5 coches menos que los 45 coches de marzo.", "45", 45, 45),
        # Without one it is a bound.
        ("La inflación sigue por debajo del 2 %.", "por debajo del 2 %", 0.0, 2.0),
    ],
)
def test_a_figure_compared_with_is_exact(nlp_es, sentence, text, low, high) -> None:
    values = [v for v in find(nlp_es, sentence) if text in v.text]
    assert [(v.low, v.high) for v in values][:1] == [(low, high)]


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        ("La humedad no superaba el 10 %.", 0.0, 10.0),
        ("La inflación no será mayor al 2,5 %.", 0.0, 2.5),
        ("El paro no alcanzó el 12 %.", 0.0, 12.0),
        ("El fuego supera ya las 6.000 hectáreas.", 60_000_000.0, None),
    ],
)
def test_negated_and_interrupted_bounds(nlp_es, sentence, low, high) -> None:
    (value,) = find(nlp_es, sentence)
    assert (value.low, value.high) == (low, high)


def test_a_zone_named_by_a_countrys_adjective_is_kept(nlp_es) -> None:
    values = find(nlp_es, "El choque ocurrió a las 7.40, hora chilena, cerca de la frontera.")
    assert [(v.text, v.zone) for v in values] == [("las 7.40, hora chilena", "chilena")]


def test_a_scale_step_is_small_and_whole(nlp_es: Language) -> None:
    # "nivel 300" and "fase 2,5" are no steps of a scale; "la categoría de 5 estrellas" is a
    # count of stars.
    for sentence in (
        "El embalse está al nivel 300.",
        "Entramos en la fase 2,5 del plan.",
        "Un hotel de la categoría de 5 estrellas.",
    ):
        kinds = {v.kind for v in find_values(nlp_es(sentence))}
        assert "scale" not in kinds, sentence


def test_a_word_that_disagrees_with_the_article_makes_no_clock_time(nlp_es) -> None:
    # "la semana pasada | las 12 familias": "pasada" goes with "la", not with "las"
    values = find(nlp_es, "La semana pasada las 12 familias recibieron ayudas.")
    assert [(v.kind, v.low) for v in values] == [("count", 12)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an article before a participle listed beside counts is one...
        (
            "El choque se saldó con un fallecido y cuatro heridos.",
            ["un fallecido", "cuatro heridos"],
        ),
        ("Hay tres detenidos y un herido leve.", ["tres detenidos", "un herido"]),
        # ...alone, or before a noun for someone, it only introduces them
        ("Un herido fue trasladado en ambulancia.", []),
        ("Llegaron dos turistas y una joven del pueblo.", ["dos turistas"]),
    ],
)
def test_one_is_counted_only_in_a_list_of_counts(nlp, sentence, expected) -> None:
    assert [v.text for v in find(nlp, sentence) if v.kind == "count"] == expected


def test_a_dozen_is_stated_to_the_half_dozen(nlp_es) -> None:
    # Its last digit would say 12 is stated to the unit; "una docena" is a loose count.
    (value,) = [v for v in find(nlp_es, "Hubo una docena de heridos.") if v.kind == "count"]
    (half,) = [v for v in find(nlp_es, "Hubo media docena de heridos.") if v.kind == "count"]
    assert (value.nominal, value.step, half.nominal, half.step) == (12, 6, 6, 3)


def test_a_fraction_that_is_also_an_ordinal_counts_only_before_de(nlp_es) -> None:
    # "el cuarto día" is the fourth day, not six hours; "un cuarto de hora" is a quarter.
    assert [(v.kind, v.low) for v in find(nlp_es, "Es el cuarto día de huelga.")] == [
        ("ordinal", 4)
    ]


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        # A bare figure after a plural article counts what is named elsewhere ...
        ("La cifra de muertos se eleva ya a los 40.", [40.0]),
        # ... after a singular one it is a name: a telephone number, a road.
        ("El 112 recibió el aviso a las 20.30.", []),
        ("Los compañeros llamaron al 112 desde la entrada.", []),
        ("El autobús circulaba por la 14 cuando volcó.", []),
    ],
)
def test_a_bare_figure_after_a_singular_article_is_a_name(nlp_es, text, counts) -> None:
    assert [v.low for v in find(nlp_es, text) if v.kind == "count"] == counts
