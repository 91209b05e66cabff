"""Downloads of the list pages: each page's path with ``.csv`` or ``.json`` and the page's
own query string gives what the page shows, every page of it, streamed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import StreamingResponse

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


@router.get("/review.{format}")
def download_review_log(
    fmt: FormatPath, session: SessionDep, site: SiteDep, sources: SourcesDep
) -> StreamingResponse:
    return stream(downloads.review_log(session, site, sources), fmt)


@router.get("/sources.{format}")
def download_sources(
    fmt: FormatPath, session: SessionDep, site: SiteDep, sources: SourcesDep
) -> StreamingResponse:
    return stream(downloads.sources(session, site, sources), fmt)
