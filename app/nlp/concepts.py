"""Concepts: one key for the words that name the same measured thing or kind of event
("muertos", "fallecidos", "víctimas mortales", "perdieron la vida" -> ``death``).

The lexicon is language data (``data/<lang>/concepts.toml``); a word outside it stands for
itself, so an unknown measure ("misiles") still groups with itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from app.nlp.data import load_language_data, load_word_list

# Relations whose dependent completes a two-word concept: "víctima mortal" (amod),
# "perder la vida" (obj), "índice de precios" (nmod), "a bordo" (fixed).
PHRASE_DEPS = frozenset({"amod", "obj", "nmod", "fixed", "flat", "compound", "obl", "advmod"})


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    label: str
    event: bool
    may_decrease: bool
    event_of: str | None = None  # the event its words also name: "se manifestaron el sábado"


class Lexicon:
    def __init__(self, lang: str) -> None:
        data = load_language_data(lang, "concepts")
        self.stop_words = load_word_list(lang, "stop_words")
        self.by_word: dict[str, Concept] = {}
        self.by_pair: dict[tuple[str, str], Concept] = {}
        self.concepts: dict[str, Concept] = {}
        for row in data["concept"]:
            concept = Concept(
                row["id"],
                row["label"],
                row.get("event", False),
                row.get("may_decrease", False),
                row.get("event_of"),
            )
            self.concepts[concept.id] = concept
            for phrase in row["words"]:
                words = [w for w in phrase.lower().split() if w not in self.stop_words]
                if len(words) == 1:
                    self.by_word.setdefault(words[0], concept)
                elif words:
                    self.by_pair.setdefault((words[0], words[1]), concept)

    def of_lemma(self, lemma: str) -> Concept | None:
        return self.by_word.get(lemma.lower())

    def of_token(self, token: Token) -> Concept | None:
        """The concept a token names, with a dependent that completes it ("víctimas
        mortales") taking precedence over the word alone ("víctimas")."""
        lemma = lemma_of(token)
        for child in token.children:
            if child.dep_ in PHRASE_DEPS:
                found = self.by_pair.get((lemma, lemma_of(child)))
                if found is not None:
                    return found
        head = token.head
        if head.i != token.i and token.dep_ in PHRASE_DEPS:
            found = self.by_pair.get((lemma_of(head), lemma))
            if found is not None:
                return found
        return self.by_word.get(lemma) or self.by_word.get(token.lower_)

    def key_of(self, token: Token) -> str:
        """The concept id, or the word's own lemma."""
        concept = self.of_token(token)
        return concept.id if concept else lemma_of(token)


def lemma_of(token: Token) -> str:
    """The lemma without the clitic the model glues to it ("reunirse" -> "reunir él")."""
    lemma = token.lemma_.lower()
    return lemma.split()[0] if " " in lemma else lemma


@lru_cache(maxsize=4)
def lexicon(lang: str) -> Lexicon:
    return Lexicon(lang)
