"""The event report: one document for a findings filter (the conflicts page's), topic by
topic: what the outlets agree on and who states it, where they conflict (both quotations,
values, parties, the reviewers' verdicts), the value charts, the figures that changed over
time, and how all this was computed.

Built from the same queries as the dashboard: the filter's findings in one query (their
claims, values and articles loaded with them, the latest reviews in one more), and the
claims and outlets of each topic counted in SQL; topic pages' grouping, charts and
timelines are reused as they are. ``report_markdown`` renders it as Markdown, the web
layer as HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from app.db import queries
from app.db.queries import FindingFilter
from app.services import accuracy
from app.services.accuracy import Figure
from app.services.dashboard import (
    FindingView,
    GroupedFigures,
    SlotGroup,
    SourcePicker,
    SourceRef,
    TopicRef,
    ViewBuilder,
    filtered_status,
    group_findings,
    make_picker,
    publication_times,
    status_rank,
)
from app.services.errors import InputError

# Outlets (or the parties they cite) that cannot all be right; updates are shown apart.
CONFLICTING = ("conflict", "dispute")

# The methods footnote: how findings are computed (the README's "Findings" in short).
METHODS = (
    "Cotejo reads each article, finds its claims and their figures (what is measured, where, "
    "by whom, how sure), and compares claims of different outlets only within one slot: the "
    "same kind of value about the same thing, in the same scope and modality.",
    "Two figures that cannot both be true are a hard conflict; figures that could both be "
    "true but differ in value or precision, a soft one. Two parties giving different figures "
    "(the police and the organisers) are a dispute; a later report's figure of something "
    "that evolves (a toll) is an update, ordered by publication time. Statements of the same "
    "proposition are compared by certainty: asserted, hedged, denied.",
    "Findings are the engine's; reviewers confirm or dismiss them. Every finding quotes both "
    "sentences, so each one can be checked against the articles.",
)
CAVEAT = (
    "Read these figures as they are: on events it was not developed on, a hard conflict "
    "Cotejo reports is right far less often, and it finds fewer than half of the "
    "disagreements a careful reader finds. Check each quotation before publishing."
)


@dataclass(frozen=True, slots=True)
class Statement:
    """One outlet's wording of an agreed fact."""

    source: SourceRef
    text: str
    value: str | None  # the figure in words; None for a statement of certainty
    published: str | None


@dataclass(slots=True)
class AgreedFact:
    """What the agreements of one slot (or proposition) establish, and who states it."""

    heading: str
    statements: list[Statement]

    @property
    def outlets(self) -> list[str]:
        return sorted({s.source.name for s in self.statements})


@dataclass(slots=True)
class ReportTopic(GroupedFigures):
    topic: TopicRef
    description: str
    status: str
    claim_count: int
    outlet_count: int
    agreed: list[AgreedFact]
    # Conflicts and disputes: outlets (or the parties they cite) that cannot all be right.
    disagreements: list[FindingView]
    # Figures a later report revised, earlier report first.
    updates: list[FindingView]
    groups: list[SlotGroup]

    @property
    def reviewed(self) -> int:
        return sum(f.review is not None for f in self.disagreements)

    @property
    def summary(self) -> str:
        """ "4 claims from 2 outlets; 1 of 2 conflicts reviewed." """
        line = f"{plural(self.claim_count, 'claim')} from {plural(self.outlet_count, 'outlet')}"
        if self.disagreements:
            line += f"; {self.reviewed} of {plural(len(self.disagreements), 'conflict')} reviewed"
        return line + "."


@dataclass(slots=True)
class Report:
    generated_at: datetime
    picker: SourcePicker
    filters: FindingFilter
    topics: list[ReportTopic]
    findings: Sequence[Figure]
    sentences: Sequence[Figure]
    accuracy_source: str
    methods: tuple[str, ...] = METHODS
    caveat: str = CAVEAT

    @property
    def filter_summary(self) -> list[tuple[str, str]]:
        """The filter in words, as (name, value): what the report covers."""
        f = self.filters
        shown = [("Sources", self.picker.summary)]
        shown += [
            (name, value)
            for name, value in (
                ("Topic", f.topic_slug),
                ("Kind", f.kind),
                ("Severity", f.severity),
                ("Review state", ", ".join(f.states)),
            )
            if value
        ]
        return shown

    @property
    def summary(self) -> str:
        conflicts = sum(len(t.disagreements) for t in self.topics)
        return f"{plural(len(self.topics), 'topic')}, {plural(conflicts, 'conflicting finding')}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def resolve_sources(session: Session, given: Sequence[str]) -> tuple[int, ...]:
    """Outlets named on the command line, by id or by name (any case), as ids; an unknown
    one is refused, named."""
    known = queries.select_sources(session)
    by_name = {s.name.casefold(): s.id for s in known}
    ids = {s.id for s in known}
    chosen = set()
    for item in given:
        if item.isascii() and item.isdigit() and int(item) in ids:
            chosen.add(int(item))
        elif item.casefold() in by_name:
            chosen.add(by_name[item.casefold()])
        else:
            raise InputError("source", f"source: there is no outlet {item!r} (an id or a name).")
    return tuple(sorted(chosen))


def build_report(session: Session, filters: FindingFilter) -> Report:
    """The report for ``filters``; an unknown topic is refused (404) naming it."""
    builder = ViewBuilder(session)
    topics = builder.topics
    if filters.topic_slug:
        if filters.topic_slug not in builder.topics_by_slug:
            raise InputError("topic", f"There is no topic {filters.topic_slug!r}.", status=404)
        topics = [builder.topics_by_slug[filters.topic_slug]]
    picker = make_picker(session, filters.source_ids)
    rows, _ = queries.select_findings_in_order(session, filters)
    findings = builder.findings(rows)
    published = publication_times(row for row, _ in rows)
    counts = queries.count_topic_claims(session, picker.selected)

    by_topic: dict[str, list[FindingView]] = {}
    for finding in findings:
        by_topic.setdefault(finding.topic.slug, []).append(finding)
    built = []
    for topic in topics:
        members = by_topic.get(topic.slug, [])
        claim_count, outlet_count = counts.get(topic.id, (0, 0))
        groups = group_findings(members, published)
        kinds = {f.kind for f in members}
        built.append(
            ReportTopic(
                topic=builder.topic_ref(topic),
                description=topic.description,
                status=filtered_status(topic.status, picker, outlet_count, kinds),
                claim_count=claim_count,
                outlet_count=outlet_count,
                agreed=[fact for g in groups if (fact := _agreed_fact(g)) is not None],
                disagreements=[f for f in members if f.kind in CONFLICTING],
                updates=[f for f in members if f.kind == "update"],
                groups=groups,
            )
        )
    built.sort(key=lambda t: (status_rank(t.status), t.topic.label))
    return Report(
        generated_at=datetime.now(UTC),
        picker=picker,
        filters=filters,
        topics=built,
        findings=accuracy.FINDINGS,
        sentences=accuracy.SENTENCES,
        accuracy_source=accuracy.README_SECTION,
    )


def _agreed_fact(group: SlotGroup) -> AgreedFact | None:
    """The claims of a group's agreements, each outlet's wording once."""
    statements: dict[int, Statement] = {}
    for f in group.agreements:
        for claim, value in ((f.claim_a, f.value_a), (f.claim_b, f.value_b)):
            label = value.label if value else None
            statements.setdefault(
                claim.id, Statement(claim.source, claim.text, label, claim.published)
            )
    if not statements:
        return None
    ordered = sorted(statements.values(), key=lambda s: (s.source.name, s.text))
    return AgreedFact(group.slot.heading, ordered)
