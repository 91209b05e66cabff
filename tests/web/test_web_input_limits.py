"""Input PostgreSQL cannot take is refused before any query, on every database: ids past
a 32-bit INTEGER and NUL characters are a 422 naming the field, never a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.db.models import Flag, Review, Source
from app.services.errors import MAX_ID

PAST = 2**31  # the first id an INTEGER column cannot hold


def count(session_factory: sessionmaker[Session], model: type) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_largest_id_is_the_largest_integer() -> None:
    assert MAX_ID == 2**31 - 1


@pytest.mark.parametrize(
    ("url", "field"),
    [
        (f"/api/sources/{PAST}", "source_id"),
        (f"/api/findings/{PAST}", "finding_id"),
        (f"/api/topics?source={PAST}", "source"),
        (f"/api/findings?source={PAST}", "source"),
        (f"/sources/{PAST}", "source_id"),
        (f"/sources/1?claim={PAST}", "claim"),
        (f"/topics/meeting-day/claims/{PAST}/flag", "claim_id"),
        (f"/?source={PAST}", "source"),
    ],
)
def test_ids_past_the_integer_range_are_refused(client: TestClient, url: str, field: str) -> None:
    response = client.get(url)
    assert response.status_code == 422, response.text
    assert field in response.text


def test_ids_past_the_integer_range_are_refused_in_bodies(
    client: TestClient, corpus, session_factory
) -> None:
    claim = corpus.claims["a_day"]
    flag = {"topic": "meeting-day", "other_claim_id": PAST, "reviewer": "Ana"}
    api = client.post(f"/api/claims/{claim}/flags", json=flag)
    assert api.status_code == 422 and "other_claim_id" in api.text
    form = client.post(
        f"/topics/meeting-day/claims/{claim}/flags",
        data={"other_claim_id": str(PAST), "reviewer": "Ana"},
    )
    assert form.status_code == 422 and "other_claim_id" in form.text
    review = {"verdict": "confirmed", "fingerprint": "x", "reviewer": "Ana"}
    assert client.post(f"/api/findings/{PAST}/review", json=review).status_code == 422
    assert count(session_factory, Flag) == count(session_factory, Review) == 0


def test_the_largest_id_names_no_row(client: TestClient) -> None:
    assert client.get(f"/api/findings/{MAX_ID}").status_code == 404
    assert client.get(f"/api/sources/{MAX_ID}").status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reviewer": "Ana\x00"}, "reviewer"),
        ({"note": "\x00"}, "note"),
        ({"fingerprint": "\x00"}, "fingerprint"),
    ],
)
def test_nul_in_a_review_is_refused_naming_the_field(
    client: TestClient, corpus, session_factory, body: dict[str, str], field: str
) -> None:
    review = {
        "verdict": "confirmed",
        "fingerprint": corpus.fingerprints["duration"],
        "reviewer": "Ana",
        **body,
    }
    finding = corpus.findings["duration"]
    api = client.post(f"/api/findings/{finding}/review", json=review)
    assert api.status_code == 422 and api.json()["field"] == field
    form = client.post(f"/findings/{finding}/review", data=review)
    assert form.status_code == 422 and field in form.text
    assert count(session_factory, Review) == 0


def test_nul_in_a_flag_is_refused_naming_the_field(
    client: TestClient, corpus, session_factory
) -> None:
    claim, other = corpus.claims["a_day"], corpus.claims["c_day"]
    for body, field in [
        ({"topic": "meeting-day\x00"}, "topic"),
        ({"reviewer": "\x00Ana"}, "reviewer"),
        ({"note": "a\x00b"}, "note"),
    ]:
        flag = {"topic": "meeting-day", "other_claim_id": other, "reviewer": "Ana", **body}
        response = client.post(f"/api/claims/{claim}/flags", json=flag)
        assert response.status_code == 422, response.text
        assert response.json()["field"] == field
    assert count(session_factory, Flag) == 0


@pytest.mark.parametrize(
    "url",
    [
        "/api/topics/meeting-day%00",
        "/topics/meeting-day%00",
        "/api/claims?topic=meeting-day%00",
        "/api/findings?topic=%00",
        "/conflicts?topic=%00",
    ],
)
def test_nul_in_a_topic_slug_is_refused(client: TestClient, corpus, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 422, response.text
    assert "NUL" in response.text


def test_nul_in_a_source_name_is_refused(client: TestClient, session_factory) -> None:
    sources = count(session_factory, Source)
    response = client.post(
        "/ingest", data={"source_name": "Diario\x00", "text": "La reunión duró tres horas."}
    )
    assert response.status_code == 422 and "source_name" in response.text
    assert count(session_factory, Source) == sources


def test_nul_in_the_reviewer_cookie_is_refused(client: TestClient, corpus, session_factory):
    client.cookies.set("cotejo_reviewer", "Ana%00")
    response = client.post(
        f"/findings/{corpus.findings['duration']}/review",
        data={"verdict": "confirmed", "fingerprint": corpus.fingerprints["duration"]},
    )
    assert response.status_code == 422 and "reviewer" in response.text
    assert count(session_factory, Review) == 0
