"""Security headers on every kind of response, pages with no inline script or style, and
an API documentation page that loads nothing from another site."""

from __future__ import annotations

import hashlib

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from app.config import ROOT, Settings
from app.web.app import create_app

HTMX = {"HX-Request": "true"}
SWAGGER = ROOT / "static" / "vendor" / "swagger-ui"


def assert_secured(response) -> None:
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in csp and "*" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("GET", "/", {}, 200),
        ("GET", "/topics/meeting-duration", {}, 200),
        ("GET", "/topics/meeting-duration", {"headers": {**HTMX, "HX-Target": "topic-main"}}, 200),
        ("GET", "/topics/nothing-here", {}, 404),
        ("GET", "/sources/99999", {"headers": HTMX}, 404),
        ("GET", "/conflicts?page=0", {}, 422),
        ("GET", "/api/topics", {}, 200),
        ("GET", "/api/findings/99999", {}, 404),
        ("GET", "/api/claims?page=abc", {}, 422),
        ("POST", "/api/claims/1/flags", {"data": {"topic": "x"}}, 415),
        ("POST", "/reviewer", {"data": {"reviewer": "Ana"}}, 303),
        ("GET", "/static/app.css", {}, 200),
        ("GET", "/static/nothing.js", {}, 404),
        ("GET", "/docs", {}, 200),
        ("GET", "/openapi.json", {}, 200),
        ("GET", "/no/such/page", {}, 404),
        ("DELETE", "/api/topics", {}, 405),
    ],
)
def test_every_kind_of_response_carries_the_security_headers(
    client: TestClient, method: str, path: str, kwargs: dict, status: int
) -> None:
    response = client.request(method, path, follow_redirects=False, **kwargs)
    assert response.status_code == status
    assert_secured(response)


def test_refusals_made_outside_the_routes_carry_them_too(client: TestClient) -> None:
    foreign_host = client.get("/", headers={"Host": "evil.example"})
    assert foreign_host.status_code == 400
    assert_secured(foreign_host)
    cross_site = client.post(
        "/reviewer", data={"reviewer": "Ana"}, headers={"Origin": "http://evil.example"}
    )
    assert cross_site.status_code == 403
    assert_secured(cross_site)


def test_a_500_carries_them_too(settings: Settings) -> None:
    app = create_app(settings)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500
    assert response.text == "Internal Server Error"  # nothing of the bug shown
    assert_secured(response)


PAGES = [
    "/",
    "/topics/meeting-duration",
    "/topics/weapons-deal",
    "/conflicts",
    "/sources",
    "/sources/1?claim=1",
    "/review",
    "/search?q=horas",
    "/ingest",
    "/topics/meeting-duration/claims/1/flag",
    "/no/such/page",
    "/docs",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_need_no_inline_script_or_style(client: TestClient, corpus, path: str) -> None:
    """What the policy allows is all the pages use: nothing of theirs is blocked."""
    page = BeautifulSoup(client.get(path).text, "html.parser")
    assert page.find("style") is None
    for script in page.find_all("script"):
        assert script.get("src", "").startswith("/static/"), script
    for element in page.find_all(True):
        attributes = set(element.attrs)
        assert "style" not in attributes, element
        assert not {a for a in attributes if a.startswith("on")}, element
        assert not {a for a in attributes if a.startswith("hx-on")}, element
    for link in page.find_all("link", href=True):
        assert link["href"].startswith(("/static/", "data:")), link


def test_docs_load_only_local_files(client: TestClient) -> None:
    page = BeautifulSoup(client.get("/docs").text, "html.parser")
    urls = [s["src"] for s in page.find_all("script")]
    urls += [x["href"] for x in page.find_all("link") if x["href"] != "data:,"]
    assert urls == [
        "/static/vendor/swagger-ui/swagger-ui-bundle.js",
        "/static/docs.js",
        "/static/vendor/swagger-ui/swagger-ui.css",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200 and response.content, url
    assert page.select_one("#swagger-ui")["data-openapi-url"] == "/openapi.json"
    # FastAPI's CDN pages are gone, not only hidden.
    assert client.get("/redoc").status_code == 404
    assert client.get("/docs/oauth2-redirect").status_code == 404


def test_vendored_swagger_ui_is_the_pinned_release_with_its_licence() -> None:
    pins = {}
    for line in (SWAGGER / "VERSION").read_text().splitlines():
        if line.startswith("sha256 "):
            _, digest, name = line.split()
            pins[name] = digest
    assert set(pins) == {"swagger-ui-bundle.js", "swagger-ui.css"}
    for name, digest in pins.items():
        assert hashlib.sha256((SWAGGER / name).read_bytes()).hexdigest() == digest, name
    assert "Apache License" in (SWAGGER / "LICENSE").read_text()
    assert (SWAGGER / "NOTICE").exists()


def test_errors_keep_their_own_headers(client: TestClient) -> None:
    """A 405 says what is allowed (an HTTPException's headers used to be dropped)."""
    response = client.delete("/api/topics")
    assert response.status_code == 405 and response.headers["Allow"] == "GET"
    page = client.delete("/conflicts")
    assert page.status_code == 405 and page.headers["Allow"] == "GET"
