"""Claims as cards show them (values, topics, article and outlet loaded up front), their
sentences, their topic links and certainties, and pages of them."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import (
    Select,
    Text,
    cast,
    func,
    select,
)
from sqlalchemy.orm import Session, selectinload

from app.db.models import (
    Article,
    Claim,
    ClaimTopic,
    ClaimValue,
    Sentence,
    Source,
    Topic,
)


def claim_card_options() -> tuple:
    # Everything a claim card shows, loaded up front: no lazy loads in templates. The
    # article (whose text gives the sentence around the claim) is loaded once per article,
    # not joined into every claim row.
    return (
        selectinload(Claim.values),
        selectinload(Claim.topics),
        selectinload(Claim.article).joinedload(Article.source),
    )


@dataclass(frozen=True, slots=True)
class TopicClaim:
    """A claim's membership in a topic, with the claim's source for grouping."""

    topic_id: int
    source_id: int
    score: int
    claim: Claim
    certainty: str  # of what the claim says about this topic


def select_topic_claim_links(
    session: Session, *, source_ids: Collection[int] = (), topic_id: int | None = None
) -> list[TopicClaim]:
    """Claim–topic links (optionally one topic, optionally some sources), claims loaded."""
    stmt = (
        select(
            ClaimTopic.topic_id, Article.source_id, ClaimTopic.score, Claim, ClaimTopic.certainty
        )
        .join(Claim, Claim.id == ClaimTopic.claim_id)
        .join(Article, Article.id == Claim.article_id)
        .options(*claim_card_options())
        .order_by(Article.source_id, Claim.article_id, Claim.start)
    )
    if source_ids:
        stmt = stmt.where(Article.source_id.in_(source_ids))
    if topic_id is not None:
        stmt = stmt.where(ClaimTopic.topic_id == topic_id)
    return [TopicClaim(*row) for row in session.execute(stmt)]


def select_article_claims(session: Session, article_ids: Collection[int]) -> list[Claim]:
    stmt = (
        select(Claim)
        .where(Claim.article_id.in_(article_ids))
        .options(*claim_card_options())
        .order_by(Claim.article_id, Claim.start)
    )
    return list(session.scalars(stmt))


def get_claim(session: Session, claim_id: int) -> Claim | None:
    return session.scalar(select(Claim).where(Claim.id == claim_id).options(*claim_card_options()))


def select_claims_by_ids(session: Session, ids: Collection[int]) -> list[Claim]:
    stmt = select(Claim).where(Claim.id.in_(ids)).options(*claim_card_options()).order_by(Claim.id)
    return list(session.scalars(stmt))


def select_claims_by_fingerprints(session: Session, fingerprints: Collection[str]) -> list[Claim]:
    stmt = (
        select(Claim)
        .where(Claim.fingerprint.in_(fingerprints))
        .options(*claim_card_options())
        .order_by(Claim.id)
    )
    return list(session.scalars(stmt))


def _claims_filter(
    stmt: Select, source_ids: Collection[int], topic_slug: str | None, certainty: str | None
) -> Select:
    if source_ids:
        stmt = stmt.where(Article.source_id.in_(source_ids))
    if topic_slug:
        in_topic = (
            select(ClaimTopic.claim_id)
            .join(Topic, Topic.id == ClaimTopic.topic_id)
            .where(Topic.slug == topic_slug)
        )
        stmt = stmt.where(Claim.id.in_(in_topic))
    if certainty:
        stmt = stmt.where(Claim.certainty == certainty)
    return stmt


def select_claims_page(
    session: Session,
    *,
    source_ids: Collection[int] = (),
    topic_slug: str | None = None,
    certainty: str | None = None,
    limit: int,
    offset: int,
) -> tuple[list[Claim], int]:
    """One page of claims matching the filters, and the total count."""
    base = select(Claim).join(Article, Article.id == Claim.article_id)
    base = _claims_filter(base, source_ids, topic_slug, certainty)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    stmt = (
        base.options(*claim_card_options())
        .order_by(Article.source_id, Claim.article_id, Claim.start)
        .limit(limit)
        .offset(offset)
    )
    return list(session.scalars(stmt)), total


def select_sentences(session: Session, ids: Collection[int]) -> dict[int, Sentence]:
    if not ids:
        return {}
    return {s.id: s for s in session.scalars(select(Sentence).where(Sentence.id.in_(ids)))}


def is_claim_in_topic(session: Session, claim_id: int, topic_id: int) -> bool:
    stmt = select(ClaimTopic.claim_id).where(
        ClaimTopic.claim_id == claim_id, ClaimTopic.topic_id == topic_id
    )
    return session.scalar(stmt) is not None


def select_topic_certainties_of_claims(
    session: Session, claim_ids: Collection[int]
) -> dict[int, dict[int, str]]:
    """Claim id -> topic id -> the certainty of what the claim says about that topic."""
    if not claim_ids:
        return {}
    rows = session.execute(
        select(ClaimTopic.claim_id, ClaimTopic.topic_id, ClaimTopic.certainty).where(
            ClaimTopic.claim_id.in_(claim_ids)
        )
    )
    found: dict[int, dict[int, str]] = {}
    for claim_id, topic_id, certainty in rows:
        found.setdefault(claim_id, {})[topic_id] = certainty
    return found


def select_topic_claims_page(
    session: Session,
    *,
    topic_slug: str,
    source_ids: Collection[int] = (),
    certainty: str | None = None,
    limit: int,
    offset: int,
) -> tuple[list[Claim], int]:
    """One page of a topic's claims; ``certainty`` is what they say about that topic."""
    base = _topic_claims(Topic.slug == topic_slug, source_ids).join(
        Topic, Topic.id == ClaimTopic.topic_id
    )
    if certainty:
        base = base.where(ClaimTopic.certainty == certainty)
    order = (Article.source_id, Claim.article_id, Claim.start)
    return _claim_page(session, base, order, limit, offset)


def _topic_claims(where, source_ids: Collection[int]) -> Select:
    base = (
        select(Claim)
        .join(Article, Article.id == Claim.article_id)
        .join(ClaimTopic, ClaimTopic.claim_id == Claim.id)
        .where(where)
    )
    return base.where(Article.source_id.in_(source_ids)) if source_ids else base


def _claim_page(
    session: Session, base: Select, order: tuple, limit: int, offset: int
) -> tuple[list[Claim], int]:
    """The page of ``base``'s claims in ``order``, and how many there are in all."""
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    stmt = base.options(*claim_card_options()).order_by(*order).limit(limit).offset(offset)
    return list(session.scalars(stmt)), total


def count_event_scopes(session: Session) -> dict[str, int]:
    """How many values carry each "event:<event>" scope term: the most frequent is the event
    the corpus is about, which the dashboard need not repeat on every value."""
    rows = session.scalars(
        select(ClaimValue.scope).where(cast(ClaimValue.scope, Text).like('%"event:%'))
    )
    counts: dict[str, int] = {}
    for scope in rows:
        for term in scope or ():
            if isinstance(term, str) and term.startswith("event:"):
                counts[term] = counts.get(term, 0) + 1
    return counts


def select_topic_claims_by_outlet(
    session: Session, *, topic_id: int, source_ids: Collection[int] = (), limit: int, offset: int
) -> tuple[list[Claim], int]:
    """One page of a topic's claims in the order its page shows them (by outlet name, then
    article and position), and how many there are from those sources."""
    base = _topic_claims(ClaimTopic.topic_id == topic_id, source_ids).join(
        Source, Source.id == Article.source_id
    )
    order = (Source.name, Source.id, Claim.article_id, Claim.start)
    return _claim_page(session, base, order, limit, offset)


def count_topic_links(session: Session, topic_id: int) -> int:
    """Claims of a topic from any source."""
    stmt = select(func.count()).select_from(ClaimTopic).where(ClaimTopic.topic_id == topic_id)
    return session.scalar(stmt) or 0
