"""Derived data follows its inputs with no article changed: topics.toml edited or removed,
a new engine. Real SQLite files, the real pipeline, the real app factory."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from spacy.language import Language
from sqlalchemy import delete, update

from app.config import Settings
from app.db.models import ClaimTopic, DerivedState
from app.services.derived import TOPIC_MATCH
from app.services.engine_version import engine_version, installed_model
from app.services.ingest import engine_of, ingest_paths
from app.web.app import create_app
from tests.services.support import SEEDS, export_of, finding_signature, new_database, url_of


def copy_seeds(folder: Path) -> Path:
    shutil.copytree(SEEDS, folder)
    return folder


def claim_topics(export: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """Each claim's topics, named by outlet and text (ids and paths differ between runs)."""
    names = {s["id"]: s["name"] for s in export["sources"]}
    return sorted((names[c["source_id"]], c["text"], c["topics"]) for c in export["claims"])


def topics(export: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(t["slug"], t["status"], t["origin"]) for t in export["topics"]]


def test_removing_topics_toml_leaves_what_an_ingest_without_it_gives(
    tmp_path: Path, nlp: Language
) -> None:
    folder = copy_seeds(tmp_path / "corpus")
    session_factory = new_database(tmp_path)
    ingest_paths(session_factory, nlp, [folder])
    assert "defined" in {origin for _s, _st, origin in topics(export_of(session_factory))}
    without = copy_seeds(tmp_path / "without")
    (without / "topics.toml").unlink()
    clean = new_database(tmp_path, "clean.sqlite3")
    ingest_paths(clean, nlp, [without])

    (folder / "topics.toml").unlink()
    report = ingest_paths(session_factory, nlp, [folder])

    assert len(report.unchanged) == 5
    after, expected = export_of(session_factory), export_of(clean)
    assert topics(after) == topics(expected)
    assert claim_topics(after) == claim_topics(expected)
    assert finding_signature(after) == finding_signature(expected)


def test_a_topic_taken_out_of_topics_toml_is_deleted_and_the_others_stay(
    tmp_path: Path, nlp: Language
) -> None:
    folder = copy_seeds(tmp_path / "corpus")
    session_factory = new_database(tmp_path)
    ingest_paths(session_factory, nlp, [folder])
    before = {slug for slug, _status, origin in topics(export_of(session_factory))}
    assert {"meeting-date", "meeting-duration"} <= before
    manifest = folder / "topics.toml"
    text = manifest.read_text(encoding="utf-8")
    start = text.index('[[topic]]\nslug = "meeting-date"')
    manifest.write_text(text[:start] + text[text.index("[[topic]]", start + 1) :], "utf-8")

    ingest_paths(session_factory, nlp, [folder])

    after = export_of(session_factory)
    slugs = {slug for slug, _status, _origin in topics(after)}
    assert "meeting-date" not in slugs
    assert "meeting-duration" in slugs
    assert not [c for c in after["claims"] if "meeting-date" in c["topics"]]
    assert not [f for f in after["findings"] if f["topic"] == "meeting-date"]


def _as_if_matched_by_another_engine(session_factory) -> None:
    """What an older engine may have left: other links, and its own version on record."""
    with session_factory.begin() as session:
        session.execute(delete(ClaimTopic))
        session.execute(
            update(DerivedState)
            .where(DerivedState.step == TOPIC_MATCH)
            .values(computed_with="an-older-engine 0123456789")
        )


def test_a_new_engine_re_matches_on_an_ingest_where_nothing_changed(
    tmp_path: Path, nlp: Language
) -> None:
    session_factory = new_database(tmp_path)
    ingest_paths(session_factory, nlp, [SEEDS])
    expected = export_of(session_factory)
    _as_if_matched_by_another_engine(session_factory)
    said: list[str] = []

    report = ingest_paths(session_factory, nlp, [SEEDS], notice=said.append)

    assert len(report.unchanged) == 5
    assert said == ["re-matching the stored claims to their topics: the engine changed..."]
    assert export_of(session_factory) == expected


def test_a_new_engine_re_matches_at_server_start(tmp_path: Path, nlp: Language) -> None:
    session_factory = new_database(tmp_path)
    ingest_paths(session_factory, nlp, [SEEDS])
    expected = export_of(session_factory)
    _as_if_matched_by_another_engine(session_factory)
    settings = Settings(database_url=url_of(session_factory))
    said: list[str] = []

    create_app(settings, notice=said.append)

    assert said == ["re-matching the stored claims to their topics: the engine changed..."]
    assert export_of(session_factory) == expected


def test_the_server_reads_the_engine_version_an_ingest_records(
    tmp_path: Path, nlp: Language
) -> None:
    # Read without loading spaCy, the server's version must be the ingest's, or every start
    # after an ingest would re-match the whole corpus.
    assert engine_version(installed_model(Settings().spacy_model)) == engine_of(nlp)
    session_factory = new_database(tmp_path)
    ingest_paths(session_factory, nlp, [SEEDS])
    said: list[str] = []

    create_app(Settings(database_url=url_of(session_factory)), notice=said.append)

    assert said == []
