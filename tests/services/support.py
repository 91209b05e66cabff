"""Helpers for engine tests: real databases (SQLite files, or PostgreSQL) migrated by
Alembic, ingested with real spaCy."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from sqlalchemy.orm import Session, sessionmaker

from app.config import ROOT
from app.db.models import Finding
from app.db.session import open_database
from app.ingest.manifest import SourceEntry
from app.services.export import build_export
from app.services.ingest import IngestReport, ingest_entry
from app.services.review import record_flag, record_review
from tests.databases import database_url

SEEDS = ROOT / "seeds"


def new_database(folder: Path, name: str = "cotejo.sqlite3") -> sessionmaker[Session]:
    return open_database(database_url(folder, name))


def ingest_text(
    session_factory: sessionmaker[Session],
    nlp: Language,
    *,
    source_name: str,
    text: str | bytes,
    filename: str | None = None,
    language: str = "es",
) -> IngestReport:
    """One text as the upload form passes it on: under its outlet, with no date or URL."""
    entry = SourceEntry(filename or "pasted text", source_name, language, None, None)
    return ingest_entry(session_factory, nlp, entry=entry, text=text, filename=filename)


def url_of(session_factory: sessionmaker[Session]) -> str:
    """The URL of a test database, for a CLI run or a server on the same database."""
    return session_factory.kw["bind"].url.render_as_string(hide_password=False)


def review(session: Session, finding: Finding, verdict: str, reviewer: str, note: str = ""):
    """A user's verdict on a finding as it is shown (its id and fingerprint)."""
    return record_review(
        session,
        finding_id=finding.id,
        fingerprint=finding.fingerprint,
        verdict=verdict,
        reviewer=reviewer,
        note=note,
    )


def flag_claims_of(session: Session, finding: Finding, reviewer: str, note: str = ""):
    """A user's flag on the two claims of a finding."""
    return record_flag(
        session,
        topic_slug=finding.topic.slug,
        claim_id=finding.claim_a_id,
        other_claim_id=finding.claim_b_id,
        reviewer=reviewer,
        note=note,
    )


def export_of(session_factory: sessionmaker[Session]) -> dict[str, Any]:
    with session_factory() as session:
        return build_export(session)


@dataclass
class Ingested:
    session_factory: sessionmaker[Session]
    report: IngestReport
    export: dict[str, Any]


# A sentence ends at . ! ? (or a closing quote after one) followed by a capital or an opening
# quote; good enough for reordering the seed articles, which use no abbreviations there.
_SENTENCE_END = re.compile(r"(?<=[.!?»”\"])\s+(?=[«“\"¿¡A-ZÁÉÍÓÚÑ])")


def shuffle_sentences(text: str, rng: random.Random) -> str:
    """The same sentences in another order: lines shuffled, and sentences within a line."""
    lines = [line for line in text.split("\n") if line.strip()]
    shuffled = []
    for line in lines:
        sentences = _SENTENCE_END.split(line.strip())
        rng.shuffle(sentences)
        shuffled.append(" ".join(sentences))
    rng.shuffle(shuffled)
    return "\n".join(shuffled) + "\n"


def finding_signature(export: dict[str, Any]) -> set[tuple]:
    """Findings described without ids, paths or order: what must survive renames/reorders."""
    names = {s["id"]: s["name"] for s in export["sources"]}
    claims = {c["id"]: c for c in export["claims"]}
    signature = set()
    for f in export["findings"]:
        pair = tuple(
            sorted(
                (names[claims[i]["source_id"]], " ".join(claims[i]["text"].split()))
                for i in f["claim_ids"]
            )
        )
        signature.add((f["topic"], f["kind"], f["severity"], f["basis"], pair))
    return signature
