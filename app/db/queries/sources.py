"""Outlets, topics and articles: lists, counts per outlet and per topic, refused articles."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import (
    func,
    select,
)
from sqlalchemy.orm import Session, selectinload

from app.db.models import (
    Article,
    Claim,
    ClaimTopic,
    Source,
    Topic,
)


def select_sources(session: Session) -> list[Source]:
    return list(session.scalars(select(Source).order_by(Source.name)))


def get_source_with_articles(session: Session, source_id: int) -> Source | None:
    return session.scalar(
        select(Source).where(Source.id == source_id).options(selectinload(Source.articles))
    )


def count_claims_by_source(session: Session) -> dict[int, int]:
    rows = session.execute(
        select(Article.source_id, func.count(Claim.id))
        .join(Claim, Claim.article_id == Article.id)
        .group_by(Article.source_id)
    )
    return {source_id: count for source_id, count in rows}


def count_articles_by_source(session: Session) -> dict[int, int]:
    rows = session.execute(
        select(Article.source_id, func.count(Article.id)).group_by(Article.source_id)
    )
    return {source_id: count for source_id, count in rows}


def select_topics_by_label(session: Session) -> list[Topic]:
    return list(session.scalars(select(Topic).order_by(Topic.label)))


def count_topic_claims(session: Session, source_ids: Collection[int]) -> dict[int, tuple[int, int]]:
    """Topic id -> (claims, outlets) on it among the given sources (all when none)."""
    stmt = (
        select(
            ClaimTopic.topic_id,
            func.count(func.distinct(ClaimTopic.claim_id)),
            func.count(func.distinct(Article.source_id)),
        )
        .join(Claim, Claim.id == ClaimTopic.claim_id)
        .join(Article, Article.id == Claim.article_id)
        .group_by(ClaimTopic.topic_id)
    )
    if source_ids:
        stmt = stmt.where(Article.source_id.in_(source_ids))
    return {topic_id: (claims, outlets) for topic_id, claims, outlets in session.execute(stmt)}


def get_topic(session: Session, slug: str) -> Topic | None:
    return session.scalar(select(Topic).where(Topic.slug == slug))


@dataclass(frozen=True, slots=True)
class RefusedArticle:
    """An article stored but not analysed, and why (written in another language...)."""

    article_id: int
    source_id: int
    source_name: str
    path: str
    title: str | None
    note: str


def select_refused_articles(session: Session) -> list[RefusedArticle]:
    rows = session.execute(
        select(Article.id, Source.id, Source.name, Article.path, Article.title, Article.status_note)
        .join(Source, Source.id == Article.source_id)
        .where(Article.status != "analysed")
        .order_by(Source.name, Article.id)
    )
    return [RefusedArticle(*row) for row in rows]


def select_source_articles_page(
    session: Session, source_id: int, *, limit: int, offset: int
) -> tuple[list[Article], int]:
    """One page of an outlet's articles, in the order they were stored, and how many."""
    base = select(Article).where(Article.source_id == source_id)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    stmt = base.order_by(Article.id).limit(limit).offset(offset)
    return list(session.scalars(stmt)), total
