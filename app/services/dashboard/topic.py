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
from app.services.dashboard.builder import (
    ViewBuilder,
)
from app.services.dashboard.slot_groups import (
    GroupedFigures,
    SlotGroup,
    Timeline,
    TimelineEntry,
    build_charts,
    build_slot_timeline,
    group_findings,
)
from app.services.dashboard.views import (
    PAGE_SIZE,
    ClaimView,
    FindingView,
    FlagView,
    Pager,
    SourcePicker,
    SourceRef,
    TopicRef,
    check_page,
    filtered_status,
    make_pager,
    make_picker,
    page_offset,
)


@dataclass(slots=True)
class SourceColumn:
    source: SourceRef
    claims: list[ClaimView]


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
            offset=page_offset(page, PAGE_SIZE),
        )
        claims_pager = check_page(make_pager(page, claim_total, PAGE_SIZE))
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
            session, chosen_findings, limit=PAGE_SIZE, offset=page_offset(findings_page, PAGE_SIZE)
        )
        findings_pager = check_page(
            make_pager(findings_page, finding_total, PAGE_SIZE), "findings_page"
        )
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
