"""The ``cotejo`` command: ingest, worker, export, report, import, eval, topics suggest, serve,
demo."""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text
from sqlalchemy.engine import make_url

from app.config import DATA_DIR, Settings
from app.ingest.names import printable

if TYPE_CHECKING:
    from spacy.language import Language

DEMO_DATABASE = f"sqlite:///{DATA_DIR / 'demo.sqlite3'}"
# soft_wrap: messages name files; wrapping them at 80 columns would break grep.
err = Console(stderr=True, soft_wrap=True)


def say(message: str, label: str = "", style: str = "") -> None:
    """One line on stderr: ``label`` in ``style``, then ``message`` exactly as it is.

    Messages name files and outlets, and a name like "[bold]x.txt" is no markup: it goes
    out as a Text, which rich never parses. (Control characters in names are escaped where
    the message is made, see app.ingest.names.)
    """
    line = Text(label, style=style) if label else Text()
    line.append(message, style="" if label else style)
    err.print(line)


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {"database_url": args.db} if args.db else {}
    if getattr(args, "host", None):
        overrides["host"] = args.host
    if getattr(args, "port", None):
        overrides["port"] = args.port
    if getattr(args, "processes", None):
        overrides["ingest_processes"] = args.processes
    if getattr(args, "workers", None):
        overrides["serve_workers"] = args.workers
    return Settings(**overrides)


def _model(settings: Settings) -> Language | None:
    """The Spanish pipeline, or None once the user has been told why it cannot load."""
    from app.nlp.pipeline import ModelMissingError, load_nlp

    try:
        return load_nlp(settings.spacy_model)
    except ModelMissingError as exc:
        say(str(exc), "error: ", "red")
        return None


def run_ingest(settings: Settings, paths: Sequence[Path]) -> int:
    from app.db.session import open_database
    from app.services.comparison import corpus_summary
    from app.services.ingest import ingest_paths

    nlp = _model(settings)
    if nlp is None:
        return 2
    session_factory = open_database(settings.database_url)
    columns = (
        TextColumn("Analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        ArticlesPerSecond(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("ingest", total=None)
        report = ingest_paths(
            session_factory,
            nlp,
            paths,
            max_chars=settings.max_article_chars,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            notice=lambda line: say(line, style="yellow"),
            processes=settings.ingest_processes,
        )
    say(
        f"added {len(report.added)}, replaced {len(report.replaced)}, "
        f"unchanged {len(report.unchanged)}, not analysed {len(report.refused)}, "
        f"failed {len(report.failed)}; {len(report.new_claim_ids)} new claims, "
        f"{len(report.new_finding_ids)} new findings"
    )
    for _name, note in report.notes:  # "x.txt: read as Latin-1: it is not UTF-8, …"
        say(note, "note: ", "cyan")
    for _name, reason in report.refused:  # "x.txt: not analysed: the text is in English…"
        say(reason, style="yellow")
    for _name, reason in report.failed:
        say(reason, "failed: ", "red")
    with session_factory() as session:
        summary = corpus_summary(session)
    say(summary.line)
    return 0 if report.ok else 1


def refuse_queue(settings: Settings) -> bool:
    """True (and why, on stderr) when the ingest queue cannot run here: it lives in a
    PostgreSQL database, through the postgres extra's Procrastinate."""
    import importlib.util

    if make_url(settings.database_url).get_backend_name() != "postgresql":
        say(
            "the ingest queue needs PostgreSQL: give --db postgresql+psycopg://... (or set "
            "COTEJO_DATABASE_URL); on SQLite, ingest without --queue",
            "error: ",
            "red",
        )
        return True
    if importlib.util.find_spec("procrastinate") is None:
        say(
            "the ingest queue needs the postgres extra: pip install '.[postgres]'", "error: ", "red"
        )
        return True
    return False


def run_enqueue(settings: Settings, paths: Sequence[Path]) -> int:
    if refuse_queue(settings):
        return 2
    from app.db.session import open_database
    from app.services.queue import build_app, enqueue_paths, ensure_queue_schema

    nlp = _model(settings)
    if nlp is None:
        return 2
    session_factory = open_database(settings.database_url)
    ensure_queue_schema(session_factory)
    app = build_app(settings.database_url)
    with app.open():
        result = enqueue_paths(session_factory, app, nlp, paths, settings.max_article_chars)
    report = result.report
    say(
        f"queued {result.queued}, already queued {result.already_queued}, "
        f"unchanged {len(report.unchanged)}, failed {len(report.failed)}; "
        "`cotejo worker` stores them, the overview shows how far it got"
    )
    for _name, note in report.notes:
        say(note, "note: ", "cyan")
    for _name, reason in report.failed:
        say(reason, "failed: ", "red")
    return 0 if not report.failed else 1


def run_worker(settings: Settings, concurrency: int) -> int:
    if refuse_queue(settings):
        return 2
    from app.db.session import open_database
    from app.nlp.pipeline import load_nlp
    from app.services.ingest import engine_of
    from app.services.queue import ModelPool, WorkerState, WorkerTiming, ensure_queue_schema
    from app.services.queue import run_worker as work

    nlp = _model(settings)
    if nlp is None:
        return 2
    session_factory = open_database(settings.database_url)
    ensure_queue_schema(session_factory)
    # Another copy each time: load_nlp itself hands out one cached model.
    models = ModelPool(lambda: load_nlp.__wrapped__(settings.spacy_model), nlp)
    state = WorkerState(session_factory, models, engine_of(nlp))
    timing = WorkerTiming(settings.queue_heartbeat_seconds, settings.queue_stalled_seconds)
    say(f"worker: running ingest jobs, {concurrency} at a time (Ctrl-C stops after them)")
    work(settings.database_url, state, concurrency, timing)
    return 0


def run_export(settings: Settings, fmt: str, output: Path | None, site: str | None) -> int:
    from app.db.session import open_database
    from app.services.claimreview import build_claim_reviews
    from app.services.export import build_export, export_claims_csv

    session_factory = open_database(settings.database_url)
    with session_factory() as session:
        if fmt == "json":
            text = json.dumps(build_export(session), ensure_ascii=False, indent=2) + "\n"
        elif fmt == "claimreview":
            # Each review links to its finding's page: on the server the dashboard runs on.
            reviews = build_claim_reviews(
                session, (site or f"http://{settings.host}:{settings.port}").rstrip("/")
            )
            text = json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"
        else:
            text = export_claims_csv(session)
    return write_out(text, output)


def write_out(text: str, output: Path | None) -> int:
    """To the file named, or stdout; a path that cannot be written is an error, not a
    traceback."""
    if not output:
        sys.stdout.write(text)
        return 0
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        say(f"{printable(str(output))}: cannot be written ({exc.strerror})", "error: ", "red")
        return 2
    return 0


class ArticlesPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f} articles/s" if task.speed else "")


def _positive(text: str) -> int:
    """A whole number above zero, for --processes."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number above zero")
    return number


def web_address(text: str) -> str:
    """An http or https address with a host, for --site."""
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an http(s) address such as https://cotejo.example.org"
        )
    return text


def run_report(settings: Settings, args: argparse.Namespace) -> int:
    from app.db.session import open_database
    from app.services.dashboard import make_finding_filter
    from app.services.errors import InputError
    from app.services.report import build_report, resolve_sources
    from app.services.report_markdown import report_markdown
    from app.web.report import render_report_html

    session_factory = open_database(settings.database_url)
    with session_factory() as session:
        try:
            sources = resolve_sources(session, args.source)
            filters = make_finding_filter(sources, args.topic, args.kind, args.severity, args.state)
            report = build_report(session, filters)
        except InputError as exc:
            say(exc.message, "error: ", "red")
            return 2
        text = render_report_html(report) if args.format == "html" else report_markdown(report)
    return write_out(text, args.output)


def run_import(settings: Settings, path: Path) -> int:
    from app.db.session import open_database
    from app.services.errors import InputError
    from app.services.importer import import_export

    try:
        report = import_export(open_database(settings.database_url), path)
    except InputError as exc:
        say(f"{printable(path)}: {exc.message} Nothing was imported.", "error: ", "red")
        return 2
    say(f"imported {report.line}")
    return 0


def run_eval(paths: Sequence[Path], as_json: bool, misses: bool) -> int:
    from rich.table import Table

    from app.nlp.pipeline import ModelMissingError, load_nlp
    from app.services.evaluation import evaluate, score_row, total
    from app.services.gold import GoldError

    try:
        nlp = load_nlp()
        scores = evaluate(paths, nlp)
    except (ModelMissingError, GoldError) as exc:
        say(str(exc), "error: ", "red")
        return 2
    if not scores:
        say(f"no corpus (a folder with gold.toml) under {', '.join(map(printable, paths))}")
        return 2
    splits: dict[str, list] = {}
    for score in scores:
        split = next((p for p in ("dev", "test") if f"/{p}/" in f"/{score.name}/"), "other")
        splits.setdefault(split, []).append(score)
    rows = [score_row(s) for s in scores]
    rows += [score_row(total(f"{split} (all)", group)) for split, group in splits.items()]
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
    else:
        out = Console(width=200)
        table = Table(title="Findings against the gold (precision / recall)")
        for column in ("corpus", "hard", "soft", "any conflict", "update", "dispute", "traps",
                       "values R", "certainty", "topic pairs P/R"):  # fmt: skip
            table.add_column(column)
        for row in rows:
            corpus = str(row["corpus"])
            table.add_row(
                # A Text cell, so a folder named "[red]" is shown, not obeyed.
                Text(printable(Path(corpus).name if "(all)" not in corpus else corpus)),
                *(_pr(row, c) for c in ("hard", "soft", "conflict", "update", "dispute")),
                f"{row['traps_flagged']}/{row['traps']} flagged",
                _pct(row["values_recall"]),
                _pct(row["certainty_accuracy"]),
                f"{_pct(row['topic_pairs_precision'])} / {_pct(row['topic_pairs_recall'])}",
            )
        out.print(table)
        if misses:
            for score in scores:
                for line in score.misses:
                    out.print(Text(line))
    return 0


def _pct(x: object) -> str:
    return "–" if x is None else f"{float(x):.0%}"


def _pr(row: dict, category: str) -> str:
    return (
        f"{_pct(row[f'{category}_precision'])} / {_pct(row[f'{category}_recall'])} "
        f"({row[f'{category}_reported']}|{row[f'{category}_gold']})"
    )


def run_suggest(settings: Settings, paths: Sequence[Path]) -> int:
    """The discovered topics of a database, or of the articles at ``paths`` (analysed into
    a throwaway database, so nothing of the user's is touched)."""
    import tempfile

    from app.db.session import open_database
    from app.services.suggest import suggest_topics

    with tempfile.TemporaryDirectory(prefix="cotejo-suggest-") as scratch:
        if paths:
            settings = settings.model_copy(
                update={"database_url": f"sqlite:///{Path(scratch) / 'suggest.sqlite3'}"}
            )
            status = run_ingest(settings, paths)
            if status == 2:
                return status
        session_factory = open_database(settings.database_url)
        with session_factory() as session:
            sys.stdout.write(suggest_topics(session))
    return 0


def refuse_unsafe_serve(settings: Settings) -> bool:
    """True (and why, on stderr) when the server must not start: an address other than
    loopback without a write token, or a token too weak to stand for a password."""
    from app.web.write_access import UnsafeServeError, required_write_token

    try:
        required_write_token(settings)
    except UnsafeServeError as exc:
        err.print("[red]error:[/red] ", end="")
        err.print(str(exc), markup=False, highlight=False)
        return True
    return False


def run_serve(settings: Settings) -> int:
    import uvicorn

    from app.web.app import create_app

    if refuse_unsafe_serve(settings):
        return 2
    if settings.serve_workers > 1:
        if make_url(settings.database_url).get_backend_name() == "sqlite":
            # Each process would hold its own connections to one file, every write waiting
            # for the others' locks; and the start's owed work would run once per process.
            say(
                "--workers above 1 needs PostgreSQL (--db postgresql+psycopg://...); "
                "SQLite serves from one process",
                "error: ",
                "red",
            )
            return 2
        # Built once here, so whatever an interrupted run left owed is done before the
        # processes start, not by all of them at once.
        create_app(settings, notice=lambda line: say(line, style="yellow"))
        # Each server process builds its app from the environment (create_app's Settings()),
        # so what was given on the command line goes there.
        os.environ.update(
            COTEJO_DATABASE_URL=settings.database_url,
            COTEJO_HOST=settings.host,
            COTEJO_PORT=str(settings.port),
        )
        uvicorn.run(
            "app.web.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=settings.serve_workers,
        )
        return 0
    app = create_app(settings, notice=lambda line: say(line, style="yellow"))
    uvicorn.run(app, host=settings.host, port=settings.port)
    return 0


def reset_sqlite(database_url: str) -> None:
    """Delete a SQLite database file and its WAL companions: the demo starts clean."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database:
        raise SystemExit("demo needs a SQLite database (it starts from an empty one)")
    for suffix in ("", "-wal", "-shm"):
        Path(url.database + suffix).unlink(missing_ok=True)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", metavar="URL", help="database URL (default: $COTEJO_DATABASE_URL or data/)"
    )
    parser = argparse.ArgumentParser(
        prog="cotejo", description="Compare what news outlets claim about the same event."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = commands.add_parser("ingest", parents=[common], help="analyse files or folders")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ingest.add_argument(
        "--queue",
        action="store_true",
        help="queue the articles for `cotejo worker` processes instead (PostgreSQL only)",
    )
    ingest.add_argument(
        "--processes",
        type=_positive,
        metavar="N",
        help="worker processes analysing a large batch (default: all cores; "
        "$COTEJO_INGEST_PROCESSES)",
    )

    export = commands.add_parser("export", parents=[common], help="print sources, claims, findings")
    export.add_argument("--format", choices=("json", "csv", "claimreview"), default="json")
    export.add_argument(
        "--site",
        metavar="URL",
        type=web_address,
        help="claimreview: the dashboard's address, for links to findings "
        "(default http://$COTEJO_HOST:$COTEJO_PORT)",
    )
    export.add_argument("--output", "-o", type=Path, help="write to a file instead of stdout")

    report = commands.add_parser(
        "report", parents=[common], help="the event report for a filter, as HTML or Markdown"
    )
    report.add_argument("--format", choices=("html", "md"), default="html")
    report.add_argument(
        "--source", action="append", default=[], metavar="OUTLET", help="an outlet's id or name"
    )
    report.add_argument("--topic", metavar="SLUG", help="only this topic")
    report.add_argument("--kind", help="conflict, dispute, update or agreement")
    report.add_argument("--severity", help="hard or soft")
    report.add_argument("--state", help="open, confirmed or dismissed")
    report.add_argument("--output", "-o", type=Path, help="write to a file instead of stdout")

    restore = commands.add_parser(
        "import", parents=[common], help="restore a `cotejo export` file into an empty database"
    )
    restore.add_argument("file", type=Path, metavar="FILE")

    evaluate = commands.add_parser(
        "eval", help="score the engine on corpora with a gold.toml (benchmarks/corpora/...)"
    )
    evaluate.add_argument("paths", nargs="+", type=Path, metavar="GOLD")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--misses", action="store_true", help="list every miss")

    topics = commands.add_parser("topics", help="work with topics files")
    topic_commands = topics.add_subparsers(dest="topics_command", required=True)
    suggest = topic_commands.add_parser(
        "suggest",
        parents=[common],
        help="print a topics.toml draft of the topics discovered in PATH (or in --db)",
    )
    suggest.add_argument("paths", nargs="*", type=Path, metavar="PATH")

    worker = commands.add_parser(
        "worker", parents=[common], help="store the articles `ingest --queue` queued (PostgreSQL)"
    )
    worker.add_argument(
        "--concurrency",
        type=_positive,
        default=1,
        metavar="N",
        help="jobs at a time, each with its own copy of the model (default 1; analysis is "
        "CPU-bound: for more cores, run more workers)",
    )

    serve = commands.add_parser("serve", parents=[common], help="serve the dashboard")
    serve.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="server processes (default 1; above 1 needs PostgreSQL)",
    )
    # demo wipes its own database first, so it takes no --db (see main).
    demo = commands.add_parser("demo", help="fresh demo database + seeds/ + serve")
    for sub in (serve, demo):
        sub.add_argument("--host", help="interface to bind (default 127.0.0.1)")
        sub.add_argument("--port", type=int, help="port (default 8000)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "eval":
        return run_eval(args.paths, args.json, args.misses)
    if args.command == "demo":
        args.db = DEMO_DATABASE  # never a database that may hold user flags
    settings = _settings(args)
    if args.command == "ingest":
        if args.queue:
            return run_enqueue(settings, args.paths)
        return run_ingest(settings, args.paths)
    if args.command == "worker":
        return run_worker(settings, args.concurrency)
    if args.command == "export":
        return run_export(settings, args.format, args.output, args.site)
    if args.command == "report":
        return run_report(settings, args)
    if args.command == "import":
        return run_import(settings, args.file)
    if args.command == "topics":
        return run_suggest(settings, args.paths)
    if args.command == "demo":
        if refuse_unsafe_serve(settings):  # before the demo database is wiped and refilled
            return 2
        reset_sqlite(settings.database_url)
        status = run_ingest(settings, [settings.seeds_dir])
        if status == 2:
            return status
    return run_serve(settings)


if __name__ == "__main__":
    sys.exit(main())
