"""Fixtures for engine tests: real SQLite files migrated by Alembic, the real spaCy pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from app.services.ingest import ingest_paths
from tests.services.support import SEEDS, Ingested, export_of, new_database


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Ingested:
    """seeds/ ingested once for the whole run; tests must only read it."""
    session_factory = new_database(tmp_path_factory.mktemp("seeded"))
    report = ingest_paths(session_factory, nlp, [SEEDS])
    return Ingested(session_factory, report, export_of(session_factory))
