"""An update for the report's tests: the meeting's length, 4 h or more in Source A's earlier
article and 5 h in Source B's later one, with both articles' publication times."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.db import queries
from app.db.models import Article, Claim, Finding

from .conftest import Corpus, fingerprint

EARLIER = datetime(2023, 9, 13, 8, 30, tzinfo=UTC)
LATER = datetime(2023, 9, 13, 17, 45, tzinfo=UTC)
UPDATE_EXPLANATION = "Source B's later report (5 h) updates Source A's earlier one (4 h or more)."


def add_duration_update(session_factory: sessionmaker[Session], corpus: Corpus) -> None:
    with session_factory() as session:
        for source, moment in (("Source A", EARLIER), ("Source B", LATER)):
            article = session.scalars(
                select(Article).where(Article.source_id == corpus.sources[source])
            ).one()
            article.published_at, article.published_precision = moment, "minute"
        earlier = session.get_one(Claim, corpus.claims["a_duration"])
        later = session.get_one(Claim, corpus.claims["b_duration"])
        session.add(
            Finding(
                topic_id=corpus.topics["meeting-duration"],
                kind="update",
                severity=None,
                basis="duration",
                claim_a_id=earlier.id,
                claim_b_id=later.id,
                value_a_id=earlier.values[0].id,
                value_b_id=later.values[0].id,
                explanation=UPDATE_EXPLANATION,
                fingerprint=fingerprint("meeting-duration", "update", "a", "b"),
                certainty_a="asserted",
                certainty_b="asserted",
            )
        )
        session.flush()
        queries.rank_findings(session)  # as the findings refresh does
        session.commit()
