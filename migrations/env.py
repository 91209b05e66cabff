"""Alembic environment: runs against the engine the app hands over, or the configured URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from app.config import Settings
from app.db.models import Base

config = context.config
target_metadata = Base.metadata


def _engine() -> Engine:
    engine = config.attributes.get("engine")
    if engine is not None:
        return engine
    from app.db.session import make_engine

    return make_engine(config.get_main_option("sqlalchemy.url") or Settings().database_url)


# PostgreSQL's search indexes on expressions (raw SQL in 0006): no model declares them.
SEARCH_INDEXES = frozenset({"ix_claims_search", "ix_articles_search"})


def include_name(name: str | None, type_: str, parents: dict) -> bool:
    """Leave the search structures out of autogenerate: SQLite's FTS5 tables (raw SQL in
    0002) and PostgreSQL's search indexes (0006).

    Careful: a batch migration of ``claims`` or ``articles`` recreates the table and drops
    the FTS triggers of 0002; such a migration must create them again.
    """
    if type_ == "index":
        return name not in SEARCH_INDEXES
    return not (type_ == "table" and "_fts" in (name or ""))


def run_migrations_online() -> None:
    with _engine().connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            # SQLite cannot ALTER most things: batch mode copies the table instead.
            render_as_batch=True,
            compare_type=True,
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
