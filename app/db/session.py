"""Engines and sessions; the schema is brought up to date through Alembic."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app.config import MIGRATIONS_DIR


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the dashboard read while an ingest writes; SQLite leaves FKs off by default.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _full_sync(dbapi_connection, _record) -> None:
    # Every connection goes back to the pool fully durable, whatever a bulk load set.
    if dbapi_connection is None:  # invalidated: it will not be reused
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def bulk_write(session: Session) -> None:
    """Call first in a bulk load's transaction (an ingest's article): on SQLite, commit
    without waiting for the disk (synchronous=NORMAL, safe under WAL: a killed process
    loses nothing, a power cut at most the last articles stored, which a re-ingest
    restores; never a flag or a review, written at FULL). The connection is set back to
    FULL when it returns to the pool."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA synchronous=NORMAL"))


def make_engine(database_url: str) -> Engine:
    """An engine for ``database_url``; for SQLite, creates the folder and sets pragmas."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "checkin", _full_sync)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade_schema(engine: Engine) -> None:
    """Apply every pending migration: the app keeps its own schema current."""
    command.upgrade(alembic_config(engine), "head")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def open_database(database_url: str) -> sessionmaker[Session]:
    """Engine + up-to-date schema + session factory: what every entry point needs."""
    engine = make_engine(database_url)
    upgrade_schema(engine)
    return make_session_factory(engine)
