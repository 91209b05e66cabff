"""Review and flag POSTs from the pages: HTMX swaps, plain redirects, and refusals."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.db.models import Flag, Review

HTMX = {"HX-Request": "true"}


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def count(session_factory: sessionmaker[Session], model: type) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_htmx_review_swaps_the_finding_and_remembers_the_name(
    client: TestClient, corpus, session_factory
) -> None:
    finding = corpus.findings["duration"]
    response = client.post(
        f"/findings/{finding}/review",
        data={
            "verdict": "confirmed",
            "fingerprint": corpus.fingerprints["duration"],
            "note": "Both figures come from officials",
            "reviewer": "Ana",
        },
        headers={**HTMX, "HX-Trigger": f"review-{corpus.anchor('duration')}"},
    )
    assert response.status_code == 200
    fragment = parse(response.text)
    roots = [el for el in fragment.contents if isinstance(el, Tag)]
    assert roots[0]["id"] == corpus.anchor("duration")
    assert "confirmed" in roots[0].select_one(".state").get_text()
    assert "Both figures come from officials" in roots[0].select_one(".review-line").get_text()
    # The header's name box is refreshed out of band, now holding the name.
    oob = fragment.find(id="reviewer-box")
    assert oob["hx-swap-oob"] == "true"
    assert oob.find("input", id="reviewer-name")["value"] == "Ana"
    assert client.cookies.get("cotejo_reviewer") == "Ana"
    assert count(session_factory, Review) == 1

    # Given once: the next review needs no name.
    again = client.post(
        f"/findings/{finding}/review",
        data={"verdict": "dismissed", "fingerprint": corpus.fingerprints["duration"]},
        headers=HTMX,
    )
    assert again.status_code == 200
    assert "dismissed" in parse(again.text).select_one(".state").get_text()


def test_plain_review_post_redirects_back(client: TestClient, corpus, session_factory) -> None:
    finding = corpus.findings["day"]
    response = client.post(
        f"/findings/{finding}/review",
        data={
            "verdict": "dismissed",
            "fingerprint": corpus.fingerprints["day"],
            "reviewer": "Ana",
            "next": "/topics/meeting-day?source=1",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/topics/meeting-day?source=1"
    assert count(session_factory, Review) == 1


def test_redirect_target_must_be_local(client: TestClient, corpus) -> None:
    response = client.post(
        f"/findings/{corpus.findings['day']}/review",
        data={
            "verdict": "confirmed",
            "fingerprint": corpus.fingerprints["day"],
            "reviewer": "Ana",
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/conflicts"


@pytest.mark.parametrize(
    ("finding_key", "data", "status", "field"),
    [
        (None, {"verdict": "confirmed", "reviewer": "Ana"}, 404, "finding"),
        ("duration", {"verdict": "confirmed", "reviewer": "   "}, 422, "reviewer"),
        ("duration", {"verdict": "confirmed"}, 422, "reviewer"),
        ("duration", {"verdict": "maybe", "reviewer": "Ana"}, 422, "verdict"),
        ("duration", {"verdict": "confirmed", "reviewer": "A" * 101}, 422, None),
    ],
)
def test_invalid_review_is_refused_and_nothing_stored(
    client: TestClient, corpus, session_factory, finding_key, data, status, field
) -> None:
    finding = corpus.findings[finding_key] if finding_key else 9999
    fingerprint = corpus.fingerprints[finding_key or "duration"]
    response = client.post(f"/findings/{finding}/review", data={"fingerprint": fingerprint, **data})
    assert response.status_code == status
    message = parse(response.text).select_one(".error-message")
    assert message is not None
    if field:
        assert message.strong.get_text() == field
    assert count(session_factory, Review) == 0


def test_htmx_error_goes_to_the_form_error_slot(client: TestClient, corpus) -> None:
    finding = corpus.findings["duration"]
    response = client.post(
        f"/findings/{finding}/review",
        data={"verdict": "confirmed", "fingerprint": corpus.fingerprints["duration"]},
        headers={**HTMX, "HX-Trigger": f"review-{corpus.anchor('duration')}"},
    )
    assert response.status_code == 422
    assert response.headers["HX-Retarget"] == f"#review-{corpus.anchor('duration')}-error"
    assert response.headers["HX-Reswap"] == "innerHTML"
    assert "Give your name" in parse(response.text).get_text()


def test_htmx_flag_swaps_both_claims(client: TestClient, corpus, session_factory) -> None:
    a, b = corpus.claims["a_duration"], corpus.claims["b_duration"]
    response = client.post(
        f"/topics/meeting-duration/claims/{a}/flags",
        data={"other_claim_id": str(b), "note": "Four is not five", "reviewer": "Luis"},
        headers={**HTMX, "HX-Trigger": f"flag-form-{a}"},
    )
    assert response.status_code == 200
    fragment = parse(response.text)
    mine = fragment.find(id=f"claim-{a}")
    other = fragment.find(id=f"claim-{b}")
    assert not mine.has_attr("hx-swap-oob") and other["hx-swap-oob"] == "true"
    assert "Source B" in mine.select_one(".claim-flags").get_text()
    assert "Four is not five" in mine.select_one(".claim-flags").get_text()
    assert "Source A" in other.select_one(".claim-flags").get_text()
    assert count(session_factory, Flag) == 1


def test_flag_direction_does_not_matter(client: TestClient, corpus, session_factory) -> None:
    a, b = corpus.claims["a_duration"], corpus.claims["b_duration"]
    first = client.post(
        f"/topics/meeting-duration/claims/{a}/flags",
        data={"other_claim_id": str(b), "reviewer": "Luis"},
    )
    assert first.status_code == 200  # redirected to the topic page
    again = client.post(
        f"/topics/meeting-duration/claims/{b}/flags",
        data={"other_claim_id": str(a), "reviewer": "Luis"},
    )
    assert again.status_code == 409
    assert count(session_factory, Flag) == 1


@pytest.mark.parametrize(
    ("slug", "claim", "other", "reviewer", "status"),
    [
        ("meeting-duration", "a_duration", "unknown", "Ana", 404),  # unknown other claim
        ("meeting-duration", "unknown", "b_duration", "Ana", 404),  # unknown claim
        ("meeting-duration", "a_duration", "c_weapons", "Ana", 422),  # foreign: other topic
        ("meeting-duration", "a_duration", "b_handshake", "Ana", 422),  # in no topic
        ("meeting-duration", "a_duration", "a_duration", "Ana", 422),  # the same claim twice
        ("meeting-duration", "a_duration", "", "Ana", 422),  # none picked
        ("meeting-duration", "a_duration", "b_duration", "", 422),  # empty name
        ("no-such-topic", "a_duration", "b_duration", "Ana", 404),
    ],
)
def test_invalid_flag_is_refused_and_nothing_stored(
    client: TestClient, corpus, session_factory, slug, claim, other, reviewer, status
) -> None:
    claim_id = corpus.claims.get(claim, 9999)
    other_id = "" if other == "" else str(corpus.claims.get(other, 9998))
    response = client.post(
        f"/topics/{slug}/claims/{claim_id}/flags",
        data={"other_claim_id": other_id, "reviewer": reviewer},
    )
    assert response.status_code == status, response.text
    assert parse(response.text).select_one(".error-message")
    assert count(session_factory, Flag) == 0


def test_reviewer_form_sets_cookie(client: TestClient) -> None:
    response = client.post(
        "/reviewer",
        data={"reviewer": " José  Pérez ", "next": "/conflicts"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/conflicts"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    page = parse(client.get("/").text)
    assert page.select_one("#reviewer-box summary strong").get_text() == "José Pérez"
    fragment = parse(client.post("/reviewer", data={"reviewer": "Ana"}, headers=HTMX).text)
    assert fragment.select_one("#reviewer-name")["value"] == "Ana"
    assert client.post("/reviewer", data={"reviewer": ""}).status_code == 422


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Referer": "https://evil.example/page"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "null"},
    ],
)
def test_cross_site_posts_are_refused(
    client: TestClient, corpus, session_factory, headers: dict[str, str]
) -> None:
    response = client.post(
        f"/findings/{corpus.findings['duration']}/review",
        data={"verdict": "confirmed", "reviewer": "Mallory"},
        headers=headers,
    )
    assert response.status_code == 403
    api = client.post(
        f"/api/findings/{corpus.findings['duration']}/review",
        json={"verdict": "confirmed", "reviewer": "Mallory"},
        headers=headers,
    )
    assert api.status_code == 403
    assert count(session_factory, Review) == 0


def test_same_origin_post_is_accepted(client: TestClient, corpus) -> None:
    response = client.post(
        f"/findings/{corpus.findings['duration']}/review",
        data={
            "verdict": "confirmed",
            "fingerprint": corpus.fingerprints["duration"],
            "reviewer": "Ana",
        },
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
        follow_redirects=False,
    )
    assert response.status_code == 303
