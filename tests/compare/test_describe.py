"""Human-readable forms of normalised values."""

from __future__ import annotations

from datetime import date

import pytest

from app.compare.describe import format_interval
from tests.compare.support import H, epoch_days


@pytest.mark.parametrize(
    ("kind", "low", "high", "unit", "text"),
    [
        ("duration", 5 * H, 5 * H, "s", "5 h"),
        ("duration", 4 * H, None, "s", "4 h or more"),
        ("duration", None, 3 * H, "s", "up to 3 h"),
        ("duration", 1.5 * H, 1.5 * H, "s", "1 h 30 min"),
        ("duration", 36, 44, "s", "36 s–44 s"),
        ("weekday", 3, 3, "", "Wednesday"),
        ("month", 9, 9, "", "September"),
        ("day", 913, 913, "mmdd", "13 September"),
        ("date", epoch_days(date(2023, 9, 13)), epoch_days(date(2023, 9, 13)), "", "2023-09-13"),
        ("date", epoch_days(date(2019, 4, 1)), epoch_days(date(2019, 4, 30)), "", "April 2019"),
        ("date", epoch_days(date(2019, 1, 1)), epoch_days(date(2019, 12, 31)), "", "2019"),
        ("year", 2019, 2019, "", "2019"),
        ("ordinal", 3, 3, "puesto", "3rd (puesto)"),
        ("count", 4, 4, "dron", "4 (dron)"),
        ("count", 10_000_000, None, "proyectil", "10,000,000 or more (proyectil)"),
        ("time", 83460, 83460, "s", "23:11"),
        ("length", 18_500, 18_500, "m", "18.5 km"),
        ("length", 2.5, 2.5, "m", "2.5 m"),
        ("speed", 190, 190, "km/h", "190 km/h"),
        ("money", 4.5e6, 4.5e6, "EUR", "4,500,000 EUR"),
        ("area", 4.5e7, 4.5e7, "m2", "45 km²"),
        ("volume", 40_000, 40_000, "m3", "40,000 m³"),
        ("volume", 0.5, 0.5, "m3", "500 l"),
        ("flow", 0.25, 0.25, "m3/s", "0.25 m³/s"),
        ("mass", 0.0005, 0.0005, "kg", "500 mg"),
        ("mass", 2500, 2500, "kg", "2.5 t"),
        ("concentration", 2.4, 2.4, "mg/l", "2.4 mg/l"),
        ("percentage_points", 0.30000000000000004, 0.30000000000000004, "pp", "0.3 points"),
        ("magnitude", 6.8, 6.8, "magnitude", "magnitude 6.8"),
        ("percent", 33.1, 33.1, "%", "33.1%"),
    ],
)
def test_format_interval(kind, low, high, unit, text) -> None:
    assert format_interval(kind, low, high, unit) == text
