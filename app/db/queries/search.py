"""Full-text search of claims and articles: FTS5 on SQLite, full-text search on
PostgreSQL, LIKE elsewhere."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import (
    ColumnElement,
    Subquery,
    and_,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session

from app.db.models import (
    Article,
    Claim,
    Source,
)
from app.db.queries.claims import claim_card_options

WORD = re.compile(r"\w+")


def search_terms(query: str) -> list[str]:
    """The words of a user's query; everything else (quotes, operators) is dropped."""
    return WORD.findall(query)[:12]


SearchBackend = Literal["fts5", "postgresql", "like"]


def search_backend(session: Session) -> SearchBackend:
    """How this database searches: FTS5 (migration 0002, SQLite), PostgreSQL's full-text
    search (migration 0006), or LIKE on anything else."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return "postgresql"
    if dialect != "sqlite":
        return "like"
    found = session.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'claims_fts'")
    ).first()
    return "fts5" if found is not None else "like"


def _fts_query(terms: Sequence[str]) -> str:
    # Each word quoted (no FTS syntax from users), prefix-matched, all required.
    return " ".join(f'"{term}"*' for term in terms)


def _fts_ranked(fts_table: str, terms: Sequence[str], *, snippet_of: int | None = None) -> Subquery:
    """Row ids matching every term in an FTS5 table, with their bm25 rank (lower is better)
    and, with ``snippet_of`` (a column index), a plain-text window of that column around
    the hits: the row's full text never leaves the database."""
    # Table names are constants of this module, never user input; the query is bound.
    columns = [
        literal_column(f"{fts_table}.rowid").label("row_id"),
        literal_column(f"bm25({fts_table})").label("rank"),
    ]
    if snippet_of is not None:
        window = f"snippet({fts_table}, {int(snippet_of)}, '', '', '{ELLIPSIS}', {SNIPPET_TOKENS})"
        columns.append(literal_column(window).label("excerpt"))
    return (
        select(*columns)
        .select_from(table(fts_table))
        .where(literal_column(fts_table).op("MATCH")(_fts_query(terms)))
        .subquery("ranked")
    )


def _pg_ranked(document: str, terms: Sequence[str]) -> tuple[ColumnElement[bool], ColumnElement]:
    """A match condition and a rank (higher is better) on ``document``, an SQL expression
    spelled as migration 0006's index is, so that the index serves it."""
    vector = literal_column(f"cotejo_search_vector({document})")
    query = func.cotejo_search_query(" ".join(terms))
    return vector.op("@@")(query), func.ts_rank(vector, query)


CLAIM_DOCUMENT = "claims.text || ' ' || coalesce(claims.attributed_to, '')"
ARTICLE_DOCUMENT = "coalesce(articles.title, '') || ' ' || articles.text"


def _like_all(columns: Sequence[ColumnElement[str]], terms: Sequence[str]) -> ColumnElement[bool]:
    def pattern(term: str) -> str:
        escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"%{escaped}%"

    return and_(
        *(or_(*(col.ilike(pattern(term), escape="\\") for col in columns)) for term in terms)
    )


def search_claims(
    session: Session,
    terms: Sequence[str],
    *,
    source_ids: Collection[int] = (),
    backend: SearchBackend,
    limit: int,
    offset: int,
) -> tuple[list[Claim], int]:
    """Claims matching every term (as word prefixes, accents ignored), best first; LIKE on
    other databases, in article order."""
    if not terms:
        return [], 0
    base = select(Claim).join(Article, Article.id == Claim.article_id)
    order: tuple
    if backend == "fts5":
        ranked = _fts_ranked("claims_fts", terms)
        base = base.join(ranked, ranked.c.row_id == Claim.id)
        order = (ranked.c.rank, Claim.id)
    elif backend == "postgresql":
        matches, rank = _pg_ranked(CLAIM_DOCUMENT, terms)
        base = base.where(matches)
        order = (rank.desc(), Claim.id)
    else:
        base = base.where(_like_all([Claim.text, func.coalesce(Claim.attributed_to, "")], terms))
        order = (Article.source_id, Claim.start)
    if source_ids:
        base = base.where(Article.source_id.in_(source_ids))
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    stmt = base.options(*claim_card_options()).order_by(*order).limit(limit).offset(offset)
    return list(session.scalars(stmt)), total


ELLIPSIS = "…"
SNIPPET_TOKENS = 40


@dataclass(frozen=True, slots=True)
class ArticleMatch:
    """An article that matches a search, without its full text."""

    article_id: int
    source_id: int
    source_name: str
    title: str | None
    # FTS5: a window of the text around the hits, ELLIPSIS where cut; otherwise the text.
    excerpt: str


def search_articles(
    session: Session,
    terms: Sequence[str],
    *,
    source_ids: Collection[int] = (),
    backend: SearchBackend,
    limit: int,
) -> tuple[list[ArticleMatch], int]:
    """The best ``limit`` articles matching every term, and how many match in all."""
    if not terms:
        return [], 0
    base = select(Article.id).join(Source, Source.id == Article.source_id)
    excerpt: ColumnElement[str]
    order: tuple
    if backend == "fts5":
        ranked = _fts_ranked("articles_fts", terms, snippet_of=1)  # column 1: text
        base = base.join(ranked, ranked.c.row_id == Article.id)
        excerpt, order = ranked.c.excerpt, (ranked.c.rank, Article.id)
    elif backend == "postgresql":
        matches, rank = _pg_ranked(ARTICLE_DOCUMENT, terms)
        base = base.where(matches)
        excerpt, order = Article.text, (rank.desc(), Article.id)
    else:
        base = base.where(_like_all([Article.text, func.coalesce(Article.title, "")], terms))
        excerpt, order = Article.text, (Article.id,)
    if source_ids:
        base = base.where(Article.source_id.in_(source_ids))
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    stmt = base.add_columns(Source.id, Source.name, Article.title, excerpt).order_by(*order)
    rows = session.execute(stmt.limit(limit))
    return [ArticleMatch(*row) for row in rows], total
