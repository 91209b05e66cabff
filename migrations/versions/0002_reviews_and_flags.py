"""Reviews and user flags (keyed on fingerprints) and, on SQLite, FTS5 search indexes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 12:58:53.129416
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# External-content FTS5 tables mirror claims and articles; triggers keep them in step
# whoever writes (the CLI, the web ingest, cascaded deletes on re-ingest).
# remove_diacritics lets "reunion" find "reunión".
FTS_TABLES = {
    "claims_fts": ("claims", ("text", "attributed_to")),
    "articles_fts": ("articles", ("title", "text")),
}


def _fts_statements(fts: str, table: str, columns: tuple[str, ...]) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    delete_old = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    insert_new = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {insert_new} END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {delete_old} END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN {delete_old} {insert_new} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def _is_sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    op.create_table(
        "flags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic_slug", sa.String(length=100), nullable=False),
        sa.Column("claim_a_fingerprint", sa.String(length=40), nullable=False),
        sa.Column("claim_b_fingerprint", sa.String(length=40), nullable=False),
        sa.Column("claim_a_text", sa.Text(), nullable=False),
        sa.Column("claim_b_text", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flags")),
        sa.UniqueConstraint(
            "topic_slug",
            "claim_a_fingerprint",
            "claim_b_fingerprint",
            "reviewer",
            name=op.f("uq_flags_topic_slug"),
        ),
    )
    with op.batch_alter_table("flags", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_flags_claim_a_fingerprint"), ["claim_a_fingerprint"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_flags_claim_b_fingerprint"), ["claim_b_fingerprint"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_flags_topic_slug"), ["topic_slug"], unique=False)

    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("finding_fingerprint", sa.String(length=40), nullable=False),
        sa.Column("topic_slug", sa.String(length=100), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("reviewer", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reviews_finding_fingerprint"), ["finding_fingerprint"], unique=False
        )

    if _is_sqlite():
        for fts, (table, columns) in FTS_TABLES.items():
            for statement in _fts_statements(fts, table, columns):
                op.execute(statement)


def downgrade() -> None:
    if _is_sqlite():
        for fts in FTS_TABLES:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")

    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviews_finding_fingerprint"))
    op.drop_table("reviews")

    with op.batch_alter_table("flags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_flags_topic_slug"))
        batch_op.drop_index(batch_op.f("ix_flags_claim_b_fingerprint"))
        batch_op.drop_index(batch_op.f("ix_flags_claim_a_fingerprint"))
    op.drop_table("flags")
