"""Human-readable forms of normalised values, for explanations and the dashboard."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

EPOCH = date(1970, 1, 1)
DURATION_STEPS = (("yr", 31_557_600), ("d", 86_400), ("h", 3_600), ("min", 60), ("s", 1))


def format_duration(seconds: float) -> str:
    """14400 -> '4 h', 5400 -> '1 h 30 min', 36 -> '36 s'."""
    remaining = round(seconds)
    parts: list[str] = []
    for label, size in DURATION_STEPS:
        count, remaining = divmod(remaining, size)
        if count:
            parts.append(f"{count} {label}")
    return " ".join(parts[:2]) or "0 s"


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _figure(number: float) -> str:
    """18.5 -> '18.5', 3000 -> '3,000', 0.30000000000000004 -> '0.3'."""
    return f"{round(number, 6):,.15g}"


def format_length(metres: float) -> str:
    return f"{_figure(metres / 1000)} km" if abs(metres) >= 1000 else f"{_figure(metres)} m"


def format_area(square_metres: float) -> str:
    if abs(square_metres) >= 1e6:
        return f"{_figure(square_metres / 1e6)} km²"
    if abs(square_metres) >= 1e4:
        return f"{_figure(square_metres / 1e4)} ha"
    return f"{_figure(square_metres)} m²"


def format_mass(kg: float) -> str:
    if abs(kg) >= 1000:
        return f"{_figure(kg / 1000)} t"
    if abs(kg) >= 1 or kg == 0:
        return f"{_figure(kg)} kg"
    if abs(kg) >= 0.001:
        return f"{_figure(kg * 1000)} g"
    return f"{_figure(kg * 1e6)} mg"


def format_volume(cubic_metres: float) -> str:
    # A spill of 40 millones de litros reads as 40,000 m³; a tank of 500 litros stays in litres.
    if abs(cubic_metres) >= 1:
        return f"{_figure(cubic_metres)} m³"
    return f"{_figure(cubic_metres * 1000)} l"


def format_clock(seconds: float) -> str:
    minutes = round(seconds / 60) % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


UNIT_FORMATS = {
    "length": format_length,
    "area": format_area,
    "volume": format_volume,
    "flow": lambda v: f"{_figure(v)} m³/s",
    "concentration": lambda v: f"{_figure(v)} mg/l",
    "time": format_clock,
    "mass": format_mass,
    "speed": lambda v: f"{_figure(v)} km/h",
    "temperature": lambda v: f"{_figure(v)} °C",
    "precipitation": lambda v: f"{_figure(v)} l/m²",
    "percentage_points": lambda v: f"{_figure(v)} points",
    "magnitude": lambda v: f"magnitude {_figure(v)}",
}


def format_point(kind: str, number: float, unit: str) -> str:
    """One end of an interval, in the value kind's natural form."""
    n = round(number)
    if kind == "duration":
        return format_duration(number)
    if kind in UNIT_FORMATS:
        return UNIT_FORMATS[kind](number)
    if kind == "money":
        return f"{_figure(number)} {unit}"
    if kind == "scale":
        return f"{unit} {n}"
    if kind == "day":
        month, day = divmod(n, 100)
        return f"{day} {calendar.month_name[month]}" if 1 <= month <= 12 else str(n)
    if kind == "weekday" and 1 <= n <= 7:
        return calendar.day_name[n - 1]
    if kind == "month" and 1 <= n <= 12:
        return calendar.month_name[n]
    if kind == "date":
        return (EPOCH + timedelta(days=n)).isoformat()
    if kind == "year":
        return str(n)
    if kind == "ordinal":
        return f"{n}{_ordinal_suffix(n)}"
    if kind == "percent":
        return f"{round(number, 6):g}%"
    return _figure(number)


def _calendar_span(low: float, high: float) -> str | None:
    """'2019' or 'April 2019' when a date interval is exactly a whole year or month."""
    first = EPOCH + timedelta(days=round(low))
    last = EPOCH + timedelta(days=round(high))
    if first.year != last.year or first.day != 1:
        return None
    if (first.month, last.month, last.day) == (1, 12, 31):
        return str(first.year)
    month_end = calendar.monthrange(first.year, first.month)[1]
    if first.month == last.month and last.day == month_end:
        return f"{calendar.month_name[first.month]} {first.year}"
    return None


def format_interval(kind: str, low: float | None, high: float | None, unit: str) -> str:
    """'5 h', '4 h or more', 'up to 3 h', '36 s–44 s', 'April 2019'; counts and ordinals
    name their noun."""
    if kind == "date" and low is not None and high is not None:
        whole = _calendar_span(low, high)
        if whole:
            return whole
    if low is not None and high is not None:
        if low == high:
            text = format_point(kind, low, unit)
        else:
            text = f"{format_point(kind, low, unit)}–{format_point(kind, high, unit)}"
    elif low is not None:
        text = f"{format_point(kind, low, unit)} or more"
    elif high is not None:
        text = f"up to {format_point(kind, high, unit)}"
    else:
        text = "unknown"
    if kind in {"count", "ordinal"} and unit:
        text = f"{text} ({unit})"
    return text
