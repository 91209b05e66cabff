"""End to end in Debian's Chromium against `cotejo serve` on a loopback port, seeds ingested.

Screenshots go to build/screenshots/ (the README's come from here).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from app.config import ROOT
from tests.databases import database_url

from .conftest import COTEJO, free_port, shoot, wait_until_up

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`cotejo serve` on a fresh database holding the ingested seed corpus."""
    db = database_url(tmp_path_factory.mktemp("e2e"), "cotejo.sqlite3")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    subprocess.run(
        [COTEJO, "ingest", "--db", db, str(ROOT / "seeds")], check=True, env=env, timeout=300
    )
    port = free_port()
    process = subprocess.Popen(
        [COTEJO, "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)], env=env
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def duration_conflict_sources(base: str) -> list[str]:
    """The two outlets that disagree on the meeting's length, as the engine found them."""
    body = httpx.get(f"{base}/api/findings?topic=meeting-duration&kind=conflict").json()
    finding = next(f for f in body["items"] if f["basis"] == "duration")
    return sorted([finding["claim_a"]["source"]["name"], finding["claim_b"]["source"]["name"]])


def test_filter_confirm_flag_and_reload(server: str, page: Page) -> None:
    page.goto(server + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("agree and conflict"))
    expect(page.locator("table.matrix tbody tr")).to_have_count(5)
    shoot(page, "overview")

    # The reviewer gives a name once; it is kept in a cookie.
    page.get_by_label("Your name, for reviews").fill("E2E Reviewer")
    page.locator("#reviewer-form").get_by_role("button", name="Save").click()
    expect(page.locator("#reviewer-box summary")).to_contain_text("E2E Reviewer")

    # Filter to the two sources of the duration conflict: updated in place, URL shareable.
    first, second = duration_conflict_sources(server)
    page.get_by_label(first, exact=True).check()
    expect(page).to_have_url(re.compile(r"\?source=\d+$"))
    page.get_by_label(second, exact=True).check()
    expect(page).to_have_url(re.compile(r"\?source=\d+&source=\d+$"))
    rows = page.locator("table.matrix tbody tr th")
    expect(rows).to_have_text([first, second])
    expect(page.locator("#live")).to_contain_text(f"{first}, {second}")
    shoot(page, "overview-two-sources")

    # The back button returns to the previous filter, checkboxes included.
    page.go_back()
    expect(page.locator("table.matrix tbody tr th")).to_have_text([first])
    expect(page.get_by_label(second, exact=True)).not_to_be_checked()
    page.go_forward()
    expect(page.locator("table.matrix tbody tr th")).to_have_text([first, second])

    # Open meeting-duration, filter kept.
    page.locator(".topic-card h3 a[href^='/topics/meeting-duration']").click()
    expect(page).to_have_url(re.compile(r"/topics/meeting-duration\?source=\d+&source=\d+"))
    finding = page.locator("article.finding-conflict").filter(has_text="más de cuatro horas")
    expect(finding).to_have_count(1)
    expect(finding.locator("mark.value").first).to_have_text("más de cuatro horas")
    chart = page.locator("figure.chart svg")
    expect(chart.locator("line.open")).to_have_count(1)
    expect(chart.locator("circle.point")).to_have_count(1)
    shoot(page, "topic-meeting-duration")

    # Confirm the conflict, with a note: the finding is swapped in place.
    finding.get_by_label("Note").fill("Both outlets quote officials; 5 h is more precise.")
    finding.get_by_role("button", name="Confirm").click()
    expect(finding.locator(".state")).to_have_text("confirmed")
    expect(finding.locator(".review-line")).to_contain_text("E2E Reviewer")

    # Flag a new contradiction: the first source's claim against the second's.
    card = page.locator(f"#source-{_source_id(page, first)} article.claim").first
    card.locator("summary", has_text="Flag a conflict with").click()
    # The choices load when the box opens (they are not repeated in every card).
    expect(card.locator("select[name=other_claim_id]")).to_be_visible()
    options = card.locator("select[name=other_claim_id] option")
    other = next(
        options.nth(i).get_attribute("value")
        for i in range(options.count())
        if (options.nth(i).text_content() or "").startswith(second)
    )
    card.get_by_label("Conflicts with").select_option(other)
    card.get_by_label("Note").fill("Flagged in the browser test")
    card.get_by_role("button", name="Flag conflict").click()
    expect(card.locator(".claim-flags")).to_contain_text("Flagged in the browser test")
    expect(page.locator(f"#claim-{other} .claim-flags")).to_contain_text("E2E Reviewer")

    # Both survive a reload.
    page.reload()
    finding = page.locator("article.finding-conflict").filter(has_text="más de cuatro horas")
    expect(finding.locator(".state")).to_have_text("confirmed")
    expect(page.locator(".flag-list li")).to_contain_text(["Flagged in the browser test"])
    expect(page.locator(f"#claim-{other} .claim-flags")).to_contain_text(
        "Flagged in the browser test"
    )
    shoot(page, "topic-after-review")

    page.goto(server + "/review")
    entries = page.locator(".review-log li")
    expect(entries).to_have_count(2)
    expect(entries.filter(has_text="confirmed")).to_have_count(1)
    expect(entries.filter(has_text="Flagged in the browser test")).to_have_count(1)
    shoot(page, "review")


def _source_id(page: Page, name: str) -> str:
    href = page.locator(".column h3 a", has_text=name).get_attribute("href") or ""
    return href.split("?")[0].rsplit("/", 1)[-1]


def test_narrow_screen_has_no_sideways_scroll(server: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    for path, name in [("/topics/meeting-duration", "topic-375px"), ("/", "overview-375px")]:
        page.goto(server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} is {width}px wide at 375px"
        shoot(page, name)
    context.close()


def test_works_without_javascript(server: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/conflicts")
    page.get_by_label("Severity").select_option("hard")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"severity=hard"))
    badges = page.locator("article.finding .badge.kind-conflict")
    assert badges.count() > 0
    for text in badges.all_text_contents():
        assert text.startswith("hard")
    context.close()


def test_source_page_claim_in_context(server: str, page: Page) -> None:
    page.goto(server + "/sources")
    page.locator("tbody th a").first.click()
    page.locator(".article-text a.hl").first.click()
    expect(page.locator("#claim-detail h2")).to_have_text("Claim in context")
    expect(page).to_have_url(re.compile(r"\?claim=\d+"))
    shoot(page, "source")
