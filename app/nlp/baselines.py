"""What a share or a change is measured against: "subió un 12 % respecto a 2023", "una
rebaja del 30 % sobre el precio de salida", "Frente al año pasado, el paro cae un 4 %".

Two percentages against different things do not contradict each other (a 12 % rise on last
year and a 30 % one on 2019 can both be true), so the thing measured against scopes the
figure: ``vs:<key>``, the first moment the phrase names ("respecto al jueves anterior",
"sobre el cierre del viernes": ``vs:viernes``, however the outlet names what closed on
that day) or else its head's lemma ("sobre el precio de salida": ``vs:precio``). A phrase
that holds a figure of its own ("frente al 28 % del rival") compares two figures and names
no baseline.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from app.nlp.data import load_language_data
from app.nlp.deps import is_figure
from app.nlp.places import case_of

# Figures that are relative to something, so that something is part of what they say.
RELATIVE_KINDS = frozenset({"percent", "percentage_points"})
BASELINE_DEPS = frozenset({"nmod", "obl"})
HEADS = frozenset({"NOUN", "PROPN", "NUM"})
MOMENTS = frozenset({"weekday", "date", "day", "day_offset", "month", "year"})


class BaselineReader:
    def __init__(self, lang: str) -> None:
        data = load_language_data(lang, "scope")["scope"]["baselines"]
        self.cases = frozenset(data["cases"])

    def of(self, value: Span, kind: str, nodes: list[Token]) -> set[str]:
        """``vs:`` terms for a relative figure, from the phrases opened by a baseline case on
        ``nodes`` (the figure, what it hangs from, what it measures)."""
        if kind not in RELATIVE_KINDS:
            return set()
        inside = range(value.start, value.end)
        moments = [s for s in value.doc.spans.get("values", []) if s._.value.kind in MOMENTS]
        found = set()
        for node in nodes:
            for child in node.children:
                if child.i in inside or child.dep_ not in BASELINE_DEPS:
                    continue
                if child.pos_ not in HEADS or case_of(child) not in self.cases:
                    continue
                if (key := self._key(child, moments)) is not None:
                    found.add(f"vs:{key}")
        return found

    @staticmethod
    def _key(head: Token, moments: list[Span]) -> str | None:
        """The baseline's first moment or its head's lemma; None when the phrase holds
        another figure ("frente a los 25 diputados"; a year is a moment: "respecto a 2022")."""
        within = range(head.left_edge.i, head.right_edge.i + 1)
        named = sorted((m for m in moments if m.start in within), key=lambda m: m.start)
        own = any(m.start <= head.i < m.end for m in named)
        if not own and (
            head.like_num or any(is_figure(t) for t in head.children if t.dep_ == "nummod")
        ):
            return None
        if named:
            return "-".join(t.lower_ for t in named[0] if t.pos_ != "DET")
        return head.lemma_.lower()


@lru_cache(maxsize=4)
def baseline_reader(lang: str) -> BaselineReader:
    return BaselineReader(lang)
