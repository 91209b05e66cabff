"""Assigning claims to topics from the cue lemmas that ``topics.toml`` gives.

Topics are data: this module knows nothing about any event. A claim joins a
topic when it contains at least ``min_cues`` distinct cues; a topic that
``requires_value`` also needs a value of one of its kinds anchored to a cue
("la reunión duró seis horas" joins a duration topic about meetings, "un
apretón de manos de 40 segundos" does not).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from app.nlp.anchors import lemma_of
from app.nlp.data import load_word_list

CALENDAR_KINDS = frozenset({"date", "day", "month", "weekday", "year"})

if not Token.has_extension("lemma_lower"):
    Token.set_extension("lemma_lower", getter=lemma_of)


class TopicDefinition(Protocol):
    slug: str
    cues: tuple[str, ...]
    value_kinds: tuple[str, ...]
    requires_value: bool
    min_cues: int


class AnchoredValue(Protocol):
    kind: str
    anchor: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TopicHit:
    slug: str
    score: int  # distinct cues matched
    cues: tuple[str, ...]
    tokens: tuple[int, ...]  # the head token of each cue occurrence, for local certainty


def cue_words(cues: Iterable[str], lang: str = "es") -> frozenset[str]:
    """The content words of a topic's cues, for matching value anchors."""
    stop = load_word_list(lang, "stop_words")
    return frozenset(word for cue in cues for word in cue.lower().split() if word not in stop)


def is_anchored(value: AnchoredValue, words: frozenset[str]) -> bool:
    return not words.isdisjoint(value.anchor)


class TopicMatcher:
    """Compiled cue patterns for a set of topics; reusable across documents."""

    def __init__(self, vocab: Vocab, topics: Sequence[TopicDefinition]) -> None:
        self.topics = {topic.slug: topic for topic in topics}
        self.words = {topic.slug: cue_words(topic.cues) for topic in topics}
        self.matcher = Matcher(vocab)
        self.keys: dict[int, tuple[str, str]] = {}
        for topic in topics:
            for cue in topic.cues:
                key = f"{topic.slug}\x1f{cue}"
                words = cue.split()
                # Cues are lemmas, but accept a cue written as it appears in the text too.
                self.matcher.add(
                    key,
                    [
                        [{"_": {"lemma_lower": w}} for w in words],
                        [{"LOWER": w} for w in words],
                    ],
                )
                self.keys[vocab.strings[key]] = (topic.slug, cue)

    def match_claims(
        self,
        doc: Doc,
        claims: Sequence[Span],
        values: Sequence[Sequence[AnchoredValue]],
    ) -> list[list[TopicHit]]:
        """For each claim (with its values, same order), the topics it belongs to."""
        starts = [claim.start for claim in claims]
        found: list[dict[str, set[str]]] = [{} for _ in claims]
        where: list[dict[str, set[int]]] = [{} for _ in claims]
        for match_id, start, end in self.matcher(doc):
            index = _containing(starts, claims, start)
            if index is not None:
                slug, cue = self.keys[match_id]
                found[index].setdefault(slug, set()).add(cue)
                where[index].setdefault(slug, set()).add(doc[start:end].root.i)
        return [
            [
                TopicHit(slug, len(cues), tuple(sorted(cues)), tuple(sorted(places[slug])))
                for slug, cues in sorted(hits.items())
                if self._accepts(slug, cues, claim_values)
            ]
            for hits, places, claim_values in zip(found, where, values, strict=True)
        ]

    def _accepts(self, slug: str, cues: set[str], values: Sequence[AnchoredValue]) -> bool:
        topic = self.topics[slug]
        if len(cues) < topic.min_cues:
            return False
        if not topic.requires_value:
            return True
        kinds = set(topic.value_kinds)
        if kinds & CALENDAR_KINDS:
            # "el martes" is stored as the date it names once the article's date is known.
            kinds |= CALENDAR_KINDS
        return any(v.kind in kinds and is_anchored(v, self.words[slug]) for v in values)


def _containing(starts: list[int], claims: Sequence[Span], token_index: int) -> int | None:
    """Index of the claim containing a token (claims are sorted and disjoint)."""
    index = bisect_right(starts, token_index) - 1
    if index >= 0 and token_index < claims[index].end:
        return index
    return None
