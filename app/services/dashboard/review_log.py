"""The review log: verdicts on findings and flags between claims, newest first, paged in
SQL, optionally only those touching some sources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from app.db import queries
from app.services.dashboard.builder import (
    ViewBuilder,
)
from app.services.dashboard.views import (
    FlagView,
    Pager,
    SourcePicker,
    TopicRef,
    finding_anchor,
    make_pager,
    make_picker,
)


@dataclass(slots=True)
class ReviewEntry:
    """One line of the review log: a verdict on a finding, or a flag between two claims."""

    type: str  # review | flag
    created_at: datetime
    reviewer: str
    note: str
    topic: TopicRef | None
    topic_slug: str
    verdict: str | None = None
    explanation: str | None = None
    # The finding as it is now; None when re-ingest no longer produces it.
    finding_id: int | None = None
    finding_anchor: str | None = None
    flag: FlagView | None = None


@dataclass(slots=True)
class ReviewPage:
    picker: SourcePicker
    entries: list[ReviewEntry]
    pager: Pager
    counts: dict[str, int]


def build_review_page(session: Session, page: int, source_ids: Sequence[int] = ()) -> ReviewPage:
    """Verdicts and flags, newest first, one page read from the database; with sources
    selected, only those touching a claim of the selected sources."""
    builder = ViewBuilder(session)
    picker = make_picker(session, source_ids)
    counts = queries.count_review_log(session, source_ids=picker.selected)
    pager = make_pager(page, sum(counts.values()))
    keys = queries.select_review_log_page(
        session, source_ids=picker.selected, limit=pager.size, offset=pager.offset
    )
    return ReviewPage(picker, review_entries(session, builder, keys), pager, counts)


def review_entries(
    session: Session, builder: ViewBuilder, keys: Sequence[tuple[str, int]]
) -> list[ReviewEntry]:
    """The log's lines for ("review" | "flag", row id) keys, in the keys' order."""
    reviews = {
        r.id: r
        for r in queries.select_reviews_by_ids(session, [i for t, i in keys if t == "review"])
    }
    flags = {
        f.id: f
        for f in builder.flags(
            queries.select_flags_by_ids(session, [i for t, i in keys if t == "flag"])
        )
    }
    findings = queries.select_findings_by_fingerprints(
        session, {r.finding_fingerprint for r in reviews.values()}
    )
    topic = {t.slug: builder.topic_ref(t) for t in builder.topics}
    entries = []
    for kind, row_id in keys:
        if kind == "review":
            r = reviews[row_id]
            current = findings.get(r.finding_fingerprint)
            entries.append(
                ReviewEntry(
                    type="review",
                    created_at=r.created_at,
                    reviewer=r.reviewer,
                    note=r.note,
                    topic=topic.get(r.topic_slug),
                    topic_slug=r.topic_slug,
                    verdict=r.verdict,
                    explanation=r.explanation,
                    finding_id=current.id if current else None,
                    finding_anchor=finding_anchor(r.finding_fingerprint) if current else None,
                )
            )
        else:
            f = flags[row_id]
            entries.append(
                ReviewEntry(
                    type="flag",
                    created_at=f.created_at,
                    reviewer=f.reviewer,
                    note=f.note,
                    topic=topic.get(f.topic_slug),
                    topic_slug=f.topic_slug,
                    flag=f,
                )
            )
    return entries
