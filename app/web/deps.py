"""Typed request dependencies: the database session, settings, ids, pages and filters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated
from urllib.parse import quote, unquote

from fastapi import Depends, HTTPException, Path, Query, Request, Response
from pydantic import AfterValidator, Field
from sqlalchemy.orm import Session

from app.config import Settings
from app.services.dashboard import (
    KINDS,
    MAX_PAGE,
    SEVERITIES,
    STATES,
    FindingFilter,
    make_finding_filter,
)
from app.services.errors import MAX_ID
from app.services.uploads import IngestJobs
from app.web.schemas import NO_NUL, declared

REVIEWER_COOKIE = "cotejo_reviewer"
ONE_YEAR = 365 * 24 * 3600
# Methods whose request carries a body the app reads (and that change something).
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.session_factory() as session:
        yield session


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def site_url(request: Request) -> str:
    """The server's address as the client reached it ("http://127.0.0.1:8000"), for links
    that leave the browser (downloads, ClaimReview); the host is one the app allows."""
    return str(request.base_url).rstrip("/")


def get_ingest_jobs(request: Request) -> IngestJobs:
    return request.app.state.ingest_jobs


def media_type(request: Request) -> str:
    """The request body's media type, without parameters ("application/json")."""
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def require_json_body(request: Request) -> None:
    """The API reads JSON only. Any other body is refused (415) before it is validated:
    a form or raw bytes would otherwise be validated as the model itself and fail obscurely."""
    if request.method not in UNSAFE_METHODS:
        return
    kind = media_type(request)
    if kind != "application/json" and not (
        kind.startswith("application/") and kind.endswith("+json")
    ):
        raise HTTPException(415, "Send the body as JSON, with Content-Type: application/json.")


def require_form_body(request: Request) -> None:
    """Form actions read form fields only: a JSON or other body would be read as an empty
    form and refused for a missing field the client did send, so say what is wrong (415)."""
    if request.method in UNSAFE_METHODS and media_type(request) not in FORM_TYPES:
        raise HTTPException(
            415,
            "Send the form as application/x-www-form-urlencoded or multipart/form-data.",
        )


def read_reviewer(request: Request) -> str:
    return unquote(request.cookies.get(REVIEWER_COOKIE, ""))


def remember_reviewer(response: Response, name: str) -> None:
    """Keep the reviewer's name for next time (given once); Lax keeps it off cross-site POSTs."""
    response.set_cookie(
        REVIEWER_COOKIE, quote(name), max_age=ONE_YEAR, httponly=True, samesite="lax"
    )


# A row id: anything outside a database integer is refused (422) before any query runs.
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]


def source_ids(
    source: Annotated[
        list[RowId] | None, Query(description="Only these source ids (repeat the parameter).")
    ] = None,
) -> tuple[int, ...]:
    return tuple(sorted(set(source or ())))


def choice(*values: str) -> dict[str, object]:
    """A query parameter's choices for the schema; the service refuses others (422). Empty
    is a form's "any"."""
    return {"json_schema_extra": {"enum": ["", *values]}}


def no_nul(value: str | None) -> str | None:
    # A clearer refusal than a pattern's; PostgreSQL text cannot hold NUL (a 500 there).
    if value is not None and "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


SlugText = AfterValidator(no_nul)
TopicQuery = Annotated[
    str | None,
    Query(max_length=200, description="Topic slug.", **declared(NO_NUL)),
    SlugText,
]


def finding_filter(
    sources: Annotated[tuple[int, ...], Depends(source_ids)],
    topic: TopicQuery = None,
    kind: Annotated[str | None, Query(**choice(*KINDS))] = None,
    severity: Annotated[str | None, Query(**choice(*SEVERITIES))] = None,
    state: Annotated[str | None, Query(**choice(*STATES))] = None,
) -> FindingFilter:
    return make_finding_filter(sources, topic, kind, severity, state)


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
SiteDep = Annotated[str, Depends(site_url)]
IngestJobsDep = Annotated[IngestJobs, Depends(get_ingest_jobs)]
SourcesDep = Annotated[tuple[int, ...], Depends(source_ids)]
FindingFilterDep = Annotated[FindingFilter, Depends(finding_filter)]
ReviewerDep = Annotated[str, Depends(read_reviewer)]
PageDep = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number, from 1.")]
SourceIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="A source id.")]
FindingIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="A finding id.")]
ClaimIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="A claim id.")]
ClaimQuery = Annotated[int | None, Query(ge=1, le=MAX_ID, description="Claim to show in context.")]
TopicSlugPath = Annotated[
    str, Path(max_length=200, description="A topic slug.", **declared(NO_NUL)), SlugText
]
