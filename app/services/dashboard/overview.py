"""The overview: topic cards (most urgent first), the sources × topics matrix, the strongest
conflicts, why nothing could be compared, and the articles that were not analysed."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from sqlalchemy.orm import Session

from app.compare.describe import format_interval
from app.compare.findings import topic_status
from app.db import queries
from app.db.models import ClaimValue, Topic
from app.db.queries import FindingFilter
from app.services.comparison import corpus_summary
from app.services.dashboard.builder import (
    ViewBuilder,
)
from app.services.dashboard.ingest_queue import QueueProgress, queue_progress
from app.services.dashboard.views import (
    KINDS,
    FindingView,
    SourcePicker,
    SourceRef,
    TopicRef,
    filtered_status,
    make_picker,
    status_rank,
)
from app.services.dashboard.words import VALUE_SLOT_FIELDS

STRONGEST = 5


@dataclass(slots=True)
class TopicRow:
    topic: TopicRef
    description: str
    status: str
    claim_count: int
    source_count: int
    conflicts: int
    hard_conflicts: int
    open_conflicts: int
    agreements: int
    disputes: int = 0
    updates: int = 0
    origin: str = "defined"  # discovered (found in the corpus) | defined (topics.toml)


@dataclass(frozen=True, slots=True)
class MatrixCell:
    topic: TopicRef
    # conflict | dispute | update | agreement | mixed | uncompared (said, nothing to
    # compare) | gap (silent)
    status: str
    text: str
    title: str
    claim_count: int


@dataclass(frozen=True, slots=True)
class MatrixRow:
    source: SourceRef
    cells: list[MatrixCell]


@dataclass(frozen=True, slots=True)
class NotAnalysed:
    """An article stored without analysis, and why."""

    source: SourceRef
    article_id: int
    name: str  # the article's title, or its file name
    note: str


@dataclass(slots=True)
class Overview:
    picker: SourcePicker
    topics: list[TopicRow]
    matrix: list[MatrixRow]
    strongest: list[FindingView]
    claim_count: int
    # Why nothing could be compared (no articles, one outlet...), or None.
    empty_reason: str | None = None
    not_analysed: list[NotAnalysed] = field(default_factory=list)
    queue: QueueProgress | None = None  # the ingest queue's jobs, where there is one


def _topic_rank(row: TopicRow) -> tuple:
    return (
        status_rank(row.status),
        -row.hard_conflicts,
        -row.open_conflicts,
        -row.conflicts,
        -row.disputes,
        -row.updates,
        row.topic.label,
    )


def cell_status(kinds: set[str]) -> str:
    """How a source's claims on a topic relate to the other sources shown: the topic
    status rule applied to that source's findings."""
    return topic_status(2, kinds) if kinds else "uncompared"


def _measured(topic: Topic) -> set[str]:
    """What a discovered value topic measures (from its slots' keys)."""
    slots = (topic.definition or {}).get("slots", [])
    parts = [s.split("|") for s in slots]
    return {p[1] for p in parts if len(p) == VALUE_SLOT_FIELDS}


def _cell_text(cell: queries.OutletOnTopic, topic: Topic, values: list[ClaimValue]) -> str:
    """A source's values on the topic (its best claim's first two), or its certainty on it."""
    kinds = set((topic.definition or {}).get("value_kinds", []))
    measured = _measured(topic)
    labels = [
        format_interval(v.kind, v.low, v.high, v.unit)
        for v in values
        if (not kinds or v.kind in kinds) and (not measured or (v.measured or "") in measured)
    ]
    text = ", ".join(dict.fromkeys(labels[:2])) or cell.best_certainty
    return f"{text} +{cell.claims - 1}" if cell.claims > 1 else text


def build_topic_rows(session: Session, source_ids: Sequence[int]) -> list[TopicRow]:
    """Every topic with its counts (between the given sources), most urgent first: grouped
    SQL counts, one row per topic."""
    builder = ViewBuilder(session)
    picker = make_picker(session, source_ids)
    return _topic_rows(session, builder, picker)


def _topic_rows(session: Session, builder: ViewBuilder, picker: SourcePicker) -> list[TopicRow]:
    on_topic = queries.count_topic_claims(session, picker.selected)
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for t in queries.count_findings_by_topic(session, picker.selected):
        tally = counts[t.topic_id]
        tally[t.kind] += t.count
        if t.kind == "conflict":
            tally["hard"] += t.count if t.severity == "hard" else 0
            tally["open"] += t.count if t.state == "open" else 0
    rows = []
    for topic in builder.topics:
        claims, sources = on_topic.get(topic.id, (0, 0))
        tally = counts[topic.id]
        status = filtered_status(topic.status, picker, sources, [k for k in KINDS if tally[k]])
        rows.append(
            TopicRow(
                topic=builder.topic_ref(topic),
                description=topic.description,
                status=status,
                claim_count=claims,
                source_count=sources,
                conflicts=tally["conflict"],
                hard_conflicts=tally["hard"],
                open_conflicts=tally["open"],
                agreements=tally["agreement"],
                disputes=tally["dispute"],
                updates=tally["update"],
                origin=topic.origin,
            )
        )
    rows.sort(key=_topic_rank)
    return rows


def _matrix(
    session: Session, builder: ViewBuilder, picker: SourcePicker, rows: list[TopicRow]
) -> list[MatrixRow]:
    on_topics = queries.select_outlets_on_topics(session, picker.selected)
    cells = {(c.topic_id, c.source_id): c for c in on_topics}
    values = queries.select_values_of_claims(session, {c.best_claim_id for c in cells.values()})
    involvement: dict[tuple[int, int], set[str]] = defaultdict(set)
    for topic_id, source_id, kind in queries.select_finding_involvement(session, picker.selected):
        involvement[(topic_id, source_id)].add(kind)
    ordered_topics = [builder.topics_by_slug[row.topic.slug] for row in rows]
    matrix = []
    for source in picker.sources:
        if picker.selected and source.id not in picker.selected:
            continue
        line = []
        for topic in ordered_topics:
            topic_ref = builder.topic_ref(topic)
            cell = cells.get((topic.id, source.id))
            if cell is None:
                line.append(MatrixCell(topic_ref, "gap", "—", "Not mentioned", 0))
                continue
            status = cell_status(involvement.get((topic.id, source.id), set()))
            text = _cell_text(cell, topic, values.get(cell.best_claim_id, []))
            line.append(MatrixCell(topic_ref, status, text, cell.first_text, cell.claims))
        matrix.append(MatrixRow(source, line))
    return matrix


def build_overview(session: Session, source_ids: Sequence[int]) -> Overview:
    """Topic rows (strongest disagreement first), the source × topic matrix, top conflicts:
    from grouped counts and one row per (topic, outlet), whatever the corpus's size."""
    builder = ViewBuilder(session)
    picker = make_picker(session, source_ids)
    rows = _topic_rows(session, builder, picker)
    matrix = _matrix(session, builder, picker, rows)
    strongest_rows, _ = queries.select_findings_in_order(
        session,
        FindingFilter(source_ids=picker.selected, kind="conflict", states=("open", "confirmed")),
        limit=STRONGEST,
    )
    refused = [
        NotAnalysed(
            SourceRef(r.source_id, r.source_name),
            r.article_id,
            r.title or PurePath(r.path).name,
            r.note,
        )
        for r in queries.select_refused_articles(session)
    ]
    return Overview(
        picker=picker,
        topics=rows,
        matrix=matrix,
        strongest=builder.findings(strongest_rows),
        claim_count=queries.count_linked_claims(session, picker.selected),
        empty_reason=corpus_summary(session).reason,
        not_analysed=refused,
        queue=queue_progress(session),
    )
