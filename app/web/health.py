"""GET /healthz: the cheapest route through the whole stack (middlewares, a session, the
database), for load balancers and as the benchmark's reference page."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from app.services import health
from app.web.deps import SessionDep

router = APIRouter(include_in_schema=False)


@router.get("/healthz")
def show_health(session: SessionDep) -> JSONResponse:
    health.ping(session)
    return JSONResponse({"status": "ok"})
