"""A figure per stretch of time is a rate: scoped by its period (app/nlp/rates.py)."""

from __future__ import annotations

import pytest

from tests.nlp.support import context_of


def per(nlp, sentence: str, text: str) -> list[str]:
    return [t for t in context_of(nlp(sentence), text).scope if t.startswith("per:")]


@pytest.mark.parametrize(
    ("sentence", "text", "expected"),
    [
        ("El tren lleva a 900.000 pasajeros al año.", "900.000 pasajeros", ["per:year"]),
        ("La autovía soporta 30.000 vehículos diarios.", "30.000 vehículos", ["per:day"]),
        ("Por el peaje pasan unos 30.000 vehículos al día.", "unos 30.000 vehículos", ["per:day"]),
        ("La planta tiene un consumo mensual de 400 toneladas.", "400 toneladas", ["per:month"]),
        ("Cobrará 40 euros a la semana.", "40 euros", ["per:week"]),
        # An amount per unit of anything, whatever the unit is called.
        ("La oferta paga 3,30 euros por cada acción.", "3,30 euros", ["per:unit"]),
        ("Eso equivale a 3,20 euros por título.", "3,20 euros", ["per:unit"]),
        # An amount of the event itself is no rate, nor is one with a cause after "por".
        (
            "La operación valora el banco en 12.000 millones de euros.",
            "12.000 millones de euros",
            [],
        ),
        ("Murieron 12 personas por el incendio.", "12 personas", []),
        ("Murieron tres personas por golpe de calor.", "tres personas", []),
        ("Le pusieron una multa de 600 euros por exceso de velocidad.", "600 euros", []),
        ("Cobrará 20.000 euros por despido improcedente.", "20.000 euros", []),
        ("La acusación pide 300.000 euros por daños morales.", "300.000 euros", []),
        # A period phrase that dates, an adjective on something else, another sentence.
        ("Los bomberos rescataron a 12 personas al día siguiente.", "12 personas", []),
        ("Acudieron 5.000 personas al festival anual.", "5.000 personas", []),
        ("En el choque murieron 30 personas. Al día siguiente reabrió la vía.", "30 personas", []),
        ("Se registran 3 muertos por cada diez mil habitantes.", "3 muertos", ["per:unit"]),
        ("Reparten tres mascarillas por cada alumno.", "tres mascarillas", ["per:unit"]),
        ("En el tren viajaban 90 pasajeros.", "90 pasajeros", []),
        ("El incendio quemó 300 hectáreas el año pasado.", "300 hectáreas", []),
    ],
)
def test_a_figure_per_period_is_scoped_by_the_period(nlp, sentence, text, expected) -> None:
    assert per(nlp, sentence, text) == expected
