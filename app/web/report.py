"""The event report: ``/report`` (HTML) and ``/report.md`` with the conflicts page's filters
in the query string. The HTML is one self-contained document, also written by
`cotejo report`, so it is rendered to a string here rather than as a dashboard page."""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from app.config import STATIC_DIR
from app.services.report import Report, build_report
from app.services.report_markdown import report_markdown
from app.web.deps import FindingFilterDep, SessionDep
from app.web.security_headers import CONTENT_SECURITY_POLICY
from app.web.templating import environment

router = APIRouter(include_in_schema=False)

# The dashboard's stylesheet and the report's, inlined: a saved or printed report needs
# nothing from the server.
STYLESHEETS = ("app.css", "report.css")


@cache
def report_styles() -> str:
    return "\n".join((STATIC_DIR / name).read_text(encoding="utf-8") for name in STYLESHEETS)


def report_policy() -> str:
    """The app's Content-Security-Policy, with the report's one inline stylesheet allowed
    by its hash (no other inline style, and still no script)."""
    digest = base64.b64encode(hashlib.sha256(report_styles().encode()).digest()).decode()
    return CONTENT_SECURITY_POLICY.replace("style-src 'self'", f"style-src 'sha256-{digest}'")


def render_report_html(report: Report) -> str:
    return environment.get_template("report.html").render(
        report=report, styles=report_styles(), params={"source": report.picker.selected}
    )


@router.get("/report", response_class=HTMLResponse)
def show_report(session: SessionDep, filters: FindingFilterDep) -> HTMLResponse:
    html = render_report_html(build_report(session, filters))
    return HTMLResponse(html, headers={"Content-Security-Policy": report_policy()})


@router.get("/report.md")
def download_report_markdown(session: SessionDep, filters: FindingFilterDep) -> Response:
    return Response(
        report_markdown(build_report(session, filters)),
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="cotejo-report.md"'},
    )
