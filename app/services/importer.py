"""``cotejo import``: a ``cotejo export`` file restored into an empty database, all or nothing.

Rows keep their ids, so the restored database exports the same file again, byte for byte,
and links people shared (``/sources/12``, ``?source=3``) still lead where they did. The
whole file is read and checked before anything is written; the writes are one
transaction. What each key of the file becomes is said in app/services/import_format.py.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, literal, select
from sqlalchemy import text as sql
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.db import queries
from app.db.models import Base, Claim, DerivedState, Source
from app.services.errors import InputError
from app.services.export import EXPORT_VERSION
from app.services.import_format import (
    FLAGS,
    REVIEWS,
    SECTIONS,
    SOURCES,
    Section,
    json_list,
    json_object,
    optional,
    pair,
    row_id,
    text,
)


@dataclass(frozen=True, slots=True)
class ImportReport:
    """How many rows of each section were restored."""

    counts: dict[str, int]

    @property
    def line(self) -> str:
        return ", ".join(f"{n} {name}" for name, n in self.counts.items())


def read_export(path: Path) -> dict[str, Any]:
    """The file's JSON object, of the version this Cotejo writes; InputError otherwise."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError("file", f"cannot be read: {exc.strerror or exc}.") from exc
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError("file", f"is not UTF-8 text (byte {exc.start}).") from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            "file",
            f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "is it a truncated or damaged copy?",
        ) from exc
    except RecursionError as exc:
        raise InputError("file", "is not a cotejo export (nested too deeply).") from exc
    if not isinstance(document, dict):
        raise InputError("file", "is not a cotejo export: it holds no JSON object.")
    if "version" not in document:
        raise InputError(
            "version",
            "version: the file has none: it is not a cotejo export, or one written before "
            "`cotejo import` existed (export it again with this Cotejo).",
        )
    if document["version"] != EXPORT_VERSION:
        raise InputError(
            "version",
            f"version: the file is version {json.dumps(document['version'])}; "
            f"this Cotejo imports version {EXPORT_VERSION}.",
        )
    return document


def _key(item: dict[str, Any], key: str, where: str) -> Any:
    if key not in item:
        raise InputError(f"{where}.{key}", f"{where}: the key {key!r} is missing.")
    return item[key]


class _Rows:
    """The file read into rows per model, and the keys each row can be referred to by."""

    def __init__(self) -> None:
        self.rows: dict[type[Base], list[dict[str, Any]]] = defaultdict(list)
        # "claims.id" -> {7: 7}, "topics.slug" -> {"muertos-count": 3}: key in file -> row id.
        self.known: dict[str, dict[Any, int | None]] = defaultdict(dict)

    def read(self, section: Section, items: Any, path: str, parent: dict[str, int]) -> None:
        for index, raw in enumerate(json_list(items, path)):
            where = f"{path}[{index}]"
            item = json_object(raw, where)
            row: dict[str, Any] = dict(parent)
            for key, field in section.fields.items():
                if field.added_later and key not in item:
                    row[field.column] = None
                    continue
                value = field.read(_key(item, key, where), f"{where}.{key}")
                if field.refers:
                    value = self._resolve(field.refers, value, f"{where}.{key}")
                if isinstance(field.column, tuple):
                    row.update(zip(field.column, value, strict=True))
                else:
                    row[field.column] = value
            for key in section.unique:
                seen = self.known[f"{section.name}.{key}"]
                if item[key] in seen:
                    raise InputError(
                        f"{where}.{key}",
                        f"{where}.{key}: {json.dumps(item[key])} is also the {key} of another "
                        f"item of {section.name}.",
                    )
                seen[item[key]] = row.get("id")
            self.rows[section.model].append(row)
            for key, (inner, column) in section.nested.items():
                self.read(inner, _key(item, key, where), f"{where}.{key}", {column: row["id"]})

    def _resolve(self, refers: str, value: Any, path: str) -> Any:
        if isinstance(value, tuple):
            return tuple(self._resolve(refers, v, f"{path}[{i}]") for i, v in enumerate(value))
        if value is None:
            return None
        known = self.known[refers]
        if value not in known:
            section, key = refers.split(".")
            raise InputError(
                path, f"{path}: no item of {section} has the {key} {json.dumps(value)}."
            )
        return known[value]


def _outlets(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The outlets, from each article's ``outlet_id``, ``outlet_key`` and ``name``: one
    name and one key per id."""
    outlets: dict[int, tuple[str, str]] = {}
    ids: dict[str, int] = {}
    for index, item in enumerate(items):
        where = f"sources[{index}]"
        outlet = row_id(item["outlet_id"], f"{where}.outlet_id")
        name = text(_key(item, "name", where), f"{where}.name")
        key = text(_key(item, "outlet_key", where), f"{where}.outlet_key")
        seen = outlets.setdefault(outlet, (name, key))
        if seen != (name, key) or ids.setdefault(key, outlet) != outlet:
            raise InputError(
                f"{where}.outlet_key",
                f"{where}: outlet {outlet} is {name!r} ({key}) here and {seen[0]!r} "
                f"({seen[1]}) elsewhere (or that key has another outlet_id).",
            )
    return [{"id": outlet, "name": n, "key": k} for outlet, (n, k) in outlets.items()]


def _check_derived_ids(document: dict[str, Any], rows: _Rows) -> None:
    """The ids the export writes next to the fingerprints of reviews and flags must agree.

    A review's ``finding_id`` is the finding with its fingerprint, null when none has it
    (the finding went away with a re-ingest; the review stays); a flag's ``claim_ids`` are
    the first claim with each fingerprint, likewise.
    """
    findings = rows.known["findings.fingerprint"]
    claims: dict[str, int] = {}
    for row in sorted(rows.rows[Claim], key=lambda r: r["id"]):
        claims.setdefault(row["fingerprint"], row["id"])
    for index, item in enumerate(document[REVIEWS.name]):
        path = f"reviews[{index}].finding_id"
        given = optional(row_id)(_key(item, "finding_id", f"reviews[{index}]"), path)
        fingerprint = item["finding_fingerprint"]
        what = f"finding with the fingerprint {fingerprint}"
        _agree(path, given, findings.get(fingerprint), what)
    for index, item in enumerate(document[FLAGS.name]):
        path = f"flags[{index}].claim_ids"
        given = pair(optional(row_id))(_key(item, "claim_ids", f"flags[{index}]"), path)
        for side, fingerprint in enumerate(item["claim_fingerprints"]):
            what = f"claim with the fingerprint {fingerprint}"
            _agree(f"{path}[{side}]", given[side], claims.get(fingerprint), what)


def _agree(path: str, given: int | None, expected: int | None, what: str) -> None:
    if given != expected:
        actual = f"that is {expected}" if expected else "there is none, so it must be null"
        raise InputError(
            path, f"{path}: {json.dumps(given)} is not the {what} in this file ({actual})."
        )


def _first_filled_table(session: Session) -> str | None:
    """The first table holding data. What a run owed (``derived_state``) is no data: a
    database an empty ingest has touched is still empty, and its bookkeeping is replaced
    by the file's."""
    for table in Base.metadata.sorted_tables:
        if table is DerivedState.__table__:
            continue
        if session.execute(select(literal(1)).select_from(table).limit(1)).first():
            return table.name
    return None


def _advance_sequences(session: Session) -> None:
    """PostgreSQL hands out ids from sequences, which explicit ids do not move: move them
    past the imported rows, or the next ingest collides with them. (SQLite needs nothing.)"""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        if "id" in table.c:
            session.execute(
                sql(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), MAX(id)) "
                    f"FROM {table.name} HAVING MAX(id) IS NOT NULL"
                )
            )


def _read_all(document: dict[str, Any]) -> _Rows:
    rows = _Rows()
    for section in SECTIONS:
        rows.read(section, _key(document, section.name, "the file"), section.name, {})
    rows.rows[Source] = _outlets(document[SOURCES.name])
    _check_derived_ids(document, rows)
    return rows


def import_export(session_factory: sessionmaker[Session], path: Path) -> ImportReport:
    """Restore the export at ``path`` into the (empty) database, in one transaction."""
    rows = _read_all(read_export(path))
    with session_factory() as session:
        filled = _first_filled_table(session)
        if filled is not None:
            raise InputError(
                "database",
                f"the database is not empty (its {filled} table has rows): import only into "
                "a new, empty database, so that nothing it holds is mixed up or lost.",
            )
        try:
            session.execute(delete(DerivedState))
            for table in Base.metadata.sorted_tables:
                for model, model_rows in rows.rows.items():
                    if model.__table__ is table and model_rows:
                        session.execute(insert(table), model_rows)
            _advance_sequences(session)
            queries.rank_findings(session)  # not in the export: derived from the findings
            session.commit()
        except IntegrityError as exc:
            session.rollback()
            raise InputError(
                "file", f"two items of the file must not be equal ({exc.orig})."
            ) from exc
    return ImportReport({s.name: len(rows.rows[s.model]) for s in SECTIONS})
