"""End to end in Debian's Chromium on a corpus with no topics.toml whose figures change
over time (a hand-written evaluation corpus: an earthquake's tolls reported through two
days): discovered topics, update and dispute badges, a topic's timeline, and the review of
a finding inside its slot group."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from app.config import ROOT
from tests.databases import database_url

from .conftest import COTEJO, serve, shoot

pytestmark = pytest.mark.browser

CORPUS = ROOT / "benchmarks" / "corpora" / "dev" / "earthquake"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    assert not (CORPUS / "topics.toml").exists()
    db = database_url(tmp_path_factory.mktemp("e2e-engine"), "cotejo.sqlite3")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    subprocess.run([COTEJO, "ingest", "--db", db, str(CORPUS)], check=True, env=env, timeout=300)
    yield from serve(db, env)


def open_topic_with_timeline(server: str, page: Page) -> None:
    page.goto(server + "/")
    card = page.locator(".topic-card").filter(has=page.locator(".status-update")).first
    expect(card).to_be_visible()
    card.locator("h3 a").click()
    expect(page.locator("figure.timeline").first).to_be_visible()


def test_updates_and_disputes_are_badged_and_timelined(server: str, page: Page) -> None:
    page.goto(server + "/")
    expect(page.locator(".topic-card .origin").first).to_have_text("Found in the articles")
    expect(page.locator(".legend")).to_contain_text("Dispute")
    shoot(page, "overview-discovered")

    open_topic_with_timeline(server, page)
    timeline = page.locator("figure.timeline").first
    expect(timeline.locator("svg circle.tl-point").first).to_be_visible()
    expect(timeline.locator("ol.timeline-list li").first).to_be_visible()
    expect(timeline.locator(".timeline-list .kind-update").first).to_have_text("update")
    expect(page.locator("section.slot-group h3").first).to_be_visible()
    expect(page.locator("article.finding-update .badge.kind-update").first).to_have_text("update")
    shoot(page, "topic-timeline")

    page.goto(server + "/conflicts?kind=dispute")
    dispute = page.locator("article.finding-dispute").first
    expect(dispute.locator(".badge.kind-dispute")).to_contain_text("dispute")
    expect(dispute.locator(".parties")).to_contain_text(" vs ")
    shoot(page, "disputes")


def test_reviewing_a_finding_in_its_slot_group_keeps_it_there(server: str, page: Page) -> None:
    open_topic_with_timeline(server, page)
    page.get_by_label("Your name, for reviews").fill("E2E Reviewer")
    page.locator("#reviewer-form").get_by_role("button", name="Save").click()
    finding = page.locator("section.slot-group article.finding-update").first
    anchor = finding.get_attribute("id")
    finding.get_by_role("button", name="Dismiss").click()
    swapped = page.locator(f"section.slot-group article#{anchor}")
    expect(swapped.locator(".state")).to_have_text("dismissed")
    # Still a finding of its group: an h4 under the group's heading, no slot repeated.
    expect(swapped.locator("h4")).to_have_count(1)
    expect(swapped.locator(".finding-head .muted")).to_have_count(0)
    page.reload()
    expect(page.locator(f"article#{anchor} .state")).to_have_text("dismissed")


def test_topic_with_timeline_works_without_javascript_and_fits_a_phone(
    server: str, browser: Browser
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    open_topic_with_timeline(server, page)
    expect(page).to_have_url(re.compile(r"/topics/[\w-]+$"))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the topic page is {width}px wide at 375px"
    shoot(page, "topic-timeline-375px")
    page.goto(server + "/conflicts")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_label("Kind").select_option("update")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"kind=update"))
    badges = page.locator("article.finding .badge")
    assert badges.count() > 0
    assert set(
        page.locator("article.finding").evaluate_all("els => els.map(e => e.dataset.kind)")
    ) == {"update"}
    context.close()
