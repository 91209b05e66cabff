"""Only requests naming an allowed host are served: a DNS-rebinding page reaches the server
under its own name, and is refused.

Starlette's TrustedHostMiddleware cuts the Host header at its first colon, so it can never
accept an IPv6 address ("[::1]:8000" becomes "["); this check reads the brackets.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send


def canonical_host(name: str) -> str:
    """A host name as compared: lower case, an IP address in its short form ("::1")."""
    name = name.strip().lower()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    try:
        return str(ipaddress.ip_address(name))
    except ValueError:
        return name


def host_name(header: str) -> str | None:
    """The host named by a Host header, without its port; None when it is malformed.

    "[::1]:8000" and "[::1]" give "::1", "localhost:8000" gives "localhost".
    """
    if header.startswith("["):
        end = header.find("]")
        name, port = header[1:end], header[end + 1 :]
        if end == -1 or (port and not port.startswith(":")):
            return None
        port = port[1:]
    else:
        name, _, port = header.partition(":")
    if not name or (port and not (port.isascii() and port.isdigit())):
        return None
    return canonical_host(name)


def is_allowed(name: str, patterns: Iterable[str]) -> bool:
    """Exact names, "*" for any, "*.example.org" for its subdomains (as Starlette allows)."""
    for pattern in patterns:
        if pattern == "*" or name == pattern:
            return True
        if pattern.startswith("*.") and name.endswith(pattern[1:]):
            return True
    return False


class AllowedHostsMiddleware:
    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.allowed = [canonical_host(h) for h in allowed_hosts]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            name = host_name(Headers(scope=scope).get("host", ""))
            if name is None or not is_allowed(name, self.allowed):
                response = PlainTextResponse("Invalid host header", status_code=400)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
