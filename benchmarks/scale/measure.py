"""Clocks, memory and the arithmetic every stage of the benchmark shares."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Elapsed:
    cpu: float  # CPU seconds of this process, all its threads
    wall: float


class Stopwatch:
    """CPU and wall time since it was made (or since ``restart``)."""

    def __init__(self) -> None:
        self.restart()

    def restart(self) -> None:
        self._cpu, self._wall = time.process_time(), time.perf_counter()

    def elapsed(self) -> Elapsed:
        return Elapsed(time.process_time() - self._cpu, time.perf_counter() - self._wall)


def _status_mb(pid: int | str, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024  # kB
    raise LookupError(f"no {field} in /proc/{pid}/status")


def peak_rss_mb(pid: int | str = "self") -> float:
    """The process's peak resident set (VmHWM) since it started or since ``reset_peak_rss``."""
    return _status_mb(pid, "VmHWM")


def reset_peak_rss() -> bool:
    """Start the peak over from the current RSS (Linux: ``5`` into clear_refs), so a stage's
    peak is its own and not the generator's or an earlier stage's; False if refused."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def growth_exponent(small: int, small_time: float, big: int, big_time: float) -> float:
    """The log-log slope between two sizes: 1 is linear, 2 quadratic."""
    return math.log(big_time / small_time) / math.log(big / small)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def database_mb(path: Path) -> float:
    """A SQLite file with its WAL and shared-memory companions."""
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20
