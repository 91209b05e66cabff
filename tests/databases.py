"""Fresh test databases: a SQLite file by default, a PostgreSQL database on request.

With ``COTEJO_TEST_DATABASE_URL`` set (``make test-postgres`` sets it), every database a
test asks for is a new PostgreSQL database copied from that URL's database (the template:
it holds the ``unaccent`` extension), so the whole suite runs on PostgreSQL. The copies
are dropped when the test that made them ends (those of module or session fixtures when
the session ends).
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL, make_url

ENV = "COTEJO_TEST_DATABASE_URL"
_counter = itertools.count(1)
# Databases made and not yet dropped, newest last.
_made: list[str] = []


def postgres_url() -> URL | None:
    """The template database of a PostgreSQL run, or None on SQLite."""
    raw = os.environ.get(ENV, "").strip()
    return make_url(raw) if raw else None


def on_postgres() -> bool:
    return postgres_url() is not None


def _maintenance(template: URL):
    # CREATE/DROP DATABASE cannot run in a transaction, nor while connected to the copy.
    return create_engine(template.set(database="postgres"), isolation_level="AUTOCOMMIT")


def database_url(folder: Path, name: str = "cotejo.sqlite3") -> str:
    """The URL of a new, empty database: ``folder / name`` on SQLite."""
    template = postgres_url()
    if template is None:
        return f"sqlite:///{folder / name}"
    database = f"cotejo_test_{os.getpid()}_{next(_counter)}"
    engine = _maintenance(template)
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{database}" TEMPLATE "{template.database}"'))
    engine.dispose()
    _made.append(database)
    return template.set(database=database).render_as_string(hide_password=False)


def made_count() -> int:
    return len(_made)


def drop_since(count: int) -> None:
    """Drop the databases made after the first ``count``; their connections are closed."""
    template = postgres_url()
    if template is None or len(_made) <= count:
        return
    engine = _maintenance(template)
    with engine.connect() as connection:
        while len(_made) > count:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{_made.pop()}" WITH (FORCE)'))
    engine.dispose()


def is_untouched(url: str) -> bool:
    """True when nothing was created at ``url``: no SQLite file, no PostgreSQL table."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return not Path(parsed.database or "").exists()
    engine = create_engine(parsed)
    try:
        return not inspect(engine).get_table_names()
    finally:
        engine.dispose()
