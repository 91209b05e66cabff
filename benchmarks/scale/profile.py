"""Where the time goes: an ingest and a findings refresh of one generated corpus under
cProfile (``python -m benchmarks.scale.profile [--articles 1000]``).

Writes ``ingest.prof`` and ``refresh.prof`` under build/bench/profile/ (open them with
``python -m pstats`` or snakeviz) and prints, for each, the functions with the most time
of their own and Cotejo's functions with the most time inside them, as shares of the
total. Profiling slows the run about twofold: the shares hold, the seconds do not.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
from pathlib import Path

from rich.console import Console
from rich.table import Table

from app.config import ROOT
from app.db.session import open_database
from app.nlp.pipeline import load_nlp
from app.services.comparison import refresh_findings
from app.services.ingest import ingest_paths
from benchmarks.scale.generator import build_corpus
from benchmarks.scale.ingest import close, remove_database, sqlite_url


def hotspots(stats: pstats.Stats, title: str, top: int) -> Table:
    """The ``top`` functions by own time, then Cotejo's by time inside them."""
    total = stats.total_tt
    rows = stats.stats
    table = Table(title=f"{title}: {total:.1f} s profiled")
    table.add_column("function")
    table.add_column("own", justify="right")
    table.add_column("inside", justify="right")
    table.add_column("calls", justify="right")

    def name(key: tuple[str, int, str]) -> str:
        file, line, function = key
        path = Path(file)
        short = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name
        return f"{short}:{line} {function}"

    def add(keys: list[tuple[str, int, str]]) -> None:
        for key in keys[:top]:
            calls, _, own, inside, _ = rows[key]
            table.add_row(name(key), f"{own / total:.1%}", f"{inside / total:.1%}", str(calls))

    add(sorted(rows, key=lambda k: rows[k][2], reverse=True))
    table.add_section()
    ours = [k for k in rows if Path(k[0]).is_relative_to(ROOT / "app")]
    add(sorted(ours, key=lambda k: rows[k][3], reverse=True))
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale.profile")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench" / "profile")
    args = parser.parse_args(argv)
    console = Console()
    folder = build_corpus(args.workdir / f"articles-{args.articles}", args.articles, args.seed)
    database = args.workdir / "profile.sqlite3"
    remove_database(database)
    session_factory = open_database(sqlite_url(database))
    nlp = load_nlp()
    for label, action in (
        ("ingest", lambda: ingest_paths(session_factory, nlp, [folder])),
        ("refresh", lambda: refresh_findings(session_factory)),
    ):
        console.print(f"profiling the {label} of {args.articles} articles...")
        profiler = cProfile.Profile()
        profiler.runcall(action)
        profiler.dump_stats(args.workdir / f"{label}.prof")
        console.print(hotspots(pstats.Stats(profiler), label, args.top))
    close(session_factory)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
