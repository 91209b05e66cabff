"""Reviews and flags stay on their findings, and only new findings are called new, through
re-ingests that change nothing a finding means: the same text analysed again (under
another hash seed, or as a new engine would), an unrelated sentence, a renamed outlet.

Real seeds copied to a temporary folder, real SQLite files, the real spaCy pipeline.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from spacy.language import Language
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from app.db.models import Article, Claim, Finding, Flag, Review, Source
from app.services.ingest import IngestReport, ingest_paths
from tests.services.support import SEEDS, flag_claims_of, new_database, review, url_of

COTEJO = Path(sys.executable).parent / "cotejo"
UNRELATED = "\nEl alcalde agradeció la ayuda de los vecinos y pidió calma.\n"


@dataclass
class Reviewed:
    folder: Path
    session_factory: sessionmaker[Session]
    # finding id -> fingerprint, for every finding, each reviewed once
    findings: dict[int, str]
    flag_pair: tuple[str, str]


def seeds_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def review_everything(session_factory: sessionmaker[Session]) -> tuple[dict[int, str], tuple]:
    """A verdict on every finding and one flag on the claims of the first one."""
    with session_factory() as session:
        findings = session.scalars(select(Finding).order_by(Finding.id)).all()
        assert len(findings) >= 10
        for finding in findings:
            review(session, finding, "confirmed", "Ana", f"seen as {finding.id}")
        first = findings[0]
        flag = flag_claims_of(session, first, "Luis", "")
        return (
            {f.id: f.fingerprint for f in findings},
            (flag.claim_a_fingerprint, flag.claim_b_fingerprint),
        )


def assert_all_attached(reviewed: Reviewed, *, same_fingerprints: bool = True) -> None:
    """Every review on the finding it was made on, under the same id; the flag on its claims.
    Fingerprints change only when an outlet's key does."""
    with reviewed.session_factory() as session:
        now = {f.id: f.fingerprint for f in session.scalars(select(Finding))}
        reviews = session.scalars(select(Review)).all()
        claims = set(session.scalars(select(Claim.fingerprint)))
        flag = session.scalars(select(Flag)).one()
        empty = session.scalars(select(Source.name).where(~Source.articles.any())).all()
    assert set(now) == set(reviewed.findings)
    if same_fingerprints:
        assert now == reviewed.findings
    by_note = {int(r.note.removeprefix("seen as ")): r.finding_fingerprint for r in reviews}
    assert by_note == now
    assert {flag.claim_a_fingerprint, flag.claim_b_fingerprint} <= claims
    assert empty == []


@pytest.fixture
def reviewed(tmp_path: Path, nlp: Language) -> Reviewed:
    folder = seeds_copy(tmp_path)
    session_factory = new_database(tmp_path)
    ingest_paths(session_factory, nlp, [folder])
    findings, pair = review_everything(session_factory)
    return Reviewed(folder, session_factory, findings, pair)


def _stale(session_factory: sessionmaker[Session]) -> None:
    """What a new engine version does: every stored analysis is out of date."""
    with session_factory.begin() as session:
        session.execute(update(Article).values(content_hash="analysed-by-an-older-engine"))


@pytest.mark.skipif(not COTEJO.exists(), reason="console script not installed")
def test_reanalysis_under_another_hash_seed_keeps_every_review(tmp_path: Path) -> None:
    folder = seeds_copy(tmp_path)
    session_factory = new_database(tmp_path)
    database = url_of(session_factory)

    def ingest(seed: int) -> str:
        run = subprocess.run(
            [str(COTEJO), "ingest", str(folder), "--db", database],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            timeout=600,
        )
        assert run.returncode == 0, run.stderr
        return run.stdout + run.stderr

    ingest(1)
    findings, pair = review_everything(session_factory)
    _stale(session_factory)
    output = ingest(4242)
    assert "replaced 5" in output and re.search(r"\b0 new findings", output), output
    assert_all_attached(Reviewed(folder, session_factory, findings, pair))


def test_an_engine_reanalysis_of_unchanged_articles_keeps_ids_and_finds_nothing_new(
    reviewed: Reviewed, nlp: Language
) -> None:
    _stale(reviewed.session_factory)
    report = ingest_paths(reviewed.session_factory, nlp, [reviewed.folder])
    assert len(report.replaced) == 5
    assert report.new_finding_ids == []
    assert_all_attached(reviewed)


def test_an_unrelated_sentence_changes_no_finding(reviewed: Reviewed, nlp: Language) -> None:
    article = sorted(reviewed.folder.glob("*.txt"))[1]
    article.write_text(article.read_text(encoding="utf-8") + UNRELATED, encoding="utf-8")
    report = ingest_paths(reviewed.session_factory, nlp, [reviewed.folder])
    assert len(report.replaced) == 1
    assert report.new_finding_ids == []
    assert_all_attached(reviewed)


def _rename(folder: Path, old: str, new: str, key: str | None = None) -> None:
    manifest = folder / "sources.toml"
    line = f'name = "{new}"' + (f'\nkey = "{key}"' if key else "")
    manifest.write_text(manifest.read_text().replace(f'name = "{old}"', line), encoding="utf-8")


def _outlets(session_factory: sessionmaker[Session]) -> list[tuple[str, str, int]]:
    with session_factory() as session:
        return [
            (s.key, s.name, len(s.articles))
            for s in session.scalars(select(Source).order_by(Source.key))
        ]


def test_renaming_an_outlet_relabels_it(reviewed: Reviewed, nlp: Language) -> None:
    before = _outlets(reviewed.session_factory)
    _rename(reviewed.folder, "Source B", "Diario del Norte")
    report = ingest_paths(reviewed.session_factory, nlp, [reviewed.folder])
    assert len(report.unchanged) == 5 and report.new_finding_ids == []
    after = _outlets(reviewed.session_factory)
    assert after == [
        (key, "Diario del Norte" if name == "Source B" else name, n) for key, name, n in before
    ]
    assert_all_attached(reviewed)
    with reviewed.session_factory() as session:
        explanations = " ".join(session.scalars(select(Finding.explanation)))
    assert "Diario del Norte" in explanations and "Source B" not in explanations


def test_a_key_given_later_and_a_rename_under_it_keep_the_outlet(
    reviewed: Reviewed, nlp: Language
) -> None:
    _rename(reviewed.folder, "Source C", "Source C", key="fuente-c")
    first = ingest_paths(reviewed.session_factory, nlp, [reviewed.folder])
    _rename(reviewed.folder, "Source C", "La Gaceta")
    second = ingest_paths(reviewed.session_factory, nlp, [reviewed.folder])
    for report in (first, second):
        assert len(report.unchanged) == 5 and report.new_finding_ids == [], report.failed
    assert ("fuente-c", "La Gaceta", 1) in _outlets(reviewed.session_factory)
    assert_all_attached(reviewed, same_fingerprints=False)


def test_a_file_moved_to_another_outlet_leaves_no_empty_outlet(
    reviewed: Reviewed, nlp: Language
) -> None:
    _rename(reviewed.folder, "Source E", "Source D")
    report = ingest_paths(reviewed.session_factory, nlp, [reviewed.folder])
    assert len(report.replaced) == 1
    outlets = _outlets(reviewed.session_factory)
    assert [name for _, name, _ in outlets] == ["Source A", "Source B", "Source C", "Source D"]
    assert ("source-d", "Source D", 2) in outlets


def _new_ids(report: IngestReport) -> set[int]:
    return set(report.new_finding_ids)


def test_a_new_conflicting_article_reports_exactly_its_findings(
    reviewed: Reviewed, nlp: Language
) -> None:
    # In the same ingest, an unrelated edit elsewhere: none of its findings is new.
    edited = sorted(reviewed.folder.glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + UNRELATED, encoding="utf-8")
    (reviewed.folder / "zz_new.txt").write_text(
        "Putin y Kim se reunieron el martes durante seis horas en Vladivostok, según "
        "fuentes del Kremlin.\n",
        encoding="utf-8",
    )
    with (reviewed.folder / "sources.toml").open("a", encoding="utf-8") as manifest:
        manifest.write('\n[[source]]\nfile = "zz_new.txt"\nname = "Source F"\n')
    report = ingest_paths(reviewed.session_factory, nlp, [reviewed.folder])
    assert len(report.added) == 1 and len(report.replaced) == 1
    with reviewed.session_factory() as session:
        new_article = session.scalars(select(Article).where(Article.path.like("%zz_new.txt"))).one()
        involving = set(
            session.scalars(
                select(Finding.id)
                .join(Claim, (Claim.id == Finding.claim_a_id) | (Claim.id == Finding.claim_b_id))
                .where(Claim.article_id == new_article.id)
            )
        )
        now = set(session.scalars(select(Finding.id)))
    assert involving, "the new article should conflict with the seeds"
    assert _new_ids(report) == involving
    assert now - involving == set(reviewed.findings)
