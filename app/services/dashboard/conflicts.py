"""The findings list (conflicts, disputes, updates, agreements; filtered and paged), one
finding, and the claims list of the API."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.compare.facts import CERTAINTIES
from app.compare.statements import MENTIONED
from app.db import queries
from app.db.queries import FindingFilter
from app.services.dashboard.builder import (
    ViewBuilder,
)
from app.services.dashboard.views import (
    PAGE_SIZE,
    ClaimView,
    FindingView,
    Pager,
    SourcePicker,
    TopicRef,
    check_page,
    choose,
    make_pager,
    make_picker,
    page_offset,
)


@dataclass(slots=True)
class ConflictsPage:
    picker: SourcePicker
    topics: list[TopicRef]
    filters: FindingFilter
    findings: list[FindingView]
    pager: Pager


def build_conflicts_page(
    session: Session, filters: FindingFilter, page: int, *, refuse_past_last: bool = False
) -> ConflictsPage:
    """One page of findings, most urgent kind first (conflict, dispute, update, agreement);
    with ``refuse_past_last``, a page past the last is an InputError (404), not empty."""
    builder = ViewBuilder(session)
    picker = make_picker(session, filters.source_ids)
    rows, total = queries.select_findings_in_order(
        session, filters, limit=PAGE_SIZE, offset=page_offset(page)
    )
    pager = make_pager(page, total)
    if refuse_past_last:
        check_page(pager)
    return ConflictsPage(
        picker=picker,
        topics=[builder.topic_ref(t) for t in builder.topics],
        filters=filters,
        findings=builder.findings(rows),
        pager=pager,
    )


def build_finding(session: Session, finding_id: int) -> FindingView | None:
    rows = queries.select_findings_by_ids(session, [finding_id])
    return ViewBuilder(session).findings(rows)[0] if rows else None


@dataclass(slots=True)
class ClaimsPage:
    claims: list[ClaimView]
    pager: Pager


def build_claims_page(
    session: Session,
    source_ids: Sequence[int],
    topic_slug: str | None,
    certainty: str | None,
    page: int,
) -> ClaimsPage:
    """One page of claims filtered by source, topic and certainty, in article order.

    With a topic, ``certainty`` is what the claims say about that topic (the certainty its
    findings compare) and each claim carries it; without one, it is the sentence's."""
    # A claim can also only mention what a topic is about ("en cuanto a un acuerdo...");
    # no sentence is merely mentioned, so without a topic that choice finds nothing.
    chosen = choose("certainty", certainty, (*CERTAINTIES, MENTIONED))
    builder = ViewBuilder(session)
    topic = builder.topics_by_slug.get(topic_slug) if topic_slug else None
    if topic_slug:
        claims, total = queries.select_topic_claims_page(
            session,
            topic_slug=topic_slug,
            source_ids=source_ids,
            certainty=chosen,
            limit=PAGE_SIZE,
            offset=page_offset(page),
        )
    else:
        claims, total = queries.select_claims_page(
            session,
            source_ids=source_ids,
            certainty=chosen,
            limit=PAGE_SIZE,
            offset=page_offset(page),
        )
    return ClaimsPage(builder.claims(claims, topic), make_pager(page, total))
