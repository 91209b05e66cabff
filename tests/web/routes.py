"""The app's routes, enumerated from the app itself: tests over "every route" then cover a
route added later without being told."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.routing import iter_route_contexts

from app.web.deps import UNSAFE_METHODS

from .conftest import Corpus


def write_routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path template) of every route that takes a body."""
    routes = []
    for route in iter_route_contexts(app.routes):
        for method in sorted((route.methods or set()) & UNSAFE_METHODS):
            routes.append((method, route.path))
    return routes


def read_routes(app: FastAPI) -> list[str]:
    """Path templates of every GET route (the static mount aside)."""
    return [r.path for r in iter_route_contexts(app.routes) if "GET" in (r.methods or set())]


def concrete(path: str, corpus: Corpus) -> str:
    """The path with real ids, so a request reaches its handler rather than a 404."""
    values = {
        "finding_id": str(corpus.findings["duration"]),
        "claim_id": str(corpus.claims["a_duration"]),
        "source_id": str(corpus.sources["Source A"]),
        "slug": "meeting-duration",
        "job_id": "0" * 32,
        "format": "csv",
    }
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: values[m.group(1)], path)
