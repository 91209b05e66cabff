"""The words the model's rule lemmatizer knows, by part of speech (its ``lemma_index``
table): a list of Spanish verbs and common nouns that ships with the model, so that no
word list of our own has to say whether "abrir" is a verb or "gobierno" a common noun."""

from __future__ import annotations

from spacy.language import Language


def model_lemmas(nlp: Language, pos: str) -> frozenset[str]:
    """Lemmas of ``pos`` ("verb", "noun") the lemmatizer lists; empty when it has none."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get(pos) or ())
