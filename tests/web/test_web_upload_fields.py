"""The upload form's per-article fields and zips, refused before anything is stored (real app,
real SQLite): each bad field is a 4xx naming the field and the file, never a 500, and no job
starts."""

from __future__ import annotations

import io
import stat
import zipfile

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.db.models import Article, Source
from app.ingest.archive import MAX_MEMBERS

TEXT = "Las autoridades confirmaron 12 muertos y más de 300 heridos tras el terremoto.\n"
HTMX = {"HX-Request": "true", "HX-Trigger": "ingest-form"}


def zipped(*members: tuple[str | zipfile.ZipInfo, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members:
            archive.writestr(name, content)
    return buffer.getvalue()


def refused(client: TestClient, files: list, data: dict[str, str]) -> tuple[int, str]:
    """The status and message of a refused upload, once it is sure nothing was stored."""
    with client.app.state.session_factory() as session:
        before = session.scalar(select(func.count(Article.id)))
    response = client.post("/ingest", files=files, data=data, headers=HTMX)
    assert 400 <= response.status_code < 500, response.text
    assert client.app.state.ingest_jobs.jobs == {}
    with client.app.state.session_factory() as session:
        assert session.scalar(select(func.count(Article.id))) == before
    return response.status_code, BeautifulSoup(response.text, "html.parser").get_text(" ")


def a_file(name: str = "norte.txt", content: bytes = TEXT.encode()) -> list:
    return [("files", (name, content, "text/plain"))]


@pytest.mark.parametrize(
    ("data", "field", "reason"),
    [
        ({"file_published": "2025-13-01"}, "file_published", "is not a date such as"),
        ({"file_published": "ayer"}, "file_published", "'ayer' is not a date"),
        ({"file_published": "2025-11-05T25:00"}, "file_published", "is not a date"),
        ({"file_url": "javascript:alert(1)"}, "file_url", "is not a web address"),
        ({"file_url": "ftp://example.com/a"}, "file_url", "is not a web address"),
        ({"file_url": "https://"}, "file_url", "is not a web address"),
        ({"file_url": "https://example.com/a b"}, "file_url", "is not a web address"),
        ({"file_url": "http://[::1"}, "file_url", "is not a web address"),
        ({"file_url": "https://example.com/" + "a" * 2100}, "file_url", "longer than 2048"),
        ({"file_outlet": "X" * 201}, "file_outlet", "longer than 200"),
        ({"file_outlet": "Diario\x00"}, "file_outlet", "NUL"),
        # Dates a form accepts but no database stores once read in UTC.
        ({"file_published": "0001-01-01T00:00+01:00"}, "file_published", "out of range"),
        ({"file_published": "9999-12-31T23:30-05:00"}, "file_published", "out of range"),
    ],
)
def test_a_bad_file_field_is_refused_naming_the_field_and_the_file(
    client: TestClient, data: dict[str, str], field: str, reason: str
) -> None:
    status, message = refused(client, a_file(), {"file_outlet": "Diario Norte", **data})
    assert status == 422
    assert reason in message
    assert "norte.txt" in message or field == "file_outlet"
    response = client.post("/ingest", files=a_file(), data={"file_outlet": "Diario", **data})
    assert field in response.text


@pytest.mark.parametrize(
    ("data", "field", "reason"),
    [
        ({"text_published": "13/09/2023"}, "text_published", "pasted text: published"),
        ({"text_url": "www.example.com/a"}, "text_url", "pasted text: url"),
        ({"text_url": "https://example.com/\x00"}, "text_url", "NUL"),
        ({"source_name": ""}, "source_name", "source name of the pasted text"),
    ],
)
def test_a_bad_field_of_the_pasted_text_is_refused_naming_it(
    client: TestClient, data: dict[str, str], field: str, reason: str
) -> None:
    status, message = refused(client, [], {"text": TEXT, "source_name": "Radio Sur", **data})
    assert status == 422 and reason in message
    response = client.post("/ingest", data={"text": TEXT, "source_name": "Radio Sur", **data})
    assert field in response.text


def test_a_bad_field_refuses_the_other_files_too(client: TestClient) -> None:
    files = a_file("a.txt") + a_file("b.txt")
    data = {"file_outlet": ["A", "B"], "file_published": ["2025-11-05", "mañana"]}
    status, message = refused(client, files, data)
    assert status == 422 and "b.txt: published: 'mañana'" in message


def test_fields_without_a_file_are_refused_rather_than_dropped(client: TestClient) -> None:
    status, message = refused(
        client, a_file(), {"file_outlet": ["A", "B"], "file_published": ["", "2025-11-05"]}
    )
    assert status == 422 and "File 2 has an outlet, date or URL but no file" in message


def test_a_url_for_a_whole_zip_is_refused(client: TestClient) -> None:
    files = [("files", ("todo.zip", zipped(("a.txt", TEXT.encode())), "application/zip"))]
    status, message = refused(client, files, {"file_url": "https://example.com/a"})
    assert status == 422 and "todo.zip: a URL names one article" in message


def symlink(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


@pytest.mark.parametrize(
    ("content", "status", "reason"),
    [
        (b"PK\x03\x04 not really", 422, "lote.zip: not a valid zip file"),
        (zipped(("../fuera.txt", TEXT.encode())), 422, "../fuera.txt: a path outside the zip"),
        (zipped(("/etc/x.txt", TEXT.encode())), 422, "/etc/x.txt: a path outside the zip"),
        (zipped((symlink("enlace.txt"), b"/etc/passwd")), 422, "enlace.txt: a symbolic link"),
        (zipped(("foto.png", b"\x89PNG")), 415, "lote.zip/foto.png: not an article"),
        (zipped(("otro.zip", zipped())), 415, "lote.zip/otro.zip: not an article"),
        (zipped(("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00")), 422, "lote.zip/a.txt: binary file"),
        (zipped(("sources.toml", b"")), 422, "lote.zip: holds no article"),
        (
            zipped(
                ("a.txt", TEXT.encode()),
                ("sources.toml", b'[[source]]\nfile = "a.txt"\nname = "A"\npublished = "hoy"\n'),
            ),
            422,
            "lote.zip/sources.toml: [[source]] #1 'a.txt': field 'published': expected a TOML",
        ),
        (
            zipped(
                ("a.txt", TEXT.encode()),
                ("sources.toml", b'[[source]]\nfile = "a.txt"\nname = "A"\nurl = "file:///x"\n'),
            ),
            422,
            "field 'url': 'file:///x' is not a web address",
        ),
        (
            zipped(*[(f"{n}.txt", TEXT.encode()) for n in range(MAX_MEMBERS + 1)]),
            422,
            f"at most {MAX_MEMBERS} per zip",
        ),
        (zipped(("a.txt", b"x" * 2_000_001)), 422, "lote.zip: a.txt: too large"),
        (zipped((".", TEXT.encode())), 422, "'.': a member with no file name"),
        (zipped(("a.txt", TEXT.encode()), ("./a.txt", TEXT.encode())), 422, "a.txt: twice"),
    ],
)
def test_a_bad_zip_is_refused_as_a_whole_naming_its_member(
    client: TestClient, content: bytes, status: int, reason: str
) -> None:
    files = [("files", ("lote.zip", content, "application/zip"))]
    got, message = refused(client, files, {"file_outlet": "Diario"})
    assert (got, reason in message) == (status, True), message


def test_the_form_offers_the_known_outlets_and_the_server_zone(client: TestClient) -> None:
    page = BeautifulSoup(client.get("/ingest").text, "html.parser")
    offered = [o["value"] for o in page.select("datalist#known-outlets option")]
    with client.app.state.session_factory() as session:
        assert offered == sorted(session.scalars(select(Source.name))) and "Source A" in offered
    assert all(i["list"] == "known-outlets" for i in page.select("[name=file_outlet]"))
    assert "server's zone (UTC)" in page.select_one("#ingest-meta-help").get_text()
