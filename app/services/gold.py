"""Gold files (``gold.toml``): what a careful reader finds in an evaluation corpus.

The format is documented in benchmarks/corpora/README.md. Every reference to a claim is an
outlet and a quote, an exact substring of one of that outlet's articles; loading checks
the file's shape and says what is wrong, naming the entry.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

FINDING_KINDS = ("conflict", "update", "dispute", "agreement")
SEVERITIES = ("hard", "soft")
CERTAINTIES = ("asserted", "hedged", "denied")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
EPOCH = date(1970, 1, 1)
# Kind names a gold file may use for the engine's kinds.
KIND_ALIASES = {"rainfall": "precipitation", "percentage-points": "percentage_points"}


class GoldError(ValueError):
    """An invalid gold file; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Ref:
    source: str
    quote: str


@dataclass(frozen=True, slots=True)
class GoldFinding:
    id: str
    kind: str  # conflict | update | dispute | agreement | trap | optional
    severity: str | None
    a: Ref
    b: Ref


@dataclass(frozen=True, slots=True)
class GoldValue:
    ref: Ref
    kind: str
    low: float | None  # None: open
    high: float | None
    approx: bool


@dataclass(frozen=True, slots=True)
class GoldCertainty:
    ref: Ref
    certainty: str


@dataclass(slots=True)
class Gold:
    path: Path
    event: str = ""
    studied: list[str] = field(default_factory=list)
    findings: list[GoldFinding] = field(default_factory=list)  # incl. traps and optional
    values: list[GoldValue] = field(default_factory=list)
    certainties: list[GoldCertainty] = field(default_factory=list)
    topics: list[list[Ref]] = field(default_factory=list)


def _ref(table: Any, where: str) -> Ref:
    if not isinstance(table, dict) or not {"source", "quote"} <= set(table):
        raise GoldError(f'{where}: expected {{ source = "...", quote = "..." }}')
    source, quote = table["source"], table["quote"]
    if not isinstance(source, str) or not isinstance(quote, str) or not quote.strip():
        raise GoldError(f"{where}: source and quote must be non-empty strings")
    return Ref(source, " ".join(quote.split()))


def _number(value: Any, kind: str, where: str) -> float | None:
    """A gold figure in the engine's units: "open", numbers, ISO dates, "HH:MM", English
    weekday names, "YYYY-MM" months."""
    if value == "open" or value is None:
        return None
    if isinstance(value, bool):
        raise GoldError(f"{where}: expected a number, got {value!r}")
    if isinstance(value, int | float):
        if math.isinf(value):
            return None
        return float(value)
    if isinstance(value, date):
        return float((value - EPOCH).days)
    if isinstance(value, time):
        return float(value.hour * 3600 + value.minute * 60)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in WEEKDAYS:
            return float(WEEKDAYS.index(text) + 1)
        try:
            if kind == "time" or (":" in text and len(text) <= 5):
                hours, minutes = text.split(":")
                return float(int(hours) * 3600 + int(minutes) * 60)
            if len(text) == 10:
                return float((date.fromisoformat(text) - EPOCH).days)
            if len(text) == 7 and kind == "month":
                return float(int(text[5:]))
        except ValueError:
            pass
    raise GoldError(f"{where}: cannot read {value!r} as a {kind} value")


def _entries(doc: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
    tables = doc.get(key, [])
    if not isinstance(tables, list):
        raise GoldError(f"[[{key}]] must be an array of tables")
    return [(f"[[{key}]] #{n} {t.get('id', '')}".strip(), t) for n, t in enumerate(tables, 1)]


def load_gold(path: Path) -> Gold:
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise GoldError(f"{path}: cannot be read as TOML: {exc}") from None
    corpus = doc.get("corpus", {})
    gold = Gold(path, str(corpus.get("event", "")), list(corpus.get("studied", [])))
    for key, default_kind in (("finding", None), ("trap", "trap"), ("optional", "optional")):
        for where, table in _entries(doc, key):
            where = f"{path}: {where}"
            kind = default_kind or table.get("kind")
            if kind not in (*FINDING_KINDS, "trap", "optional"):
                raise GoldError(
                    f"{where}: field 'kind': expected one of {', '.join(FINDING_KINDS)}"
                )
            severity = table.get("severity") if kind in ("conflict", "dispute") else None
            if kind == "conflict" and severity not in SEVERITIES:
                raise GoldError(f"{where}: field 'severity': expected hard or soft")
            gold.findings.append(
                GoldFinding(
                    str(table.get("id", where)),
                    kind,
                    severity,
                    _ref(table.get("a"), f"{where}: field 'a'"),
                    _ref(table.get("b"), f"{where}: field 'b'"),
                )
            )
    for where, table in _entries(doc, "value"):
        where = f"{path}: {where}"
        kind = KIND_ALIASES.get(table.get("kind", ""), table.get("kind", ""))
        ref = _ref(table, where)
        gold.values.append(
            GoldValue(
                ref,
                kind,
                _number(table.get("low"), kind, f"{where}: field 'low'"),
                _number(table.get("high", table.get("low")), kind, f"{where}: field 'high'"),
                bool(table.get("approx", False)),
            )
        )
    for where, table in _entries(doc, "certainty"):
        where = f"{path}: {where}"
        certainty = table.get("certainty")
        if certainty not in CERTAINTIES:
            raise GoldError(f"{where}: field 'certainty': expected one of {', '.join(CERTAINTIES)}")
        gold.certainties.append(GoldCertainty(_ref(table, where), certainty))
    for where, table in _entries(doc, "topic"):
        members = table.get("members", [])
        gold.topics.append([_ref(m, f"{path}: {where}: members") for m in members])
    return gold
