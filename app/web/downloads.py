"""Downloads of the list pages: each page's path with ``.csv`` or ``.json`` and the page's
own query string gives what the page shows, every page of it, streamed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from app.services import downloads
from app.services.downloads import MEDIA_TYPES, Download, DownloadFormat
from app.web.deps import FindingFilterDep, SessionDep, SiteDep, SourcesDep, TopicSlugPath

router = APIRouter(include_in_schema=False)

# The suffix, named "format" in the refusal of any other ("format: Input should be 'csv'
# or 'json'").
FormatPath = Annotated[DownloadFormat, Path(alias="format", description="csv or json.")]


def stream(download: Download, fmt: DownloadFormat) -> StreamingResponse:
    return StreamingResponse(
        download.encode(fmt),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{download.filename(fmt)}"'},
    )


@router.get("/conflicts.{format}")
def download_conflicts(
    fmt: FormatPath, session: SessionDep, site: SiteDep, filters: FindingFilterDep
) -> StreamingResponse:
    return stream(downloads.conflicts(session, site, filters), fmt)


@router.get("/topics/{slug}.{format}")
def download_topic_claims(
    slug: TopicSlugPath, fmt: FormatPath, session: SessionDep, site: SiteDep, sources: SourcesDep
) -> StreamingResponse:
    download = downloads.topic_claims(session, site, slug, sources)
    if download is None:
        raise HTTPException(404, f"There is no topic {slug!r}.")
    return stream(download, fmt)


@router.get("/search.{format}")
def download_search(
    fmt: FormatPath,
    session: SessionDep,
    site: SiteDep,
    sources: SourcesDep,
    q: Annotated[str, Query(max_length=200)] = "",
) -> StreamingResponse:
    return stream(downloads.search_results(session, site, q, sources), fmt)


def by_sources(
    build: Callable[[Session, str, tuple[int, ...]], Download],
) -> Callable[..., StreamingResponse]:
    """A download filtered by sources alone (the review log, the sources table)."""

    def download(
        fmt: FormatPath, session: SessionDep, site: SiteDep, sources: SourcesDep
    ) -> StreamingResponse:
        return stream(build(session, site, sources), fmt)

    return download


router.add_api_route("/review.{format}", by_sources(downloads.review_log), methods=["GET"])
router.add_api_route("/sources.{format}", by_sources(downloads.sources), methods=["GET"])
