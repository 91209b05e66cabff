"""An index on every column the pages filter on that had none: a finding's kind and
severity (conflicts page, overview counts), a claim's certainty on a topic (claims filter),
an article's status (refused articles, corpus counts).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 14:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

INDEXES = (
    ("findings", "kind"),
    ("findings", "severity"),
    ("claim_topics", "certainty"),
    ("articles", "status"),
)


def upgrade() -> None:
    # Plain CREATE INDEX: no table is rebuilt, so no row is touched (or cascade-deleted).
    for table, column in INDEXES:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def downgrade() -> None:
    for table, column in reversed(INDEXES):
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
