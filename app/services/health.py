"""Whether the server can answer: its database replies to the cheapest query there is."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def ping(session: Session) -> None:
    """Raises (a 500) when the database does not answer."""
    session.execute(text("SELECT 1")).scalar_one()
