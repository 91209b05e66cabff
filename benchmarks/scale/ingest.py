"""Ingest against bare spaCy, and the cost of a small ingest into a big database.

Full ingest is ``ingest_paths`` as ``cotejo ingest`` runs it: reading, analysis, storing,
the findings refresh at the end. Its reference, bare ``nlp.pipe`` with the same pipeline
(the model and Cotejo's components) on the same texts, runs *inside* the ingest, from its
progress callback: after every ``PIPE_BATCH`` articles stored, the same articles go
through ``nlp.pipe`` again, timed apart and subtracted from the ingest's time. So both
see the same machine load, second by second.
"""

from __future__ import annotations

import resource
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from sqlalchemy.orm import Session, sessionmaker

from app.db.session import open_database
from app.ingest.readers import read_document
from app.services.ingest import ingest_paths
from app.services.rematch import PIPE_BATCH
from benchmarks.scale.measure import Elapsed, Stopwatch, peak_rss_mb, reset_peak_rss

Advance = Callable[[int, int], None]


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def remove_database(path: Path) -> None:
    for companion in path.parent.glob(path.name + "*"):
        companion.unlink()


def close(session_factory: sessionmaker[Session]) -> None:
    session_factory.kw["bind"].dispose()


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite database (its WAL included), through SQLite's backup."""
    remove_database(target)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


@dataclass(frozen=True, slots=True)
class IngestFigures:
    articles: int
    words: int
    failed: int
    ingest: Elapsed  # the whole ingest_paths call, bare runs inside it subtracted
    bare: Elapsed  # nlp.pipe on the same texts
    peak_rss_mb: float | None  # None when the peak could not be reset (not the ingest's own)

    @property
    def vs_spacy(self) -> float:
        """Words per CPU-second of ingest over bare spaCy's (same words)."""
        return self.bare.cpu / self.ingest.cpu

    @property
    def wall_vs_spacy(self) -> float:
        """Words per wall-clock second of ingest over bare single-process spaCy's."""
        return self.bare.wall / self.ingest.wall


def corpus_texts(folder: Path) -> list[str]:
    """The texts ingest analyses: each file as its reader gives it, in discovery order."""
    return [read_document(path).text for path in sorted(folder.glob("*.txt"))]


def ingest_against_spacy(
    database: Path, folder: Path, nlp: Language, advance: Advance
) -> IngestFigures:
    """Ingest ``folder`` into a new database at ``database``, bare spaCy interleaved."""
    remove_database(database)
    session_factory = open_database(sqlite_url(database))
    texts = corpus_texts(folder)
    bare_cpu = bare_wall = 0.0
    piped = 0

    def progress(done: int, total: int) -> None:
        nonlocal bare_cpu, bare_wall, piped
        if done - piped >= PIPE_BATCH or done == total:
            watch = Stopwatch()
            for _doc in nlp.pipe(texts[piped:done], batch_size=PIPE_BATCH):
                pass
            spent = watch.elapsed()
            bare_cpu, bare_wall, piped = bare_cpu + spent.cpu, bare_wall + spent.wall, done
        advance(done, total)

    own_peak = reset_peak_rss()
    watch = Stopwatch()
    report = ingest_paths(session_factory, nlp, [folder], progress=progress)
    total = watch.elapsed()
    close(session_factory)
    assert piped == len(texts), f"{piped} of {len(texts)} articles were analysed"
    return IngestFigures(
        articles=len(report.added),
        words=sum(len(text.split()) for text in texts),
        failed=len(report.failed) + len(report.refused),
        ingest=Elapsed(total.cpu - bare_cpu, total.wall - bare_wall),
        bare=Elapsed(bare_cpu, bare_wall),
        peak_rss_mb=peak_rss_mb() if own_peak else None,
    )


@dataclass(frozen=True, slots=True)
class ParallelFigures:
    processes: int
    articles: int
    ingest_wall: float  # the whole ingest_paths call with its worker processes
    bare_wall: float  # single-process nlp.pipe on the same texts
    peak_rss_mb: float | None  # the ingesting process's peak plus each worker's at most

    @property
    def vs_spacy(self) -> float:
        return self.bare_wall / self.ingest_wall


def children_peak_rss_mb() -> float:
    """The largest peak resident set of any waited-for child process so far."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kB on Linux


def parallel_against_spacy(
    database: Path, folder: Path, nlp: Language, processes: int
) -> ParallelFigures:
    """Ingest ``folder`` with ``processes`` worker processes into a new database, between
    bare single-process ``nlp.pipe`` over the first half of its texts and over the second,
    so the reference brackets the ingest it is compared with."""
    remove_database(database)
    session_factory = open_database(sqlite_url(database))
    texts = corpus_texts(folder)
    half = len(texts) // 2

    def bare(part: list[str]) -> float:
        watch = Stopwatch()
        for _doc in nlp.pipe(part, batch_size=PIPE_BATCH):
            pass
        return watch.elapsed().wall

    bare_wall = bare(texts[:half])
    own_peak = reset_peak_rss()
    watch = Stopwatch()
    report = ingest_paths(session_factory, nlp, [folder], processes=processes)
    ingest_wall = watch.elapsed().wall
    parent_peak = peak_rss_mb() if own_peak else None
    bare_wall += bare(texts[half:])
    close(session_factory)
    assert not report.failed, f"parallel ingest failed: {report.failed[:3]}"
    return ParallelFigures(
        processes=processes,
        articles=len(report.added),
        ingest_wall=ingest_wall,
        bare_wall=bare_wall,
        peak_rss_mb=None
        if parent_peak is None
        else parent_peak + processes * children_peak_rss_mb(),
    )


@dataclass(frozen=True, slots=True)
class IncrementalFigures:
    into_empty_cpu: list[float]
    into_big_cpu: list[float]

    @property
    def ratio(self) -> float:
        # The least of each: CPU time only ever grows with interference.
        return min(self.into_big_cpu) / min(self.into_empty_cpu)


def _ingest_cpu(database: Path, folder: Path, nlp: Language) -> float:
    session_factory = open_database(sqlite_url(database))  # migrations: not timed
    watch = Stopwatch()
    report = ingest_paths(session_factory, nlp, [folder])
    spent = watch.elapsed().cpu
    close(session_factory)
    assert not report.failed and report.added, f"incremental ingest failed: {report.failed}"
    return spent


def incremental(
    big: Path, new: Path, workdir: Path, nlp: Language, rounds: int, advance: Advance
) -> IncrementalFigures:
    """Ingest the ``new`` folder into an empty database and into a copy of ``big``,
    alternately, ``rounds`` times each."""
    empty_cpu, big_cpu = [], []
    for n in range(rounds):
        empty = workdir / "incremental-empty.sqlite3"
        remove_database(empty)
        empty_cpu.append(_ingest_cpu(empty, new, nlp))
        remove_database(empty)
        copy = workdir / "incremental-big.sqlite3"
        copy_database(big, copy)
        big_cpu.append(_ingest_cpu(copy, new, nlp))
        remove_database(copy)
        advance(n + 1, rounds)
    return IncrementalFigures(empty_cpu, big_cpu)
