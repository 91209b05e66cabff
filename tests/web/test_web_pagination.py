"""Long lists come a page at a time: the topic page's findings and claims, a source's
articles, the conflicts list. Each page is a bookmarkable URL (?page=, ?findings_page=), an
HTMX request gets only the list's fragment, the last page says so, and a page past the
last is a clear 404, never a 500 or an empty page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from app.services.dashboard import sources as source_pages
from app.services.dashboard import topic as topic_pages
from tests.web.conftest import HTMX


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


@pytest.fixture
def one_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of one row, so that the small test corpus spans several."""
    monkeypatch.setattr(topic_pages, "PAGE_SIZE", 1)
    monkeypatch.setattr(source_pages, "ARTICLES_PER_PAGE", 1)


def claim_ids(page: BeautifulSoup) -> list[str]:
    return [a["id"] for a in page.select("#topic-claims article.claim")]


def test_topic_claims_page_by_page_with_links_that_work_without_javascript(
    client: TestClient, corpus, one_per_page
) -> None:
    first = parse(client.get("/topics/meeting-duration").text)
    assert len(claim_ids(first)) == 1
    pager = first.select_one("#topic-claims nav.pager")
    assert "Page 1 of" in pager.get_text()
    more = pager.select_one("a[rel=next]")
    # A plain link (the bookmarkable URL) that HTMX swaps into the claims region alone.
    assert more["href"] == "/topics/meeting-duration?page=2"
    assert more["hx-get"] == more["href"] and more["hx-target"] == "#topic-claims"
    second = parse(client.get(more["href"]).text)
    assert second.select_one("h1") is not None  # the whole page, without JavaScript
    assert claim_ids(second) and claim_ids(second) != claim_ids(first)
    # The summary still counts every claim of the topic, not the page's.
    total = int(pager.get_text().split(" of ")[-1].split()[0])
    assert f"and {total} claims" in first.select_one(".summary").get_text()


def test_topic_claims_fragment_for_htmx(client: TestClient, corpus, one_per_page) -> None:
    response = client.get(
        "/topics/meeting-duration?page=2", headers={**HTMX, "HX-Target": "topic-claims"}
    )
    assert response.status_code == 200
    fragment = parse(response.text)
    assert fragment.select_one("h1") is None and fragment.select_one("#topic-main") is None
    assert fragment.select_one("section#topic-claims") is not None
    assert len(claim_ids(fragment)) == 1


def test_topic_last_page_and_past_it(client: TestClient, corpus, one_per_page) -> None:
    first = parse(client.get("/topics/meeting-duration").text)
    pages = int(first.select_one("#topic-claims nav.pager span").get_text().split(" of ")[1][0])
    last = parse(client.get(f"/topics/meeting-duration?page={pages}").text)
    pager = last.select_one("#topic-claims nav.pager")
    assert pager.select_one("a[rel=next]") is None and pager.select_one("a[rel=prev]")
    past = client.get(f"/topics/meeting-duration?page={pages + 1}")
    assert past.status_code == 404
    assert f"There is no page {pages + 1}: the last is {pages}." in past.text
    assert client.get("/topics/meeting-duration?findings_page=99").status_code == 404
    assert client.get("/topics/meeting-duration?page=0").status_code == 422


def test_topic_findings_page_by_page(client: TestClient, corpus, one_per_page) -> None:
    first = parse(client.get("/topics/weapons-deal").text)
    assert len(first.select("#topic-main article.finding")) == 1
    more = first.select_one("#topic-main nav.pager[aria-label='Pages of findings'] a[rel=next]")
    assert more["href"] == "/topics/weapons-deal?findings_page=2"
    second = parse(client.get(more["href"]).text)
    assert second.select("#topic-main article.finding") != first.select(
        "#topic-main article.finding"
    )


def test_source_articles_page_by_page(client: TestClient, corpus, one_per_page) -> None:
    a = corpus.sources["Source A"]
    first = parse(client.get(f"/sources/{a}").text)
    articles = first.select("article.article")
    pager = first.select_one("#source-main nav.pager")
    if pager is None:  # one article only: nothing to page
        assert len(articles) == 1
        assert client.get(f"/sources/{a}?page=2").status_code == 404
        return
    assert len(articles) == 1
    more = pager.select_one("a[rel=next]")
    assert more["href"] == f"/sources/{a}?page=2" and more["hx-target"] == "#source-main"
    fragment = client.get(more["href"], headers={**HTMX, "HX-Target": "source-main"})
    assert parse(fragment.text).select_one("h1") is None


def test_conflicts_past_the_last_page(client: TestClient, corpus) -> None:
    assert client.get("/conflicts?page=1").status_code == 200
    response = client.get("/conflicts?page=2")
    assert response.status_code == 404
    assert "There is no page 2: the last is 1." in response.text
    # The API keeps answering with an empty page, as its schema says.
    assert client.get("/api/findings?page=2").status_code == 200
