"""Who may write (ingest, review, flag): anyone on loopback, the token's holders elsewhere.

On 127.0.0.0/8, ::1 or localhost only this machine's users reach the server, as before.
Served on any other address, anyone on the network would reach the write actions, so the
server refuses to start unless the administrator sets a token (COTEJO_WRITE_TOKEN); a
token, once set, is required on loopback too (behind a reverse proxy the server binds to
loopback and cannot tell). Scripts send it as ``Authorization: Bearer <token>``; browsers
log in once at /login and keep a cookie that is derived from the token, not the token.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.config import Settings

MIN_TOKEN_CHARS = 16
# RFC 6750's b64token: what an Authorization header carries unchanged.
TOKEN_SYNTAX = re.compile(r"[A-Za-z0-9\-._~+/]+=*")
WRITER_COOKIE = "cotejo_writer"
THIRTY_DAYS = 30 * 24 * 3600
GENERATE = "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"

bearer = HTTPBearer(
    auto_error=False,
    description="COTEJO_WRITE_TOKEN, when the administrator has set one (needed off loopback).",
)


class UnsafeServeError(ValueError):
    """The settings would expose the write actions to the network, or name a bad token."""


def is_loopback(host: str) -> bool:
    """True for an address only this machine reaches: 127.0.0.0/8, ::1, localhost.

    Any other name counts as reachable: it may resolve to anything.
    """
    name = host.strip().lower().removeprefix("[").removesuffix("]")
    if name == "localhost":
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_loopback


def required_write_token(settings: Settings) -> str | None:
    """The token write actions need (None: writing is open), or UnsafeServeError."""
    token = settings.write_token.get_secret_value() if settings.write_token else ""
    if token and (len(token) < MIN_TOKEN_CHARS or not TOKEN_SYNTAX.fullmatch(token)):
        raise UnsafeServeError(
            f"COTEJO_WRITE_TOKEN must be at least {MIN_TOKEN_CHARS} characters of letters, "
            f"digits and -._~+/ (make one with: {GENERATE})."
        )
    if not token and not is_loopback(settings.host):
        raise UnsafeServeError(
            f"Refusing to serve on {settings.host}: anyone who reaches it could ingest, "
            "review and flag. Set COTEJO_WRITE_TOKEN to a secret of your own "
            f"(make one with: {GENERATE}), or serve on 127.0.0.1."
        )
    return token or None


def same_secret(given: str, expected: str) -> bool:
    """Compared in constant time, so the answer's timing tells nothing of the token. As
    bytes: compare_digest refuses non-ASCII text, and a header may hold any."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def session_value(token: str) -> str:
    """The login cookie: a MAC of the token, so the cookie never holds the token itself
    and changing the token logs every browser out."""
    return hmac.new(token.encode(), b"cotejo write session", hashlib.sha256).hexdigest()


def logged_in(request: Request, token: str) -> bool:
    cookie = request.cookies.get(WRITER_COOKIE)
    return cookie is not None and same_secret(cookie, session_value(token))


def write_state(request: Request) -> str:
    """For the templates: "open" (no token), "in" (logged in) or "out"."""
    token = request.app.state.write_token
    if token is None:
        return "open"
    return "in" if logged_in(request, token) else "out"


def require_writer(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """A write action's guard: the bearer token or the login cookie, when a token is set."""
    token = request.app.state.write_token
    if token is None:
        return
    if credentials is not None:
        if same_secret(credentials.credentials, token):
            return
        raise HTTPException(
            401,
            "That token is not this server's.",
            headers={"WWW-Authenticate": 'Bearer realm="cotejo", error="invalid_token"'},
        )
    if logged_in(request, token):
        return
    raise HTTPException(
        401,
        "Changes need the administrator's token: log in at /login, or send "
        "Authorization: Bearer <token>.",
        headers={"WWW-Authenticate": 'Bearer realm="cotejo"'},
    )


def check_login(request: Request, given: str) -> bool:
    """A login attempt: True when it names the server's token (or none is needed)."""
    token = request.app.state.write_token
    return token is None or same_secret(given, token)


def log_in(request: Request, response: Response) -> None:
    """Remember the login: HttpOnly (no script reads it), SameSite=Strict (no other site's
    page sends it), Secure whenever the page came over HTTPS (over plain HTTP a browser
    would drop a Secure cookie, and the login with it)."""
    token = request.app.state.write_token
    if token is None:
        return
    response.set_cookie(
        WRITER_COOKIE,
        session_value(token),
        max_age=THIRTY_DAYS,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def log_out(response: Response) -> None:
    response.delete_cookie(WRITER_COOKIE, httponly=True, samesite="strict")
