"""Steps of a scale named by a noun before them: "categoría 4" (a hurricane), "nivel 3"
(an alert), "fase 2" (a plan). The noun is the unit, so steps of different scales never
meet; what the scale rates is read like any other value's measured thing.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from app.nlp.candidates import Candidate
from app.nlp.numbers import NumberReader

# A step is a small whole number: "nivel 3", never "nivel 300".
MAX_STEP = 20


class ScaleReader:
    def __init__(self, data: dict[str, Any], numbers: NumberReader) -> None:
        self.nouns = frozenset(data["scale"]["nouns"])
        self.alternatives = frozenset(data["ranges"]["alternatives"])
        self.numbers = numbers

    def at(self, doc: Doc, i: int) -> list[Candidate]:
        """ "categoría 4", "de categoría cinco", "categoría cuatro o cinco" (either step);
        not "la categoría de 4 estrellas"."""
        if doc[i].lower_ not in self.nouns or i + 1 >= len(doc):
            return []
        step, end = self._step(doc, i + 1)
        if step is None:
            return []
        high = step
        if end + 1 < len(doc) and doc[end].lower_ in self.alternatives:
            other, other_end = self._step(doc, end + 1)
            if other is not None and other > step:
                high, end = other, other_end
        unit = doc[i].lemma_.lower()
        return [Candidate(i, end, "scale", step, high, unit, None, step, i, step=1.0)]

    def _step(self, doc: Doc, i: int) -> tuple[float | None, int]:
        q = self.numbers.read(doc, i)
        if q is None or q.vague or q.weak or q.low != q.high:
            return None, i
        if q.low != int(q.low) or not 0 <= q.low <= MAX_STEP:
            return None, i
        return q.low, q.end
