"""A small realistic corpus inserted row by row into a real, migrated SQLite file.

Four outlets on one summit: a soft duration conflict (más de cuatro horas / cinco horas),
a hard weekday conflict, certainty conflicts on the weapons deal, a mixed satellites
topic, a single-source topic, and a handshake duration that belongs to no topic.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.db import queries
from app.db.models import (
    Article,
    Claim,
    ClaimTopic,
    ClaimValue,
    Finding,
    Sentence,
    Source,
    Topic,
)
from app.services.identity import outlet_key
from app.web.app import create_app
from tests.databases import database_url

HOUR = 3600.0


def fingerprint(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


@dataclass
class ClaimSpec:
    key: str
    text: str
    topics: list[str]
    certainty: str = "asserted"
    attributed_to: str | None = None
    # (kind, written text, low, high, unit)
    values: list[tuple[str, str, float | None, float | None, str]] = field(default_factory=list)


ARTICLES: dict[str, tuple[str, list[ClaimSpec]]] = {
    "Source A": (
        "Kim Jong-un y Vladimir Putin se reunieron el miércoles en el cosmódromo de Vostochny. "
        "La reunión duró más de cuatro horas, según el Kremlin. "
        "Analistas occidentales especulan que los líderes estarían negociando un intercambio "
        "de armas. Corea del Norte busca ayuda para construir satélites.",
        [
            ClaimSpec(
                "a_day",
                "Kim Jong-un y Vladimir Putin se reunieron el miércoles en el cosmódromo de "
                "Vostochny.",
                ["meeting-day"],
                values=[("weekday", "miércoles", 3, 3, "")],
            ),
            ClaimSpec(
                "a_duration",
                "La reunión duró más de cuatro horas, según el Kremlin.",
                ["meeting-duration"],
                attributed_to="el Kremlin",
                values=[("duration", "más de cuatro horas", 4 * HOUR, None, "s")],
            ),
            ClaimSpec(
                "a_weapons",
                "Analistas occidentales especulan que los líderes estarían negociando un "
                "intercambio de armas.",
                ["weapons-deal"],
                certainty="hedged",
                attributed_to="Analistas occidentales",
            ),
            ClaimSpec(
                "a_satellites",
                "Corea del Norte busca ayuda para construir satélites.",
                ["satellites"],
            ),
        ],
    ),
    "Source B": (
        "El encuentro entre Putin y Kim duró cinco horas. "
        "Ambos líderes negociaron un acuerdo de armas, dijo un funcionario estadounidense. "
        "Putin declaró que Rusia ayudará a Corea del Norte a construir satélites. "
        "El apretón de manos duró unos 40 segundos.",
        [
            ClaimSpec(
                "b_duration",
                "El encuentro entre Putin y Kim duró cinco horas.",
                ["meeting-duration"],
                values=[("duration", "cinco horas", 5 * HOUR, 5 * HOUR, "s")],
            ),
            ClaimSpec(
                "b_weapons",
                "Ambos líderes negociaron un acuerdo de armas, dijo un funcionario estadounidense.",
                ["weapons-deal"],
                attributed_to="un funcionario estadounidense",
            ),
            ClaimSpec(
                "b_satellites",
                "Putin declaró que Rusia ayudará a Corea del Norte a construir satélites.",
                ["satellites"],
                attributed_to="Putin",
            ),
            ClaimSpec(
                "b_handshake",
                "El apretón de manos duró unos 40 segundos.",
                [],
                values=[("duration", "unos 40 segundos", 36, 44, "s")],
            ),
        ],
    ),
    "Source C": (
        "Los líderes se reunieron el jueves en Vostochny. "
        "Moscú y Pyongyang han negado las acusaciones sobre un acuerdo de armas. "
        "Rusia podría ayudar a Corea del Norte con sus satélites.",
        [
            ClaimSpec(
                "c_day",
                "Los líderes se reunieron el jueves en Vostochny.",
                ["meeting-day"],
                values=[("weekday", "jueves", 4, 4, "")],
            ),
            ClaimSpec(
                "c_weapons",
                "Moscú y Pyongyang han negado las acusaciones sobre un acuerdo de armas.",
                ["weapons-deal"],
                certainty="denied",
                attributed_to="Moscú y Pyongyang",
            ),
            ClaimSpec(
                "c_satellites",
                "Rusia podría ayudar a Corea del Norte con sus satélites.",
                ["satellites"],
                certainty="hedged",
            ),
        ],
    ),
    "Source D": (
        "Putin mostró a Kim las instalaciones del cosmódromo. "
        "La cumbre fue la segunda reunión entre ambos líderes.",
        [
            ClaimSpec("d_tour", "Putin mostró a Kim las instalaciones del cosmódromo.", []),
            ClaimSpec(
                "d_prior",
                "La cumbre fue la segunda reunión entre ambos líderes.",
                ["prior-meetings"],
                values=[("ordinal", "segunda", 2, 2, "reunión")],
            ),
        ],
    ),
}

TOPICS = {
    "meeting-duration": ("Meeting duration", "How long the leaders met.", ["duration"], "conflict"),
    "meeting-day": ("Meeting day", "When the meeting took place.", ["weekday", "date"], "conflict"),
    "weapons-deal": ("Weapons deal", "Whether an arms deal was negotiated.", [], "conflict"),
    "satellites": ("Satellites", "Russian help with satellites.", [], "mixed"),
    "prior-meetings": (
        "Prior meetings",
        "Earlier meetings of the two.",
        ["ordinal"],
        "single-source",
    ),
}

# (key, topic, kind, severity, basis, claim a, claim b, explanation)
FINDINGS = [
    (
        "duration",
        "meeting-duration",
        "conflict",
        "soft",
        "duration",
        "a_duration",
        "b_duration",
        'Source A says more than 4 h ("más de cuatro horas"); Source B says 5 h ("cinco horas").',
    ),
    (
        "day",
        "meeting-day",
        "conflict",
        "hard",
        "weekday",
        "a_day",
        "c_day",
        'Source A says Wednesday ("miércoles"); Source C says Thursday ("jueves").',
    ),
    (
        "weapons_denied",
        "weapons-deal",
        "conflict",
        "hard",
        "certainty",
        "b_weapons",
        "c_weapons",
        "Source B asserts it; Source C reports it as denied.",
    ),
    (
        "weapons_hedged",
        "weapons-deal",
        "conflict",
        "soft",
        "certainty",
        "a_weapons",
        "b_weapons",
        "Source A reports it as speculation; Source B asserts it.",
    ),
    (
        "satellites_agree",
        "satellites",
        "agreement",
        None,
        "certainty",
        "a_satellites",
        "b_satellites",
        "Source A and Source B both assert it.",
    ),
    (
        "satellites_hedged",
        "satellites",
        "conflict",
        "soft",
        "certainty",
        "b_satellites",
        "c_satellites",
        "Source B asserts it; Source C reports it as possible.",
    ),
]


@dataclass
class Corpus:
    """Row ids of the inserted corpus, by readable key."""

    sources: dict[str, int]
    claims: dict[str, int]
    findings: dict[str, int]
    topics: dict[str, int]
    fingerprints: dict[str, str]  # of the findings

    def anchor(self, key: str) -> str:
        """A finding's element id (and page anchor): from its fingerprint, not its id."""
        return f"finding-{self.fingerprints[key][:12]}"


def insert_corpus(session_factory: sessionmaker[Session]) -> Corpus:
    with session_factory() as session:
        topics = {}
        for slug, (label, description, kinds, status) in TOPICS.items():
            topic = Topic(
                slug=slug,
                label=label,
                description=description,
                status=status,
                definition={"value_kinds": kinds},
            )
            session.add(topic)
            topics[slug] = topic
        sources, claims, rows = {}, {}, {}
        for name, (text, specs) in ARTICLES.items():
            source = Source(key=outlet_key(name), name=name)
            article = Article(
                source=source,
                path=f"seeds/{name.lower().replace(' ', '_')}.txt",
                language="es",
                text=text,
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
            )
            session.add(article)
            session.flush()
            sources[name] = source.id
            for position, spec in enumerate(specs):
                start = text.index(spec.text)
                end = start + len(spec.text)
                sentence = Sentence(article=article, position=position, start=start, end=end)
                session.add(sentence)
                session.flush()
                claim = Claim(
                    article=article,
                    sentence_id=sentence.id,
                    start=start,
                    end=end,
                    text=spec.text,
                    certainty=spec.certainty,
                    attributed_to=spec.attributed_to,
                    fingerprint=fingerprint(name, spec.text),
                )
                for kind, written, low, high, unit in spec.values:
                    value_start = text.index(written)
                    claim.values.append(
                        ClaimValue(
                            kind=kind,
                            low=low,
                            high=high,
                            unit=unit,
                            text=written,
                            start=value_start,
                            end=value_start + len(written),
                        )
                    )
                session.add(claim)
                session.flush()
                claims[spec.key] = claim.id
                rows[spec.key] = claim
                for slug in spec.topics:
                    # As the engine stores it: the certainty of what the claim says about
                    # the topic (here the sentence's own).
                    session.add(
                        ClaimTopic(
                            claim_id=claim.id,
                            topic_id=topics[slug].id,
                            score=1,
                            certainty=spec.certainty,
                        )
                    )
        session.flush()
        findings, fingerprints = {}, {}
        for key, slug, kind, severity, basis, a, b, explanation in FINDINGS:
            # Value findings name the two values compared (each claim's only value here).
            compared = basis != "certainty"
            finding = Finding(
                value_a_id=rows[a].values[0].id if compared else None,
                value_b_id=rows[b].values[0].id if compared else None,
                topic_id=topics[slug].id,
                kind=kind,
                severity=severity,
                basis=basis,
                claim_a_id=claims[a],
                claim_b_id=claims[b],
                explanation=explanation,
                fingerprint=fingerprint(slug, basis, a, b),
                # The certainties compared: the claims' on the topic.
                certainty_a=rows[a].certainty,
                certainty_b=rows[b].certainty,
            )
            session.add(finding)
            session.flush()
            findings[key] = finding.id
            fingerprints[key] = finding.fingerprint
        queries.rank_findings(session)  # as the findings refresh does
        session.commit()
        topic_ids = {s: t.id for s, t in topics.items()}
        return Corpus(sources, claims, findings, topic_ids, fingerprints)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # TestClient sends "Host: testserver".
    return Settings(
        database_url=database_url(tmp_path, "cotejo.sqlite3"),
        allowed_hosts=["testserver"],
    )


@pytest.fixture
def app_and_corpus(settings: Settings) -> tuple:
    app = create_app(settings)
    corpus = insert_corpus(app.state.session_factory)
    return app, corpus


@pytest.fixture
def corpus(app_and_corpus: tuple) -> Corpus:
    return app_and_corpus[1]


@pytest.fixture
def session_factory(app_and_corpus: tuple) -> sessionmaker[Session]:
    return app_and_corpus[0].state.session_factory


@pytest.fixture
def client(app_and_corpus: tuple) -> Iterator[TestClient]:
    with TestClient(app_and_corpus[0]) as test_client:
        yield test_client


HTMX = {"HX-Request": "true"}


def post_review(
    client: TestClient, corpus: Corpus, key: str, verdict: str, reviewer: str, note: str = ""
) -> None:
    """A verdict on finding ``key`` through the dashboard's plain form (redirected back)."""
    response = client.post(
        f"/findings/{corpus.findings[key]}/review",
        data={
            "verdict": verdict,
            "fingerprint": corpus.fingerprints[key],
            "reviewer": reviewer,
            "note": note,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def post_flag(
    client: TestClient, corpus: Corpus, topic: str, a: str, b: str, reviewer: str, note: str = ""
) -> None:
    """A flag between claims ``a`` and ``b`` of ``topic`` through the dashboard's form."""
    response = client.post(
        f"/topics/{topic}/claims/{corpus.claims[a]}/flags",
        data={"other_claim_id": str(corpus.claims[b]), "note": note, "reviewer": reviewer},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
