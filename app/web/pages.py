"""Dashboard pages (GET): each wires dependencies, calls one service, renders."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from app.services import dashboard, search
from app.services.uploads import MAX_FILES
from app.web.deps import FindingFilterDep, PageDep, SessionDep, SettingsDep, SourcesDep
from app.web.templating import render

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
    request: Request, slug: str, session: SessionDep, sources: SourcesDep
) -> HTMLResponse:
    view = dashboard.build_topic_page(session, slug, sources)
    if view is None:
        raise HTTPException(404, f"There is no topic {slug!r}.")
    return render(
        request,
        "topic.html",
        {"nav": "overview", "view": view, "params": {"source": view.picker.selected}},
        fragments={"topic-main": "_topic.html"},
    )


@router.get("/conflicts")
def show_conflicts(
    request: Request, session: SessionDep, filters: FindingFilterDep, page: PageDep = 1
) -> HTMLResponse:
    view = dashboard.build_conflicts_page(session, filters, page)
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
def show_sources(request: Request, session: SessionDep) -> HTMLResponse:
    return render(
        request, "sources.html", {"nav": "sources", "rows": dashboard.build_sources(session)}
    )


@router.get("/sources/{source_id}")
def show_source(
    request: Request,
    source_id: int,
    session: SessionDep,
    claim: Annotated[int | None, Query(description="Claim to show in context.")] = None,
) -> HTMLResponse:
    view = dashboard.build_source_page(session, source_id, claim)
    if view is None:
        raise HTTPException(404, f"There is no source {source_id}.")
    return render(
        request,
        "source.html",
        {"nav": "sources", "view": view, "detail": view.selected},
        fragments={"claim-detail": "_claim_detail.html"},
    )


@router.get("/review")
def show_review(request: Request, session: SessionDep, page: PageDep = 1) -> HTMLResponse:
    return render(
        request,
        "review.html",
        {"nav": "review", "view": dashboard.build_review_page(session, page), "params": {}},
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
def show_ingest(request: Request, settings: SettingsDep) -> HTMLResponse:
    return render(
        request,
        "ingest.html",
        {"nav": "ingest", "max_chars": settings.max_article_chars, "max_files": MAX_FILES},
    )


@router.get("/ingest/jobs/{job_id}")
def show_ingest_job(request: Request, job_id: str, session: SessionDep) -> HTMLResponse:
    job = request.app.state.ingest_jobs.get(job_id)
    if job is None:
        raise HTTPException(404, "This ingest is unknown (the server may have restarted).")
    result = None
    if job.finished and job.report is not None:
        result = dashboard.build_ingest_result(
            session, job.report.new_claim_ids, job.report.new_finding_ids
        )
    return render(
        request,
        "ingest_job.html",
        {"nav": "ingest", "job": job, "result": result},
        fragments={"ingest-job": "_ingest_job.html"},
    )
