"""Every read query the app runs, in one place. Writes happen in app/services."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from sqlalchemy import (
    ColumnElement,
    Select,
    Subquery,
    and_,
    case,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    text,
    union_all,
)
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from app.db.models import (
    Article,
    Claim,
    ClaimTopic,
    ClaimValue,
    DerivedState,
    Entity,
    EntityMention,
    Finding,
    FindingKey,
    Flag,
    Review,
    Sentence,
    Source,
    Topic,
)

# --- Sources and topics --------------------------------------------------------------------


def select_sources(session: Session) -> list[Source]:
    return list(session.scalars(select(Source).order_by(Source.name)))


def get_source_with_articles(session: Session, source_id: int) -> Source | None:
    return session.scalar(
        select(Source).where(Source.id == source_id).options(selectinload(Source.articles))
    )


def count_claims_by_source(session: Session) -> dict[int, int]:
    rows = session.execute(
        select(Article.source_id, func.count(Claim.id))
        .join(Claim, Claim.article_id == Article.id)
        .group_by(Article.source_id)
    )
    return {source_id: count for source_id, count in rows}


def count_articles_by_source(session: Session) -> dict[int, int]:
    rows = session.execute(
        select(Article.source_id, func.count(Article.id)).group_by(Article.source_id)
    )
    return {source_id: count for source_id, count in rows}


def select_topics_by_label(session: Session) -> list[Topic]:
    return list(session.scalars(select(Topic).order_by(Topic.label)))


def count_topic_claims(session: Session, source_ids: Collection[int]) -> dict[int, tuple[int, int]]:
    """Topic id -> (claims, outlets) on it among the given sources (all when none)."""
    stmt = (
        select(
            ClaimTopic.topic_id,
            func.count(func.distinct(ClaimTopic.claim_id)),
            func.count(func.distinct(Article.source_id)),
        )
        .join(Claim, Claim.id == ClaimTopic.claim_id)
        .join(Article, Article.id == Claim.article_id)
        .group_by(ClaimTopic.topic_id)
    )
    if source_ids:
        stmt = stmt.where(Article.source_id.in_(source_ids))
    return {topic_id: (claims, outlets) for topic_id, claims, outlets in session.execute(stmt)}


def get_topic(session: Session, slug: str) -> Topic | None:
    return session.scalar(select(Topic).where(Topic.slug == slug))


# --- Claims --------------------------------------------------------------------------------


def _claim_options() -> tuple:
    # Everything a claim card shows, loaded up front: no lazy loads in templates. The
    # article (whose text gives the sentence around the claim) is loaded once per article,
    # not joined into every claim row.
    return (
        selectinload(Claim.values),
        selectinload(Claim.topics),
        selectinload(Claim.article).joinedload(Article.source),
    )


@dataclass(frozen=True, slots=True)
class TopicClaim:
    """A claim's membership in a topic, with the claim's source for grouping."""

    topic_id: int
    source_id: int
    score: int
    claim: Claim
    certainty: str  # of what the claim says about this topic


def select_topic_claim_links(
    session: Session, *, source_ids: Collection[int] = (), topic_id: int | None = None
) -> list[TopicClaim]:
    """Claim–topic links (optionally one topic, optionally some sources), claims loaded."""
    stmt = (
        select(
            ClaimTopic.topic_id, Article.source_id, ClaimTopic.score, Claim, ClaimTopic.certainty
        )
        .join(Claim, Claim.id == ClaimTopic.claim_id)
        .join(Article, Article.id == Claim.article_id)
        .options(*_claim_options())
        .order_by(Article.source_id, Claim.article_id, Claim.start)
    )
    if source_ids:
        stmt = stmt.where(Article.source_id.in_(source_ids))
    if topic_id is not None:
        stmt = stmt.where(ClaimTopic.topic_id == topic_id)
    return [TopicClaim(*row) for row in session.execute(stmt)]


def select_article_claims(session: Session, article_ids: Collection[int]) -> list[Claim]:
    stmt = (
        select(Claim)
        .where(Claim.article_id.in_(article_ids))
        .options(*_claim_options())
        .order_by(Claim.article_id, Claim.start)
    )
    return list(session.scalars(stmt))


def get_claim(session: Session, claim_id: int) -> Claim | None:
    return session.scalar(select(Claim).where(Claim.id == claim_id).options(*_claim_options()))


def select_claims_by_ids(session: Session, ids: Collection[int]) -> list[Claim]:
    stmt = select(Claim).where(Claim.id.in_(ids)).options(*_claim_options()).order_by(Claim.id)
    return list(session.scalars(stmt))


def select_claims_by_fingerprints(session: Session, fingerprints: Collection[str]) -> list[Claim]:
    stmt = (
        select(Claim)
        .where(Claim.fingerprint.in_(fingerprints))
        .options(*_claim_options())
        .order_by(Claim.id)
    )
    return list(session.scalars(stmt))


def _claims_filter(
    stmt: Select, source_ids: Collection[int], topic_slug: str | None, certainty: str | None
) -> Select:
    if source_ids:
        stmt = stmt.where(Article.source_id.in_(source_ids))
    if topic_slug:
        in_topic = (
            select(ClaimTopic.claim_id)
            .join(Topic, Topic.id == ClaimTopic.topic_id)
            .where(Topic.slug == topic_slug)
        )
        stmt = stmt.where(Claim.id.in_(in_topic))
    if certainty:
        stmt = stmt.where(Claim.certainty == certainty)
    return stmt


def select_claims_page(
    session: Session,
    *,
    source_ids: Collection[int] = (),
    topic_slug: str | None = None,
    certainty: str | None = None,
    limit: int,
    offset: int,
) -> tuple[list[Claim], int]:
    """One page of claims matching the filters, and the total count."""
    base = select(Claim).join(Article, Article.id == Claim.article_id)
    base = _claims_filter(base, source_ids, topic_slug, certainty)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    stmt = (
        base.options(*_claim_options())
        .order_by(Article.source_id, Claim.article_id, Claim.start)
        .limit(limit)
        .offset(offset)
    )
    return list(session.scalars(stmt)), total


def select_sentences(session: Session, ids: Collection[int]) -> dict[int, Sentence]:
    if not ids:
        return {}
    return {s.id: s for s in session.scalars(select(Sentence).where(Sentence.id.in_(ids)))}


# --- Findings and their review state -------------------------------------------------------


def _latest_review_ids() -> Select:
    # Review ids grow with time, so the highest id per fingerprint is the newest verdict.
    return select(
        Review.finding_fingerprint.label("fingerprint"), func.max(Review.id).label("review_id")
    ).group_by(Review.finding_fingerprint)


def _state_column() -> tuple[Select, ColumnElement[str]]:
    latest = _latest_review_ids().subquery()
    verdict = aliased(Review)
    state = func.coalesce(verdict.verdict, literal("open")).label("state")
    stmt = (
        select(Finding, state)
        .outerjoin(latest, latest.c.fingerprint == Finding.fingerprint)
        .outerjoin(verdict, verdict.id == latest.c.review_id)
    )
    return stmt, state


def _finding_options() -> tuple:
    # The compared values are among their claims' values: found in the identity map.
    return (
        joinedload(Finding.topic),
        joinedload(Finding.claim_a).options(*_claim_options()),
        joinedload(Finding.claim_b).options(*_claim_options()),
        selectinload(Finding.value_a),
        selectinload(Finding.value_b),
    )


@dataclass(frozen=True, slots=True)
class FindingFilter:
    topic_slug: str | None = None
    source_ids: tuple[int, ...] = ()
    kind: str | None = None
    severity: str | None = None
    states: tuple[str, ...] = ()


SEVERITY_RANK = {"hard": 0, "soft": 1}


@dataclass(frozen=True, slots=True)
class FindingSummary:
    """A finding without its claims: enough to count and colour the overview."""

    topic_id: int
    kind: str
    severity: str | None
    source_a: int
    source_b: int
    state: str


def select_finding_summaries(session: Session, source_ids: Collection[int]) -> list[FindingSummary]:
    """Every finding as a light row; with sources, only those between the given sources."""
    stmt, state = _state_column()
    claim_a, claim_b = aliased(Claim), aliased(Claim)
    article_a, article_b = aliased(Article), aliased(Article)
    stmt = (
        stmt.with_only_columns(
            Finding.topic_id,
            Finding.kind,
            Finding.severity,
            article_a.source_id,
            article_b.source_id,
            state,
        )
        .join(claim_a, claim_a.id == Finding.claim_a_id)
        .join(claim_b, claim_b.id == Finding.claim_b_id)
        .join(article_a, article_a.id == claim_a.article_id)
        .join(article_b, article_b.id == claim_b.article_id)
    )
    if source_ids:
        stmt = stmt.where(article_a.source_id.in_(source_ids), article_b.source_id.in_(source_ids))
    return [FindingSummary(*row) for row in session.execute(stmt)]


def get_finding(session: Session, finding_id: int) -> Finding | None:
    return session.scalar(
        select(Finding).where(Finding.id == finding_id).options(*_finding_options())
    )


def select_findings_by_ids(session: Session, ids: Collection[int]) -> list[tuple[Finding, str]]:
    stmt, _state = _state_column()
    stmt = stmt.where(Finding.id.in_(ids)).options(*_finding_options()).order_by(Finding.id)
    return [(f, s) for f, s in session.execute(stmt).unique().all()]


def select_findings_with_state_by_fingerprints(
    session: Session, fingerprints: Collection[str]
) -> list[tuple[Finding, str]]:
    if not fingerprints:
        return []
    stmt, _state = _state_column()
    stmt = (
        stmt.where(Finding.fingerprint.in_(fingerprints))
        .options(*_finding_options())
        .order_by(Finding.id)
    )
    return [(f, s) for f, s in session.execute(stmt).unique().all()]


def select_all_finding_fingerprints(session: Session) -> set[str]:
    return set(session.scalars(select(Finding.fingerprint)))


def select_findings_by_fingerprints(
    session: Session, fingerprints: Collection[str]
) -> dict[str, Finding]:
    if not fingerprints:
        return {}
    stmt = select(Finding).where(Finding.fingerprint.in_(fingerprints))
    return {f.fingerprint: f for f in session.scalars(stmt)}


def select_latest_reviews(session: Session, fingerprints: Collection[str]) -> dict[str, Review]:
    if not fingerprints:
        return {}
    latest = _latest_review_ids().where(Review.finding_fingerprint.in_(fingerprints)).subquery()
    stmt = select(Review).join(latest, latest.c.review_id == Review.id)
    return {r.finding_fingerprint: r for r in session.scalars(stmt)}


# --- Reviews and flags ---------------------------------------------------------------------


def _review_touches(source_ids: Collection[int]) -> ColumnElement[bool]:
    """The reviewed finding (as it is now) has a claim from one of the sources."""
    claim = aliased(Claim)
    return (
        select(Finding.id)
        .join(claim, or_(claim.id == Finding.claim_a_id, claim.id == Finding.claim_b_id))
        .join(Article, Article.id == claim.article_id)
        .where(Finding.fingerprint == Review.finding_fingerprint)
        .where(Article.source_id.in_(source_ids))
        .exists()
    )


def _flag_touches(source_ids: Collection[int]) -> ColumnElement[bool]:
    """One of the flagged claims (as it is now) comes from one of the sources."""
    return (
        select(Claim.id)
        .join(Article, Article.id == Claim.article_id)
        .where(
            or_(
                Claim.fingerprint == Flag.claim_a_fingerprint,
                Claim.fingerprint == Flag.claim_b_fingerprint,
            )
        )
        .where(Article.source_id.in_(source_ids))
        .exists()
    )


def _review_log_parts(source_ids: Collection[int]) -> tuple[Select, Select]:
    reviews = select(
        literal("review").label("type"), Review.id.label("id"), Review.created_at.label("at")
    )
    flags = select(literal("flag").label("type"), Flag.id.label("id"), Flag.created_at.label("at"))
    if source_ids:
        reviews = reviews.where(_review_touches(source_ids))
        flags = flags.where(_flag_touches(source_ids))
    return reviews, flags


def select_review_log_page(
    session: Session, *, source_ids: Collection[int] = (), limit: int, offset: int
) -> list[tuple[str, int]]:
    """One page of the review log, newest first: ("review" | "flag", row id) pairs."""
    log = union_all(*_review_log_parts(source_ids)).subquery("log")
    stmt = (
        select(log.c.type, log.c.id)
        .order_by(log.c.at.desc(), log.c.type.desc(), log.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [(kind, row_id) for kind, row_id in session.execute(stmt)]


def count_review_log(session: Session, *, source_ids: Collection[int] = ()) -> dict[str, int]:
    """Entries of the review log by verdict ("confirmed", "dismissed") and "flag"."""
    reviews, flags = _review_log_parts(source_ids)
    reviewed = reviews.subquery()
    verdicts = session.execute(
        select(Review.verdict, func.count())
        .join(reviewed, reviewed.c.id == Review.id)
        .group_by(Review.verdict)
    )
    counts = {verdict: count for verdict, count in verdicts}
    counts["flag"] = session.scalar(select(func.count()).select_from(flags.subquery())) or 0
    return counts


def select_reviews_by_ids(session: Session, ids: Collection[int]) -> list[Review]:
    if not ids:
        return []
    return list(session.scalars(select(Review).where(Review.id.in_(ids))))


def select_flags_by_ids(session: Session, ids: Collection[int]) -> list[Flag]:
    if not ids:
        return []
    return list(session.scalars(select(Flag).where(Flag.id.in_(ids))))


def select_all_reviews(session: Session) -> list[Review]:
    return list(session.scalars(select(Review).order_by(Review.id)))


def select_flags(
    session: Session,
    *,
    topic_slug: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[Flag], int]:
    base = select(Flag)
    if topic_slug:
        base = base.where(Flag.topic_slug == topic_slug)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    stmt = base.order_by(Flag.created_at.desc(), Flag.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    return list(session.scalars(stmt)), total


def find_flag(
    session: Session, topic_slug: str, fingerprints: tuple[str, str], reviewer: str
) -> Flag | None:
    return session.scalar(
        select(Flag).where(
            Flag.topic_slug == topic_slug,
            Flag.claim_a_fingerprint == fingerprints[0],
            Flag.claim_b_fingerprint == fingerprints[1],
            Flag.reviewer == reviewer,
        )
    )


def is_claim_in_topic(session: Session, claim_id: int, topic_id: int) -> bool:
    stmt = select(ClaimTopic.claim_id).where(
        ClaimTopic.claim_id == claim_id, ClaimTopic.topic_id == topic_id
    )
    return session.scalar(stmt) is not None


# --- Search --------------------------------------------------------------------------------

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
    stmt = base.options(*_claim_options()).order_by(*order).limit(limit).offset(offset)
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


# --- Engine: comparison and export ---------------------------------------------------------


def claim_ids_by_start(session: Session, article_id: int) -> dict[int, int]:
    """Claim ids of an article keyed by their start offset (unique within an article)."""
    rows = session.execute(select(Claim.start, Claim.id).where(Claim.article_id == article_id))
    return dict(rows.all())


def select_article_hashes(session: Session) -> set[tuple[str, str]]:
    """(outlet key, content hash) of every stored article: what ingest skips."""
    rows = session.execute(select(Source.key, Article.content_hash).join(Source))
    return {(key, content_hash) for key, content_hash in rows}


def select_sources_of_paths(session: Session, paths: Collection[str]) -> dict[str, Source]:
    """The outlet of each stored article among ``paths``."""
    if not paths:
        return {}
    rows = session.execute(select(Article.path, Source).join(Source).where(Article.path.in_(paths)))
    return {path: source for path, source in rows}


def select_claims_of_source(session: Session, source_id: int) -> list[Claim]:
    stmt = select(Claim).join(Article).where(Article.source_id == source_id).order_by(Claim.id)
    return list(session.scalars(stmt))


def source_has_articles(session: Session, source_id: int) -> bool:
    return (
        session.scalar(select(Article.id).where(Article.source_id == source_id).limit(1))
        is not None
    )


def select_topics(session: Session) -> list[Topic]:
    return list(session.scalars(select(Topic).order_by(Topic.slug)))


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim as comparison needs it: values, propositions, outlet and publication time."""

    claim: Claim
    source_name: str
    source_key: str
    published_at: datetime | None
    published_precision: str | None
    published_day: date | None  # the day as the outlet dates it (its own time zone)


def select_claims_for_comparison(session: Session) -> list[ClaimRow]:
    """Every claim of every analysed article, with its values and propositions."""
    rows = session.execute(
        select(
            Claim,
            Source.name,
            Source.key,
            Article.published_at,
            Article.published_precision,
            Article.published,
        )
        .join(Article, Article.id == Claim.article_id)
        .join(Source, Source.id == Article.source_id)
        .where(Article.status == "analysed")
        .options(selectinload(Claim.values), selectinload(Claim.propositions))
        .order_by(Claim.id)
    )
    return [ClaimRow(*row) for row in rows]


def select_cue_members(session: Session) -> dict[str, set[int]]:
    """Claims of each defined topic matched by its cues (not merged in from discovery)."""
    rows = session.execute(
        select(Topic.slug, ClaimTopic.claim_id)
        .join(ClaimTopic, ClaimTopic.topic_id == Topic.id)
        .where(Topic.origin == "defined", ClaimTopic.cues != "")
    )
    members: dict[str, set[int]] = {}
    for slug, claim_id in rows:
        members.setdefault(slug, set()).add(claim_id)
    return members


def select_cue_links(
    session: Session, topic_ids: Collection[int]
) -> dict[tuple[int, int], ClaimTopic]:
    if not topic_ids:
        return {}
    stmt = select(ClaimTopic).where(ClaimTopic.topic_id.in_(topic_ids), ClaimTopic.cues != "")
    return {(link.claim_id, link.topic_id): link for link in session.scalars(stmt)}


def count_topic_outlets(session: Session) -> dict[int, int]:
    """How many outlets have claims in each topic."""
    rows = session.execute(
        select(ClaimTopic.topic_id, func.count(func.distinct(Article.source_id)))
        .join(Claim, Claim.id == ClaimTopic.claim_id)
        .join(Article, Article.id == Claim.article_id)
        .group_by(ClaimTopic.topic_id)
    )
    return dict(rows.all())


def select_findings_by_fingerprint(session: Session) -> dict[str, Finding]:
    return {f.fingerprint: f for f in session.scalars(select(Finding))}


def select_derived_states(session: Session) -> list[DerivedState]:
    return list(session.scalars(select(DerivedState).order_by(DerivedState.step)))


def select_finding_keys(session: Session) -> dict[str, int]:
    """Every fingerprint a finding has had, with its id."""
    return dict(session.execute(select(FindingKey.fingerprint, FindingKey.finding_id)).all())


def select_articles_for_export(session: Session) -> list[tuple[Article, str]]:
    rows = session.execute(select(Article, Source.name).join(Source).order_by(Article.id))
    return [tuple(row) for row in rows]


def select_claims_for_export(session: Session) -> list[Claim]:
    return list(
        session.scalars(
            select(Claim)
            .options(
                selectinload(Claim.values),
                selectinload(Claim.topics),
                selectinload(Claim.propositions),
            )
            .order_by(Claim.article_id, Claim.start)
        )
    )


def select_sentences_for_export(session: Session) -> dict[int, list[Sentence]]:
    """Article id -> its sentences, in text order."""
    found: dict[int, list[Sentence]] = {}
    for sentence in session.scalars(select(Sentence).order_by(Sentence.article_id, Sentence.id)):
        found.setdefault(sentence.article_id, []).append(sentence)
    return found


def select_entities_for_export(session: Session) -> list[tuple[Entity, list[EntityMention]]]:
    """Every entity with its mentions, both in the order they were stored."""
    mentions: dict[int, list[EntityMention]] = {}
    for mention in session.scalars(select(EntityMention).order_by(EntityMention.id)):
        mentions.setdefault(mention.entity_id, []).append(mention)
    entities = session.scalars(select(Entity).order_by(Entity.id))
    return [(entity, mentions.get(entity.id, [])) for entity in entities]


def select_findings_for_export(session: Session) -> list[Finding]:
    return list(
        session.scalars(select(Finding).options(joinedload(Finding.topic)).order_by(Finding.id))
    )


def select_claim_entities(session: Session) -> dict[int, list[str]]:
    """Canonical entity names mentioned in each claim, variants merged, in text order."""
    rows = session.execute(
        select(EntityMention.claim_id, Entity.name)
        .join(Entity, Entity.id == EntityMention.entity_id)
        .where(EntityMention.claim_id.is_not(None))
        .order_by(EntityMention.claim_id, EntityMention.start)
    )
    names: dict[int, list[str]] = {}
    for claim_id, name in rows:
        listed = names.setdefault(claim_id, [])
        if name not in listed:
            listed.append(name)
    return names


def corpus_counts(session: Session) -> dict[str, int]:
    """Articles (and how many were analysed), outlets with analysed articles, topics with
    claims, findings and conflicts: what the CLI and the overview summarise."""
    analysed = Article.status == "analysed"
    return {
        "articles": session.scalar(select(func.count(Article.id))) or 0,
        "analysed": session.scalar(select(func.count(Article.id)).where(analysed)) or 0,
        "outlets": session.scalar(
            select(func.count(func.distinct(Article.source_id))).where(analysed)
        )
        or 0,
        "topics": session.scalar(select(func.count(func.distinct(ClaimTopic.topic_id)))) or 0,
        "findings": session.scalar(select(func.count(Finding.id))) or 0,
        "conflicts": session.scalar(
            select(func.count(Finding.id)).where(Finding.kind == "conflict")
        )
        or 0,
    }


# --- Evaluation (cotejo eval) --------------------------------------------------------------


def select_claim_texts(session: Session) -> list[tuple[int, str, str, int]]:
    """(claim id, outlet, text, start offset) of every claim."""
    rows = session.execute(
        select(Claim.id, Source.name, Claim.text, Claim.start)
        .join(Article, Article.id == Claim.article_id)
        .join(Source, Source.id == Article.source_id)
        .order_by(Claim.id)
    )
    return [tuple(row) for row in rows]


def select_findings_for_evaluation(session: Session) -> list[tuple]:
    """(id, category, claim a, claim b, span a, span b, explanation): the category is the
    severity of a conflict, else the kind."""
    value_a, value_b = aliased(ClaimValue), aliased(ClaimValue)
    rows = session.execute(
        select(
            Finding.id,
            Finding.kind,
            Finding.severity,
            Finding.claim_a_id,
            Finding.claim_b_id,
            value_a.start,
            value_a.end,
            value_b.start,
            value_b.end,
            Finding.explanation,
            value_a.kind,
            value_a.low,
            value_a.high,
            value_b.kind,
            value_b.low,
            value_b.high,
        )
        .outerjoin(value_a, value_a.id == Finding.value_a_id)
        .outerjoin(value_b, value_b.id == Finding.value_b_id)
        .order_by(Finding.id)
    )
    found = []
    for fid, kind, severity, a, b, sa, ea, sb, eb, explanation, *figures in rows:
        category = severity if kind == "conflict" else kind
        span_a = (sa, ea) if sa is not None else None
        span_b = (sb, eb) if sb is not None else None
        figure_a = tuple(figures[:3]) if figures[0] is not None else None
        figure_b = tuple(figures[3:]) if figures[3] is not None else None
        found.append((fid, category, a, b, span_a, span_b, explanation, figure_a, figure_b))
    return found


def select_values_for_evaluation(session: Session) -> dict[int, list[ClaimValue]]:
    found: dict[int, list[ClaimValue]] = {}
    for value in session.scalars(select(ClaimValue).order_by(ClaimValue.id)):
        found.setdefault(value.claim_id, []).append(value)
    return found


def select_topic_certainties(session: Session) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for claim_id, certainty in session.execute(select(ClaimTopic.claim_id, ClaimTopic.certainty)):
        found.setdefault(claim_id, []).append(certainty)
    return found


def select_claim_certainties(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Claim.id, Claim.certainty)).all())


def select_claim_topic_ids(session: Session) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for claim_id, topic_id in session.execute(select(ClaimTopic.claim_id, ClaimTopic.topic_id)):
        found.setdefault(claim_id, set()).add(topic_id)
    return found


# --- Dashboard and export: topic certainties, kinds in order, refused articles --------------
# (Read queries of the web layer added with discovered topics; the ones above are unchanged.)

# Most urgent first: outlets contradicting each other, parties disagreeing, figures revised,
# then agreements. Any other kind sorts last.
KIND_RANK = {"conflict": 0, "dispute": 1, "update": 2, "agreement": 3}


def select_topic_certainties_of_claims(
    session: Session, claim_ids: Collection[int]
) -> dict[int, dict[int, str]]:
    """Claim id -> topic id -> the certainty of what the claim says about that topic."""
    if not claim_ids:
        return {}
    rows = session.execute(
        select(ClaimTopic.claim_id, ClaimTopic.topic_id, ClaimTopic.certainty).where(
            ClaimTopic.claim_id.in_(claim_ids)
        )
    )
    found: dict[int, dict[int, str]] = {}
    for claim_id, topic_id, certainty in rows:
        found.setdefault(claim_id, {})[topic_id] = certainty
    return found


def select_topic_links_for_export(session: Session) -> dict[int, list[tuple[str, ClaimTopic]]]:
    """Claim id -> (topic slug, the claim's link to that topic), by slug."""
    rows = session.execute(
        select(Topic.slug, ClaimTopic)
        .join(Topic, Topic.id == ClaimTopic.topic_id)
        .order_by(ClaimTopic.claim_id, Topic.slug)
    )
    found: dict[int, list[tuple[str, ClaimTopic]]] = {}
    for slug, link in rows:
        found.setdefault(link.claim_id, []).append((slug, link))
    return found


def _kind_rank() -> ColumnElement[int]:
    return case(KIND_RANK, value=Finding.kind, else_=len(KIND_RANK))


def select_findings_in_order(
    session: Session, filters: FindingFilter, *, limit: int | None = None, offset: int = 0
) -> tuple[list[tuple[Finding, str]], int]:
    """Findings with their review state ("open" when never reviewed), most urgent kind
    first: conflict, dispute, update, agreement (then hard before soft, values before
    certainty). With sources selected, only findings whose *both* claims come from them:
    that is exactly where those sources agree or conflict."""
    stmt, state = _state_column()
    claim_a, claim_b = aliased(Claim), aliased(Claim)
    article_a, article_b = aliased(Article), aliased(Article)
    stmt = (
        stmt.join(claim_a, claim_a.id == Finding.claim_a_id)
        .join(claim_b, claim_b.id == Finding.claim_b_id)
        .join(article_a, article_a.id == claim_a.article_id)
        .join(article_b, article_b.id == claim_b.article_id)
        .join(Topic, Topic.id == Finding.topic_id)
    )
    if filters.topic_slug:
        stmt = stmt.where(Topic.slug == filters.topic_slug)
    if filters.source_ids:
        stmt = stmt.where(
            article_a.source_id.in_(filters.source_ids),
            article_b.source_id.in_(filters.source_ids),
        )
    if filters.kind:
        stmt = stmt.where(Finding.kind == filters.kind)
    if filters.severity:
        stmt = stmt.where(Finding.severity == filters.severity)
    if filters.states:
        stmt = stmt.where(state.in_(filters.states))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    severity_rank = case(SEVERITY_RANK, value=Finding.severity, else_=len(SEVERITY_RANK))
    stmt = stmt.options(*_finding_options()).order_by(
        _kind_rank(),
        severity_rank,
        (Finding.basis == "certainty"),
        Topic.label,
        Finding.slot,
        Finding.id,
    )
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    rows = session.execute(stmt).unique().all()
    return [(finding, finding_state) for finding, finding_state in rows], total


def select_findings_of_claim_in_order(session: Session, claim_id: int) -> list[tuple[Finding, str]]:
    stmt, _state = _state_column()
    stmt = (
        stmt.where(or_(Finding.claim_a_id == claim_id, Finding.claim_b_id == claim_id))
        .options(*_finding_options())
        .order_by(_kind_rank(), Finding.id)
    )
    return [(f, s) for f, s in session.execute(stmt).unique().all()]


def select_topic_claims_page(
    session: Session,
    *,
    topic_slug: str,
    source_ids: Collection[int] = (),
    certainty: str | None = None,
    limit: int,
    offset: int,
) -> tuple[list[Claim], int]:
    """One page of a topic's claims; ``certainty`` is what they say about that topic."""
    base = (
        select(Claim)
        .join(Article, Article.id == Claim.article_id)
        .join(ClaimTopic, ClaimTopic.claim_id == Claim.id)
        .join(Topic, Topic.id == ClaimTopic.topic_id)
        .where(Topic.slug == topic_slug)
    )
    if source_ids:
        base = base.where(Article.source_id.in_(source_ids))
    if certainty:
        base = base.where(ClaimTopic.certainty == certainty)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    stmt = (
        base.options(*_claim_options())
        .order_by(Article.source_id, Claim.article_id, Claim.start)
        .limit(limit)
        .offset(offset)
    )
    return list(session.scalars(stmt)), total


@dataclass(frozen=True, slots=True)
class RefusedArticle:
    """An article stored but not analysed, and why (written in another language...)."""

    article_id: int
    source_id: int
    source_name: str
    path: str
    title: str | None
    note: str


def select_refused_articles(session: Session) -> list[RefusedArticle]:
    rows = session.execute(
        select(Article.id, Source.id, Source.name, Article.path, Article.title, Article.status_note)
        .join(Source, Source.id == Article.source_id)
        .where(Article.status != "analysed")
        .order_by(Source.name, Article.id)
    )
    return [RefusedArticle(*row) for row in rows]


def count_event_scopes(session: Session) -> dict[str, int]:
    """How many values carry each "event:<event>" scope term: the most frequent is the event
    the corpus is about, which the dashboard need not repeat on every value."""
    from sqlalchemy import Text, cast  # this section's own imports

    rows = session.scalars(
        select(ClaimValue.scope).where(cast(ClaimValue.scope, Text).like('%"event:%'))
    )
    counts: dict[str, int] = {}
    for scope in rows:
        for term in scope or ():
            if isinstance(term, str) and term.startswith("event:"):
                counts[term] = counts.get(term, 0) + 1
    return counts
