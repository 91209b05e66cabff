"""Read-side assembly of the dashboard's pages: plain dataclasses that templates and the API
render. No writes here; queries come from app/db/queries.py."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from math import ceil
from pathlib import PurePath

from sqlalchemy.orm import Session

from app.compare.describe import format_interval
from app.compare.facts import CERTAINTIES
from app.compare.findings import topic_status
from app.db import queries
from app.db.models import Article, Claim, ClaimValue, Finding, Flag, Review, Topic
from app.db.queries import FindingFilter
from app.services.charts import Chart, build_chart
from app.services.errors import InputError

PAGE_SIZE = 50
# Deeper than anyone pages; keeps offsets (page × size) well inside a database integer.
MAX_PAGE = 100_000
STATUS_ORDER = ("conflict", "mixed", "agreement", "single-source")
SEVERITIES = ("hard", "soft")
STATES = ("open", "confirmed", "dismissed")
KINDS = ("conflict", "agreement")


# --- Small views shared by every page ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceRef:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class TopicRef:
    slug: str
    label: str
    # Index into the highlight palette, stable for a topic across pages.
    colour: int


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text: "context" around a claim, the "claim" itself, or a "value" in it."""

    text: str
    role: str


@dataclass(frozen=True, slots=True)
class ValueView:
    id: int
    start: int
    kind: str
    text: str
    label: str
    low: float | None
    high: float | None
    unit: str


@dataclass(slots=True)
class ClaimView:
    id: int
    fingerprint: str
    source: SourceRef
    article_id: int
    language: str
    start: int
    end: int
    text: str
    certainty: str
    certainty_cue: str | None
    attributed_to: str | None
    values: list[ValueView]
    topics: list[TopicRef]
    segments: list[Segment]
    flags: list[FlagView] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ReviewView:
    verdict: str
    reviewer: str
    note: str
    created_at: datetime


def finding_anchor(fingerprint: str) -> str:
    """The page anchor of a finding: from its fingerprint, so bookmarks survive re-ingest."""
    return f"finding-{fingerprint[:12]}"


@dataclass(slots=True)
class FindingView:
    id: int
    fingerprint: str
    topic: TopicRef
    kind: str
    severity: str | None
    basis: str
    explanation: str
    # The claims with only the compared values highlighted.
    claim_a: ClaimView
    claim_b: ClaimView
    # The values compared; None for certainty findings.
    value_a: ValueView | None
    value_b: ValueView | None
    state: str
    review: ReviewView | None

    @property
    def anchor(self) -> str:
        return finding_anchor(self.fingerprint)

    def other_side(self, claim_id: int) -> ClaimView:
        return self.claim_b if self.claim_a.id == claim_id else self.claim_a


@dataclass(slots=True)
class FlagView:
    id: int
    topic_slug: str
    fingerprints: tuple[str, str]
    claim_texts: tuple[str, str]
    # Current claims, or None where re-ingest no longer produces that claim.
    claims: tuple[ClaimView | None, ClaimView | None]
    reviewer: str
    note: str
    created_at: datetime

    def other_than(self, claim_id: int) -> tuple[ClaimView | None, str]:
        """The flagged partner of ``claim_id``: its current view and its text."""
        a, b = self.claims
        if a is not None and a.id == claim_id:
            return b, self.claim_texts[1]
        return a, self.claim_texts[0]


@dataclass(frozen=True, slots=True)
class SourcePicker:
    """The checkbox list of sources and which are ticked (none ticked = all sources)."""

    sources: list[SourceRef]
    selected: tuple[int, ...]

    @property
    def selected_names(self) -> list[str]:
        return [s.name for s in self.sources if s.id in self.selected]

    @property
    def summary(self) -> str:
        if not self.selected:
            return "all sources"
        return ", ".join(self.selected_names) or "no known source"


@dataclass(frozen=True, slots=True)
class Pager:
    page: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.size))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @property
    def first_item(self) -> int:
        return min(self.total, self.offset + 1)

    @property
    def last_item(self) -> int:
        return min(self.total, self.offset + self.size)


def page_offset(page: int, size: int = PAGE_SIZE) -> int:
    return (min(max(1, page), MAX_PAGE) - 1) * size


def make_pager(page: int, total: int, size: int = PAGE_SIZE) -> Pager:
    return Pager(page=min(max(1, page), MAX_PAGE), size=size, total=total)


def choose(name: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    """An optional choice from the query string; empty (a form's "any") means no filter."""
    if not value:
        return None
    if value not in choices:
        raise InputError(name, f"{name} must be one of: {', '.join(choices)}.")
    return value


def make_finding_filter(
    source_ids: Sequence[int],
    topic: str | None,
    kind: str | None,
    severity: str | None,
    state: str | None,
) -> FindingFilter:
    """The findings filter of the conflicts page and the API, every choice checked."""
    chosen_state = choose("state", state, STATES)
    return FindingFilter(
        topic_slug=topic or None,
        source_ids=tuple(sorted(set(source_ids))),
        kind=choose("kind", kind, KINDS),
        severity=choose("severity", severity, SEVERITIES),
        states=(chosen_state,) if chosen_state else (),
    )


# --- Building views ------------------------------------------------------------------------


class ViewBuilder:
    """Turns ORM rows into views, with the topic palette and sentence context of one request."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.topics = queries.select_topics_by_label(session)
        self.topic_refs = {
            t.id: TopicRef(t.slug, t.label, index % 8) for index, t in enumerate(self.topics)
        }
        self.topics_by_slug = {t.slug: t for t in self.topics}

    def topic_ref(self, topic: Topic) -> TopicRef:
        return self.topic_refs[topic.id]

    def _windows(self, claims: Sequence[Claim]) -> dict[int, tuple[int, int]]:
        """Each claim's sentence (the context shown around it), or the claim itself."""
        sentences = queries.select_sentences(
            self.session, {c.sentence_id for c in claims if c.sentence_id is not None}
        )
        windows = {}
        for claim in claims:
            sentence = sentences.get(claim.sentence_id) if claim.sentence_id else None
            windows[claim.id] = (
                (sentence.start, sentence.end) if sentence else (claim.start, claim.end)
            )
        return windows

    def claims(self, claims: Iterable[Claim]) -> list[ClaimView]:
        """Claim cards: every value of a claim highlighted."""
        claims = list(claims)
        windows = self._windows(claims)
        return [self._claim(claim, windows[claim.id]) for claim in claims]

    def claim(self, claim: Claim) -> ClaimView:
        return self.claims([claim])[0]

    def _claim(
        self, claim: Claim, window: tuple[int, int], marked: Sequence[ClaimValue] | None = None
    ) -> ClaimView:
        """``marked``: the values to highlight (all of the claim's when None)."""
        article = claim.article
        values = sorted(claim.values, key=lambda v: v.start)
        spans = [(v.start, v.end) for v in (values if marked is None else marked)]
        return ClaimView(
            id=claim.id,
            fingerprint=claim.fingerprint,
            source=SourceRef(article.source.id, article.source.name),
            article_id=article.id,
            language=article.language,
            start=claim.start,
            end=claim.end,
            text=claim.text,
            certainty=claim.certainty,
            certainty_cue=claim.certainty_cue,
            attributed_to=claim.attributed_to,
            values=[value_view(v) for v in values],
            topics=[self.topic_refs[t.id] for t in claim.topics if t.id in self.topic_refs],
            segments=split_segments(article.text, window, (claim.start, claim.end), spans)
            or [Segment(claim.text, "claim")],
        )

    def findings(self, rows: Sequence[tuple[Finding, str]]) -> list[FindingView]:
        """Findings whose claims highlight only the two values compared."""
        reviews = queries.select_latest_reviews(self.session, {f.fingerprint for f, _ in rows})
        claims = {c.id: c for f, _ in rows for c in (f.claim_a, f.claim_b)}
        windows = self._windows(list(claims.values()))
        views = []
        for finding, state in rows:
            marked_a = compared_values(finding.claim_a, finding.value_a, finding.basis)
            marked_b = compared_values(finding.claim_b, finding.value_b, finding.basis)
            views.append(
                FindingView(
                    id=finding.id,
                    fingerprint=finding.fingerprint,
                    topic=self.topic_ref(finding.topic),
                    kind=finding.kind,
                    severity=finding.severity,
                    basis=finding.basis,
                    explanation=finding.explanation,
                    claim_a=self._claim(finding.claim_a, windows[finding.claim_a_id], marked_a),
                    claim_b=self._claim(finding.claim_b, windows[finding.claim_b_id], marked_b),
                    value_a=value_view(finding.value_a) if finding.value_a else None,
                    value_b=value_view(finding.value_b) if finding.value_b else None,
                    state=state,
                    review=_review_view(reviews.get(finding.fingerprint)),
                )
            )
        return views

    def flags(self, flags: Sequence[Flag]) -> list[FlagView]:
        fingerprints = {fp for f in flags for fp in (f.claim_a_fingerprint, f.claim_b_fingerprint)}
        by_fingerprint: dict[str, Claim] = {}
        for claim in queries.select_claims_by_fingerprints(self.session, fingerprints):
            by_fingerprint.setdefault(claim.fingerprint, claim)
        views = {c.fingerprint: c for c in self.claims(by_fingerprint.values())}
        return [
            FlagView(
                id=f.id,
                topic_slug=f.topic_slug,
                fingerprints=(f.claim_a_fingerprint, f.claim_b_fingerprint),
                claim_texts=(f.claim_a_text, f.claim_b_text),
                claims=(views.get(f.claim_a_fingerprint), views.get(f.claim_b_fingerprint)),
                reviewer=f.reviewer,
                note=f.note,
                created_at=f.created_at,
            )
            for f in flags
        ]


def value_view(value: ClaimValue) -> ValueView:
    return ValueView(
        value.id,
        value.start,
        value.kind,
        value.text,
        format_interval(value.kind, value.low, value.high, value.unit),
        value.low,
        value.high,
        value.unit,
    )


def compared_values(claim: Claim, value: ClaimValue | None, basis: str) -> list[ClaimValue]:
    """The values of ``claim`` a finding compared: none for certainty; for findings stored
    before the compared values were recorded, the claim's values of the compared kind."""
    if basis == "certainty":
        return []
    if value is not None:
        return [value]
    return sorted((v for v in claim.values if v.kind == basis), key=lambda v: v.start)


def _review_view(review: Review | None) -> ReviewView | None:
    if review is None:
        return None
    return ReviewView(review.verdict, review.reviewer, review.note, review.created_at)


def split_segments(
    text: str, window: tuple[int, int], claim: tuple[int, int], values: Sequence[tuple[int, int]]
) -> list[Segment]:
    """Cut ``text[window]`` into context / claim / value runs for highlighting.

    Offsets are article offsets; anything out of range yields no segments.
    """
    start, end = window
    if not 0 <= start < end <= len(text):
        return []
    cuts = {start, end, *claim, *(p for span in values for p in span)}
    points = sorted(p for p in cuts if start <= p <= end)
    segments: list[Segment] = []
    for a, b in pairwise(points):
        if a == b:
            continue
        if not claim[0] <= a < claim[1]:
            role = "context"
        elif any(v0 <= a < v1 for v0, v1 in values):
            role = "value"
        else:
            role = "claim"
        segments.append(Segment(text[a:b], role))
    return segments


def filtered_status(
    stored: str, picker: SourcePicker, source_count: int, kinds: Collection[str]
) -> str:
    """The engine's status, or for a source-filtered view the same rule on what is shown;
    "gap" when none of the selected sources says anything on the topic."""
    if not picker.selected:
        return stored
    if source_count == 0:
        return "gap"
    return topic_status(source_count, kinds)


def make_picker(session: Session, selected: Sequence[int]) -> SourcePicker:
    sources = [SourceRef(s.id, s.name) for s in queries.select_sources(session)]
    return SourcePicker(sources, tuple(sorted(set(selected))))


# --- Overview ------------------------------------------------------------------------------


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


@dataclass(frozen=True, slots=True)
class MatrixCell:
    topic: TopicRef
    # conflict | agreement | mixed | uncompared (said, nothing to compare) | gap (silent)
    status: str
    text: str
    title: str
    claim_count: int


@dataclass(frozen=True, slots=True)
class MatrixRow:
    source: SourceRef
    cells: list[MatrixCell]


@dataclass(slots=True)
class Overview:
    picker: SourcePicker
    topics: list[TopicRow]
    matrix: list[MatrixRow]
    strongest: list[FindingView]
    claim_count: int


def _topic_rank(row: TopicRow) -> tuple:
    return (
        STATUS_ORDER.index(row.status) if row.status in STATUS_ORDER else len(STATUS_ORDER),
        -row.hard_conflicts,
        -row.open_conflicts,
        -row.conflicts,
        row.topic.label,
    )


def _cell_text(claims: list[queries.TopicClaim], topic: Topic, views: dict[int, ClaimView]) -> str:
    kinds = set(topic.definition.get("value_kinds", [])) if topic.definition else set()
    best = max(claims, key=lambda link: (link.score, -link.claim.start))
    view = views[best.claim.id]
    labels = [v.label for v in view.values if not kinds or v.kind in kinds]
    text = ", ".join(dict.fromkeys(labels[:2])) or view.certainty
    return f"{text} +{len(claims) - 1}" if len(claims) > 1 else text


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
            kinds = involvement.get((topic.id, source.id), set())
            status = "mixed" if len(kinds) > 1 else next(iter(kinds)) if kinds else "uncompared"
            title = views[mine[0].claim.id].text
            cells.append(
                MatrixCell(topic_ref, status, _cell_text(mine, topic, views), title, len(mine))
            )
        matrix.append(MatrixRow(source, cells))

    strongest_rows, _ = queries.select_findings(
        session,
        FindingFilter(source_ids=picker.selected, kind="conflict", states=("open", "confirmed")),
        limit=5,
    )
    return Overview(
        picker=picker,
        topics=rows,
        matrix=matrix,
        strongest=builder.findings(strongest_rows),
        claim_count=len(views),
    )


# --- Topic page ----------------------------------------------------------------------------


@dataclass(slots=True)
class SourceColumn:
    source: SourceRef
    claims: list[ClaimView]


@dataclass(slots=True)
class TopicPage:
    topic: TopicRef
    description: str
    status: str
    picker: SourcePicker
    columns: list[SourceColumn]
    conflicts: list[FindingView]
    agreements: list[FindingView]
    charts: list[Chart]
    flags: list[FlagView]
    # Claims of the topic from any source: a claim can be flagged when there are two.
    topic_claim_count: int

    @property
    def claim_count(self) -> int:
        return sum(len(column.claims) for column in self.columns)

    @property
    def can_flag(self) -> bool:
        return self.topic_claim_count > 1


def build_topic_page(session: Session, slug: str, source_ids: Sequence[int]) -> TopicPage | None:
    builder = ViewBuilder(session)
    topic = builder.topics_by_slug.get(slug)
    if topic is None:
        return None
    picker = make_picker(session, source_ids)
    links = queries.select_topic_claim_links(session, topic_id=topic.id)
    every_claim = {link.claim.id: link.claim for link in links}
    shown = builder.claims(
        c
        for c in every_claim.values()
        if not picker.selected or c.article.source_id in picker.selected
    )
    # On a topic page the badge is the certainty of what the claim says about the topic,
    # the one its findings compare ("…summit that could lead to an arms deal" is hedged
    # on the deal although the sentence asserts the summit).
    on_topic = {link.claim.id: link.certainty for link in links}
    for view in shown:
        if on_topic[view.id] != view.certainty:
            view.certainty, view.certainty_cue = on_topic[view.id], None

    flags = _topic_flags(session, builder, topic.slug, picker.selected)
    for flag in flags:
        for view in flag.claims:
            for claim in shown:
                if view is not None and claim.id == view.id:
                    claim.flags.append(flag)

    columns: dict[int, SourceColumn] = {}
    for claim in shown:
        columns.setdefault(claim.source.id, SourceColumn(claim.source, [])).claims.append(claim)
    rows, _ = queries.select_findings(
        session, FindingFilter(topic_slug=slug, source_ids=picker.selected)
    )
    findings = builder.findings(rows)
    conflicts = [f for f in findings if f.kind == "conflict"]
    status = filtered_status(topic.status, picker, len(columns), {f.kind for f in findings})
    return TopicPage(
        topic=builder.topic_ref(topic),
        description=topic.description,
        status=status,
        picker=picker,
        columns=sorted(columns.values(), key=lambda col: col.source.name),
        conflicts=conflicts,
        agreements=[f for f in findings if f.kind == "agreement"],
        charts=build_charts(findings),
        flags=flags,
        topic_claim_count=len(every_claim),
    )


def _topic_flags(
    session: Session, builder: ViewBuilder, slug: str, selected: Collection[int]
) -> list[FlagView]:
    flags, _ = queries.select_flags(session, topic_slug=slug)
    views = builder.flags(flags)
    if not selected:
        return views
    return [f for f in views if all(c is not None and c.source.id in selected for c in f.claims)]


def build_charts(findings: Sequence[FindingView]) -> list[Chart]:
    """One interval chart per value kind that has a conflict: a row per value compared by
    the findings of that kind (never a claim's other values of the same kind)."""
    charts = []
    conflicting = dict.fromkeys(
        f.basis for f in findings if f.kind == "conflict" and f.basis != "certainty"
    )
    for kind in conflicting:
        compared: dict[int, tuple[ClaimView, ValueView]] = {}
        for f in findings:
            if f.basis != kind:
                continue
            for claim, value in ((f.claim_a, f.value_a), (f.claim_b, f.value_b)):
                chosen = [value] if value else [v for v in claim.values if v.kind == kind]
                for v in chosen:
                    compared.setdefault(v.id, (claim, v))
        points = [
            (claim.source.name, value)
            for claim, value in sorted(
                compared.values(), key=lambda cv: (cv[0].source.name, cv[0].start, cv[1].start)
            )
        ]
        chart = build_chart(kind, points)
        if chart is not None:
            charts.append(chart)
    return charts


# --- Conflicts page ------------------------------------------------------------------------


@dataclass(slots=True)
class ConflictsPage:
    picker: SourcePicker
    topics: list[TopicRef]
    filters: FindingFilter
    findings: list[FindingView]
    pager: Pager


def build_conflicts_page(session: Session, filters: FindingFilter, page: int) -> ConflictsPage:
    builder = ViewBuilder(session)
    picker = make_picker(session, filters.source_ids)
    rows, total = queries.select_findings(
        session, filters, limit=PAGE_SIZE, offset=page_offset(page)
    )
    pager = make_pager(page, total)
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


def build_claim_card(session: Session, claim_id: int, topic_slug: str) -> ClaimView | None:
    """A claim with the flags of one topic attached, as the topic page shows it."""
    claim = queries.get_claim(session, claim_id)
    if claim is None:
        return None
    builder = ViewBuilder(session)
    view = builder.claim(claim)
    view.flags = [
        f
        for f in _topic_flags(session, builder, topic_slug, ())
        if any(c is not None and c.id == claim_id for c in f.claims)
    ]
    return view


# --- Claims (API) --------------------------------------------------------------------------


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
    """One page of claims filtered by source, topic and certainty, in article order."""
    claims, total = queries.select_claims_page(
        session,
        source_ids=source_ids,
        topic_slug=topic_slug or None,
        certainty=choose("certainty", certainty, CERTAINTIES),
        limit=PAGE_SIZE,
        offset=page_offset(page),
    )
    return ClaimsPage(ViewBuilder(session).claims(claims), make_pager(page, total))


# --- Flag form -----------------------------------------------------------------------------


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
    views = builder.claims(claims.values())
    claim = next(v for v in views if v.id == claim_id)
    choices = sorted((v for v in views if v.id != claim_id), key=lambda c: (c.source.name, c.start))
    return FlagForm(builder.topic_ref(topic), claim, choices)


# --- Sources -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceRow:
    source: SourceRef
    articles: int
    claims: int
    conflicts: int
    agreements: int


@dataclass(slots=True)
class SourcesPage:
    picker: SourcePicker
    rows: list[SourceRow]


def build_sources(session: Session, source_ids: Sequence[int] = ()) -> SourcesPage:
    """Every source (or the selected ones) with its counts; with sources selected, the
    conflicts and agreements counted are those between the selected sources."""
    picker = make_picker(session, source_ids)
    articles = queries.count_articles_by_source(session)
    claims = queries.count_claims_by_source(session)
    involvement: dict[int, Counter[str]] = defaultdict(Counter)
    for s in queries.select_finding_summaries(session, picker.selected):
        involvement[s.source_a][s.kind] += 1
        involvement[s.source_b][s.kind] += 1
    rows = [
        SourceRow(
            source,
            articles.get(source.id, 0),
            claims.get(source.id, 0),
            involvement[source.id]["conflict"],
            involvement[source.id]["agreement"],
        )
        for source in picker.sources
        if not picker.selected or source.id in picker.selected
    ]
    return SourcesPage(picker, rows)


@dataclass(frozen=True, slots=True)
class TextPiece:
    """A run of article text; ``claim`` is set where the run is a highlighted claim."""

    text: str
    claim: ClaimView | None


@dataclass(slots=True)
class ArticleView:
    id: int
    title: str | None
    path: str
    file_name: str
    language: str
    published: str | None
    text: str
    pieces: list[TextPiece]
    claims: list[ClaimView]


@dataclass(slots=True)
class ClaimDetail:
    claim: ClaimView
    findings: list[FindingView]


@dataclass(slots=True)
class SourcePage:
    source: SourceRef
    picker: SourcePicker
    # Empty when only the claim detail was asked for (an HTMX click on a claim).
    articles: list[ArticleView]
    legend: list[TopicRef]
    selected: ClaimDetail | None


def _pieces(article: Article, claims: Sequence[ClaimView]) -> list[TextPiece]:
    """The article text cut at claim boundaries; overlapping claims keep the earlier one."""
    pieces, cursor = [], 0
    for claim in sorted(claims, key=lambda c: c.start):
        if claim.start < cursor or claim.end > len(article.text):
            continue
        if claim.start > cursor:
            pieces.append(TextPiece(article.text[cursor : claim.start], None))
        pieces.append(TextPiece(article.text[claim.start : claim.end], claim))
        cursor = claim.end
    pieces.append(TextPiece(article.text[cursor:], None))
    return [p for p in pieces if p.text]


def build_source_page(
    session: Session,
    source_id: int,
    claim_id: int | None,
    source_ids: Sequence[int] = (),
    *,
    detail_only: bool = False,
) -> SourcePage | None:
    """A source's articles with their claims highlighted, and one claim in context.

    ``source_ids`` limits the findings listed for that claim to those with the selected
    sources; ``detail_only`` builds just the claim (what an HTMX click on a claim shows).
    """
    picker = make_picker(session, source_ids)
    ref = next((s for s in picker.sources if s.id == source_id), None)
    if ref is None:
        return None
    detail = (
        build_claim_detail(session, claim_id, source_id, picker.selected)
        if claim_id is not None
        else None
    )
    if detail_only:
        return SourcePage(ref, picker, [], [], detail)
    source = queries.get_source_with_articles(session, source_id)
    assert source is not None  # listed just above
    builder = ViewBuilder(session)
    claims = builder.claims(queries.select_article_claims(session, [a.id for a in source.articles]))
    by_article: dict[int, list[ClaimView]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article_id].append(claim)
    articles = [
        ArticleView(
            id=a.id,
            title=a.title,
            path=a.path,
            file_name=PurePath(a.path).name,
            language=a.language,
            published=a.published.isoformat() if a.published else None,
            text=a.text,
            pieces=_pieces(a, by_article[a.id]),
            claims=by_article[a.id],
        )
        for a in sorted(source.articles, key=lambda a: a.id)
    ]
    used = {t.slug for c in claims for t in c.topics}
    return SourcePage(
        source=ref,
        picker=picker,
        articles=articles,
        legend=[builder.topic_ref(t) for t in builder.topics if t.slug in used],
        selected=detail,
    )


def build_claim_detail(
    session: Session, claim_id: int, source_id: int, selected: Collection[int] = ()
) -> ClaimDetail | None:
    """A claim of ``source_id`` with its topics and findings; with ``selected`` sources,
    only the findings against claims of those sources."""
    claim = queries.get_claim(session, claim_id)
    if claim is None or claim.article.source_id != source_id:
        return None
    builder = ViewBuilder(session)
    findings = builder.findings(queries.select_findings_of_claim(session, claim_id))
    if selected:
        findings = [f for f in findings if f.other_side(claim_id).source.id in selected]
    return ClaimDetail(builder.claim(claim), findings)


# --- Review page ---------------------------------------------------------------------------


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
    return ReviewPage(picker, entries, pager, counts)


# --- Ingest results ------------------------------------------------------------------------


@dataclass(slots=True)
class IngestResult:
    claims: list[ClaimView]
    conflicts: list[FindingView]
    agreements: list[FindingView]


def build_ingest_result(
    session: Session, claim_ids: Sequence[int], finding_fingerprints: Collection[str]
) -> IngestResult:
    """New claims (by id) and new findings (by fingerprint: ids may be reused meanwhile)."""
    builder = ViewBuilder(session)
    claims = builder.claims(queries.select_claims_by_ids(session, claim_ids))
    rows = queries.select_findings_with_state_by_fingerprints(session, finding_fingerprints)
    findings = builder.findings(rows)
    return IngestResult(
        claims=claims,
        conflicts=[f for f in findings if f.kind == "conflict"],
        agreements=[f for f in findings if f.kind == "agreement"],
    )
