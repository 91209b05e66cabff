"""Migration 0004 on a database of the day before: outlets get keys, claims and findings new
fingerprints, and every review and flag stays on what it was made on."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from alembic import command
from spacy.language import Language
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

from app.db.models import Claim, Finding, Flag, Review, Source
from app.db.session import alembic_config, make_engine, make_session_factory, upgrade_schema
from app.services.ingest import ingest_paths
from tests.services.support import SEEDS, flag_claims_of, review


def _attached(session_factory: sessionmaker[Session]) -> tuple[dict[int, str], int, int]:
    """(finding id -> fingerprint, reviews on a finding, flags on two stored claims)."""
    with session_factory() as session:
        # Columns of 0003's findings only: later ones are not there after the downgrade.
        findings = dict(session.execute(select(Finding.id, Finding.fingerprint)).tuples().all())
        claims = set(session.scalars(select(Claim.fingerprint)))
        reviews = [
            r.finding_fingerprint in findings.values() for r in session.scalars(select(Review))
        ]
        flags = [
            {f.claim_a_fingerprint, f.claim_b_fingerprint} <= claims
            for f in session.scalars(select(Flag))
        ]
    return findings, sum(reviews), sum(flags)


def test_a_0003_database_keeps_its_reviews_and_flags(tmp_path: Path, nlp: Language) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade_schema(engine)
    session_factory = make_session_factory(engine)
    ingest_paths(session_factory, nlp, [folder])
    with session_factory() as session:
        findings = session.scalars(select(Finding).order_by(Finding.id)).all()
        for finding in findings:
            review(session, finding, "dismissed", "Ana", "")
        for finding in findings[:3]:
            flag_claims_of(session, finding, "Luis", "")
    before, reviews, flags = _attached(session_factory)
    assert (reviews, flags) == (len(findings), 3)

    config = alembic_config(engine)
    command.downgrade(config, "0003")
    assert "key" not in {c["name"] for c in inspect(engine).get_columns("sources")}
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT c.fingerprint, c.text, s.name FROM claims c JOIN articles a "
                "ON a.id = c.article_id JOIN sources s ON s.id = a.source_id"
            )
        ).all()
    # What 0003 wrote: the outlet's name and the claim's text.
    for fingerprint, claim_text, name in rows:
        normalised = " ".join(claim_text.lower().split())
        assert fingerprint == hashlib.sha1(f"{name}\x1f{normalised}".encode()).hexdigest()
    old, reviews, flags = _attached(session_factory)
    assert set(old) == set(before) and old != before and (reviews, flags) == (len(findings), 3)

    upgrade_schema(engine)
    with session_factory() as session:
        keys = dict(session.execute(select(Source.name, Source.key)).all())
    assert keys["Source A"] == "source-a" and len(set(keys.values())) == len(keys)
    assert _attached(session_factory) == (before, len(findings), 3)
    report = ingest_paths(session_factory, nlp, [folder])
    assert len(report.unchanged) == 5 and report.new_finding_ids == []
    assert _attached(session_factory) == (before, len(findings), 3)
