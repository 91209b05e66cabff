"""What comparison works on: plain facts about claims, independent of spaCy and the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class ValueFacts:
    kind: str
    low: float | None  # None: open end
    high: float | None
    unit: str
    text: str
    anchor: tuple[str, ...] = ()  # lemmas the value hangs from (topics.toml matching)
    id: int = 0  # the stored value's id, so a finding can point at what it compared
    nominal: float | None = None  # the figure as written ("más de seis horas": 6 h)
    bound: str | None = None  # more_than | at_least | less_than | at_most | about | almost...
    step: float | None = None  # the precision it is written with (3600 s for "seis horas")
    measured: str = ""  # concept key of what it measures ("death", "meeting", "depth")
    measured_word: str = ""
    aspect: str = "level"  # level | change
    restriction: str = ""  # what narrows a count ("descarril": derailed wagons)
    scope: tuple[str, ...] = ()  # "at:alhaouz", "of:pp", "part", "event:aftershock"...
    modality: str = "actual"  # actual | expected | limit | requested
    certainty: str = "asserted"
    party: str | None = None  # who gives it, when the claim attributes it


@dataclass(frozen=True, slots=True)
class PropositionFacts:
    key: str  # "transfer>weapons"
    head_word: str
    arg_word: str
    agent: str
    certainty: str  # asserted | hedged | denied | mentioned
    party: str | None


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    id: int
    source: str  # the outlet's label: conflicts are between outlets
    outlet: str  # the outlet's key (sources.key): what fingerprints are built on
    fingerprint: str
    text: str
    certainty: str  # of the sentence's main statement
    attributed_to: str | None
    values: tuple[ValueFacts, ...]
    lemmas: frozenset[str]  # content lemmas, for judging whether two claims say the same thing
    cues: frozenset[str] = frozenset()  # cues of a defined topic this claim contains
    article: int = 0
    published: datetime | None = None  # the article's publication time, when known
    published_precision: str | None = None  # day | minute
    published_day: date | None = None  # the day in the outlet's own time zone
    propositions: tuple[PropositionFacts, ...] = ()
    defined: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class TopicFacts:
    slug: str
    label: str
    value_kinds: tuple[str, ...]
    requires_value: bool


@dataclass(frozen=True, slots=True)
class FindingDraft:
    topic: str
    kind: str  # conflict | agreement | update | dispute
    severity: str | None  # hard | soft for conflicts and disputes
    basis: str  # the value kind compared, or "certainty"
    claim_a: ClaimFacts
    claim_b: ClaimFacts
    explanation: str
    # The values compared (None for certainty) and their slot: two slots between the same
    # claims are two findings.
    value_a: ValueFacts | None = None
    value_b: ValueFacts | None = None
    slot: str = ""
    note: str = ""  # "different precision", "B states the police's figure as fact"...
    certainty_a: str | None = None
    certainty_b: str | None = None
    party_a: str | None = None
    party_b: str | None = None


# How sure an outlet is of a claim. Here, free of spaCy, so the dashboard can import it.
CERTAINTIES = ("asserted", "hedged", "denied")
