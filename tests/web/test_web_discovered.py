"""The seed articles with no topics.toml (real model, real ingest, real SQLite file): topics
are discovered, and certainty means one thing everywhere. Every certainty finding compares
its claims' certainty on the finding's topic; the export, the topic page and the API all
say so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from spacy.language import Language

from app.config import ROOT, Settings
from app.services.export import build_export
from app.services.ingest import ingest_paths
from app.web.app import create_app
from tests.databases import database_url

SEEDS = ROOT / "seeds"
ENGLISH = (
    "The summit between the two leaders lasted five hours, officials said on Wednesday. "
    "Both governments denied that an arms deal had been negotiated during the meeting."
)


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def new_app(folder: Path) -> TestClient:
    settings = Settings(
        database_url=database_url(folder, "cotejo.sqlite3"), allowed_hosts=["testserver"]
    )
    return TestClient(create_app(settings))


@pytest.fixture(scope="module")
def discovered(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> TestClient:
    """seeds/*.txt and seeds/sources.toml, without seeds/topics.toml, ingested once."""
    folder = tmp_path_factory.mktemp("seeds-without-topics")
    articles = folder / "articles"
    articles.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, articles)
    shutil.copy(SEEDS / "sources.toml", articles)
    assert not (articles / "topics.toml").exists()
    client = new_app(folder)
    report = ingest_paths(client.app.state.session_factory, nlp, [articles])
    assert report.ok and len(report.added) == 5
    return client


def scoped_badge(node, scope: str) -> str | None:
    badge = node.select_one(f"[data-certainty-scope={scope}] .badge")
    return badge.get_text(strip=True) if badge else None


def test_certainty_findings_compare_the_claims_certainty_on_their_topic(
    discovered: TestClient,
) -> None:
    client = discovered
    with client.app.state.session_factory() as session:
        export = build_export(session)
    topics = client.get("/api/topics").json()
    assert topics and all(t["origin"] == "discovered" for t in topics)
    claims = {c["id"]: c for c in export["claims"]}
    findings = [f for f in export["findings"] if f["basis"] == "certainty"]
    assert findings, "the seeds have certainty findings without a topics file"
    pages: dict[str, BeautifulSoup] = {}
    topic_api: dict[str, dict] = {}
    sentence_differs = 0
    for f in findings:
        slug = f["topic"]
        page = pages.setdefault(slug, parse(client.get(f"/topics/{slug}").text))
        detail = topic_api.setdefault(slug, client.get(f"/api/topics/{slug}").json())
        listed = {c["id"]: c for c in detail["claims"]}
        api = client.get(f"/api/findings/{f['id']}").json()
        card = page.select_one(f"#finding-{api['fingerprint'][:12]}")
        assert card is not None, (slug, f["id"])
        quotes = card.select(".quote")
        assert api["certainties"] == f["certainties"]
        for side, claim_id, compared in zip(
            ("claim_a", "claim_b"), f["claim_ids"], f["certainties"], strict=True
        ):
            # The export: the claim's certainty on the finding's topic is the one compared.
            on_topic = {t["slug"]: t["certainty"] for t in claims[claim_id]["topic_certainties"]}
            assert on_topic[slug] == compared, (f["id"], claim_id)
            sentence_differs += claims[claim_id]["certainty"] != compared
            # The topic page: the claim's card in its outlet's column, and the finding card.
            column_card = page.select_one(f".column #claim-{claim_id}")
            assert scoped_badge(column_card, "topic") == compared, (slug, claim_id)
            assert column_card.select_one("[data-certainty-scope=statement]") is None
            index = 0 if side == "claim_a" else 1
            assert scoped_badge(quotes[index], "topic") == compared
            # The API: topic detail, the finding, and the claims filter on the topic.
            assert listed[claim_id]["topic_certainty"] == compared
            assert listed[claim_id]["certainty"] == claims[claim_id]["certainty"]
            assert api[side]["id"] == claim_id and api[side]["topic_certainty"] == compared
            on_api = {t["slug"]: t["certainty"] for t in api[side]["topics"]}
            assert on_api[slug] == compared
            filtered = client.get(f"/api/claims?topic={slug}&certainty={compared}").json()
            assert claim_id in {c["id"] for c in filtered["items"]}
    # Not a tautology: some claims are qualified on the topic while their sentence is not.
    assert sentence_differs > 0


def test_outside_a_topic_claims_show_the_statement_and_each_topic(discovered) -> None:
    client = discovered
    with client.app.state.session_factory() as session:
        export = build_export(session)
    claim = next(
        c
        for c in export["claims"]
        if any(t["certainty"] != c["certainty"] for t in c["topic_certainties"])
    )
    page = parse(client.get(f"/sources/{_source_of(client, claim)}?claim={claim['id']}").text)
    aside = page.select_one("#claim-detail")
    assert scoped_badge(aside, "statement") == claim["certainty"]
    shown = {
        li.select_one("a")["href"].split("?")[0].split("#")[0].removeprefix("/topics/"): li[
            "data-certainty"
        ]
        for li in aside.select(".topic-links li")
    }
    assert shown == {t["slug"]: t["certainty"] for t in claim["topic_certainties"]}
    api = client.get(f"/api/sources/{_source_of(client, claim)}").json()
    listed = next(c for c in api["claims"] if c["id"] == claim["id"])
    assert listed["certainty"] == claim["certainty"] and listed["topic_certainty"] is None


def _source_of(client: TestClient, claim: dict) -> int:
    sources = {s["source"]["name"]: s["source"]["id"] for s in client.get("/api/sources").json()}
    return sources[claim["source"]]


def test_discovered_topics_render_with_no_empty_state(discovered: TestClient) -> None:
    page = parse(discovered.get("/").text)
    assert page.select_one("#empty-state") is None and page.select_one("#not-analysed") is None
    assert page.select(".topic-card .origin")  # "Found in the articles"
    for card in page.select(".topic-card h3 a"):
        assert discovered.get(card["href"]).status_code == 200


def test_an_article_in_another_language_is_listed_as_not_analysed(
    tmp_path: Path, nlp: Language
) -> None:
    """One Spanish seed and an English wire: the wire is stored, not analysed, and named
    with the reason on the overview, which also says why nothing could be compared."""
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(next(iter(sorted(SEEDS.glob("*.txt")))), folder / "seed.txt")
    (folder / "wire.txt").write_text(ENGLISH, encoding="utf-8")
    client = new_app(tmp_path)
    report = ingest_paths(client.app.state.session_factory, nlp, [folder])
    assert [Path(name).name for name, _ in report.refused] == ["wire.txt"]
    page = parse(client.get("/").text)
    banner = page.select_one("#not-analysed")
    assert banner is not None and "1 article not analysed" in banner.h2.get_text()
    [item] = banner.select("li")
    assert "wire.txt" in item.get_text()
    with client.app.state.session_factory() as session:
        [source] = [s for s in build_export(session)["sources"] if s["status"] == "refused"]
    assert source["status_note"] and source["status_note"] in item.get_text()
    reason = page.select_one("#empty-state .empty-reason").get_text()
    assert "one outlet" in reason


def test_the_seeds_disagreements_are_found_without_a_topics_file(discovered) -> None:
    """The seeds' three real disagreements, found between the right outlets, and little else:
    the meeting's length (soft), its weekday (hard), the asserted deal against the denied
    transfers (hard); "2019" against "abril de 2019" is the same fact, not a conflict."""
    with discovered.app.state.session_factory() as session:
        export = build_export(session)
    claims = {c["id"]: c for c in export["claims"]}
    conflicts = [f for f in export["findings"] if f["kind"] == "conflict"]

    def found(severity: str, basis: str, *words: str) -> list[dict]:
        return [
            f
            for f in conflicts
            if f["severity"] == severity
            and f["basis"] == basis
            and all(any(w in claims[c]["text"] for c in f["claim_ids"]) for w in words)
        ]

    assert found("soft", "duration", "más de cuatro horas", "cinco horas")
    assert found("hard", "weekday", "jueves", "miércoles") or found(
        "hard", "date", "jueves", "miércoles"
    )
    deal = found("hard", "certainty", "negociaron un acuerdo", "negado")
    assert deal or found("hard", "certainty", "negociaron un acuerdo", "niegan")
    assert len(conflicts) <= 8
    for f in conflicts:
        texts = " ".join(claims[c]["text"] for c in f["claim_ids"])
        assert "abril de 2019" not in texts, f["explanation"]
