"""Writes sent by another site's page (CSRF) are refused before any route runs."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from app.web.deps import UNSAFE_METHODS


def is_cross_site(request: Request) -> bool:
    """True for a browser request sent by another site (CSRF): Origin, or Referer, must match.

    Clients that send neither header (curl, scripts) are not browsers acting for a user.
    """
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    claimed = request.headers.get("Origin") or request.headers.get("Referer")
    if not claimed or claimed == "null":
        return claimed == "null"
    try:
        origin = urlsplit(claimed)
    except ValueError:  # "http://[::1" and the like: no origin this server has
        return True
    return (origin.scheme, origin.netloc) != (request.url.scheme, request.url.netloc)


class CrossSiteWriteMiddleware:
    """A pure ASGI middleware, not Starlette's BaseHTTPMiddleware: that one reads the body
    in a task group, which would wrap the body limit's 413 into an exception group."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        writes = scope["type"] == "http" and scope["method"] in UNSAFE_METHODS
        if writes and is_cross_site(Request(scope)):
            response = PlainTextResponse("Cross-site request refused.", status_code=403)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
