"""A finding's stored urgency orders findings exactly as the pages' former ORDER BY did
(kind, severity, values before certainty, topic label, slot, id), and stays so when
findings come and go and when a topic is relabelled."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from sqlalchemy import case, select
from sqlalchemy.orm import Session

from app.db import queries
from app.db.models import Finding, Topic
from app.db.queries import FindingFilter
from app.services.ingest import ingest_paths
from tests.services.support import SEEDS, Ingested, ingest_text, new_database


def _sorted_as_before(session: Session) -> list[int]:
    """The ORDER BY select_findings_in_order used before urgency was stored."""
    kind = case(
        {"conflict": 0, "dispute": 1, "update": 2, "agreement": 3}, value=Finding.kind, else_=4
    )
    severity = case({"hard": 0, "soft": 1}, value=Finding.severity, else_=2)
    return list(
        session.scalars(
            select(Finding.id)
            .join(Topic, Topic.id == Finding.topic_id)
            .order_by(
                kind, severity, Finding.basis == "certainty", Topic.label, Finding.slot, Finding.id
            )
        )
    )


def _by_urgency(session: Session) -> list[int]:
    return list(session.scalars(select(Finding.id).order_by(Finding.urgency)))


def _assert_ranked(session: Session) -> None:
    expected = _sorted_as_before(session)
    assert expected
    assert _by_urgency(session) == expected
    urgencies = list(session.scalars(select(Finding.urgency)))
    assert len(set(urgencies)) == len(urgencies)  # no ties: the order is the stored one
    rows, total = queries.select_findings_in_order(session, FindingFilter())
    assert [f.id for f, _ in rows] == expected and total == len(expected)


def test_the_seeds_findings_are_ranked_as_the_old_order(seeded: Ingested) -> None:
    with seeded.session_factory() as session:
        _assert_ranked(session)
        kinds = {f.kind for f in session.scalars(select(Finding))}
        assert len(kinds) > 1  # the order means something


def test_urgency_follows_new_findings_and_relabelled_topics(tmp_path: Path, nlp: Language) -> None:
    session_factory = new_database(tmp_path)
    ingest_paths(session_factory, nlp, [SEEDS])
    ingest_text(
        session_factory,
        nlp,
        source_name="Late Outlet",
        text="La reunión de los dos líderes duró tres horas, según la agencia estatal.",
    )
    with session_factory() as session:
        _assert_ranked(session)
    # A topic renamed so that its findings move: the ranks follow once they are redone.
    with session_factory.begin() as session:
        labels = sorted({t.label for t in session.scalars(select(Topic))})
        topic = session.scalars(select(Topic).where(Topic.label == labels[-1])).one()
        topic.label = "0 " + topic.label
        session.flush()
        queries.rank_findings(session)
    with session_factory() as session:
        _assert_ranked(session)
