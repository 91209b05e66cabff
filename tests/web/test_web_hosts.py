"""The Host check: loopback names and the bind address, IPv6 in brackets included."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.web.allowed_hosts import host_name, is_allowed
from app.web.app import create_app, trusted_hosts
from tests.databases import database_url

from .live import live_server


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("[::1]:8000", "::1"),
        ("[::1]", "::1"),
        ("[0:0:0:0:0:0:0:1]:80", "::1"),
        ("127.0.0.1:8000", "127.0.0.1"),
        ("LocalHost:8000", "localhost"),
        ("example.org", "example.org"),
        ("[::1", None),
        ("[::1]8000", None),
        ("::1", None),  # an IPv6 address must be in brackets
        ("127.0.0.1:http", None),
        ("127.0.0.1:８０", None),  # fullwidth digits are no port
        ("", None),
        (":8000", None),
    ],
)
def test_host_name_reads_brackets_and_ports(header: str, name: str | None) -> None:
    assert host_name(header) == name


def test_patterns() -> None:
    assert is_allowed("a.example.org", ["*.example.org"])
    assert not is_allowed("example.org.evil", ["*.example.org"])
    assert is_allowed("anything", ["*"])


def settings_for(tmp_path: Path, host: str, **extra) -> Settings:
    return Settings(database_url=database_url(tmp_path, "db.sqlite3"), host=host, **extra)


def test_serving_on_ipv6_loopback_accepts_its_bracketed_host(tmp_path: Path) -> None:
    """Audit: `[::1]` was refused even when serving on ::1 (the check cut at the colon)."""
    app = create_app(settings_for(tmp_path, "::1"))
    with TestClient(app, base_url="http://[::1]:8000") as client:
        assert client.get("/").status_code == 200
        assert client.get("/", headers={"Host": "[::1]"}).status_code == 200
        # A form posted from the page itself passes the same-site check.
        saved = client.post(
            "/reviewer",
            data={"reviewer": "Ana"},
            headers={"Origin": "http://[::1]:8000"},
            follow_redirects=False,
        )
        assert saved.status_code == 303
        assert client.get("/", headers={"Host": "[::2]:8000"}).status_code == 400
        assert client.get("/", headers={"Host": "[::1"}).status_code == 400
        assert client.get("/", headers={"Host": "evil.example"}).status_code == 400


def test_the_bind_address_and_configured_names_are_allowed(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "[::1]", allowed_hosts=["Cotejo.Example", "[fe80::1]"])
    assert trusted_hosts(settings) == ["cotejo.example", "fe80::1", "::1"]
    assert trusted_hosts(settings_for(tmp_path, "::")) == ["127.0.0.1", "localhost", "::1"]


def test_a_real_server_answers_to_the_ipv6_loopback_name(tmp_path: Path) -> None:
    """Through a real HTTP parser (h11): the header as a browser at http://[::1]:port sends it."""
    app = create_app(settings_for(tmp_path, "::1"))
    with live_server(app) as base:
        port = base.rsplit(":", 1)[1]
        ok = httpx.get(base + "/", headers={"Host": f"[::1]:{port}"})
        refused = httpx.get(base + "/", headers={"Host": f"[::2]:{port}"})
    assert ok.status_code == 200 and refused.status_code == 400
