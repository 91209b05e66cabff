"""Reviewed conflicts as ClaimReview JSON-LD, from /api/claimreview and from
`cotejo export --format claimreview`, checked for the properties Google's fact-check
documentation requires of each object (written down here: the tests have no internet)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.cli import main
from app.config import Settings
from app.db.models import Article, Source

from .conftest import Corpus, post_review

# developers.google.com/search/docs/appearance/structured-data/factcheck: a ClaimReview
# must have these; reviewRating must rate with words or a number; author and itemReviewed
# are each a typed thing with a name, and the claim names its author.
REQUIRED = ("claimReviewed", "reviewRating", "url", "author", "itemReviewed")
RATING_ONE_OF = ("alternateName", "ratingValue")
TYPED = {"author": ("Person", "Organization"), "itemReviewed": ("Claim",)}


def missing(review: dict[str, Any]) -> list[str]:
    """What a ClaimReview object lacks of Google's requirements (empty: it has them all)."""
    problems = [key for key in REQUIRED if not review.get(key)]
    if review.get("@type") != "ClaimReview" or review.get("@context") != "https://schema.org":
        problems.append("@context/@type")
    rating = review.get("reviewRating") or {}
    if rating.get("@type") != "Rating" or not any(rating.get(k) for k in RATING_ONE_OF):
        problems.append("reviewRating.alternateName|ratingValue")
    for key, types in TYPED.items():
        if (review.get(key) or {}).get("@type") not in types:
            problems.append(f"{key}.@type")
    if not review.get("author", {}).get("name"):
        problems.append("author.name")
    claim_author = review.get("itemReviewed", {}).get("author") or {}
    if claim_author.get("@type") != "Organization" or not claim_author.get("name"):
        problems.append("itemReviewed.author")
    return problems


def review(client: TestClient, corpus: Corpus, key: str, verdict: str, note: str = "") -> None:
    post_review(client, corpus, key, verdict, "Ana Ruiz", note)


def test_the_requirements_catch_what_is_missing() -> None:
    # The check itself can fail: an empty object and one without a rating are caught.
    assert len(missing({})) >= len(REQUIRED)
    assert missing({"reviewRating": {"@type": "Rating"}}) != []


def test_no_review_no_claimreview(client: TestClient, corpus: Corpus) -> None:
    response = client.get("/api/claimreview")
    assert response.status_code == 200 and response.json() == []


def test_each_reviewed_conflict_is_one_claimreview_with_googles_required_fields(
    client: TestClient, corpus: Corpus
) -> None:
    review(client, corpus, "day", "confirmed", "Kremlin readout says Wednesday.")
    review(client, corpus, "weapons_denied", "dismissed")
    review(client, corpus, "satellites_agree", "confirmed")  # an agreement: not a conflict
    review(client, corpus, "duration", "confirmed")
    review(client, corpus, "duration", "dismissed")  # the latest verdict counts

    response = client.get("/api/claimreview")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/ld+json"
    reviews = response.json()
    for item in reviews:
        assert missing(item) == [], item
    by_url = {r["url"].rsplit("#", 1)[1]: r for r in reviews}
    assert set(by_url) == {corpus.anchor(k) for k in ("day", "weapons_denied", "duration")}

    day = by_url[corpus.anchor("day")]
    assert day["url"] == f"http://testserver/topics/meeting-day#{corpus.anchor('day')}"
    assert day["claimReviewed"] == (
        "Kim Jong-un y Vladimir Putin se reunieron el miércoles en el cosmódromo de Vostochny."
    )
    assert day["itemReviewed"]["author"] == {"@type": "Organization", "name": "Source A"}
    assert day["author"] == {"@type": "Person", "name": "Ana Ruiz"}
    # A label, no score: the reviewer confirmed a disagreement, not which side is wrong.
    assert day["reviewRating"] == {"@type": "Rating", "alternateName": "Contradicted by Source C"}
    assert "jueves" in day["reviewBody"] and "Kremlin readout" in day["reviewBody"]
    assert day["datePublished"].endswith("+00:00")
    # No publication time stored for these articles: none is invented.
    assert "datePublished" not in day["itemReviewed"]
    dismissed = by_url[corpus.anchor("duration")]["reviewRating"]
    assert dismissed["alternateName"] == "Not contradicted by Source B"


def test_the_cli_exports_the_same_objects_linking_to_the_site_given(
    client: TestClient,
    corpus: Corpus,
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
) -> None:
    review(client, corpus, "day", "confirmed")
    review(client, corpus, "weapons_hedged", "dismissed")
    site = "https://cotejo.example.org"
    args = ["export", "--format", "claimreview", "--db", settings.database_url, "--site", site]
    assert main(args) == 0
    exported = json.loads(capsys.readouterr().out)
    served = client.get("/api/claimreview").json()
    assert len(exported) == 2
    assert [r["url"].replace(site, "http://testserver") for r in exported] == [
        r["url"] for r in served
    ]
    assert [{**r, "url": ""} for r in exported] == [{**r, "url": ""} for r in served]
    for item in exported:
        assert missing(item) == []


def test_the_claim_carries_its_articles_publication_time_when_known(
    client: TestClient, corpus: Corpus, session_factory: sessionmaker[Session]
) -> None:
    with session_factory() as session:
        article = session.scalars(
            select(Article).join(Source).where(Source.name == "Source A")
        ).one()
        article.published_at = datetime(2023, 9, 13, 8, 30, tzinfo=UTC)
        article.published_precision = "minute"
        session.commit()
    review(client, corpus, "day", "confirmed")
    (day,) = client.get("/api/claimreview").json()
    assert day["itemReviewed"]["datePublished"] == "2023-09-13T08:30:00+00:00"
