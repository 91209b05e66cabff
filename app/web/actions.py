"""Form actions (POST): HTMX gets the updated fragment, plain forms a 303 back to the page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from app.services import review
from app.services.upload_form import ArticleMeta, rows_of
from app.web.deps import (
    ClaimIdPath,
    FindingIdPath,
    IngestJobsDep,
    ReviewerDep,
    SessionDep,
    TopicSlugPath,
    remember_reviewer,
    require_form_body,
)
from app.web.templating import is_htmx, render
from app.web.write_access import require_writer

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_form_body)])

NoteField = Annotated[str, Form(max_length=review.MAX_NOTE_CHARS)]
NameField = Annotated[str, Form(max_length=review.MAX_REVIEWER_CHARS)]
NextField = Annotated[str, Form(max_length=2000)]
FingerprintField = Annotated[str, Form(max_length=review.FINGERPRINT_CHARS)]
# Parsed by the service: a clear message naming the field for anything that is no id.
ClaimIdField = Annotated[str, Form(max_length=100)]
# One per file row of the upload form, in the rows' order; the service checks each.
MetaFields = Annotated[list[str] | None, Form()]


def safe_next(target: str, fallback: str) -> str:
    """Only same-site paths: a form must not redirect the user elsewhere."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return fallback


def reply_as_reviewer(
    request: Request,
    reviewer: str,
    *,
    next: str,
    fallback: str,
    template: str,
    context: dict[str, object],
) -> Response:
    """After a reviewer's POST: a redirect back without JS, else the updated fragment;
    either way the reviewer's name is remembered."""
    if is_htmx(request):
        response = render(request, template, context)
    else:
        response = RedirectResponse(safe_next(next, fallback), status_code=303)
    remember_reviewer(response, reviewer)
    return response


@router.post("/reviewer")
def save_reviewer(request: Request, reviewer: NameField = "", next: NextField = "/") -> Response:
    name = review.clean_reviewer(reviewer)
    return reply_as_reviewer(
        request,
        name,
        next=next,
        fallback="/",
        template="_reviewer.html",
        context={"reviewer": name},
    )


@router.post("/findings/{finding_id}/review", dependencies=[Depends(require_writer)])
def review_finding(
    request: Request,
    finding_id: FindingIdPath,
    session: SessionDep,
    remembered: ReviewerDep,
    verdict: Annotated[str, Form()] = "",
    fingerprint: FingerprintField = "",
    note: NoteField = "",
    reviewer: NameField = "",
    next: NextField = "",
) -> Response:
    result = review.review_finding(
        session,
        finding_id=finding_id,
        fingerprint=fingerprint,
        verdict=verdict,
        reviewer=reviewer or remembered,
        note=note,
    )
    return reply_as_reviewer(
        request,
        result.reviewer,
        next=next,
        fallback="/conflicts",
        template="_finding_response.html",
        context={"f": result.finding, "reviewer": result.reviewer, "next": next},
    )


@router.post("/topics/{slug}/claims/{claim_id}/flags", dependencies=[Depends(require_writer)])
def flag_claim(
    request: Request,
    slug: TopicSlugPath,
    claim_id: ClaimIdPath,
    session: SessionDep,
    remembered: ReviewerDep,
    other_claim_id: ClaimIdField = "",
    note: NoteField = "",
    reviewer: NameField = "",
    next: NextField = "",
) -> Response:
    result = review.flag_claims(
        session,
        topic_slug=slug,
        claim_id=claim_id,
        other_claim_id=other_claim_id,
        reviewer=reviewer or remembered,
        note=note,
    )
    return reply_as_reviewer(
        request,
        result.reviewer,
        next=next,
        fallback=f"/topics/{slug}",
        template="_flag_response.html",
        context={
            "claim": result.claim,
            "other": result.other,
            "can_flag": True,
            "topic_slug": slug,
            "reviewer": result.reviewer,
            "next": next,
        },
    )


@router.post("/ingest", dependencies=[Depends(require_writer)])
async def start_ingest(
    request: Request,
    jobs: IngestJobsDep,
    files: Annotated[list[UploadFile] | None, File()] = None,
    file_outlet: MetaFields = None,
    file_published: MetaFields = None,
    file_url: MetaFields = None,
    source_name: Annotated[str, Form()] = "",
    text: Annotated[str, Form()] = "",
    text_published: Annotated[str, Form()] = "",
    text_url: Annotated[str, Form()] = "",
) -> Response:
    job = await jobs.accept(
        files or [],
        file_meta=rows_of(file_outlet, file_published, file_url),
        pasted_text=text,
        pasted=ArticleMeta(source_name, text_published, text_url),
    )
    if not is_htmx(request):
        return RedirectResponse(f"/ingest/jobs/{job.id}", status_code=303)
    response = render(request, "_ingest_job.html", {"job": job, "result": None}, status_code=202)
    response.headers["HX-Push-Url"] = f"/ingest/jobs/{job.id}"
    return response
