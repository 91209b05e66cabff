"""The scale benchmark's plans (full, quick, smoke) and the order its stages run in.

Every figure is a ratio to a reference measured in the same run, interleaved with it
(ingest.py, compare.py, pages.py say how). Results are written to the JSON file after
every stage, so a run stopped part-way (a time limit, Ctrl-C) says what it measured and
where it stopped (``stopped_at``).
"""

from __future__ import annotations

import os
import platform
import signal
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy import func, select

from app.config import available_cores
from app.db.models import Article, Claim, Finding, Source
from app.db.session import open_database
from app.nlp.pipeline import load_nlp
from benchmarks.scale.compare import growth
from benchmarks.scale.generator import DEFAULT_OUTLETS, SEEDS, build_corpus
from benchmarks.scale.ingest import (
    IngestFigures,
    close,
    incremental,
    ingest_against_spacy,
    parallel_against_spacy,
    remove_database,
    sqlite_url,
)
from benchmarks.scale.measure import Stopwatch, database_mb
from benchmarks.scale.pages import Load, measure_server
from benchmarks.scale.report import table, write_json


@dataclass(frozen=True, slots=True)
class Plan:
    mode: str
    small: int | None  # None: the seeds folder itself
    big: int
    load: Load
    note: str
    new: int = 10
    rounds: int = 1  # interleaved repetitions of each refresh and incremental ingest
    seed: int = 1
    outlets: int = DEFAULT_OUTLETS


PLANS = {
    "full": Plan(
        "full",
        1_000,
        10_000,
        Load(
            connections=32, max_requests=640, max_seconds=30, request_timeout=60, start_timeout=900
        ),
        "growth 1 000 → 10 000 articles; ingest, incremental and pages on 10 000",
    ),
    # 1 000 articles take the current engine about 135 CPU-s to ingest plus 35 to refresh,
    # several times over for the stages below: over five minutes. Hence 500. Each page's
    # burst is bounded at 8 s of new requests plus a 10 s timeout.
    "quick": Plan(
        "quick",
        100,
        500,
        Load(
            connections=32, max_requests=320, max_seconds=8, request_timeout=10, start_timeout=300
        ),
        "growth 100 → 500 articles (the issue's figure is 1 000 → 10 000); ingest, "
        "incremental and pages on 500",
    ),
    # 8 connections, not 32: the same code path at a fraction of the time (make test).
    "smoke": Plan(
        "smoke",
        None,
        100,
        Load(connections=8, max_requests=16, max_seconds=2, request_timeout=20, start_timeout=120),
        "CI smoke: growth seeds (5) → 100 articles; ingest, incremental and pages on 100 "
        "(8 connections)",
    ),
}


class Stopped(Exception):
    """SIGTERM (a time limit): stop, and say where."""


def _on_sigterm(_signum: int, _frame: object) -> None:
    raise Stopped("terminated")


@dataclass
class _State:
    results: dict[str, Any]
    out: Path
    current: str = "starting"
    done: list[str] = field(default_factory=list)

    def save(self) -> None:
        self.results["stages_done"] = self.done
        write_json(self.out, self.results)


def _machine() -> dict[str, Any]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1]
    return {
        "cpus": os.cpu_count(),
        "cpu": model,
        "memory_gib": round(int(memory) / 2**20, 1),
        "python": platform.python_version(),
        "system": platform.platform(),
        "load_average_at_start": os.getloadavg(),
    }


def _counts(database: Path) -> dict[str, Any]:
    session_factory = open_database(sqlite_url(database))
    with session_factory() as session:
        counts = {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (Source, Article, Claim, Finding)
        }
    close(session_factory)
    return counts | {"database_mb": round(database_mb(database), 1)}


def _ingest_details(figures: IngestFigures) -> dict[str, Any]:
    return {
        "articles": figures.articles,
        "words": figures.words,
        "failed": figures.failed,
        "ingest_cpu_s": figures.ingest.cpu,
        "ingest_wall_s": figures.ingest.wall,
        "bare_spacy_cpu_s": figures.bare.cpu,
        "bare_spacy_wall_s": figures.bare.wall,
        "ingest_words_per_cpu_s": figures.words / figures.ingest.cpu,
        "bare_words_per_cpu_s": figures.words / figures.bare.cpu,
        "vs_spacy": figures.vs_spacy,
    }


def run(plan: Plan, out: Path, workdir: Path, console: Console) -> dict[str, Any]:
    """Every stage of ``plan``; the results, also written to ``out`` as they come."""
    workdir.mkdir(parents=True, exist_ok=True)
    state = _State(
        {
            "mode": f"{plan.mode}: {plan.note}",
            "sizes": {"small": plan.small or 5, "big": plan.big, "new": plan.new},
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "seed": plan.seed,
            "outlets": plan.outlets,
            "rounds": plan.rounds,
            "load": asdict(plan.load),
            "machine": _machine(),
            "details": {},
        },
        out,
    )
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    watch = Stopwatch()
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(elapsed_when_finished=True),
    )
    try:
        with Progress(*columns, console=console, refresh_per_second=2) as progress:
            _stages(plan, workdir, state, progress)
        state.results["stopped_at"] = None
    except (Stopped, KeyboardInterrupt) as exc:
        state.results["stopped_at"] = f"{state.current} ({type(exc).__name__})"
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
        state.results["total_wall_s"] = watch.elapsed().wall
        state.results["machine"]["load_average_at_end"] = os.getloadavg()
        state.save()
        console.print(table(state.results))
    return state.results


def _stage(state: _State, progress: Progress, name: str, total: int) -> Callable[[int, int], None]:
    """A progress bar for one stage; the callback it returns also records where it is."""
    state.current = name
    task = progress.add_task(name, total=total)

    def advance(done: int, of: int) -> None:
        progress.update(task, completed=done, total=of)
        state.current = f"{name}: {done}/{of}"

    return advance


def _stages(plan: Plan, workdir: Path, state: _State, progress: Progress) -> None:
    results, details = state.results, state.results["details"]
    corpora = workdir / "corpora"
    advance = _stage(state, progress, "generate corpora", 3)
    small = SEEDS if plan.small is None else corpora / f"articles-{plan.small}"
    if plan.small is not None:
        build_corpus(small, plan.small, plan.seed, plan.outlets)
    advance(1, 3)
    big = build_corpus(corpora / f"articles-{plan.big}", plan.big, plan.seed, plan.outlets)
    advance(2, 3)
    # The next articles of the same stream: new coverage of the same events.
    new = build_corpus(corpora / "new", plan.new, plan.seed, plan.outlets, start=plan.big)
    advance(3, 3)

    advance = _stage(state, progress, "load the model", 1)
    watch = Stopwatch()
    nlp = load_nlp()
    details["model_load_s"] = watch.elapsed().wall
    advance(1, 1)

    small_db, big_db = workdir / "small.sqlite3", workdir / "big.sqlite3"
    size = results["sizes"]["small"]
    figures = ingest_against_spacy(
        small_db, small, nlp, _stage(state, progress, f"ingest {size}", size)
    )
    details["ingest_small"] = _ingest_details(figures) | _counts(small_db)
    state.done.append("ingest small")
    state.save()

    figures = ingest_against_spacy(
        big_db, big, nlp, _stage(state, progress, f"ingest {plan.big}", plan.big)
    )
    details["ingest_big"] = _ingest_details(figures) | _counts(big_db)
    results["ingest_vs_spacy"] = figures.vs_spacy
    results["peak_rss_mb"] = {"ingest": figures.peak_rss_mb}
    state.done.append("ingest big")
    state.save()

    advance = _stage(state, progress, f"ingest {plan.big}, all cores", 1)
    processes = available_cores()
    parallel = parallel_against_spacy(workdir / "parallel.sqlite3", big, nlp, processes)
    remove_database(workdir / "parallel.sqlite3")
    results["ingest_parallel_vs_spacy"] = parallel.vs_spacy
    results["ingest_parallel_mode"] = (
        f"{processes} worker processes (all cores), wall-clock throughput over bare "
        "single-process nlp.pipe's"
    )
    results["peak_rss_mb"]["ingest_parallel"] = parallel.peak_rss_mb
    details["ingest_parallel"] = asdict(parallel)
    advance(1, 1)
    state.done.append("ingest big, all cores")
    state.save()

    grown = growth(
        (size, small_db),
        (plan.big, big_db),
        plan.rounds,
        _stage(state, progress, "findings refresh, small and big", plan.rounds),
    )
    results["compare_growth_exponent"] = grown.exponent
    details["growth"] = {
        "small_articles": grown.small_articles,
        "big_articles": grown.big_articles,
        "small_cpu_s": min(grown.small_cpu),
        "big_cpu_s": min(grown.big_cpu),
        "small_findings": grown.small_findings,
        "big_findings": grown.big_findings,
        # How the output grew: the time's exponent cannot be lower than what it must write.
        "findings_growth_exponent": grown.findings_exponent,
    }
    state.done.append("growth")
    state.save()

    added = incremental(
        big_db,
        new,
        workdir,
        nlp,
        plan.rounds,
        _stage(state, progress, f"{plan.new} new articles: empty, then {plan.big}", plan.rounds),
    )
    results["incremental_ratio"] = added.ratio
    details["incremental"] = {
        "into_empty_cpu_s": min(added.into_empty_cpu),
        "into_big_cpu_s": min(added.into_big_cpu),
    }
    state.done.append("incremental")
    state.save()

    served = measure_server(
        big_db, workdir, plan.load, _stage(state, progress, f"pages on {plan.big}", 5)
    )
    results["pages"] = {name: asdict(page) for name, page in served.pages.items()}
    results["failed_requests"] = served.failed_requests
    results["start_to_first_page_s"] = served.start_to_first_page_s
    results["peak_rss_mb"]["server"] = served.peak_rss_mb
    details["trivial"] = {"path": "/healthz", "measured": "a burst before each page, same server"}
    state.done.append("pages")
    state.current = "done"


def plan_for(mode: str, **changes: Any) -> Plan:
    return replace(PLANS[mode], **{k: v for k, v in changes.items() if v is not None})


def main_run(mode: str, out: Path, workdir: Path, **changes: Any) -> dict[str, Any]:
    console = Console()
    started = time.perf_counter()
    results = run(plan_for(mode, **changes), out, workdir, console)
    console.print(f"wrote {out} in {time.perf_counter() - started:.0f} s")
    return results
