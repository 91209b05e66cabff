"""Where the time goes: a findings refresh and the overview page of one generated corpus
under cProfile (``python -m benchmarks.scale.profile [--articles 1000] [--stages ...]``).

The corpus is ingested once, unprofiled unless ``ingest`` is among the stages, into
build/bench/profile/articles-N.sqlite3, and reused by later runs (``--fresh`` rebuilds it).
Stages:

- ``ingest``: ``ingest_paths`` of the corpus into a new database (slow: it re-ingests);
- ``refresh``: one ``refresh_findings`` over the whole database (what every ingest ends with);
- ``overview``: the overview route (``GET /``: ``build_overview`` and the template), called
  in this thread (a test client would run it in a worker thread, where cProfile does not
  see), once to warm up and then ``--calls`` times profiled.

Writes ``<stage>.prof`` beside the database (open it with ``python -m pstats`` or snakeviz)
and prints, for each stage, the functions with the most time of their own and Cotejo's
functions (app/ and the templates) with the most time inside them, as shares of the
total. Profiling slows the run about twofold: the shares hold, the seconds do not.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table
from starlette.requests import Request

from app.config import ROOT, Settings
from app.db.session import open_database
from app.nlp.pipeline import load_nlp
from app.services.comparison import refresh_findings
from app.services.ingest import ingest_paths
from benchmarks.scale.generator import DEFAULT_OUTLETS, build_corpus
from benchmarks.scale.ingest import close, remove_database, sqlite_url

STAGES = ("ingest", "refresh", "overview")
OURS = (ROOT / "app", ROOT / "templates")


def hotspots(stats: pstats.Stats, title: str, top: int) -> Table:
    """The ``top`` functions by own time, then Cotejo's by time inside them, as shares of
    the outermost call's time (cProfile's own total leaves its overhead out, so a share of
    it can pass 100 %)."""
    rows = stats.stats  # type: ignore[attr-defined]
    total = max(row[3] for row in rows.values())
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
    ours = [k for k in rows if any(Path(k[0]).is_relative_to(folder) for folder in OURS)]
    add(sorted(ours, key=lambda k: rows[k][3], reverse=True))
    return table


def _request(app: object, path: str = "/") -> Request:
    """A bare GET for a route function called directly (no middleware, no threads)."""
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1")],
        "scheme": "http",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
        "root_path": "",
        "app": app,
    }
    return Request(scope)


def overview_calls(database: Path, calls: int) -> Callable[[], None]:
    """``calls`` overviews, as ``GET /`` builds and renders them, after one unprofiled."""
    from app.web.app import create_app
    from app.web.pages import show_overview

    app = create_app(Settings(database_url=sqlite_url(database)))
    session_factory = app.state.session_factory

    def one() -> None:
        with session_factory() as session:
            response = show_overview(_request(app), session, ())
        assert response.status_code == 200 and len(response.body) > 1000

    one()  # templates compiled, caches warm: what a running server sees

    def profiled() -> None:
        for _ in range(calls):
            one()

    return profiled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale.profile")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--outlets", type=int, default=DEFAULT_OUTLETS)
    parser.add_argument(
        "--stages", default="refresh,overview", help=f"comma-separated, of {', '.join(STAGES)}"
    )
    parser.add_argument("--calls", type=int, default=3, help="overviews profiled")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--fresh", action="store_true", help="regenerate and re-ingest")
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench" / "profile")
    args = parser.parse_args(argv)
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    if unknown := set(stages) - set(STAGES):
        parser.error(f"unknown stages: {', '.join(sorted(unknown))}")
    console = Console()
    database = args.workdir / f"articles-{args.articles}.sqlite3"
    folder = args.workdir / f"articles-{args.articles}"
    if args.fresh or "ingest" in stages or not database.exists():
        build_corpus(folder, args.articles, args.seed, args.outlets)
    nlp = load_nlp() if "ingest" in stages or args.fresh or not database.exists() else None

    def ingest() -> None:
        remove_database(database)
        session_factory = open_database(sqlite_url(database))
        ingest_paths(session_factory, nlp, [folder])
        close(session_factory)

    def refresh() -> None:
        session_factory = open_database(sqlite_url(database))
        refresh_findings(session_factory)
        close(session_factory)

    if "ingest" not in stages and (args.fresh or not database.exists()):
        console.print(f"ingesting {args.articles} articles (not profiled)...")
        ingest()
    for stage in stages:
        action = {"ingest": ingest, "refresh": refresh}.get(stage)
        if stage == "overview":
            action = overview_calls(database, args.calls)
        assert action is not None
        console.print(f"profiling the {stage} of {args.articles} articles...")
        profiler = cProfile.Profile()
        profiler.runcall(action)
        profiler.dump_stats(args.workdir / f"{stage}.prof")
        console.print(hotspots(pstats.Stats(profiler), stage, args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
