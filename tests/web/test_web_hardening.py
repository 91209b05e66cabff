"""Regressions from the web layer's review: reviews bound to fingerprints, bounded ids,
compared values only, uploads, source filters everywhere, and what pages load."""

from __future__ import annotations

import hashlib
import re
import time

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.db import queries
from app.db.models import Article, Claim, ClaimTopic, ClaimValue, Finding, Flag, Review, Source
from app.ingest.manifest import SourceEntry
from app.services.errors import MAX_ID
from app.services.upload_form import MAX_FILES, ArticleUpload
from tests.databases import database_url

from .conftest import HOUR, Corpus, fingerprint

HTMX = {"HX-Request": "true"}
HUGE = "9" * 30


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def count(session_factory: sessionmaker[Session], model: type) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def texts(nodes) -> list[str]:
    return [" ".join(n.get_text(" ", strip=True).split()) for n in nodes]


# --- 1. A review lands on the finding the reviewer saw, or nowhere ------------------------


def test_review_forms_carry_the_fingerprint_and_anchor_on_it(client: TestClient, corpus) -> None:
    page = parse(client.get("/topics/meeting-duration").text)
    finding = page.select_one(f"article#{corpus.anchor('duration')}")
    assert finding is not None
    form = finding.select_one("form.review-form")
    assert form.select_one("input[name=fingerprint]")["value"] == corpus.fingerprints["duration"]
    assert form["hx-target"] == f"#{corpus.anchor('duration')}"
    # Links to the finding from other pages use the same anchor.
    overview = parse(client.get("/").text)
    hrefs = [a["href"] for a in overview.select(".strongest a")]
    assert any(h.endswith(f"#{corpus.anchor('day')}") for h in hrefs)


def _move_finding(session_factory, corpus: Corpus, key: str) -> str:
    """What a re-ingest can do: the row id now holds another finding (a new fingerprint)."""
    new = fingerprint("another finding", key)
    with session_factory() as session:
        session.execute(
            update(Finding).where(Finding.id == corpus.findings[key]).values(fingerprint=new)
        )
        session.commit()
    return new


def test_review_of_a_finding_that_changed_under_its_id_is_refused(
    client: TestClient, corpus, session_factory
) -> None:
    seen = corpus.fingerprints["duration"]
    _move_finding(session_factory, corpus, "duration")
    finding = corpus.findings["duration"]
    response = client.post(
        f"/findings/{finding}/review",
        data={"verdict": "confirmed", "fingerprint": seen, "reviewer": "Ana"},
        headers={**HTMX, "HX-Trigger": f"review-{corpus.anchor('duration')}"},
    )
    assert response.status_code == 409
    assert response.headers["HX-Retarget"] == f"#review-{corpus.anchor('duration')}-error"
    assert "Reload the page" in response.text
    api = client.post(
        f"/api/findings/{finding}/review",
        json={"verdict": "confirmed", "fingerprint": seen, "reviewer": "Ana"},
    )
    assert api.status_code == 409 and api.json()["field"] == "fingerprint"
    assert count(session_factory, Review) == 0


def test_review_without_fingerprint_is_refused(client: TestClient, corpus, session_factory) -> None:
    finding = corpus.findings["duration"]
    form = client.post(
        f"/findings/{finding}/review", data={"verdict": "confirmed", "reviewer": "Ana"}
    )
    assert form.status_code == 422
    assert parse(form.text).select_one(".error-message strong").get_text() == "fingerprint"
    api = client.post(
        f"/api/findings/{finding}/review", json={"verdict": "confirmed", "reviewer": "Ana"}
    )
    assert api.status_code == 422
    assert count(session_factory, Review) == 0


# --- 3. Ids and pages out of range are a 4xx naming the field, never a 500 ----------------


@pytest.mark.parametrize(
    ("method", "url", "field"),
    [
        ("get", f"/?source={HUGE}", "source"),
        ("get", f"/conflicts?source={2**63}", "source"),
        ("get", f"/sources/{HUGE}", "source_id"),
        ("get", "/sources/0", "source_id"),
        ("get", f"/sources/1?claim={HUGE}", "claim"),
        ("get", f"/api/findings/{HUGE}", "finding_id"),
        ("get", f"/api/sources/{HUGE}", "source_id"),
        ("get", "/api/claims?page=9999999999999999999", "page"),
        ("get", "/conflicts?page=9999999999999999999", "page"),
        ("get", f"/api/topics?source={HUGE}", "source"),
        ("post", f"/findings/{HUGE}/review", "finding_id"),
        ("post", f"/api/findings/{HUGE}/review", "finding_id"),
        ("post", f"/topics/meeting-duration/claims/{HUGE}/flags", "claim_id"),
    ],
)
def test_out_of_range_numbers_are_refused(client: TestClient, method: str, url: str, field: str):
    body = {"verdict": "confirmed", "fingerprint": "x", "reviewer": "Ana", "other_claim_id": "1"}
    if method == "get":
        response = client.get(url)
    elif url.startswith("/api/"):
        response = client.post(url, json=body)
    else:
        response = client.post(url, data=body)
    assert response.status_code == 422, response.text
    assert field in response.text


@pytest.mark.parametrize("raw", ["²", HUGE, "-3", "1e3", " 0 ", str(MAX_ID + 1), "١٢"])
def test_flag_with_an_unusable_claim_id_names_the_field(
    client: TestClient, corpus, session_factory, raw: str
) -> None:
    claim = corpus.claims["a_duration"]
    response = client.post(
        f"/topics/meeting-duration/claims/{claim}/flags",
        data={"other_claim_id": raw, "reviewer": "Ana"},
    )
    assert response.status_code == 422
    assert parse(response.text).select_one(".error-message strong").get_text() == "other_claim_id"
    api = client.post(
        f"/api/claims/{claim}/flags",
        json={"topic": "meeting-duration", "other_claim_id": HUGE, "reviewer": "Ana"},
    )
    assert api.status_code == 422
    assert count(session_factory, Flag) == 0


# --- 4. Too many files are refused before any is read ---------------------------------------


def test_too_many_files_are_refused_before_reading_any(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from starlette.datastructures import UploadFile

    async def no_read(self, size: int = -1) -> bytes:
        raise AssertionError("a file was read before the number of files was checked")

    monkeypatch.setattr(UploadFile, "read", no_read)
    files = [("files", (f"f{i}.txt", b"Texto.", "text/plain")) for i in range(MAX_FILES + 1)]
    response = client.post("/ingest", files=files, data={"source_name": "X"})
    assert response.status_code == 413
    assert f"At most {MAX_FILES} files" in response.text
    assert client.app.state.ingest_jobs.jobs == {}


# --- 2. The job page lists the findings the job brought, by fingerprint ---------------------


def test_job_lists_new_findings_by_fingerprint_across_its_articles(
    client: TestClient, corpus, session_factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Article 1 removes an existing finding; article 2 brings it back (a new row) plus a
    truly new one. Per-article ids would call both new; only the second one is."""
    from app.services import ingest
    from app.services.ingest import IngestReport

    def fake_ingest(session_factory_, nlp, *, entry, **kwargs) -> IngestReport:
        report = IngestReport(added=[1])
        with session_factory_() as session:
            if entry.name == "first":
                row = session.get(Finding, corpus.findings["day"])
                session.delete(row)
            else:
                back = Finding(
                    topic_id=corpus.topics["meeting-day"],
                    kind="conflict",
                    severity="hard",
                    basis="weekday",
                    claim_a_id=corpus.claims["a_day"],
                    claim_b_id=corpus.claims["c_day"],
                    explanation="Back again.",
                    fingerprint=corpus.fingerprints["day"],
                )
                new = Finding(
                    topic_id=corpus.topics["satellites"],
                    kind="conflict",
                    severity="soft",
                    basis="certainty",
                    claim_a_id=corpus.claims["a_satellites"],
                    claim_b_id=corpus.claims["c_satellites"],
                    explanation="Truly new: A asserts it, C says it could be.",
                    fingerprint=fingerprint("new", "finding"),
                )
                session.add_all([back, new])
                session.flush()
                report.new_finding_ids = [back.id, new.id]
            session.commit()
        return report

    monkeypatch.setattr(ingest, "ingest_entry", fake_ingest)
    jobs = client.app.state.ingest_jobs
    jobs.load_nlp = lambda: None
    items = [
        ArticleUpload(n, SourceEntry(n, n, "es", None, None), "Texto.", "txt", None)
        for n in ("first", "second")
    ]
    job = jobs.start(items)
    for _ in range(100):
        if job.finished:
            break
        time.sleep(0.05)
    assert job.finished and job.error is None
    page = parse(client.get(f"/ingest/jobs/{job.id}").text)
    explanations = texts(page.select(".compact-finding p"))
    assert explanations == ["Truly new: A asserts it, C says it could be."]


# --- 5. Charts and finding highlights show the compared values only ------------------------


@pytest.fixture
def two_durations(session_factory, corpus: Corpus) -> dict[str, int]:
    """Source E: one claim with two durations; only "tres horas" is compared with A."""
    text = "La reunión duró tres horas tras un viaje de diez horas."
    with session_factory() as session:
        article = Article(
            source=Source(key="source-e", name="Source E"),
            path="seeds/source_e.txt",
            language="es",
            text=text,
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
        )
        claim = Claim(
            article=article,
            start=0,
            end=len(text),
            text=text,
            certainty="asserted",
            fingerprint=fingerprint("Source E", text),
        )
        for written, hours in (("tres horas", 3), ("diez horas", 10)):
            start = text.index(written)
            claim.values.append(
                ClaimValue(
                    kind="duration",
                    low=hours * HOUR,
                    high=hours * HOUR,
                    unit="s",
                    text=written,
                    start=start,
                    end=start + len(written),
                )
            )
        session.add(claim)
        session.flush()
        session.add(ClaimTopic(claim_id=claim.id, topic_id=corpus.topics["meeting-duration"]))
        a_value = session.scalar(
            select(ClaimValue.id).where(ClaimValue.claim_id == corpus.claims["a_duration"])
        )
        finding = Finding(
            topic_id=corpus.topics["meeting-duration"],
            kind="conflict",
            severity="hard",
            basis="duration",
            claim_a_id=corpus.claims["a_duration"],
            claim_b_id=claim.id,
            value_a_id=a_value,
            value_b_id=claim.values[0].id,
            explanation="Source A says more than 4 h; Source E says 3 h.",
            fingerprint=fingerprint("meeting-duration", "duration", "a_duration", "e"),
        )
        session.add(finding)
        session.flush()
        queries.rank_findings(session)  # as the findings refresh does
        session.commit()
        return {"claim": claim.id, "finding": finding.id, "fingerprint": finding.fingerprint}


def test_finding_highlights_and_chart_use_only_the_compared_values(
    client: TestClient, corpus, two_durations
) -> None:
    page = parse(client.get("/topics/meeting-duration").text)
    finding = page.select_one(f"#finding-{two_durations['fingerprint'][:12]}")
    assert texts(finding.select("mark.value")) == ["más de cuatro horas", "tres horas"]
    chart = page.select_one("figure#chart-duration")
    assert chart is not None
    description = chart.find("desc").get_text()
    assert "Source E: 3 h" in description and "10 h" not in description
    assert len(chart.select("text.row-label")) == 3  # A, B and E's compared value
    # The claim's own card still shows (and highlights) every value it holds.
    card = page.select_one(f"#claim-{two_durations['claim']}")
    assert texts(card.select("mark.value")) == ["tres horas", "diez horas"]
    api = client.get(f"/api/findings/{two_durations['finding']}").json()
    assert api["value_b"]["text"] == "tres horas"


def test_certainty_findings_highlight_no_value(client: TestClient, corpus) -> None:
    page = parse(client.get("/topics/weapons-deal").text)
    assert page.select(".finding mark.value") == []


# --- 8. What pages load --------------------------------------------------------------------


def test_claim_click_on_a_source_page_builds_only_the_detail(
    client: TestClient, corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the whole source page was built for an HTMX claim click")

    monkeypatch.setattr(queries, "get_source_with_articles", refuse)
    monkeypatch.setattr(queries, "select_article_claims", refuse)
    a = corpus.sources["Source A"]
    response = client.get(
        f"/sources/{a}?claim={corpus.claims['a_duration']}",
        headers={**HTMX, "HX-Target": "claim-detail"},
    )
    assert response.status_code == 200
    assert "más de cuatro horas" in parse(response.text).select_one("#claim-detail").get_text()
    # A claim of another source is not shown as this source's.
    other = client.get(
        f"/sources/{a}?claim={corpus.claims['b_duration']}",
        headers={**HTMX, "HX-Target": "claim-detail"},
    )
    assert "Select a highlighted claim" in other.text


def test_claim_rows_do_not_repeat_the_article_text(client: TestClient, session_factory) -> None:
    statements: list[str] = []
    engine = session_factory.kw["bind"]

    def log(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", log)
    try:
        assert client.get("/topics/meeting-duration").status_code == 200
        assert client.get("/search?q=horas").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", log)
    claim_rows = [
        s for s in statements if "FROM claims" in s and re.search(r"articles\w*\.text", s)
    ]
    assert statements and claim_rows == []


def test_search_lists_a_limited_number_of_articles_without_their_text(
    session_factory, corpus
) -> None:
    with session_factory() as session:
        backend = queries.search_backend(session)
        hits, total = queries.search_articles(session, ["Putin"], backend=backend, limit=1)
        assert total == 3 and len(hits) == 1
        article_text = session.get(Article, hits[0].article_id).text
        assert "Putin" in hits[0].excerpt and len(hits[0].excerpt) <= len(article_text)


def test_review_page_pages_in_sql(
    client: TestClient, corpus, session_factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    with session_factory() as session:
        session.add_all(
            Review(
                finding_fingerprint=corpus.fingerprints["duration"],
                topic_slug="meeting-duration",
                verdict="confirmed",
                reviewer=f"R{i}",
                note="",
                explanation="x",
            )
            for i in range(55)
        )
        session.commit()

    def refuse(*args, **kwargs):
        raise AssertionError("the review page loaded every review")

    monkeypatch.setattr(queries, "select_all_reviews", refuse)
    first = parse(client.get("/review").text)
    assert len(first.select(".review-log > li")) == 50
    second = parse(client.get("/review?page=2").text)
    assert len(second.select(".review-log > li")) == 5
    assert "55 confirmed" in second.select_one(".summary").get_text()


# --- 9. The source filter on every page -------------------------------------------------------


def test_sources_list_follows_the_source_filter(client: TestClient, corpus) -> None:
    a, b = corpus.sources["Source A"], corpus.sources["Source B"]
    page = parse(client.get(f"/sources?source={a}&source={b}").text)
    rows = {tr.th.get_text(strip=True): texts(tr.select("td")) for tr in page.select("tbody tr")}
    # Between A and B: the duration and hedged-weapons conflicts and the satellites agreement.
    assert rows == {"Source A": ["1", "4", "2", "1"], "Source B": ["1", "4", "2", "1"]}
    assert all(f"source={a}" in x["href"] for x in page.select("tbody th a"))
    fragment = parse(
        client.get(f"/sources?source={a}", headers={**HTMX, "HX-Target": "sources-main"}).text
    )
    assert fragment.find("html") is None and len(fragment.select("tbody tr")) == 1
    assert client.get(f"/api/sources?source={a}").json()[0]["source"]["name"] == "Source A"


def test_source_page_limits_the_claims_findings_to_the_selected_sources(
    client: TestClient, corpus
) -> None:
    b, c = corpus.sources["Source B"], corpus.sources["Source C"]
    claim = corpus.claims["b_weapons"]
    everything = parse(client.get(f"/sources/{b}?claim={claim}").text)
    assert len(everything.select(".finding-links li")) == 2  # vs A (hedged) and C (denied)
    page = parse(client.get(f"/sources/{b}?claim={claim}&source={c}").text)
    items = page.select(".finding-links li")
    assert len(items) == 1 and "hard" in items[0].get_text()
    link = items[0].select_one("a")["href"]
    assert f"source={c}" in link and link.endswith(f"#{corpus.anchor('weapons_denied')}")
    # Claims in the text keep the filter, and the filter form keeps the shown claim.
    assert all(f"source={c}" in x["href"] for x in page.select(".article-text a.hl"))
    assert page.select_one("input[name=claim][form=filters]")["value"] == str(claim)


def test_review_page_follows_the_source_filter(client: TestClient, corpus) -> None:
    client.post(
        f"/findings/{corpus.findings['day']}/review",
        data={"verdict": "dismissed", "fingerprint": corpus.fingerprints["day"], "reviewer": "A"},
    )
    client.post(
        f"/topics/meeting-duration/claims/{corpus.claims['a_duration']}/flags",
        data={"other_claim_id": str(corpus.claims["b_duration"]), "reviewer": "A"},
    )
    a, b, c, d = (corpus.sources[f"Source {x}"] for x in "ABCD")

    def kinds(query: str) -> list[str]:
        page = parse(client.get(f"/review{query}").text)
        return sorted(li["class"][1] for li in page.select(".review-log > li"))

    assert kinds("") == ["entry-flag", "entry-review"]
    assert kinds(f"?source={a}") == ["entry-flag", "entry-review"]
    assert kinds(f"?source={b}") == ["entry-flag"]  # the day conflict is A vs C
    assert kinds(f"?source={c}") == ["entry-review"]
    assert kinds(f"?source={d}") == []
    page = parse(client.get(f"/review?source={c}").text)
    assert page.select_one(f"#filters input[value='{c}'][checked]")
    see = page.select_one(".entry-review a[href*='#finding-']")["href"]
    assert f"source={c}" in see and see.endswith(corpus.anchor("day"))


def test_finding_links_keep_the_source_filter(client: TestClient, corpus) -> None:
    a, b = corpus.sources["Source A"], corpus.sources["Source B"]
    page = parse(client.get(f"/topics/meeting-duration?source={a}&source={b}").text)
    finding = page.select_one(f"#{corpus.anchor('duration')}")
    links = [x["href"] for x in finding.select("a")]
    assert links and all(f"source={a}&source={b}" in href for href in links)
    # A fragment rendered after an HTMX review keeps the filter of the page it lands in.
    response = client.post(
        f"/findings/{corpus.findings['duration']}/review",
        data={
            "verdict": "confirmed",
            "fingerprint": corpus.fingerprints["duration"],
            "reviewer": "Ana",
        },
        headers={
            **HTMX,
            "HX-Current-URL": f"http://testserver/topics/meeting-duration?source={a}&source={b}",
        },
    )
    swapped = parse(response.text).select_one(f"#{corpus.anchor('duration')}")
    assert all(f"source={a}&source={b}" in x["href"] for x in swapped.select("a"))


# --- 8/7. Flag choices once per claim, on demand; the fallback page without JS -------------


def test_flag_form_page_without_javascript(client: TestClient, corpus, session_factory) -> None:
    a = corpus.claims["a_duration"]
    page = parse(client.get(f"/topics/meeting-duration/claims/{a}/flag").text)
    assert page.find("html") is not None and page.h1.get_text() == "Flag a conflict"
    form = page.select_one(f"form#flag-form-{a}")
    options = [o["value"] for o in form.select("option")]
    assert options == ["", str(corpus.claims["b_duration"])]
    response = client.post(
        form["action"],
        data={
            "other_claim_id": options[1],
            "reviewer": "Ana",
            "next": form.select_one("input[name=next]")["value"],
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/topics/meeting-duration#claim-{a}"
    assert count(session_factory, Flag) == 1
    foreign = corpus.claims["c_weapons"]
    assert client.get(f"/topics/meeting-duration/claims/{foreign}/flag").status_code == 404


# --- 11. Neutral wording --------------------------------------------------------------------


def test_search_placeholder_is_not_about_one_event(client: TestClient) -> None:
    placeholder = parse(client.get("/search").text).select_one("input#q")["placeholder"]
    assert "satélite" not in placeholder


def test_a_foreign_host_header_is_refused(tmp_path) -> None:
    """A DNS-rebinding page reaches 127.0.0.1 under its own name: refuse that Host."""
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.web.app import create_app

    settings = Settings(database_url=database_url(tmp_path, "db.sqlite3"))
    with TestClient(create_app(settings), base_url="http://127.0.0.1:8000") as client:
        assert client.get("/").status_code == 200
        rebound = client.get("/", headers={"Host": "evil.example:8000"})
        assert rebound.status_code == 400
