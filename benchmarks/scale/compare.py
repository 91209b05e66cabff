"""How the findings refresh grows with the corpus: CPU time at two sizes, interleaved."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from app.db.models import Finding
from app.db.session import open_database
from app.services.comparison import refresh_findings
from benchmarks.scale.ingest import close, sqlite_url
from benchmarks.scale.measure import Stopwatch, growth_exponent


@dataclass(frozen=True, slots=True)
class GrowthFigures:
    small_articles: int
    big_articles: int
    small_cpu: list[float]
    big_cpu: list[float]
    small_findings: int
    big_findings: int

    @property
    def exponent(self) -> float:
        return growth_exponent(
            self.small_articles, min(self.small_cpu), self.big_articles, min(self.big_cpu)
        )

    @property
    def findings_exponent(self) -> float | None:
        if not (self.small_findings and self.big_findings):
            return None
        return growth_exponent(
            self.small_articles, self.small_findings, self.big_articles, self.big_findings
        )


def refresh_cpu(database: Path) -> tuple[float, int]:
    """CPU seconds of one ``refresh_findings`` on a stored database, and its findings."""
    session_factory = open_database(sqlite_url(database))
    watch = Stopwatch()
    refresh_findings(session_factory)
    spent = watch.elapsed().cpu
    with session_factory() as session:
        findings = session.scalar(select(func.count()).select_from(Finding)) or 0
    close(session_factory)
    return spent, findings


def growth(
    small: tuple[int, Path],
    big: tuple[int, Path],
    rounds: int,
    advance: Callable[[int, int], None],
) -> GrowthFigures:
    """Refresh the small and the big database alternately, ``rounds`` times each."""
    small_cpu, big_cpu = [], []
    small_findings = big_findings = 0
    for n in range(rounds):
        spent, small_findings = refresh_cpu(small[1])
        small_cpu.append(spent)
        spent, big_findings = refresh_cpu(big[1])
        big_cpu.append(spent)
        advance(n + 1, rounds)
    return GrowthFigures(small[0], big[0], small_cpu, big_cpu, small_findings, big_findings)
