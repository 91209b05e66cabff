"""Reviewed conflicts as schema.org ClaimReview JSON-LD, the form fact-checkers and search
engines read verdicts in (https://schema.org/ClaimReview).

One object per conflict a reviewer confirmed or dismissed (its latest verdict). The claim
reviewed is the finding's first claim; the other outlet's claim, the one it contradicts,
is named in the rating and quoted in the review's body. The rating is a label, with no
number: "Contradicted by <outlet>" for a confirmed conflict, "Not contradicted by <outlet>"
for a dismissed one. A reviewer confirms that two reports disagree, not which one is wrong,
so a score (which readers of ClaimReview take as true or false) would say more than the
review did.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.db import queries
from app.db.queries import FindingFilter
from app.services.dashboard import FindingView, ViewBuilder
from app.services.downloads import finding_url, moment, published

REVIEWED = ("confirmed", "dismissed")


def _rating(verdict: str, other_outlet: str) -> dict[str, Any]:
    said = "Contradicted" if verdict == "confirmed" else "Not contradicted"
    return {"@type": "Rating", "alternateName": f"{said} by {other_outlet}"}


def _body(view: FindingView, note: str) -> str:
    other = view.claim_b
    body = f"{view.explanation} {other.source.name}: «{other.text}»"
    return f"{body} Reviewer's note: {note}" if note else body


def build_claim_reviews(session: Session, site: str) -> list[dict[str, Any]]:
    """ClaimReview objects of the reviewed conflicts, most urgent first (the conflicts
    page's order); ``site`` is the server's address, for each finding's page."""
    rows, _ = queries.select_findings_in_order(
        session, FindingFilter(kind="conflict", states=REVIEWED)
    )
    reviews = []
    for (finding, _state), view in zip(rows, ViewBuilder(session).findings(rows), strict=True):
        review = view.review
        assert review is not None  # a reviewed state comes from a review
        claim: dict[str, Any] = {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": view.claim_a.source.name},
        }
        if (when := published(finding.claim_a.article)) is not None:
            claim["datePublished"] = when
        if finding.claim_a.article.url:
            claim["appearance"] = {"@type": "CreativeWork", "url": finding.claim_a.article.url}
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": finding_url(site, view.topic.slug, view.anchor),
                "claimReviewed": view.claim_a.text,
                "itemReviewed": claim,
                "author": {"@type": "Person", "name": review.reviewer},
                "datePublished": moment(review.created_at),
                "reviewRating": _rating(review.verdict, view.claim_b.source.name),
                "reviewBody": _body(view, review.note),
            }
        )
    return reviews
