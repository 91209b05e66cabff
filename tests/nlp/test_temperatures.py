"""Temperatures below zero keep their sign (app/nlp/temperatures.py)."""

from __future__ import annotations

import pytest

from app.nlp.values import find_values


def temperatures(nlp, sentence: str) -> list[tuple[float | None, float | None, str]]:
    return [(v.low, v.high, v.text) for v in find_values(nlp(sentence)) if v.kind == "temperature"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Al alba el termómetro marcaba siete grados bajo cero.",
            [(-7, -7, "siete grados bajo cero")],
        ),
        # No unit is needed before "bajo cero".
        ("La helada dejó once bajo cero en el valle.", [(-11, -11, "once bajo cero")]),
        # A minus sign glued to the figure, with any degree unit.
        ("Se midieron -6 grados en la cumbre.", [(-6, -6, "-6 grados")]),
        ("El aeropuerto registró −3 ºC de madrugada.", [(-3, -3, "−3 ºC")]),
        # A range below zero keeps its order.
        ("Habrá entre 2 y 6 grados bajo cero.", [(-6, -2, "entre 2 y 6 grados bajo cero")]),
        # Bounds are read on the figure as written, then mirrored: "más de diez bajo cero"
        # is colder than -10, "hasta diez bajo cero" reaches down to -10.
        (
            "Se midieron más de diez grados bajo cero.",
            [(None, -10, "más de diez grados bajo cero")],
        ),
        (
            "Hubo mínimas de hasta ocho grados bajo cero.",
            [(-8, None, "hasta ocho grados bajo cero")],
        ),
        (
            "Habrá entre cero y cinco grados bajo cero.",
            [(-5, 0, "entre cero y cinco grados bajo cero")],
        ),
        # Above zero nothing changes, and "bajo" alone is no sign.
        ("Las mínimas de la noche fueron de 18 grados.", [(18, 18, "18 grados")]),
        ("La máxima, de 30 grados, quedó bajo la media.", [(30, 30, "30 grados")]),
    ],
)
def test_a_temperature_below_zero_is_negative(nlp_es, sentence, expected) -> None:
    assert temperatures(nlp_es, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    ["La pendiente máxima de la rampa es de 8 grados.", "La grúa giró 90 grados a la sombra."],
)
def test_degrees_of_an_angle_are_no_temperature(nlp_es, sentence) -> None:
    assert temperatures(nlp_es, sentence) == []


def test_a_minus_sign_before_other_figures_is_no_temperature(nlp_es) -> None:
    assert temperatures(nlp_es, "El marcador quedó en -2 tras el descuento.") == []
