"""The sources list, and one source's articles with their claims highlighted by topic and
one claim in context (its sentence certainty, and its certainty on each of its topics)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from sqlalchemy.orm import Session

from app.db import queries
from app.db.models import Article
from app.services.dashboard.builder import (
    ViewBuilder,
)
from app.services.dashboard.views import (
    ClaimView,
    FindingView,
    Pager,
    SourcePicker,
    SourceRef,
    TopicRef,
    check_page,
    make_pager,
    make_picker,
    page_offset,
)
from app.services.dashboard.words import published_label

# A source page shows whole articles: fewer to a page than a list's rows.
ARTICLES_PER_PAGE = 10


@dataclass(frozen=True, slots=True)
class SourceRow:
    source: SourceRef
    articles: int
    claims: int
    conflicts: int
    agreements: int
    disputes: int = 0
    updates: int = 0


@dataclass(slots=True)
class SourcesPage:
    picker: SourcePicker
    rows: list[SourceRow]


def build_sources(session: Session, source_ids: Sequence[int] = ()) -> SourcesPage:
    """Every source (or the selected ones) with its counts; with sources selected, the
    findings counted are those between the selected sources."""
    picker = make_picker(session, source_ids)
    articles = queries.count_articles_by_source(session)
    claims = queries.count_claims_by_source(session)
    involvement: dict[int, Counter[str]] = defaultdict(Counter)
    for s in queries.select_finding_summaries(session, picker.selected):
        involvement[s.source_a][s.kind] += 1
        if s.source_b != s.source_a:
            involvement[s.source_b][s.kind] += 1
    rows = [
        SourceRow(
            source,
            articles.get(source.id, 0),
            claims.get(source.id, 0),
            involvement[source.id]["conflict"],
            involvement[source.id]["agreement"],
            involvement[source.id]["dispute"],
            involvement[source.id]["update"],
        )
        for source in picker.sources
        if not picker.selected or source.id in picker.selected
    ]
    return SourcesPage(picker, rows)


@dataclass(frozen=True, slots=True)
class TextPiece:
    """A run of article text; ``claim`` is set where the run is a highlighted claim."""

    text: str
    claim: ClaimView | None


@dataclass(slots=True)
class ArticleView:
    id: int
    title: str | None
    path: str
    file_name: str
    language: str
    published: str | None
    text: str
    pieces: list[TextPiece]
    claims: list[ClaimView]
    # As precisely as known ("2025-11-05 07:05"), and where it was read (manifest, html,
    # dateline).
    published_at: str | None = None
    published_from: str | None = None
    url: str | None = None  # where it was published
    status: str = "analysed"  # analysed | refused
    status_note: str = ""


@dataclass(slots=True)
class ClaimDetail:
    claim: ClaimView
    findings: list[FindingView]


@dataclass(slots=True)
class SourcePage:
    source: SourceRef
    picker: SourcePicker
    # Empty when only the claim detail was asked for (an HTMX click on a claim).
    articles: list[ArticleView]
    legend: list[TopicRef]
    selected: ClaimDetail | None
    pager: Pager | None = None  # None: every article is shown


def _pieces(article: Article, claims: Sequence[ClaimView]) -> list[TextPiece]:
    """The article text cut at claim boundaries; overlapping claims keep the earlier one."""
    pieces, cursor = [], 0
    for claim in sorted(claims, key=lambda c: c.start):
        if claim.start < cursor or claim.end > len(article.text):
            continue
        if claim.start > cursor:
            pieces.append(TextPiece(article.text[cursor : claim.start], None))
        pieces.append(TextPiece(article.text[claim.start : claim.end], claim))
        cursor = claim.end
    pieces.append(TextPiece(article.text[cursor:], None))
    return [p for p in pieces if p.text]


def build_source_page(
    session: Session,
    source_id: int,
    claim_id: int | None,
    source_ids: Sequence[int] = (),
    *,
    detail_only: bool = False,
    page: int | None = None,
) -> SourcePage | None:
    """A source's articles with their claims highlighted, and one claim in context.

    ``source_ids`` limits the findings listed for that claim to those with the selected
    sources; ``detail_only`` builds just the claim (what an HTMX click on a claim shows);
    ``page``: ARTICLES_PER_PAGE articles of that page (past the last: InputError, 404).
    """
    picker = make_picker(session, source_ids)
    ref = next((s for s in picker.sources if s.id == source_id), None)
    if ref is None:
        return None
    detail = (
        build_claim_detail(session, claim_id, source_id, picker.selected)
        if claim_id is not None
        else None
    )
    if detail_only:
        return SourcePage(ref, picker, [], [], detail)
    pager = None
    if page is None:
        source = queries.get_source_with_articles(session, source_id)
        assert source is not None  # listed just above
        stored = list(source.articles)
    else:
        stored, total = queries.select_source_articles_page(
            session, source_id, limit=ARTICLES_PER_PAGE, offset=page_offset(page, ARTICLES_PER_PAGE)
        )
        pager = check_page(make_pager(page, total, ARTICLES_PER_PAGE))
    builder = ViewBuilder(session)
    claims = builder.claims(queries.select_article_claims(session, [a.id for a in stored]))
    by_article: dict[int, list[ClaimView]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article_id].append(claim)
    articles = [
        ArticleView(
            id=a.id,
            title=a.title,
            path=a.path,
            file_name=PurePath(a.path).name,
            language=a.language,
            published=a.published.isoformat() if a.published else None,
            text=a.text,
            pieces=_pieces(a, by_article[a.id]),
            claims=by_article[a.id],
            published_at=published_label(a.published_at, a.published_precision),
            published_from=a.published_from,
            url=a.url,
            status=a.status,
            status_note=a.status_note,
        )
        for a in sorted(stored, key=lambda a: a.id)
    ]
    used = {t.slug for c in claims for t in c.topics}
    return SourcePage(
        source=ref,
        picker=picker,
        articles=articles,
        legend=[builder.topic_ref(t) for t in builder.topics if t.slug in used],
        selected=detail,
        pager=pager,
    )


def build_claim_detail(
    session: Session, claim_id: int, source_id: int, selected: Collection[int] = ()
) -> ClaimDetail | None:
    """A claim of ``source_id`` with its topics and findings; with ``selected`` sources,
    only the findings against claims of those sources."""
    claim = queries.get_claim(session, claim_id)
    if claim is None or claim.article.source_id != source_id:
        return None
    builder = ViewBuilder(session)
    findings = builder.findings(queries.select_findings_of_claim_in_order(session, claim_id))
    if selected:
        findings = [f for f in findings if f.other_side(claim_id).source.id in selected]
    return ClaimDetail(builder.claim(claim), findings)
