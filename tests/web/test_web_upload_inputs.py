"""Bad files in a browser upload (real app, real model, real SQLite): each is refused by name
with the reason, the upload's other files are ingested, and nothing answers 500."""

from __future__ import annotations

import codecs
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from app.config import Settings
from app.services.export import build_export
from app.web.app import create_app
from tests.databases import database_url

TEXT = "La reunión entre los ministros de Pesca de Islandia y Noruega duró tres horas en Reikiavik."


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    """An app on an empty database (the web tests' row-by-row corpus has no topic cues, which
    a real ingest needs)."""
    settings = Settings(
        database_url=database_url(tmp_path, "cotejo.sqlite3"), allowed_hosts=["testserver"]
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def finished_job(client: TestClient, location: str) -> BeautifulSoup:
    for _ in range(600):
        page = BeautifulSoup(client.get(location).text, "html.parser")
        if page.select_one("#ingest-job[aria-busy]") is None:
            return page
        time.sleep(0.1)
    raise TimeoutError(location)


def test_a_mixed_upload_keeps_the_good_files_and_names_each_bad_one(client: TestClient) -> None:
    files = [
        ("files", ("utf8.txt", TEXT.encode(), "text/plain")),
        ("files", ("utf16.txt", TEXT.replace("tres", "dos").encode("utf-16"), "text/plain")),
        ("files", ("latin1.txt", TEXT.replace("tres", "cuatro").encode("latin-1"), "text/plain")),
        ("files", ("scan.pdf", b"%PDF-1.4", "application/pdf")),
        ("files", ("[b]foto\n.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "text/plain")),
        (
            "files",
            ("ruso.txt", "Встреча длилась три часа в Москве.".encode("cp1251"), "text/plain"),
        ),
    ]
    response = client.post(
        "/ingest", files=files, data={"source_name": "Diario"}, follow_redirects=False
    )
    assert response.status_code == 303
    page = finished_job(client, response.headers["location"])

    summary = page.select_one("[data-live-summary]").get_text()
    assert "3 added" in summary and "3 failed" in summary
    failures = [li.get_text(" ", strip=True) for li in page.select("ul.failures li")]
    assert any("scan.pdf: unsupported file type '.pdf'" in f for f in failures)
    # The form encodes the newline (%0A), as browsers do; "[b]" is shown as it is.
    assert any("[b]foto%0A.txt: binary file (contains NUL bytes)" in f for f in failures)
    assert any("ruso.txt: not UTF-8 text" in f and "re-save it as UTF-8" in f for f in failures)
    notes = [li.get_text(strip=True) for li in page.select("ul.notes li")]
    assert notes == ["latin1.txt: read as Latin-1: it is not UTF-8, check its accents"]
    with client.app.state.session_factory() as session:
        stored = {source["path"] for source in build_export(session)["sources"]}
    assert stored == {
        "upload:Diario/utf8.txt",
        "upload:Diario/utf16.txt",
        "upload:Diario/latin1.txt",
    }


def test_an_upload_of_bad_files_only_is_refused_naming_each(client: TestClient) -> None:
    files = [
        ("files", ("a.pdf", b"%PDF-1.4", "application/pdf")),
        ("files", ("b.txt", codecs.BOM_UTF16_LE + b"\x00\xd8ab", "text/plain")),
    ]
    response = client.post(
        "/ingest",
        files=files,
        data={"source_name": "X"},
        headers={"HX-Request": "true", "HX-Trigger": "ingest-form"},
    )
    assert response.status_code == 422
    message = BeautifulSoup(response.text, "html.parser").get_text(" ", strip=True)
    assert "a.pdf: unsupported file type '.pdf'" in message
    assert "b.txt: starts with a UTF-16LE byte-order mark but is not valid UTF-16LE" in message
    assert client.app.state.ingest_jobs.jobs == {}


def test_odd_file_names_never_answer_500(client: TestClient) -> None:
    for name in ("\x00.txt", "..", "", "a\x1b[31m.txt", "x" * 300 + ".txt"):
        response = client.post(
            "/ingest",
            files=[("files", (name, b"\x00", "text/plain"))],
            data={"source_name": "X"},
        )
        assert 400 <= response.status_code < 500, (name, response.status_code)
