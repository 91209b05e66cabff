"""Every dashboard page: full page vs HTMX fragment, filters, and what the HTML says."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag
from fastapi.testclient import TestClient

HTMX = {"HX-Request": "true"}


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def texts(nodes: list[Tag]) -> list[str]:
    return [" ".join(n.get_text(" ", strip=True).split()) for n in nodes]


def test_overview_lists_topics_matrix_and_strongest_conflicts(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = parse(response.text)
    assert page.find("html") is not None and page.select_one("nav a[aria-current=page]")
    cards = page.select(".topic-card")
    labels = [c.h3.get_text(strip=True) for c in cards]
    assert set(labels) == {
        "Meeting duration",
        "Meeting day",
        "Weapons deal",
        "Satellites",
        "Prior meetings",
    }
    # Conflicts first, hard ones before soft, single-source last.
    assert labels[-1] == "Prior meetings"
    assert labels.index("Meeting day") < labels.index("Meeting duration")
    duration = cards[labels.index("Meeting duration")]
    assert "Conflict" in duration.select_one(".status").get_text()
    counts = dict(zip(texts(duration.select("dt")), texts(duration.select("dd")), strict=True))
    assert counts == {"Claims": "2", "Sources": "2", "Open conflicts": "1", "Agreements": "0"}

    matrix = page.select_one("table.matrix")
    rows = {tr.th.get_text(strip=True): tr for tr in matrix.select("tbody tr")}
    assert set(rows) == {"Source A", "Source B", "Source C", "Source D"}
    headers = texts(matrix.select("thead th"))[1:]
    cells = dict(zip(headers, rows["Source A"].select("td"), strict=True))
    assert "cell-conflict" in cells["Meeting duration"]["class"]
    assert "4 h or more" in cells["Meeting duration"].get_text()
    assert (
        "cell-gap"
        in dict(zip(headers, rows["Source D"].select("td"), strict=True))["Meeting duration"][
            "class"
        ]
    )
    assert (
        "cell-mixed"
        in dict(zip(headers, rows["Source B"].select("td"), strict=True))["Satellites"]["class"]
    )

    strongest = texts(page.select(".strongest li"))
    assert strongest and "hard" in strongest[0]


def test_overview_htmx_returns_only_the_fragment(client: TestClient) -> None:
    response = client.get("/?source=1&source=2", headers={**HTMX, "HX-Target": "overview-main"})
    assert response.status_code == 200
    assert "HX-Request" in response.headers["vary"]
    fragment = parse(response.text)
    roots = [el for el in fragment.contents if isinstance(el, Tag)]
    assert [r.get("id") for r in roots] == ["overview-main"]
    assert fragment.find("html") is None and fragment.find("nav") is None


def test_history_restore_gets_the_full_page(client: TestClient) -> None:
    headers = {**HTMX, "HX-History-Restore-Request": "true"}
    assert parse(client.get("/", headers=headers).text).find("html") is not None


def test_overview_filtered_to_two_sources_shows_only_what_they_share(
    client: TestClient, corpus
) -> None:
    a, b = corpus.sources["Source A"], corpus.sources["Source B"]
    page = parse(client.get(f"/?source={a}&source={b}").text)
    checked = [i["value"] for i in page.select("#filters input[name=source][checked]")]
    assert checked == [str(a), str(b)]
    rows = page.select("table.matrix tbody tr")
    assert [r.th.get_text(strip=True) for r in rows] == ["Source A", "Source B"]
    cards = {c.h3.get_text(strip=True): c for c in page.select(".topic-card")}
    # A and B conflict on duration and weapons; they never both speak of the day.
    assert "Conflict" in cards["Meeting duration"].select_one(".status").get_text()
    assert "Single source" in cards["Meeting day"].select_one(".status").get_text()
    # Between A and B alone, satellites is an agreement (the conflict there is B vs C).
    assert "Agreement" in cards["Satellites"].select_one(".status").get_text()
    links = [a["href"] for a in page.select(".topic-card h3 a")]
    assert all(f"source={a}" in href and f"source={b}" in href for href in links)


def test_topic_page_shows_conflict_chart_and_claims_by_source(client: TestClient, corpus) -> None:
    page = parse(client.get("/topics/meeting-duration").text)
    assert page.h1.get_text(strip=True) == "Meeting duration"
    finding = page.select_one(f"#{corpus.anchor('duration')}")
    assert "soft conflict" in finding.select_one(".badge").get_text()
    assert "más de cuatro horas" in finding.select_one(".explanation").get_text()
    marks = texts(finding.select("mark.value"))
    assert marks == ["más de cuatro horas", "cinco horas"]

    svg = page.select_one("figure.chart svg")
    assert svg["role"] == "img"
    assert "Source A: 4 h or more; Source B: 5 h" in svg.find("desc").get_text()
    assert len(svg.select("line.open")) == 1  # the open bar: more than four hours
    assert len(svg.select("circle.point")) == 1  # the point: five hours

    columns = {c.h3.get_text(strip=True): c for c in page.select(".column")}
    assert set(columns) == {"Source A", "Source B"}
    claim = columns["Source A"].select_one(".claim")
    assert claim.select_one(".cert-asserted")
    assert "el Kremlin" in claim.select_one(".attribution").get_text()
    assert "4 h or more" in claim.select_one(".values").get_text()
    assert claim.select_one("[lang=es]")
    # The flag choices are not repeated in every card: they load when the box opens.
    assert page.select("select[name=other_claim_id]") == []
    box = claim.select_one("details.flag-box")
    form_url = box["hx-get"]
    assert box.select_one(".flag-slot a")["href"] == form_url  # the same form without JS
    form = parse(client.get(form_url, headers={**HTMX, "HX-Target": box["hx-target"][1:]}).text)
    options = [o["value"] for o in form.select("select[name=other_claim_id] option")]
    assert options == ["", str(corpus.claims["b_duration"])]


def test_topic_htmx_fragment_and_single_source_filter(client: TestClient, corpus) -> None:
    a = corpus.sources["Source A"]
    response = client.get(
        f"/topics/meeting-duration?source={a}", headers={**HTMX, "HX-Target": "topic-main"}
    )
    fragment = parse(response.text)
    assert [r.get("id") for r in fragment.contents if isinstance(r, Tag)] == ["topic-main"]
    assert [c.h3.get_text(strip=True) for c in fragment.select(".column")] == ["Source A"]
    assert fragment.select(".finding") == []
    assert "Tick at least two sources" in fragment.get_text()


def test_unknown_topic_is_404_page(client: TestClient) -> None:
    response = client.get("/topics/nope")
    assert response.status_code == 404
    assert "no topic" in parse(response.text).select_one(".error-message").get_text()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "",
            {
                "duration",
                "day",
                "weapons_denied",
                "weapons_hedged",
                "satellites_agree",
                "satellites_hedged",
            },
        ),
        ("?kind=conflict&severity=hard", {"day", "weapons_denied"}),
        ("?topic=satellites", {"satellites_agree", "satellites_hedged"}),
        ("?kind=agreement", {"satellites_agree"}),
        ("?state=open&severity=soft", {"duration", "weapons_hedged", "satellites_hedged"}),
        (
            "?severity=&state=&topic=&kind=",
            {
                "duration",
                "day",
                "weapons_denied",
                "weapons_hedged",
                "satellites_agree",
                "satellites_hedged",
            },
        ),
    ],
)
def test_conflicts_filters(client: TestClient, corpus, query: str, expected: set[str]) -> None:
    page = parse(client.get(f"/conflicts{query}").text)
    ids = {a["id"] for a in page.select("article.finding")}
    assert ids == {corpus.anchor(k) for k in expected}


def test_conflicts_source_filter_keeps_findings_between_those_sources(
    client: TestClient, corpus
) -> None:
    b, c = corpus.sources["Source B"], corpus.sources["Source C"]
    response = client.get(
        f"/conflicts?source={b}&source={c}", headers={**HTMX, "HX-Target": "conflicts-main"}
    )
    fragment = parse(response.text)
    assert fragment.find(id="conflicts-main") and fragment.find("form", id="filters") is None
    ids = {a["id"] for a in fragment.select("article.finding")}
    assert ids == {corpus.anchor("weapons_denied"), corpus.anchor("satellites_hedged")}


def test_conflicts_reviewed_state_filter(client: TestClient, corpus) -> None:
    finding = corpus.findings["duration"]
    client.post(
        f"/findings/{finding}/review",
        data={
            "verdict": "confirmed",
            "fingerprint": corpus.fingerprints["duration"],
            "reviewer": "Ana",
        },
    )
    confirmed = parse(client.get("/conflicts?state=confirmed").text)
    assert [a["id"] for a in confirmed.select("article.finding")] == [corpus.anchor("duration")]
    open_ids = {a["id"] for a in parse(client.get("/conflicts?state=open").text).select("article")}
    assert corpus.anchor("duration") not in open_ids


def test_conflicts_invalid_filter_is_422(client: TestClient) -> None:
    response = client.get("/conflicts?severity=extreme")
    assert response.status_code == 422
    assert "severity must be one of" in response.text


def test_sources_list_and_detail_with_claim_in_context(client: TestClient, corpus) -> None:
    page = parse(client.get("/sources").text)
    rows = {tr.th.get_text(strip=True): texts(tr.select("td")) for tr in page.select("tbody tr")}
    assert rows["Source A"] == ["1", "4", "3", "1"]

    a = corpus.sources["Source A"]
    detail = parse(client.get(f"/sources/{a}").text)
    text = detail.select_one(".article-text")
    assert text["lang"] == "es"
    highlighted = text.select("a.hl")
    assert len(highlighted) == 4
    assert "La reunión duró más de cuatro horas" in text.get_text()
    assert "Select a highlighted claim" in detail.select_one("#claim-detail").get_text()

    claim = corpus.claims["a_duration"]
    response = client.get(
        f"/sources/{a}?claim={claim}", headers={**HTMX, "HX-Target": "claim-detail"}
    )
    fragment = parse(response.text)
    aside = fragment.select_one("aside#claim-detail")
    assert aside is not None and fragment.find("html") is None
    assert aside.select_one("a[href^='/topics/meeting-duration']")
    assert "más de cuatro horas" in aside.select_one("mark.value").get_text()
    assert "soft" in aside.select_one(".finding-links").get_text()


def test_unknown_source_is_404(client: TestClient) -> None:
    assert client.get("/sources/999").status_code == 404


def test_review_page_lists_reviews_and_flags(client: TestClient, corpus) -> None:
    empty = parse(client.get("/review").text)
    assert "Nothing reviewed yet" in empty.get_text()
    client.post(
        f"/findings/{corpus.findings['day']}/review",
        data={
            "verdict": "dismissed",
            "fingerprint": corpus.fingerprints["day"],
            "reviewer": "Ana",
            "note": "Time zones <b>differ</b>",
        },
    )
    client.post(
        f"/topics/weapons-deal/claims/{corpus.claims['a_weapons']}/flags",
        data={"other_claim_id": str(corpus.claims["c_weapons"]), "reviewer": "Ana"},
    )
    response = client.get("/review", headers={**HTMX, "HX-Target": "review-main"})
    fragment = parse(response.text)
    entries = fragment.select(".review-log li")
    assert len(entries) == 2
    kinds = [e["class"][1] for e in entries]
    assert sorted(kinds) == ["entry-flag", "entry-review"]
    # Notes are escaped, never markup.
    assert fragment.find("b") is None
    assert "Time zones <b>differ</b>" in fragment.get_text()


def test_search_page_full_and_fragment(client: TestClient, corpus) -> None:
    page = parse(client.get("/search?q=horas").text)
    hits = page.select("#search-results section:first-of-type .hits li")
    assert len(hits) == 2
    assert texts(page.select("#search-results mark"))[:2] == ["horas", "horas"]
    b = corpus.sources["Source B"]
    fragment = parse(
        client.get(
            f"/search?q=horas&source={b}", headers={**HTMX, "HX-Target": "search-results"}
        ).text
    )
    assert fragment.find("html") is None
    claim_hits = fragment.select("section:first-of-type .hits li")
    assert texts(claim_hits) and all("Source B" in t for t in texts(claim_hits))


def test_ingest_page_has_labelled_fields(client: TestClient) -> None:
    page = parse(client.get("/ingest").text)
    form = page.select_one("form#ingest-form")
    assert form["enctype"] == "multipart/form-data" and form["method"] == "post"
    controls = form.select("input:not([type=hidden]), textarea")
    for control in controls:
        # A file row's fields sit inside their labels (rows are copied, so no ids).
        inside = control.find_parent("label")
        assert inside or page.select_one(f"label[for={control['id']}]"), control
    assert {c["name"] for c in controls} == {
        "files",
        "file_outlet",
        "file_published",
        "file_url",
        "text",
        "source_name",
        "text_published",
        "text_url",
    }


def test_every_page_labels_its_form_controls(client: TestClient, corpus) -> None:
    flag_form = f"/topics/meeting-duration/claims/{corpus.claims['a_duration']}/flag"
    for url in [
        "/",
        "/topics/meeting-duration",
        "/conflicts",
        "/search?q=armas",
        "/review",
        "/sources",
        f"/sources/{corpus.sources['Source A']}",
        flag_form,
    ]:
        page = parse(client.get(url).text)
        for control in page.select("input:not([type=hidden]), select, textarea"):
            has_label = control.get("id") and page.select_one(f"label[for={control['id']}]")
            assert has_label or control.find_parent("label"), (url, control)


def test_static_assets_are_served_locally(client: TestClient) -> None:
    page = parse(client.get("/").text)
    scripts = [s["src"] for s in page.select("script[src]")]
    assert "/static/vendor/htmx/htmx.min.js" in scripts
    assert all(src.startswith("/static/") for src in scripts)
    assert client.get("/static/vendor/htmx/htmx.min.js").status_code == 200
    assert client.get("/static/app.css").status_code == 200


def test_a_topic_the_selected_sources_never_mention_says_so(client: TestClient, corpus) -> None:
    a = corpus.sources["Source A"]
    page = parse(client.get(f"/?source={a}").text)
    statuses = {
        card.h3.get_text(strip=True): card.select_one(".status").get_text(" ", strip=True)
        for card in page.select(".topic-card")
    }
    # The fixture has topics Source A never speaks to: not "single source" (zero sources).
    silent = [name for name, status in statuses.items() if "Not mentioned" in status]
    assert silent, statuses
