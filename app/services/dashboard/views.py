"""View types every dashboard page shares, and the builder that turns ORM rows into them.

Certainty has one meaning per field: ``ClaimView.certainty`` is always the sentence's
("statement"); ``ClaimView.topic_certainty`` is the certainty of what the claim says about
the topic it is shown under (topic pages, finding cards, the flag form) and is None
elsewhere; each of ``ClaimView.topics`` carries the claim's certainty on that topic.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from math import ceil

from sqlalchemy.orm import Session

from app.compare.describe import format_interval
from app.compare.findings import STATUSES, topic_status
from app.db import queries
from app.db.models import Claim, ClaimValue, Finding, Flag, Review, Topic
from app.db.queries import FindingFilter
from app.services.dashboard.words import (
    SlotView,
    describe_slot,
    parties_label,
    published_label,
    value_context,
)
from app.services.errors import InputError

PAGE_SIZE = 50
# Deeper than anyone pages; keeps offsets (page × size) well inside a database integer.
MAX_PAGE = 100_000
# Topic statuses, most urgent first (the engine's order).
STATUS_ORDER = STATUSES
SEVERITIES = ("hard", "soft")
STATES = ("open", "confirmed", "dismissed")
# Finding kinds, most urgent first: outlets contradict each other, parties disagree, a
# later figure supersedes an earlier one, outlets agree.
KINDS = ("conflict", "dispute", "update", "agreement")
DISAGREEMENTS = ("conflict", "dispute", "update")


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
class ClaimTopicRef:
    """A topic a claim belongs to, with the certainty of what the claim says about it."""

    slug: str
    label: str
    colour: int
    certainty: str


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
    measured: str = ""
    measured_word: str = ""
    scope: tuple[str, ...] = ()
    modality: str = "actual"
    bound: str | None = None
    aspect: str = "level"
    certainty: str = "asserted"
    party: str | None = None
    # Scope, modality and aspect in words: ("in Al Haouz", "planned/expected").
    context: tuple[str, ...] = ()


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
    # The sentence's certainty (its main statement).
    certainty: str
    certainty_cue: str | None
    attributed_to: str | None
    values: list[ValueView]
    topics: list[ClaimTopicRef]
    segments: list[Segment]
    flags: list[FlagView] = field(default_factory=list)
    # The certainty on the topic this claim is shown under; None outside a topic.
    topic_certainty: str | None = None
    # When its article was published, as precisely as known.
    published: str | None = None


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
    kind: str  # conflict | dispute | update | agreement
    severity: str | None
    basis: str
    explanation: str
    # The claims with only the compared values highlighted, each with its certainty on the
    # finding's topic. For an update, claim_a is the earlier report, claim_b the later one.
    claim_a: ClaimView
    claim_b: ClaimView
    # The values compared; None for certainty findings.
    value_a: ValueView | None
    value_b: ValueView | None
    state: str
    review: ReviewView | None
    # The value slot or proposition compared, in words.
    slot: SlotView
    # Why beyond the kind: "different precision", "X states the police's figure as fact"...
    note: str = ""
    certainty_a: str | None = None
    certainty_b: str | None = None
    party_a: str | None = None
    party_b: str | None = None

    @property
    def anchor(self) -> str:
        return finding_anchor(self.fingerprint)

    @property
    def certainties(self) -> tuple[str | None, str | None]:
        return self.certainty_a, self.certainty_b

    @property
    def parties(self) -> tuple[str | None, str | None]:
        return self.party_a, self.party_b

    @property
    def parties_label(self) -> str | None:
        """ "police vs organisers" for a dispute (or any finding whose sides are attributed)."""
        return parties_label(self.party_a, self.party_b)

    @property
    def slot_key(self) -> str:
        return self.slot.key

    @property
    def slot_label(self) -> str:
        return self.slot.heading

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
        self._main_event: tuple[str, ...] | None = None

    @property
    def main_event(self) -> tuple[str, ...]:
        """The scope term of the event the corpus is about ("event:earthquake"): every value
        of the corpus is about it, so it is not repeated on each (other events are)."""
        if self._main_event is None:
            counts = queries.count_event_scopes(self.session)
            best = max(counts.items(), key=lambda kv: (kv[1], kv[0]), default=None)
            self._main_event = (best[0],) if best else ()
        return self._main_event

    def value(self, value: ClaimValue) -> ValueView:
        return value_view(value, hidden=self.main_event)

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

    def _certainties(self, claims: Iterable[Claim]) -> dict[int, dict[int, str]]:
        return queries.select_topic_certainties_of_claims(self.session, {c.id for c in claims})

    def claims(self, claims: Iterable[Claim], topic: Topic | None = None) -> list[ClaimView]:
        """Claim cards: every value of a claim highlighted; with ``topic``, each card carries
        its certainty on that topic."""
        claims = list(claims)
        windows = self._windows(claims)
        certainties = self._certainties(claims)
        topic_id = topic.id if topic is not None else None
        return [
            self._claim(claim, windows[claim.id], certainties.get(claim.id, {}), topic_id)
            for claim in claims
        ]

    def claim(self, claim: Claim, topic: Topic | None = None) -> ClaimView:
        return self.claims([claim], topic)[0]

    def _claim(
        self,
        claim: Claim,
        window: tuple[int, int],
        certainties: dict[int, str],
        topic_id: int | None,
        marked: Sequence[ClaimValue] | None = None,
        fallback: str | None = None,
    ) -> ClaimView:
        """``marked``: the values to highlight (all of the claim's when None); ``fallback``:
        the certainty on ``topic_id`` when the claim has no link to it (the finding's)."""
        article = claim.article
        values = sorted(claim.values, key=lambda v: v.start)
        spans = [(v.start, v.end) for v in (values if marked is None else marked)]
        topics = [
            ClaimTopicRef(ref.slug, ref.label, ref.colour, certainties.get(t.id, claim.certainty))
            for t in claim.topics
            if (ref := self.topic_refs.get(t.id)) is not None
        ]
        on_topic = None
        if topic_id is not None:
            on_topic = certainties.get(topic_id) or fallback or claim.certainty
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
            values=[self.value(v) for v in values],
            topics=topics,
            segments=split_segments(article.text, window, (claim.start, claim.end), spans)
            or [Segment(claim.text, "claim")],
            topic_certainty=on_topic,
            published=published_label(article.published_at, article.published_precision),
        )

    def findings(self, rows: Sequence[tuple[Finding, str]]) -> list[FindingView]:
        """Findings whose claims highlight only the two values compared, each claim with its
        certainty on the finding's topic."""
        reviews = queries.select_latest_reviews(self.session, {f.fingerprint for f, _ in rows})
        claims = {c.id: c for f, _ in rows for c in (f.claim_a, f.claim_b)}
        windows = self._windows(list(claims.values()))
        certainties = self._certainties(claims.values())
        views = []
        for finding, state in rows:
            marked_a = compared_values(finding.claim_a, finding.value_a, finding.basis)
            marked_b = compared_values(finding.claim_b, finding.value_b, finding.basis)
            words = [v.measured_word for v in (finding.value_a, finding.value_b) if v]
            views.append(
                FindingView(
                    id=finding.id,
                    fingerprint=finding.fingerprint,
                    topic=self.topic_ref(finding.topic),
                    kind=finding.kind,
                    severity=finding.severity,
                    basis=finding.basis,
                    explanation=finding.explanation,
                    claim_a=self._claim(
                        finding.claim_a,
                        windows[finding.claim_a_id],
                        certainties.get(finding.claim_a_id, {}),
                        finding.topic_id,
                        marked_a,
                        finding.certainty_a,
                    ),
                    claim_b=self._claim(
                        finding.claim_b,
                        windows[finding.claim_b_id],
                        certainties.get(finding.claim_b_id, {}),
                        finding.topic_id,
                        marked_b,
                        finding.certainty_b,
                    ),
                    value_a=self.value(finding.value_a) if finding.value_a else None,
                    value_b=self.value(finding.value_b) if finding.value_b else None,
                    state=state,
                    review=_review_view(reviews.get(finding.fingerprint)),
                    slot=describe_slot(finding.slot or "", finding.basis, words),
                    note=finding.note or "",
                    certainty_a=finding.certainty_a,
                    certainty_b=finding.certainty_b,
                    party_a=finding.party_a,
                    party_b=finding.party_b,
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


def value_view(value: ClaimValue, hidden: Collection[str] = ()) -> ValueView:
    """A value, its scope in words without the ``hidden`` terms (the corpus's own event)."""
    scope = tuple(value.scope or ())
    shown = [t for t in scope if t not in hidden]
    return ValueView(
        id=value.id,
        start=value.start,
        kind=value.kind,
        text=value.text,
        label=format_interval(value.kind, value.low, value.high, value.unit),
        low=value.low,
        high=value.high,
        unit=value.unit,
        measured=value.measured or "",
        measured_word=value.measured_word or "",
        scope=scope,
        modality=value.modality or "actual",
        bound=value.bound,
        aspect=value.aspect or "level",
        certainty=value.certainty or "asserted",
        party=value.party,
        context=value_context(shown, value.modality, value.aspect, value.restriction or ""),
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


def status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def kind_rank(kind: str) -> int:
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def make_picker(session: Session, selected: Sequence[int]) -> SourcePicker:
    sources = [SourceRef(s.id, s.name) for s in queries.select_sources(session)]
    return SourcePicker(sources, tuple(sorted(set(selected))))


__all__ = [
    "DISAGREEMENTS",
    "KINDS",
    "MAX_PAGE",
    "PAGE_SIZE",
    "SEVERITIES",
    "STATES",
    "STATUS_ORDER",
    "ClaimTopicRef",
    "ClaimView",
    "FindingFilter",
    "FindingView",
    "FlagView",
    "Pager",
    "ReviewView",
    "Segment",
    "SlotView",
    "SourcePicker",
    "SourceRef",
    "TopicRef",
    "ValueView",
    "ViewBuilder",
    "choose",
    "compared_values",
    "filtered_status",
    "finding_anchor",
    "kind_rank",
    "make_finding_filter",
    "make_pager",
    "make_picker",
    "page_offset",
    "split_segments",
    "status_rank",
    "value_view",
]
