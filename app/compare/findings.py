"""Comparing a whole corpus: its topics (discovered, and defined by a topics.toml) and the
findings inside each, from value slots and from shared propositions.

The result depends only on the claims given, never on their order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.compare.clock_zones import unify_zones
from app.compare.discover import (
    TopicPlan,
    merge_defined,
    statement_entries,
    statement_topics,
    value_topics,
)
from app.compare.facts import ClaimFacts, FindingDraft, TopicFacts
from app.compare.instances import occurrences
from app.compare.named_events import mark_named_events
from app.compare.recurring import recurring_slots
from app.compare.slots import build_slots, corpus_of, mark_secondary_events, story_names
from app.compare.statements import MENTIONED, compare_statement
from app.compare.value_findings import CompareOptions, compare_slot

# Topic statuses, most urgent first (the overview sorts by this).
STATUSES = ("conflict", "dispute", "mixed", "update", "agreement", "single-source")


@dataclass(frozen=True, slots=True)
class Comparison:
    topics: list[TopicPlan]
    findings: list[FindingDraft]


def compare_corpus(
    claims: Sequence[ClaimFacts],
    defined: Sequence[TopicFacts] = (),
    members: Mapping[str, set[int]] | None = None,
    options: CompareOptions | None = None,
) -> Comparison:
    """Topics and findings of a corpus. ``members`` are the claims of each defined topic
    (matched by its cues at ingest)."""
    options = options or CompareOptions()
    ordered = sorted(claims, key=lambda c: (c.source, c.fingerprint, c.id))
    claims = mark_secondary_events(mark_named_events(ordered))
    claims = unify_zones(claims, dict(options.zone_names))
    corpus = corpus_of(claims, options)
    slots = build_slots(claims, corpus)
    numbers = occurrences(slots, options.event_concepts)
    recurring = recurring_slots(slots, story_names(corpus) | options.calamities)
    statements = statement_entries(claims, options.implies, story_names(corpus))
    discovered = value_topics(slots) + statement_topics(statements)
    plans = merge_defined(discovered, defined, members or {})
    drafts: list[FindingDraft] = []
    for plan in plans:
        for key in plan.slots:
            if key in recurring:
                continue  # "al cierre del viernes", "el cierre del lunes": which close?
            drafts.extend(compare_slot(plan.slug, plan.label, key, slots[key], options, numbers))
        seen: set[tuple] = set()
        for key in plan.statements:
            stated = [e for e in statements[key] if e.proposition.certainty != MENTIONED]
            anaphoric = options.anaphoric_parties
            for draft in compare_statement(plan.slug, plan.label, key, stated, anaphoric):
                identity = (draft.claim_a.source, draft.claim_b.source, draft.kind, draft.severity)
                if identity not in seen:
                    seen.add(identity)
                    drafts.append(draft)
    return Comparison(plans, drafts)


def topic_status(source_count: int, kinds: Iterable[str]) -> str:
    """single-source; conflict (outlets contradict each other, nothing agrees); dispute
    (parties disagree); mixed (conflicts and agreements, or sources that never meet);
    update (figures that changed over time); agreement.

    ``source_count`` is how many outlets have claims on the topic, ``kinds`` the kinds of its
    findings; the dashboard applies the same rule to a source-filtered view.
    """
    found = set(kinds)
    if source_count < 2 and "update" not in found:
        return "single-source"
    if "conflict" in found:
        return "mixed" if "agreement" in found else "conflict"
    if "dispute" in found:
        return "dispute"
    if "update" in found:
        return "update"
    if "agreement" in found:
        return "agreement"
    return "mixed"
