"""The overview: topic cards (most urgent first), the sources × topics matrix, the strongest
conflicts, why nothing could be compared, and the articles that were not analysed."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from sqlalchemy.orm import Session

from app.compare.findings import topic_status
from app.db import queries
from app.db.models import Topic
from app.db.queries import FindingFilter
from app.services.comparison import corpus_summary
from app.services.dashboard.builder import (
    ViewBuilder,
)
from app.services.dashboard.views import (
    KINDS,
    ClaimView,
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


def _cell_text(links: list[queries.TopicClaim], topic: Topic, views: dict[int, ClaimView]) -> str:
    """A source's values on the topic (its first two), or its certainty on the topic."""
    kinds = set((topic.definition or {}).get("value_kinds", []))
    measured = _measured(topic)
    best = max(links, key=lambda link: (link.score, -link.claim.start))
    view = views[best.claim.id]
    labels = [
        v.label
        for v in view.values
        if (not kinds or v.kind in kinds) and (not measured or v.measured in measured)
    ]
    text = ", ".join(dict.fromkeys(labels[:2])) or best.certainty
    return f"{text} +{len(links) - 1}" if len(links) > 1 else text


def build_overview(session: Session, source_ids: Sequence[int]) -> Overview:
    """Topic rows (strongest disagreement first), the source × topic matrix, top conflicts."""
    builder = ViewBuilder(session)
    picker = make_picker(session, source_ids)
    links = queries.select_topic_claim_links(session, source_ids=picker.selected)
    views = {
        v.id: v for v in builder.claims({link.claim.id: link.claim for link in links}.values())
    }
    summaries = queries.select_finding_summaries(session, picker.selected)

    by_topic: dict[int, list[queries.TopicClaim]] = defaultdict(list)
    for link in links:
        by_topic[link.topic_id].append(link)
    involvement: dict[tuple[int, int], set[str]] = defaultdict(set)
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for s in summaries:
        involvement[(s.topic_id, s.source_a)].add(s.kind)
        involvement[(s.topic_id, s.source_b)].add(s.kind)
        tally = counts[s.topic_id]
        tally[s.kind] += 1
        if s.kind == "conflict":
            tally["hard"] += s.severity == "hard"
            tally["open"] += s.state == "open"

    rows = []
    for topic in builder.topics:
        topic_links = by_topic.get(topic.id, [])
        sources = {link.source_id for link in topic_links}
        tally = counts[topic.id]
        status = filtered_status(topic.status, picker, len(sources), [k for k in KINDS if tally[k]])
        rows.append(
            TopicRow(
                topic=builder.topic_ref(topic),
                description=topic.description,
                status=status,
                claim_count=len({link.claim.id for link in topic_links}),
                source_count=len(sources),
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

    ordered_topics = [builder.topics_by_slug[row.topic.slug] for row in rows]
    matrix = []
    for source in picker.sources:
        if picker.selected and source.id not in picker.selected:
            continue
        cells = []
        for topic in ordered_topics:
            topic_ref = builder.topic_ref(topic)
            mine = [link for link in by_topic.get(topic.id, []) if link.source_id == source.id]
            if not mine:
                cells.append(MatrixCell(topic_ref, "gap", "—", "Not mentioned", 0))
                continue
            status = cell_status(involvement.get((topic.id, source.id), set()))
            title = views[mine[0].claim.id].text
            cells.append(
                MatrixCell(topic_ref, status, _cell_text(mine, topic, views), title, len(mine))
            )
        matrix.append(MatrixRow(source, cells))

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
        claim_count=len(views),
        empty_reason=corpus_summary(session).reason,
        not_analysed=refused,
    )
