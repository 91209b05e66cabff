"""Ingest benchmark: the seeds alone, then a synthetic corpus built from perturbed seed copies.

    python -m benchmarks.ingest_bench [--articles 200] [--outlets 40] [--seed 1]

Each synthetic article is a seed article with its sentences shuffled (lines, and sentences
within a line), its numbers changed (digits and Spanish number words) and an outlet label from
a pool of ``--outlets`` made-up names, so topics fill with many sources that agree and
conflict. Everything runs on a temporary SQLite file through the real pipeline and services.

Stages reported:
- model load: ``load_nlp()`` from cold (spaCy model plus Cotejo's components);
- analysis + store: from the start of ``ingest_paths`` to the last article committed
  (reading, nlp.pipe, rows, one transaction per article);
- relink + findings: the rest of ``ingest_paths`` (re-matching topics when the topic
  definitions changed, then recomputing every finding);
- findings refresh: ``refresh_findings`` alone, run again on the full database;
- export: ``build_export`` plus JSON serialisation.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.config import ROOT
from app.db.models import Article, Claim, Finding, Sentence, Source
from app.db.session import open_database
from app.nlp.pipeline import load_nlp
from app.services.comparison import refresh_findings
from app.services.export import build_export
from app.services.ingest import ingest_paths

SEEDS = ROOT / "seeds"
T = TypeVar("T")

# Number words the perturbation swaps among (the engine reads them with text2num).
NUMBER_WORDS = ("dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez")
_NUMBER_WORD = re.compile(rf"\b({'|'.join(NUMBER_WORDS)})\b")
_DIGITS = re.compile(r"\b\d{1,4}\b")
_SENTENCE_END = re.compile(r"(?<=[.!?»”\"])\s+(?=[«“\"¿¡A-ZÁÉÍÓÚÑ])")
OUTLET_WORDS = ("Diario", "Crónica", "Gaceta", "Heraldo", "Correo", "Voz", "Eco", "Noticiero")
PLACES = ("del Norte", "del Sur", "de la Costa", "Central", "del Valle", "Austral", "Insular")


def perturb(text: str, rng: random.Random) -> str:
    """Shuffle the sentences and change the numbers of one article."""
    lines = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        sentences = _SENTENCE_END.split(line.strip())
        rng.shuffle(sentences)
        lines.append(" ".join(sentences))
    rng.shuffle(lines)
    text = "\n".join(lines) + "\n"
    text = _NUMBER_WORD.sub(lambda m: rng.choice(NUMBER_WORDS), text)

    def new_digits(match: re.Match[str]) -> str:
        number = int(match.group())
        if 1900 <= number <= 2100:  # a year: stay plausible
            return str(number + rng.randint(-2, 2))
        return str(max(1, number + rng.randint(-number // 2, number // 2 + 1)))

    return _DIGITS.sub(new_digits, text)


def outlet_names(count: int, rng: random.Random) -> list[str]:
    names = [f"{w} {p}" for w in OUTLET_WORDS for p in PLACES]
    rng.shuffle(names)
    while len(names) < count:  # more outlets than combinations: number the rest
        names.append(f"Outlet {len(names) + 1:03d}")
    return names[:count]


def build_corpus(folder: Path, articles: int, outlets: int, seed: int) -> None:
    """``articles`` perturbed seed copies, a sources.toml with labels, the seeds' topics.toml."""
    rng = random.Random(seed)
    seeds = sorted(SEEDS.glob("*.txt"))
    names = outlet_names(outlets, rng)
    seen: set[str] = set()
    entries = []
    for n in range(articles):
        original = seeds[n % len(seeds)].read_text(encoding="utf-8")
        for _attempt in range(20):
            text = perturb(original, rng)
            digest = hashlib.sha256(text.encode()).hexdigest()
            if digest not in seen:
                break
        seen.add(digest)
        file = f"article_{n:05d}.txt"
        (folder / file).write_text(text, encoding="utf-8")
        entries.append(f'[[source]]\nfile = "{file}"\nname = "{names[n % len(names)]}"\n')
    (folder / "sources.toml").write_text('[defaults]\nlanguage = "es"\n\n' + "\n".join(entries))
    shutil.copy(SEEDS / "topics.toml", folder / "topics.toml")


def timed(action: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


@dataclass
class Run:
    label: str
    articles: int = 0
    sentences: int = 0
    claims: int = 0
    findings: int = 0
    sources: int = 0
    failed: int = 0
    total: float = 0.0
    analyse_store: float = 0.0
    refresh: float = 0.0
    export: float = 0.0
    export_bytes: int = 0
    db_bytes: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def relink_and_findings(self) -> float:
        return self.total - self.analyse_store


def count(session_factory: sessionmaker[Session], model: type) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def database_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def run_ingest(label: str, folder: Path, workdir: Path) -> Run:
    nlp = load_nlp()
    db_path = workdir / f"{label}.sqlite3"
    session_factory = open_database(f"sqlite:///{db_path}")
    stored_at: list[float] = []
    start = time.perf_counter()
    report = ingest_paths(
        session_factory,
        nlp,
        [folder],
        progress=lambda done, total: stored_at.append(time.perf_counter()),
    )
    end = time.perf_counter()
    run = Run(label, total=end - start, failed=len(report.failed))
    run.analyse_store = (stored_at[-1] if stored_at else end) - start
    run.articles = count(session_factory, Article)
    run.sentences = count(session_factory, Sentence)
    run.claims = count(session_factory, Claim)
    run.sources = count(session_factory, Source)
    _, run.refresh = timed(lambda: refresh_findings(session_factory))
    run.findings = count(session_factory, Finding)

    def export() -> str:
        with session_factory() as session:
            return json.dumps(build_export(session), ensure_ascii=False)

    text, run.export = timed(export)
    run.export_bytes = len(text.encode())
    run.db_bytes = database_bytes(db_path)
    return run


def report(console: Console, model_load: float, runs: list[Run]) -> None:
    table = Table(title="Cotejo ingest benchmark", show_lines=False)
    table.add_column("measure")
    for run in runs:
        table.add_column(run.label, justify="right")

    def row(name: str, cell: Callable[[Run], str]) -> None:
        table.add_row(name, *(cell(run) for run in runs))

    table.add_row("model load (s)", *([f"{model_load:.2f}"] * len(runs)))
    row("articles / sources", lambda r: f"{r.articles} / {r.sources}")
    row("sentences / claims", lambda r: f"{r.sentences} / {r.claims}")
    row("failed files", lambda r: str(r.failed))
    row("ingest total (s)", lambda r: f"{r.total:.2f}")
    row("analysis + store (s)", lambda r: f"{r.analyse_store:.2f}")
    row("  articles / s", lambda r: f"{r.articles / r.analyse_store:.1f}")
    row("  sentences / s", lambda r: f"{r.sentences / r.analyse_store:.0f}")
    row("relink + findings in ingest (s)", lambda r: f"{r.relink_and_findings:.2f}")
    row("findings refresh alone (s)", lambda r: f"{r.refresh:.3f}")
    row("findings", lambda r: str(r.findings))
    row("export JSON (s)", lambda r: f"{r.export:.3f}")
    row("export size (KiB)", lambda r: f"{r.export_bytes / 1024:.0f}")
    row("DB size incl. WAL (KiB)", lambda r: f"{r.db_bytes / 1024:.0f}")
    console.print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ingest_bench")
    parser.add_argument("--articles", type=int, default=200, help="synthetic articles (200)")
    parser.add_argument("--outlets", type=int, default=40, help="distinct outlet labels (40)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the perturbations")
    args = parser.parse_args(argv)
    console = Console()

    load_nlp.cache_clear()
    _, model_load = timed(load_nlp)
    # Sanity of the manifest the corpus reuses: fail early with a clear message.
    tomllib.loads((SEEDS / "topics.toml").read_text(encoding="utf-8"))

    with tempfile.TemporaryDirectory(prefix="cotejo-bench-") as tmp:
        workdir = Path(tmp)
        runs = [run_ingest("seeds (5)", SEEDS, workdir)]
        corpus = workdir / "corpus"
        corpus.mkdir()
        _, build = timed(lambda: build_corpus(corpus, args.articles, args.outlets, args.seed))
        console.print(f"built {args.articles} synthetic articles in {build:.2f} s")
        runs.append(run_ingest(f"synthetic ({args.articles})", corpus, workdir))
    report(console, model_load, runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
