"""The event report: /report and /report.md with the conflicts page's filters, and
`cotejo report --format html|md`, on the web tests' corpus (in Chromium: tests/e2e)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from app.cli import main
from app.config import Settings
from app.services import accuracy

from .conftest import ARTICLES, TOPICS, Corpus, post_review
from .report_support import UPDATE_EXPLANATION, add_duration_update


def claim_text(key: str) -> str:
    return next(
        spec.text for _text, specs in ARTICLES.values() for spec in specs if spec.key == key
    )


def topic_section(html: str, slug: str) -> str:
    """The report's section on one topic (empty when the topic is not in it)."""
    found = re.search(rf'<section id="topic-{slug}".*?</section>', html, re.S)
    return found.group(0) if found else ""


def test_the_report_has_every_topic_its_conflicts_agreements_and_methods(
    client: TestClient, corpus: Corpus
) -> None:
    response = client.get("/report")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    for slug, (label, *_rest) in TOPICS.items():
        assert label in topic_section(html, slug)
    # A conflict: both quotations, their values, the outlets.
    day = topic_section(html, "meeting-day")
    for key in ("a_day", "c_day"):
        assert claim_text(key) in re.sub(r"<[^>]+>", "", day)
    assert "Wednesday" in day and "Thursday" in day and "hard conflict" in day
    # What two outlets agree on, and who states it.
    satellites = topic_section(html, "satellites")
    assert "stated by Source A, Source B" in satellites
    # A value chart, inline.
    assert '<svg viewBox="0 0' in topic_section(html, "meeting-duration")
    for figure in accuracy.ALL:
        assert figure.result in html
    assert "Methods" in html


def test_the_report_is_self_contained_and_allowed_by_its_own_policy(client: TestClient) -> None:
    response = client.get("/report")
    html = response.text
    assert not re.search(r"<(link|script|img|iframe)\b|\bsrc=|@import|url\((?!#)", html)
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert len(styles) == 1 and "@media print" in styles[0] and "break-before: page" in styles[0]
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    policy = response.headers["content-security-policy"]
    assert f"style-src 'sha256-{digest}'" in policy
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy


def test_the_report_gives_the_reviewers_verdicts_and_notes(
    client: TestClient, corpus: Corpus
) -> None:
    post_review(
        client, corpus, "day", "confirmed", "Ana Ruiz", "The Kremlin readout says Wednesday."
    )
    day = topic_section(client.get("/report").text, "meeting-day")
    assert "<strong>Confirmed</strong> by Ana Ruiz" in day
    assert "The Kremlin readout says Wednesday." in day
    assert "1 of 1 conflict reviewed" in day
    assert "Not reviewed yet" in topic_section(client.get("/report").text, "meeting-duration")


def test_the_report_keeps_to_the_filters(client: TestClient, corpus: Corpus) -> None:
    a, b = corpus.sources["Source A"], corpus.sources["Source B"]
    html = client.get(f"/report?source={a}&source={b}").text
    assert "Source A, Source B" in html
    # Only findings between the two: the duration conflict, not A's weekday conflict with C.
    assert claim_text("b_duration") in re.sub(r"<[^>]+>", "", html)
    assert "hard conflict" not in topic_section(html, "meeting-day")
    # A topic the two say nothing on is there, and says so.
    assert "0 claims from 0 outlets" in topic_section(html, "prior-meetings")

    only = client.get("/report?topic=meeting-day").text
    assert topic_section(only, "meeting-day") and not topic_section(only, "satellites")

    agreements = client.get("/report?kind=agreement").text
    assert "No conflict was found." in topic_section(agreements, "weapons-deal")
    assert "stated by Source A, Source B" in topic_section(agreements, "satellites")

    post_review(client, corpus, "duration", "dismissed", "Ana Ruiz")
    dismissed = client.get("/report?state=dismissed").text
    assert "soft conflict" in topic_section(dismissed, "meeting-duration")
    assert "hard conflict" not in topic_section(dismissed, "meeting-day")


def test_the_conflicts_page_links_to_the_report_of_its_filters(
    client: TestClient, corpus: Corpus
) -> None:
    a = corpus.sources["Source A"]
    html = client.get(f"/conflicts?source={a}&kind=conflict").text
    query = f"?source={a}&amp;kind=conflict"
    assert f'href="/report{query}"' in html and f'href="/report.md{query}"' in html


@pytest.mark.parametrize(
    ("query", "status", "named"),
    [
        ("kind=bogus", 422, "kind"),
        ("severity=very", 422, "severity"),
        ("state=lost", 422, "state"),
        ("source=abc", 422, "source"),
        ("source=0", 422, "source"),
        ("topic=nowhere", 404, "nowhere"),
    ],
)
def test_a_bad_filter_is_refused_naming_it(
    client: TestClient, query: str, status: int, named: str
) -> None:
    for path in ("/report", "/report.md"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == status, (path, query)
        assert named in response.text


def test_figures_that_changed_get_a_timeline(
    client: TestClient, corpus: Corpus, session_factory: sessionmaker[Session]
) -> None:
    assert "Figures that changed" not in client.get("/report").text
    add_duration_update(session_factory, corpus)
    duration = topic_section(client.get("/report").text, "meeting-duration")
    assert "Figures that changed" in duration
    assert 'class="timeline"' in duration and "update-link" in duration
    assert "2023-09-13 08:30 UTC" in duration and "2023-09-13 17:45 UTC" in duration
    assert UPDATE_EXPLANATION.replace("'", "&#39;") in duration


def test_the_markdown_report_has_the_same_content(client: TestClient, corpus: Corpus) -> None:
    post_review(client, corpus, "day", "confirmed", "Ana Ruiz", "Readout: *Wednesday*.")
    response = client.get("/report.md")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/markdown; charset=utf-8"
    text = response.text
    for label, *_rest in TOPICS.values():
        assert f"## {label}" in text
    assert f"> “{claim_text('c_day')}” — Source C, Thursday" in text
    # Notes are untrusted: their Markdown is escaped, not rendered.
    assert "Review: **confirmed** by Ana Ruiz" in text and r"Readout: \*Wednesday\*." in text
    assert "- **How sure each outlet is** — Source A, Source B" in text
    assert "## Methods" in text and accuracy.FINDINGS[0].measure in text


def count_queries(client: TestClient, path: str) -> int:
    engine = client.app.state.session_factory.kw["bind"]
    seen: list[str] = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len(seen)


def test_the_queries_do_not_grow_with_the_findings(client: TestClient, corpus: Corpus) -> None:
    # One topic's single finding costs as many queries as the whole report's six.
    assert count_queries(client, "/report") == count_queries(client, "/report?topic=meeting-day")


def test_cotejo_report_writes_html_and_markdown(
    client: TestClient, corpus: Corpus, settings: Settings, tmp_path: Path
) -> None:
    post_review(client, corpus, "day", "confirmed", "Ana Ruiz", "Readout says Wednesday.")
    db = ["--db", settings.database_url]
    html, md = tmp_path / "report.html", tmp_path / "report.md"
    assert main(["report", *db, "--format", "html", "-o", str(html)]) == 0
    assert main(["report", *db, "--format", "md", "--source", "source a", "-o", str(md)]) == 0
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "@media print" in page
    assert "Readout says Wednesday." in topic_section(page, "meeting-day")
    text = md.read_text(encoding="utf-8")
    # Source A alone compares with nobody: its topics are there, with no conflict.
    assert "- **Sources**: Source A" in text and "No conflict was found." in text
    assert "Readout says Wednesday." not in text


def test_cotejo_report_refuses_an_unknown_outlet_or_filter(
    corpus: Corpus, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", settings.database_url]
    assert main(["report", *db, "--source", "Nobody"]) == 2
    assert main(["report", *db, "--kind", "bogus"]) == 2
    assert main(["report", *db, "--topic", "nowhere"]) == 2
    assert capsys.readouterr().out == ""
