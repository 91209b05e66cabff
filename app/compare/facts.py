"""What comparison works on: plain facts about claims, independent of spaCy and the database."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ValueFacts:
    kind: str
    low: float | None  # None: open end
    high: float | None
    unit: str
    text: str
    anchor: tuple[str, ...]  # lemmas of what the value measures
    id: int = 0  # the stored value's id, so a finding can point at what it compared


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    id: int
    source: str  # the outlet: only claims of different outlets are compared
    fingerprint: str
    text: str
    certainty: str  # asserted | hedged | denied
    attributed_to: str | None
    values: tuple[ValueFacts, ...]
    lemmas: frozenset[str]  # content lemmas, for judging whether two claims say the same thing
    cues: frozenset[str]  # the topic's cues this claim contains


@dataclass(frozen=True, slots=True)
class TopicFacts:
    slug: str
    label: str
    value_kinds: tuple[str, ...]
    requires_value: bool
    cue_words: frozenset[str]  # content words of the cues, for value anchors


@dataclass(frozen=True, slots=True)
class FindingDraft:
    topic: str
    kind: str  # conflict | agreement
    severity: str | None  # hard | soft for conflicts
    basis: str  # the value kind compared, or "certainty"
    claim_a: ClaimFacts
    claim_b: ClaimFacts
    explanation: str
    # The values compared (None for certainty) and their slot ("count:misil"): two count
    # slots between the same claims are two findings.
    value_a: ValueFacts | None = None
    value_b: ValueFacts | None = None
    slot: str = ""


# How sure an outlet is of a claim. Here, free of spaCy, so the dashboard can import it.
CERTAINTIES = ("asserted", "hedged", "denied")
