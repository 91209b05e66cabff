"""What ingest and comparison read: stored hashes, claims to compare, cue links, keys."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import (
    func,
    select,
)
from sqlalchemy.orm import Session, selectinload

from app.db.models import (
    Article,
    Claim,
    ClaimTopic,
    DerivedState,
    Finding,
    FindingKey,
    Source,
    Topic,
)


def claim_ids_by_start(session: Session, article_id: int) -> dict[int, int]:
    """Claim ids of an article keyed by their start offset (unique within an article)."""
    rows = session.execute(select(Claim.start, Claim.id).where(Claim.article_id == article_id))
    return dict(rows.all())


def select_article_hashes(session: Session) -> set[tuple[str, str]]:
    """(outlet key, content hash) of every stored article: what ingest skips."""
    rows = session.execute(select(Source.key, Article.content_hash).join(Source))
    return {(key, content_hash) for key, content_hash in rows}


def select_sources_of_paths(session: Session, paths: Collection[str]) -> dict[str, Source]:
    """The outlet of each stored article among ``paths``."""
    if not paths:
        return {}
    rows = session.execute(select(Article.path, Source).join(Source).where(Article.path.in_(paths)))
    return {path: source for path, source in rows}


def select_claims_of_source(session: Session, source_id: int) -> list[Claim]:
    stmt = select(Claim).join(Article).where(Article.source_id == source_id).order_by(Claim.id)
    return list(session.scalars(stmt))


def source_has_articles(session: Session, source_id: int) -> bool:
    return (
        session.scalar(select(Article.id).where(Article.source_id == source_id).limit(1))
        is not None
    )


def select_topics(session: Session) -> list[Topic]:
    return list(session.scalars(select(Topic).order_by(Topic.slug)))


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim as comparison needs it: values, propositions, outlet and publication time."""

    claim: Claim
    source_name: str
    source_key: str
    published_at: datetime | None
    published_precision: str | None
    published_day: date | None  # the day as the outlet dates it (its own time zone)


def select_claims_for_comparison(session: Session) -> list[ClaimRow]:
    """Every claim of every analysed article, with its values and propositions."""
    rows = session.execute(
        select(
            Claim,
            Source.name,
            Source.key,
            Article.published_at,
            Article.published_precision,
            Article.published,
        )
        .join(Article, Article.id == Claim.article_id)
        .join(Source, Source.id == Article.source_id)
        .where(Article.status == "analysed")
        .options(selectinload(Claim.values), selectinload(Claim.propositions))
        .order_by(Claim.id)
    )
    return [ClaimRow(*row) for row in rows]


def select_cue_members(session: Session) -> dict[str, set[int]]:
    """Claims of each defined topic matched by its cues (not merged in from discovery)."""
    rows = session.execute(
        select(Topic.slug, ClaimTopic.claim_id)
        .join(ClaimTopic, ClaimTopic.topic_id == Topic.id)
        .where(Topic.origin == "defined", ClaimTopic.cues != "")
    )
    members: dict[str, set[int]] = {}
    for slug, claim_id in rows:
        members.setdefault(slug, set()).add(claim_id)
    return members


def select_cue_links(
    session: Session, topic_ids: Collection[int]
) -> dict[tuple[int, int], ClaimTopic]:
    if not topic_ids:
        return {}
    stmt = select(ClaimTopic).where(ClaimTopic.topic_id.in_(topic_ids), ClaimTopic.cues != "")
    return {(link.claim_id, link.topic_id): link for link in session.scalars(stmt)}


def count_topic_outlets(session: Session) -> dict[int, int]:
    """How many outlets have claims in each topic."""
    rows = session.execute(
        select(ClaimTopic.topic_id, func.count(func.distinct(Article.source_id)))
        .join(Claim, Claim.id == ClaimTopic.claim_id)
        .join(Article, Article.id == Claim.article_id)
        .group_by(ClaimTopic.topic_id)
    )
    return dict(rows.all())


def select_findings_by_fingerprint(session: Session) -> dict[str, Finding]:
    return {f.fingerprint: f for f in session.scalars(select(Finding))}


def select_derived_states(session: Session) -> list[DerivedState]:
    return list(session.scalars(select(DerivedState).order_by(DerivedState.step)))


def select_finding_keys(session: Session) -> dict[str, int]:
    """Every fingerprint a finding has had, with its id."""
    return dict(session.execute(select(FindingKey.fingerprint, FindingKey.finding_id)).all())
