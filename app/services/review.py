"""Reviewers' verdicts on findings and their own contradiction flags: validation, writes, export.

Everything is keyed on fingerprints, so it survives re-ingest; every write commits here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import queries
from app.db.models import Claim, Flag, Review
from app.services import dashboard
from app.services.dashboard import ClaimView, FindingView, FlagView
from app.services.errors import InputError, parse_id, refuse_nul

VERDICTS = ("confirmed", "dismissed")
MAX_REVIEWER_CHARS = 100
MAX_NOTE_CHARS = 2000
FINGERPRINT_CHARS = 40


def clean_reviewer(name: str | None) -> str:
    """The reviewer's name, trimmed; an empty or overlong name is refused."""
    cleaned = refuse_nul(" ".join((name or "").split()), "reviewer")
    if not cleaned:
        raise InputError("reviewer", "Give your name (reviewer) before reviewing.")
    if len(cleaned) > MAX_REVIEWER_CHARS:
        raise InputError(
            "reviewer", f"The reviewer name is longer than {MAX_REVIEWER_CHARS} characters."
        )
    return cleaned


def clean_note(note: str | None) -> str:
    cleaned = refuse_nul((note or "").strip(), "note")
    if len(cleaned) > MAX_NOTE_CHARS:
        raise InputError("note", f"The note is longer than {MAX_NOTE_CHARS} characters.")
    return cleaned


def record_review(
    session: Session,
    *,
    finding_id: int,
    fingerprint: str | None,
    verdict: str,
    reviewer: str | None,
    note: str | None,
) -> Review:
    """Confirm or dismiss a finding; the newest review is the finding's state.

    ``fingerprint`` is the finding as the reviewer saw it: if the id now names another
    finding (the articles were re-analysed meanwhile), nothing is stored.
    """
    if verdict not in VERDICTS:
        raise InputError("verdict", "The verdict must be 'confirmed' or 'dismissed'.")
    name, text = clean_reviewer(reviewer), clean_note(note)
    finding = queries.get_finding(session, finding_id)
    if finding is None:
        raise InputError("finding", f"There is no finding {finding_id}.", 404)
    seen = refuse_nul((fingerprint or "").strip(), "fingerprint")
    if not seen:
        raise InputError("fingerprint", "Say which finding you review (its fingerprint).")
    if seen != finding.fingerprint:
        raise InputError(
            "fingerprint",
            f"Finding {finding_id} is no longer the finding you saw: the articles were "
            "analysed again since the page was loaded. Reload the page and review it there.",
            409,
        )
    review = Review(
        finding_fingerprint=finding.fingerprint,
        topic_slug=finding.topic.slug,
        verdict=verdict,
        reviewer=name,
        note=text,
        explanation=finding.explanation,
    )
    session.add(review)
    session.commit()
    return review


@dataclass(slots=True)
class ReviewResult:
    """A stored review: the reviewer's cleaned name and the finding in its new state."""

    reviewer: str
    finding: FindingView


def review_finding(
    session: Session,
    *,
    finding_id: int,
    fingerprint: str | None,
    verdict: str,
    reviewer: str | None,
    note: str | None,
) -> ReviewResult:
    """Record a verdict (see ``record_review``) and return the finding as it is now."""
    review = record_review(
        session,
        finding_id=finding_id,
        fingerprint=fingerprint,
        verdict=verdict,
        reviewer=reviewer,
        note=note,
    )
    finding = dashboard.build_finding(session, finding_id)
    assert finding is not None  # just reviewed
    return ReviewResult(review.reviewer, finding)


def _claim_in_topic(session: Session, claim_id: int, topic_id: int, field: str) -> Claim:
    claim = queries.get_claim(session, claim_id)
    if claim is None:
        raise InputError(field, f"There is no claim {claim_id}.", 404)
    if not queries.is_claim_in_topic(session, claim_id, topic_id):
        raise InputError(field, f"Claim {claim_id} is not part of this topic.")
    return claim


def record_flag(
    session: Session,
    *,
    topic_slug: str,
    claim_id: int,
    other_claim_id: int | None,
    reviewer: str | None,
    note: str | None,
) -> Flag:
    """Flag two claims of one topic as contradicting each other (claims named by id)."""
    name, text = clean_reviewer(reviewer), clean_note(note)
    topic = queries.get_topic(session, refuse_nul(topic_slug, "topic"))
    if topic is None:
        raise InputError("topic", f"There is no topic {topic_slug!r}.", 404)
    if other_claim_id is None:
        raise InputError("other_claim_id", "Pick the claim this one conflicts with.")
    if other_claim_id == claim_id:
        raise InputError("other_claim_id", "A claim cannot conflict with itself.")
    claim = _claim_in_topic(session, claim_id, topic.id, "claim")
    other = _claim_in_topic(session, other_claim_id, topic.id, "other_claim_id")
    if claim.fingerprint == other.fingerprint:
        raise InputError("other_claim_id", "Both claims are the same statement.")
    first, second = sorted((claim, other), key=lambda c: c.fingerprint)
    pair = (first.fingerprint, second.fingerprint)
    if queries.find_flag(session, topic.slug, pair, name) is not None:
        raise InputError("other_claim_id", "You have already flagged these two claims.", 409)
    flag = Flag(
        topic_slug=topic.slug,
        claim_a_fingerprint=pair[0],
        claim_b_fingerprint=pair[1],
        claim_a_text=first.text,
        claim_b_text=second.text,
        reviewer=name,
        note=text,
    )
    session.add(flag)
    try:
        session.commit()
    except IntegrityError as exc:  # a concurrent identical flag won the race
        session.rollback()
        raise InputError(
            "other_claim_id", "You have already flagged these two claims.", 409
        ) from exc
    return flag


@dataclass(slots=True)
class FlagResult:
    """A stored flag, and both claims as the topic page shows them now."""

    reviewer: str
    flag: FlagView
    claim: ClaimView | None
    other: ClaimView | None


def flag_claims(
    session: Session,
    *,
    topic_slug: str,
    claim_id: int,
    other_claim_id: int | str | None,
    reviewer: str | None,
    note: str | None,
) -> FlagResult:
    """Flag a contradiction; ``other_claim_id`` may come raw from a form (text)."""
    other = (
        parse_id(other_claim_id, "other_claim_id")
        if isinstance(other_claim_id, str)
        else other_claim_id
    )
    flag = record_flag(
        session,
        topic_slug=topic_slug,
        claim_id=claim_id,
        other_claim_id=other,
        reviewer=reviewer,
        note=note,
    )
    assert other is not None  # record_flag refuses a missing partner
    return FlagResult(
        reviewer=flag.reviewer,
        flag=dashboard.ViewBuilder(session).flags([flag])[0],
        claim=dashboard.build_claim_card(session, claim_id, topic_slug),
        other=dashboard.build_claim_card(session, other, topic_slug),
    )


def review_log(session: Session) -> dict[str, list[dict[str, Any]]]:
    """Every review and flag, oldest first: the rows `cotejo export` writes."""
    return {"reviews": list_reviews_for_export(session), "flags": list_flags_for_export(session)}


# --- Export (called by app/services/export.py) ---------------------------------------------


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _current_claim_ids(session: Session, fingerprints: set[str]) -> dict[str, int]:
    # Identical sentences of one source share a fingerprint: the first row stands for them.
    ids: dict[str, int] = {}
    for claim in queries.select_claims_by_fingerprints(session, fingerprints):
        ids.setdefault(claim.fingerprint, claim.id)
    return ids


def list_reviews_for_export(session: Session) -> list[dict[str, Any]]:
    """Every review, oldest first; ``finding_id`` is null when the finding no longer exists."""
    reviews = queries.select_all_reviews(session)
    findings = queries.select_findings_by_fingerprints(
        session, {r.finding_fingerprint for r in reviews}
    )
    return [
        {
            "finding_fingerprint": r.finding_fingerprint,
            "finding_id": findings[r.finding_fingerprint].id
            if r.finding_fingerprint in findings
            else None,
            "topic": r.topic_slug,
            "verdict": r.verdict,
            "reviewer": r.reviewer,
            "note": r.note,
            "explanation": r.explanation,
            "created_at": _iso(r.created_at),
        }
        for r in reviews
    ]


def list_flags_for_export(session: Session) -> list[dict[str, Any]]:
    """Every flag, oldest first; a claim id is null when that claim no longer exists."""
    flags, _ = queries.select_flags(session)
    flags.reverse()
    ids = _current_claim_ids(
        session, {fp for f in flags for fp in (f.claim_a_fingerprint, f.claim_b_fingerprint)}
    )
    return [
        {
            "topic": f.topic_slug,
            "claim_fingerprints": [f.claim_a_fingerprint, f.claim_b_fingerprint],
            "claim_ids": [ids.get(f.claim_a_fingerprint), ids.get(f.claim_b_fingerprint)],
            "claim_texts": [f.claim_a_text, f.claim_b_text],
            "reviewer": f.reviewer,
            "note": f.note,
            "created_at": _iso(f.created_at),
        }
        for f in flags
    ]
