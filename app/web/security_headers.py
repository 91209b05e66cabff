"""Security headers on every response: pages, fragments, the API, errors and static files.

A pure ASGI middleware rather than a route decorator, so that responses made outside the
routes (the host check's 400, the body limit's 413, static files) carry them too.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Only the app's own files may run or style a page: an article's text that slipped past
# escaping could not run a script, and nothing is loaded from another site (the /docs page
# included, whose Swagger UI is served from static/vendor/). data: images are the inline
# icons of Swagger UI's stylesheet and the empty favicon.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",  # no framing: no clickjacking of the review buttons
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    # A file served as text/plain is never run as a script or page, whatever it holds.
    "X-Content-Type-Options": "nosniff",
    # Links out (an outlet's page) do not tell the other site which topic or filter was open.
    "Referrer-Policy": "same-origin",
    # frame-ancestors for browsers that predate it.
    "X-Frame-Options": "DENY",
}


class SecurityHeadersMiddleware:
    """Adds ``headers`` to every HTTP response that does not set them itself."""

    def __init__(self, app: ASGIApp, headers: dict[str, str] | None = None) -> None:
        self.app = app
        self.headers = SECURITY_HEADERS if headers is None else headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
