"""A topic's findings grouped by what they compare (one value slot or one proposition
each), with a chart of the figures of each slot that has a disagreement and a timeline where
the figures come from articles published at different times (topic page and report)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from app.services.charts import (
    Chart,
    TimedValue,
    TimelineChart,
    build_chart,
    build_timeline,
)
from app.services.dashboard.views import (
    DISAGREEMENTS,
    ClaimView,
    FindingView,
    SourceRef,
    ValueView,
    kind_rank,
)
from app.services.dashboard.words import SlotView, describe_slot, published_label


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
