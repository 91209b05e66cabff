"""The moment a figure was read at (moments.py): a reading time's verb stamps the figures
it reads, never a figure merely named along the way or the time of an event."""

from __future__ import annotations

import pytest

from app.nlp.moments import MOMENT
from tests.nlp.support import context_of


def moment(nlp, sentence: str, text: str) -> str | None:
    terms = context_of(nlp(sentence), text).scope
    return next((t.removeprefix(MOMENT) for t in terms if t.startswith(MOMENT)), None)


@pytest.mark.parametrize(
    ("sentence", "text", "when"),
    [
        ("A las 7.00 el embalse estaba al 64 %.", "64 %", "07:00"),
        ("A las 18.30 del jueves la tormenta tenía vientos de 110 km/h.", "110 km/h",
         "weekday=4 18:30"),
        # The time is on the report the figure comes from.
        ("La medición de las cinco de la tarde situó el nivel del río en 4,2 metros.",
         "4,2 metros", "17:00"),
        # A figure in a clause the reporting verb introduces is read at the report's time.
        ("En el parte de las 10:00 horas, la portavoz precisó que la sonda se ubica ya en "
         "45 metros.", "45 metros", "10:00"),
        # A verb naming no event says when the count of those doing it held.
        ("El martes patrullaban la costa 14 lanchas de rescate.", "14 lanchas", "weekday=2"),
    ],
)  # fmt: skip
def test_a_figure_read_at_a_stated_time_carries_it(nlp, sentence, text, when) -> None:
    assert moment(nlp, sentence, text) == when


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        # When something happened is no reading of what it left.
        ("El derrumbe ocurrió a las 16:20 del lunes y dejó nueve heridos.", "nueve heridos"),
        # ... nor is an event's time, even on a verb the lexicon does not know
        ("El alud se desprendió a las 11.05 y sepultó dos refugios.", "dos refugios"),
        # A figure deep inside a phrase describes what the phrase names, not the reading.
        ("El número de vecinos de los 12 barrios inundados ascendía a 40 a las 9.00.",
         "12 barrios"),
    ],
)  # fmt: skip
def test_other_figures_carry_no_moment(nlp, sentence, text) -> None:
    assert moment(nlp, sentence, text) is None


def test_the_day_of_a_reading_dates_no_event(nlp) -> None:
    doc = nlp("A las 18.30 del jueves la tormenta tenía vientos de 110 km/h.")
    assert "reading" in context_of(doc, "jueves").scope


@pytest.mark.parametrize(
    ("sentence", "when"),
    [
        ("El lunes a las 9.00 el río estaba a 3 metros.", "weekday=1 09:00"),
        ("Ayer a las 9.00 el río estaba a 3 metros.", "day_offset=-1 09:00"),
        ("Ayer el río estaba a 3 metros.", "day_offset=-1"),
    ],
)
def test_the_readings_on_one_verb_make_one_moment(nlp, sentence, when) -> None:
    assert moment(nlp, sentence, "3 metros") == when
