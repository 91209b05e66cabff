"""Figures per stretch of time or per unit: "mueve dos millones de viajeros al año" and
"paga 3,20 euros por acción" are rates.

A rate is no amount of the event the coverage is about (those aboard, those who died), so it
is scoped ``per:<period>``: it meets only figures per the same period, however written
("18.000 vehículos diarios" and "unos 18.000 vehículos al día" both ``per:day``), and an
amount per unit of anything only one per unit (``per:unit``).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from app.nlp.data import load_language_data

# How many words after the figure a rate phrase may start ("40 euros más al mes").
REACH = 2
UNIT = "unit"  # per unit of something: "3,20 euros por acción"
MONEY = "money"


class RateReader:
    def __init__(self, lang: str) -> None:
        data = dict(load_language_data(lang, "scope")["scope"]["rates"])
        self.unit_openers = [tuple(phrase.split()) for phrase in data.pop("units")]
        self.price_openers = [tuple(phrase.split()) for phrase in data.pop("price_units")]
        self.phrases = [
            (tuple(phrase.split()), period)
            for period, phrases in data.items()
            for phrase in phrases
        ]
        self.words = {words[0]: period for words, period in self.phrases if len(words) == 1}

    def period(self, value: Span, head_index: int, kind: str) -> str | None:
        """The period a figure is per, from a phrase after it or an adjective on it or on
        the noun it gives the size of."""
        doc = value.doc
        for start in range(value.end, min(value.end + REACH, len(doc)) + 1):
            for words, period in self.phrases:
                found = tuple(t.lower_ for t in doc[start : start + len(words)])
                if found == words:
                    return period
        openers = self.unit_openers + (self.price_openers if kind == MONEY else [])
        if self._per_unit(value, openers):
            return UNIT
        head = doc[head_index]
        described = [head.head] if head.dep_ == "nmod" and head.head.pos_ == "NOUN" else []
        for token in (head, *described):
            for child in token.children:
                if child.dep_ == "amod" and child.lower_ in self.words:
                    return self.words[child.lower_]
        return None

    def _per_unit(self, value: Span, openers: list[tuple[str, ...]]) -> bool:
        """ "3,20 euros por acción", "una acción por cada 4,5 títulos": the opener, maybe a
        figure, then a noun with no article ("por el incendio" is a cause)."""
        doc = value.doc
        for words in openers:
            end = value.end + len(words)
            if tuple(t.lower_ for t in doc[value.end : end]) != words:
                continue
            rest = [t for t in doc[end : end + 2] if not t.like_num]
            return bool(rest) and rest[0].pos_ == "NOUN"
        return False


@lru_cache(maxsize=4)
def rate_reader(lang: str) -> RateReader:
    return RateReader(lang)
