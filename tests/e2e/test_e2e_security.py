"""In Debian's Chromium, with every request to another site blocked: the dashboard and the
API documentation work under the Content-Security-Policy and violate nothing; with a write
token set, a reviewer logs in once and reviews."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from app.config import Settings
from app.web.app import create_app
from tests.databases import database_url
from tests.web.conftest import insert_corpus

from .conftest import serve

pytestmark = pytest.mark.browser
TOKEN = "browser-login-token-0123456789"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`cotejo serve` on the web tests' small corpus (no model needed to build it)."""
    db = database_url(tmp_path_factory.mktemp("csp"), "cotejo.sqlite3")
    insert_corpus(create_app(Settings(database_url=db)).state.session_factory)
    yield from serve(db, {**os.environ, "PYTHONWARNINGS": "ignore"})


@pytest.fixture(scope="module")
def guarded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same, with a write token (set on loopback, as behind a reverse proxy)."""
    db = database_url(tmp_path_factory.mktemp("login"), "cotejo.sqlite3")
    insert_corpus(create_app(Settings(database_url=db)).state.session_factory)
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "COTEJO_WRITE_TOKEN": TOKEN}
    yield from serve(db, env)


def test_api_docs_work_offline_under_the_policy(
    server: str, watched: tuple[Page, list[str], list[str]]
) -> None:
    page, problems, _ = watched
    page.goto(server + "/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Cotejo")
    operation = page.locator("#operations-api-list_topics_api_topics_get")
    expect(operation).to_be_visible()
    operation.locator(".opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    status = operation.locator(".live-responses-table tbody td.response-col_status")
    expect(status).to_have_text("200")
    expect(operation.locator(".live-responses-table")).to_contain_text("meeting-duration")
    assert problems == []


def test_dashboard_works_under_the_policy(
    server: str, watched: tuple[Page, list[str], list[str]]
) -> None:
    page, problems, _ = watched
    page.goto(server + "/topics/meeting-duration")
    # HTMX runs (a review swaps the finding in place) with no injected style or eval.
    page.get_by_label("Your name, for reviews").fill("CSP Reviewer")
    page.locator("#reviewer-form").get_by_role("button", name="Save").click()
    expect(page.locator("#reviewer-box summary")).to_contain_text("CSP Reviewer")
    finding = page.locator("article.finding").first
    finding.get_by_role("button", name="Confirm").click()
    expect(finding.locator(".state")).to_contain_text("confirmed")
    for path in ("/", "/conflicts", "/sources", "/review", "/search?q=horas", "/ingest"):
        page.goto(server + path)
        expect(page.locator("main h1")).to_be_visible()
    assert problems == []


def test_a_reviewer_logs_in_once_then_reviews(guarded_server: str, page: Page) -> None:
    page.goto(guarded_server + "/topics/meeting-duration")
    expect(page.locator("form.review-form")).to_have_count(0)
    page.get_by_role("link", name="Log in to make changes").click()
    page.get_by_label("Token").fill("not the token")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#login-form-error")).to_contain_text("not this server's token")
    page.get_by_label("Token").fill(TOKEN)
    page.get_by_role("button", name="Log in").click()
    # Back on the page it came from, now with the forms; the cookie is the browser's.
    expect(page).to_have_url(guarded_server + "/topics/meeting-duration")
    cookie = next(c for c in page.context.cookies() if c["name"] == "cotejo_writer")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and TOKEN not in cookie["value"]
    page.get_by_label("Your name, for reviews").fill("Logged In")
    page.locator("#reviewer-form").get_by_role("button", name="Save").click()
    finding = page.locator("article.finding").first
    finding.get_by_role("button", name="Confirm").click()
    expect(finding.locator(".state")).to_contain_text("confirmed")
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in to make changes")).to_be_visible()
    expect(page.locator("form.review-form")).to_have_count(0)
