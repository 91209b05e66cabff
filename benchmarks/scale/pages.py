"""Pages under load: a real ``cotejo serve`` on 127.0.0.1, many connections at once.

Each page is measured in a burst of ``connections`` concurrent keep-alive connections,
bounded in requests and in time; a burst of the trivial route (/healthz) comes before and
after every page, and the page's ratios are against those two. A request that gets no 200
(an error, a refused connection, no answer within ``request_timeout``) is a failed
request; it still enters the percentiles, with the time it had waited (a lower bound).
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
from dataclasses import dataclass, field
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
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Burst:
    latencies: list[float] = field(default_factory=list)
    failed: int = 0


async def _burst(client: httpx.AsyncClient, path: str, load: Load) -> Burst:
    burst = Burst()
    deadline = time.perf_counter() + load.max_seconds
    issued = 0

    async def connection() -> None:
        nonlocal issued
        while issued < load.max_requests and time.perf_counter() < deadline:
            issued += 1
            start = time.perf_counter()
            try:
                ok = (await client.get(path)).status_code == 200
            except httpx.HTTPError:
                ok = False
            burst.latencies.append(time.perf_counter() - start)
            burst.failed += not ok

    await asyncio.gather(*(connection() for _ in range(load.connections)))
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


@dataclass(frozen=True, slots=True)
class PagesFigures:
    pages: dict[str, PageFigures]
    trivial_p50_ms: float
    trivial_p99_ms: float
    trivial_requests: int
    trivial_failed: int

    @property
    def failed_requests(self) -> int:
        return self.trivial_failed + sum(page.failed for page in self.pages.values())


async def _measure(
    base_url: str, paths: dict[str, str], load: Load, advance: Callable[[int, int], None]
) -> PagesFigures:
    limits = httpx.Limits(max_connections=load.connections, max_keepalive_connections=None)
    async with httpx.AsyncClient(
        base_url=base_url, limits=limits, timeout=load.request_timeout
    ) as client:
        first = {}
        for name, path in paths.items():
            start = time.perf_counter()
            with contextlib.suppress(httpx.HTTPError):  # counted failed in its burst
                await client.get(path)
            first[name] = time.perf_counter() - start
        trivial = [await _burst(client, TRIVIAL, load)]
        pages = {}
        for done, (name, path) in enumerate(paths.items(), start=1):
            page = await _burst(client, path, load)
            trivial.append(await _burst(client, TRIVIAL, load))
            reference = trivial[-2].latencies + trivial[-1].latencies
            p50, p99 = percentile(page.latencies, 50), percentile(page.latencies, 99)
            pages[name] = PageFigures(
                path=path,
                requests=len(page.latencies),
                failed=page.failed,
                first_ms=first[name] * 1000,
                p50_ms=p50 * 1000,
                p99_ms=p99 * 1000,
                p50_vs_trivial=p50 / percentile(reference, 50),
                p99_vs_trivial=p99 / percentile(reference, 99),
            )
            advance(done, len(paths))
    every = [latency for burst in trivial for latency in burst.latencies]
    return PagesFigures(
        pages=pages,
        trivial_p50_ms=percentile(every, 50) * 1000,
        trivial_p99_ms=percentile(every, 99) * 1000,
        trivial_requests=len(every),
        trivial_failed=sum(burst.failed for burst in trivial),
    )


@dataclass(frozen=True, slots=True)
class ServerFigures:
    start_to_first_page_s: float
    peak_rss_mb: float
    pages: PagesFigures


def measure_server(
    database: Path, workdir: Path, load: Load, advance: Callable[[int, int], None]
) -> ServerFigures:
    paths = page_paths(database)
    with serving(database, workdir / "server.log", load.start_timeout) as server:
        pages = asyncio.run(_measure(server.base_url, paths, load, advance))
        peak = peak_rss_mb(server.process.pid)
    return ServerFigures(server.start_to_first_page_s, peak, pages)
