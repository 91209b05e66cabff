"""The seed corpus end to end, checked through the export contract (what other tools read).

seeds/ is ingested once (the ``seeded`` fixture) with the real spaCy pipeline into a real,
migrated SQLite file; every assertion below reads ``build_export`` or the stored rows.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import pytest
from sqlalchemy import select

from app.db.models import Article, Claim, ClaimValue
from tests.services.support import Ingested

HOUR = 3600.0
TOPIC_STATUSES = {"conflict", "agreement", "mixed", "single-source"}
# The value kinds the export contract documents (issue 3, item 8) plus the two the engine adds.
VALUE_KINDS = {"duration", "count", "date", "weekday", "month", "year", "ordinal", "percent"}

SOURCE_KEYS = {"id", "name", "path", "language", "published"}
TOPIC_KEYS = {"slug", "label", "status"}
CLAIM_KEYS = {
    "id",
    "source_id",
    "topics",
    "text",
    "start",
    "end",
    "certainty",
    "attributed_to",
    "values",
}
VALUE_KEYS = {"kind", "low", "high", "unit", "text"}
FINDING_KEYS = {"id", "topic", "kind", "severity", "claim_ids", "explanation"}


@pytest.fixture(scope="module")
def export(seeded: Ingested) -> dict[str, Any]:
    return seeded.export


@pytest.fixture(scope="module")
def source_name(export: dict[str, Any]) -> dict[int, str]:
    return {s["id"]: s["name"] for s in export["sources"]}


@pytest.fixture(scope="module")
def claims_by_id(export: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {c["id"]: c for c in export["claims"]}


def only_claim(export: dict[str, Any], *, containing: str = "", starting: str = "") -> dict:
    found = [
        c for c in export["claims"] if containing in c["text"] and c["text"].startswith(starting)
    ]
    assert len(found) == 1, f"expected one claim with {containing or starting!r}, got {found}"
    return found[0]


def test_ingest_report_is_clean(seeded: Ingested) -> None:
    assert seeded.report.failed == []
    assert len(seeded.report.added) == 5
    assert seeded.report.replaced == [] and seeded.report.unchanged == []


def test_sources_are_the_five_manifest_labels(export: dict[str, Any]) -> None:
    names = sorted(s["name"] for s in export["sources"])
    assert names == ["Source A", "Source B", "Source C", "Source D", "Source E"]
    assert {s["language"] for s in export["sources"]} == {"es"}
    assert {s["published"] for s in export["sources"]} == {None}  # the manifest gives no dates


@pytest.mark.parametrize(
    ("slug", "min_sources"),
    [("weapons-deal", 4), ("satellites", 4), ("meeting-duration", 2)],
)
def test_named_topics_exist_with_enough_sources(
    export: dict[str, Any], source_name: dict[int, str], slug: str, min_sources: int
) -> None:
    assert slug in {t["slug"] for t in export["topics"]}
    sources = {source_name[c["source_id"]] for c in export["claims"] if slug in c["topics"]}
    assert len(sources) >= min_sources, sources


def test_meeting_duration_holds_exactly_the_two_sources_that_give_a_duration(
    export: dict[str, Any], source_name: dict[int, str]
) -> None:
    members = [c for c in export["claims"] if "meeting-duration" in c["topics"]]
    assert {source_name[c["source_id"]] for c in members} == {"Source B", "Source C"}


def _durations(claim: dict[str, Any]) -> list[list[float | None]]:
    return [[v["low"], v["high"]] for v in claim["values"] if v["kind"] == "duration"]


def test_duration_conflict_is_soft_between_more_than_four_and_five_hours(
    export: dict[str, Any], claims_by_id: dict[int, dict[str, Any]], source_name: dict[int, str]
) -> None:
    findings = [f for f in export["findings"] if f["topic"] == "meeting-duration"]
    assert len(findings) == 1, findings
    finding = findings[0]
    assert (finding["kind"], finding["severity"]) == ("conflict", "soft")
    a, b = (claims_by_id[i] for i in finding["claim_ids"])
    by_source = {source_name[a["source_id"]]: a, source_name[b["source_id"]]: b}
    assert _durations(by_source["Source B"]) == [[4 * HOUR, None]]
    assert _durations(by_source["Source C"]) == [[5 * HOUR, 5 * HOUR]]
    assert "más de cuatro horas" in by_source["Source B"]["text"]
    assert "cinco horas" in by_source["Source C"]["text"]
    topic = {t["slug"]: t for t in export["topics"]}["meeting-duration"]
    assert topic["status"] == "conflict"


def test_handshake_is_not_the_meeting_duration(
    export: dict[str, Any], claims_by_id: dict[int, dict[str, Any]]
) -> None:
    handshake = only_claim(export, containing="unos 40 segundos")
    # Its own value is an interval around 40 s ...
    (low, high), *_ = _durations(handshake)
    assert low is not None and high is not None and low < 40 < high
    # ... but it measures a handshake, not the meeting.
    assert "meeting-duration" not in handshake["topics"]
    in_findings = {
        i for f in export["findings"] if f["topic"] == "meeting-duration" for i in f["claim_ids"]
    }
    assert handshake["id"] not in in_findings


@pytest.mark.parametrize(
    ("selector", "certainty", "attributed"),
    [
        ({"containing": "negociaron un acuerdo"}, "asserted", None),
        ({"starting": "Analistas occidentales especulan"}, "hedged", "Analistas"),
        ({"containing": "han negado las acusaciones"}, "denied", None),
    ],
    ids=["negociaron", "especulan", "han-negado"],
)
def test_certainty_of_named_claims(
    export: dict[str, Any], selector: dict[str, str], certainty: str, attributed: str | None
) -> None:
    claim = only_claim(export, **selector)
    assert claim["certainty"] == certainty
    if attributed:
        assert attributed in (claim["attributed_to"] or "")


def test_claim_text_is_the_exact_article_span(seeded: Ingested, export: dict[str, Any]) -> None:
    with seeded.session_factory() as session:
        texts = dict(session.execute(select(Article.id, Article.text)).all())
    assert export["claims"]
    for claim in export["claims"]:
        assert texts[claim["source_id"]][claim["start"] : claim["end"]] == claim["text"]
        assert claim["text"] == claim["text"].strip()
        for value in claim["values"]:
            assert value["text"] in claim["text"]


def test_value_offsets_lie_inside_their_claim(seeded: Ingested) -> None:
    with seeded.session_factory() as session:
        rows = session.execute(
            select(ClaimValue, Claim, Article.text)
            .join(Claim, Claim.id == ClaimValue.claim_id)
            .join(Article, Article.id == Claim.article_id)
        )
        checked = 0
        for value, claim, text in rows:
            assert claim.start <= value.start < value.end <= claim.end
            assert text[value.start : value.end] == value.text
            checked += 1
    assert checked > 10


def test_export_shape_has_every_contract_key(export: dict[str, Any]) -> None:
    assert {"sources", "topics", "claims", "findings"} <= export.keys()
    for source in export["sources"]:
        assert source.keys() >= SOURCE_KEYS
    for topic in export["topics"]:
        assert topic.keys() >= TOPIC_KEYS
        assert topic["status"] in TOPIC_STATUSES
    for claim in export["claims"]:
        assert claim.keys() >= CLAIM_KEYS
        assert claim["certainty"] in {"asserted", "hedged", "denied"}
        assert isinstance(claim["topics"], list)
        for value in claim["values"]:
            assert value.keys() >= VALUE_KEYS
            assert value["kind"] in VALUE_KINDS
            for end in (value["low"], value["high"]):
                assert end is None or isinstance(end, int | float)
            if value["kind"] == "duration":
                assert value["unit"] == "s"
            if value["kind"] == "weekday":
                assert 1 <= value["low"] <= value["high"] <= 7
    for finding in export["findings"]:
        assert finding.keys() >= FINDING_KEYS
    # One JSON object, losslessly serialisable.
    assert json.loads(json.dumps(export, ensure_ascii=False)) == export


def test_findings_pair_two_sources_on_a_shared_topic(
    export: dict[str, Any], claims_by_id: dict[int, dict[str, Any]], source_name: dict[int, str]
) -> None:
    slugs = {t["slug"] for t in export["topics"]}
    assert export["findings"]
    for finding in export["findings"]:
        assert finding["topic"] in slugs
        assert finding["kind"] in {"conflict", "agreement", "dispute", "update"}
        expected = {"hard", "soft"} if finding["kind"] != "agreement" else {None}
        assert finding["severity"] in expected
        a, b = (claims_by_id[i] for i in finding["claim_ids"])
        # Outlets conflict or agree; parties may dispute within one outlet's article.
        if finding["kind"] in {"conflict", "agreement"}:
            assert a["source_id"] != b["source_id"]
        assert finding["topic"] in a["topics"] and finding["topic"] in b["topics"]
        explanation = finding["explanation"]
        assert "\n" not in explanation and explanation.strip() == explanation
        for claim in (a, b):
            assert source_name[claim["source_id"]] in explanation


def test_topic_status_matches_its_findings(export: dict[str, Any]) -> None:
    kinds: dict[str, set[str]] = defaultdict(set)
    for finding in export["findings"]:
        kinds[finding["topic"]].add(finding["kind"])
    for topic in export["topics"]:
        found = kinds[topic["slug"]]
        if topic["status"] == "conflict":
            assert found == {"conflict"}
        elif topic["status"] == "agreement":
            assert found == {"agreement"}
