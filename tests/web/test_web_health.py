"""GET /healthz: the trivial route the scale benchmark measures pages against."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_healthz_answers_ok_through_the_database(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response.headers["X-Content-Type-Options"] == "nosniff"
