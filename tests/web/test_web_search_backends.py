"""Search means the same on SQLite (FTS5) and on PostgreSQL (full-text search with
`unaccent`, migration 0006): accents and case ignored, every word a prefix, all words
required, punctuation a word break. The same expectations run on the database of the run.
"""

from __future__ import annotations

import hashlib

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from app.db import queries
from app.db.models import Article, Claim, Sentence, Source
from tests.databases import on_postgres

FIRE = (
    "El incendio de Ñuñoa quemó 8.700 hectáreas en la co-operación forestal_norte. "
    "Según los Bomberos, la reunión de emergencia duró CINCO horas."
)


def add_article(session_factory: sessionmaker[Session], name: str, text: str) -> None:
    """One article whose sentences are its claims, stored as ingest stores them."""
    with session_factory() as session:
        article = Article(
            source=Source(key="diario-f", name=name),
            path=f"{name}.txt",
            language="es",
            title="Incendio en Ñuñoa",
            text=text,
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
        )
        session.add(article)
        start = 0
        for position, sentence_text in enumerate(text.split(". ")):
            start = text.index(sentence_text, start)
            end = start + len(sentence_text)
            sentence = Sentence(article=article, position=position, start=start, end=end)
            session.add(sentence)
            session.flush()
            session.add(
                Claim(
                    article=article,
                    sentence_id=sentence.id,
                    start=start,
                    end=end,
                    text=sentence_text,
                    certainty="asserted",
                    attributed_to="los Bomberos" if "Bomberos" in sentence_text else None,
                    fingerprint=hashlib.sha1(sentence_text.encode()).hexdigest(),
                )
            )
            start = end
        session.commit()


@pytest.fixture
def fire(session_factory: sessionmaker[Session], corpus) -> sessionmaker[Session]:
    add_article(session_factory, "Diario F", FIRE)
    return session_factory


def claim_texts(session: Session, query: str) -> list[str]:
    terms = queries.search_terms(query)
    backend = queries.search_backend(session)
    claims, total = queries.search_claims(session, terms, backend=backend, limit=50, offset=0)
    assert total == len(claims)
    return sorted(c.text for c in claims)


def test_the_database_searches_with_its_own_full_text_index(fire) -> None:
    with fire() as session:
        assert queries.search_backend(session) == ("postgresql" if on_postgres() else "fts5")


FIRST, SECOND = "El incendio", "Según los"
SUMMIT = ["La reunión duró", "La cumbre fue"]  # of the corpus of conftest.py


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("reunion", [*SUMMIT, SECOND]),
        ("REUNIÓN emergencia", [SECOND]),
        ("nunoa", [FIRST]),  # ñ is n without its tilde, as FTS5's remove_diacritics
        ("8.700 hectareas", [FIRST]),  # "8.700" is the words 8 and 700
        ("700", [FIRST]),
        ("operacion", [FIRST]),  # a hyphen separates words
        ("norte incendio", [FIRST]),  # and so does an underscore
        ("hect quem", [FIRST]),  # prefixes
        ("bomberos cinco", [SECOND]),  # a word of attributed_to and one of the text
        ("reunion inexistente", []),  # every word is required
        ("ardió", []),
    ],
)
def test_claim_search(fire, query: str, found: list[str]) -> None:
    with fire() as session:
        texts = claim_texts(session, query)
    assert sorted(next(p for p in found if t.startswith(p)) for t in texts) == sorted(found), texts


def test_article_search_reads_titles_and_text(fire) -> None:
    with fire() as session:
        backend = queries.search_backend(session)
        articles, total = queries.search_articles(
            session, ["nunoa", "hectareas"], backend=backend, limit=5
        )
        assert [a.source_name for a in articles] == ["Diario F"] and total == 1
        by_title, _ = queries.search_articles(session, ["incendio"], backend=backend, limit=5)
        assert [a.source_name for a in by_title] == ["Diario F"]


def test_search_page_marks_the_accented_words(client: TestClient, fire) -> None:
    body = client.get("/api/search?q=reunion").json()
    assert body["backend"] == ("postgresql" if on_postgres() else "fts5")
    assert body["total"] == 3
    page = client.get("/search?q=nunoa").text
    assert "<mark>Ñuñoa</mark>" in page
