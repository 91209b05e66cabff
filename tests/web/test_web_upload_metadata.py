"""Articles uploaded with their outlet, publication time and URL (real app, real model, real
SQLite): they are stored as a sources.toml entry would store them, the time-aware comparison
reads the uploaded times (a toll that rose between two reports is an update), and a zip's own
sources.toml is honoured."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from spacy.language import Language

from app.compare.value_findings import INFERRED_ORDER
from app.config import Settings
from app.ingest.manifest import parse_topics
from app.services.export import build_export
from app.services.ingest import engine_of, store_topics
from app.web.app import create_app
from tests.databases import database_url
from tests.services.test_other_event import TOPICS
from tests.web.test_web_upload_inputs import finished_job

QUAKE = "Un terremoto sacudió el sur del país el martes por la noche.\n"
EARLY = QUAKE + "Las autoridades confirmaron 12 muertos y más de 300 heridos.\n"
LATE = QUAKE + "Las autoridades confirmaron 20 muertos y más de 300 heridos.\n"


@pytest.fixture
def client(tmp_path: Path, nlp: Language) -> Iterator[TestClient]:
    """An empty database with topics of an earthquake (a death toll among them), served in
    Madrid's zone."""
    settings = Settings(
        database_url=database_url(tmp_path, "cotejo.sqlite3"),
        allowed_hosts=["testserver"],
        timezone="Europe/Madrid",
    )
    with TestClient(create_app(settings)) as test_client:
        topics = {"test": parse_topics(TOPICS, "topics.toml")}
        store_topics(test_client.app.state.session_factory, topics, engine_of(nlp))
        yield test_client


def upload(client: TestClient, files: list, data: dict) -> BeautifulSoup:
    response = client.post("/ingest", files=files, data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    page = finished_job(client, response.headers["location"])
    assert not page.select("ul.failures li"), page.get_text(" ")
    return page


def exported(client: TestClient) -> dict:
    with client.app.state.session_factory() as session:
        return build_export(session)


def test_uploaded_times_make_a_rising_toll_an_update_shown_in_order(client: TestClient) -> None:
    # Listed late first: the order shown must come from the times given, not the upload's.
    files = [
        ("files", ("sur.txt", LATE.encode(), "text/plain")),
        ("files", ("norte.txt", EARLY.encode(), "text/plain")),
    ]
    upload(
        client,
        files,
        {
            "file_outlet": ["Radio Sur", "Diario Norte"],
            # Without an offset: the server's zone (Madrid, +01:00 in November).
            "file_published": ["2025-11-06T18:00", "2025-11-05T09:00+01:00"],
            "file_url": ["https://radiosur.example/terremoto", ""],
        },
    )
    export = exported(client)
    sources = {s["name"]: s for s in export["sources"]}
    assert sources["Radio Sur"]["published_at"] == "2025-11-06T17:00:00+00:00"
    assert sources["Diario Norte"]["published_at"] == "2025-11-05T08:00:00+00:00"
    assert [sources[n]["published_from"] for n in ("Radio Sur", "Diario Norte")] == ["manifest"] * 2
    assert sources["Radio Sur"]["url"] == "https://radiosur.example/terremoto"
    assert sources["Diario Norte"]["url"] is None

    # The 300 wounded agree; the toll that rose is the only other finding.
    tolls = [f for f in export["findings"] if f["kind"] != "agreement"]
    assert [f["kind"] for f in tolls] == ["update"]
    assert INFERRED_ORDER not in tolls[0]["explanation"]
    assert "Diario Norte gives 12" in tolls[0]["explanation"]

    topic = BeautifulSoup(client.get("/topics/death-toll").text, "html.parser")
    entries = [li.get_text(" ", strip=True) for li in topic.select("ol.timeline-list li.tl-entry")]
    twelve = next(i for i, e in enumerate(entries) if "Diario Norte" in e and "12" in e)
    twenty = next(i for i, e in enumerate(entries) if "Radio Sur" in e and "20" in e)
    assert twelve < twenty
    assert "2025-11-05" in entries[twelve] and "2025-11-06" in entries[twenty]
    assert "update" in entries[twenty] and "(later updated)" in entries[twelve]

    # The URL is on the article's page and in the API; the outlets are offered next time.
    sur = next(
        s["source"] for s in client.get("/api/sources").json() if s["source"]["name"] == "Radio Sur"
    )
    page = BeautifulSoup(client.get(f"/sources/{sur['id']}").text, "html.parser")
    assert page.select_one("a.article-url")["href"] == "https://radiosur.example/terremoto"
    detail = client.get(f"/api/sources/{sur['id']}").json()
    assert [a["url"] for a in detail["articles"]] == ["https://radiosur.example/terremoto"]
    form = BeautifulSoup(client.get("/ingest").text, "html.parser")
    offered = [o["value"] for o in form.select("datalist#known-outlets option")]
    assert offered == ["Diario Norte", "Radio Sur"]


def test_a_zip_s_sources_toml_is_honoured(client: TestClient) -> None:
    manifest = """
[[source]]
file = "norte.txt"
name = "Diario Norte"
key = "norte"
published = 2025-11-05T09:00:00+01:00
url = "https://norte.example/a"

[[source]]
file = "sur.txt"
name = "Radio Sur"
published = 2025-11-06
title = "El balance sube"
"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("lote/norte.txt", EARLY)
        archive.writestr("lote/sur.txt", LATE)
        archive.writestr("lote/sources.toml", manifest)
        archive.writestr("lote/suelto.txt", QUAKE + "Se registraron 300 heridos.\n")
        archive.writestr("__MACOSX/lote/._norte.txt", b"\x00\x05\x16\x07")
    files = [("files", ("lote.zip", buffer.getvalue(), "application/zip"))]
    page = upload(client, files, {"file_outlet": "Agencia", "file_published": "2025-11-05"})
    assert "3 added" in page.select_one("[data-live-summary]").get_text()

    sources = {s["path"]: s for s in exported(client)["sources"]}
    norte = sources["upload:Diario Norte/lote.zip/lote/norte.txt"]
    assert (norte["outlet_key"], norte["url"]) == ("norte", "https://norte.example/a")
    assert norte["published_at"] == "2025-11-05T08:00:00+00:00"
    sur = sources["upload:Radio Sur/lote.zip/lote/sur.txt"]
    assert (sur["title"], sur["published"], sur["published_precision"]) == (
        "El balance sube",
        "2025-11-06",
        "day",
    )
    # Not in the zip's sources.toml: the form's outlet and date.
    loose = sources["upload:Agencia/lote.zip/lote/suelto.txt"]
    assert (loose["name"], loose["published"], loose["url"]) == ("Agencia", "2025-11-05", None)
