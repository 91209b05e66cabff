"""Concepts: one key for the words that name the same measured thing or kind of event
("muertos", "fallecidos", "víctimas mortales", "perdieron la vida" -> ``death``).

The lexicon is language data (``data/<lang>/concepts.toml``); a word outside it stands for
itself, so an unknown measure ("misiles") still groups with itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from app.nlp.data import load_language_data, load_word_list

# Relations whose dependent completes a two-word concept: "víctima mortal" (amod),
# "perder la vida" (obj), "índice de precios" (nmod), "a bordo" (fixed).
# Where a document keeps the concepts it names unambiguously.
NAMED_KEY = "cotejo.named_concepts"
NAMED_EVENTS_KEY = "cotejo.named_events"
PHRASE_DEPS = frozenset({"amod", "obj", "nmod", "fixed", "flat", "compound", "obl", "advmod"})


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    label: str
    event: bool
    may_decrease: bool
    event_of: str | None = None  # the event its words also name: "se manifestaron el sábado"
    owned: bool = False  # someone's: a party's seats, a defendant's sentence
    kinds: frozenset[str] = frozenset()  # the value kinds it names, when not all
    story: bool = False  # names whatever the story is about ("los hechos")
    carries: str | None = None  # what "con 84 personas" on it counts: "un cayuco con 84…"
    # What its words are said of, where another concept shares them: "el avión se vino
    # abajo" is its fall, "el edificio se vino abajo" a collapse.
    said_of: frozenset[str] = frozenset()
    roles: bool = False  # people counted in several roles: "los reclusos" rioted, escaped…
    # Acts through which the whole of it is reported: "atendieron a 64 heridos" counts the
    # injured, as "64 heridos" does.
    counted_by: frozenset[str] = frozenset()

    def fits(self, kind: str | None) -> bool:
        return kind is None or not self.kinds or kind in self.kinds


class Lexicon:
    def __init__(self, lang: str) -> None:
        data = load_language_data(lang, "concepts")
        self.stop_words = load_word_list(lang, "stop_words")
        self.participles: dict[str, list[str]] = load_language_data(lang, "morphology")[
            "participle"
        ]["endings"]
        self.by_word: dict[str, list[Concept]] = {}
        self.by_pair: dict[tuple[str, str], list[Concept]] = {}
        # "a bordo": a preposition and its noun, said of the word they hang from
        # ("84 personas a bordo" are passengers).
        self.by_case: dict[tuple[str, str], list[Concept]] = {}
        self.concepts: dict[str, Concept] = {}
        # The noun that heads an event's phrase but is not one of its words alone:
        # "corte" of "corte eléctrico" (alone it may be a road's). A part of the day heads
        # none: "la jornada" of a vote is the whole day, protests included.
        self.by_head: dict[str, list[Concept]] = {}
        day_parts = frozenset(load_language_data(lang, "scope")["measured"]["day_parts"])
        for row in data["concept"]:
            concept = Concept(
                row["id"],
                row["label"],
                row.get("event", False),
                row.get("may_decrease", False),
                row.get("event_of"),
                row.get("owned", False),
                frozenset(row.get("kinds", ())),
                row.get("story", False),
                row.get("carries"),
                frozenset(row.get("said_of", ())),
                row.get("roles", False),
                frozenset(row.get("counted_by", ())),
            )
            self.concepts[concept.id] = concept
            for phrase in row["words"]:
                every = phrase.lower().split()
                words = [w for w in every if w not in self.stop_words]
                if len(every) == 1:  # a word listed alone means itself, stop word or not
                    self.by_word.setdefault(every[0], []).append(concept)
                elif len(words) >= 2:
                    self.by_pair.setdefault((words[0], words[1]), []).append(concept)
                    if concept.event and words[0] not in day_parts:
                        self.by_head.setdefault(words[0], []).append(concept)
                elif len(every) == 2 and len(words) == 1 and every[0] != words[0]:
                    self.by_case.setdefault((every[0], every[1]), []).append(concept)
                # "sin techo", "a bordo": a preposition makes the phrase; its noun alone
                # ("techo") means something else.

    def of_lemma(self, lemma: str, kind: str | None = None) -> Concept | None:
        return _fitting(self.by_word.get(lemma.lower()), kind)

    def of_token(self, token: Token, kind: str | None = None) -> Concept | None:
        """The concept a token names, with a dependent that completes it ("víctimas
        mortales") taking precedence over the word alone ("víctimas"); with ``kind``, the
        concept for that kind of value ("recorrer 3 km" is a route, "10.000 personas
        recorrieron el centro" a crowd)."""
        lemma = lemma_of(token)
        subject = self._subject_concepts(token)
        for child in token.children:
            if child.dep_ in PHRASE_DEPS:
                found = _fitting(self.by_pair.get((lemma, lemma_of(child))), kind, subject)
                if found is not None:
                    return found
        head = token.head
        if head.i != token.i and token.dep_ in PHRASE_DEPS:
            found = _fitting(self.by_pair.get((lemma_of(head), lemma)), kind)
            if found is not None:
                return found
        # A word of two concepts means the one the rest of its article names: "avalancha"
        # beside "alud" is the snow's, beside "estampida" a crowd's.
        named = self._named_in(token.doc)
        found = _fitting(self.by_word.get(lemma), kind, subject, named) or _fitting(
            self.by_word.get(token.lower_), kind, subject, named
        )
        # A phrase of a preposition makes a plain word specific ("personas a bordo"), not
        # one with a meaning of its own ("seis tripulantes a bordo" are the crew).
        for phrase in self._case_phrases(token) if found is None else ():
            found = _fitting(self.by_case.get(phrase), kind)
            if found is not None:
                return found
        if found is None and token.pos_ == "ADJ":
            for verb in self._infinitives(lemma):
                found = found or _fitting(self.by_word.get(verb), kind)
        return found or self._mentioned_event(token, lemma, kind)

    def _mentioned_event(self, token: Token, lemma: str, kind: str | None) -> Concept | None:
        """ "el corte", bare and definite, in an article that names the blackout ("el apagón",
        "un corte de luz"), is the blackout again; in one about a road it stays a plain
        word, and so does "el corte de la carretera" or "un corte"."""
        heads = self.by_head.get(lemma)
        if (
            not heads
            or lemma in self.by_word
            or token.pos_ != "NOUN"
            or "Plur" in token.morph.get("Number")
            or any(c.dep_ in PHRASE_DEPS for c in token.children)
            or not any(
                c.dep_ == "det"
                and ("Def" in c.morph.get("Definite") or "Dem" in c.morph.get("PronType"))
                for c in token.children
            )
        ):
            return None
        named = self._events_named_in(token.doc)
        mentioned = [c for c in heads if c.id in named and c.fits(kind)]
        return mentioned[0] if len({c.id for c in mentioned}) == 1 else None

    def _events_named_in(self, doc: Doc) -> frozenset[str]:
        """The events a document names by a word of theirs or a phrase (cached on it)."""
        named = doc.user_data.get(NAMED_EVENTS_KEY)
        if named is None:
            found = set(self._named_in(doc))
            for token in doc:
                for child in token.children:
                    if child.dep_ in PHRASE_DEPS:
                        pair = (lemma_of(token), lemma_of(child))
                        found.update(c.id for c in self.by_pair.get(pair, ()))
            named = frozenset(c for c in found if self.concepts[c].event)
            doc.user_data[NAMED_EVENTS_KEY] = named
        return named

    def _named_in(self, doc: Doc) -> frozenset[str]:
        """The concepts a document names with words of one concept only (cached on it)."""
        named = doc.user_data.get(NAMED_KEY)
        if named is None:
            named = frozenset(
                concepts[0].id
                for token in doc
                if len(concepts := self.by_word.get(lemma_of(token), ())) == 1
            )
            doc.user_data[NAMED_KEY] = named
        return named

    def _subject_concepts(self, token: Token) -> frozenset[str]:
        """The concepts a verb's subject names ("el aparato se vino abajo": aircraft)."""
        if token.pos_ not in {"VERB", "AUX"}:
            return frozenset()
        return frozenset(
            c.id
            for child in token.children
            if child.dep_ in {"nsubj", "nsubj:pass"}
            for c in self.by_word.get(lemma_of(child), ())
        )

    def _case_phrases(self, token: Token) -> list[tuple[str, str]]:
        """ "personas a bordo", "familias sin hogar": (preposition, noun) pairs hanging from
        a noun, however the parser splits them ("a" with "bordo" fixed to it)."""
        if token.pos_ not in {"NOUN", "PRON"}:
            return []
        phrases = []
        for child in token.children:
            cases = [c.lower_ for c in child.children if c.dep_ == "case"]
            if cases:
                phrases.append((cases[0], lemma_of(child)))
            if child.pos_ == "ADP":
                fixed = [f for f in child.children if f.dep_ == "fixed"]
                phrases.extend((child.lower_, lemma_of(f)) for f in fixed)
        doc = token.doc
        if token.i + 2 < len(doc) and doc[token.i + 1].pos_ == "ADP":
            # Right after the noun, wherever the parser hung it: "30 personas a bordo".
            phrases.append((doc[token.i + 1].lower_, lemma_of(doc[token.i + 2])))
        return phrases

    def _infinitives(self, lemma: str) -> list[str]:
        """ "malversado" -> ["malversar"]; "desaparecido" -> ["desaparecer", "desaparecir"]."""
        return [
            lemma[: -len(ending)] + infinitive
            for ending, infinitives in self.participles.items()
            if lemma.endswith(ending)
            for infinitive in infinitives
        ]

    def key_of(self, token: Token, kind: str | None = None) -> str:
        """The concept id, or the word's own lemma."""
        concept = self.of_token(token, kind)
        return concept.id if concept else lemma_of(token)


def _fitting(
    concepts: list[Concept] | None,
    kind: str | None,
    subject: frozenset[str] = frozenset(),
    named: frozenset[str] = frozenset(),
) -> Concept | None:
    """The first concept for the kind: first one said of the subject, then one the
    article names otherwise."""
    if not concepts:
        return None
    fitting = [c for c in concepts if c.fits(kind)]
    said_of = (c for c in fitting if c.said_of & subject)
    in_article = (c for c in fitting if c.id in named)
    return next(said_of, next(in_article, fitting[0] if fitting else None))


def lemma_of(token: Token) -> str:
    """The lemma without the clitic the model glues to it ("reunirse" -> "reunir él")."""
    lemma = plain_lemma(token)
    return _first_word(lemma)


def _first_word(lemma: str) -> str:
    words = lemma.split()
    return words[0] if words else lemma  # a run of spaces is a token with a blank lemma


# A participle's or verb's inflection, cut off to compare "descarrilaron" with "descarrilados".
VERB_ENDING = re.compile(r"(?:ad[oa]s?|id[oa]s?|ar|er|ir|arse|erse|irse)$")


def verb_stem(lemma: str) -> str:
    """ "descarrilar" and "descarrilado" -> "descarril"."""
    return VERB_ENDING.sub("", lemma.lower()) or lemma.lower()


def plain_lemma(token: Token) -> str:
    """The lemma, for verbs without the written accent the small model keeps from the
    inflected form ("reúne" -> "reúnir", "sitúa" -> "sitúar"): infinitives carry none. A
    glued clitic stays ("reunir él": they met, not they gathered something)."""
    lemma = token.lemma_.lower()
    verb = _first_word(lemma)
    if token.pos_ not in {"VERB", "AUX"} or not verb.endswith(("ar", "er", "ir")):
        return lemma
    decomposed = unicodedata.normalize("NFD", lemma)
    # Drop accents, keep the tilde of "ñ".
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn" or ch == "\u0303")
    return unicodedata.normalize("NFC", kept)


@lru_cache(maxsize=4)
def lexicon(lang: str) -> Lexicon:
    return Lexicon(lang)
