"""Figures per stretch of time or per unit: "mueve dos millones de viajeros al año" and
"paga 3,20 euros por acción" are rates.

A rate is no amount of the event the coverage is about (those aboard, those who died), so it
is scoped ``per:<period>``: it meets only figures per the same period, however written
("18.000 vehículos diarios" and "unos 18.000 vehículos al día" both ``per:day``), and an
amount per unit of anything only one per unit (``per:unit``).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from app.nlp.data import load_language_data
from app.nlp.kinds import MONEY

# How many words after the figure a rate phrase may start ("40 euros más al mes").
REACH = 2
# Words after "por cada" before its noun: "por cada diez mil habitantes".
UNIT_REACH = 4
UNIT = "unit"  # per unit of something: "3,20 euros por acción"


def _phrases(table: dict[str, list[str]]) -> list[tuple[tuple[str, ...], str]]:
    return [(tuple(p.split()), period) for period, phrases in table.items() for p in phrases]


class RateReader:
    def __init__(self, lang: str) -> None:
        data = load_language_data(lang, "scope")["scope"]["rates"]
        self.phrases = _phrases(data["phrases"])
        self.adjectives = {
            word: period for period, words in data["adjectives"].items() for word in words
        }
        self.not_before = frozenset(data["not_before"])
        self.unit_openers = [tuple(p.split()) for p in data["units"]]
        self.price_openers = [tuple(p.split()) for p in data["price_units"]]
        self.price_causes = frozenset(data["price_causes"])

    def period(self, value: Span, head_index: int, kind: str) -> str | None:
        """The period a figure is per (a phrase right after it in its sentence, or an
        adjective on it or on the noun it gives the size of), or "unit"."""
        doc = value.doc
        end = value.sent.end if doc.has_annotation("SENT_START") else len(doc)
        for start in range(value.end, min(value.end + REACH, end) + 1):
            for words, period in self.phrases:
                stop = start + len(words)
                found = tuple(t.lower_ for t in doc[start:stop])
                after = doc[stop].lower_ if stop < end else ""
                if found == words and stop <= end and after not in self.not_before:
                    return period
        head = doc[head_index]
        described = [head.head] if head.dep_ == "nmod" and head.head.pos_ == "NOUN" else []
        for token in (head, *described):
            for child in token.children:
                if child.dep_ == "amod" and child.lower_ in self.adjectives:
                    return self.adjectives[child.lower_]
        if self._per_unit(value, self.unit_openers, end):
            return UNIT
        if kind == MONEY and self._per_unit(value, self.price_openers, end, price=True):
            return UNIT
        return None

    def _per_unit(
        self, value: Span, openers: list[tuple[str, ...]], end: int, price: bool = False
    ) -> bool:
        """ "una acción por cada 4,5 títulos", "3,20 euros por acción": the opener, maybe a
        figure, then a noun with no article ("por el incendio" is a cause); after a bare
        "por", a singular noun that is no cause ("600 euros por despido")."""
        doc = value.doc
        for words in openers:
            start = value.end + len(words)
            if tuple(t.lower_ for t in doc[value.end : start]) != words:
                continue
            rest = [t for t in doc[start : min(start + UNIT_REACH, end)] if not t.like_num]
            noun = rest[0] if rest else None
            if noun is None or noun.pos_ != "NOUN":
                return False
            return not price or self._a_unit(noun)
        return False

    def _a_unit(self, noun: Token) -> bool:
        """ "por acción", "por habitante": singular, no cause, no noun complement ("por
        exceso de velocidad")."""
        complement = any(c.dep_ == "nmod" and c.pos_ == "NOUN" for c in noun.children)
        plural = "Plur" in noun.morph.get("Number")
        return not (complement or plural or noun.lemma_.lower() in self.price_causes)


@lru_cache(maxsize=4)
def rate_reader(lang: str) -> RateReader:
    return RateReader(lang)
