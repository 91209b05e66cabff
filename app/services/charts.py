"""Geometry of the inline SVG interval charts: one axis, one row per source's value.

Coordinates are computed here so the template only draws; open ends run to the edge
of the plot ("more than 4 h"), exact values are points ("5 h").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import floor, log10
from typing import Protocol

from app.compare.describe import format_point

WIDTH = 400
LEFT, RIGHT = 12, 388
ROW_HEIGHT = 38
TOP = 8
AXIS_HEIGHT = 30
# Durations get ticks on clock-friendly steps (seconds).
DURATION_STEPS = (1, 5, 10, 15, 30, 60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200)
# Magnitudes start at zero; positions in time (years, dates, weekdays) do not.
ZERO_BASED = {"duration", "count", "percent", "money", "distance"}


class IntervalValue(Protocol):
    kind: str
    label: str
    low: float | None
    high: float | None
    unit: str


@dataclass(frozen=True, slots=True)
class ChartRow:
    label: str
    value_label: str
    shape: str  # point | range | open-high | open-low
    x1: float
    x2: float
    y: float


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    kind: str
    title: str
    description: str
    width: int
    height: int
    left: int
    right: int
    axis_y: float
    rows: list[ChartRow]
    ticks: list[Tick]


def nice_step(span: float, kind: str, target: int = 5) -> float:
    raw = span / target
    if kind == "duration":
        return next((s for s in DURATION_STEPS if s >= raw), DURATION_STEPS[-1])
    if kind in {"weekday", "year", "ordinal"}:
        raw = max(raw, 1)
    magnitude = 10 ** floor(log10(raw)) if raw > 0 else 1
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def _domain(kind: str, ends: Sequence[float]) -> tuple[float, float]:
    low, high = min(ends), max(ends)
    if kind in ZERO_BASED and low >= 0:
        return 0.0, high * 1.3 if high > 0 else 1.0
    pad = max((high - low) * 0.25, 1.0)
    return low - pad, high + pad


def build_chart(kind: str, points: Sequence[tuple[str, IntervalValue]]) -> Chart | None:
    """A chart of (source name, value) intervals on one axis, or None without numbers."""
    ends = [e for _, v in points for e in (v.low, v.high) if e is not None]
    if not ends:
        return None
    lo, hi = _domain(kind, ends)
    unit = points[0][1].unit

    def x(value: float) -> float:
        return round(LEFT + (value - lo) / (hi - lo) * (RIGHT - LEFT), 1)

    rows = []
    for index, (source, value) in enumerate(points):
        y = TOP + index * ROW_HEIGHT + 26
        if value.low is not None and value.high is not None:
            shape = "point" if value.low == value.high else "range"
            x1, x2 = x(value.low), x(value.high)
        elif value.low is not None:
            shape, x1, x2 = "open-high", x(value.low), RIGHT
        else:
            shape, x1, x2 = "open-low", LEFT, x(value.high or lo)
        rows.append(ChartRow(source, value.label, shape, x1, x2, y))

    step = nice_step(hi - lo, kind)
    first = step * -(-lo // step)
    ticks, tick = [], first
    while tick <= hi:
        label = "0" if tick == 0 else format_point(kind, tick, unit)
        ticks.append(Tick(x(tick), label))
        tick += step
    axis_y = TOP + len(rows) * ROW_HEIGHT + 4
    summary = "; ".join(f"{r.label}: {r.value_label}" for r in rows)
    return Chart(
        kind=kind,
        title=f"{kind.capitalize()} given by each source",
        description=summary,
        width=WIDTH,
        height=int(axis_y + AXIS_HEIGHT),
        left=LEFT,
        right=RIGHT,
        axis_y=axis_y,
        rows=rows,
        ticks=ticks,
    )
