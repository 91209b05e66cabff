"""What a share or a change is measured against: "subió un 12 % respecto a 2023", "una
rebaja del 30 % sobre el precio de salida", "Frente al año pasado, el paro cae un 4 %".

Two percentages against different things do not contradict each other (a 12 % rise on last
year and a 30 % one on 2019 can both be true), so the thing measured against scopes the
figure: ``vs:<key>``, the first moment the phrase names as written ("respecto al jueves
anterior", "sobre el cierre del viernes" and "sobre la cotización del viernes" are all
``vs:viernes``; "sobre el cierre de ayer" is ``vs:ayer``, which the key does not resolve)
or else its head's lemma when that is a reference value or a stretch of time ("sobre el
precio de salida": ``vs:precio``). A phrase
that holds a figure of its own ("frente al 28 % del rival") compares two figures and names
no baseline.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from app.nlp.data import load_language_data
from app.nlp.deps import is_figure

# Figures that are relative to something, so that something is part of what they say.
RELATIVE_KINDS = frozenset({"percent", "percentage_points"})
BASELINE_DEPS = frozenset({"nmod", "obl"})
HEADS = frozenset({"NOUN", "PROPN", "NUM"})
MOMENTS = frozenset({"weekday", "date", "day", "day_offset", "month", "year"})


class BaselineReader:
    def __init__(self, lang: str) -> None:
        data = load_language_data(lang, "scope")["scope"]["baselines"]
        self.markers = frozenset(data["markers"])
        self.compare_words = frozenset(data["compare_words"])
        self.compare_cases = frozenset(data["compare_cases"])
        self.nouns = frozenset(data["nouns"])

    def of(self, value: Span, kind: str, nodes: list[Token]) -> set[str]:
        """``vs:`` terms for a relative figure, from the phrases opened by a baseline marker
        on ``nodes`` (the figure, what it hangs from, what it measures)."""
        if kind not in RELATIVE_KINDS:
            return set()
        inside = range(value.start, value.end)
        moments = [s for s in value.doc.spans.get("values", []) if s._.value.kind in MOMENTS]
        found = set()
        for node in nodes:
            for child in node.children:
                if child.i in inside or child.dep_ not in BASELINE_DEPS | {"amod"}:
                    continue
                head = self._baseline(child)
                if head is not None and (key := self._key(head, moments)) is not None:
                    found.add(f"vs:{key}")
        return found

    def _baseline(self, child: Token) -> Token | None:
        """The head of the thing measured against, when ``child`` opens one: "respecto a
        2022" (2022), "comparado con 2022", "en comparación con 2022" (2022 again)."""
        if child.lemma_.lower() in self.compare_words or child.lower_ in self.compare_words:
            return next(
                (c for c in child.children if c.pos_ in HEADS and _marker(c) in self.compare_cases),
                None,
            )
        if child.dep_ == "amod" or child.pos_ not in HEADS:
            return None
        return child if _marker(child) in self.markers else None

    def _key(self, head: Token, moments: list[Span]) -> str | None:
        """The baseline's first moment, or its head's lemma when that is a reference value
        or a stretch of time; None when the phrase holds another figure ("frente a los 25
        diputados"; a year is a moment: "respecto a 2022") or names no baseline ("sobre el
        total")."""
        within = range(head.left_edge.i, head.right_edge.i + 1)
        named = sorted((m for m in moments if m.start in within), key=lambda m: m.start)
        own = any(m.start <= head.i < m.end for m in named)
        if not own and (
            head.like_num or any(is_figure(t) for t in head.children if t.dep_ == "nummod")
        ):
            return None
        if named:
            return "-".join(t.lower_ for t in named[0] if t.pos_ != "DET")
        lemma = head.lemma_.lower()
        return lemma if lemma in self.nouns else None


def _marker(token: Token) -> str:
    """The case word before a phrase's head and the words fixed to it: "con respecto a"."""
    words = []
    for case in (c for c in token.children if c.dep_ == "case" and c.i < token.i):
        words.append(case.lower_)
        words.extend(f.lower_ for f in case.children if f.dep_ == "fixed")
    return " ".join(words)


@lru_cache(maxsize=4)
def baseline_reader(lang: str) -> BaselineReader:
    return BaselineReader(lang)
