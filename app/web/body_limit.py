"""A cap on request bodies, enforced while they are read rather than after.

A declared ``Content-Length`` over the cap is refused before a byte of the body is read;
a body without one (chunked) is counted as it arrives and refused as soon as it passes
the cap, so an oversized upload is never read in full, spooled to disk or parsed.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# How a refusal made here is shown: the app's own error rendering (JSON for the API, the
# error page or the form's error slot for browsers).
Refusal = Callable[[Scope, int, str], Response]


def describe_size(size: int) -> str:
    return f"{size / 2**20:g} MiB" if size >= 2**20 else f"{size} bytes"


class BodyTooLargeError(HTTPException):
    """Raised from ``receive`` once the body passes the cap. An HTTPException, so FastAPI
    passes it on from its body parsing (anything else becomes a vague 400) and the app's
    handler renders it like any other error."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(
            413,
            f"The request is larger than the {describe_size(max_bytes)} this server reads at "
            "once: send fewer or smaller files at a time.",
        )


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int, refuse: Refusal) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            if not (declared.isascii() and declared.isdigit()):
                await self.refuse(scope, 400, "Content-Length must be a number of bytes.")(
                    scope, receive, send
                )
                return
            if int(declared) > self.max_bytes:
                too_large = BodyTooLargeError(self.max_bytes)
                await self.refuse(scope, 413, too_large.detail)(scope, receive, send)
                return

        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLargeError(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLargeError as exc:
            # Read outside a route (no handler saw it): answer here, if nothing was sent yet.
            if started:
                raise
            await self.refuse(scope, 413, exc.detail)(scope, receive, send)
