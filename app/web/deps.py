"""Typed request dependencies: the database session, settings, and the query-string filters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated
from urllib.parse import quote, unquote

from fastapi import Depends, HTTPException, Query, Request, Response
from sqlalchemy.orm import Session

from app.config import Settings
from app.db.queries import FindingFilter
from app.services.dashboard import CERTAINTIES, KINDS, SEVERITIES, STATES

REVIEWER_COOKIE = "cotejo_reviewer"
ONE_YEAR = 365 * 24 * 3600


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.session_factory() as session:
        yield session


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def read_reviewer(request: Request) -> str:
    return unquote(request.cookies.get(REVIEWER_COOKIE, ""))


def remember_reviewer(response: Response, name: str) -> None:
    """Keep the reviewer's name for next time (given once); Lax keeps it off cross-site POSTs."""
    response.set_cookie(
        REVIEWER_COOKIE, quote(name), max_age=ONE_YEAR, httponly=True, samesite="lax"
    )


def source_ids(
    source: Annotated[
        list[int] | None, Query(description="Only these source ids (repeat the parameter).")
    ] = None,
) -> tuple[int, ...]:
    return tuple(sorted(set(source or ())))


def _choice(name: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    """An optional choice from the query string; empty (a form's "any") means no filter."""
    if not value:
        return None
    if value not in choices:
        raise HTTPException(422, f"{name} must be one of: {', '.join(choices)}.")
    return value


def finding_filter(
    sources: Annotated[tuple[int, ...], Depends(source_ids)],
    topic: Annotated[str | None, Query(description="Topic slug.")] = None,
    kind: Annotated[str | None, Query(description="conflict or agreement.")] = None,
    severity: Annotated[str | None, Query(description="hard or soft.")] = None,
    state: Annotated[str | None, Query(description="open, confirmed or dismissed.")] = None,
) -> FindingFilter:
    chosen_state = _choice("state", state, STATES)
    return FindingFilter(
        topic_slug=topic or None,
        source_ids=sources,
        kind=_choice("kind", kind, KINDS),
        severity=_choice("severity", severity, SEVERITIES),
        states=(chosen_state,) if chosen_state else (),
    )


def certainty_choice(
    certainty: Annotated[str | None, Query(description="asserted, hedged or denied.")] = None,
) -> str | None:
    return _choice("certainty", certainty, CERTAINTIES)


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
SourcesDep = Annotated[tuple[int, ...], Depends(source_ids)]
FindingFilterDep = Annotated[FindingFilter, Depends(finding_filter)]
CertaintyDep = Annotated[str | None, Depends(certainty_choice)]
ReviewerDep = Annotated[str, Depends(read_reviewer)]
PageDep = Annotated[int, Query(ge=1, description="Page number, from 1.")]
