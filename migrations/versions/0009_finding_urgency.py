"""A finding's urgency: its place among all findings, most urgent first (kind, then
severity, values before certainty, topic label, slot, id), stored so that the conflicts
page and the overview walk an index with LIMIT/OFFSET instead of sorting every finding.
Backfilled here; kept up to date by the findings refresh (queries.rank_findings).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# The order of app/db/queries/findings.py urgency_order() when this migration was written.
BACKFILL = """
UPDATE findings SET urgency = ranked.urgency
FROM (
    SELECT f.id AS id, row_number() OVER (ORDER BY
        CASE f.kind WHEN 'conflict' THEN 0 WHEN 'dispute' THEN 1 WHEN 'update' THEN 2
            WHEN 'agreement' THEN 3 ELSE 4 END,
        CASE f.severity WHEN 'hard' THEN 0 WHEN 'soft' THEN 1 ELSE 2 END,
        f.basis = 'certainty',
        t.label,
        f.slot,
        f.id
    ) AS urgency
    FROM findings AS f JOIN topics AS t ON t.id = f.topic_id
) AS ranked
WHERE findings.id = ranked.id
"""

# Unfiltered, and each filter of the pages (a topic, a kind, a severity), in urgency order.
INDEXES = (
    ("urgency",),
    ("topic_id", "urgency"),
    ("kind", "urgency"),
    ("severity", "urgency"),
)


def upgrade() -> None:
    # Plain ADD COLUMN and CREATE INDEX: no table is rebuilt, so no row is cascade-deleted.
    op.add_column(
        "findings", sa.Column("urgency", sa.Integer(), nullable=False, server_default="0")
    )
    op.execute(BACKFILL)
    for columns in INDEXES:
        name = "ix_findings_" + "_".join(columns)
        op.create_index(op.f(name), "findings", list(columns), unique=False)


def downgrade() -> None:
    for columns in reversed(INDEXES):
        op.drop_index(op.f("ix_findings_" + "_".join(columns)), table_name="findings")
    # In place: a batch rebuild of "findings" is not needed to drop a plain column.
    op.execute("ALTER TABLE findings DROP COLUMN urgency")
