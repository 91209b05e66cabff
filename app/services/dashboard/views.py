"""View types every dashboard page shares (builder.ViewBuilder makes them from ORM rows).

Certainty has one meaning per field: ``ClaimView.certainty`` is always the sentence's
("statement"); ``ClaimView.topic_certainty`` is the certainty of what the claim says about
the topic it is shown under (topic pages, finding cards, the flag form) and is None
elsewhere; each of ``ClaimView.topics`` carries the claim's certainty on that topic.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from math import ceil

from sqlalchemy.orm import Session

from app.compare.findings import STATUSES, topic_status
from app.db import queries
from app.db.queries import FindingFilter
from app.services.dashboard.words import (
    SlotView,
    parties_label,
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


def check_page(pager: Pager, field: str = "page") -> Pager:
    """``pager`` unless its page lies past the last one: a bookmark of a list that has since
    shrunk, or a typed URL, is told so (404) rather than shown an empty page."""
    if pager.page > pager.pages:
        raise InputError(
            field, f"There is no {field} {pager.page}: the last is {pager.pages}.", status=404
        )
    return pager


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
    "check_page",
    "choose",
    "filtered_status",
    "finding_anchor",
    "kind_rank",
    "make_finding_filter",
    "make_pager",
    "make_picker",
    "page_offset",
    "status_rank",
]
