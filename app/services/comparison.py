"""Recomputing findings and topic statuses from the stored claims."""

from __future__ import annotations

import hashlib

from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from app.compare.facts import ClaimFacts, FindingDraft, TopicFacts, ValueFacts
from app.compare.findings import compare_topic, topic_status
from app.db import queries
from app.db.models import Claim, Finding, Topic
from app.nlp.topics import cue_words


def finding_fingerprint(draft: FindingDraft) -> str:
    """Topic, basis and both claims' fingerprints: the same finding after any re-ingest."""
    claims = sorted((draft.claim_a.fingerprint, draft.claim_b.fingerprint))
    raw = "\x1f".join((draft.topic, draft.basis, *claims))
    return hashlib.sha1(raw.encode()).hexdigest()


def topic_facts(topic: Topic) -> TopicFacts:
    definition = topic.definition or {}
    return TopicFacts(
        slug=topic.slug,
        label=topic.label,
        value_kinds=tuple(definition.get("value_kinds", ())),
        requires_value=bool(definition.get("requires_value", False)),
        cue_words=cue_words(definition.get("cues", ())),
    )


def claim_facts(claim: Claim, source_name: str, cues: str, certainty: str) -> ClaimFacts:
    """The claim as compared within one topic: with its certainty about that topic."""
    return ClaimFacts(
        id=claim.id,
        source=source_name,
        fingerprint=claim.fingerprint,
        text=claim.text,
        certainty=certainty,
        attributed_to=claim.attributed_to,
        values=tuple(
            ValueFacts(v.kind, v.low, v.high, v.unit, v.text, tuple(v.anchor.split()))
            for v in claim.values
        ),
        lemmas=frozenset(claim.lemmas.split()),
        cues=frozenset(c for c in cues.split(" | ") if c),
    )


def refresh_findings(session_factory: sessionmaker[Session]) -> list[int]:
    """Replace all findings and topic statuses in one transaction; returns ids of new findings."""
    with session_factory.begin() as session:
        before = queries.select_finding_fingerprints(session)
        session.execute(delete(Finding))
        rows: dict[str, Finding] = {}
        for topic in queries.select_topics(session):
            claims = [claim_facts(*row) for row in queries.select_topic_claims(session, topic.id)]
            drafts = compare_topic(topic_facts(topic), claims)
            topic.status = topic_status(len({c.source for c in claims}), (d.kind for d in drafts))
            for draft in drafts:
                # Two slots of one kind (counts of different nouns) between the same two
                # claims would share a fingerprint: the first, strongest-ranked, stays.
                row = _finding_row(topic, draft)
                rows.setdefault(row.fingerprint, row)
        session.add_all(rows.values())
        session.flush()
        return [row.id for row in rows.values() if row.fingerprint not in before]


def _finding_row(topic: Topic, draft: FindingDraft) -> Finding:
    return Finding(
        topic_id=topic.id,
        kind=draft.kind,
        severity=draft.severity,
        basis=draft.basis,
        claim_a_id=draft.claim_a.id,
        claim_b_id=draft.claim_b.id,
        explanation=draft.explanation,
        fingerprint=finding_fingerprint(draft),
    )
