"""The scale benchmark's CI-sized run (seeds, then 100 generated articles, small bursts):
the real code path of ``make bench``, so it cannot rot. No timing is asserted: only that
every figure is written and is a number."""

from __future__ import annotations

import json
import math
from pathlib import Path

from rich.console import Console

from benchmarks.scale.report import PAGES, TOP_KEYS
from benchmarks.scale.run import plan_for, run


def finite(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value) and value > 0


def test_the_smoke_run_writes_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    returned = run(plan_for("smoke"), out, tmp_path / "work", Console(quiet=True))
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results == json.loads(json.dumps(returned))
    assert set(TOP_KEYS) <= results.keys()
    assert results["mode"].startswith("smoke")
    assert results["stopped_at"] is None
    assert results["sizes"] == {"small": 5, "big": 100, "new": 10}
    for key in (
        "ingest_vs_spacy",
        "ingest_parallel_vs_spacy",
        "incremental_ratio",
        "start_to_first_page_s",
    ):
        assert finite(results[key]), key
    assert math.isfinite(results["compare_growth_exponent"])
    assert isinstance(results["failed_requests"], int) and results["failed_requests"] >= 0
    assert set(results["pages"]) == set(PAGES)
    for name, page in results["pages"].items():
        assert finite(page["p50_vs_trivial"]) and finite(page["p99_vs_trivial"]), name
        assert page["requests"] > 0, name
    for process in ("ingest", "ingest_parallel", "server"):
        assert finite(results["peak_rss_mb"][process]), process
    assert results["details"]["ingest_parallel"]["articles"] == 100
    assert results["details"]["ingest_big"]["articles"] == 100
