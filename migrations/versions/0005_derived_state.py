"""Crash-safe derived data: which steps computed from the stored articles are owed, and
which folder's topics.toml defines each topic.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "derived_state",
        sa.Column("step", sa.String(length=32), nullable=False),
        sa.Column("computed_with", sa.String(length=200), nullable=False),
        sa.Column("pending_since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("step", name=op.f("pk_derived_state")),
    )
    # No derived_state rows: a database from before this revision has no record of what its
    # links were matched with, so its first run re-matches them once.
    op.add_column("topics", sa.Column("defined_in", sa.String(length=1024), nullable=True))


def downgrade() -> None:
    # In place: a batch rebuild of "topics" would cascade-delete every finding on SQLite.
    op.execute("ALTER TABLE topics DROP COLUMN defined_in")
    op.drop_table("derived_state")
