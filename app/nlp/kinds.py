"""The kinds of value the readers produce, and the families of them the rest of the engine
asks about: one list, so a new kind (a volume, a flow) is added once."""

from __future__ import annotations

# Money is read, scoped (a price per unit) and compared (a price against a total) apart.
MONEY = "money"
# Physical quantities with a canonical unit (values.toml [units]).
UNIT_MEASURES = ("length", "area", "volume", "flow", "concentration", "mass")
# Measures of one thing do not differ a hundredfold (app/compare/relate.py).
PHYSICAL_KINDS = frozenset({"duration", "speed", *UNIT_MEASURES})
# Kinds whose quantity cannot be negative, so "menos de X" means [0, X].
NON_NEGATIVE_KINDS = frozenset(
    {
        "duration", "count", "percent", "percentage_points", "speed", "precipitation",
        "money", "magnitude", *UNIT_MEASURES,
    }
)  # fmt: skip
# Kinds that bounds apply to; temperatures may be negative, so "menos de" leaves them open.
QUALIFIABLE_KINDS = NON_NEGATIVE_KINDS | {"temperature"}
# Kinds a range ("entre X e Y") or alternative ("tres o cuatro") can measure.
RANGE_KINDS = QUALIFIABLE_KINDS | {"year"}
# The kinds of value the readers produce once relative days are resolved: what a topics
# file may name in value_kinds.
VALUE_KINDS = (
    "duration", "count", "date", "day", "weekday", "month", "year", "time", "ordinal",
    "percent", "percentage_points", "length", "speed", "area", "volume", "flow",
    "concentration", "mass", "temperature", "precipitation", "money", "magnitude", "scale",
)  # fmt: skip
