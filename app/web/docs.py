"""The API's documentation page, /docs: Swagger UI served from static/vendor/.

FastAPI's own page loads Swagger UI from a CDN and starts it with an inline script; both
are refused by the Content-Security-Policy, so this page loads the vendored copy and is
started by static/docs.js.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.web.templating import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/docs")
def show_docs(request: Request) -> HTMLResponse:
    return render(request, "docs.html", {"openapi_url": request.app.openapi_url})
