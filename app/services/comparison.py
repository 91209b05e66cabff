"""Refreshing topics, findings and statuses from the stored claims, in one transaction.

Comparison needs no spaCy: every claim was stored with what its values measure, their
scope and modality, and the propositions it states (app/services/analysis.py). Topics are
discovered from those; a topics.toml only adds labels (app/compare/discover.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker
from unidecode import unidecode

from app.compare.discover import TopicPlan
from app.compare.facts import ClaimFacts, FindingDraft, PropositionFacts, TopicFacts, ValueFacts
from app.compare.findings import compare_corpus, topic_status
from app.compare.value_findings import CompareOptions
from app.db import queries
from app.db.models import ClaimTopic, Finding, Topic
from app.nlp.data import load_language_data
from app.services.crash_points import crash_point
from app.services.derived import FINDINGS, settle


def finding_fingerprint(draft: FindingDraft) -> str:
    """The slot (or proposition), basis, both claims and the values compared: the same
    finding after any re-ingest, and two different disagreements between the same two
    claims stay two findings."""
    sides = sorted(
        (
            (draft.claim_a.fingerprint, draft.value_a.text if draft.value_a else ""),
            (draft.claim_b.fingerprint, draft.value_b.text if draft.value_b else ""),
        )
    )
    raw = "\x1f".join((draft.slot, draft.basis, *(part for side in sides for part in side)))
    return hashlib.sha1(raw.encode()).hexdigest()


def topic_facts(topic: Topic) -> TopicFacts:
    definition = topic.definition or {}
    return TopicFacts(
        slug=topic.slug,
        label=topic.label,
        value_kinds=tuple(definition.get("value_kinds", ())),
        requires_value=bool(definition.get("requires_value", False)),
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
    its claims and wording are updated, since re-ingested claims get new rows. Returns
    the ids of findings that did not exist before.
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
    wanted: dict[str, Finding] = {}
    for draft in drafts:
        wanted.setdefault(finding_fingerprint(draft), _finding_row(rows[draft.topic], draft))
    for fingerprint, row in existing.items():
        if fingerprint not in wanted:
            session.delete(row)
    new_rows = []
    for fingerprint, fresh in wanted.items():
        row = existing.get(fingerprint)
        if row is None:
            new_rows.append(fresh)
            continue
        for column in UPDATED_COLUMNS:
            setattr(row, column, getattr(fresh, column))
    session.add_all(new_rows)
    session.flush()
    return [row.id for row in new_rows]


# What may change in a finding whose fingerprint (slot, basis, claims, values) holds.
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


def _finding_row(topic: Topic, draft: FindingDraft) -> Finding:
    return Finding(
        topic_id=topic.id,
        kind=draft.kind,
        severity=draft.severity,
        basis=draft.basis,
        claim_a_id=draft.claim_a.id,
        claim_b_id=draft.claim_b.id,
        value_a_id=draft.value_a.id if draft.value_a else None,
        value_b_id=draft.value_b.id if draft.value_b else None,
        explanation=draft.explanation,
        slot=draft.slot[:400],
        note=draft.note,
        certainty_a=draft.certainty_a,
        certainty_b=draft.certainty_b,
        party_a=draft.party_a,
        party_b=draft.party_b,
        fingerprint=finding_fingerprint(draft),
    )


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
