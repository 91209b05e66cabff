"""Write actions off loopback: a token set by the administrator, or the server does not start.

With a token, every write route refuses a request without it (401) and accepts it as a
bearer token or as the login cookie; every read route stays open. On loopback without a
token nothing changes.
"""

from __future__ import annotations

import hmac
from pathlib import Path

import httpx
import pytest
from bs4 import BeautifulSoup
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.cli import main
from app.config import Settings
from app.db.models import Flag, Review
from app.web import write_access
from app.web.app import create_app
from app.web.write_access import (
    WRITER_COOKIE,
    UnsafeServeError,
    is_loopback,
    required_write_token,
    session_value,
)
from tests.databases import database_url

from .conftest import Corpus, insert_corpus
from .live import live_server
from .routes import concrete, read_routes, write_routes

TOKEN = "s3cret-token-for-the-tests_0123456789"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
HTMX = {"HX-Request": "true"}
# Writes only the browser's own cookie (the reviewer's name), or are the login itself.
OPEN_WRITES = {"/reviewer", "/login", "/logout"}


def count(session_factory: sessionmaker[Session], model: type) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def settings_for(tmp_path: Path, **values) -> Settings:
    return Settings(
        database_url=database_url(tmp_path, "cotejo.sqlite3"),
        allowed_hosts=["testserver"],
        **values,
    )


@pytest.fixture
def guarded(tmp_path: Path) -> tuple[FastAPI, Corpus]:
    """The app as served on all interfaces, with a token."""
    app = create_app(settings_for(tmp_path, host="0.0.0.0", write_token=TOKEN))
    return app, insert_corpus(app.state.session_factory)


@pytest.fixture
def client(guarded: tuple[FastAPI, Corpus]) -> TestClient:
    with TestClient(guarded[0], base_url="https://testserver") as client:
        yield client


# --- the decision: which binds need a token ---------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost", "LocalHost", "::ffff:127.0.0.1"],
)
def test_loopback_needs_no_token(tmp_path: Path, host: str) -> None:
    assert is_loopback(host)
    assert required_write_token(settings_for(tmp_path, host=host)) is None


@pytest.mark.parametrize(
    "host",
    [
        "0.0.0.0",
        "::",
        "",
        "192.0.2.10",
        "10.0.0.5",
        "fe80::1",
        "cotejo.example",
        "127.0.0.1.nip.io",
    ],
)
def test_any_other_address_refuses_to_serve_without_a_token(tmp_path: Path, host: str) -> None:
    assert not is_loopback(host)
    settings = settings_for(tmp_path, host=host)
    with pytest.raises(UnsafeServeError, match="COTEJO_WRITE_TOKEN"):
        required_write_token(settings)
    with pytest.raises(UnsafeServeError):
        create_app(settings)  # the app itself refuses too, whoever starts it
    assert required_write_token(settings_for(tmp_path, host=host, write_token=TOKEN)) == TOKEN


@pytest.mark.parametrize("token", ["short", "x" * 15, "spaces in the token here", "ñandú" * 5])
def test_a_weak_or_unsendable_token_is_refused(tmp_path: Path, token: str) -> None:
    with pytest.raises(UnsafeServeError, match="at least 16"):
        required_write_token(settings_for(tmp_path, host="0.0.0.0", write_token=token))


def test_the_token_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COTEJO_WRITE_TOKEN", TOKEN)
    settings = Settings()
    assert settings.write_token.get_secret_value() == TOKEN
    assert TOKEN not in repr(settings)  # never printed with the settings


def test_serve_refuses_to_start_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    def must_not_run(*args, **kwargs):
        raise AssertionError("the server started")

    monkeypatch.setattr(uvicorn, "run", must_not_run)
    monkeypatch.delenv("COTEJO_WRITE_TOKEN", raising=False)
    db = database_url(tmp_path, "cotejo.sqlite3")
    assert main(["serve", "--db", db, "--host", "0.0.0.0"]) == 2
    message = " ".join(capsys.readouterr().err.split())
    assert "Refusing to serve on 0.0.0.0" in message and "COTEJO_WRITE_TOKEN" in message
    # The demo refuses before it wipes and refills its database.
    assert main(["demo", "--host", "0.0.0.0"]) == 2


# --- with a token: writes need it, reads do not ------------------------------------------


def test_every_write_route_refuses_a_request_without_the_token(
    guarded: tuple[FastAPI, Corpus], client: TestClient
) -> None:
    app, corpus = guarded
    guarded_routes = [(m, p) for m, p in write_routes(app) if p not in OPEN_WRITES]
    assert len(guarded_routes) == 5  # review, flag, ingest; the API's review and flag
    for method, template in guarded_routes:
        path = concrete(template, corpus)
        api = path.startswith("/api/")
        body = {"json": {}} if api else {"data": {"reviewer": "Ana"}}
        for headers in (
            {},
            {"Authorization": "Bearer not-the-token-at-all"},
            {"Authorization": "Bearer ñ".encode()},
        ):
            response = client.request(method, path, headers=headers, **body)
            assert response.status_code == 401, (template, headers)
            assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert count(guarded[0].state.session_factory, Review) == 0


def test_the_bearer_token_opens_the_api_writes(
    guarded: tuple[FastAPI, Corpus], client: TestClient
) -> None:
    corpus = guarded[1]
    review = client.post(
        f"/api/findings/{corpus.findings['duration']}/review",
        json={
            "verdict": "confirmed",
            "fingerprint": corpus.fingerprints["duration"],
            "reviewer": "Ana",
        },
        headers=BEARER,
    )
    assert review.status_code == 201 and review.json()["state"] == "confirmed"
    flag = client.post(
        f"/api/claims/{corpus.claims['a_duration']}/flags",
        json={
            "topic": "meeting-duration",
            "other_claim_id": corpus.claims["b_duration"],
            "reviewer": "Ana",
        },
        headers=BEARER,
    )
    assert flag.status_code == 201
    # The form actions take it too (a script posting forms); the ingest then validates.
    ingest = client.post("/ingest", data={"text": ""}, headers=BEARER)
    assert ingest.status_code == 422


def test_read_routes_stay_open(guarded: tuple[FastAPI, Corpus], client: TestClient) -> None:
    app, corpus = guarded
    # Required query parameters, so that each page answers rather than refuses.
    queries = {"/api/search": "?q=horas"}
    paths = [concrete(p, corpus) + queries.get(p, "") for p in read_routes(app)]
    assert {"/", "/api/topics", "/docs", "/openapi.json", "/login"} <= set(paths)
    for path in paths:
        # An unknown ingest job is a 404 by design; nothing asks for a token.
        expected = 404 if path.startswith("/ingest/jobs/") else 200
        assert client.get(path).status_code == expected, path


def test_login_sets_a_strict_http_only_cookie_that_opens_the_forms(
    guarded: tuple[FastAPI, Corpus], client: TestClient
) -> None:
    corpus = guarded[1]
    topic = BeautifulSoup(client.get("/topics/meeting-duration").text, "html.parser")
    assert topic.select("form.review-form") == []  # no form that would only be refused
    login_link = topic.select_one("a.write-access")["href"]
    assert login_link == "/login?next=/topics/meeting-duration"

    wrong = client.post(
        "/login", data={"token": "not-the-token", "next": "/topics/meeting-duration"}
    )
    assert wrong.status_code == 401 and "not this server" in wrong.text
    assert WRITER_COOKIE not in client.cookies

    right = client.post(
        "/login", data={"token": TOKEN, "next": "/topics/meeting-duration"}, follow_redirects=False
    )
    assert right.status_code == 303 and right.headers["location"] == "/topics/meeting-duration"
    cookie = right.headers["set-cookie"]
    assert cookie.startswith(f"{WRITER_COOKIE}={session_value(TOKEN)};")
    assert TOKEN not in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" in cookie

    page = BeautifulSoup(client.get("/topics/meeting-duration").text, "html.parser")
    assert page.select("form.review-form") and page.select_one("form.write-access")
    response = client.post(
        f"/findings/{corpus.findings['duration']}/review",
        data={
            "verdict": "confirmed",
            "fingerprint": corpus.fingerprints["duration"],
            "reviewer": "Ana",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert count(guarded[0].state.session_factory, Review) == 1

    out = client.post("/logout", data={"next": "/"}, follow_redirects=False)
    assert out.status_code == 303 and WRITER_COOKIE not in client.cookies
    again = client.post(
        f"/topics/meeting-duration/claims/{corpus.claims['a_duration']}/flags",
        data={"other_claim_id": str(corpus.claims["b_duration"]), "reviewer": "Ana"},
        headers={**HTMX, "HX-Trigger": "flag-form-1"},
    )
    assert again.status_code == 401
    assert again.headers["HX-Retarget"] == "#flag-form-1-error"
    assert "log in at /login" in again.text
    assert count(guarded[0].state.session_factory, Flag) == 0


def test_a_forged_or_stale_cookie_opens_nothing(
    guarded: tuple[FastAPI, Corpus], client: TestClient
) -> None:
    corpus = guarded[1]
    for value in ("1", TOKEN, session_value("another-token-of-sixteen"), "ñ"):
        response = client.post(
            f"/api/findings/{corpus.findings['duration']}/review",
            json={
                "verdict": "confirmed",
                "fingerprint": corpus.fingerprints["duration"],
                "reviewer": "A",
            },
            headers={"Cookie": f"{WRITER_COOKIE}={value}".encode()},
        )
        assert response.status_code == 401, value


def test_over_plain_http_the_cookie_is_not_secure(guarded: tuple[FastAPI, Corpus]) -> None:
    """A browser drops a Secure cookie set over http://, and the login with it."""
    with TestClient(guarded[0]) as client:
        response = client.post("/login", data={"token": TOKEN}, follow_redirects=False)
    assert response.status_code == 303
    assert "Secure" not in response.headers["set-cookie"]


def test_tokens_are_compared_in_constant_time(
    guarded: tuple[FastAPI, Corpus], client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared: list[tuple[bytes, bytes]] = []
    compare = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return compare(a, b)

    monkeypatch.setattr(write_access.hmac, "compare_digest", spy)
    client.post("/api/claims/1/flags", json={}, headers={"Authorization": "Bearer wrong"})
    client.post("/login", data={"token": "wrong"})
    assert (b"wrong", TOKEN.encode()) in compared and len(compared) == 2


def test_the_api_documents_the_bearer_scheme(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    review = schema["paths"]["/api/findings/{finding_id}/review"]["post"]
    assert review["security"] == [{"HTTPBearer": []}] and "401" in review["responses"]
    assert "security" not in schema["paths"]["/api/topics"]["get"]


# --- loopback: nothing changes; a token, once set, still counts ---------------------------


def test_on_loopback_without_a_token_writing_is_open(tmp_path: Path) -> None:
    app = create_app(settings_for(tmp_path))
    corpus = insert_corpus(app.state.session_factory)
    with TestClient(app) as client:
        page = BeautifulSoup(client.get("/topics/meeting-duration").text, "html.parser")
        assert page.select("form.review-form") and not page.select(".write-access")
        response = client.post(
            f"/api/findings/{corpus.findings['duration']}/review",
            json={
                "verdict": "dismissed",
                "fingerprint": corpus.fingerprints["duration"],
                "reviewer": "A",
            },
        )
        assert response.status_code == 201


def test_a_token_set_on_loopback_is_required_too(tmp_path: Path) -> None:
    """Behind a reverse proxy the server binds to loopback: the token still protects it."""
    app = create_app(settings_for(tmp_path, write_token=TOKEN))
    with TestClient(app) as client:
        assert client.post("/api/claims/1/flags", json={}).status_code == 401


def test_a_real_server_checks_the_bearer_token(tmp_path: Path) -> None:
    """Through a real HTTP server: the Authorization header as a script sends it."""
    app = create_app(
        Settings(database_url=database_url(tmp_path, "cotejo.sqlite3"), write_token=TOKEN)
    )
    corpus = insert_corpus(app.state.session_factory)
    url = f"/api/findings/{corpus.findings['duration']}/review"
    body = {"verdict": "confirmed", "fingerprint": corpus.fingerprints["duration"], "reviewer": "A"}
    with live_server(app) as base:
        refused = httpx.post(base + url, json=body)
        accepted = httpx.post(base + url, json=body, headers=BEARER)
        read = httpx.get(base + "/api/topics")
    assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Bearer")
    assert accepted.status_code == 201 and read.status_code == 200
