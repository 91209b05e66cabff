"""Sessions on a real SQLite file: a bulk load commits at synchronous=NORMAL, and every
connection returns to the pool fully durable (FULL) for the writes that follow."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from app.db.session import bulk_write, open_database

FULL, NORMAL = 2, 1


def test_a_bulk_write_is_normal_and_the_next_transaction_full_again(tmp_path: Path) -> None:
    session_factory = open_database(f"sqlite:///{tmp_path / 'cotejo.sqlite3'}")
    with session_factory.begin() as session:
        bulk_write(session)
        assert session.execute(text("PRAGMA synchronous")).scalar() == NORMAL
        session.execute(text("CREATE TABLE scratch (x INTEGER)"))
    with session_factory.begin() as session:
        # The pool hands back the very connection the bulk load used (one is enough here).
        assert session.execute(text("PRAGMA synchronous")).scalar() == FULL
    session_factory.kw["bind"].dispose()
