"""Alembic migrations are the schema: they build every model table and match the models."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from app.db.models import Base
from app.db.session import alembic_config, make_engine, open_database, upgrade_schema
from tests.databases import database_url

# SQLite-only search index of migration 0002 (FTS5 virtual table and its shadow tables).
FTS_PREFIXES = ("claims_fts", "articles_fts")
# PostgreSQL-only search indexes of migration 0006.
SEARCH_INDEXES = frozenset({"ix_claims_search", "ix_articles_search"})


def _is_fts(name: str | None) -> bool:
    return bool(name) and name.startswith(FTS_PREFIXES)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(database_url(tmp_path, "schema.sqlite3"))
    yield engine
    engine.dispose()


def tables(engine: Engine) -> set[str]:
    return {name for name in inspect(engine).get_table_names() if not _is_fts(name)}


def model_tables() -> set[str]:
    return set(Base.metadata.tables)


def test_upgrade_creates_every_model_table(engine: Engine) -> None:
    upgrade_schema(engine)
    assert tables(engine) == model_tables() | {"alembic_version"}


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """A SQLite file even in the PostgreSQL run, for what only SQLite has."""
    engine = make_engine(f"sqlite:///{tmp_path / 'schema.sqlite3'}")
    yield engine
    engine.dispose()


def test_sqlite_pragmas_are_set(sqlite_engine: Engine) -> None:
    upgrade_schema(sqlite_engine)
    with sqlite_engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_open_database_upgrades_a_new_file(tmp_path: Path) -> None:
    # SQLite only: the folder of a SQLite file is created on the way.
    path = tmp_path / "nested" / "folder" / "cotejo.sqlite3"
    session_factory = open_database(f"sqlite:///{path}")
    assert path.exists()
    with session_factory() as session:
        version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == _head()


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    upgrade_schema(engine)
    with engine.connect() as connection, pytest.raises(Exception, match=r"(?i)foreign key"):
        connection.execute(
            text(
                "INSERT INTO articles (source_id, path, language, text, content_hash, "
                "ingested_at) VALUES (999, 'x', 'es', 'x', 'h', '2024-01-01')"
            )
        )


def test_downgrade_to_base_and_upgrade_again(engine: Engine) -> None:
    config = alembic_config(engine)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    assert tables(engine) <= {"alembic_version"}
    # Nothing of the FTS index is left behind either.
    assert not [n for n in inspect(engine).get_table_names() if _is_fts(n)]
    command.upgrade(config, "head")
    assert tables(engine) == model_tables() | {"alembic_version"}


def test_upgrade_is_idempotent(engine: Engine) -> None:
    upgrade_schema(engine)
    upgrade_schema(engine)
    assert tables(engine) == model_tables() | {"alembic_version"}


def _head() -> str | None:
    return ScriptDirectory.from_config(alembic_config(make_engine("sqlite://"))).get_current_head()


def _include(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    # The search structures exist only in the migrations, on purpose: SQLite's FTS tables,
    # PostgreSQL's indexes on expressions.
    if type_ == "index":
        return name not in SEARCH_INDEXES
    return not (type_ == "table" and _is_fts(name))


def test_models_and_migrations_do_not_drift(engine: Engine) -> None:
    """What `alembic check` does: autogenerate against the migrated DB finds nothing."""
    upgrade_schema(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_object": _include,
                "render_as_batch": True,
            },
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []
