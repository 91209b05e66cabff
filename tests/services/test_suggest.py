"""`cotejo topics suggest`: a topics.toml draft of the discovered topics that the ingest
accepts as it is, and that keeps the findings under the user's topics."""

from __future__ import annotations

import shutil
from pathlib import Path

from spacy.language import Language
from sqlalchemy import select

from app.db.models import Finding, Topic
from app.ingest.manifest import parse_topics
from app.services.ingest import ingest_paths
from app.services.suggest import suggest_topics
from tests.services.support import SEEDS, new_database


def test_the_draft_is_a_valid_topics_file_that_keeps_the_findings(
    tmp_path: Path, nlp: Language
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in [*SEEDS.glob("*.txt"), SEEDS / "sources.toml"]:
        shutil.copy(path, folder)
    discovered = new_database(tmp_path, "discovered.sqlite3")
    ingest_paths(discovered, nlp, [folder])
    with discovered() as session:
        draft = suggest_topics(session)
        found = _disagreements(session)

    topics = parse_topics(draft, "draft.toml")
    assert topics and len({t.slug for t in topics}) == len(topics)
    duration = next(t for t in topics if "duration" in t.value_kinds)
    assert duration.requires_value and {"reunión", "cumbre"} <= set(duration.cues)

    (folder / "topics.toml").write_text(draft, encoding="utf-8")
    defined = new_database(tmp_path, "defined.sqlite3")
    ingest_paths(defined, nlp, [folder])
    with defined() as session:
        origins = {t.origin for t in session.scalars(select(Topic))}
        again = _disagreements(session)
    assert "defined" in origins
    # The user's file only names what was found: the same disagreements, as many.
    assert again == found and any(kind == "conflict" for kind, _, _ in found)


def _disagreements(session) -> list[tuple]:
    rows = session.execute(
        select(Finding.kind, Finding.severity, Finding.basis).where(Finding.kind != "agreement")
    )
    return sorted((kind, severity or "", basis) for kind, severity, basis in rows)
