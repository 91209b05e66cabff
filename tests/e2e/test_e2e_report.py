"""The event report in Debian's Chromium: served by `cotejo serve`, it renders under its
Content-Security-Policy with nothing fetched from anywhere, prints a topic a page, and
saves as a PDF (build/report.pdf), whose pages and text pypdf reads back.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from app.config import ROOT, Settings
from app.web.app import create_app
from tests.databases import database_url
from tests.web.conftest import TOPICS, insert_corpus
from tests.web.report_support import add_duration_update

from .conftest import serve

pytestmark = pytest.mark.browser
PDF = ROOT / "build" / "report.pdf"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`cotejo serve` on the web tests' corpus, with an update between dated articles."""
    db = database_url(tmp_path_factory.mktemp("report"), "cotejo.sqlite3")
    session_factory = create_app(Settings(database_url=db)).state.session_factory
    add_duration_update(session_factory, insert_corpus(session_factory))
    yield from serve(db, {**os.environ, "PYTHONWARNINGS": "ignore"})


def test_the_report_prints_to_pdf_a_topic_a_page(
    server: str, watched: tuple[Page, list[str], list[str]]
) -> None:
    page, problems, _outside = watched
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(server + "/report")
    # The document needs nothing but itself, not even the server's static files.
    assert asked == [server + "/report"] and problems == []
    # The inline stylesheet applied (the policy allows it by its hash).
    assert page.eval_on_selector("main", "m => getComputedStyle(m).maxWidth") != "none"

    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(
        "section.report-topic", "ss => ss.map(s => getComputedStyle(s).breakBefore)"
    )
    assert breaks == ["page"] * len(TOPICS)
    text = page.inner_text("body")
    assert "What the outlets agree and disagree on" in text
    assert "Los líderes se reunieron el jueves en Vostochny." in text
    assert "stated by Source A, Source B" in text
    assert "Figures that changed" in text and "2023-09-13 17:45 UTC" in text
    assert "Measured accuracy" in text

    PDF.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(path=PDF, format="A4", print_background=True)
    pdf = PdfReader(PDF)
    # The summary, a page (at least) a topic, then the methods.
    assert len(pdf.pages) >= len(TOPICS) + 2, len(pdf.pages)
    assert pdf.metadata is not None
    assert pdf.metadata.title == "Cotejo report: what the outlets agree and disagree on"
    printed = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    for words in (
        "What the outlets agree and disagree on",
        "Los líderes se reunieron el jueves en Vostochny.",
        "Figures that changed",
        "Measured accuracy",
    ):
        assert words in printed, words
