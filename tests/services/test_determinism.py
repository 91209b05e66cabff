"""Same input, byte-identical export, whatever Python's hash seed: findings (and so the
reviews attached to them) never swap to an equivalent claim pair between runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.scale.generator import build_corpus
from tests.databases import database_url

COTEJO = Path(sys.executable).parent / "cotejo"


def export_under_hash_seed(folder: Path, workdir: Path, seed: int) -> bytes:
    database = database_url(workdir, f"seed-{seed}.sqlite3")
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    ingest = subprocess.run(
        [str(COTEJO), "ingest", str(folder), "--db", database],
        capture_output=True,
        env=env,
        timeout=600,
    )
    assert ingest.returncode == 0, ingest.stderr.decode()
    export = subprocess.run(
        [str(COTEJO), "export", "--format", "json", "--db", database],
        capture_output=True,
        env=env,
        timeout=300,
    )
    assert export.returncode == 0, export.stderr.decode()
    return export.stdout


@pytest.mark.skipif(not COTEJO.exists(), reason="console script not installed")
def test_the_export_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    # Perturbed copies of the template articles from a dozen outlets: many equivalent claim
    # pairs per slot, which is where an order taken from a set or a dict would show.
    folder = build_corpus(tmp_path / "corpus", articles=30, seed=11, outlets=12)
    first = export_under_hash_seed(folder, tmp_path, seed=1)
    second = export_under_hash_seed(folder, tmp_path, seed=4242)
    assert b'"findings": [' in first and len(first) > 10_000
    assert first == second
