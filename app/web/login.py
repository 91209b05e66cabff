"""The browser's login for write actions, when the administrator has set a token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.web.actions import NextField, safe_next
from app.web.deps import require_form_body
from app.web.templating import render
from app.web.write_access import check_login, log_in, log_out

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

# A token is at most a few hundred characters; anything longer is no token.
TokenField = Annotated[str, Form(max_length=1000)]
NextQuery = Annotated[str, Query(max_length=2000)]


def login_page(request: Request, next: str, error: str | None, status_code: int) -> Response:
    context = {"nav": None, "next": safe_next(next, "/"), "login_error": error}
    return render(request, "login.html", context, status_code=status_code)


@router.get("/login")
def show_login(request: Request, next: NextQuery = "/") -> Response:
    return login_page(request, next, None, 200)


@router.post("/login", dependencies=[Depends(require_form_body)])
def submit_login(request: Request, token: TokenField = "", next: NextField = "/") -> Response:
    if not check_login(request, token):
        return login_page(request, next, "That is not this server's token.", 401)
    response = RedirectResponse(safe_next(next, "/"), status_code=303)
    log_in(request, response)
    return response


@router.post("/logout", dependencies=[Depends(require_form_body)])
def submit_logout(next: NextField = "/") -> Response:
    response = RedirectResponse(safe_next(next, "/"), status_code=303)
    log_out(response)
    return response
