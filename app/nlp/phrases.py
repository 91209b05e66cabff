"""Fixed word sequences looked up at a token position: unit phrases ("kilómetros por hora"),
time zones ("hora local"), relative days ("antes de ayer"). Cheaper and simpler than a
Matcher when a reader asks "which phrase starts (or ends) here?"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from spacy.tokens import Doc

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Phrase(Generic[T]):
    words: tuple[str, ...]
    payload: T


class PhraseTable(Generic[T]):
    """Phrases matched on lower-cased token text; the longest phrase wins."""

    def __init__(self, entries: Iterable[tuple[str, T]], split: Callable[[str], tuple[str, ...]]):
        self._by_first: dict[str, list[Phrase[T]]] = {}
        self._by_last: dict[str, list[Phrase[T]]] = {}
        for text, payload in entries:
            words = split(text)
            if not words:
                continue
            phrase = Phrase(words, payload)
            self._by_first.setdefault(words[0], []).append(phrase)
            self._by_last.setdefault(words[-1], []).append(phrase)
        for phrases in (*self._by_first.values(), *self._by_last.values()):
            phrases.sort(key=lambda p: -len(p.words))

    def starting_at(self, doc: Doc, k: int) -> tuple[T, int] | None:
        """(payload, end) of the longest phrase that starts at token k."""
        if not 0 <= k < len(doc):
            return None
        for phrase in self._by_first.get(doc[k].lower_, ()):
            end = k + len(phrase.words)
            if end <= len(doc) and _same(doc, k, phrase.words):
                return phrase.payload, end
        return None

    def ending_at(self, doc: Doc, end: int) -> tuple[T, int] | None:
        """(payload, start) of the longest phrase whose last token is ``end - 1``."""
        if not 0 < end <= len(doc):
            return None
        for phrase in self._by_last.get(doc[end - 1].lower_, ()):
            start = end - len(phrase.words)
            if start >= 0 and _same(doc, start, phrase.words):
                return phrase.payload, start
        return None


def _same(doc: Doc, start: int, words: tuple[str, ...]) -> bool:
    return all(doc[start + j].lower_ == word for j, word in enumerate(words))
