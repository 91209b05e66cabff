"""Verbs the small model tags as adjectives or nouns.

After a name the tagger sometimes reads a present-tense verb as an adjective: in "la
Guardia Civil cifra en 14 los heridos" "cifra" comes out ADJ, so nothing downstream sees a
verb giving a figure, nor who gives it. A clause's root with a subject and no article
whose form is a third-person present of a verb that states or reports figures is that
verb: its part of speech and lemma are set right before the other components run. "La
cifra" (an article), "una cifra alta" (no subject) and "la marea es baja" (a copula) are
left alone.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from app.nlp.data import load_language_data

SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
MISREAD = frozenset({"ADJ", "NOUN"})


@lru_cache(maxsize=4)
def _tables(lang: str) -> tuple[dict[str, list[str]], frozenset[str]]:
    endings = load_language_data(lang, "morphology")["present"]["endings"]
    predicates = load_language_data(lang, "values")["predicates"]
    reporting = load_language_data(lang, "attribution")["reporting"]["verbs"]
    verbs = frozenset(predicates["verbs"]) | set(predicates["source_verbs"]) | set(reporting)
    return endings, verbs


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


@Language.component(
    "cotejo_verb_repair",
    requires=["token.pos", "token.dep", "token.lemma"],
    assigns=["token.pos", "token.lemma"],
)
def repair_verbs(doc: Doc) -> Doc:
    for token in doc:
        lemma = repaired_lemma(token)
        if lemma is not None:
            token.pos_ = "VERB"
            token.lemma_ = lemma
    return doc
