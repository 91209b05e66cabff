"""Downloads of every list view (conflicts, a topic's claims, search, the review log,
sources): CSV read back with the csv module and JSON with json, on the real app and a real
migrated database, each compared with what the page itself shows for the same filters."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.db.models import Article
from app.services import downloads
from app.services.downloads import (
    CLAIM_COLUMNS,
    FINDING_COLUMNS,
    REVIEW_COLUMNS,
    SOURCE_COLUMNS,
    csv_cell,
)

from .conftest import Corpus, post_flag, post_review

BOM = "\ufeff"
VIEWS = {
    "/conflicts": ("cotejo-conflicts", FINDING_COLUMNS),
    "/topics/meeting-duration": ("cotejo-topic-meeting-duration", CLAIM_COLUMNS),
    "/search": ("cotejo-search", CLAIM_COLUMNS),
    "/review": ("cotejo-review", REVIEW_COLUMNS),
    "/sources": ("cotejo-sources", SOURCE_COLUMNS),
}


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def read_csv(client: TestClient, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text.removeprefix(BOM), newline="")))


def read_json(client: TestClient, url: str) -> list[dict[str, object]]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return json.loads(response.content)


def download_links(client: TestClient, page_url: str) -> list[str]:
    page = parse(client.get(page_url).text)
    return [a["href"] for a in page.select("p.downloads a")]


def add_reviews(client: TestClient, corpus: Corpus) -> None:
    """A verdict on the A–C weekday conflict, then a flag between A's and B's durations."""
    post_review(client, corpus, "day", "confirmed", "Ana", "Checked with the Kremlin's readout.")
    post_flag(
        client, corpus, "meeting-duration", "a_duration", "b_duration", "Luis", "Four is not five"
    )


@pytest.mark.parametrize("path", list(VIEWS))
def test_each_view_downloads_as_csv_and_json_with_its_documented_columns(
    client: TestClient, corpus: Corpus, path: str
) -> None:
    add_reviews(client, corpus)
    name, columns = VIEWS[path]
    query = "?q=horas" if path == "/search" else ""
    # The page links to both, with its query string.
    assert download_links(client, path + query) == [f"{path}.csv{query}", f"{path}.json{query}"]
    for suffix in ("csv", "json"):
        response = client.get(f"{path}.{suffix}{query}")
        assert response.headers["content-disposition"] == f'attachment; filename="{name}.{suffix}"'
        # Streamed: the length is not known before the body is sent.
        assert "content-length" not in response.headers
    header = client.get(f"{path}.csv{query}").content.decode().removeprefix(BOM).splitlines()[0]
    assert tuple(next(csv.reader([header]))) == columns
    rows = read_csv(client, f"{path}.csv{query}")
    records = read_json(client, f"{path}.json{query}")
    assert rows, "every view has rows in this corpus"
    assert [tuple(r) for r in records] == [columns] * len(records)
    # One set of rows, two encodings: each JSON value is the CSV cell's typed form.
    assert rows == [{c: csv_cell(r[c]) for c in columns} for r in records]


def test_conflicts_download_is_the_pages_findings_for_the_same_filters(
    client: TestClient, corpus: Corpus
) -> None:
    a, b, c = (corpus.sources[f"Source {x}"] for x in "ABC")
    for query in (
        "",
        f"?source={a}&source={b}",
        f"?source={a}&source={c}&kind=conflict&severity=hard",
        "?topic=weapons-deal",
        "?kind=agreement",
    ):
        page = parse(client.get(f"/conflicts{query}").text)
        shown = [int(el["data-finding-id"]) for el in page.select("article.finding")]
        csv_link, json_link = download_links(client, f"/conflicts{query}")
        rows = read_csv(client, csv_link)
        assert [int(r["finding_id"]) for r in rows] == shown, query
        assert [r["finding_id"] for r in read_json(client, json_link)] == shown
        anchors = [el["id"] for el in page.select("article.finding")]
        assert [urlsplit(r["url"]).fragment for r in rows] == anchors
    rows = read_csv(client, f"/conflicts.csv?source={a}&source={c}")
    assert {(r["source_a"], r["source_b"]) for r in rows} == {("Source A", "Source C")}
    (day,) = rows
    assert day["kind"] == "conflict" and day["severity"] == "hard"
    assert (day["value_a"], day["value_b"]) == ("Wednesday", "Thursday")
    assert day["text_b"] == "Los líderes se reunieron el jueves en Vostochny."
    assert day["url"] == f"http://testserver/topics/meeting-day#{corpus.anchor('day')}"


def test_conflicts_download_reads_every_page_in_batches(
    client: TestClient, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = [
        int(el["data-finding-id"])
        for el in parse(client.get("/conflicts").text).select("article.finding")
    ]
    assert len(shown) == len(corpus.findings)
    # Batches smaller than the corpus: the download queries page after page, in order.
    monkeypatch.setattr(downloads, "BATCH", 4)
    assert [int(r["finding_id"]) for r in read_csv(client, "/conflicts.csv")] == shown
    monkeypatch.setattr(downloads, "BATCH", 3)  # exactly two full batches
    assert [r["finding_id"] for r in read_json(client, "/conflicts.json")] == shown


def test_reviewed_findings_carry_the_verdict_and_iso_times(
    client: TestClient, corpus: Corpus
) -> None:
    add_reviews(client, corpus)
    rows = {int(r["finding_id"]): r for r in read_csv(client, "/conflicts.csv?state=confirmed")}
    assert list(rows) == [corpus.findings["day"]]
    day = rows[corpus.findings["day"]]
    assert (day["state"], day["reviewer"]) == ("confirmed", "Ana")
    assert day["review_note"] == "Checked with the Kremlin's readout."
    reviewed = datetime.fromisoformat(day["reviewed_at"])
    assert reviewed.tzinfo is not None and reviewed.utcoffset().total_seconds() == 0


def test_publication_times_are_iso_8601_a_date_when_only_the_day_is_known(
    client: TestClient, corpus: Corpus, session_factory: sessionmaker[Session]
) -> None:
    with session_factory() as session:
        articles = {a.source.name: a for a in session.query(Article)}
        articles["Source A"].published_at = datetime(2023, 9, 13, 8, 30, tzinfo=UTC)
        articles["Source A"].published_precision = "minute"
        articles["Source B"].published_at = datetime(2023, 9, 13, tzinfo=UTC)
        articles["Source B"].published_precision = "day"
        session.commit()
    rows = {r["source"]: r for r in read_csv(client, "/topics/meeting-duration.csv")}
    assert rows["Source A"]["published"] == "2023-09-13T08:30:00+00:00"
    assert date.fromisoformat(rows["Source B"]["published"]) == date(2023, 9, 13)
    (finding,) = read_json(client, "/conflicts.json?topic=meeting-duration")
    assert (finding["published_a"], finding["published_b"]) == (
        "2023-09-13T08:30:00+00:00",
        "2023-09-13",
    )


def test_topic_download_is_the_claims_the_topic_page_shows(
    client: TestClient, corpus: Corpus
) -> None:
    a, c = corpus.sources["Source A"], corpus.sources["Source C"]
    for query in ("", f"?source={a}", f"?source={a}&source={c}"):
        page = parse(client.get(f"/topics/weapons-deal{query}").text)
        cards = page.select(".columns article.claim")
        shown = {
            int(card["id"].removeprefix("claim-")): card.select_one(".badge").get_text(strip=True)
            for card in cards
        }
        csv_link, _ = download_links(client, f"/topics/weapons-deal{query}")
        rows = read_csv(client, csv_link)
        assert {int(r["claim_id"]): r["certainty"] for r in rows} == shown, query
    hedged = {r["source"]: r for r in read_csv(client, "/topics/weapons-deal.csv")}
    assert hedged["Source A"]["certainty"] == "hedged"
    assert hedged["Source C"]["certainty"] == "denied"
    assert hedged["Source C"]["attributed_to"] == "Moscú y Pyongyang"


def test_search_download_is_the_claims_found_for_the_same_query_and_sources(
    client: TestClient, corpus: Corpus
) -> None:
    b = corpus.sources["Source B"]
    for query in ("?q=horas", f"?q=horas&source={b}", "?q=sat%C3%A9lites", "?q="):
        page = parse(client.get(f"/search{query}").text)
        # The claim hits link to each claim in its article ("?claim=N"); topic chips aside.
        links = page.select("#claim-hits-title ~ ul .claim-meta > a:not(.topic-chip)")
        shown = [int(a["href"].rsplit("claim=", 1)[1]) for a in links]
        csv_link, json_link = download_links(client, f"/search{query}") or [
            f"/search.csv{query}",
            f"/search.json{query}",
        ]
        assert [int(r["claim_id"]) for r in read_csv(client, csv_link)] == shown, query
        assert [r["claim_id"] for r in read_json(client, json_link)] == shown
    only_b = read_csv(client, f"/search.csv?q=horas&source={b}")
    assert [r["text"] for r in only_b] == ["El encuentro entre Putin y Kim duró cinco horas."]
    assert only_b[0]["values"] == "duration 5 h"


def test_review_log_download_is_the_log_for_the_same_sources(
    client: TestClient, corpus: Corpus
) -> None:
    add_reviews(client, corpus)
    rows = read_csv(client, "/review.csv")
    assert [r["type"] for r in rows] == ["flag", "review"]  # newest first, as the page
    flag, review = rows
    assert (flag["reviewer"], flag["note"], flag["topic"]) == (
        "Luis",
        "Four is not five",
        "meeting-duration",
    )
    assert {flag["source_a"], flag["source_b"]} == {"Source A", "Source B"}
    assert (review["verdict"], review["finding_id"]) == ("confirmed", str(corpus.findings["day"]))
    assert review["url"].endswith(f"/topics/meeting-day#{corpus.anchor('day')}")
    for row in rows:
        assert datetime.fromisoformat(row["created_at"]).utcoffset().total_seconds() == 0
    b, c = corpus.sources["Source B"], corpus.sources["Source C"]
    for source, expected in ((b, ["flag"]), (c, ["review"])):
        page = parse(client.get(f"/review?source={source}").text)
        assert len(page.select(".review-log li.entry")) == len(expected)
        csv_link, json_link = download_links(client, f"/review?source={source}")
        assert [r["type"] for r in read_csv(client, csv_link)] == expected
        assert [r["type"] for r in read_json(client, json_link)] == expected


def test_sources_download_is_the_sources_table_for_the_same_sources(
    client: TestClient, corpus: Corpus
) -> None:
    a, b = corpus.sources["Source A"], corpus.sources["Source B"]
    for query in ("", f"?source={a}&source={b}"):
        page = parse(client.get(f"/sources{query}").text)
        table = [
            [cell.get_text(strip=True) for cell in tr.select("th, td")]
            for tr in page.select("table.data tbody tr")
        ]
        csv_link, _ = download_links(client, f"/sources{query}")
        rows = read_csv(client, csv_link)
        assert [
            [r["source"], r["articles"], r["claims"], r["conflicts"], r["agreements"]] for r in rows
        ] == table, query
    assert len(read_json(client, f"/sources.json?source={a}&source={b}")) == 2


@pytest.mark.parametrize(
    ("url", "status", "field"),
    [
        ("/conflicts.csv?kind=bogus", 422, "kind"),
        ("/conflicts.json?state=closed", 422, "state"),
        ("/conflicts.csv?source=abc", 422, "source"),
        ("/conflicts.xml", 422, "format"),
        ("/topics/meeting-duration.pdf", 422, "format"),
        ("/review.csv?source=0", 422, "source"),
        ("/search.json?q=" + "a" * 201, 422, "q"),
        ("/topics/no-such-topic.csv", 404, None),
    ],
)
def test_a_bad_download_request_is_refused_naming_the_field(
    client: TestClient, url: str, status: int, field: str | None
) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert "content-disposition" not in response.headers
    if field is not None:
        assert field in parse(response.text).select_one("main").get_text()


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x.example/","x")', '\'=HYPERLINK("http://x.example/","x")'),
        ("+1+1", "'+1+1"),
        ("@SUM(1)", "'@SUM(1)"),
        (["-2+3", "b"], "'-2+3; b"),
        ("Diario Norte", "Diario Norte"),
        (-2, "-2"),  # a number stays a number
    ],
)
def test_text_that_would_start_a_formula_is_written_inert(value, written) -> None:
    assert csv_cell(value) == written
