"""Grouped counts for the overview, its matrix and a topic's summary: one row per topic,
per (topic, outlet) or per (slot, kind), computed by the database, never a row per claim."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from app.db.models import Article, Claim, ClaimTopic, ClaimValue, Finding
from app.db.queries.findings import between_outlets, state_column


@dataclass(frozen=True, slots=True)
class FindingTally:
    """How many findings of one topic have a kind, severity and review state."""

    topic_id: int
    kind: str
    severity: str | None
    state: str
    count: int


def count_findings_by_topic(
    session: Session, source_ids: Collection[int] = (), *, topic_id: int | None = None
) -> list[FindingTally]:
    """Findings counted by topic, kind, severity and review state (between the sources)."""
    base, state = state_column()
    stmt, _a, _b = between_outlets(base, source_ids)
    if topic_id is not None:
        stmt = stmt.where(Finding.topic_id == topic_id)
    group = (Finding.topic_id, Finding.kind, Finding.severity, state)
    stmt = stmt.with_only_columns(*group, func.count(Finding.id)).group_by(*group)
    return [FindingTally(*row) for row in session.execute(stmt)]


def select_finding_involvement(
    session: Session, source_ids: Collection[int] = ()
) -> set[tuple[int, int, str]]:
    """(topic id, outlet id, kind) for every kind of finding an outlet takes part in."""
    sides = []
    for side in (0, 1):
        stmt, source_a, source_b = between_outlets(select(Finding.topic_id), source_ids)
        source = source_a if side == 0 else source_b
        sides.append(stmt.with_only_columns(Finding.topic_id, source, Finding.kind).distinct())
    return {(t, s, k) for t, s, k in session.execute(union(*sides))}


@dataclass(frozen=True, slots=True)
class OutletOnTopic:
    """What one outlet says on one topic: how many of its claims, the first of them (in
    article order) and the best (highest score, earliest) with its certainty on the topic."""

    topic_id: int
    source_id: int
    claims: int
    first_text: str
    best_claim_id: int
    best_certainty: str


def select_outlets_on_topics(
    session: Session, source_ids: Collection[int] = ()
) -> list[OutletOnTopic]:
    """One row per (topic, outlet) with claims on it, ranked in SQL by window functions."""
    partition = (ClaimTopic.topic_id, Article.source_id)
    ranked = (
        select(
            ClaimTopic.topic_id,
            Article.source_id,
            Claim.id.label("claim_id"),
            Claim.text,
            ClaimTopic.certainty,
            func.count().over(partition_by=partition).label("claims"),
            func.row_number()
            .over(partition_by=partition, order_by=(Claim.article_id, Claim.start))
            .label("first"),
            func.row_number()
            .over(
                partition_by=partition,
                order_by=(ClaimTopic.score.desc(), Claim.start, Claim.article_id),
            )
            .label("best"),
        )
        .join(Claim, Claim.id == ClaimTopic.claim_id)
        .join(Article, Article.id == Claim.article_id)
    )
    if source_ids:
        ranked = ranked.where(Article.source_id.in_(source_ids))
    r = ranked.subquery("ranked")
    rows = session.execute(
        select(r.c.topic_id, r.c.source_id, r.c.claims, r.c.text, r.c.claim_id, r.c.certainty)
        .where((r.c.first == 1) | (r.c.best == 1))
        .add_columns(r.c.first, r.c.best)
    )
    found: dict[tuple[int, int], dict] = {}
    for topic_id, source_id, claims, text, claim_id, certainty, first, best in rows:
        cell = found.setdefault((topic_id, source_id), {"claims": claims})
        if first == 1:
            cell["first_text"] = text
        if best == 1:
            cell["best_claim_id"], cell["best_certainty"] = claim_id, certainty
    return [OutletOnTopic(t, s, **cell) for (t, s), cell in found.items()]


def select_values_of_claims(
    session: Session, claim_ids: Collection[int]
) -> dict[int, list[ClaimValue]]:
    """Claim id -> its values in text order."""
    if not claim_ids:
        return {}
    found: dict[int, list[ClaimValue]] = {}
    stmt = (
        select(ClaimValue)
        .where(ClaimValue.claim_id.in_(claim_ids))
        .order_by(ClaimValue.claim_id, ClaimValue.start)
    )
    for value in session.scalars(stmt):
        found.setdefault(value.claim_id, []).append(value)
    return found


def count_linked_claims(session: Session, source_ids: Collection[int] = ()) -> int:
    """Claims on at least one topic (from the given sources)."""
    stmt = select(func.count(func.distinct(ClaimTopic.claim_id))).join(
        Claim, Claim.id == ClaimTopic.claim_id
    )
    if source_ids:
        stmt = stmt.join(Article, Article.id == Claim.article_id).where(
            Article.source_id.in_(source_ids)
        )
    return session.scalar(stmt) or 0
