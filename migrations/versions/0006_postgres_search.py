"""PostgreSQL full-text search over claims and articles, accent-insensitive (`unaccent`).

The counterpart of 0002's FTS5 tables, and a no-op on SQLite. Text is cut into words the
way FTS5's unicode61 tokenizer does (every punctuation mark separates: "8.700" is two
words, as is "co-operación"), each word is lower-cased without its accents, and an index
on expressions keeps the search fast; nothing is added to the tables themselves.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08 10:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# ASCII punctuation, spelled as ranges, and the marks of Spanish text beyond it: a fixed
# set, so that how text is cut does not depend on the database's locale.
SEPARATORS = r"[!-/:-@\[-`{-~«»“”‘’¿¡–—…·•" + "\u00a0\u202f]+"
WORD_TYPES = (
    "asciiword, asciihword, hword_asciipart, word, hword, hword_part, "
    "numword, numhword, hword_numpart"
)
# app/db/queries.py calls these functions: their names are part of the schema.
STATEMENTS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION cotejo_search (COPY = simple)",
    f"ALTER TEXT SEARCH CONFIGURATION cotejo_search ALTER MAPPING FOR {WORD_TYPES} "
    "WITH unaccent, simple",
    # search_path is fixed, so an index rebuilt by a restore finds the configuration.
    "CREATE FUNCTION cotejo_search_vector(document text) RETURNS tsvector "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$ "
    f"SELECT to_tsvector('cotejo_search', regexp_replace(document, '{SEPARATORS}', ' ', 'g')) "
    "$$",
    # Every word of the query, each matched as a prefix, all required (FTS5's "w"* "v"*).
    "CREATE FUNCTION cotejo_search_query(words text) RETURNS tsquery "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$ "
    "SELECT string_agg('''' || lexeme || ''':*', ' & ')::tsquery "
    "FROM unnest(tsvector_to_array(cotejo_search_vector(words))) AS lexeme "
    "$$",
    "CREATE INDEX ix_claims_search ON claims USING gin "
    "(cotejo_search_vector(text || ' ' || coalesce(attributed_to, '')))",
    "CREATE INDEX ix_articles_search ON articles USING gin "
    "(cotejo_search_vector(coalesce(title, '') || ' ' || text))",
]


def _is_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if _is_postgresql():
        for statement in STATEMENTS:
            op.execute(statement)


def downgrade() -> None:
    # The extension stays: other schemas of the database may use it.
    if _is_postgresql():
        op.execute("DROP INDEX IF EXISTS ix_articles_search")
        op.execute("DROP INDEX IF EXISTS ix_claims_search")
        op.execute("DROP FUNCTION IF EXISTS cotejo_search_query(text)")
        op.execute("DROP FUNCTION IF EXISTS cotejo_search_vector(text)")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS cotejo_search")
