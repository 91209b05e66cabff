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

KIND = "temperature"
UNIT = "°C"


class TemperatureReader:
    def __init__(self, data: dict, split, parse_digits) -> None:
        below = data["below_zero"]
        self.phrases = PhraseTable(((p, None) for p in below["phrases"]), split)
        self.minus = tuple(below["minus_signs"])
        # One token ("ºC" stays whole) or a phrase ("grados centígrados").
        self.unit_tokens = frozenset(u for u in below["units"] if " " not in u)
        self.units = PhraseTable(((u, None) for u in below["units"] if " " in u), split)
        self.parse_digits = parse_digits

    def below_zero(self, doc: Doc, k: int) -> int | None:
        """Where "bajo cero" starting at token k ends, or None."""
        found = self.phrases.starting_at(doc, k)
        return found[1] if found is not None else None

    @staticmethod
    def negated(cand: Candidate, end: int) -> Candidate:
        """The candidate below zero, ending at ``end``: [2, 4] becomes [-4, -2]."""
        low = -cand.high if cand.high is not None else None
        high = -cand.low if cand.low is not None else None
        nominal = -cand.nominal if cand.nominal is not None else None
        return replace(cand, kind=KIND, unit=UNIT, low=low, high=high, nominal=nominal, end=end)

    def signed_at(self, doc: Doc, i: int) -> list[Candidate]:
        """ "-9 grados": a minus sign glued to the figure, a degree unit after it."""
        text = doc[i].text
        if len(text) < 2 or not text.startswith(self.minus):
            return []
        figure = self.parse_digits(text[1:])
        if figure is None or i + 1 >= len(doc):
            return []
        phrase = self.units.starting_at(doc, i + 1)
        end = phrase[1] if phrase else i + 2 if doc[i + 1].lower_ in self.unit_tokens else None
        if end is None:
            return []
        return [Candidate(i, end, KIND, -figure, -figure, UNIT, None, -figure, i, step=1.0)]
