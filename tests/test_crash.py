"""An ingest killed with SIGKILL anywhere is finished by the next run, byte for byte.

Real `cotejo` processes on a real SQLite file with the real spaCy model. The process kills
itself at a named point (COTEJO_TEST_KILL_AT, app/services/crash_points.py); the next
`cotejo ingest` or `cotejo serve` must leave the export exactly as the same commands run
without a crash leave it, reviews and flags made before the crash included.

The scenario is the audit's: two articles ingested and reviewed, then a topics.toml and two
more articles added to the folder and the folder ingested again. That run stores the topic
definitions, analyses the two new articles, re-matches the two older ones against the new
topics and refreshes the findings: each kill point stops it inside one of those steps.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main as cotejo_main
from app.config import ROOT
from app.db.models import Finding
from app.db.session import open_database
from app.services.crash_points import VARIABLE
from tests.services.support import SEEDS, flag_claims_of, review

BASE_FILES = ("000_487fa1a0bace8dfd.txt", "001_fd5b557dd95ff018.txt")
NEW_FILES = ("002_e39d3015be170774.txt", "003_a2edc47745814ccc.txt")
# Where the run is killed (":N": the N-th time the point is reached), what that interrupts,
# and which command must finish it: the same ingest, an ingest of a folder with nothing new,
# or the server's start.
KILL_POINTS = {
    "ingest:mid-article:1": ("inside the first new article's transaction", "ingest"),
    "ingest:after-article:1": ("between the two new articles", "ingest"),
    "rematch:after-links:1": ("re-matching, one older article's links written", "ingest"),
    "refresh:after-links": ("refreshing findings, topics and links written", "serve"),
    "refresh:after-findings": ("after the findings, before topic statuses", "ingest-other"),
}
RESUMED = re.compile(
    r"^finishing interrupted topic re-match from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC "
    r"\(the topic definitions changed\)\.\.\.$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Scenario:
    folder: Path
    base: Path  # the database after the first ingest and the reviews
    reference: bytes  # `cotejo export` after the second ingest, run without a crash


def url(database: Path) -> str:
    return f"sqlite:///{database}"


def _environment(kill_at: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != VARIABLE}
    env["PYTHONPATH"] = str(ROOT)
    if kill_at:
        env[VARIABLE] = kill_at
    return env


def cotejo(*args: str, kill_at: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        env=_environment(kill_at),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def export(database: Path, tmp_path: Path) -> bytes:
    out = tmp_path / "export.json"
    assert cotejo_main(["export", "--db", url(database), "--output", str(out)]) == 0
    return out.read_bytes()


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy (WAL included) through SQLite's backup API."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def review_and_flag(database: Path) -> None:
    """What a user did before the crash: a verdict on a finding, a flag on two claims."""
    session_factory = open_database(url(database))
    with session_factory() as session:
        finding = session.scalars(select(Finding).order_by(Finding.id)).first()
        assert finding is not None
        review(session, finding, "confirmed", "Ana", "checked against the agency wire")
        flag_claims_of(session, finding, "Ana", "these two cannot both hold")
    session_factory.kw["bind"].dispose()


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    root = tmp_path_factory.mktemp("crash")
    folder = root / "corpus"
    folder.mkdir()
    for name in (*BASE_FILES, "sources.toml"):
        shutil.copy(SEEDS / name, folder / name)
    base = root / "base.sqlite3"
    assert cotejo("ingest", str(folder), "--db", url(base)).returncode == 0
    review_and_flag(base)
    for name in (*NEW_FILES, "topics.toml"):
        shutil.copy(SEEDS / name, folder / name)
    clean = copy_database(base, root / "clean.sqlite3")
    assert cotejo("ingest", str(folder), "--db", url(clean)).returncode == 0
    reference = export(clean, root)
    _check_reference(json.loads(reference))
    return Scenario(folder, base, reference)


def _check_reference(data: dict) -> None:
    """The scenario tests what it says: the reviews are there, and the older articles'
    claims joined the topics of the topics.toml added after them."""
    assert len(data["sources"]) == 4
    assert [r["reviewer"] for r in data["reviews"]] == ["Ana"]
    assert [f["reviewer"] for f in data["flags"]] == ["Ana"]
    older = {s["id"] for s in data["sources"] if Path(s["path"]).name in BASE_FILES}
    defined = {t["slug"] for t in data["topics"] if t["origin"] == "defined"}
    assert any(set(c["topics"]) & defined for c in data["claims"] if c["source_id"] in older)


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_killed_ingest_is_finished_by_the_next_run(
    scenario: Scenario, point: str, tmp_path: Path
) -> None:
    database = copy_database(scenario.base, tmp_path / "cotejo.sqlite3")

    killed = cotejo("ingest", str(scenario.folder), "--db", url(database), kill_at=point)

    what, finisher = KILL_POINTS[point]
    assert killed.returncode == -signal.SIGKILL, f"not killed {what}: {killed.stderr}"
    assert export(database, tmp_path) != scenario.reference  # it was stopped half-way
    said = FINISHERS[finisher](scenario, database, tmp_path)
    assert RESUMED.search(said), said
    assert export(database, tmp_path) == scenario.reference


def _ingest_again(scenario: Scenario, database: Path, tmp_path: Path) -> str:
    rerun = cotejo("ingest", str(scenario.folder), "--db", url(database))
    assert rerun.returncode == 0, rerun.stderr
    return rerun.stderr


def _ingest_other_folder(scenario: Scenario, database: Path, tmp_path: Path) -> str:
    elsewhere = tmp_path / "nothing-new"
    elsewhere.mkdir()
    rerun = cotejo("ingest", str(elsewhere), "--db", url(database))
    assert rerun.returncode == 0, rerun.stderr
    return rerun.stderr


def _serve(scenario: Scenario, database: Path, tmp_path: Path) -> str:
    """Start `cotejo serve` and stop it once it answers: it listens only after its startup
    work, so whatever it owed is done by then."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    serve = ("serve", "--db", url(database), "--port", str(port))
    with log.open("w") as stderr:
        server = subprocess.Popen(
            [sys.executable, "-m", "app.cli", *serve],
            env=_environment(None),
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            status = _first_answer(f"http://127.0.0.1:{port}/api/topics", server)
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert status == 200, log.read_text()
    return log.read_text()


def _first_answer(address: str, server: subprocess.Popen[bytes]) -> int:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server exited"
        try:
            with urllib.request.urlopen(address, timeout=5) as response:
                return response.status
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"no answer from {address}")


FINISHERS = {"ingest": _ingest_again, "ingest-other": _ingest_other_folder, "serve": _serve}
