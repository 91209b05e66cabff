"""Where an article was published: its URL, from sources.toml or the upload form.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-09 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("url", sa.String(length=2048), nullable=True))


def downgrade() -> None:
    # In place: a batch rebuild of "articles" would cascade-delete its sentences and claims
    # on SQLite.
    op.execute("ALTER TABLE articles DROP COLUMN url")
