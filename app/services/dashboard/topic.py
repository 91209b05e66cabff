"""A topic's page: its findings grouped by what they compare (one value slot or one
proposition each), a chart of the figures of each slot that has a disagreement, a timeline
where the figures come from articles published at different times, and the claims side by
side by outlet, each with its certainty on the topic. Also the claim card and the flag form,
which show a claim within its topic."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from app.db import queries
from app.db.models import Finding
from app.db.queries import FindingFilter
from app.services.charts import (
    Chart,
    TimedValue,
    TimelineChart,
    build_chart,
    build_timeline,
)
from app.services.dashboard.builder import (
    ViewBuilder,
)
from app.services.dashboard.views import (
    DISAGREEMENTS,
    PAGE_SIZE,
    ClaimView,
    FindingView,
    FlagView,
    Pager,
    SourcePicker,
    SourceRef,
    TopicRef,
    ValueView,
    check_page,
    filtered_status,
    kind_rank,
    make_pager,
    make_picker,
    page_offset,
)
from app.services.dashboard.words import SlotView, describe_slot, published_label


@dataclass(slots=True)
class SourceColumn:
    source: SourceRef
    claims: list[ClaimView]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One outlet's figure for a slot, at its article's publication time."""

    number: int  # its label in the timeline chart
    published: str | None  # None: the article's time is unknown
    source: SourceRef
    claim_id: int
    language: str
    value: ValueView
    party: str | None
    # "Source A's 42 (muerto)": the latest earlier figure this one updates.
    supersedes: str | None = None
    superseded: bool = False


@dataclass(slots=True)
class Timeline:
    id: str  # the figure's element id, from the slot's key
    entries: list[TimelineEntry]
    chart: TimelineChart | None


@dataclass(slots=True)
class SlotGroup:
    """The findings on one value slot (or one proposition), most urgent first."""

    slot: SlotView
    findings: list[FindingView]
    charts: list[Chart] = field(default_factory=list)
    timeline: Timeline | None = None

    @property
    def disagreements(self) -> list[FindingView]:
        return [f for f in self.findings if f.kind in DISAGREEMENTS]

    @property
    def agreements(self) -> list[FindingView]:
        return [f for f in self.findings if f.kind not in DISAGREEMENTS]

    @property
    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for f in self.findings:
            found[f.kind] = found.get(f.kind, 0) + 1
        return found


class GroupedFigures:
    """The charts and timelines of a view's slot groups (a topic page, a report's topic)."""

    __slots__ = ()
    groups: list[SlotGroup]

    @property
    def charts(self) -> list[Chart]:
        return [chart for group in self.groups for chart in group.charts]

    @property
    def timelines(self) -> list[Timeline]:
        return [group.timeline for group in self.groups if group.timeline is not None]


@dataclass(slots=True)
class TopicPage(GroupedFigures):
    topic: TopicRef
    description: str
    status: str
    picker: SourcePicker
    # The claims shown (one page of them, or all), by outlet.
    columns: list[SourceColumn]
    # The findings shown (one page of them, or all), most urgent first, and by slot.
    findings: list[FindingView]
    groups: list[SlotGroup]
    flags: list[FlagView]
    # Claims of the topic from any source: a claim can be flagged when there are two.
    topic_claim_count: int
    origin: str = "defined"
    # Every claim from the selected sources and every finding between them, by kind.
    claim_count: int = 0
    kind_counts: dict[str, int] = field(default_factory=dict)
    claims_pager: Pager | None = None  # None: every claim is shown
    findings_pager: Pager | None = None  # None: every finding is shown

    def _of_kind(self, kind: str) -> list[FindingView]:
        return [f for f in self.findings if f.kind == kind]

    @property
    def conflicts(self) -> list[FindingView]:
        return self._of_kind("conflict")

    @property
    def disputes(self) -> list[FindingView]:
        return self._of_kind("dispute")

    @property
    def updates(self) -> list[FindingView]:
        return self._of_kind("update")

    @property
    def agreements(self) -> list[FindingView]:
        return self._of_kind("agreement")

    @property
    def can_flag(self) -> bool:
        return self.topic_claim_count > 1


def build_topic_page(
    session: Session,
    slug: str,
    source_ids: Sequence[int],
    *,
    page: int | None = None,
    findings_page: int | None = None,
) -> TopicPage | None:
    """A topic's findings by slot and its claims by outlet. With ``page`` (claims) and
    ``findings_page``, one page of each (past the last: InputError, 404); without, all."""
    builder = ViewBuilder(session)
    topic = builder.topics_by_slug.get(slug)
    if topic is None:
        return None
    picker = make_picker(session, source_ids)
    claims_pager = None
    if page is None:
        links = queries.select_topic_claim_links(session, topic_id=topic.id)
        every_claim = {link.claim.id: link.claim for link in links}
        topic_claim_count = len(every_claim)
        chosen = [
            c
            for c in every_claim.values()
            if not picker.selected or c.article.source_id in picker.selected
        ]
        claim_total = len(chosen)
    else:
        chosen, claim_total = queries.select_topic_claims_by_outlet(
            session,
            topic_id=topic.id,
            source_ids=picker.selected,
            limit=PAGE_SIZE,
            offset=page_offset(page),
        )
        claims_pager = check_page(make_pager(page, claim_total))
        topic_claim_count = queries.count_topic_links(session, topic.id)
    # Each card carries the certainty of what the claim says about this topic, the one its
    # findings compare ("…a summit that could lead to an arms deal" is hedged on the deal
    # although the sentence asserts the summit).
    shown = builder.claims(chosen, topic)

    flags = _topic_flags(session, builder, topic.slug, picker.selected)
    for flag in flags:
        for view in flag.claims:
            for claim in shown:
                if view is not None and claim.id == view.id:
                    claim.flags.append(flag)

    columns: dict[int, SourceColumn] = {}
    for claim in shown:
        columns.setdefault(claim.source.id, SourceColumn(claim.source, [])).claims.append(claim)
    chosen_findings = FindingFilter(topic_slug=slug, source_ids=picker.selected)
    findings_pager = None
    if findings_page is None:
        rows, _ = queries.select_findings_in_order(session, chosen_findings)
    else:
        rows, finding_total = queries.select_findings_in_order(
            session, chosen_findings, limit=PAGE_SIZE, offset=page_offset(findings_page)
        )
        findings_pager = check_page(make_pager(findings_page, finding_total), "findings_page")
    findings = builder.findings(rows)
    kind_counts: dict[str, int] = {}
    for tally in queries.count_findings_by_topic(session, picker.selected, topic_id=topic.id):
        kind_counts[tally.kind] = kind_counts.get(tally.kind, 0) + tally.count
    _claims, outlets = queries.count_topic_claims(session, picker.selected).get(topic.id, (0, 0))
    status = filtered_status(topic.status, picker, outlets, set(kind_counts))
    return TopicPage(
        topic=builder.topic_ref(topic),
        description=topic.description,
        status=status,
        picker=picker,
        columns=sorted(columns.values(), key=lambda col: col.source.name),
        findings=findings,
        groups=group_findings(findings, publication_times(row for row, _ in rows)),
        flags=flags,
        topic_claim_count=topic_claim_count,
        origin=topic.origin,
        claim_count=claim_total,
        kind_counts=kind_counts,
        claims_pager=claims_pager,
        findings_pager=findings_pager,
    )


def publication_times(rows: Iterable[Finding]) -> dict[int, tuple[datetime | None, str | None]]:
    """Claim id -> its article's publication time and precision."""
    times: dict[int, tuple[datetime | None, str | None]] = {}
    for finding in rows:
        for claim in (finding.claim_a, finding.claim_b):
            article = claim.article
            times[claim.id] = (article.published_at, article.published_precision)
    return times


def _topic_flags(
    session: Session, builder: ViewBuilder, slug: str, selected: Collection[int]
) -> list[FlagView]:
    flags, _ = queries.select_flags(session, topic_slug=slug)
    views = builder.flags(flags)
    if not selected:
        return views
    return [f for f in views if all(c is not None and c.source.id in selected for c in f.claims)]


# --- Grouping by slot, charts and timelines -------------------------------------------------


def group_findings(
    findings: Sequence[FindingView],
    published: dict[int, tuple[datetime | None, str | None]] | None = None,
) -> list[SlotGroup]:
    """Findings by what they compare, the most urgent group first; value groups get a chart
    of their figures when they hold a disagreement, and a timeline when their figures come
    from articles published at different times."""
    grouped: dict[tuple[str, str, str], list[FindingView]] = {}
    for f in findings:
        # Findings stored without a slot are grouped by the kind of value compared.
        identity = (f.slot.kind, f.slot.key, "" if f.slot.key else f.basis)
        grouped.setdefault(identity, []).append(f)
    groups = []
    for (_kind, key, _basis), members in grouped.items():
        members.sort(key=lambda f: (kind_rank(f.kind), f.severity != "hard", f.id))
        words = [v.measured_word for f in members for v in (f.value_a, f.value_b) if v]
        slot = describe_slot(key, members[0].basis, words)
        group = SlotGroup(slot, members)
        if slot.kind == "value":
            group.charts = build_charts(members, slot)
            group.timeline = build_slot_timeline(members, slot, published or {})
        groups.append(group)
    groups.sort(
        key=lambda g: (
            min(kind_rank(f.kind) for f in g.findings),
            -sum(f.kind in DISAGREEMENTS for f in g.findings),
            g.slot.kind != "value",
            g.slot.title,
            g.slot.key,
        )
    )
    return groups


def _compared(findings: Sequence[FindingView], kind: str | None = None):
    """(claim, value) pairs the findings compared, each value once."""
    compared: dict[int, tuple[ClaimView, ValueView]] = {}
    for f in findings:
        if kind is not None and f.basis != kind:
            continue
        for claim, value in ((f.claim_a, f.value_a), (f.claim_b, f.value_b)):
            chosen = [value] if value else [v for v in claim.values if v.kind == f.basis]
            for v in chosen:
                compared.setdefault(v.id, (claim, v))
    return sorted(compared.values(), key=lambda cv: (cv[0].source.name, cv[0].start, cv[1].start))


def build_charts(findings: Sequence[FindingView], slot: SlotView | None = None) -> list[Chart]:
    """One interval chart per value kind that has a disagreement: a row per value compared
    by the findings of that kind (never a claim's other values of the same kind)."""
    charts = []
    disagreeing = dict.fromkeys(
        f.basis for f in findings if f.kind in DISAGREEMENTS and f.basis != "certainty"
    )
    for kind in disagreeing:
        points = [(c.source.name, v) for c, v in _compared(findings, kind)]
        suffix = f"-{slot.anchor.removeprefix('slot-')}" if slot is not None and slot.key else ""
        title = f"{slot.title}: given by each source" if slot is not None and slot.key else None
        chart = build_chart(kind, points, chart_id=f"chart-{kind}{suffix}", title=title)
        if chart is not None:
            charts.append(chart)
    return charts


def build_slot_timeline(
    findings: Sequence[FindingView],
    slot: SlotView,
    published: dict[int, tuple[datetime | None, str | None]],
) -> Timeline | None:
    """Each outlet's figure by its article's publication time, updates marked; None unless
    the figures come from articles published at (at least two) different times."""
    compared = _compared(findings)
    moments = {published.get(c.id, (None, None))[0] for c, _ in compared} - {None}
    if len(moments) < 2:
        return None
    # An update's figure supersedes every earlier one it was compared with; it is linked to
    # (and named after) the latest of them, so the timeline reads as a chain of revisions.
    previous: dict[int, tuple[tuple, str, int]] = {}
    superseded: set[int] = set()
    for f in findings:
        if f.kind != "update" or f.value_a is None or f.value_b is None:
            continue
        superseded.add(f.value_a.id)
        moment = published.get(f.claim_a.id, (None, None))[0]
        rank = (moment is not None, moment or datetime.min, f.claim_a.source.name)
        earlier = f"{f.claim_a.source.name}'s {f.value_a.label}"
        if f.value_b.id not in previous or rank > previous[f.value_b.id][0]:
            previous[f.value_b.id] = (rank, earlier, f.value_a.id)
    links = [(a, b) for b, (_rank, _text, a) in previous.items()]

    def when(item: tuple[ClaimView, ValueView]) -> tuple:
        moment = published.get(item[0].id, (None, None))[0]
        return (moment is None, moment or datetime.min, item[0].source.name, item[1].start)

    ordered = sorted(compared, key=when)
    entries = []
    for number, (claim, value) in enumerate(ordered, start=1):
        moment, precision = published.get(claim.id, (None, None))
        entries.append(
            TimelineEntry(
                number=number,
                published=published_label(moment, precision),
                source=claim.source,
                claim_id=claim.id,
                language=claim.language,
                value=value,
                party=value.party,
                supersedes=previous[value.id][1] if value.id in previous else None,
                superseded=value.id in superseded,
            )
        )
    dated = [
        TimedValue(e.value.id, moment, str(e.number), e.value, e.superseded)
        for e, (claim, _value) in zip(entries, ordered, strict=True)
        if (moment := published.get(claim.id, (None, None))[0]) is not None
    ]
    timeline_id = f"timeline-{slot.anchor.removeprefix('slot-')}"
    chart = build_timeline(
        f"{timeline_id}-chart",
        ordered[0][1].kind,
        f"{slot.title}: figures by publication time",
        dated,
        links,
    )
    return Timeline(timeline_id, entries, chart)


# --- A claim within its topic: its card (after a flag) and the flag form --------------------


def build_claim_card(session: Session, claim_id: int, topic_slug: str) -> ClaimView | None:
    """A claim with the flags of one topic attached, as the topic page shows it."""
    claim = queries.get_claim(session, claim_id)
    if claim is None:
        return None
    builder = ViewBuilder(session)
    view = builder.claim(claim, builder.topics_by_slug.get(topic_slug))
    view.flags = [
        f
        for f in _topic_flags(session, builder, topic_slug, ())
        if any(c is not None and c.id == claim_id for c in f.claims)
    ]
    return view


@dataclass(slots=True)
class FlagForm:
    """What "flag a conflict with…" offers for one claim: the topic's other claims."""

    topic: TopicRef
    claim: ClaimView
    choices: list[ClaimView]


def build_flag_form(session: Session, slug: str, claim_id: int) -> FlagForm | None:
    """The choices for one claim, loaded when its flag box opens (once, not per card)."""
    builder = ViewBuilder(session)
    topic = builder.topics_by_slug.get(slug)
    if topic is None:
        return None
    links = queries.select_topic_claim_links(session, topic_id=topic.id)
    claims = {link.claim.id: link.claim for link in links}
    if claim_id not in claims:
        return None
    views = builder.claims(claims.values(), topic)
    claim = next(v for v in views if v.id == claim_id)
    choices = sorted((v for v in views if v.id != claim_id), key=lambda c: (c.source.name, c.start))
    return FlagForm(builder.topic_ref(topic), claim, choices)


__all__ = [
    "FlagForm",
    "GroupedFigures",
    "SlotGroup",
    "SourceColumn",
    "Timeline",
    "TimelineEntry",
    "TopicPage",
    "build_charts",
    "build_claim_card",
    "build_flag_form",
    "build_slot_timeline",
    "build_topic_page",
    "group_findings",
    "publication_times",
]
