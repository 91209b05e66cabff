"""The FastAPI application: dashboard pages, form actions and the JSON API."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import HTTPException, RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

from app.config import STATIC_DIR, Settings
from app.db.session import open_database
from app.services.derived import finish_owed_work
from app.services.engine_version import engine_version, installed_model
from app.services.errors import InputError
from app.services.uploads import IngestJobs
from app.web import actions, api, docs, downloads, health, login, pages, report
from app.web.allowed_hosts import AllowedHostsMiddleware, canonical_host
from app.web.body_limit import BodyLimitMiddleware
from app.web.cross_site import CrossSiteWriteMiddleware
from app.web.security_headers import SECURITY_HEADERS, SecurityHeadersMiddleware
from app.web.templating import is_htmx, render
from app.web.write_access import required_write_token

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)


def make_nlp_loader(model: str) -> Callable[[], Language]:
    """spaCy is loaded on first use only (the dashboard itself never needs it)."""
    lock = threading.Lock()
    loaded: list[Language] = []

    def load() -> Language:
        with lock:
            if not loaded:
                from app.nlp.pipeline import load_nlp  # imports spaCy components: slow

                loaded.append(load_nlp(model))
            return loaded[0]

    return load


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def show_error(request: Request, status_code: int, message: str, field: str | None) -> Response:
    """JSON for the API; for HTMX, the message goes into the submitting form's error slot;
    otherwise a full error page."""
    if wants_json(request):
        return JSONResponse({"detail": message, "field": field}, status_code=status_code)
    response = render(
        request,
        "error.html",
        {"nav": None, "status_code": status_code, "message": message, "field": field},
        fragments={"error": "_error.html"},
        status_code=status_code,
    )
    trigger = request.headers.get("HX-Trigger")
    if is_htmx(request) and trigger:
        response.headers["HX-Retarget"] = f"#{trigger}-error"
        response.headers["HX-Reswap"] = "innerHTML"
    return response


def refuse(scope: Scope, status_code: int, message: str) -> Response:
    """A refusal made by a middleware, before any route: shown like the routes' errors."""
    return show_error(Request(scope), status_code, message, None)


async def handle_input_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, InputError)
    return show_error(request, exc.status, exc.message, exc.field)


async def handle_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if wants_json(request):
        response = JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
    else:
        response = show_error(request, exc.status_code, str(exc.detail), None)
    # WWW-Authenticate on a 401, Allow on a 405: part of the answer.
    response.headers.update(exc.headers or {})
    return response


async def handle_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if wants_json(request):
        # An error's "input" may be the raw body (bytes) or any Python value: encoded as
        # FastAPI's own handler does, or rendering the 422 itself fails with a 500.
        return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}" for e in exc.errors()
    )
    return show_error(request, 422, f"Invalid request: {problems}", None)


async def handle_server_error(request: Request, exc: Exception) -> Response:
    """A bug's 500 (logged by the server) still carries the security headers: it is sent
    from outside every middleware, so none of them can add anything to it."""
    return PlainTextResponse("Internal Server Error", status_code=500, headers=SECURITY_HEADERS)


def trusted_hosts(settings: Settings) -> list[str]:
    """The configured host names plus the address the server binds to (unless a wildcard)."""
    hosts = [canonical_host(h) for h in settings.allowed_hosts]
    bind = canonical_host(settings.host)
    if bind not in {"0.0.0.0", "::", ""} and bind not in hosts:
        hosts.append(bind)
    return hosts


def create_app(
    settings: Settings | None = None, notice: Callable[[str], None] = log.warning
) -> FastAPI:
    """The whole app for ``settings``; brings the database schema up to date first, then
    finishes what an interrupted ingest left owed (``notice`` says so)."""
    settings = settings or Settings()
    # Before anything else: an exposed server without a write token never starts.
    write_token = required_write_token(settings)
    session_factory = open_database(settings.database_url)
    load_nlp = make_nlp_loader(settings.spacy_model)
    engine = engine_version(installed_model(settings.spacy_model))
    finish_owed_work(session_factory, load_nlp, engine, notice)
    app = FastAPI(
        title="Cotejo",
        summary="Compare what news outlets claim about one event, claim by claim.",
        version="0.1.0",
        # FastAPI's pages load their scripts from a CDN: /docs is served by app.web.docs.
        docs_url=None,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
    )
    app.state.settings = settings
    app.state.write_token = write_token
    app.state.session_factory = session_factory
    app.state.ingest_jobs = IngestJobs(
        session_factory, load_nlp, settings.max_article_chars, settings.zone
    )
    app.add_middleware(CrossSiteWriteMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes, refuse=refuse)
    app.add_middleware(AllowedHostsMiddleware, allowed_hosts=trusted_hosts(settings))
    # Added last, so outermost: the other middlewares' refusals carry the headers too.
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_exception_handler(Exception, handle_server_error)
    app.add_exception_handler(InputError, handle_input_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_error)
    app.add_exception_handler(HTTPException, handle_http_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # Before the pages: /topics/{slug}.csv would otherwise be read as the topic "….csv".
    app.include_router(downloads.router)
    app.include_router(pages.router)
    app.include_router(report.router)
    app.include_router(actions.router)
    app.include_router(api.router)
    app.include_router(docs.router)
    app.include_router(login.router)
    app.include_router(health.router)
    return app
