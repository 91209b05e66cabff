"""The benchmark's results: build/bench.json and the table printed from it."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from rich.table import Table

# Keys every complete run writes (tests/benchmarks checks them).
TOP_KEYS = (
    "mode",
    "sizes",
    "ingest_vs_spacy",
    "ingest_parallel_vs_spacy",
    "compare_growth_exponent",
    "incremental_ratio",
    "pages",
    "failed_requests",
    "start_to_first_page_s",
    "peak_rss_mb",
)
PAGES = ("overview", "topic", "conflicts", "source", "search")


def write_json(path: Path, results: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _number(value: Any, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"


def table(results: dict[str, Any]) -> Table:
    """The headline figures, each with what it was measured on."""
    sizes = results.get("sizes", {})
    detail = results.get("details", {})
    out = Table(title=f"Cotejo scale benchmark ({results.get('mode', '?').split(':')[0]})")
    out.add_column("figure")
    out.add_column("value", justify="right")
    out.add_column("measured on")
    ingest = detail.get("ingest_big", {})
    out.add_row(
        "ingest_vs_spacy",
        _number(results.get("ingest_vs_spacy")),
        f"{sizes.get('big')} articles, {_number(ingest.get('words'))} words, CPU time",
    )
    out.add_row(
        "ingest_parallel_vs_spacy",
        _number(results.get("ingest_parallel_vs_spacy")),
        results.get("ingest_parallel_mode", ""),
    )
    growth = detail.get("growth", {})
    out.add_row(
        "compare_growth_exponent",
        _number(results.get("compare_growth_exponent")),
        f"refresh {growth.get('small_articles')} → {growth.get('big_articles')} articles: "
        f"{_number(growth.get('small_cpu_s'))} → {_number(growth.get('big_cpu_s'))} CPU-s; "
        f"findings {_number(growth.get('small_findings'))} → "
        f"{_number(growth.get('big_findings'))} "
        f"(exponent {_number(growth.get('findings_growth_exponent'))})",
    )
    incremental = detail.get("incremental", {})
    out.add_row(
        "incremental_ratio",
        _number(results.get("incremental_ratio")),
        f"{sizes.get('new')} articles into {sizes.get('big')}: "
        f"{_number(incremental.get('into_big_cpu_s'))} vs "
        f"{_number(incremental.get('into_empty_cpu_s'))} CPU-s into an empty database",
    )
    pages = results.get("pages", {})
    for name in PAGES:
        page = pages.get(name)
        if page is None:
            continue
        out.add_row(
            f"{name} p50 / p99 vs trivial",
            f"{_number(page['p50_vs_trivial'], 1)} / {_number(page['p99_vs_trivial'], 1)}",
            f"{page['path']}: {_number(page['p50_ms'], 0)} / {_number(page['p99_ms'], 0)} ms "
            f"({page['requests']} requests, {page['failed']} failed; /healthz "
            f"{_number(page['trivial_p50_ms'], 1)} / {_number(page['trivial_p99_ms'], 1)} ms)"
            + (
                " — failed requests count with the time they waited: lower bounds"
                if page["failed"]
                else ""
            )
            + (" memory limit hit" if page.get("rss_limit_hit") else ""),
        )
    out.add_row("failed_requests", _number(results.get("failed_requests")), "all bursts")
    out.add_row(
        "start_to_first_page_s",
        _number(results.get("start_to_first_page_s")),
        "process start to the first overview 200 (the first server)",
    )
    rss = results.get("peak_rss_mb", {})
    out.add_row(
        "peak_rss_mb ingest / all cores / server",
        f"{_number(rss.get('ingest'), 0)} / {_number(rss.get('ingest_parallel'), 0)} / "
        f"{_number(rss.get('server'), 0)}",
        f"ingest of {sizes.get('big')}, single process and with workers (the parent's "
        "peak plus each worker's); the largest of the page servers",
    )
    if results.get("stopped_at"):
        out.add_row("stopped at", results["stopped_at"], "")
    return out
