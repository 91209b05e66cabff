"""What the redesigned engine adds, as the dashboard, the API and the export show it: disputes
between parties and updates over time, notes, value scopes in words, findings grouped by
slot with a timeline, the certainty on a topic against the sentence's, articles not
analysed, and why nothing could be compared.

Rows are inserted into a real, migrated SQLite file on top of the four-outlet fixture.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.db import queries
from app.db.models import Article, Claim, ClaimTopic, ClaimValue, Finding, Source, Topic
from app.services.charts import TimedValue, build_timeline
from app.services.dashboard import describe_slot, parties_label, scope_term, value_context
from app.services.export import build_export
from app.web.app import create_app
from tests.databases import database_url

from .conftest import Corpus, fingerprint

HTMX = {"HX-Request": "true"}
TOLL_SLOT = "count|death|||at:al-haouz|actual|"
INJURED_SLOT = "count|injured||||actual|"


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def words(node) -> str:
    return " ".join(node.get_text().split())


@dataclass
class Toll:
    """Ids of the rows added for the earthquake-style topics."""

    claims: dict[str, int]
    values: dict[str, int]
    findings: dict[str, int]
    fingerprints: dict[str, str]
    sources: dict[str, int]
    refused_article: int

    def anchor(self, key: str) -> str:
        return f"finding-{self.fingerprints[key][:12]}"


def _article(name: str, text: str, at: datetime | None, **extra) -> Article:
    return Article(
        source=extra.pop("source"),
        path=f"toll/{name}.txt",
        language=extra.pop("language", "es"),
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        published=at.date() if at else None,
        published_at=at,
        published_precision="minute" if at else None,
        published_from="manifest" if at else None,
        **extra,
    )


def _claim(article: Article, sentence: str, source: str, values: list[dict]) -> Claim:
    start = article.text.index(sentence)
    claim = Claim(
        article=article,
        start=start,
        end=start + len(sentence),
        text=sentence,
        certainty="asserted",
        attributed_to=next((v["party"] for v in values if v.get("party")), None),
        fingerprint=fingerprint(source, sentence),
    )
    for spec in values:
        written = spec.pop("text")
        at = article.text.index(written)
        unit = spec.pop("unit", "")
        claim.values.append(
            ClaimValue(text=written, start=at, end=at + len(written), unit=unit, **spec)
        )
    return claim


@pytest.fixture
def toll(session_factory: sessionmaker[Session], corpus: Corpus) -> Toll:
    """Diario Norte (two reports, a day apart) and Radio Sur on a death toll in Al Haouz:
    the police's 57 against the organisers' 42 is a dispute; Diario Norte's later 2,012 is
    an update of its 57. Diario Norte's injured rise from 300 to 1,404 (an update), and an
    English wire is stored but not analysed."""
    norte_1 = (
        "El terremoto dejó al menos 57 muertos en Al Haouz, según la policía. Hubo 300 heridos."
    )
    norte_2 = "El balance asciende a 2.012 muertos en Al Haouz. Ya son 1.404 los heridos."
    sur = (
        "Los organizadores cifran en 42 los muertos en Al Haouz. "
        "Se prevé reconstruir 500 viviendas en 2019, la mitad de ellas escuelas."
    )
    with session_factory() as session:
        norte = Source(key="diario-norte", name="Diario Norte")
        radio = Source(key="radio-sur", name="Radio Sur")
        wire = Source(key="wire-en", name="Wire EN")
        n1 = _article("norte-1", norte_1, datetime(2023, 9, 9, 8, 30), source=norte)
        n2 = _article("norte-2", norte_2, datetime(2023, 9, 10, 9, 0), source=norte)
        s1 = _article("sur", sur, datetime(2023, 9, 9, 10, 0), source=radio)
        refused = _article(
            "wire-en",
            "The earthquake killed at least 2,000 people.",
            None,
            source=wire,
            language="en",
            status="refused",
            status_note="written in English (en): only Spanish is analysed",
        )
        death = {"kind": "count", "measured": "death", "measured_word": "muertos", "unit": "muerto"}
        claims = {
            "police": _claim(
                n1,
                "El terremoto dejó al menos 57 muertos en Al Haouz, según la policía.",
                "Diario Norte",
                [
                    {
                        **death,
                        "text": "al menos 57 muertos",
                        "low": 57,
                        "high": None,
                        "bound": "at_least",
                        "scope": ["at:al-haouz", "event:earthquake"],
                        "party": "la policía",
                    },
                ],
            ),
            "organisers": _claim(
                s1,
                "Los organizadores cifran en 42 los muertos en Al Haouz.",
                "Radio Sur",
                [
                    {
                        **death,
                        "text": "42",
                        "low": 42,
                        "high": 42,
                        "scope": ["at:al-haouz"],
                        "party": "los organizadores",
                    },
                ],
            ),
            "later": _claim(
                n2,
                "El balance asciende a 2.012 muertos en Al Haouz.",
                "Diario Norte",
                [
                    {
                        **death,
                        "text": "2.012 muertos",
                        "low": 2012,
                        "high": 2012,
                        "scope": ["at:al-haouz"],
                    }
                ],
            ),
            "plan": _claim(
                s1,
                "Se prevé reconstruir 500 viviendas en 2019, la mitad de ellas escuelas.",
                "Radio Sur",
                [
                    {
                        "kind": "count",
                        "text": "500 viviendas",
                        "low": 500,
                        "high": 500,
                        "measured": "buildings",
                        "measured_word": "viviendas",
                        "modality": "expected",
                        "scope": ["year:2019"],
                    },
                    {
                        "kind": "count",
                        "text": "la mitad",
                        "low": 250,
                        "high": 250,
                        "measured": "buildings",
                        "scope": ["part"],
                    },
                ],
            ),
            "injured_1": _claim(
                n1,
                "Hubo 300 heridos.",
                "Diario Norte",
                [
                    {
                        "kind": "count",
                        "text": "300 heridos",
                        "low": 300,
                        "high": 300,
                        "measured": "injured",
                        "measured_word": "heridos",
                    }
                ],
            ),
            "injured_2": _claim(
                n2,
                "Ya son 1.404 los heridos.",
                "Diario Norte",
                [
                    {
                        "kind": "count",
                        "text": "1.404",
                        "low": 1404,
                        "high": 1404,
                        "measured": "injured",
                        "measured_word": "heridos",
                    }
                ],
            ),
        }
        session.add_all([*claims.values(), refused])
        toll_topic = Topic(
            slug="muertos-count",
            label="Muertos: count",
            description="What the outlets report as muertos (count).",
            status="dispute",
            origin="discovered",
            definition={"kind": "value", "slots": [TOLL_SLOT], "statements": []},
        )
        injured_topic = Topic(
            slug="heridos-count",
            label="Heridos: count",
            status="update",
            origin="discovered",
            definition={"kind": "value", "slots": [INJURED_SLOT], "statements": []},
        )
        session.add_all([toll_topic, injured_topic])
        session.flush()
        for key in ("police", "organisers", "later"):
            session.add(ClaimTopic(claim_id=claims[key].id, topic_id=toll_topic.id, score=0))
        for key in ("injured_1", "injured_2"):
            session.add(ClaimTopic(claim_id=claims[key].id, topic_id=injured_topic.id, score=0))
        specs = {
            "dispute": (toll_topic, "dispute", "police", "organisers", "la policía",
                        "los organizadores", ""),
            "update": (toll_topic, "update", "police", "later", "la policía", None,
                       "Diario Norte states la policía's figure as fact"),
            "injured": (injured_topic, "update", "injured_1", "injured_2", None, None, ""),
        }  # fmt: skip
        findings, fingerprints = {}, {}
        for key, (topic, kind, a, b, party_a, party_b, note) in specs.items():
            row = Finding(
                topic_id=topic.id,
                kind=kind,
                severity="hard",
                basis="count",
                claim_a_id=claims[a].id,
                claim_b_id=claims[b].id,
                value_a_id=claims[a].values[0].id,
                value_b_id=claims[b].values[0].id,
                explanation=f"{topic.label}: {a} against {b}.",
                slot=TOLL_SLOT if topic is toll_topic else INJURED_SLOT,
                note=note,
                certainty_a="asserted",
                certainty_b="asserted",
                party_a=party_a,
                party_b=party_b,
                fingerprint=fingerprint("toll", key),
            )
            session.add(row)
            session.flush()
            findings[key], fingerprints[key] = row.id, row.fingerprint
        queries.rank_findings(session)  # as the findings refresh does
        session.commit()
        return Toll(
            claims={k: c.id for k, c in claims.items()},
            values={k: c.values[0].id for k, c in claims.items()},
            findings=findings,
            fingerprints=fingerprints,
            sources={"Diario Norte": norte.id, "Radio Sur": radio.id, "Wire EN": wire.id},
            refused_article=refused.id,
        )


# --- Finding cards and the findings list ----------------------------------------------------


def test_dispute_cards_name_the_parties_and_updates_say_which_report_is_later(
    client: TestClient, toll: Toll
) -> None:
    page = parse(client.get("/conflicts").text)
    dispute = page.select_one(f"article#{toll.anchor('dispute')}")
    assert "finding-dispute" in dispute["class"]
    assert words(dispute.select_one(".badge.kind-dispute")) == "hard dispute"
    assert words(dispute.select_one(".parties")) == "la policía vs los organizadores"
    # Outside a topic page, each card says what was compared.
    assert "Muertos: count — in Al Haouz" in words(dispute.select_one(".finding-head"))
    compared = [words(c) for c in dispute.select(".compared")]
    assert compared[0].startswith("compared: 57 or more (muerto)")
    assert "in Al Haouz" in compared[0] and "earthquake" not in compared[0]

    update_card = page.select_one(f"article#{toll.anchor('update')}")
    assert words(update_card.select_one(".badge.kind-update")) == "update"
    assert words(update_card.select_one(".finding-note")).endswith(
        "Diario Norte states la policía's figure as fact"
    )
    roles = [words(r) for r in update_card.select(".side-role")]
    assert roles == ["Earlier report · 2023-09-09 08:30 UTC", "Later report · 2023-09-10 09:00 UTC"]


def test_findings_list_puts_conflicts_disputes_updates_then_agreements(
    client: TestClient, toll: Toll
) -> None:
    kinds = [a["data-kind"] for a in parse(client.get("/conflicts").text).select("article")]
    assert kinds == sorted(kinds, key=["conflict", "dispute", "update", "agreement"].index)
    assert {"conflict", "dispute", "update", "agreement"} <= set(kinds)
    disputes = parse(client.get("/conflicts?kind=dispute").text).select("article.finding")
    assert [a["id"] for a in disputes] == [toll.anchor("dispute")]
    options = parse(client.get("/conflicts").text).select("select[name=kind] option")
    assert [o["value"] for o in options] == ["", "conflict", "dispute", "update", "agreement"]
    api = client.get("/api/findings?kind=update").json()
    assert {f["id"] for f in api["items"]} == {toll.findings["update"], toll.findings["injured"]}
    one = client.get(f"/api/findings/{toll.findings['dispute']}").json()
    assert one["parties"] == ["la policía", "los organizadores"]
    assert one["slot_key"] == TOLL_SLOT and one["slot_label"] == "Muertos: count — in Al Haouz"
    assert one["certainties"] == ["asserted", "asserted"]
    assert one["value_a"]["scope"] == ["at:al-haouz", "event:earthquake"]
    assert one["value_a"]["bound"] == "at_least"


# --- The topic page: grouped by slot, with a timeline ---------------------------------------


def test_topic_page_groups_findings_by_slot_with_a_heading(client: TestClient, toll) -> None:
    page = parse(client.get("/topics/muertos-count").text)
    [group] = page.select("section.slot-group")
    assert group["data-slot"] == TOLL_SLOT
    assert words(group.h3) == "Muertos: count"
    assert [words(s) for s in group.select(".slot-details .scope")] == ["in Al Haouz"]
    ids = [a["id"] for a in group.select("article.finding")]
    assert ids == [toll.anchor("dispute"), toll.anchor("update")]  # dispute before update
    summary = words(page.select_one(".summary"))
    assert summary.startswith("⇄ Dispute 0 conflicts, 1 dispute, 1 update, 0 agreements")
    # The old fixture's topics (findings stored without a slot) group by value kind.
    duration = parse(client.get("/topics/meeting-duration").text)
    assert [words(h) for h in duration.select("section.slot-group h3")] == ["Duration"]


def test_topic_page_timeline_lists_figures_by_publication_time_and_marks_updates(
    client: TestClient, toll: Toll
) -> None:
    page = parse(client.get("/topics/muertos-count").text)
    timeline = page.select_one("figure.timeline")
    entries = [words(li) for li in timeline.select("ol.timeline-list li")]
    assert len(entries) == 3
    assert entries[0].startswith(
        "2023-09-09 08:30 UTC · Diario Norte (citing la policía): 57 or more"
    )
    assert entries[1].startswith("2023-09-09 10:00 UTC · Radio Sur (citing los organizadores): 42")
    assert entries[2].startswith("2023-09-10 09:00 UTC · Diario Norte: 2,012 (muerto)")
    assert "update of Diario Norte's 57 or more (muerto)" in entries[2]
    assert "(later updated)" in entries[0]
    svg = timeline.select_one("svg[role=img]")
    assert len(svg.select("circle.tl-point")) == 3
    assert len(svg.select("circle.tl-point.superseded")) == 1
    assert len(svg.select("line.update-link")) == 1
    assert "2,012 (muerto)" in svg.find("desc").get_text()
    # One outlet at two moments: the injured topic's timeline, and no timeline without times.
    injured = parse(client.get("/topics/heridos-count").text)
    assert len(injured.select("figure.timeline ol li")) == 2
    assert parse(client.get("/topics/meeting-duration").text).select("figure.timeline") == []


def test_values_show_their_scope_and_modality_in_words(client: TestClient, toll: Toll) -> None:
    radio = toll.sources["Radio Sur"]
    page = parse(client.get(f"/sources/{radio}?claim={toll.claims['plan']}").text)
    values = [words(li) for li in page.select("#claim-detail .values li")]
    assert values == ["count 500 in 2019 planned/expected", "count 250 part of a total"]


def test_scope_terms_in_words() -> None:
    assert scope_term("at:al-haouz") == "in Al Haouz"
    assert scope_term("of:union-valderana") == "of Union Valderana"
    assert scope_term("of:uv") == "of UV"
    assert scope_term("from:santa-rosa-de-ocra") == "from Santa Rosa de Ocra"
    assert scope_term("part") == "part of a total"
    assert scope_term("secondary") == "aftershock / another event"
    assert scope_term("event:aftershock") == "event: aftershock"
    assert scope_term("year:2019") == "in 2019"
    assert scope_term("per:day") == "per day"
    assert scope_term("per:unit") == "per unit"
    assert scope_term("vs:precio") == "against precio"
    assert scope_term("vs:27-de-febrero") == "against 27 de febrero"
    assert scope_term("state:grave") == "state: grave"
    assert scope_term("zone:utc") == "time zone UTC"
    assert scope_term("earlier") == "an earlier event"
    assert scope_term("novel:thing") == "novel:thing"  # unknown terms are shown, not dropped
    assert value_context([], "limit") == ("limit",)
    assert value_context(["whole"], "requested", "change") == (
        "the whole (a total)",
        "a change, not a level",
        "requested",
    )
    slot = describe_slot("count|death||level|at:al-haouz,part|expected|", "count", ["Muertos"])
    assert slot.heading == "Muertos: count — in Al Haouz, part of a total, planned/expected"
    assert describe_slot("transfer>weapons", "certainty").title.endswith("transfer › weapons")
    assert parties_label("la policía", "los organizadores") == "la policía vs los organizadores"
    assert parties_label(None, None) is None


def test_timeline_geometry_orders_points_by_time_and_links_updates() -> None:
    @dataclass
    class V:
        label: str
        low: float | None
        high: float | None
        kind: str = "count"
        unit: str = "muerto"

    early, late = datetime(2023, 9, 9, 8), datetime(2023, 9, 10, 8)
    chart = build_timeline(
        "t",
        "count",
        "Toll",
        [
            TimedValue(1, early, "1", V("57 or more", 57, None), superseded=True),
            TimedValue(2, late, "2", V("2,012", 2012, 2012)),
        ],
        [(1, 2)],
    )
    assert chart is not None
    first, second = chart.points
    assert first.x == chart.left and second.x == chart.right
    assert second.y < first.y  # higher figures sit higher
    assert first.superseded and not second.superseded
    [link] = chart.links
    assert (link.x1, link.x2) == (first.x, second.x)
    one_moment = [TimedValue(1, early, "1", V("5", 5, 5)), TimedValue(2, early, "2", V("6", 6, 6))]
    assert build_timeline("t", "count", "Toll", one_moment) is None


# --- Overview: statuses, not analysed, empty state ------------------------------------------


def test_overview_sorts_and_badges_the_new_statuses(client: TestClient, toll: Toll) -> None:
    page = parse(client.get("/").text)
    cards = {c.h3.get_text(strip=True): c for c in page.select(".topic-card")}
    statuses = [
        c.select_one(".status")["class"][1].removeprefix("status-")
        for c in page.select(".topic-card")
    ]
    order = ["conflict", "dispute", "mixed", "update", "agreement", "single-source"]
    assert statuses == sorted(statuses, key=order.index)
    assert words(cards["Muertos: count"].select_one(".status")) == "⇄ Dispute"
    assert words(cards["Heridos: count"].select_one(".status")) == "↗ Update"
    counts = dict(
        zip(
            [words(d) for d in cards["Muertos: count"].select("dt")],
            [words(d) for d in cards["Muertos: count"].select("dd")],
            strict=True,
        )
    )
    assert counts["Disputes"] == "1" and counts["Updates"] == "1"
    assert "Found in the articles" in words(cards["Muertos: count"])
    legend = [words(li) for li in page.select("ul.legend li")]
    assert "⇄ Dispute" in legend and "↗ Update" in legend
    topics = {t["topic"]["slug"]: t for t in client.get("/api/topics").json()}
    assert topics["muertos-count"]["disputes"] == 1 and topics["heridos-count"]["updates"] == 1
    assert topics["muertos-count"]["origin"] == "discovered"


def test_overview_lists_articles_that_were_not_analysed(client: TestClient, toll: Toll) -> None:
    page = parse(client.get("/", headers={**HTMX, "HX-Target": "overview-main"}).text)
    banner = page.select_one("#overview-main #not-analysed")
    assert "1 article not analysed" in words(banner.h2)
    assert "Wire EN — wire-en.txt: written in English (en)" in words(banner)
    assert page.select_one("#empty-state") is None
    source = parse(client.get(f"/sources/{toll.sources['Wire EN']}").text)
    assert "Not analysed: written in English" in words(source.select_one(".not-analysed"))


@pytest.fixture
def empty_client(tmp_path) -> TestClient:
    settings = Settings(
        database_url=database_url(tmp_path, "empty.sqlite3"), allowed_hosts=["testserver"]
    )
    return TestClient(create_app(settings))


def test_overview_empty_state_says_why_nothing_was_compared(empty_client: TestClient) -> None:
    page = parse(empty_client.get("/").text)
    state = page.select_one("#overview-main #empty-state")
    assert "no articles have been ingested" in words(state.select_one(".empty-reason"))
    assert state.select_one("a[href='/ingest']")
    assert page.select("table.matrix") == [] and page.select(".topic-cards") == []


def test_overview_empty_state_with_one_outlet(empty_client: TestClient) -> None:
    with empty_client.app.state.session_factory() as session:
        text = "La reunión duró cinco horas."
        session.add(_article("solo", text, None, source=Source(key="solo", name="Solo")))
        session.commit()
    reason = words(parse(empty_client.get("/").text).select_one("#empty-state .empty-reason"))
    assert "every analysed article comes from one outlet" in reason


# --- One meaning of certainty -------------------------------------------------------------


@pytest.fixture
def hedged_on_topic(session_factory, corpus: Corpus) -> int:
    """Source A's satellites sentence is asserted, but hedged on the topic (as when the
    topic is only what a subordinate clause speculates about)."""
    claim = corpus.claims["a_satellites"]
    with session_factory() as session:
        session.execute(
            update(ClaimTopic)
            .where(ClaimTopic.claim_id == claim, ClaimTopic.topic_id == corpus.topics["satellites"])
            .values(certainty="hedged")
        )
        session.commit()
    return claim


def _scoped_badge(node, scope: str) -> str:
    badge = node.select_one(f"[data-certainty-scope={scope}] .badge")
    return badge.get_text(strip=True) if badge else ""


def test_topic_context_shows_the_certainty_on_the_topic(
    client: TestClient, corpus: Corpus, hedged_on_topic: int
) -> None:
    page = parse(client.get("/topics/satellites").text)
    card = page.select_one(f".column #claim-{hedged_on_topic}")
    assert _scoped_badge(card, "topic") == "hedged"
    assert "on this topic" in words(card.select_one("[data-certainty-scope=topic]"))
    assert card.select_one("[data-certainty-scope=statement]") is None
    assert "The sentence as a whole: asserted" in card.select_one(".cert-hedged")["title"]
    # The finding cards of the topic too.
    finding = page.select_one(f"#{corpus.anchor('satellites_agree')}")
    assert _scoped_badge(finding.select(".quote")[0], "topic") == "hedged"
    form = client.get(f"/topics/satellites/claims/{corpus.claims['b_satellites']}/flag").text
    options = [words(o) for o in parse(form).select("option")]
    assert any(o.startswith("Source A (hedged on this topic)") for o in options)
    mine = parse(client.get(f"/topics/satellites/claims/{hedged_on_topic}/flag").text)
    assert _scoped_badge(mine.select_one("blockquote"), "topic") == "hedged"
    # The card swapped in after a flag keeps the certainty on the topic.
    flagged = client.post(
        f"/topics/satellites/claims/{hedged_on_topic}/flags",
        data={"other_claim_id": str(corpus.claims["c_satellites"]), "reviewer": "Ana"},
        headers=HTMX,
    )
    card = parse(flagged.text).select_one(f"#claim-{hedged_on_topic}")
    assert _scoped_badge(card, "topic") == "hedged" and card.select_one(".claim-flags")


def test_outside_a_topic_the_statement_and_each_topic_certainty_are_shown(
    client: TestClient, corpus: Corpus, hedged_on_topic: int
) -> None:
    a = corpus.sources["Source A"]
    detail = parse(client.get(f"/sources/{a}?claim={hedged_on_topic}").text)
    aside = detail.select_one("#claim-detail")
    assert _scoped_badge(aside, "statement") == "asserted"
    [topic] = aside.select(".topic-links li")
    assert topic["data-certainty"] == "hedged" and "hedged on this topic" in words(topic)
    hits = parse(client.get("/search?q=construir").text).select("#search-results .hits li")
    hit = next(h for h in hits if "Corea del Norte busca" in words(h))
    assert _scoped_badge(hit, "statement") == "asserted"
    chip = hit.select_one(".topic-chip")
    assert chip["data-certainty"] == "hedged" and "hedged" in words(chip)


def test_api_claims_carry_both_certainties_and_filter_on_the_topic_one(
    client: TestClient, corpus: Corpus, hedged_on_topic: int
) -> None:
    detail = client.get("/api/topics/satellites").json()
    claim = next(c for c in detail["claims"] if c["id"] == hedged_on_topic)
    assert (claim["certainty"], claim["topic_certainty"]) == ("asserted", "hedged")
    assert claim["topics"] == [{"slug": "satellites", "label": "Satellites", "certainty": "hedged"}]
    on_topic = client.get("/api/claims?topic=satellites&certainty=hedged").json()
    assert hedged_on_topic in {c["id"] for c in on_topic["items"]}
    assert all(c["topic_certainty"] == "hedged" for c in on_topic["items"])
    sentence = client.get("/api/claims?certainty=hedged").json()
    assert hedged_on_topic not in {c["id"] for c in sentence["items"]}
    assert all(c["topic_certainty"] is None for c in sentence["items"])
    found = client.get(f"/api/findings/{corpus.findings['satellites_agree']}").json()
    side = found["claim_a"] if found["claim_a"]["id"] == hedged_on_topic else found["claim_b"]
    assert side["topic_certainty"] == "hedged"


# --- Export contract ---------------------------------------------------------------------


def test_export_adds_the_engine_fields_and_keeps_the_old_keys(session_factory, toll: Toll) -> None:
    with session_factory() as session:
        export = build_export(session)
    sources = {s["id"]: s for s in export["sources"]}
    refused = sources[toll.refused_article]
    assert {"id", "name", "path", "language", "published"} <= refused.keys()
    assert refused["status"] == "refused" and refused["status_note"].startswith("written in")
    later = next(s for s in sources.values() if s["path"] == "toll/norte-2.txt")
    assert (later["published_at"], later["published_from"]) == (
        "2023-09-10T09:00:00+00:00",
        "manifest",
    )
    assert later["status"] == "analysed" and later["status_note"] == ""

    assert "discovered" in {t["origin"] for t in export["topics"]}
    claims = {c["id"]: c for c in export["claims"]}
    police = claims[toll.claims["police"]]
    assert {"id", "source_id", "topics", "text", "start", "end", "certainty",
            "attributed_to", "entities", "values"} <= police.keys()  # fmt: skip
    assert police["topic_certainties"] == [{"slug": "muertos-count", "certainty": "asserted"}]
    [value] = police["values"]
    contract = {"kind", "low", "high", "unit", "text", "measured", "scope", "modality", "bound"}
    assert {k: v for k, v in value.items() if k in contract} == {  # more keys may be added
        "kind": "count",
        "low": 57,
        "high": None,
        "unit": "muerto",
        "text": "al menos 57 muertos",
        "measured": "death",
        "scope": ["at:al-haouz", "event:earthquake"],
        "modality": "actual",
        "bound": "at_least",
    }
    findings = {f["id"]: f for f in export["findings"]}
    dispute = findings[toll.findings["dispute"]]
    assert {"id", "topic", "kind", "severity", "basis", "claim_ids", "explanation"} <= set(dispute)
    assert dispute["slot"] == TOLL_SLOT and dispute["note"] == ""
    assert dispute["certainties"] == ["asserted", "asserted"]
    assert dispute["parties"] == ["la policía", "los organizadores"]
    assert findings[toll.findings["update"]]["parties"] == ["la policía", None]
