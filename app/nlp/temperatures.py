"""Temperatures below zero: "nueve grados bajo cero", "doce bajo cero", "-9 grados".

The figure is written as a positive number and the sign comes after it ("bajo cero") or is
glued to it ("-9"), so a reader that ignores either reports a frost as a mild day (9 °C
against 12 °C below zero would even look like agreement with 9 °C above).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from app.nlp.candidates import Candidate
from app.nlp.phrases import PhraseTable

TEMPERATURE = "temperature"
# Bounds read on the figure as written mirror below zero: "más de diez bajo cero" is colder
# than -10, "como mínimo cinco bajo cero" at most -5.
MIRRORED = {
    "more_than": "less_than",
    "less_than": "more_than",
    "at_least": "at_most",
    "at_most": "at_least",
}


class TemperatureReader:
    def __init__(self, data: dict, split, parse_digits) -> None:
        below = data["below_zero"]
        self.phrases = PhraseTable(((p, None) for p in below["phrases"]), split)
        self.minus = tuple(below["minus_signs"])
        # One token ("ºC" stays whole) or a phrase ("grados centígrados").
        self.unit_tokens = frozenset(u for u in below["units"] if " " not in u)
        self.units = PhraseTable(((u, None) for u in below["units"] if " " in u), split)
        self.parse_digits = parse_digits
        self.unit = below["unit"]

    def below_zero(self, doc: Doc, k: int) -> int | None:
        """Where "bajo cero" starting at token k ends, or None."""
        found = self.phrases.starting_at(doc, k)
        return found[1] if found is not None else None

    @staticmethod
    def negated(cand: Candidate, end: int) -> Candidate:
        """The candidate below zero, ending at ``end``: [2, 4] becomes [-4, -2], and its
        bound the mirror one."""

        def minus(x: float | None) -> float | None:
            return None if x is None else -x + 0.0  # never -0.0

        qualifier = MIRRORED.get(cand.qualifier or "", cand.qualifier)
        return replace(
            cand,
            low=minus(cand.high),
            high=minus(cand.low),
            nominal=minus(cand.nominal),
            qualifier=qualifier,
            end=max(end, cand.end),
        )

    def signed_at(self, doc: Doc, i: int) -> list[Candidate]:
        """ "-9 grados": a minus sign glued to the figure, a degree unit after it."""
        text = doc[i].text
        if len(text) < 2 or not text.startswith(self.minus):
            return []
        figure = self.parse_digits(text[1:])
        if figure is None or i + 1 >= len(doc):
            return []
        phrase = self.units.starting_at(doc, i + 1)
        if phrase is not None:
            end = phrase[1]
        elif doc[i + 1].lower_.removesuffix(".") in self.unit_tokens:
            end = i + 2  # "-15 ºC." at a sentence's end is one token
        else:
            return []
        figure = -figure + 0.0
        return [
            Candidate(i, end, TEMPERATURE, figure, figure, self.unit, None, figure, i, step=1.0)
        ]
