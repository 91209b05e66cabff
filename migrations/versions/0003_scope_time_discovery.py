"""Values with what they measure, scope and modality; claim propositions; publication
times and refused articles; discovered topics; findings with their slot, note and parties.

Columns are only added (ALTER TABLE ADD COLUMN, no table copy), so the FTS5 triggers of
0002 on ``articles`` stay in place.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ARTICLE_COLUMNS = [
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("published_precision", sa.String(length=8), nullable=True),
    sa.Column("published_from", sa.String(length=16), nullable=True),
    sa.Column("status", sa.String(length=16), nullable=False, server_default="analysed"),
    sa.Column("status_note", sa.Text(), nullable=False, server_default=""),
]
VALUE_COLUMNS = [
    sa.Column("nominal", sa.Float(), nullable=True),
    sa.Column("bound", sa.String(length=20), nullable=True),
    sa.Column("step", sa.Float(), nullable=True),
    sa.Column("measured", sa.String(length=200), nullable=False, server_default=""),
    sa.Column("measured_word", sa.String(length=200), nullable=False, server_default=""),
    sa.Column("aspect", sa.String(length=10), nullable=False, server_default="level"),
    sa.Column("restriction", sa.String(length=100), nullable=False, server_default=""),
    sa.Column("scope", sa.JSON(), nullable=False, server_default="[]"),
    sa.Column("modality", sa.String(length=16), nullable=False, server_default="actual"),
    sa.Column("certainty", sa.String(length=16), nullable=False, server_default="asserted"),
    sa.Column("party", sa.Text(), nullable=True),
]
FINDING_COLUMNS = [
    sa.Column("slot", sa.String(length=400), nullable=False, server_default=""),
    sa.Column("note", sa.Text(), nullable=False, server_default=""),
    sa.Column("certainty_a", sa.String(length=16), nullable=True),
    sa.Column("certainty_b", sa.String(length=16), nullable=True),
    sa.Column("party_a", sa.Text(), nullable=True),
    sa.Column("party_b", sa.Text(), nullable=True),
]


def upgrade() -> None:
    for column in ARTICLE_COLUMNS:
        op.add_column("articles", column)
    for column in VALUE_COLUMNS:
        op.add_column("claim_values", column)
    for column in FINDING_COLUMNS:
        op.add_column("findings", column)
    op.add_column(
        "topics",
        sa.Column("origin", sa.String(length=16), nullable=False, server_default="defined"),
    )
    op.create_table(
        "claim_propositions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("head_word", sa.String(length=200), nullable=False),
        sa.Column("arg_word", sa.String(length=200), nullable=False),
        sa.Column("agent", sa.String(length=200), nullable=False),
        sa.Column("certainty", sa.String(length=16), nullable=False),
        sa.Column("party", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_claim_propositions_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_propositions")),
    )
    op.create_index(
        op.f("ix_claim_propositions_claim_id"), "claim_propositions", ["claim_id"], unique=False
    )
    op.create_index(op.f("ix_claim_propositions_key"), "claim_propositions", ["key"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_claim_propositions_key"), table_name="claim_propositions")
    op.drop_index(op.f("ix_claim_propositions_claim_id"), table_name="claim_propositions")
    op.drop_table("claim_propositions")
    with op.batch_alter_table("topics") as batch:
        batch.drop_column("origin")
    with op.batch_alter_table("findings") as batch:
        for column in reversed(FINDING_COLUMNS):
            batch.drop_column(column.name)
    with op.batch_alter_table("claim_values") as batch:
        for column in reversed(VALUE_COLUMNS):
            batch.drop_column(column.name)
    # articles carries the FTS triggers of 0002: SQLite 3.35+ drops columns in place.
    for column in reversed(ARTICLE_COLUMNS):
        op.drop_column("articles", column.name)
