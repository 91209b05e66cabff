"""Every route that takes a body answers a malformed one with a clear 4xx, never a 5xx.

The routes are enumerated from the app itself, so a new write route is covered (or this
test fails until it says which ids its path takes).
"""

from __future__ import annotations

import json
import random

import pytest
from fastapi.testclient import TestClient

from .conftest import Corpus
from .routes import concrete, write_routes

FIELDS = {
    "verdict": "confirmed",
    "fingerprint": "0" * 40,
    "reviewer": "Ana",
    "note": "a note",
    "topic": "meeting-duration",
    "other_claim_id": "2",
    "source_name": "Outlet",
    "next": "/",
}
GARBAGE = random.Random(8).randbytes(512)
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

# name -> (Content-Type or None, body); the well-formed ones are marked in WELL_FORMED.
BODIES: dict[str, tuple[str | None, bytes]] = {
    "form": (FORM, "&".join(f"{k}={v}" for k, v in FIELDS.items()).encode()),
    "json-object": (JSON, json.dumps(FIELDS).encode()),
    "json-array": (JSON, b"[1, 2, 3]"),
    "json-null": (JSON, b"null"),
    "json-number": (JSON, b"12"),
    "json-truncated": (JSON, b'{"verdict": "conf'),
    "json-not-utf8": (JSON, b'{"reviewer": "\xff\xfe"}'),
    "json-deep": (JSON, b"[" * 5000 + b"]" * 5000),
    "garbage-untyped": (None, GARBAGE),
    "garbage-octets": ("application/octet-stream", GARBAGE),
    "garbage-as-form": (FORM, b"\xff\x00%zz=&&=%%;" + GARBAGE),
    "garbage-as-json": (JSON, GARBAGE),
    "garbage-multipart": ("multipart/form-data; boundary=xyz", b"--xyz\r\nbroken" + GARBAGE),
    "multipart-no-boundary": ("multipart/form-data", b"--x\r\n\r\nabc"),
    "text": ("text/plain", b"verdict=confirmed"),
    "empty-untyped": (None, b""),
    "empty-json": (JSON, b""),
    "empty-form": (FORM, b""),
}
# What each kind of route reads: those may succeed; everything else must be a 4xx.
# URL-encoded parsing is lenient: garbage is a form of odd field names, which a route whose
# fields are all optional (log out) may take.
WELL_FORMED = {"form": {"form", "empty-form", "garbage-as-form"}, "json": {"json-object"}}


@pytest.fixture
def lenient_client(app_and_corpus: tuple) -> TestClient:
    # A 500 is reported as a status (and listed below), not raised at the first one.
    with TestClient(app_and_corpus[0], raise_server_exceptions=False) as client:
        yield client


def test_every_route_that_takes_a_body_is_enumerated(app_and_corpus: tuple) -> None:
    routes = set(write_routes(app_and_corpus[0]))
    assert {
        ("POST", "/findings/{finding_id}/review"),
        ("POST", "/topics/{slug}/claims/{claim_id}/flags"),
        ("POST", "/ingest"),
        ("POST", "/reviewer"),
        ("POST", "/api/findings/{finding_id}/review"),
        ("POST", "/api/claims/{claim_id}/flags"),
        ("POST", "/login"),
        ("POST", "/logout"),
    } <= routes


def test_malformed_bodies_get_a_4xx_on_every_route(
    app_and_corpus: tuple, corpus: Corpus, lenient_client: TestClient
) -> None:
    app = app_and_corpus[0]
    failures, tried = [], 0
    for method, template in write_routes(app):
        path = concrete(template, corpus)
        kind = "json" if path.startswith("/api/") else "form"
        for name, (content_type, body) in BODIES.items():
            headers = {"Content-Type": content_type} if content_type else {}
            response = lenient_client.request(
                method, path, content=body, headers=headers, follow_redirects=False
            )
            tried += 1
            status = response.status_code
            if status >= 500 or (name not in WELL_FORMED[kind] and not 400 <= status < 500):
                failures.append(f"{method} {template} {name}: {status}")
            if kind == "json" and 400 <= status < 500:
                assert "detail" in response.json(), (template, name)
    assert failures == []
    assert tried == len(write_routes(app)) * len(BODIES) >= 8 * len(BODIES)


def test_a_form_posted_to_the_api_is_refused_as_not_json(client: TestClient, corpus) -> None:
    """It used to be a 500: the 422's body held the raw bytes, which JSON cannot encode."""
    response = client.post(
        f"/api/findings/{corpus.findings['duration']}/review",
        data={"verdict": "confirmed", "fingerprint": corpus.fingerprints["duration"]},
    )
    assert response.status_code == 415
    assert "application/json" in response.json()["detail"]


def test_json_posted_to_a_form_action_is_refused_as_not_a_form(client: TestClient, corpus) -> None:
    response = client.post(
        f"/findings/{corpus.findings['duration']}/review",
        json={"verdict": "confirmed", "fingerprint": corpus.fingerprints["duration"]},
        headers={"HX-Request": "true", "HX-Trigger": "review-x"},
    )
    assert response.status_code == 415
    assert "form-urlencoded" in response.text
    # HTMX puts the message into the form's error slot.
    assert response.headers["HX-Retarget"] == "#review-x-error"


def test_a_422_echoing_bytes_is_still_json(client: TestClient, corpus) -> None:
    """A body that is JSON but not an object fails validation; the 422 is readable JSON."""
    response = client.post(
        f"/api/claims/{corpus.claims['a_duration']}/flags",
        content=b'"just a string"',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body"]


def test_an_unparsable_origin_is_refused_not_a_500(lenient_client: TestClient) -> None:
    response = lenient_client.post(
        "/reviewer", data={"reviewer": "Ana"}, headers={"Origin": "http://[::1"}
    )
    assert response.status_code == 403
