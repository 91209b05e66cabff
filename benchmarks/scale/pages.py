"""Pages under load: a real ``cotejo serve`` on 127.0.0.1, many connections at once.

Each page is measured on a server of its own, started for it: once the server has
answered its first overview, the page is requested once alone (``first_ms``, a cold
page), then a burst of the trivial route (/healthz) and a burst of the page follow, each
``connections`` concurrent keep-alive connections bounded in requests and in time, and
the page's ratios are against that trivial burst. A fresh server per page because a
server does not stop the work of a request its client gave up on: after a page that
overran, the next burst would measure that page's backlog, not its own.

A request that gets no 200 (an error, a refused connection, no answer within
``request_timeout``) is a failed request; it still enters the percentiles, with the time
it had waited (a lower bound). A burst ends ``max_seconds + request_timeout`` after it
began at the latest, or as soon as the server's resident set passes ``max_rss_mb`` (the
requests still open are then failed): the machine is shared.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import httpx
from sqlalchemy import func, select

from app.config import ROOT
from app.db.models import Article, ClaimTopic, Source, Topic
from app.db.session import open_database
from benchmarks.scale.ingest import close, sqlite_url
from benchmarks.scale.measure import peak_rss_mb, percentile

TRIVIAL = "/healthz"
# A word common to the disaster events of the templates: a search with many hits.
SEARCH_WORD = "muertos"


@dataclass(frozen=True, slots=True)
class Load:
    connections: int
    max_requests: int  # per burst
    max_seconds: float  # per burst: no request is started after it
    request_timeout: float
    start_timeout: float  # server start to the first overview
    max_rss_mb: float = 8192  # the server's resident set that ends a burst


def page_paths(database: Path) -> dict[str, str]:
    """The pages measured: the overview, the biggest topic, the conflicts, the outlet with
    the most articles, a search with many hits."""
    session_factory = open_database(sqlite_url(database))
    with session_factory() as session:
        topic = session.scalar(
            select(Topic.slug)
            .join(ClaimTopic, ClaimTopic.topic_id == Topic.id)
            .group_by(Topic.id)
            .order_by(func.count().desc(), Topic.slug)
            .limit(1)
        )
        source = session.scalar(
            select(Source.id)
            .join(Article)
            .group_by(Source.id)
            .order_by(func.count().desc(), Source.id)
            .limit(1)
        )
    close(session_factory)
    return {
        "overview": "/",
        "topic": f"/topics/{topic}",
        "conflicts": "/conflicts",
        "source": f"/sources/{source}",
        "search": f"/search?q={SEARCH_WORD}",
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    base_url: str
    process: subprocess.Popen
    start_to_first_page_s: float = 0.0


@contextmanager
def serving(database: Path, log: Path, start_timeout: float) -> Iterator[Server]:
    """``cotejo serve`` on the database, on a free loopback port, until the block ends;
    ready once the overview has answered 200 (the time that took is recorded)."""
    port = free_port()
    command = [sys.executable, "-m", "app.cli", "serve", "--db", sqlite_url(database)]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    started = time.perf_counter()
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, env=dict(os.environ)
        )
    server = Server(f"http://127.0.0.1:{port}", process)
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited ({process.returncode}); see {log}")
            if time.perf_counter() - started > start_timeout:
                raise RuntimeError(f"no overview within {start_timeout} s; see {log}")
            try:
                if httpx.get(server.base_url + "/", timeout=start_timeout).status_code == 200:
                    break
            except httpx.TransportError:
                pass  # not listening yet
            time.sleep(0.05)
        server.start_to_first_page_s = time.perf_counter() - started
        yield server
    finally:
        # A server still working off abandoned requests may take minutes to shut down
        # gracefully; it only ever read the database.
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Burst:
    latencies: list[float] = field(default_factory=list)
    failed: int = 0
    rss_limit_hit: bool = False


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _burst(client: httpx.AsyncClient, path: str, load: Load, pid: int) -> Burst:
    burst = Burst()
    started = time.perf_counter()
    deadline = started + load.max_seconds
    issued = 0
    open_requests: dict[int, float] = {}  # request number -> its start

    async def connection() -> None:
        nonlocal issued
        while issued < load.max_requests and time.perf_counter() < deadline:
            issued += 1
            number, start = issued, time.perf_counter()
            open_requests[number] = start
            try:
                ok = (await client.get(path)).status_code == 200
            except httpx.HTTPError:
                ok = False
            del open_requests[number]
            burst.latencies.append(time.perf_counter() - start)
            burst.failed += not ok

    async def watch_memory() -> None:
        while True:
            await asyncio.sleep(0.25)
            if rss_mb(pid) > load.max_rss_mb:
                burst.rss_limit_hit = True
                return

    connections = asyncio.gather(*(connection() for _ in range(load.connections)))
    watcher = asyncio.create_task(watch_memory())
    limit = load.max_seconds + load.request_timeout + 1
    done, _ = await asyncio.wait(
        {connections, watcher}, timeout=limit, return_when="FIRST_COMPLETED"
    )
    if connections not in done:  # the memory limit or the time limit: what is open failed
        connections.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await connections
        now = time.perf_counter()
        burst.latencies.extend(now - start for start in open_requests.values())
        burst.failed += len(open_requests)
    watcher.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await watcher
    return burst


@dataclass(frozen=True, slots=True)
class PageFigures:
    path: str
    requests: int
    failed: int
    first_ms: float  # the first request alone, before the bursts (a cold page)
    p50_ms: float
    p99_ms: float
    p50_vs_trivial: float
    p99_vs_trivial: float
    trivial_p50_ms: float  # the trivial burst just before, on the same server
    trivial_p99_ms: float
    trivial_requests: int
    trivial_failed: int
    start_to_first_page_s: float  # this page's server
    server_peak_rss_mb: float
    rss_limit_hit: bool


async def _measure_page(base_url: str, path: str, load: Load, pid: int) -> PageFigures:
    limits = httpx.Limits(max_connections=load.connections, max_keepalive_connections=None)
    async with httpx.AsyncClient(
        base_url=base_url, limits=limits, timeout=load.request_timeout
    ) as client:
        start = time.perf_counter()
        with contextlib.suppress(httpx.HTTPError):  # counted failed in its burst
            await client.get(path)
        first = time.perf_counter() - start
        trivial = await _burst(client, TRIVIAL, load, pid)
        page = await _burst(client, path, load, pid)
    p50, p99 = percentile(page.latencies, 50), percentile(page.latencies, 99)
    t50, t99 = percentile(trivial.latencies, 50), percentile(trivial.latencies, 99)
    return PageFigures(
        path=path,
        requests=len(page.latencies),
        failed=page.failed,
        first_ms=first * 1000,
        p50_ms=p50 * 1000,
        p99_ms=p99 * 1000,
        p50_vs_trivial=p50 / t50,
        p99_vs_trivial=p99 / t99,
        trivial_p50_ms=t50 * 1000,
        trivial_p99_ms=t99 * 1000,
        trivial_requests=len(trivial.latencies),
        trivial_failed=trivial.failed,
        start_to_first_page_s=0.0,
        server_peak_rss_mb=0.0,
        rss_limit_hit=page.rss_limit_hit or trivial.rss_limit_hit,
    )


@dataclass(frozen=True, slots=True)
class ServerFigures:
    pages: dict[str, PageFigures]

    @property
    def failed_requests(self) -> int:
        return sum(page.failed + page.trivial_failed for page in self.pages.values())

    @property
    def start_to_first_page_s(self) -> float:
        """The first server's (the overview's): process start to its first overview."""
        return next(iter(self.pages.values())).start_to_first_page_s

    @property
    def peak_rss_mb(self) -> float:
        return max(page.server_peak_rss_mb for page in self.pages.values())


def measure_server(
    database: Path, workdir: Path, load: Load, advance: Callable[[int, int], None]
) -> ServerFigures:
    paths = page_paths(database)
    pages = {}
    for done, (name, path) in enumerate(paths.items(), start=1):
        with serving(database, workdir / f"server-{name}.log", load.start_timeout) as server:
            pid = server.process.pid
            page = asyncio.run(_measure_page(server.base_url, path, load, pid))
            pages[name] = replace(
                page,
                start_to_first_page_s=server.start_to_first_page_s,
                server_peak_rss_mb=peak_rss_mb(pid),
            )
        advance(done, len(paths))
    return ServerFigures(pages)
