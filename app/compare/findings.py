"""Findings: where claims of different sources on one topic agree or conflict.

Values compare as intervals: identical intervals agree, overlapping ones are a
*soft* conflict (the figures or their precision differ: "más de tres horas"
against "seis horas"), disjoint ones a *hard* conflict. Claims without
comparable values compare by certainty: one source asserting what another
reports as denied is a hard conflict, as speculation a soft one.

Each pair of sources yields at most one finding per slot and one on certainty,
the strongest, so a topic's findings grow with sources, not with sentences.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import combinations

from app.compare.describe import format_interval
from app.compare.facts import ClaimFacts, FindingDraft, TopicFacts, ValueFacts
from app.compare.slots import SlotEntry, build_slots

SNIPPET_CHARS = 90

CERTAINTY_WORDS = {
    "asserted": "asserts",
    "hedged": "reports as speculation or unconfirmed",
    "denied": "reports as denied",
}
# (certainty a, certainty b) -> severity of the conflict; unlisted different pairs are not compared.
CERTAINTY_CONFLICTS = {
    frozenset({"asserted", "denied"}): "hard",
    frozenset({"asserted", "hedged"}): "soft",
}
STRENGTH = {("conflict", "hard"): 3, ("conflict", "soft"): 2, ("agreement", None): 1}


def relate_intervals(a: ValueFacts, b: ValueFacts) -> tuple[str, str | None]:
    """(kind, severity) of two values: agreement, soft conflict or hard conflict."""
    if (a.low, a.high) == (b.low, b.high):
        return "agreement", None
    a_low = float("-inf") if a.low is None else a.low
    b_low = float("-inf") if b.low is None else b.low
    a_high = float("inf") if a.high is None else a.high
    b_high = float("inf") if b.high is None else b.high
    if a_low <= b_high and b_low <= a_high:
        return "conflict", "soft"
    return "conflict", "hard"


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > SNIPPET_CHARS:
        text = text[: SNIPPET_CHARS - 1].rstrip() + "…"
    return f"“{text}”"


def _speaker(claim: ClaimFacts) -> str:
    if claim.attributed_to:
        return f"{claim.source} (citing {claim.attributed_to})"
    return claim.source


def explain_values(severity: str | None, a: SlotEntry, b: SlotEntry, topic: TopicFacts) -> str:
    def side(entry: SlotEntry) -> str:
        v = entry.value
        shown = format_interval(v.kind, v.low, v.high, v.unit)
        return f"{_speaker(entry.claim)} gives {shown} ({_quote(v.text)})"

    verdict = {
        "hard": "the two cannot both be true",
        "soft": "the figures overlap but differ in value or precision",
        None: "they agree",
    }[severity]
    return f"{topic.label}: {side(a)}; {side(b)} — {verdict}."


def explain_certainty(
    kind: str, severity: str | None, a: ClaimFacts, b: ClaimFacts, topic: TopicFacts
) -> str:
    def side(claim: ClaimFacts) -> str:
        return f"{_speaker(claim)} {CERTAINTY_WORDS[claim.certainty]} {_quote(claim.text)}"

    if kind == "agreement":
        return f"{topic.label}: {side(a)}; {side(b)} — both report it the same way."
    return f"{topic.label}: {side(a)}; {side(b)} — {severity} conflict of certainty."


def _by_source(entries: Iterable[SlotEntry]) -> dict[str, list[SlotEntry]]:
    grouped: dict[str, list[SlotEntry]] = {}
    for entry in entries:
        grouped.setdefault(entry.claim.source, []).append(entry)
    return grouped


def _anchor_overlap(a: SlotEntry, b: SlotEntry) -> int:
    return len(set(a.value.anchor) & set(b.value.anchor))


def compare_values(topic: TopicFacts, claims: Sequence[ClaimFacts]) -> list[FindingDraft]:
    drafts: list[FindingDraft] = []
    for key, entries in sorted(build_slots(topic, claims).items()):
        grouped = _by_source(entries)
        for source_a, source_b in combinations(sorted(grouped), 2):
            best: tuple[tuple[int, int, str, str], SlotEntry, SlotEntry, str, str | None] | None
            best = None
            for a in grouped[source_a]:
                for b in grouped[source_b]:
                    kind, severity = relate_intervals(a.value, b.value)
                    # Prefer values that measure the same words, then the strongest relation;
                    # the fingerprints break ties so the result never depends on input order.
                    rank = (
                        _anchor_overlap(a, b),
                        STRENGTH[(kind, severity)],
                        a.claim.fingerprint,
                        b.claim.fingerprint,
                    )
                    if best is None or rank > best[0]:
                        best = (rank, a, b, kind, severity)
            assert best is not None
            _, a, b, kind, severity = best
            drafts.append(
                FindingDraft(
                    topic=topic.slug,
                    kind=kind,
                    severity=severity,
                    basis=key.kind,
                    claim_a=a.claim,
                    claim_b=b.claim,
                    explanation=explain_values(severity, a, b, topic),
                    value_a=a.value,
                    value_b=b.value,
                    slot=f"{key.kind}:{key.unit}",
                )
            )
    return drafts


def lemma_weights(claims: Sequence[ClaimFacts]) -> dict[str, float]:
    """Inverse document frequency of each lemma among the topic's claims: words every
    claim shares (the protagonists' names) say little about whether two claims match."""
    counts = Counter(lemma for claim in claims for lemma in claim.lemmas)
    total = len(claims)
    return {lemma: math.log((total + 1) / count) for lemma, count in counts.items()}


def similarity(a: ClaimFacts, b: ClaimFacts, weights: dict[str, float]) -> float:
    """Weighted share of the lighter claim's lemmas that the other claim also has."""

    def weight(lemmas: Iterable[str]) -> float:
        return sum(weights.get(lemma, 0.0) for lemma in lemmas)

    smaller = min(weight(a.lemmas), weight(b.lemmas))
    return weight(a.lemmas & b.lemmas) / smaller if smaller else 0.0


def _cue_words(claim: ClaimFacts) -> set[str]:
    """Words of the topic cues a claim matched: cues "sale of shares" and "transfer of
    shares" share "shares", so their claims speak about the same thing."""
    return {word for cue in claim.cues for word in cue.split() if len(word) > 2}


def relate_certainty(a: ClaimFacts, b: ClaimFacts) -> tuple[str, str | None] | None:
    if a.certainty == b.certainty:
        return "agreement", None
    severity = CERTAINTY_CONFLICTS.get(frozenset({a.certainty, b.certainty}))
    return ("conflict", severity) if severity else None


def compare_certainty(topic: TopicFacts, claims: Sequence[ClaimFacts]) -> list[FindingDraft]:
    grouped: dict[str, list[ClaimFacts]] = {}
    for claim in claims:
        grouped.setdefault(claim.source, []).append(claim)
    weights = lemma_weights(claims)
    drafts: list[FindingDraft] = []
    for source_a, source_b in combinations(sorted(grouped), 2):
        best = None
        for a in grouped[source_a]:
            for b in grouped[source_b]:
                relation = relate_certainty(a, b)
                if relation is None or _cue_words(a).isdisjoint(_cue_words(b)):
                    continue
                overlap = similarity(a, b, weights)
                # Strongest disagreement first; then claims in the outlets' own voice, which
                # say what the outlet itself holds; then the most similar pair.
                own_voice = (a.attributed_to is None) + (b.attributed_to is None)
                rank = (STRENGTH[relation], own_voice, overlap, a.fingerprint, b.fingerprint)
                if best is None or rank > best[0]:
                    best = (rank, a, b, relation)
        if best is not None:
            _, a, b, (kind, severity) = best
            drafts.append(
                FindingDraft(
                    topic=topic.slug,
                    kind=kind,
                    severity=severity,
                    basis="certainty",
                    claim_a=a,
                    claim_b=b,
                    explanation=explain_certainty(kind, severity, a, b, topic),
                )
            )
    return drafts


def compare_topic(topic: TopicFacts, claims: Sequence[ClaimFacts]) -> list[FindingDraft]:
    """All findings of one topic: values compared in their slots and, unless the topic is
    only about values, certainty. Claim a's source always sorts before claim b's, and the
    result does not depend on the order of ``claims``."""
    drafts = compare_values(topic, claims)
    if not topic.requires_value:
        drafts.extend(compare_certainty(topic, claims))
    return drafts


def topic_status(source_count: int, kinds: Iterable[str]) -> str:
    """single-source, conflict, agreement, or mixed (both, or several sources that never meet).

    ``source_count`` is how many outlets have claims on the topic, ``kinds`` the kinds of its
    findings; the dashboard applies the same rule to a source-filtered view.
    """
    if source_count < 2:
        return "single-source"
    found = set(kinds)
    if found == {"conflict"}:
        return "conflict"
    if found == {"agreement"}:
        return "agreement"
    return "mixed"
