"""Refreshing findings and topic statuses from the stored claims."""

from __future__ import annotations

import hashlib

from sqlalchemy.orm import Session, sessionmaker

from app.compare.facts import ClaimFacts, FindingDraft, TopicFacts, ValueFacts
from app.compare.findings import compare_topic, topic_status
from app.db import queries
from app.db.models import Claim, Finding, Topic
from app.nlp.topics import cue_words


def finding_fingerprint(draft: FindingDraft) -> str:
    """Topic, basis and both claims' fingerprints: the same finding after any re-ingest."""
    claims = sorted((draft.claim_a.fingerprint, draft.claim_b.fingerprint))
    raw = "\x1f".join((draft.topic, draft.basis, draft.slot, *claims))
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
            ValueFacts(v.kind, v.low, v.high, v.unit, v.text, tuple(v.anchor.split()), v.id)
            for v in claim.values
        ),
        lemmas=frozenset(claim.lemmas.split()),
        cues=frozenset(c for c in cues.split(" | ") if c),
    )


def refresh_findings(session_factory: sessionmaker[Session]) -> list[int]:
    """Bring findings and topic statuses up to date in one transaction.

    A finding that still holds keeps its row and id (pages and bookmarks point at it);
    its claims and wording are updated, since re-ingested claims get new rows. Returns
    the ids of findings that did not exist before.
    """
    with session_factory.begin() as session:
        existing = queries.select_findings_by_fingerprint(session)
        wanted: dict[str, Finding] = {}
        for topic in queries.select_topics(session):
            claims = [claim_facts(*row) for row in queries.select_topic_claims(session, topic.id)]
            drafts = compare_topic(topic_facts(topic), claims)
            topic.status = topic_status(len({c.source for c in claims}), (d.kind for d in drafts))
            for draft in drafts:
                wanted.setdefault(finding_fingerprint(draft), _finding_row(topic, draft))
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


# What may change in a finding whose fingerprint (topic, basis, slot, claims) holds.
UPDATED_COLUMNS = (
    "kind",
    "severity",
    "claim_a_id",
    "claim_b_id",
    "value_a_id",
    "value_b_id",
    "explanation",
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
        fingerprint=finding_fingerprint(draft),
    )
