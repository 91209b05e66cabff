"""JSON API under /api, mirroring the pages; documented at /docs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi import status as http

from app.services import claimreview, dashboard, review, search
from app.services.dashboard import FlagView
from app.web.deps import (
    ClaimIdPath,
    FindingFilterDep,
    FindingIdPath,
    PageDep,
    SessionDep,
    SiteDep,
    SourceIdPath,
    SourcesDep,
    TopicQuery,
    TopicSlugPath,
    choice,
    require_json_body,
)
from app.web.jsonld import ClaimReviewLd, JsonLdResponse
from app.web.schemas import (
    ClaimPageOut,
    ErrorOut,
    FindingOut,
    FindingPageOut,
    FlagIn,
    FlagOut,
    MatrixRowOut,
    ReviewIn,
    ReviewLogOut,
    SearchOut,
    SourceDetailOut,
    SourceOut,
    TopicDetailOut,
    TopicOut,
    ValidationErrorOut,
)
from app.web.write_access import require_writer

# What any operation may answer besides its own: a Host outside COTEJO_ALLOWED_HOSTS or a
# body that is no JSON (400), a request that does not fit the schema or a value refused
# by the service (422, in one of two shapes).
COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Unknown host, or a body that cannot be parsed"},
    422: {
        "model": ValidationErrorOut | ErrorOut,
        "description": "Invalid input: the issues found, or the field refused and why",
    },
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "A write token is set and was not given (or is wrong)"},
    403: {"content": {"text/plain": {}}, "description": "Sent by another site's page"},
    413: {"model": ErrorOut, "description": "Body larger than COTEJO_MAX_REQUEST_BYTES"},
    415: {"model": ErrorOut, "description": "Body not sent as application/json"},
}


def not_found(what: str) -> dict[int | str, dict[str, Any]]:
    return {404: {"model": ErrorOut, "description": f"No such {what}"}}


router = APIRouter(
    prefix="/api",
    tags=["api"],
    dependencies=[Depends(require_json_body)],
    responses=COMMON_ERRORS,
)


def flag_out(flag: FlagView) -> FlagOut:
    return FlagOut(
        topic=flag.topic_slug,
        claim_fingerprints=list(flag.fingerprints),
        claim_ids=[c.id if c else None for c in flag.claims],
        claim_texts=list(flag.claim_texts),
        reviewer=flag.reviewer,
        note=flag.note,
        created_at=flag.created_at,
    )


@router.get("/sources", response_model=list[SourceOut])
def list_sources(session: SessionDep, sources: SourcesDep) -> list[dashboard.SourceRow]:
    """Every source with its article, claim, conflict and agreement counts; with `source`,
    only those sources, their conflicts and agreements counted between them."""
    return dashboard.build_sources(session, sources).rows


@router.get("/sources/{source_id}", response_model=SourceDetailOut, responses=not_found("source"))
def get_source(source_id: SourceIdPath, session: SessionDep) -> SourceDetailOut:
    """A source's articles (full text) and their claims."""
    view = dashboard.build_source_page(session, source_id, None)
    if view is None:
        raise HTTPException(404, f"There is no source {source_id}.")
    return SourceDetailOut.model_validate(
        {
            "source": view.source,
            "articles": view.articles,
            "claims": [c for a in view.articles for c in a.claims],
        },
        from_attributes=True,
    )


@router.get("/topics", response_model=list[TopicOut])
def list_topics(session: SessionDep, sources: SourcesDep) -> list[dashboard.TopicRow]:
    """Topics, strongest disagreement first; with `source`, counted between those sources."""
    return dashboard.build_topic_rows(session, sources)


@router.get("/matrix", response_model=list[MatrixRowOut])
def get_matrix(session: SessionDep, sources: SourcesDep) -> list[dashboard.MatrixRow]:
    """The source × topic matrix of the overview: each source's stance per topic."""
    return dashboard.build_overview(session, sources).matrix


@router.get("/topics/{slug}", response_model=TopicDetailOut, responses=not_found("topic"))
def get_topic(slug: TopicSlugPath, session: SessionDep, sources: SourcesDep) -> TopicDetailOut:
    """A topic's claims, findings and user flags (optionally between some sources only)."""
    view = dashboard.build_topic_page(session, slug, sources)
    if view is None:
        raise HTTPException(404, f"There is no topic {slug!r}.")
    return TopicDetailOut.model_validate(
        {
            "topic": view.topic,
            "description": view.description,
            "status": view.status,
            "origin": view.origin,
            "claims": [c for col in view.columns for c in col.claims],
            "conflicts": view.conflicts,
            "disputes": view.disputes,
            "updates": view.updates,
            "agreements": view.agreements,
            "flags": [flag_out(f) for f in view.flags],
        },
        from_attributes=True,
    )


@router.get("/claims", response_model=ClaimPageOut)
def list_claims(
    session: SessionDep,
    sources: SourcesDep,
    certainty: Annotated[
        str | None,
        Query(
            description="With `topic`, on the topic; mentioned: only with `topic`.",
            **choice("asserted", "hedged", "denied", "mentioned"),
        ),
    ] = None,
    topic: TopicQuery = None,
    page: PageDep = 1,
) -> ClaimPageOut:
    """Claims filtered by source, topic and certainty, in article order. With `topic`,
    `certainty` filters on what each claim says about that topic (its `topic_certainty`,
    the one findings compare); without, on the sentence's certainty."""
    view = dashboard.build_claims_page(session, sources, topic, certainty, page)
    return ClaimPageOut.model_validate(
        {
            "total": view.pager.total,
            "page": view.pager.page,
            "pages": view.pager.pages,
            "items": view.claims,
        },
        from_attributes=True,
    )


@router.get("/findings", response_model=FindingPageOut)
def list_findings(
    session: SessionDep, filters: FindingFilterDep, page: PageDep = 1
) -> FindingPageOut:
    """Findings filtered by topic, source (both sides), kind, severity and review state;
    conflicts first, then disputes, updates and agreements."""
    view = dashboard.build_conflicts_page(session, filters, page)
    return FindingPageOut.model_validate(
        {
            "total": view.pager.total,
            "page": view.pager.page,
            "pages": view.pager.pages,
            "items": view.findings,
        },
        from_attributes=True,
    )


@router.get("/findings/{finding_id}", response_model=FindingOut, responses=not_found("finding"))
def get_finding(finding_id: FindingIdPath, session: SessionDep) -> dashboard.FindingView:
    finding = dashboard.build_finding(session, finding_id)
    if finding is None:
        raise HTTPException(404, f"There is no finding {finding_id}.")
    return finding


@router.post(
    "/findings/{finding_id}/review",
    dependencies=[Depends(require_writer)],
    response_model=FindingOut,
    status_code=http.HTTP_201_CREATED,
    responses={
        **WRITE_ERRORS,
        **not_found("finding"),
        409: {"model": ErrorOut, "description": "The id names another finding now"},
    },
)
def review_finding(
    finding_id: FindingIdPath, body: ReviewIn, session: SessionDep
) -> dashboard.FindingView:
    """Confirm or dismiss a finding; returns the finding with its new review state.

    `fingerprint` must be the finding's as read (GET): a finding id may name another
    finding after the articles are analysed again, and then nothing is stored (409).
    """
    return review.review_finding(
        session,
        finding_id=finding_id,
        fingerprint=body.fingerprint,
        verdict=body.verdict,
        reviewer=body.reviewer,
        note=body.note,
    ).finding


@router.post(
    "/claims/{claim_id}/flags",
    dependencies=[Depends(require_writer)],
    response_model=FlagOut,
    status_code=http.HTTP_201_CREATED,
    responses={
        **WRITE_ERRORS,
        **not_found("claim or topic"),
        409: {"model": ErrorOut, "description": "Already flagged by this reviewer"},
    },
)
def flag_claim(claim_id: ClaimIdPath, body: FlagIn, session: SessionDep) -> FlagOut:
    """Flag this claim as contradicting another claim of the same topic."""
    result = review.flag_claims(
        session,
        topic_slug=body.topic,
        claim_id=claim_id,
        other_claim_id=body.other_claim_id,
        reviewer=body.reviewer,
        note=body.note,
    )
    return flag_out(result.flag)


@router.get("/reviews", response_model=ReviewLogOut)
def list_reviews(session: SessionDep) -> ReviewLogOut:
    """Every review and flag, oldest first (the same rows `cotejo export` writes)."""
    return ReviewLogOut.model_validate(review.review_log(session))


@router.get("/search", response_model=SearchOut)
def search_claims(
    session: SessionDep,
    sources: SourcesDep,
    q: Annotated[str, Query(max_length=200, description="Words to find (prefixes match).")],
    page: PageDep = 1,
) -> SearchOut:
    """Full-text search over claims (FTS5 on SQLite)."""
    view = search.build_search_page(session, q, sources, page)
    return SearchOut.model_validate(
        {
            "query": q,
            "backend": view.backend,
            "total": view.pager.total,
            "page": view.pager.page,
            "pages": view.pager.pages,
            "claims": [hit.claim for hit in view.claims],
        },
        from_attributes=True,
    )


@router.get(
    "/claimreview",
    response_model=list[ClaimReviewLd],
    response_class=JsonLdResponse,
    response_model_exclude_none=True,
)
def list_claim_reviews(session: SessionDep, site: SiteDep) -> list[dict[str, Any]]:
    """Reviewed conflicts (confirmed or dismissed) as schema.org ClaimReview JSON-LD, one
    object per conflict (`cotejo export --format claimreview` writes the same)."""
    return claimreview.build_claim_reviews(session, site)
