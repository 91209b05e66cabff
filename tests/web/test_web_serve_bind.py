"""The real `cotejo serve` on all interfaces, inside a private network namespace
(`unshare -n`): nothing outside it can reach the server, whatever the test does.

Without a token the command refuses to start; with one it serves, reads open and writes
closed to anyone without the token.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.config import Settings
from app.web.app import create_app

from .conftest import insert_corpus
from .live import free_port

COTEJO = Path(sys.executable).parent / "cotejo"


def sqlite_url(folder: Path) -> str:
    # SQLite even in the PostgreSQL run: inside the namespace the loopback is another one,
    # where no database server listens.
    return f"sqlite:///{folder / 'cotejo.sqlite3'}"


TOKEN = "namespace-token-0123456789abcdef"


def can_unshare() -> bool:
    if not shutil.which("unshare") or not shutil.which("ip"):
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


pytestmark = pytest.mark.skipif(
    not can_unshare(), reason="needs `unshare -n` (root or user namespaces) and iproute2"
)

# Runs inside the namespace: starts the server, asks it a few things, prints the answers.
DRIVER = """
import json, subprocess, sys, time
import httpx

cotejo, db, port, finding, fingerprint, token = sys.argv[1:]
server = subprocess.Popen([cotejo, "serve", "--db", db, "--host", "0.0.0.0", "--port", port])
base = f"http://127.0.0.1:{port}"
try:
    for _ in range(300):
        try:
            httpx.get(base + "/", timeout=2)
            break
        except httpx.TransportError:
            if server.poll() is not None:
                raise SystemExit(f"cotejo serve exited with {server.returncode}")
            time.sleep(0.1)
    review = {"verdict": "confirmed", "fingerprint": fingerprint, "reviewer": "A"}
    url = f"{base}/api/findings/{finding}/review"
    print(json.dumps({
        "read": httpx.get(base + "/api/topics").status_code,
        "anonymous_write": httpx.post(url, json=review).status_code,
        "token_write": httpx.post(
            url, json=review, headers={"Authorization": "Bearer " + token}
        ).status_code,
    }))
finally:
    server.terminate()
    server.wait(timeout=10)
"""


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "COTEJO_WRITE_TOKEN"}
    return {**env, "PYTHONWARNINGS": "ignore", **extra}


def test_serve_on_all_interfaces_without_a_token_does_not_start(tmp_path: Path) -> None:
    db = sqlite_url(tmp_path)
    result = subprocess.run(
        ["unshare", "-n", COTEJO, "serve", "--db", db, "--host", "0.0.0.0", "--port", "8000"],
        capture_output=True,
        text=True,
        env=environment(),
        timeout=120,
    )
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert "Refusing to serve on 0.0.0.0" in message
    assert "COTEJO_WRITE_TOKEN" in message and "secrets.token_urlsafe" in message
    assert "Uvicorn running" not in result.stderr
    assert not (tmp_path / "cotejo.sqlite3").exists()  # refused before touching anything


def test_serve_on_all_interfaces_with_a_token_guards_the_writes(tmp_path: Path) -> None:
    db = sqlite_url(tmp_path)
    corpus = insert_corpus(create_app(Settings(database_url=db)).state.session_factory)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    args = [
        str(COTEJO),
        db,
        str(free_port()),
        str(corpus.findings["duration"]),
        corpus.fingerprints["duration"],
        TOKEN,
    ]
    # The namespace's loopback starts down: up first, then the driver (arguments unquoted).
    up_then_run = 'ip link set lo up && exec "$0" "$@"'
    result = subprocess.run(
        ["unshare", "-n", "sh", "-c", up_then_run, sys.executable, str(driver), *args],
        capture_output=True,
        text=True,
        env=environment(COTEJO_WRITE_TOKEN=TOKEN),
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers == {"read": 200, "anonymous_write": 401, "token_write": 201}
