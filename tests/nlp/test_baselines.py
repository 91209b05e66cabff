"""A share or a change is scoped by what it is measured against (app/nlp/baselines.py)."""

from __future__ import annotations

import pytest

from tests.nlp.support import context_of


def against(nlp, sentence: str, text: str) -> list[str]:
    return [t for t in context_of(nlp(sentence), text).scope if t.startswith("vs:")]


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        # The first moment the baseline names, however the thing on that day is called.
        ("La oferta supone una prima del 25 % sobre el cierre del jueves.", "25 %", ["vs:jueves"]),
        ("El alza equivale a un 25 % sobre la cotización del jueves.", "25 %", ["vs:jueves"]),
        ("Las ventas cayeron un 9 % respecto al martes anterior.", "9 %", ["vs:martes"]),
        (
            "La afluencia subió siete puntos porcentuales respecto a 2019.",
            "siete puntos porcentuales",
            ["vs:2019"],
        ),
        # A fronted baseline, and one with no moment: its head.
        ("Respecto a la media del sector, el margen alcanza el 12 %.", "12 %", ["vs:media"]),
        ("La rebaja es del 30 % sobre el precio de salida.", "30 %", ["vs:precio"]),
        # Other ways of saying it.
        ("El paro bajó un 4 % en relación con el año pasado.", "4 %", ["vs:año"]),
        ("El paro bajó un 4 % comparado con 2022.", "4 %", ["vs:2022"]),
        ("El paro bajó un 4 % con respecto a 2022.", "4 %", ["vs:2022"]),
        # Not a baseline: a fixed phrase, a place, a clock time, a total.
        ("El 20 % del presupuesto se destina sobre todo a sanidad.", "20 %", []),
        ("Un 30 % de los manifestantes se concentró frente a la sede.", "30 %", []),
        ("El índice subía un 1,2 % sobre las 10.00 horas.", "1,2 %", []),
        ("El partido logró el 12 % sobre el total de votos emitidos.", "12 %", []),
        # A phrase that holds another figure compares two figures: no baseline.
        ("El partido obtuvo el 31 %, frente al 26 % del rival.", "31 %", []),
        ("Ganó con el 40 % de los votos, frente a los 12 escaños de la oposición.", "40 %", []),
        ("El paro bajó un 3 %, frente a los 20.000 parados de 2023.", "3 %", []),
        # A level that describes a noun is not measured against its verb's baseline.
        ("La tasa, del 58 %, subió cuatro puntos respecto a 2019.", "58 %", []),
        # Only shares and changes: a count or a length has no baseline here.
        ("Llegaron 300 personas sobre el mediodía.", "300 personas", []),
        ("El paro bajó un 4 % en marzo.", "4 %", []),
    ],
)
def test_a_relative_figure_is_scoped_by_its_baseline(nlp, sentence, text, expected) -> None:
    assert against(nlp, sentence, text) == expected
