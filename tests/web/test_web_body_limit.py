"""The request-body cap: refused from the declared length before the body is read, or as
soon as a body without one passes the cap, never after reading it in full."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.config import Settings
from app.web.app import create_app
from tests.databases import database_url

from .conftest import Corpus, insert_corpus
from .live import live_server, read_response

LIMIT = 64 * 1024
HTMX = {"HX-Request": "true"}
MULTIPART_HEAD = (
    b"--b0undary\r\n"
    b'Content-Disposition: form-data; name="files"; filename="big.txt"\r\n'
    b"Content-Type: text/plain\r\n\r\n"
)


@pytest.fixture
def limited(tmp_path: Path) -> tuple[FastAPI, Corpus]:
    settings = Settings(
        database_url=database_url(tmp_path, "cotejo.sqlite3"),
        allowed_hosts=["testserver"],
        max_request_bytes=LIMIT,
    )
    app = create_app(settings)

    def refuse(*args, **kwargs):
        raise AssertionError("an oversized upload reached the ingest")

    app.state.ingest_jobs.accept = refuse
    return app, insert_corpus(app.state.session_factory)


@pytest.fixture
def server(limited: tuple[FastAPI, Corpus]) -> Iterator[tuple[str, int]]:
    with live_server(limited[0]) as base:
        yield base, urlsplit(base).port


def connect(port: int) -> socket.socket:
    # A server waiting for the rest of the body would leave this to time out.
    return socket.create_connection(("127.0.0.1", port), timeout=10)


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/ingest", "multipart/form-data; boundary=b0undary"),
        ("/api/findings/1/review", "application/json"),
    ],
)
def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_sent(
    server: tuple[str, int], path: str, content_type: str
) -> None:
    with connect(server[1]) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {50 * 2**20}\r\n\r\n".encode()
        )
        status, headers, body = read_response(sock)  # not one byte of the body sent
    assert status == 413
    assert f"{LIMIT} bytes" in body.decode()
    assert headers["content-security-policy"]  # refused outside the routes, still secured
    if path.startswith("/api/"):
        assert "larger than" in json.loads(body)["detail"]


@pytest.mark.parametrize(
    ("path", "content_type", "prologue"),
    [
        ("/ingest", "multipart/form-data; boundary=b0undary", MULTIPART_HEAD),
        ("/api/findings/1/review", "application/json", b'{"note": "'),
    ],
)
def test_a_chunked_body_is_refused_as_soon_as_it_passes_the_limit(
    server: tuple[str, int], path: str, content_type: str, prologue: bytes
) -> None:
    piece = b"a" * 4096
    with connect(server[1]) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
            "Transfer-Encoding: chunked\r\n\r\n".encode()
        )
        sent = 0
        for part in [prologue] + [piece] * (LIMIT // len(piece) + 2):
            sock.sendall(b"%x\r\n%s\r\n" % (len(part), part))
            sent += len(part)
        # The body goes on (no last chunk is ever sent), yet the answer comes now.
        status, _, body = read_response(sock)
    assert LIMIT < sent < 2 * LIMIT
    assert status == 413 and b"larger than" in body


def test_a_body_within_the_limit_is_served(
    server: tuple[str, int], limited: tuple[FastAPI, Corpus]
) -> None:
    corpus = limited[1]
    review = {
        "verdict": "confirmed",
        "fingerprint": corpus.fingerprints["duration"],
        "reviewer": "Ana",
        "note": "n" * 1000,
    }
    response = httpx.post(
        f"{server[0]}/api/findings/{corpus.findings['duration']}/review", json=review
    )
    assert response.status_code == 201


def test_an_oversized_upload_lands_in_the_forms_error_slot(
    limited: tuple[FastAPI, Corpus],
) -> None:
    with TestClient(limited[0]) as client:
        response = client.post(
            "/ingest",
            files={"files": ("big.txt", b"a" * (LIMIT + 1), "text/plain")},
            headers={**HTMX, "HX-Trigger": "ingest-form"},
        )
        assert response.status_code == 413
        assert response.headers["HX-Retarget"] == "#ingest-form-error"
        assert f"larger than the {LIMIT} bytes" in response.text
        # Counted while read too: a body sent without a length (chunked) is refused alike.
        chunked = client.post(
            "/api/findings/1/review",
            content=iter([b'{"note": "', b"a" * LIMIT, b'"}']),
            headers={"Content-Type": "application/json"},
        )
        assert chunked.status_code == 413
        assert "larger than" in chunked.json()["detail"]
        # The form says how much it takes.
        assert f"{LIMIT} bytes in all" in client.get("/ingest").text


def test_an_invalid_length_is_a_400(limited: tuple[FastAPI, Corpus]) -> None:
    with TestClient(limited[0]) as client:
        response = client.post(
            "/api/findings/1/review", content=b"{}", headers={"Content-Length": "ten"}
        )
    assert response.status_code == 400


def test_the_limit_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().max_request_bytes == 32 * 2**20
    monkeypatch.setenv("COTEJO_MAX_REQUEST_BYTES", "1000")
    assert Settings().max_request_bytes == 1000
    monkeypatch.setenv("COTEJO_MAX_REQUEST_BYTES", "0")
    with pytest.raises(ValueError, match="greater than 0"):
        Settings()
