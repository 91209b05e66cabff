"""The ingest queue: on PostgreSQL, articles are stored by ``cotejo worker`` processes on any
number of machines, through jobs of Procrastinate (a task queue kept in the same database).

``cotejo ingest --queue`` reads and validates the files where they are, exactly as an ingest
does, and queues one job per article carrying its text and its source entry (outlet,
publication time, URL...), never a path: a worker on another machine needs no shared disk.
A worker stores the article with the ingest's own code, so a job run twice (its first
worker killed after the commit, before the job was marked done) finds the text stored and
adds nothing. After each article it queues one findings refresh (a queueing lock keeps at
most one waiting; a job lock runs them one at a time), so the topics and findings are
computed once the articles are in, not once per article.

A worker killed mid-job leaves its job "doing"; every worker's heartbeat is in the
database, and each worker looks for jobs whose worker has gone quiet (at start, then every
``stalled_seconds``) and puts them back in the queue.

Procrastinate's tables are not in Alembic: they exist on PostgreSQL only, and their SQL is
Procrastinate's, versioned with its releases (it ships its own migration scripts), so a
copy frozen into a Cotejo migration would drift from the installed version. They are
created here when absent, under a lock, so two workers starting together create them once;
raising the pin means applying Procrastinate's migration scripts between the two versions
(procrastinate/sql/migrations/ in its package) first.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from procrastinate import App, JobContext, PsycopgConnector, RetryStrategy
from procrastinate.exceptions import AlreadyEnqueued, ConnectorException
from procrastinate.schema import SchemaManager
from spacy.language import Language
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app.config import DEFAULT_MAX_ARTICLE_CHARS
from app.db import queries
from app.ingest.dates import Published
from app.ingest.manifest import SourceEntry
from app.ingest.readers import Document
from app.services.dashboard.ingest_queue import INGEST_TASK
from app.services.derived import start_of_run
from app.services.ingest import (
    IngestReport,
    PendingArticle,
    analyse_and_store,
    engine_of,
    read_paths,
)
from app.services.outlets import assign_outlets
from app.services.rematch import finish_derived_work

log = logging.getLogger(__name__)

QUEUE = "ingest"
REFRESH_TASK = "cotejo.refresh_findings"
# The queueing lock and the job lock of the refresh: one waiting, one running at a time.
REFRESH_LOCK = "cotejo-refresh"
# Runs of an article's job before it is left failed (the store's own failures; a run whose
# worker was killed is run again however many there were).
STORE_ATTEMPTS = 4
_SCHEMA_LOCK = "SELECT pg_advisory_xact_lock(hashtext('cotejo-procrastinate-schema'))"


def conninfo(database_url: str) -> str:
    """libpq's form of a SQLAlchemy URL: postgresql+psycopg://u:p@h/db -> postgresql://u:p@h/db."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


def ensure_queue_schema(session_factory: sessionmaker[Session]) -> None:
    """Create Procrastinate's tables and functions unless they exist."""
    with session_factory.begin() as session:
        session.execute(text(_SCHEMA_LOCK))
        if session.scalar(text("SELECT to_regclass('procrastinate_jobs')")) is None:
            # The driver's own cursor: the script is many statements and has no parameters.
            session.connection().connection.driver_connection.execute(SchemaManager.get_schema())


class ModelPool:
    """A worker's copies of the spaCy model, one per job it runs at once: jobs run in
    threads, and a pipeline is not safe to share between threads (its string store grows
    as it reads). Each copy is loaded once, when a job first needs it (about 200 MB each)."""

    def __init__(self, load: Callable[[], Language], first: Language) -> None:
        self._load = load
        self._idle: queue.SimpleQueue[Language] = queue.SimpleQueue()
        self._idle.put(first)
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def model(self) -> Iterator[Language]:
        try:
            nlp = self._idle.get_nowait()
        except queue.Empty:
            with self._lock:  # one load at a time: spaCy's loading is not thread-safe either
                nlp = self._load()
        try:
            yield nlp
        finally:
            self._idle.put(nlp)


@dataclass(frozen=True, slots=True)
class WorkerState:
    """What a worker loads once and every job uses."""

    session_factory: sessionmaker[Session]
    models: ModelPool
    engine: str  # engine_of the model


class ArticleNotStored(Exception):
    """The job failed: the article could not be analysed or stored (the message says why)."""


def build_app(database_url: str) -> App:
    app = App(connector=PsycopgConnector(conninfo=conninfo(database_url)))
    # A store refused because another worker stored the same entity meanwhile ("Madrid",
    # named by two articles stored at once) succeeds when run again, which reads it.
    retry = RetryStrategy(max_attempts=STORE_ATTEMPTS, wait=1, retry_exceptions={ArticleNotStored})
    app.task(name=INGEST_TASK, queue=QUEUE, pass_context=True, retry=retry)(ingest_article)
    app.task(name=REFRESH_TASK, queue=QUEUE, pass_context=True)(refresh_findings)
    return app


# Jobs' arguments are JSON: dates go as ISO text, told apart by their time part.
def _moment_out(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _moment_in(value: str | None) -> date | datetime | None:
    if value is None:
        return None
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


def job_args(item: PendingArticle) -> dict[str, Any]:
    """An article as a job's arguments: its text and everything its source entry says."""
    source = asdict(item.source)
    source["published"] = _moment_out(item.source.published)
    published = item.published
    return {
        "key": item.key,
        "name": item.name,
        "source": source,
        "text": item.document.text,
        "title": item.document.title,
        "format": item.document.format,
        "published": None if published is None else _published_out(published),
    }


def _published_out(published: Published) -> dict[str, Any]:
    return {
        "at": _moment_out(published.at),
        "precision": published.precision,
        "origin": published.origin,
    }


def pending_of(args: dict[str, Any]) -> PendingArticle:
    """The article a job's arguments describe (``job_args`` undone)."""
    source = dict(args["source"])
    source["published"] = _moment_in(source["published"])
    published = args["published"]
    return PendingArticle(
        key=args["key"],
        name=args["name"],
        source=SourceEntry(**source),
        document=Document(text=args["text"], title=args["title"], format=args["format"]),
        published=None
        if published is None
        else Published(_moment_in(published["at"]), published["precision"], published["origin"]),
    )


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


@dataclass
class QueueReport:
    queued: int = 0
    already_queued: int = 0  # the same article waiting in the queue: not queued again
    # Unchanged (already stored), failed and notes, as an ingest reports them.
    report: IngestReport = field(default_factory=IngestReport)


def enqueue_paths(
    session_factory: sessionmaker[Session],
    app: App,
    nlp: Language,
    paths: Iterable[Path],
    max_chars: int = DEFAULT_MAX_ARTICLE_CHARS,
) -> QueueReport:
    """Read and validate ``paths`` as an ingest does (topics and outlets are stored now),
    and queue one job per article not already stored. ``app`` is open."""
    result = QueueReport()
    report = result.report
    engine = engine_of(nlp)
    pending = assign_outlets(
        session_factory, read_paths(session_factory, paths, engine, report, max_chars), report
    )
    with session_factory() as session:
        known = queries.select_article_hashes(session)
    task = app.tasks[INGEST_TASK]
    for item in pending:
        if (item.outlet, item.content_hash) in known:
            report.unchanged.append(item.name)
            continue
        try:
            task.configure(
                # Waiting once per text of a file; the versions of one file in turn.
                queueing_lock=f"article:{_digest(item.key, item.content_hash)}",
                lock=f"file:{_digest(item.key)}",
            ).defer(**job_args(item))
        except AlreadyEnqueued:
            result.already_queued += 1
            continue
        result.queued += 1
    if report.unchanged:  # a stored article may still owe its findings
        queue_refresh(app)
    return result


def queue_refresh(app: App) -> None:
    # A refresh already waiting will see this article too.
    with contextlib.suppress(AlreadyEnqueued):
        app.tasks[REFRESH_TASK].configure(queueing_lock=REFRESH_LOCK, lock=REFRESH_LOCK).defer()


def ingest_article(context: JobContext, **args: Any) -> None:
    state: WorkerState = context.additional_context["state"]
    report = IngestReport()
    with state.models.model() as nlp:
        analyse_and_store(state.session_factory, nlp, [pending_of(args)], report)
    if report.failed:
        raise ArticleNotStored("; ".join(message for _name, message in report.failed))
    queue_refresh(context.app)


def refresh_findings(context: JobContext) -> None:
    state: WorkerState = context.additional_context["state"]
    with state.models.model() as nlp:
        finish_derived_work(state.session_factory, lambda: nlp, state.engine)


@dataclass(frozen=True, slots=True)
class WorkerTiming:
    """How often a worker says it is alive, and how long a silent one's jobs are left
    before another worker queues them again (Procrastinate's defaults: 10 s and 30 s)."""

    heartbeat_seconds: float = 10.0
    stalled_seconds: float = 30.0


async def _retry_stalled(app: App, timing: WorkerTiming) -> None:
    while True:
        for job in await app.job_manager.get_stalled_jobs(
            queue=QUEUE, seconds_since_heartbeat=timing.stalled_seconds
        ):
            try:
                await app.job_manager.retry_job(job)
            except ConnectorException:  # another worker queued it first: it is not "doing"
                continue
            log.warning("job %s of a silent worker is queued again", job.id)
        await asyncio.sleep(timing.stalled_seconds / 2)


async def _work(app: App, state: WorkerState, concurrency: int, timing: WorkerTiming) -> None:
    async with app.open_async():
        retry = asyncio.create_task(_retry_stalled(app, timing))
        try:
            await app.run_worker_async(
                queues=[QUEUE],
                concurrency=concurrency,
                additional_context={"state": state},
                update_heartbeat_interval=timing.heartbeat_seconds,
                stalled_worker_timeout=timing.stalled_seconds,
            )
        finally:
            retry.cancel()


def run_worker(
    database_url: str,
    state: WorkerState,
    concurrency: int = 1,
    timing: WorkerTiming = WorkerTiming(),
) -> None:
    """Run the queue's jobs until stopped (SIGINT or SIGTERM let the running jobs finish)."""
    app = build_app(database_url)
    with state.session_factory.begin() as session:
        owes = start_of_run(session, state.engine)
    if owes:  # an interrupted run, or a new engine: the refresh pays it
        with app.open():
            queue_refresh(app)
    asyncio.run(_work(app, state, concurrency, timing))
