"""Jinja2 rendering: one URL, two renderings (whole page, or only its fragment for HTMX)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.datastructures import QueryParams

from app.config import TEMPLATES_DIR
from app.web.deps import read_reviewer
from app.web.write_access import write_state

# autoescape everywhere: article text, notes and names are untrusted.
environment = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=StrictUndefined
)
templates = Jinja2Templates(env=environment)


def query_string(params: Mapping[str, Any], **changes: Any) -> str:
    """``?a=1&source=2&source=3`` from params, with ``changes`` applied; empty values dropped."""
    merged = {**params, **changes}
    pairs = [
        (key, item)
        for key, value in merged.items()
        for item in (value if isinstance(value, list | tuple) else [value])
        if item not in (None, "")
    ]
    return "?" + urlencode(pairs) if pairs else ""


def source_query(params: Mapping[str, Any], **changes: Any) -> str:
    """``?source=1&source=2`` (plus ``changes``): the source filter of ``params``, carried
    into links to other pages; the other filters of a page stay on that page."""
    return query_string({"source": params.get("source") or ()}, **changes)


def current_url(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def format_moment(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


environment.globals["query_string"] = query_string
environment.globals["source_query"] = source_query
environment.filters["moment"] = format_moment


def is_htmx(request: Request) -> bool:
    """An HTMX swap wants a fragment; a history restore after a cache miss wants the page."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def htmx_target(request: Request) -> str | None:
    """The id of the element an HTMX request will swap, if it is one."""
    return request.headers.get("HX-Target") if is_htmx(request) else None


def default_params(request: Request) -> dict[str, Any]:
    """The source filter of the page in the browser, for links in fragments rendered after
    a POST: the request's own ``?source=``, or for HTMX the page's URL (HX-Current-URL)."""
    query = request.query_params
    if "source" not in query and is_htmx(request):
        query = QueryParams(urlsplit(request.headers.get("HX-Current-URL", "")).query)
    ids = [v for v in query.getlist("source") if v.isascii() and v.isdigit() and len(v) < 19]
    return {"source": sorted(set(ids), key=int)} if ids else {}


def render(
    request: Request,
    page: str,
    context: dict[str, Any],
    *,
    fragments: Mapping[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The full ``page``, or for HTMX the fragment whose root id is the request's target.

    ``fragments`` maps element ids to ``_partial.html`` templates that the page includes,
    so the markup exists once; the first one is the default.
    """
    template = page
    if fragments and is_htmx(request):
        target = request.headers.get("HX-Target", "")
        template = fragments.get(target) or next(iter(fragments.values()))
    # ``next``: where a form on the page sends the user back to after a plain POST.
    context = {
        "reviewer": read_reviewer(request),
        "write_access": write_state(request),
        "next": current_url(request),
        "params": default_params(request),
        **context,
    }
    response = templates.TemplateResponse(request, template, context, status_code=status_code)
    # Browsers and proxies must not serve a cached fragment as the page, or the reverse.
    response.headers["Vary"] = "HX-Request, HX-Target"
    return response
