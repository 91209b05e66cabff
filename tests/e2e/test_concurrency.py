"""A bounded concurrency test on a real server and a real database: `cotejo serve` answers
16 client threads (reads of the overview, topic pages and /api/topics; reviews and flags)
while a `cotejo ingest` subprocess adds articles to the same database. No answer may be a
5xx, and every write the server accepted must be in `cotejo export` afterwards."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.config import ROOT
from tests.databases import database_url

from .conftest import COTEJO, serve

SEEDS = ROOT / "seeds"
MANIFESTS = ("sources.toml", "topics.toml")
THREADS = 16
REQUESTS = 160  # in all, across the threads
RESERVED_FOR_AFTER = 32  # of those, sent once the ingest has exited
PACE = 1.0  # seconds between one thread's requests while the ingest runs
DEADLINE = 60.0  # seconds for the whole load


def seed_folder(target: Path, names: list[str]) -> Path:
    target.mkdir()
    for name in [*names, *MANIFESTS]:
        shutil.copy(SEEDS / name, target / name)
    return target


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path, dict]]:
    """The first three seed articles ingested and served; the last two left to ingest."""
    folder = tmp_path_factory.mktemp("concurrency")
    articles = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len(articles) >= 5
    first = seed_folder(folder / "first", articles[:3])
    later = seed_folder(folder / "later", articles[3:])
    db = database_url(folder, "cotejo.sqlite3")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    subprocess.run([COTEJO, "ingest", "--db", db, str(first)], check=True, env=env, timeout=300)
    server = serve(db, env)
    yield db, next(server), later, env
    server.close()


def targets(base: str) -> tuple[list[str], list[dict], list[dict]]:
    """Topic slugs, findings (id, fingerprint) and claim pairs of one topic, as read now."""
    with httpx.Client(base_url=base, timeout=30) as client:
        slugs = [t["topic"]["slug"] for t in client.get("/api/topics").json()]
        findings = client.get("/api/findings").json()["items"]
        pairs = []
        for slug in slugs:
            claims = client.get(f"/api/topics/{slug}").json()["claims"]
            for a, b in itertools.combinations(claims, 2):
                if a["fingerprint"] != b["fingerprint"]:
                    pairs.append({"topic": slug, "claim": a["id"], "other": b["id"]})
                    break
    return slugs, findings, pairs


def test_reads_and_writes_during_an_ingest_fail_none_and_lose_none(setup) -> None:
    db, base, later, env = setup
    slugs, findings, pairs = targets(base)
    assert slugs and findings and pairs

    ingest = subprocess.Popen(
        [COTEJO, "ingest", "--db", db, str(later)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    started = time.monotonic()
    tickets = itertools.count()  # next() is atomic under the GIL: one number per request
    tickets_during = iter(range(REQUESTS - RESERVED_FOR_AFTER))  # the share while it runs
    lock = threading.Lock()
    statuses: Counter[str] = Counter()
    failures: list[str] = []
    written: dict[str, set[str]] = {"review": set(), "flag": set()}
    refused: Counter[str] = Counter()
    during = 0

    def request(client: httpx.Client, n: int) -> None:
        nonlocal during
        note = f"concurrency-{n}"
        kind = ("overview", "topic", "topics", "review", "flag")[n % 5]
        if kind == "overview":
            response = client.get("/")
        elif kind == "topic":
            response = client.get(f"/topics/{slugs[n % len(slugs)]}")
        elif kind == "topics":
            response = client.get("/api/topics")
        elif kind == "review":
            finding = findings[n % len(findings)]
            body = {
                "verdict": ("confirmed", "dismissed")[n % 2],
                "fingerprint": finding["fingerprint"],
                "reviewer": f"Reviewer {n}",
                "note": note,
            }
            if n % 2:  # the JSON API
                response = client.post(f"/api/findings/{finding['id']}/review", json=body)
            else:  # the dashboard's form (a 303 back to the page)
                response = client.post(f"/findings/{finding['id']}/review", data=body)
        else:
            pair = pairs[n % len(pairs)]
            response = client.post(
                f"/api/claims/{pair['claim']}/flags",
                json={
                    "topic": pair["topic"],
                    "other_claim_id": pair["other"],
                    "reviewer": f"Reviewer {n}",  # one flag per reviewer and pair
                    "note": note,
                },
            )
        with lock:
            statuses[f"{response.status_code // 100}xx"] += 1
            if ingest.poll() is None:
                during += 1
            if response.status_code >= 500:
                failures.append(f"{response.request.method} {response.url}: {response.status_code}")
            if kind in written:
                if response.status_code < 400:
                    written[kind].add(note)
                else:
                    refused[f"{kind} {response.status_code}"] += 1

    def client_thread() -> None:
        with httpx.Client(base_url=base, timeout=30, follow_redirects=False) as client:
            while time.monotonic() - started < DEADLINE:
                if ingest.poll() is None and next(tickets_during, None) is None:
                    time.sleep(0.1)  # the share for while it runs is spent: wait for its end
                    continue
                n = next(tickets)
                if n >= REQUESTS:
                    return
                try:
                    request(client, n)
                except httpx.HTTPError as exc:
                    with lock:
                        failures.append(f"request {n}: {exc!r}")
                if ingest.poll() is None:
                    time.sleep(PACE)

    threads = [threading.Thread(target=client_thread) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=DEADLINE + 30)
    output, _ = ingest.communicate(timeout=120)
    elapsed = time.monotonic() - started

    exported = json.loads(
        subprocess.run(
            [COTEJO, "export", "--db", db, "--format", "json"],
            check=True,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
    )
    found = {
        "review": {r["note"] for r in exported["reviews"]},
        "flag": {f["note"] for f in exported["flags"]},
    }
    sent = sum(statuses.values())
    made = sum(len(notes) for notes in written.values())
    print(
        f"\n{sent} requests in {elapsed:.1f} s ({during} while the ingest ran), by status: "
        f"{dict(sorted(statuses.items()))}; failed {len(failures)}; writes made "
        f"{made} (reviews {len(written['review'])}, flags {len(written['flag'])}), found "
        f"{len(found['review'] & written['review']) + len(found['flag'] & written['flag'])}; "
        f"refused {dict(refused)}; ingest exit {ingest.returncode}: {output.strip()!r}"
    )

    assert ingest.returncode == 0, output
    assert "added 2" in output, output
    assert not any(t.is_alive() for t in threads), "a client thread outlived the deadline"
    assert failures == []
    assert sent == REQUESTS
    assert during > 0, "no request was answered while the ingest ran"
    assert written["review"] and written["flag"]
    assert written["review"] - found["review"] == set(), "reviews lost"
    assert written["flag"] - found["flag"] == set(), "flags lost"
