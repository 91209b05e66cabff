"""The JSON API under /api: shapes, filters, POSTs and their refusals, OpenAPI docs."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.db.models import Flag, Review
from tests.databases import on_postgres


def count(session_factory: sessionmaker[Session], model: type) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_sources(client: TestClient, corpus) -> None:
    rows = client.get("/api/sources").json()
    by_name = {r["source"]["name"]: r for r in rows}
    assert by_name["Source B"] == {
        "source": {"id": corpus.sources["Source B"], "name": "Source B"},
        "articles": 1,
        "claims": 4,
        "conflicts": 4,
        "agreements": 1,
    }
    detail = client.get(f"/api/sources/{corpus.sources['Source A']}").json()
    assert detail["articles"][0]["text"].startswith("Kim Jong-un")
    assert len(detail["claims"]) == 4
    assert client.get("/api/sources/999").status_code == 404


def test_topics_and_matrix(client: TestClient, corpus) -> None:
    topics = {t["topic"]["slug"]: t for t in client.get("/api/topics").json()}
    assert topics["meeting-duration"]["status"] == "conflict"
    assert topics["meeting-duration"]["open_conflicts"] == 1
    assert topics["prior-meetings"]["status"] == "single-source"
    a, b = corpus.sources["Source A"], corpus.sources["Source B"]
    filtered = {
        t["topic"]["slug"]: t for t in client.get(f"/api/topics?source={a}&source={b}").json()
    }
    assert filtered["satellites"]["status"] == "agreement"
    matrix = client.get(f"/api/matrix?source={a}").json()
    assert [row["source"]["name"] for row in matrix] == ["Source A"]
    cells = {c["topic"]["slug"]: c for c in matrix[0]["cells"]}
    assert cells["prior-meetings"]["status"] == "gap"


def test_topic_detail(client: TestClient, corpus) -> None:
    detail = client.get("/api/topics/meeting-duration").json()
    assert detail["status"] == "conflict"
    [conflict] = detail["conflicts"]
    values = [conflict["claim_a"]["values"][0], conflict["claim_b"]["values"][0]]
    assert [(v["low"], v["high"], v["unit"]) for v in values] == [
        (14400.0, None, "s"),
        (18000.0, 18000.0, "s"),
    ]
    assert conflict["severity"] == "soft" and conflict["state"] == "open"
    assert client.get("/api/topics/nope").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("certainty=hedged", {"a_weapons", "c_satellites"}),
        ("certainty=denied", {"c_weapons"}),
        ("topic=weapons-deal", {"a_weapons", "b_weapons", "c_weapons"}),
        ("topic=weapons-deal&certainty=asserted", {"b_weapons"}),
    ],
)
def test_claims_filters(client: TestClient, corpus, query: str, expected: set[str]) -> None:
    body = client.get(f"/api/claims?{query}").json()
    assert {c["id"] for c in body["items"]} == {corpus.claims[k] for k in expected}
    assert body["total"] == len(expected) and body["page"] == 1


def test_claims_source_filter_and_bad_certainty(client: TestClient, corpus) -> None:
    d = corpus.sources["Source D"]
    body = client.get(f"/api/claims?source={d}").json()
    assert {c["source"]["name"] for c in body["items"]} == {"Source D"}
    assert client.get("/api/claims?certainty=sure").status_code == 422


def test_findings_filters(client: TestClient, corpus) -> None:
    body = client.get("/api/findings?kind=conflict&severity=hard").json()
    assert {f["id"] for f in body["items"]} == {
        corpus.findings["day"],
        corpus.findings["weapons_denied"],
    }
    b, c = corpus.sources["Source B"], corpus.sources["Source C"]
    between = client.get(f"/api/findings?source={b}&source={c}&topic=weapons-deal").json()
    assert [f["id"] for f in between["items"]] == [corpus.findings["weapons_denied"]]
    one = client.get(f"/api/findings/{corpus.findings['duration']}").json()
    assert one["topic"]["slug"] == "meeting-duration"
    assert client.get("/api/findings/999").status_code == 404


def test_post_review(client: TestClient, corpus, session_factory) -> None:
    finding = corpus.findings["duration"]
    response = client.post(
        f"/api/findings/{finding}/review",
        json={
            "verdict": "confirmed",
            "fingerprint": corpus.fingerprints["duration"],
            "reviewer": "Ana",
            "note": "ok",
        },
    )
    assert response.status_code == 201
    assert response.json()["state"] == "confirmed"
    assert response.json()["review"]["reviewer"] == "Ana"
    assert client.get("/api/findings?state=confirmed").json()["total"] == 1


@pytest.mark.parametrize(
    ("finding_key", "body", "status"),
    [
        (None, {"verdict": "confirmed", "reviewer": "Ana"}, 404),
        ("duration", {"verdict": "confirmed", "reviewer": ""}, 422),
        ("duration", {"verdict": "perhaps", "reviewer": "Ana"}, 422),
        ("duration", {"verdict": "confirmed"}, 422),
    ],
)
def test_invalid_review_posts(
    client: TestClient, corpus, session_factory, finding_key, body, status
) -> None:
    finding = corpus.findings[finding_key] if finding_key else 9999
    body = {"fingerprint": corpus.fingerprints[finding_key or "duration"], **body}
    response = client.post(f"/api/findings/{finding}/review", json=body)
    assert response.status_code == status
    assert "detail" in response.json()
    assert count(session_factory, Review) == 0


def test_post_flag_and_review_log(client: TestClient, corpus, session_factory) -> None:
    a, c = corpus.claims["a_day"], corpus.claims["c_day"]
    response = client.post(
        f"/api/claims/{a}/flags",
        json={"topic": "meeting-day", "other_claim_id": c, "reviewer": "Ana", "note": "n"},
    )
    assert response.status_code == 201
    flag = response.json()
    assert sorted(flag["claim_ids"]) == sorted([a, c])
    assert flag["topic"] == "meeting-day" and len(flag["claim_fingerprints"]) == 2
    log = client.get("/api/reviews").json()
    assert log["reviews"] == [] and len(log["flags"]) == 1
    detail = client.get("/api/topics/meeting-day").json()
    assert len(detail["flags"]) == 1


@pytest.mark.parametrize(
    ("claim", "body", "status", "field"),
    [
        ("a_day", {"topic": "meeting-day", "other_claim_id": 9999, "reviewer": "A"}, 404, None),
        (
            "a_day",
            {"topic": "meeting-day", "other_claim_id": "b_weapons", "reviewer": "A"},
            422,
            "other_claim_id",
        ),
        (
            "a_day",
            {"topic": "meeting-day", "other_claim_id": "a_day", "reviewer": "A"},
            422,
            "other_claim_id",
        ),
        (
            "a_day",
            {"topic": "meeting-day", "other_claim_id": "c_day", "reviewer": " "},
            422,
            "reviewer",
        ),
        (
            "b_weapons",
            {"topic": "meeting-day", "other_claim_id": "c_day", "reviewer": "A"},
            422,
            "claim",
        ),
    ],
)
def test_invalid_flag_posts(
    client: TestClient, corpus, session_factory, claim, body, status, field
) -> None:
    other = body["other_claim_id"]
    body = {**body, "other_claim_id": corpus.claims.get(other, other)}
    response = client.post(f"/api/claims/{corpus.claims[claim]}/flags", json=body)
    assert response.status_code == status
    if field:
        assert response.json()["field"] == field
    assert count(session_factory, Flag) == 0


def test_search_api(client: TestClient, corpus) -> None:
    body = client.get("/api/search?q=satelites").json()  # accents ignored
    assert body["backend"] == ("postgresql" if on_postgres() else "fts5")
    assert {c["id"] for c in body["claims"]} == {
        corpus.claims["a_satellites"],
        corpus.claims["b_satellites"],
        corpus.claims["c_satellites"],
    }


def test_openapi_documents_the_api_only(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/sources",
        "/api/sources/{source_id}",
        "/api/topics",
        "/api/topics/{slug}",
        "/api/matrix",
        "/api/claims",
        "/api/findings",
        "/api/findings/{finding_id}",
        "/api/findings/{finding_id}/review",
        "/api/claims/{claim_id}/flags",
        "/api/reviews",
        "/api/search",
    } <= paths
    assert all(p.startswith("/api") for p in paths)
    claim_params = {p["name"] for p in schema["paths"]["/api/claims"]["get"]["parameters"]}
    assert {"source", "topic", "certainty", "page"} <= claim_params
    assert client.get("/docs").status_code == 200
