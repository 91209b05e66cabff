"""What a clause says caused something, however it is worded.

"un cortocircuito provocó el fuego", "el fuego fue causado por un cortocircuito", "se
debió a un cortocircuito", "fue consecuencia de un cortocircuito", "un cortocircuito
estuvo en el origen del fuego": each names the cortocircuito as the cause. The
proposition reader (app/nlp/propositions.py) states them all as one proposition,
``cause>cortocircuito``, so that an outlet asserting it and another reporting it ruled
out meet however each phrased it. The word lists are language data (concepts.toml,
``[causes]``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from app.nlp.data import load_language_data

SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
COMPLEMENTS = frozenset({"obl", "obj", "nmod", "iobj"})
CLITICS = frozenset({"lo", "la", "los", "las"})


@dataclass(frozen=True, slots=True)
class CauseWords:
    verbs: frozenset[str]
    to_verbs: frozenset[str]
    reflexive_only: frozenset[str]
    of_nouns: frozenset[str]
    of_markers: frozenset[str]
    origin_nouns: frozenset[str]
    having_verbs: frozenset[str]
    to_case: str
    of_case: str
    by_case: str
    in_case: str


@lru_cache(maxsize=4)
def cause_words(lang: str) -> CauseWords:
    data = load_language_data(lang, "concepts")["causes"]
    lists = ("verbs", "to_verbs", "reflexive_only", "of_nouns", "of_markers", "origin_nouns",
             "having_verbs")  # fmt: skip
    cases = ("to_case", "of_case", "by_case", "in_case")
    return CauseWords(
        **{name: frozenset(data[name]) for name in lists}, **{name: data[name] for name in cases}
    )


def _case(token: Token) -> str:
    return next((c.lower_ for c in token.children if c.dep_ == "case"), "")


def _with_case(token: Token, case: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in COMPLEMENTS and _case(c) == case), None)


def _subject(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ in SUBJECTS), None)


def _passive(verb: Token) -> bool:
    return "Part" in verb.morph.get("VerbForm") and any(
        c.dep_ in {"aux", "aux:pass"} and c.lemma_.lower() in {"ser", "estar", "quedar"}
        for c in verb.children
    )


def cause_of(token: Token, words: CauseWords) -> Token | None:
    """The word naming the cause, when ``token`` is the word stating causation."""
    lemma = token.lemma_.lower()
    if token.pos_ in {"VERB", "AUX"} and lemma in words.verbs:
        return _cause_of_verb(token, words)
    if token.pos_ in {"VERB", "AUX"} and lemma in words.to_verbs:
        reflexive = any(c.lower_ == "se" for c in token.children)
        if lemma in words.reflexive_only and not reflexive:
            return None
        return _with_case(token, words.to_case)
    if token.pos_ == "NOUN" and lemma in words.of_nouns:
        marked = any(c.dep_ == "cop" for c in token.children) or _case(token) in words.of_markers
        return _with_case(token, words.of_case) if marked else None
    if token.pos_ == "NOUN" and lemma in words.origin_nouns:
        return _cause_of_origin(token, words)
    return None


def _cause_of_verb(verb: Token, words: CauseWords) -> Token | None:
    if _passive(verb):
        return _with_case(verb, words.by_case)  # "fue provocado por un rayo"
    # "el fuego lo provocó una bengala": the object is doubled by a clitic, so the noun
    # after the verb is its subject, whatever the parser made of it.
    doubled = any(c.dep_ == "obj" and c.lower_ in CLITICS for c in verb.children)
    if doubled:
        after = [c for c in verb.children if c.dep_ in {"obj", "nsubj"} and c.i > verb.i]
        nouns = [c for c in after if c.pos_ == "NOUN"]
        if nouns:
            return nouns[0]
    return _subject(verb)


def _cause_of_origin(noun: Token, words: CauseWords) -> Token | None:
    if any(c.dep_ == "cop" for c in noun.children):
        return _subject(noun)  # "un rayo fue la causa"
    head = noun.head
    if noun.dep_ in SUBJECTS and any(c.dep_ == "cop" for c in head.children):
        return head  # "la causa fue un rayo"
    if noun.dep_ in COMPLEMENTS and _case(noun) == words.in_case:
        return _subject(head)  # "un rayo estuvo en el origen del fuego"
    if noun.dep_ == "obj" and head.lemma_.lower() in words.having_verbs:
        return _with_case(head, words.in_case) or _with_case(noun, words.in_case)
    return None
