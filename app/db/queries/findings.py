"""Findings with their review state, filtered and in order of urgency, and light rows of
them for counting."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Select,
    case,
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from app.db.models import (
    Article,
    Claim,
    Finding,
    Review,
    Topic,
)
from app.db.queries.claims import claim_card_options


def _latest_review_ids() -> Select:
    # Review ids grow with time, so the highest id per fingerprint is the newest verdict.
    return select(
        Review.finding_fingerprint.label("fingerprint"), func.max(Review.id).label("review_id")
    ).group_by(Review.finding_fingerprint)


def state_column() -> tuple[Select, ColumnElement[str]]:
    latest = _latest_review_ids().subquery()
    verdict = aliased(Review)
    state = func.coalesce(verdict.verdict, literal("open")).label("state")
    stmt = (
        select(Finding, state)
        .outerjoin(latest, latest.c.fingerprint == Finding.fingerprint)
        .outerjoin(verdict, verdict.id == latest.c.review_id)
    )
    return stmt, state


def _finding_options() -> tuple:
    # The compared values are among their claims' values: found in the identity map.
    return (
        joinedload(Finding.topic),
        joinedload(Finding.claim_a).options(*claim_card_options()),
        joinedload(Finding.claim_b).options(*claim_card_options()),
        selectinload(Finding.value_a),
        selectinload(Finding.value_b),
    )


@dataclass(frozen=True, slots=True)
class FindingFilter:
    topic_slug: str | None = None
    source_ids: tuple[int, ...] = ()
    kind: str | None = None
    severity: str | None = None
    states: tuple[str, ...] = ()


SEVERITY_RANK = {"hard": 0, "soft": 1}


@dataclass(frozen=True, slots=True)
class FindingSummary:
    """A finding without its claims: enough to count and colour the overview."""

    topic_id: int
    kind: str
    severity: str | None
    source_a: int
    source_b: int
    state: str


def select_finding_summaries(session: Session, source_ids: Collection[int]) -> list[FindingSummary]:
    """Every finding as a light row; with sources, only those between the given sources."""
    stmt, state = state_column()
    stmt, source_a, source_b = between_outlets(stmt, source_ids)
    stmt = stmt.with_only_columns(
        Finding.topic_id, Finding.kind, Finding.severity, source_a, source_b, state
    )
    return [FindingSummary(*row) for row in session.execute(stmt)]


def get_finding(session: Session, finding_id: int) -> Finding | None:
    return session.scalar(
        select(Finding).where(Finding.id == finding_id).options(*_finding_options())
    )


def select_findings_by_ids(session: Session, ids: Collection[int]) -> list[tuple[Finding, str]]:
    stmt, _state = state_column()
    stmt = stmt.where(Finding.id.in_(ids)).options(*_finding_options()).order_by(Finding.id)
    return [(f, s) for f, s in session.execute(stmt).unique().all()]


def select_findings_with_state_by_fingerprints(
    session: Session, fingerprints: Collection[str]
) -> list[tuple[Finding, str]]:
    if not fingerprints:
        return []
    stmt, _state = state_column()
    stmt = (
        stmt.where(Finding.fingerprint.in_(fingerprints))
        .options(*_finding_options())
        .order_by(Finding.id)
    )
    return [(f, s) for f, s in session.execute(stmt).unique().all()]


def select_all_finding_fingerprints(session: Session) -> set[str]:
    return set(session.scalars(select(Finding.fingerprint)))


def select_findings_by_fingerprints(
    session: Session, fingerprints: Collection[str]
) -> dict[str, Finding]:
    if not fingerprints:
        return {}
    stmt = select(Finding).where(Finding.fingerprint.in_(fingerprints))
    return {f.fingerprint: f for f in session.scalars(stmt)}


def select_latest_reviews(session: Session, fingerprints: Collection[str]) -> dict[str, Review]:
    if not fingerprints:
        return {}
    latest = _latest_review_ids().where(Review.finding_fingerprint.in_(fingerprints)).subquery()
    stmt = select(Review).join(latest, latest.c.review_id == Review.id)
    return {r.finding_fingerprint: r for r in session.scalars(stmt)}


# Most urgent first: outlets contradicting each other, parties disagreeing, figures revised,
# then agreements. Any other kind sorts last.
KIND_RANK = {"conflict": 0, "dispute": 1, "update": 2, "agreement": 3}


def _kind_rank() -> ColumnElement[int]:
    return case(KIND_RANK, value=Finding.kind, else_=len(KIND_RANK))


def urgency_order() -> tuple[ColumnElement, ...]:
    """Most urgent kind first: conflict, dispute, update, agreement; then hard before soft,
    values before certainty, by topic label, slot and id. Needs findings joined to topics."""
    severity_rank = case(SEVERITY_RANK, value=Finding.severity, else_=len(SEVERITY_RANK))
    return (
        _kind_rank(),
        severity_rank,
        (Finding.basis == "certainty"),
        Topic.label,
        Finding.slot,
        Finding.id,
    )


def rank_findings(session: Session) -> None:
    """Store each finding's place in ``urgency_order`` (1, 2, ...) as its urgency, writing
    only the rows whose place changed: after any change to findings or topic labels."""
    ranked = (
        select(
            Finding.id.label("id"),
            func.row_number().over(order_by=urgency_order()).label("urgency"),
        )
        .join(Topic, Topic.id == Finding.topic_id)
        .subquery()
    )
    session.execute(
        update(Finding)
        .where(Finding.id == ranked.c.id, Finding.urgency != ranked.c.urgency)
        .values(urgency=ranked.c.urgency)
        .execution_options(synchronize_session=False)
    )


def between_outlets(stmt: Select, source_ids: Collection[int]) -> tuple[Select, object, object]:
    """``stmt`` on findings joined to both sides' outlets; with sources, only findings whose
    two claims come from them. Returns the statement and the two outlet columns."""
    claim_a, claim_b = aliased(Claim), aliased(Claim)
    article_a, article_b = aliased(Article), aliased(Article)
    stmt = (
        stmt.join(claim_a, claim_a.id == Finding.claim_a_id)
        .join(claim_b, claim_b.id == Finding.claim_b_id)
        .join(article_a, article_a.id == claim_a.article_id)
        .join(article_b, article_b.id == claim_b.article_id)
    )
    if source_ids:
        stmt = stmt.where(article_a.source_id.in_(source_ids), article_b.source_id.in_(source_ids))
    return stmt, article_a.source_id, article_b.source_id


def _filtered(stmt: Select, filters: FindingFilter, state: ColumnElement[str]) -> Select:
    if filters.topic_slug:
        stmt = stmt.join(Topic, Topic.id == Finding.topic_id).where(
            Topic.slug == filters.topic_slug
        )
    if filters.source_ids:
        # Claims and articles only to filter: every finding has both (foreign keys).
        stmt, _a, _b = between_outlets(stmt, filters.source_ids)
    if filters.kind:
        stmt = stmt.where(Finding.kind == filters.kind)
    if filters.severity:
        stmt = stmt.where(Finding.severity == filters.severity)
    if filters.states:
        stmt = stmt.where(state.in_(filters.states))
    return stmt


def select_findings_in_order(
    session: Session, filters: FindingFilter, *, limit: int | None = None, offset: int = 0
) -> tuple[list[tuple[Finding, str]], int]:
    """Findings with their review state ("open" when never reviewed), most urgent kind
    first: conflict, dispute, update, agreement (then hard before soft, values before
    certainty). With sources selected, only findings whose *both* claims come from them:
    that is exactly where those sources agree or conflict.

    In stored urgency order (``rank_findings``), so the database walks an index and stops
    at the page instead of sorting every finding."""
    stmt, state = state_column()
    stmt = _filtered(stmt, filters, state)
    # The review join never adds or drops a row (one latest review at most): counted without
    # it unless a state is chosen.
    counted = stmt if filters.states else _filtered(select(Finding.id), filters, state)
    total = session.scalar(select(func.count()).select_from(counted.subquery())) or 0
    stmt = stmt.options(*_finding_options()).order_by(Finding.urgency, Finding.id)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    rows = session.execute(stmt).unique().all()
    return [(finding, finding_state) for finding, finding_state in rows], total


def select_findings_of_claim_in_order(session: Session, claim_id: int) -> list[tuple[Finding, str]]:
    stmt, _state = state_column()
    stmt = (
        stmt.where(or_(Finding.claim_a_id == claim_id, Finding.claim_b_id == claim_id))
        .options(*_finding_options())
        .order_by(_kind_rank(), Finding.id)
    )
    return [(f, s) for f, s in session.execute(stmt).unique().all()]
