"""Reviews and flags: the review log, paged and filtered by source."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import (
    ColumnElement,
    Select,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from app.db.models import (
    Article,
    Claim,
    Finding,
    Flag,
    Review,
)


def _review_touches(source_ids: Collection[int]) -> ColumnElement[bool]:
    """The reviewed finding (as it is now) has a claim from one of the sources."""
    claim = aliased(Claim)
    return (
        select(Finding.id)
        .join(claim, or_(claim.id == Finding.claim_a_id, claim.id == Finding.claim_b_id))
        .join(Article, Article.id == claim.article_id)
        .where(Finding.fingerprint == Review.finding_fingerprint)
        .where(Article.source_id.in_(source_ids))
        .exists()
    )


def _flag_touches(source_ids: Collection[int]) -> ColumnElement[bool]:
    """One of the flagged claims (as it is now) comes from one of the sources."""
    return (
        select(Claim.id)
        .join(Article, Article.id == Claim.article_id)
        .where(
            or_(
                Claim.fingerprint == Flag.claim_a_fingerprint,
                Claim.fingerprint == Flag.claim_b_fingerprint,
            )
        )
        .where(Article.source_id.in_(source_ids))
        .exists()
    )


def _review_log_parts(source_ids: Collection[int]) -> tuple[Select, Select]:
    reviews = select(
        literal("review").label("type"), Review.id.label("id"), Review.created_at.label("at")
    )
    flags = select(literal("flag").label("type"), Flag.id.label("id"), Flag.created_at.label("at"))
    if source_ids:
        reviews = reviews.where(_review_touches(source_ids))
        flags = flags.where(_flag_touches(source_ids))
    return reviews, flags


def select_review_log_page(
    session: Session, *, source_ids: Collection[int] = (), limit: int, offset: int
) -> list[tuple[str, int]]:
    """One page of the review log, newest first: ("review" | "flag", row id) pairs."""
    log = union_all(*_review_log_parts(source_ids)).subquery("log")
    stmt = (
        select(log.c.type, log.c.id)
        .order_by(log.c.at.desc(), log.c.type.desc(), log.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [(kind, row_id) for kind, row_id in session.execute(stmt)]


def count_review_log(session: Session, *, source_ids: Collection[int] = ()) -> dict[str, int]:
    """Entries of the review log by verdict ("confirmed", "dismissed") and "flag"."""
    reviews, flags = _review_log_parts(source_ids)
    reviewed = reviews.subquery()
    verdicts = session.execute(
        select(Review.verdict, func.count())
        .join(reviewed, reviewed.c.id == Review.id)
        .group_by(Review.verdict)
    )
    counts = {verdict: count for verdict, count in verdicts}
    counts["flag"] = session.scalar(select(func.count()).select_from(flags.subquery())) or 0
    return counts


def select_reviews_by_ids(session: Session, ids: Collection[int]) -> list[Review]:
    if not ids:
        return []
    return list(session.scalars(select(Review).where(Review.id.in_(ids))))


def select_flags_by_ids(session: Session, ids: Collection[int]) -> list[Flag]:
    if not ids:
        return []
    return list(session.scalars(select(Flag).where(Flag.id.in_(ids))))


def select_all_reviews(session: Session) -> list[Review]:
    return list(session.scalars(select(Review).order_by(Review.id)))


def select_flags(
    session: Session,
    *,
    topic_slug: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[Flag], int]:
    base = select(Flag)
    if topic_slug:
        base = base.where(Flag.topic_slug == topic_slug)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    stmt = base.order_by(Flag.created_at.desc(), Flag.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    return list(session.scalars(stmt)), total


def find_flag(
    session: Session, topic_slug: str, fingerprints: tuple[str, str], reviewer: str
) -> Flag | None:
    return session.scalar(
        select(Flag).where(
            Flag.topic_slug == topic_slug,
            Flag.claim_a_fingerprint == fingerprints[0],
            Flag.claim_b_fingerprint == fingerprints[1],
            Flag.reviewer == reviewer,
        )
    )
