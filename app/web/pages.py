"""Dashboard pages (GET): each wires dependencies, calls one service, renders."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from app.services import dashboard, search, uploads
from app.services.upload_form import MAX_FILES
from app.web.body_limit import describe_size
from app.web.deps import (
    ClaimIdPath,
    ClaimQuery,
    FindingFilterDep,
    IngestJobsDep,
    PageDep,
    SessionDep,
    SettingsDep,
    SourceIdPath,
    SourcesDep,
    TopicSlugPath,
)
from app.web.templating import htmx_target, render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/")
def show_overview(request: Request, session: SessionDep, sources: SourcesDep) -> HTMLResponse:
    view = dashboard.build_overview(session, sources)
    return render(
        request,
        "overview.html",
        {"nav": "overview", "view": view, "params": {"source": view.picker.selected}},
        fragments={"overview-main": "_overview.html"},
    )


@router.get("/topics/{slug}")
def show_topic(
    request: Request,
    slug: TopicSlugPath,
    session: SessionDep,
    sources: SourcesDep,
    page: PageDep = 1,
    findings_page: PageDep = 1,
) -> HTMLResponse:
    """Findings by slot first, a page of them; the claims below, a page at a time (HTMX
    swaps only the claims for ``HX-Target: topic-claims``)."""
    view = dashboard.build_topic_page(
        session, slug, sources, page=page, findings_page=findings_page
    )
    if view is None:
        raise HTTPException(404, f"There is no topic {slug!r}.")
    return render(
        request,
        "topic.html",
        {"nav": "overview", "view": view, "params": {"source": view.picker.selected}},
        fragments={"topic-main": "_topic.html", "topic-claims": "_topic_claims.html"},
    )


@router.get("/topics/{slug}/claims/{claim_id}/flag")
def show_flag_form(
    request: Request,
    slug: TopicSlugPath,
    claim_id: ClaimIdPath,
    session: SessionDep,
    sources: SourcesDep,
) -> HTMLResponse:
    """The "flag a conflict with…" form of one claim: loaded when its box opens (HTMX),
    or a page of its own without JavaScript."""
    form = dashboard.build_flag_form(session, slug, claim_id)
    if form is None:
        raise HTTPException(404, f"There is no claim {claim_id} in topic {slug!r}.")
    return render(
        request,
        "flag.html",
        {"nav": "overview", "form": form, "params": {"source": sources}},
        fragments={"flag-form": "_flag_form.html"},
    )


@router.get("/conflicts")
def show_conflicts(
    request: Request, session: SessionDep, filters: FindingFilterDep, page: PageDep = 1
) -> HTMLResponse:
    view = dashboard.build_conflicts_page(session, filters, page, refuse_past_last=True)
    params = {
        "source": filters.source_ids,
        "topic": filters.topic_slug,
        "kind": filters.kind,
        "severity": filters.severity,
        "state": filters.states[0] if filters.states else None,
    }
    return render(
        request,
        "conflicts.html",
        {"nav": "conflicts", "view": view, "params": params},
        fragments={"conflicts-main": "_conflicts.html"},
    )


@router.get("/sources")
def show_sources(request: Request, session: SessionDep, sources: SourcesDep) -> HTMLResponse:
    view = dashboard.build_sources(session, sources)
    return render(
        request,
        "sources.html",
        {"nav": "sources", "view": view, "params": {"source": view.picker.selected}},
        fragments={"sources-main": "_sources.html"},
    )


@router.get("/sources/{source_id}")
def show_source(
    request: Request,
    source_id: SourceIdPath,
    session: SessionDep,
    sources: SourcesDep,
    claim: ClaimQuery = None,
    page: PageDep = 1,
) -> HTMLResponse:
    # An HTMX click on a claim swaps only the claim detail: the articles are not built.
    detail_only = htmx_target(request) == "claim-detail"
    view = dashboard.build_source_page(
        session, source_id, claim, sources, detail_only=detail_only, page=page
    )
    if view is None:
        raise HTTPException(404, f"There is no source {source_id}.")
    return render(
        request,
        "source.html",
        {
            "nav": "sources",
            "view": view,
            "detail": view.selected,
            "params": {"source": view.picker.selected},
        },
        fragments={"claim-detail": "_claim_detail.html", "source-main": "_source.html"},
    )


@router.get("/review")
def show_review(
    request: Request, session: SessionDep, sources: SourcesDep, page: PageDep = 1
) -> HTMLResponse:
    view = dashboard.build_review_page(session, page, sources)
    return render(
        request,
        "review.html",
        {"nav": "review", "view": view, "params": {"source": view.picker.selected}},
        fragments={"review-main": "_review.html"},
    )


@router.get("/search")
def show_search(
    request: Request,
    session: SessionDep,
    sources: SourcesDep,
    q: Annotated[str, Query(max_length=200)] = "",
    page: PageDep = 1,
) -> HTMLResponse:
    view = search.build_search_page(session, q, sources, page)
    return render(
        request,
        "search.html",
        {"nav": "search", "view": view, "params": {"q": q, "source": view.picker.selected}},
        fragments={"search-results": "_search.html"},
    )


@router.get("/ingest")
def show_ingest(request: Request, session: SessionDep, settings: SettingsDep) -> HTMLResponse:
    return render(
        request,
        "ingest.html",
        {
            "nav": "ingest",
            "outlets": uploads.known_outlets(session),
            "timezone": settings.timezone,
            "max_chars": settings.max_article_chars,
            "max_files": MAX_FILES,
            "max_bytes": describe_size(settings.max_request_bytes),
        },
    )


@router.get("/ingest/jobs/{job_id}")
def show_ingest_job(
    request: Request,
    job_id: Annotated[str, Path(max_length=64)],
    session: SessionDep,
    jobs: IngestJobsDep,
) -> HTMLResponse:
    view = uploads.build_job_page(session, jobs, job_id)
    if view is None:
        raise HTTPException(404, "This ingest is unknown (the server may have restarted).")
    return render(
        request,
        "ingest_job.html",
        {"nav": "ingest", "job": view.job, "result": view.result},
        fragments={"ingest-job": "_ingest_job.html"},
    )
