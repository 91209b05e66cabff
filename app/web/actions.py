"""Form actions (POST): HTMX gets the updated fragment, plain forms a 303 back to the page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from app.services import dashboard, review
from app.services.uploads import RAW_BYTES_PER_CHAR, UploadedFile, validate_uploads
from app.web.deps import ReviewerDep, SessionDep, SettingsDep, remember_reviewer
from app.web.templating import is_htmx, render

router = APIRouter(include_in_schema=False)

NoteField = Annotated[str, Form(max_length=review.MAX_NOTE_CHARS)]
NameField = Annotated[str, Form(max_length=review.MAX_REVIEWER_CHARS)]
NextField = Annotated[str, Form(max_length=2000)]


def safe_next(target: str, fallback: str) -> str:
    """Only same-site paths: a form must not redirect the user elsewhere."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return fallback


def back(target: str, fallback: str, reviewer: str) -> Response:
    response = RedirectResponse(safe_next(target, fallback), status_code=303)
    remember_reviewer(response, reviewer)
    return response


@router.post("/reviewer")
def save_reviewer(request: Request, reviewer: NameField = "", next: NextField = "/") -> Response:
    name = review.clean_reviewer(reviewer)
    if not is_htmx(request):
        return back(next, "/", name)
    response = render(request, "_reviewer.html", {"reviewer": name})
    remember_reviewer(response, name)
    return response


@router.post("/findings/{finding_id}/review")
def review_finding(
    request: Request,
    finding_id: int,
    session: SessionDep,
    remembered: ReviewerDep,
    verdict: Annotated[str, Form()] = "",
    note: NoteField = "",
    reviewer: NameField = "",
    next: NextField = "",
) -> Response:
    saved = review.record_review(
        session,
        finding_id=finding_id,
        verdict=verdict,
        reviewer=reviewer or remembered,
        note=note,
    )
    if not is_htmx(request):
        return back(next, "/conflicts", saved.reviewer)
    finding = dashboard.build_finding(session, finding_id)
    response = render(
        request,
        "_finding_response.html",
        {"f": finding, "reviewer": saved.reviewer, "next": next},
    )
    remember_reviewer(response, saved.reviewer)
    return response


@router.post("/topics/{slug}/claims/{claim_id}/flags")
def flag_claim(
    request: Request,
    slug: str,
    claim_id: int,
    session: SessionDep,
    remembered: ReviewerDep,
    other_claim_id: Annotated[str, Form()] = "",
    note: NoteField = "",
    reviewer: NameField = "",
    next: NextField = "",
) -> Response:
    other = int(other_claim_id) if other_claim_id.strip().isdigit() else None
    flag = review.record_flag(
        session,
        topic_slug=slug,
        claim_id=claim_id,
        other_claim_id=other,
        reviewer=reviewer or remembered,
        note=note,
    )
    if not is_htmx(request):
        return back(next, f"/topics/{slug}", flag.reviewer)
    cards = [dashboard.build_claim_card(session, cid, slug) for cid in (claim_id, other)]
    response = render(
        request,
        "_flag_response.html",
        {
            "claim": cards[0],
            "other": cards[1],
            "choices": dashboard.build_topic_choices(session, slug),
            "topic_slug": slug,
            "reviewer": flag.reviewer,
            "next": next,
        },
    )
    remember_reviewer(response, flag.reviewer)
    return response


@router.post("/ingest")
async def start_ingest(
    request: Request,
    settings: SettingsDep,
    files: Annotated[list[UploadFile] | None, File()] = None,
    source_name: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
    language: Annotated[str, Form()] = "es",
) -> Response:
    # Read one byte past the limit: enough to refuse an oversized file without reading it all.
    limit = settings.max_article_chars * RAW_BYTES_PER_CHAR + 1
    uploads = [UploadedFile(f.filename or "", await f.read(limit)) for f in files or []]
    items = validate_uploads(
        uploads,
        source_name=source_name,
        pasted_text=text,
        language=language,
        max_chars=settings.max_article_chars,
    )
    job = request.app.state.ingest_jobs.start(items)
    if not is_htmx(request):
        return RedirectResponse(f"/ingest/jobs/{job.id}", status_code=303)
    response = render(request, "_ingest_job.html", {"job": job, "result": None}, status_code=202)
    response.headers["HX-Push-Url"] = f"/ingest/jobs/{job.id}"
    return response
