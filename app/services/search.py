"""Full-text search over claims and articles: FTS5 on SQLite, full-text search with
`unaccent` on PostgreSQL, LIKE elsewhere; accents and case are ignored by the first two.

Highlighting is done here, on accent- and case-folded text, so every backend marks the
same words and no markup ever comes from the database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.db import queries
from app.services.dashboard import (
    PAGE_SIZE,
    ClaimView,
    Pager,
    SourcePicker,
    SourceRef,
    ViewBuilder,
    make_pager,
    make_picker,
    page_offset,
)

SNIPPET_CHARS = 240
# Articles listed per search: the best matches (the total is still counted).
ARTICLE_HITS = 20


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    hit: bool


@dataclass(slots=True)
class ClaimHit:
    claim: ClaimView
    runs: list[Run]


@dataclass(slots=True)
class ArticleHit:
    source: SourceRef
    article_id: int
    title: str | None
    runs: list[Run]


@dataclass(slots=True)
class SearchPage:
    query: str
    terms: list[str]
    backend: queries.SearchBackend
    picker: SourcePicker
    claims: list[ClaimHit]
    articles: list[ArticleHit]
    article_total: int
    pager: Pager


def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char


def fold(text: str) -> str:
    """Lower-case without accents, one character per character (offsets survive)."""
    return "".join(_fold_char(c) for c in text)


def find_hits(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Spans of words in ``text`` that start with one of ``terms`` (prefix match, as FTS5)."""
    if not terms:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(fold(t)) for t in terms) + r")\w*")
    return [m.span() for m in pattern.finditer(fold(text))]


def mark_runs(text: str, hits: Sequence[tuple[int, int]]) -> list[Run]:
    runs, cursor = [], 0
    for start, end in hits:
        if start > cursor:
            runs.append(Run(text[cursor:start], False))
        runs.append(Run(text[start:end], True))
        cursor = end
    if cursor < len(text):
        runs.append(Run(text[cursor:], False))
    return runs


def snippet(text: str, terms: Sequence[str]) -> list[Run]:
    """A window of the text around its first hit, cut at spaces, hits marked."""
    hits = find_hits(text, terms)
    first = hits[0][0] if hits else 0
    start = max(0, first - SNIPPET_CHARS // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    window = text[start:end]
    runs = mark_runs(window, find_hits(window, terms))
    prefix = [Run("… ", False)] if start else []
    suffix = [Run(" …", False)] if end < len(text) else []
    return prefix + runs + suffix


def build_search_page(
    session: Session, query: str, source_ids: Sequence[int], page: int
) -> SearchPage:
    terms = queries.search_terms(query)
    backend = queries.search_backend(session)
    picker = make_picker(session, source_ids)
    claims, total = queries.search_claims(
        session,
        terms,
        source_ids=picker.selected,
        backend=backend,
        limit=PAGE_SIZE,
        offset=page_offset(page),
    )
    pager = make_pager(page, total)
    views = ViewBuilder(session).claims(claims)
    articles, article_total = queries.search_articles(
        session, terms, source_ids=picker.selected, backend=backend, limit=ARTICLE_HITS
    )
    return SearchPage(
        query=query,
        terms=terms,
        backend=backend,
        picker=picker,
        claims=[ClaimHit(v, mark_runs(v.text, find_hits(v.text, terms))) for v in views],
        articles=[
            ArticleHit(
                SourceRef(a.source_id, a.source_name),
                a.article_id,
                a.title,
                # FTS5 already cut the window around the hits; the others give the text.
                mark_runs(a.excerpt, find_hits(a.excerpt, terms))
                if backend == "fts5"
                else snippet(a.excerpt, terms),
            )
            for a in articles
        ],
        article_total=article_total,
        pager=pager,
    )
