"""Verbs the small model tags as adjectives or nouns, or lemmatises wrongly.

After a name the tagger sometimes reads a present-tense verb as an adjective: in "la
Guardia Civil cifra en 14 los heridos" "cifra" comes out ADJ, so nothing downstream sees a
verb giving a figure, nor who gives it. A clause's root with a subject and no article
whose form is a third-person present of a verb that states or reports figures is that
verb: its part of speech and lemma are set right before the other components run. "La
cifra" (an article), "una cifra alta" (no subject) and "la marea es baja" (a copula) are
left alone.

The imperfect subjunctive, the mood of what is denied or ruled out, fares worse: "negó que
se vendieran entradas" gives the lemma "vendierar", "niega que su personal abriera la
puerta" an adjective "abriero". Such a form whose lemma is no verb the model knows, and
that acts as a verb (a subject, an object or a "que" of its own, no article), gets the
infinitive its ending and the model's own verb list agree on.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from app.nlp.data import load_language_data
from app.nlp.model_lexicon import model_lemmas

SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
MISREAD = frozenset({"ADJ", "NOUN"})
# What a verb governs and a noun or an adjective does not.
VERBAL_DEPS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "mark"})


@lru_cache(maxsize=4)
def _tables(lang: str) -> tuple[dict[str, list[str]], frozenset[str]]:
    endings = load_language_data(lang, "morphology")["present"]["endings"]
    predicates = load_language_data(lang, "values")["predicates"]
    reporting = load_language_data(lang, "attribution")["reporting"]["verbs"]
    verbs = frozenset(predicates["verbs"]) | set(predicates["source_verbs"]) | set(reporting)
    return endings, verbs


@lru_cache(maxsize=4)
def _subjunctive_endings(lang: str) -> tuple[tuple[str, list[str]], ...]:
    endings = load_language_data(lang, "morphology")["subjunctive"]["endings"]
    # Longest first: "ieran" before "aran" before "ara".
    return tuple(sorted(endings.items(), key=lambda item: -len(item[0])))


def repaired_lemma(token: Token) -> str | None:
    """The infinitive a mis-tagged present form stands for, or None."""
    if token.pos_ not in MISREAD or token.dep_ != "ROOT":
        return None
    deps = {c.dep_ for c in token.children}
    if deps & {"det", "cop", "amod"} or not deps & SUBJECTS:
        return None  # "la cifra", "es baja", "alerta roja": a noun or an adjective
    subject = next(c for c in token.children if c.dep_ in SUBJECTS)
    if "Plur" in subject.morph.get("Number"):
        return None  # the forms tried are singular: "los vecinos cifra máxima" is no verb
    endings, verbs = _tables(token.doc.lang_)
    form = token.lower_
    for ending, infinitives in endings.items():
        if form.endswith(ending) and len(form) > len(ending):
            stem = form[: -len(ending)]
            for infinitive in infinitives:
                if stem + infinitive in verbs:
                    return stem + infinitive
    return None


def repaired_subjunctive(token: Token, known_verbs: Collection[str]) -> tuple[str, str] | None:
    """(infinitive, ending) of an imperfect subjunctive the model got wrong, or None."""
    if token.lemma_.lower() in known_verbs:
        return None  # "provocara" -> "provocar": right already
    # A lowercase word tagged as a name is no name ("que la rotura existiera": PROPN).
    misread = token.pos_ in MISREAD or (token.pos_ == "PROPN" and token.is_lower)
    if misread:
        deps = {c.dep_ for c in token.children}
        if "det" in deps or not deps & VERBAL_DEPS:
            return None  # "la máscara", "una vara larga": nouns
    elif token.pos_ not in {"VERB", "AUX"}:
        return None
    form = token.lower_
    for ending, infinitives in _subjunctive_endings(token.doc.lang_):
        stem = form[: -len(ending)]
        if not form.endswith(ending) or len(stem) < 2:
            continue
        for infinitive in infinitives:
            if stem + infinitive in known_verbs:
                return stem + infinitive, ending
    return None


@Language.factory(
    "cotejo_verb_repair",
    requires=["token.pos", "token.dep", "token.lemma"],
    assigns=["token.pos", "token.lemma", "token.morph"],
)
def make_verb_repair(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    known_verbs = model_lemmas(nlp, "verb")

    def repair_verbs(doc: Doc) -> Doc:
        for token in doc:
            lemma = repaired_lemma(token)
            if lemma is not None:
                token.pos_ = "VERB"
                token.lemma_ = lemma
                continue
            subjunctive = repaired_subjunctive(token, known_verbs)
            if subjunctive is not None:
                lemma, ending = subjunctive
                number = "Plur" if ending.endswith("n") else "Sing"
                token.pos_ = "AUX" if token.pos_ == "AUX" else "VERB"
                token.lemma_ = lemma
                token.set_morph(f"Mood=Sub|Number={number}|Person=3|Tense=Imp|VerbForm=Fin")
        return doc

    return repair_verbs
