"""Findings keep their identity across ingests; identical text from two outlets is two articles."""

from __future__ import annotations

import shutil
from pathlib import Path

from spacy.language import Language
from sqlalchemy import event, select

import app.services.comparison as comparison
from app.db.models import Article, Finding, Topic
from app.services.derived import FINDINGS, owe, owed
from app.services.ingest import ingest_paths
from app.services.rematch import finish_derived_work
from tests.services.support import SEEDS, ingest_text, new_database

DUAL = (
    "Un terremoto sacudió la costa el martes y dejó 12 muertos, según los bomberos.\n"
    "El temblor duró 40 segundos.\n"
)


def _findings(session_factory) -> dict[str, int]:
    with session_factory() as session:
        return dict(session.execute(select(Finding.fingerprint, Finding.id)).all())


def test_findings_keep_their_ids_when_another_article_arrives(
    tmp_path: Path, nlp: Language
) -> None:
    session_factory = new_database(tmp_path)
    ingest_paths(session_factory, nlp, [SEEDS])
    before = _findings(session_factory)
    assert before

    report = ingest_text(
        session_factory,
        nlp,
        source_name="Late Outlet",
        text="La reunión de los dos líderes duró tres horas, según la agencia estatal.",
    )

    after = _findings(session_factory)
    # Every earlier finding still holds, under the same id: reviews posted by id stay right.
    assert {fp: after[fp] for fp in before} == before
    assert set(report.new_finding_ids) == set(after.values()) - set(before.values())
    assert report.new_finding_ids  # three hours conflicts with the seeds' four and five


def test_the_same_text_from_two_outlets_is_stored_for_each(tmp_path: Path, nlp: Language) -> None:
    session_factory = new_database(tmp_path)
    first = ingest_text(session_factory, nlp, source_name="Agencia Uno", text=DUAL)
    again = ingest_text(session_factory, nlp, source_name="Agencia Uno", text=DUAL)
    other = ingest_text(session_factory, nlp, source_name="Diario Dos", text=DUAL)

    assert len(first.added) == 1
    assert again.added == [] and again.unchanged == ["pasted text"]
    assert len(other.added) == 1
    with session_factory() as session:
        assert len(session.scalars(select(Article)).all()) == 2


def test_an_article_in_a_language_the_pipeline_cannot_read_is_refused(
    tmp_path: Path, nlp: Language
) -> None:
    session_factory = new_database(tmp_path)
    report = ingest_text(
        session_factory, nlp, source_name="Daily", text=DUAL, language="en", filename="en.txt"
    )
    # Stored as the user gave it, labelled, and not analysed.
    assert report.failed == []
    assert report.refused == [
        (
            "en.txt",
            "en.txt: not analysed: its language is given as 'en' (field 'language'); Cotejo "
            "analyses 'es' only",
        )
    ]
    with session_factory() as session:
        (article,) = session.scalars(select(Article)).all()
        assert (article.status, article.language, article.claims) == ("refused", "en", [])


def test_an_english_article_given_as_spanish_is_refused_with_a_clear_message(
    tmp_path: Path, nlp: Language
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEEDS / "sources.toml", folder)
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder)
    english = (
        "The two leaders met for more than four hours at a space launch centre on Wednesday, "
        "officials said, and agreed to deepen military cooperation between their countries.\n"
    )
    (folder / "wire-en.txt").write_text(english * 3, encoding="utf-8")
    session_factory = new_database(tmp_path)
    report = ingest_paths(session_factory, nlp, [folder])
    assert len(report.added) == 6 and report.failed == []
    ((name, message),) = report.refused
    assert Path(name).name == "wire-en.txt"
    assert message.startswith(f"{name}: not analysed: the text is in English")
    assert "language = 'en'" in message
    with session_factory() as session:
        article = session.scalars(select(Article).where(Article.status == "refused")).one()
        # Kept, labelled as what it is, with no claims to compare.
        assert (article.language, article.claims) == ("en", [])
        assert session.scalars(select(Finding)).all()  # the Spanish articles still compare


def test_topics_added_later_are_matched_against_articles_already_stored(
    tmp_path: Path, nlp: Language
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder)
    shutil.copy(SEEDS / "sources.toml", folder)
    session_factory = new_database(tmp_path)

    first = ingest_paths(session_factory, nlp, [folder])
    assert len(first.added) == 5 and first.new_finding_ids  # topics discovered, no file
    with session_factory() as session:
        assert {t.origin for t in session.scalars(select(Topic))} == {"discovered"}

    shutil.copy(SEEDS / "topics.toml", folder)
    second = ingest_paths(session_factory, nlp, [folder])
    assert second.added == [] and len(second.unchanged) == 5
    # The stored claims were matched to the new topics, so the findings appear.
    with session_factory() as session:
        bases = set(session.execute(select(Finding.basis)).scalars())
    assert {"duration", "certainty"} <= bases
    with session_factory() as session:
        slugs = {t.slug for t in session.scalars(select(Topic))}
    # The discovered meeting length now sits under the topics.toml topic.
    assert {"meeting-duration", "weapons-deal"} <= slugs


def test_an_unchanged_re_ingest_compares_nothing(tmp_path: Path, nlp: Language) -> None:
    session_factory = new_database(tmp_path)
    ingest_paths(session_factory, nlp, [SEEDS])
    before = _findings(session_factory)
    statements: list[str] = []
    engine = session_factory.kw["bind"]

    def seen(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        report = ingest_paths(session_factory, nlp, [SEEDS])
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert report.added == [] and len(report.unchanged) == len(list(SEEDS.glob("*.txt")))
    # No finding read or written, no claim loaded for comparison: the refresh was skipped.
    assert not [s for s in statements if "findings" in s or "claim_values" in s]
    assert _findings(session_factory) == before


def test_an_article_stored_while_a_refresh_reads_keeps_its_debt(
    tmp_path: Path, nlp: Language, monkeypatch
) -> None:
    # Another process stores an article after this refresh read the claims (simulated by
    # storing it from inside the comparison): the refresh must not settle that article's
    # debt, or the other process's own finish would skip its findings.
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    files = sorted(corpus.glob("*.txt"))
    session_factory = new_database(tmp_path)
    ingest_paths(session_factory, nlp, files[:-1])
    real = comparison.compare_corpus
    stored: list[int] = []

    def meanwhile(*args, **kwargs):
        if not stored:
            monkeypatch.setattr("app.services.ingest.finish_derived_work", lambda *a: [])
            stored.extend(ingest_paths(session_factory, nlp, [files[-1]]).added)
        return real(*args, **kwargs)

    with session_factory.begin() as session:
        owe(session, FINDINGS, "this run's own article")
    monkeypatch.setattr(comparison, "compare_corpus", meanwhile)
    finish_derived_work(session_factory, lambda: nlp, "engine")
    monkeypatch.setattr(comparison, "compare_corpus", real)
    assert stored
    with session_factory() as session:
        assert FINDINGS in owed(session)
