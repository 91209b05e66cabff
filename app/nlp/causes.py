"""What a clause says caused what, however it is worded.

"un cortocircuito provocó el fuego", "el fuego fue causado por un cortocircuito", "se
debió a un cortocircuito", "fue consecuencia de un cortocircuito", "un cortocircuito
estuvo en el origen del fuego": each names the cortocircuito as the cause of the fuego.
The proposition reader (app/nlp/propositions.py) states them all as one proposition,
``cause@fire>cortocircuito``, and the comparison lets the effect stand for the story's
event where it names it (app/compare/discover.py), so that an outlet asserting the cause
and another reporting it ruled out meet however each phrased it; a cause of something
else ("la crecida provocó el corte de la carretera") stays apart. The word lists are
language data (concepts.toml, ``[causes]``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from app.nlp.concepts import lemma_of
from app.nlp.data import load_language_data

SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
COMPLEMENTS = frozenset({"obl", "obj", "nmod", "iobj"})
CLAUSES_ON_NOUNS = frozenset({"acl", "acl:relcl"})


@dataclass(frozen=True, slots=True)
class CauseWords:
    verbs: frozenset[str]
    to_verbs: frozenset[str]
    reflexive_only: frozenset[str]
    reflexives: frozenset[str]
    of_nouns: frozenset[str]
    of_markers: frozenset[str]
    origin_nouns: frozenset[str]
    having_verbs: frozenset[str]
    to_cases: frozenset[str]
    of_cases: frozenset[str]
    by_cases: frozenset[str]
    in_cases: frozenset[str]
    none_determiners: frozenset[str]
    markers: frozenset[str]
    passive_auxiliaries: frozenset[str]
    clitics: frozenset[str]


@dataclass(frozen=True, slots=True)
class Causation:
    cause: Token
    effect: Token | None  # None when the clause leaves it out or gives a pronoun
    # The word whose certainty the statement has, when not the causal word itself: in "la
    # causa fue un rayo" the clause is "fue un rayo" (a subject is a statement of its own).
    predicate: Token | None = None


@lru_cache(maxsize=4)
def cause_words(lang: str) -> CauseWords:
    data = load_language_data(lang, "concepts")["causes"]
    return CauseWords(**{name: frozenset(data[name]) for name in CauseWords.__slots__})


def _case(token: Token) -> str:
    return next((c.lower_ for c in token.children if c.dep_ == "case"), "")


def _with_case(token: Token, cases: frozenset[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in COMPLEMENTS and _case(c) in cases), None)


def _subject(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ in SUBJECTS), None)


def _object(verb: Token, words: CauseWords) -> Token | None:
    return next(
        (c for c in verb.children if c.dep_ == "obj" and c.lower_ not in words.clitics), None
    )


def _passive(verb: Token, words: CauseWords) -> bool:
    return "Part" in verb.morph.get("VerbForm") and any(
        c.dep_ in {"aux", "aux:pass"} and c.lemma_.lower() in words.passive_auxiliaries
        for c in verb.children
    )


def _reflexive(verb: Token, words: CauseWords) -> bool:
    """ "se debió", "podría deberse", "podría haberse debido": the clitic may stand alone or
    be glued to the infinitive or its auxiliary."""
    if any(c.lower_ in words.reflexives for c in verb.children):
        return True
    glued = [verb, *(c for c in verb.children if c.dep_ == "aux")]
    return any(
        "Inf" in t.morph.get("VerbForm") and t.lower_.endswith(tuple(words.reflexives))
        for t in glued
    )


def _marker(token: Token) -> str:
    """ "debido a", "a causa de": a case word with the words fixed to it."""
    parts = [c for c in token.children if c.dep_ == "case"]
    words = [w for p in parts for w in (p, *(f for f in p.children if f.dep_ == "fixed"))]
    return " ".join(w.lower_ for w in sorted(words, key=lambda w: w.i))


def causation(token: Token, words: CauseWords) -> Causation | None:
    """The cause and the effect, when ``token`` is the word stating causation."""
    lemma = lemma_of(token)  # "deberse" is "deber él"
    if token.pos_ in {"NOUN", "PROPN"} and _marker(token) in words.markers:
        # "el incendio podría haberse debido a una colilla", "se retrasó debido a la niebla"
        head = token.head
        effect = head if head.pos_ == "NOUN" else _subject(head)
        return Causation(token, effect)
    if token.pos_ in {"VERB", "AUX"} and lemma in words.verbs:
        return _of_causing_verb(token, words)
    if token.pos_ in {"VERB", "AUX"} and lemma in words.to_verbs:
        if lemma in words.reflexive_only and not _reflexive(token, words):
            return None
        cause = _with_case(token, words.to_cases)
        # "se debió a X": the effect is the subject; "atribuyó la subida a X", the object.
        effect = _object(token, words) if lemma not in words.reflexive_only else None
        return _found(cause, effect or _subject(token))
    if token.pos_ == "NOUN" and lemma in words.of_nouns:
        copula = any(c.dep_ == "cop" for c in token.children)
        if not copula and _case(token) not in words.of_markers:
            return None
        effect = _subject(token) if copula else _subject(token.head)
        return _found(_with_case(token, words.of_cases), effect)
    if token.pos_ == "NOUN" and lemma in words.origin_nouns:
        return _of_origin(token, words)
    return None


def _found(cause: Token | None, effect: Token | None) -> Causation | None:
    return Causation(cause, effect) if cause is not None else None


def _of_causing_verb(verb: Token, words: CauseWords) -> Causation | None:
    if _passive(verb, words):
        return _found(_with_case(verb, words.by_cases), _subject(verb))  # "fue provocado por"
    if verb.dep_ in CLAUSES_ON_NOUNS and any(
        "Rel" in c.morph.get("PronType") for c in verb.children
    ):
        # "el incendio que provocó el cortocircuito": which caused which, the parser cannot
        # tell (a subject often follows the verb), so neither is said.
        return None
    # "el fuego lo provocó una bengala": the object is doubled by a clitic, so the word
    # after the verb is its subject, whatever the parser made of it.
    if any(c.dep_ == "obj" and c.lower_ in words.clitics for c in verb.children):
        after = [c for c in verb.children if c.dep_ in {"obj", "nsubj"} and c.i > verb.i]
        if after:
            before = [c for c in verb.children if c.dep_ in SUBJECTS and c.i < verb.i]
            return _found(after[0], before[0] if before else None)
    return _found(_subject(verb), _object(verb, words))


def _of_origin(noun: Token, words: CauseWords) -> Causation | None:
    effect = _with_case(noun, words.of_cases)  # "la causa del fuego", "el origen del fuego"
    if any(c.dep_ == "cop" for c in noun.children):
        return _found(_subject(noun), effect)  # "un rayo fue la causa del fuego"
    head = noun.head
    if noun.dep_ in SUBJECTS and any(c.dep_ == "cop" for c in head.children):
        return Causation(head, effect, head)  # "la causa del fuego fue un rayo"
    if noun.dep_ in COMPLEMENTS and _case(noun) in words.in_cases:
        return _found(_subject(head), effect)  # "un rayo estuvo en el origen del fuego"
    if noun.dep_ == "obj" and head.lemma_.lower() in words.having_verbs:
        # "el fuego tuvo su origen en un rayo"
        cause = _with_case(head, words.in_cases) or _with_case(noun, words.in_cases)
        return _found(cause, _subject(head))
    return None


def ruled_out(cause: Token, words: CauseWords) -> bool:
    """ "ningún cortocircuito provocó el fuego": the cause is denied by its determiner."""
    return any(c.dep_ == "det" and c.lower_ in words.none_determiners for c in cause.children)
