"""Bounds and approximations around a figure: "más de tres horas", "superiores a los 300",
"podrían superar los dos metros", "no mayor a 2,5", "unos 40", "dos horas como mínimo".

Each qualifier turns the figure into the interval it asserts: "más de 4" is [4, open),
"unos 40" is [36, 44]. The figure as written stays the value's *nominal*; comparison reads
bounds pragmatically from both (see app/compare/relate.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from app.nlp.candidates import Candidate
from app.nlp.concepts import verb_stem
from app.nlp.kinds import NON_NEGATIVE_KINDS, QUALIFIABLE_KINDS

DETERMINER_POS = frozenset({"DET"})


def _pattern(words: tuple[str, ...]) -> list[dict[str, Any]]:
    """ "~superar" matches by lemma, other words by their lower-cased text."""
    return [{"LEMMA": w[1:]} if w.startswith("~") else {"LOWER": w} for w in words]


def _split_cue(cue: str, split) -> tuple[str, ...]:
    # The tokenizer would cut "~" off the word it marks; split words first, then tokenise
    # each plain word.
    words: list[str] = []
    for word in cue.split():
        if word.startswith("~"):
            words.append(word)
        else:
            words.extend(split(word))
    return tuple(words)


# Bounds that, after a difference, name a figure compared with instead.
COMPARABLE_BOUNDS = frozenset({"more_than", "less_than"})
# How far before the cue to look for the difference ("dos décimas, por debajo del").
DIFFERENCE_REACH = 2


class Qualifiers:
    def __init__(self, vocab: Vocab, data: dict[str, Any], split) -> None:
        self.about = float(data["about_tolerance"])
        self.almost = float(data["almost_tolerance"])
        reaching = data["qualifiers"]["reaching"]
        self.reaching_words = frozenset(reaching["words"])
        # Stems, because the small model lemmatises some forms oddly ("modere" -> "moderir").
        self.reaching_verbs = frozenset(verb_stem(v) for v in reaching["verbs"])
        self.reaching_nouns = frozenset(reaching["nouns"])
        rounding = data["qualifiers"]["rounding"]
        self.rounding = frozenset(rounding["words"])
        self.rounding_steps: dict[str, float] = rounding["steps"]
        self.exact_fraction_kinds = frozenset(rounding["exact_fraction_kinds"])
        self.fractions = frozenset(data["fractions"])
        self.articles = frozenset(data["numbers"]["articles"])
        self.matcher = Matcher(vocab)
        for position in ("prefix", "suffix"):
            for name, cues in data["qualifiers"][position].items():
                patterns = [_pattern(_split_cue(cue, split)) for cue in cues]
                self.matcher.add(f"{position}:{name}", patterns)

    def match(self, doc: Doc) -> dict[str, dict[int, int]]:
        """Cue key ("prefix:about") -> {start token: end token}, longest cue per start."""
        found: dict[str, dict[int, int]] = {}
        for match_id, start, end in self.matcher(doc):
            by_start = found.setdefault(doc.vocab.strings[match_id], {})
            by_start[start] = max(end, by_start.get(start, end))
        return found

    def qualify(self, doc: Doc, cand: Candidate, cues: dict[str, dict[int, int]]) -> Candidate:
        """Widen a quantity by the qualifier cue just before or after it."""
        if cand.kind not in QUALIFIABLE_KINDS or cand.low is None or cand.high is None:
            return cand
        start, end, qualifier = cand.start, cand.end, None
        # A determiner may sit between cue and figure: "cerca de un 30 %", "superó los 90".
        gaps = [cand.start]
        before = doc[cand.start - 1] if cand.start else None
        if before is not None and (before.pos_ in DETERMINER_POS or before.dep_ == "det"):
            gaps.append(cand.start - 1)
        for key, by_start in cues.items():
            position, _, name = key.partition(":")
            if position == "prefix":
                hit = next((s for s, e in sorted(by_start.items()) if e in gaps), None)
                if hit is not None and (
                    self._reaches(doc, hit, cand) or self._compared(doc, hit, name)
                ):
                    continue
                if hit is not None and (qualifier is None or hit < start):
                    start, qualifier = hit, name
        if qualifier is None:
            for key, by_start in cues.items():
                position, _, name = key.partition(":")
                if position == "suffix" and cand.end in by_start:
                    end, qualifier = by_start[cand.end], name
        step = cand.step
        if qualifier is None and self._round(doc, cand):
            qualifier = "about"  # "una treintena", "medio metro": round, not exact figures
            collective = next(
                (t.lower_ for t in doc[cand.start : cand.end] if t.lower_ in self.rounding_steps),
                None,
            )
            if collective is not None and step is not None and cand.nominal is not None:
                loosest = min(self.rounding_steps[collective], cand.nominal / 2)
                step = max(step, loosest)
        if qualifier is None:
            return cand
        low, high = self.widen(qualifier, cand.kind, cand.low, cand.high)
        return replace(cand.widened(start, end, qualifier, low, high), step=step)

    def _round(self, doc: Doc, cand: Candidate) -> bool:
        """A collective numeral ("una veintena") or a lone fraction of a unit ("medio metro",
        "un cuarto de hora")."""
        words = [t.lower_ for t in doc[cand.start : cand.end]]
        if any(w in self.rounding for w in words):
            return True
        if cand.kind in self.exact_fraction_kinds:
            return False
        figure = words[1:] if words[:1] and words[0] in self.articles else words
        return bool(figure) and figure[0] in self.fractions

    @staticmethod
    def _compared(doc: Doc, cue: int, name: str) -> bool:
        """ "dos décimas por debajo del 2,4 %", "medio punto menos que el 2,1 %": after a
        difference, "por debajo de" and "menos que" name the figure compared with, which
        is exact, not a bound."""
        if name not in COMPARABLE_BOUNDS:
            return False
        before = [t for t in doc[max(cue - DIFFERENCE_REACH, 0) : cue] if not t.is_punct]
        if not before:
            return False
        last = before[-1]  # the difference ends right before the cue
        return last.like_num or any(c.dep_ == "nummod" and c.i < last.i for c in last.children)

    def _reaches(self, doc: Doc, cue: int, cand: Candidate) -> bool:
        """ "subió hasta el 3,2 %": after a verb of change, "hasta" is the level reached."""
        if doc[cue].lower_ not in self.reaching_words:
            return False
        token = doc[cand.head]
        for _ in range(4):  # the verb is close above the figure, or nowhere
            if token.pos_ in {"VERB", "AUX"}:
                # "cerró con una subida de siete puntos, hasta el 3,4 %": a noun of change.
                noun = any(
                    c.lemma_.lower() in self.reaching_nouns and c.i < cue for c in token.children
                )
                return noun or verb_stem(token.lemma_) in self.reaching_verbs
            if token.head.i == token.i:
                break
            token = token.head
        return False

    def widen(
        self, qualifier: str, kind: str, low: float, high: float
    ) -> tuple[float | None, float | None]:
        floor = 0.0 if kind in NON_NEGATIVE_KINDS else None
        if qualifier in ("more_than", "at_least"):
            return low, None
        if qualifier in ("less_than", "at_most"):
            return floor, high
        if qualifier == "about":
            spread = abs(high) * self.about
            return _round(low - abs(low) * self.about), _round(high + spread)
        if qualifier == "almost":
            return _round(low - abs(low) * self.almost), high
        return low, high


def _round(x: float) -> float:
    # 40 * 0.9 is 36.00000000000001 in binary; analysts compare these figures for equality.
    return round(x, 6)
