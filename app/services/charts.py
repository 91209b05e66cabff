"""Geometry of the inline SVG charts: interval charts (one axis, one row per source's
value) and timelines (each figure at its article's publication time, updates linked).

Coordinates are computed here so the templates only draw; open ends run to the edge
of the plot ("more than 4 h"), exact values are points ("5 h").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
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
    id: str  # the figure's element id, stable for what it charts
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


def build_chart(
    kind: str,
    points: Sequence[tuple[str, IntervalValue]],
    *,
    chart_id: str | None = None,
    title: str | None = None,
) -> Chart | None:
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
        id=chart_id or f"chart-{kind}",
        kind=kind,
        title=title or f"{kind.capitalize()} given by each source",
        description=summary,
        width=WIDTH,
        height=int(axis_y + AXIS_HEIGHT),
        left=LEFT,
        right=RIGHT,
        axis_y=axis_y,
        rows=rows,
        ticks=ticks,
    )


# --- Timelines ------------------------------------------------------------------------------

TIMELINE_LEFT, TIMELINE_RIGHT = 64, 384
TIMELINE_TOP, TIMELINE_BOTTOM = 14, 112
TIMELINE_HEIGHT = 150


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    x: float
    y: float
    label: str  # the entry's number in the list under the chart
    value_label: str
    superseded: bool  # a later report updates it


@dataclass(frozen=True, slots=True)
class TimelineLink:
    """An update: from the earlier figure to the later one that supersedes it."""

    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True, slots=True)
class TimelineChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    points: list[TimelinePoint]
    links: list[TimelineLink]
    x_ticks: list[Tick]
    y_ticks: list[TimelineTick]


@dataclass(frozen=True, slots=True)
class TimelineTick:
    y: float
    label: str


def _figure(value: IntervalValue) -> float | None:
    """Where a figure sits on the vertical axis: its middle, or its known end."""
    if value.low is not None and value.high is not None:
        return (value.low + value.high) / 2
    return value.low if value.low is not None else value.high


def _moment_label(moment: datetime) -> str:
    return (
        moment.strftime("%d %b %H:%M")
        if (moment.hour, moment.minute) != (0, 0)
        else (moment.strftime("%d %b"))
    )


@dataclass(frozen=True, slots=True)
class TimedValue:
    """A figure to place on a timeline."""

    id: int  # the value's id, which ``links`` refer to
    moment: datetime
    label: str  # what the point is called (its number in the list under the chart)
    value: IntervalValue
    superseded: bool = False


def build_timeline(
    chart_id: str,
    kind: str,
    title: str,
    points: Sequence[TimedValue],
    links: Sequence[tuple[int, int]] = (),
) -> TimelineChart | None:
    """Figures by publication time; ``links`` (earlier value id, later value id) are
    updates, drawn from one point to the other. None without two moments or numbers."""
    placed = [(p, f) for p in points if (f := _figure(p.value)) is not None]
    moments = sorted({p.moment for p, _ in placed})
    if len(moments) < 2:
        return None
    first, last = moments[0], moments[-1]
    span = (last - first).total_seconds()
    lo, hi = _domain(kind, [f for _, f in placed])

    def x(moment: datetime) -> float:
        share = (moment - first).total_seconds() / span
        return round(TIMELINE_LEFT + share * (TIMELINE_RIGHT - TIMELINE_LEFT), 1)

    def y(figure: float) -> float:
        share = (figure - lo) / (hi - lo)
        return round(TIMELINE_BOTTOM - share * (TIMELINE_BOTTOM - TIMELINE_TOP), 1)

    shown = [
        TimelinePoint(x(p.moment), y(f), p.label, p.value.label, p.superseded) for p, f in placed
    ]
    at = {p.id: (x(p.moment), y(f)) for p, f in placed}
    drawn = [TimelineLink(*at[a], *at[b]) for a, b in links if a in at and b in at and a != b]
    unit = placed[0][0].value.unit
    step = nice_step(hi - lo, kind, target=3)
    y_ticks, tick = [], step * -(-lo // step)
    while tick <= hi:
        y_ticks.append(TimelineTick(y(tick), "0" if tick == 0 else format_point(kind, tick, unit)))
        tick += step
    x_ticks = [Tick(x(first), _moment_label(first)), Tick(x(last), _moment_label(last))]
    described = "; ".join(
        f"{p.label}: {p.value.label} at {_moment_label(p.moment)}" for p, _ in placed
    )
    return TimelineChart(
        id=chart_id,
        title=title,
        description=described,
        width=WIDTH,
        height=TIMELINE_HEIGHT,
        left=TIMELINE_LEFT,
        right=TIMELINE_RIGHT,
        top=TIMELINE_TOP,
        bottom=TIMELINE_BOTTOM,
        points=shown,
        links=drawn,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
    )
