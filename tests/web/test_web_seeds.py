"""The dashboard on the real seed corpus (real spaCy model, real ingest, real SQLite file):
the demo's promises, reviews surviving re-ingest, export rows, and adding articles from the
browser."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from spacy.language import Language

from app.config import ROOT, Settings
from app.nlp.pipeline import load_nlp
from app.services import review
from app.services.ingest import ingest_paths
from app.web.app import create_app
from tests.databases import database_url


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp(Settings().spacy_model)


@pytest.fixture
def seeded(tmp_path: Path, nlp: Language) -> tuple[TestClient, Path]:
    """An app on a fresh database holding a private copy of seeds/, ingested."""
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    settings = Settings(
        database_url=database_url(tmp_path, "cotejo.sqlite3"), allowed_hosts=["testserver"]
    )
    app = create_app(settings)
    report = ingest_paths(app.state.session_factory, nlp, [seeds])
    assert not report.failed
    return TestClient(app), seeds


def duration_finding(client: TestClient) -> dict:
    body = client.get("/api/findings?topic=meeting-duration&kind=conflict").json()
    return next(f for f in body["items"] if f["basis"] == "duration")


def test_demo_shows_seed_topics_duration_conflict_chart_and_matrix(seeded) -> None:
    client, _ = seeded
    page = BeautifulSoup(client.get("/").text, "html.parser")
    slugs = {a["href"].split("?")[0] for a in page.select(".topic-card h3 a")}
    assert {"/topics/meeting-duration", "/topics/weapons-deal", "/topics/satellites"} <= slugs
    assert len(page.select("table.matrix tbody tr")) == 5

    topic = BeautifulSoup(client.get("/topics/meeting-duration").text, "html.parser")
    finding = topic.select_one(f"#finding-{duration_finding(client)['fingerprint'][:12]}")
    marks = [m.get_text() for m in finding.select("mark.value")]
    assert "más de cuatro horas" in marks and "cinco horas" in marks
    svg = topic.select_one("figure.chart svg")
    assert svg.select("line.open") and svg.select("circle.point")


def test_topic_page_badges_show_certainty_about_the_topic(seeded) -> None:
    """The sentence asserts the summit; the arms supply it "podría conducir a" is hedged."""
    client, _ = seeded
    page = BeautifulSoup(client.get("/topics/weapons-deal").text, "html.parser")
    cards = [c for c in page.select(".column .claim") if "suministrar municiones" in c.get_text()]
    assert len(cards) == 1
    assert cards[0].select_one(".cert-hedged") and not cards[0].select_one(".cert-asserted")


def test_reviews_and_flags_survive_reingest_of_changed_articles(seeded, nlp: Language) -> None:
    client, seeds = seeded
    finding = duration_finding(client)
    a, b = finding["claim_a"], finding["claim_b"]
    assert (
        client.post(
            f"/api/findings/{finding['id']}/review",
            json={
                "verdict": "confirmed",
                "fingerprint": finding["fingerprint"],
                "reviewer": "Ana",
            },
        ).status_code
        == 201
    )
    assert (
        client.post(
            f"/api/claims/{a['id']}/flags",
            json={"topic": "meeting-duration", "other_claim_id": b["id"], "reviewer": "Ana"},
        ).status_code
        == 201
    )

    # Change both articles (an extra sentence at the end): their rows are replaced.
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if a["text"] in text or b["text"] in text:
            path.write_text(text + "\nEl tiempo era soleado.\n", encoding="utf-8")
    report = ingest_paths(client.app.state.session_factory, nlp, [seeds])
    assert len(report.replaced) == 2

    after = duration_finding(client)
    assert after["fingerprint"] == finding["fingerprint"]
    assert after["state"] == "confirmed"
    assert after["review"]["reviewer"] == "Ana"
    [flag] = review.list_flags_for_export(client.app.state.session_factory())
    assert set(flag["claim_ids"]) == {after["claim_a"]["id"], after["claim_b"]["id"]}
    assert None not in flag["claim_ids"]
    topic = BeautifulSoup(client.get("/topics/meeting-duration").text, "html.parser")
    assert topic.select_one(f"#claim-{after['claim_a']['id']} .claim-flags")


def test_export_rows_have_the_documented_keys(seeded) -> None:
    client, _ = seeded
    finding = duration_finding(client)
    client.post(
        f"/api/findings/{finding['id']}/review",
        json={
            "verdict": "dismissed",
            "fingerprint": finding["fingerprint"],
            "reviewer": "Ana",
            "note": "same thing",
        },
    )
    client.post(
        f"/api/claims/{finding['claim_a']['id']}/flags",
        json={
            "topic": "meeting-duration",
            "other_claim_id": finding["claim_b"]["id"],
            "reviewer": "Ana",
        },
    )
    with client.app.state.session_factory() as session:
        [row] = review.list_reviews_for_export(session)
        [flag] = review.list_flags_for_export(session)
    assert set(row) == {
        "finding_fingerprint",
        "finding_id",
        "topic",
        "verdict",
        "reviewer",
        "note",
        "explanation",
        "created_at",
    }
    assert row["finding_id"] == finding["id"] and row["verdict"] == "dismissed"
    assert set(flag) == {
        "topic",
        "claim_fingerprints",
        "claim_ids",
        "claim_texts",
        "reviewer",
        "note",
        "created_at",
    }
    assert flag["topic"] == "meeting-duration"


def wait_for_job(client: TestClient, location: str) -> BeautifulSoup:
    for _ in range(300):
        page = BeautifulSoup(client.get(location).text, "html.parser")
        if page.select_one("#ingest-job[aria-busy]") is None:
            return page
        time.sleep(0.1)
    raise TimeoutError(location)


def test_ingest_pasted_text_shows_new_claims_and_conflicts(seeded) -> None:
    client, _ = seeded
    text = (
        "Kim Jong-un y Vladimir Putin se reunieron en el cosmódromo de Vostochny. "
        "La reunión entre los dos líderes duró tres horas."
    )
    response = client.post(
        "/ingest", data={"source_name": "Source Z", "text": text}, follow_redirects=False
    )
    assert response.status_code == 303
    page = wait_for_job(client, response.headers["location"])
    summary = page.select_one("[data-live-summary]").get_text()
    assert "1 added" in summary and "0 failed" in summary
    claims = page.select(".hits li")
    assert claims and all("Source Z" in li.get_text() for li in claims)
    assert "tres horas" in page.select_one(".hits").get_text()
    explanations = " ".join(p.get_text() for p in page.select(".compact-finding p"))
    assert "Source Z" in explanations
    assert client.get("/api/sources").json()[-1]["source"]["name"] == "Source Z"


def test_ingest_htmx_returns_polling_fragment(seeded) -> None:
    client, _ = seeded
    response = client.post(
        "/ingest",
        files=[("files", ("nota.txt", "La cumbre duró dos horas.".encode(), "text/plain"))],
        data={"source_name": "Source Y"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 202
    job_url = response.headers["HX-Push-Url"]
    fragment = BeautifulSoup(response.text, "html.parser")
    assert fragment.select_one("section#ingest-job")["hx-get"] == job_url
    done = wait_for_job(client, job_url)
    assert "1 added" in done.select_one("[data-live-summary]").get_text()
