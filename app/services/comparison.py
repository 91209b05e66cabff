"""Refreshing topics, findings and statuses from the stored claims, in one transaction.

Comparison needs no spaCy: every claim was stored with what its values measure, their
scope and modality, and the propositions it states (app/services/analysis.py). Topics are
discovered from those; a topics.toml only adds labels (app/compare/discover.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, update
from sqlalchemy.orm import Session, sessionmaker
from unidecode import unidecode

from app.compare.discover import TopicPlan
from app.compare.facts import ClaimFacts, FindingDraft, PropositionFacts, TopicFacts, ValueFacts
from app.compare.findings import compare_corpus, topic_status
from app.compare.value_findings import CompareOptions
from app.db import queries
from app.db.models import ClaimTopic, Finding, FindingKey, Review, Topic
from app.nlp.data import load_language_data
from app.services.crash_points import crash_point
from app.services.derived import FINDINGS, settle
from app.services.identity import (
    draft_meaning,
    fingerprints,
    plain_fingerprint,
    qualified_fingerprint,
    stored_meaning,
)


def topic_facts(topic: Topic) -> TopicFacts:
    definition = topic.definition or {}
    return TopicFacts(
        slug=topic.slug,
        label=topic.label,
        value_kinds=tuple(definition.get("value_kinds", ())),
        requires_value=bool(definition.get("requires_value", False)),
    )


def _vague_measures(lang: str) -> frozenset[str]:
    """Verbs and nouns that say nothing of what a figure measures: light and reading verbs
    ("hubo", "hablaba de"), report and quantity nouns ("el balance", "la cifra")."""
    scope = load_language_data(lang, "scope")
    predicates = load_language_data(lang, "values")["predicates"]
    return frozenset(
        [
            *scope["measured"]["light_verbs"],
            *scope["scope"]["reading_verbs"],
            *scope["scope"]["report_nouns"],
            *predicates["quantity_nouns"],
        ]
    )


def compare_options(lang: str = "es") -> CompareOptions:
    data = load_language_data(lang, "concepts")
    concepts = data["concept"]
    anaphoric = load_language_data(lang, "scope")["scope"]["anaphoric_parties"]
    return CompareOptions(
        may_decrease=frozenset(c["id"] for c in concepts if c.get("may_decrease")),
        event_concepts=frozenset(c["id"] for c in concepts if c.get("event")),
        owned_concepts=frozenset(c["id"] for c in concepts if c.get("owned")),
        evolving=frozenset(c["id"] for c in concepts if c.get("evolves"))
        | frozenset(data.get("evolving_kinds", ())),
        anaphoric_parties=frozenset(unidecode(word).lower() for word in anaphoric),
        implies=frozenset((c["id"], other) for c in concepts for other in c.get("implies", ())),
        story_concepts=frozenset(c["id"] for c in concepts if c.get("story")),
        calamities=frozenset(c["id"] for c in concepts if c.get("calamity")),
        concepts=frozenset(c["id"] for c in concepts),
        role_concepts=frozenset(c["id"] for c in concepts if c.get("roles")),
        personal_concepts=frozenset(c["id"] for c in concepts if c.get("personal")),
        vague_measures=_vague_measures(lang),
        zone_names=tuple(sorted(load_language_data(lang, "values")["clock"]["zone_names"].items())),
        participle_endings=tuple(
            (ending, tuple(infinitives))
            for ending, infinitives in sorted(
                load_language_data(lang, "morphology")["participle"]["endings"].items()
            )
        ),
    )


def value_facts(v) -> ValueFacts:
    return ValueFacts(
        kind=v.kind,
        low=v.low,
        high=v.high,
        unit=v.unit,
        text=v.text,
        anchor=tuple(v.anchor.split()),
        id=v.id,
        nominal=v.nominal,
        bound=v.bound,
        step=v.step,
        measured=v.measured,
        measured_word=v.measured_word,
        aspect=v.aspect,
        restriction=v.restriction,
        scope=tuple(v.scope or ()),
        modality=v.modality,
        certainty=v.certainty,
        party=v.party,
    )


def claim_facts(row: queries.ClaimRow) -> ClaimFacts:
    claim = row.claim
    return ClaimFacts(
        id=claim.id,
        source=row.source_name,
        outlet=row.source_key,
        fingerprint=claim.fingerprint,
        text=claim.text,
        certainty=claim.certainty,
        attributed_to=claim.attributed_to,
        values=tuple(value_facts(v) for v in claim.values),
        lemmas=frozenset(claim.lemmas.split()),
        article=claim.article_id,
        published=row.published_at,
        published_precision=row.published_precision,
        published_day=row.published_day,
        propositions=tuple(
            PropositionFacts(p.key, p.head_word, p.arg_word, p.agent, p.certainty, p.party)
            for p in claim.propositions
        ),
    )


def refresh_findings(session_factory: sessionmaker[Session]) -> list[int]:
    """``refresh_in`` in a transaction of its own, which also settles the findings' debt."""
    with session_factory.begin() as session:
        new_ids = refresh_in(session)
        settle(session, FINDINGS)
        return new_ids


def refresh_in(session: Session) -> list[int]:
    """Bring topics, their claims, findings and statuses up to date, in the caller's
    transaction: a crash half-way leaves all of them as they were.

    A finding that still holds keeps its row and id (pages and bookmarks point at it);
    its claims and wording are updated, since re-ingested claims get new rows. A finding
    found again after its rows were replaced (its article re-ingested) gets its old id
    back. Returns the ids of findings never seen before.
    """
    claims = [claim_facts(row) for row in queries.select_claims_for_comparison(session)]
    topics = {t.slug: t for t in queries.select_topics(session)}
    defined = [t for t in topics.values() if t.origin == "defined"]
    members = queries.select_cue_members(session)
    comparison = compare_corpus(
        claims, [topic_facts(t) for t in defined], members, compare_options()
    )
    rows = _store_topics(session, topics, comparison.topics)
    _store_links(session, rows, comparison.topics)
    crash_point("refresh:after-links")
    new_ids = _store_findings(session, rows, comparison.findings)
    crash_point("refresh:after-findings")
    kinds: dict[str, set[str]] = {}
    for draft in comparison.findings:
        kinds.setdefault(draft.topic, set()).add(draft.kind)
    outlets = queries.count_topic_outlets(session)
    for slug, topic in rows.items():
        topic.status = topic_status(outlets.get(topic.id, 0), kinds.get(slug, ()))
    return new_ids


def _store_topics(
    session: Session, existing: dict[str, Topic], plans: Sequence[TopicPlan]
) -> dict[str, Topic]:
    wanted = {plan.slug: plan for plan in plans}
    for slug, topic in existing.items():
        if topic.origin == "discovered" and slug not in wanted:
            session.delete(topic)
    rows: dict[str, Topic] = {}
    for plan in plans:
        topic = existing.get(plan.slug)
        if topic is None:
            topic = Topic(slug=plan.slug, origin=plan.origin, definition={})
            session.add(topic)
        if plan.origin == "discovered":
            topic.label, topic.description = plan.label, plan.description
            topic.definition = {
                "kind": plan.kind,
                "slots": [k.text for k in plan.slots],
                "statements": plan.statements,
            }
        rows[plan.slug] = topic
    session.flush()
    return rows


def _store_links(session: Session, rows: dict[str, Topic], plans: Sequence[TopicPlan]) -> None:
    """Discovered topics' links are rewritten; a defined topic keeps its cue-matched links
    and gains the claims of what merged into it. Each link carries the certainty of what
    the claim says about the topic: the one its findings compare."""
    discovered = [rows[p.slug].id for p in plans if p.origin == "discovered"]
    defined = [rows[p.slug].id for p in plans if p.origin == "defined"]
    if discovered:
        session.execute(delete(ClaimTopic).where(ClaimTopic.topic_id.in_(discovered)))
    if defined:
        session.execute(
            delete(ClaimTopic).where(ClaimTopic.topic_id.in_(defined), ClaimTopic.cues == "")
        )
    cue_links = queries.select_cue_links(session, defined)
    for plan in plans:
        topic_id = rows[plan.slug].id
        for claim_id, certainty in sorted(plan.certainty.items()):
            link = cue_links.get((claim_id, topic_id))
            if link is not None:
                link.certainty = certainty
            else:
                session.add(
                    ClaimTopic(
                        claim_id=claim_id, topic_id=topic_id, score=0, cues="", certainty=certainty
                    )
                )
    session.flush()


def _store_findings(
    session: Session, rows: dict[str, Topic], drafts: Sequence[FindingDraft]
) -> list[int]:
    existing = queries.select_findings_by_fingerprint(session)
    known = queries.select_finding_keys(session)
    wanted: dict[str, dict[str, Any]] = {}
    found = fingerprints([draft_meaning(d) for d in drafts])
    for draft, fingerprint in zip(drafts, found, strict=True):
        if fingerprint not in wanted:
            wanted[fingerprint] = _finding_values(rows[draft.topic], draft, fingerprint)
    _carry_renamed(session, existing, wanted, known)
    for fingerprint, row in list(existing.items()):
        if fingerprint not in wanted:
            session.delete(row)
            del existing[fingerprint]
    session.flush()  # before any insert: a finding found again may take back a freed id
    taken = {row.id for row in existing.values()}
    next_id = max([*known.values(), *taken], default=0) + 1
    new_rows: list[dict[str, Any]] = []
    new_keys: list[dict[str, Any]] = []
    never_seen: list[int] = []
    for fingerprint, fresh in wanted.items():
        row = existing.get(fingerprint)
        if row is not None:
            # Most findings of a refresh are unchanged: only what differs is set.
            for column in UPDATED_COLUMNS:
                if getattr(row, column) != fresh[column]:
                    setattr(row, column, fresh[column])
            continue
        former = known.get(fingerprint)
        if former is not None and former not in taken:
            fresh["id"] = former  # found again: the same page, the same id
        else:
            # Ids are handed out here, never by the database: it may reuse a deleted
            # finding's id, which that finding gets back if it is found again.
            fresh["id"], next_id = next_id, next_id + 1
            if former is None:
                never_seen.append(fresh["id"])
                new_keys.append({"fingerprint": fingerprint, "finding_id": fresh["id"]})
                known[fingerprint] = fresh["id"]
            else:
                _remember(session, known, fingerprint, fresh["id"])
        taken.add(fresh["id"])
        new_rows.append(fresh)
    session.flush()
    # New findings and their keys in one executemany each, past the unit of work.
    if new_rows:
        session.execute(insert(Finding), new_rows)
    if new_keys:
        session.execute(insert(FindingKey), new_keys)
    # New findings, changed kinds and relabelled topics move others: every place is redone.
    queries.rank_findings(session)
    return never_seen


def _remember(session: Session, known: dict[str, int], fingerprint: str, finding_id: int) -> None:
    if fingerprint in known:
        session.get_one(FindingKey, fingerprint).finding_id = finding_id
    else:
        session.add(FindingKey(fingerprint=fingerprint, finding_id=finding_id))
    known[fingerprint] = finding_id


def _carry_renamed(
    session: Session,
    existing: dict[str, Finding],
    wanted: dict[str, Finding],
    known: dict[str, int],
) -> None:
    """A stored finding whose fingerprint changed while it still means the same (a database
    upgraded to new fingerprints, an outlet given a key, a collision with another finding
    that came or went) is the same finding: its row, id and reviews follow it."""
    for old, row in list(existing.items()):
        if old in wanted:
            continue
        found = stored_meaning(row)
        new = next(
            (
                fp
                for fp in (plain_fingerprint(found), qualified_fingerprint(found))
                if fp in wanted and fp not in existing
            ),
            None,
        )
        if new is None:
            continue
        session.execute(
            update(Review).where(Review.finding_fingerprint == old).values(finding_fingerprint=new)
        )
        row.fingerprint = new
        _remember(session, known, new, row.id)
        existing[new] = existing.pop(old)


# What may change in a finding whose fingerprint (what it means) holds.
UPDATED_COLUMNS = (
    "topic_id",
    "kind",
    "severity",
    "claim_a_id",
    "claim_b_id",
    "value_a_id",
    "value_b_id",
    "explanation",
    "note",
    "certainty_a",
    "certainty_b",
    "party_a",
    "party_b",
)


def _finding_values(topic: Topic, draft: FindingDraft, fingerprint: str) -> dict[str, Any]:
    return {
        "topic_id": topic.id,
        "kind": draft.kind,
        "severity": draft.severity,
        "basis": draft.basis,
        "claim_a_id": draft.claim_a.id,
        "claim_b_id": draft.claim_b.id,
        "value_a_id": draft.value_a.id if draft.value_a else None,
        "value_b_id": draft.value_b.id if draft.value_b else None,
        "explanation": draft.explanation,
        "slot": draft.slot[:400],
        "note": draft.note,
        "certainty_a": draft.certainty_a,
        "certainty_b": draft.certainty_b,
        "party_a": draft.party_a,
        "party_b": draft.party_b,
        "fingerprint": fingerprint,
    }


@dataclass(frozen=True, slots=True)
class CorpusSummary:
    articles: int
    analysed: int
    outlets: int
    topics: int
    conflicts: int
    findings: int
    # Why nothing could be compared, when nothing was; None otherwise.
    reason: str | None

    @property
    def line(self) -> str:
        head = (
            f"{self.topics} topics, {self.findings} findings ({self.conflicts} conflicts) "
            f"across {self.outlets} outlets"
        )
        return f"{head}. {self.reason}" if self.reason else head


def corpus_summary(session: Session) -> CorpusSummary:
    counts = queries.corpus_counts(session)
    reason = None
    if counts["articles"] == 0:
        reason = "Nothing to compare: no articles have been ingested."
    elif counts["analysed"] == 0:
        reason = "Nothing to compare: no article could be analysed (see 'not analysed' above)."
    elif counts["outlets"] < 2:
        reason = (
            "Nothing to compare: every analysed article comes from one outlet; findings are "
            "between outlets (name each file's outlet in sources.toml)."
        )
    elif counts["findings"] == 0:
        reason = (
            "Nothing to compare: no figure or statement is reported by two outlets in the "
            "same scope."
        )
    return CorpusSummary(
        counts["articles"], counts["analysed"], counts["outlets"], counts["topics"],
        counts["conflicts"], counts["findings"], reason,
    )  # fmt: skip
