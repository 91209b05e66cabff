"""Ingest with worker processes (app/services/analyse_pool.py): the same rows as in one
process, and a worker that dies costs its own batch only."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from app.config import ROOT
from app.services.analyse_pool import MIN_BATCHES_PER_PROCESS
from app.services.ingest import ingest_paths
from app.services.rematch import PIPE_BATCH
from tests.services.support import export_of, new_database

DEV = ROOT / "benchmarks" / "corpora" / "dev"
# Seven events, 57 articles: enough batches for two workers.
CORPORA = [DEV / name for name in ("aviation", "court", "earthquake", "economy", "election")]
CORPORA += [DEV / "floods", DEV / "protest"]


def test_enough_articles_for_two_workers() -> None:
    articles = sum(len(list(folder.glob("*.txt"))) for folder in CORPORA)
    assert articles >= 2 * MIN_BATCHES_PER_PROCESS * PIPE_BATCH - PIPE_BATCH + 1


def test_two_worker_processes_store_exactly_what_one_process_stores(
    tmp_path: Path, nlp: Language
) -> None:
    alone = new_database(tmp_path / "one")
    shared = new_database(tmp_path / "two")
    report_alone = ingest_paths(alone, nlp, CORPORA, processes=1)
    report_shared = ingest_paths(shared, nlp, CORPORA, processes=2)
    assert not report_alone.failed and not report_shared.failed
    assert len(report_shared.added) == len(report_alone.added) >= 57
    assert export_of(shared) == export_of(alone)


@Language.component("cotejo_test_dies_on_marker")
def dies_in_a_worker(doc: Doc) -> Doc:
    # Only in a forked worker: the test process itself must survive to check the report.
    if "XYZZY" in doc.text and os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return doc


PARENT = os.getpid()


def test_a_worker_killed_mid_batch_fails_its_article_by_name_and_the_rest_is_stored(
    tmp_path: Path,
) -> None:
    from app.nlp.pipeline import load_nlp

    nlp = load_nlp.__wrapped__()  # a private copy: the shared pipeline stays untouched
    nlp.add_pipe("cotejo_test_dies_on_marker", first=True)
    folder = tmp_path / "corpus"
    folder.mkdir()
    total, doomed = 6 * PIPE_BATCH, PIPE_BATCH + 3  # in the second batch
    for n in range(total):
        marker = " XYZZY" if n == doomed else ""
        text = f"El tren {n}{marker} llegó con {n + 5} minutos de retraso a la estación.\n"
        (folder / f"{n:03}.txt").write_text(text, "utf-8")
    report = ingest_paths(new_database(tmp_path), nlp, [folder], processes=2)
    ((name, message),) = report.failed
    assert Path(name).name == f"{doomed:03}.txt"
    assert "could not be analysed" in message and "worker process" in message
    # The batches in flight when the pool broke, the killer's neighbours among them, are
    # analysed again and stored.
    assert len(report.added) == total - 1
