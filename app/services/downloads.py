"""Downloads of the dashboard's list views: the rows a page shows for its filters, every
page of them, as CSV (UTF-8 with a byte-order mark, so spreadsheets read the accents) or
JSON, encoded while the rows are read.

Each view's columns are a contract (the README lists them): add columns at the end, never
rename one. Rows are read ``BATCH`` at a time, so a large corpus is never held in memory;
the filters are checked when a download is made, before the first byte is sent, so a bad
filter is refused rather than cut off mid-file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from sqlalchemy.orm import Session

from app.db import queries
from app.db.models import Article, Claim, Finding, Topic
from app.db.queries import FindingFilter
from app.services.dashboard import (
    ClaimView,
    FindingView,
    ReviewEntry,
    ViewBuilder,
    build_sources,
    make_picker,
    review_entries,
)
from app.services.export import iso_utc

# Rows read per query while a download streams.
BATCH = 500
# Bytes of CSV or JSON gathered before they are sent.
CHUNK = 64 * 1024

Cell = str | int | list[str] | None
Row = dict[str, Cell]
T = TypeVar("T")


class DownloadFormat(StrEnum):
    csv = "csv"
    json = "json"


MEDIA_TYPES = {
    DownloadFormat.csv: "text/csv; charset=utf-8",
    DownloadFormat.json: "application/json",
}


@dataclass(frozen=True, slots=True)
class Download:
    """A view's rows, not yet read: ``rows`` runs its queries as it is iterated."""

    name: str  # the file name without its suffix
    columns: tuple[str, ...]
    rows: Iterator[Row]

    def filename(self, fmt: DownloadFormat) -> str:
        return f"{self.name}.{fmt.value}"

    def encode(self, fmt: DownloadFormat) -> Iterator[bytes]:
        chunks = _csv(self) if fmt is DownloadFormat.csv else _json(self)
        return _gathered(chunks)


# A text cell starting with one of these is run as a formula by spreadsheets
# ("=HYPERLINK(...)" in an outlet's name or a reviewer's note): it is written after a "'".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Cell) -> str:
    """A cell as CSV text: empty for no value, a list joined with "; ", text that would
    start a formula quoted with a leading "'" (numbers are written as they are)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return _inert("; ".join(value))
    if isinstance(value, str):
        return _inert(value)
    return str(value)


def _inert(text: str) -> str:
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _csv(download: Download) -> Iterator[str]:
    buffer = io.StringIO()
    # The byte-order mark tells spreadsheets the file is UTF-8; \r\n is RFC 4180's line end.
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(download.columns)
    for row in download.rows:
        writer.writerow([csv_cell(row[c]) for c in download.columns])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _json(download: Download) -> Iterator[str]:
    yield "["
    for index, row in enumerate(download.rows):
        record = {c: row[c] for c in download.columns}
        yield ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"


def _gathered(chunks: Iterable[str]) -> Iterator[bytes]:
    """The text in pieces of about ``CHUNK`` bytes: one send per row would be thousands."""
    pending: list[bytes] = []
    size = 0
    for chunk in chunks:
        data = chunk.encode()
        pending.append(data)
        size += len(data)
        if size >= CHUNK:
            yield b"".join(pending)
            pending, size = [], 0
    if pending:
        yield b"".join(pending)


def _batches(fetch: Callable[[int, int], Sequence[T]]) -> Iterator[Sequence[T]]:
    """``fetch(limit, offset)`` called page after page until a page comes back short."""
    offset = 0
    while True:
        batch = fetch(BATCH, offset)
        if batch:
            yield batch
        if len(batch) < BATCH:
            return
        offset += BATCH


# --- Cells shared by the views ----------------------------------------------------------


def published(article: Article) -> str | None:
    """ISO 8601: a date when only the day is known, else the moment in UTC."""
    if article.published_at is None:
        return None
    if article.published_precision == "day":
        return article.published_at.date().isoformat()
    return iso_utc(article.published_at)


def moment(value: datetime) -> str:
    stamp = iso_utc(value)
    assert stamp is not None
    return stamp


def finding_url(site: str, slug: str, anchor: str) -> str:
    return f"{site}/topics/{slug}#{anchor}"


def claim_url(site: str, claim: ClaimView) -> str:
    return f"{site}/sources/{claim.source.id}?claim={claim.id}"


def _values(claim: ClaimView) -> list[str]:
    return [f"{v.kind} {v.label}" for v in claim.values]


CLAIM_COLUMNS = (
    "claim_id",
    "source_id",
    "source",
    "published",
    "text",
    "certainty",
    "attributed_to",
    "values",
    "topics",
    "url",
)


def _claim_rows(
    site: str, builder: ViewBuilder, batches: Iterable[Sequence[Claim]], topic: Topic | None
) -> Iterator[Row]:
    """Claims as a topic's page lists them (with ``topic``: their certainty on it), or as
    search does (the sentence's certainty)."""
    for claims in batches:
        for claim, view in zip(claims, builder.claims(claims, topic), strict=True):
            yield {
                "claim_id": view.id,
                "source_id": view.source.id,
                "source": view.source.name,
                "published": published(claim.article),
                "text": view.text,
                "certainty": view.topic_certainty or view.certainty,
                "attributed_to": view.attributed_to,
                "values": _values(view),
                "topics": [t.slug for t in view.topics],
                "url": claim_url(site, view),
            }


# --- The views ------------------------------------------------------------------------------

FINDING_COLUMNS = (
    "finding_id",
    "topic",
    "topic_label",
    "kind",
    "severity",
    "compares",
    "explanation",
    "note",
    "state",
    "reviewer",
    "reviewed_at",
    "review_note",
    *(
        f"{column}_{side}"
        for side in ("a", "b")
        for column in ("source", "claim_id", "text", "value", "certainty", "party", "published")
    ),
    "url",
)


def _finding_row(site: str, finding: Finding, view: FindingView) -> Row:
    row: Row = {
        "finding_id": view.id,
        "topic": view.topic.slug,
        "topic_label": view.topic.label,
        "kind": view.kind,
        "severity": view.severity,
        "compares": view.slot.heading,
        "explanation": view.explanation,
        "note": view.note or None,
        "state": view.state,
        "reviewer": view.review.reviewer if view.review else None,
        "reviewed_at": moment(view.review.created_at) if view.review else None,
        "review_note": (view.review.note or None) if view.review else None,
        "url": finding_url(site, view.topic.slug, view.anchor),
    }
    sides = (
        ("a", finding.claim_a, view.claim_a, view.value_a, view.certainty_a, view.party_a),
        ("b", finding.claim_b, view.claim_b, view.value_b, view.certainty_b, view.party_b),
    )
    for side, claim, card, value, certainty, party in sides:
        row[f"source_{side}"] = card.source.name
        row[f"claim_id_{side}"] = card.id
        row[f"text_{side}"] = card.text
        row[f"value_{side}"] = value.label if value else None
        row[f"certainty_{side}"] = certainty or card.topic_certainty
        row[f"party_{side}"] = party
        row[f"published_{side}"] = published(claim.article)
    return row


def conflicts(session: Session, site: str, filters: FindingFilter) -> Download:
    """The conflicts page's findings for ``filters``, in its order, every page."""
    builder = ViewBuilder(session)

    def rows() -> Iterator[Row]:
        def fetch(limit: int, offset: int) -> list[tuple[Finding, str]]:
            return queries.select_findings_in_order(session, filters, limit=limit, offset=offset)[0]

        for batch in _batches(fetch):
            for (finding, _state), view in zip(batch, builder.findings(batch), strict=True):
                yield _finding_row(site, finding, view)

    return Download("cotejo-conflicts", FINDING_COLUMNS, rows())


def topic_claims(
    session: Session, site: str, slug: str, source_ids: Sequence[int]
) -> Download | None:
    """The claims a topic's page shows for the selected sources (None: no such topic);
    ``certainty`` is each claim's certainty on the topic."""
    builder = ViewBuilder(session)
    topic = builder.topics_by_slug.get(slug)
    if topic is None:
        return None
    selected = make_picker(session, source_ids).selected

    def fetch(limit: int, offset: int) -> list[Claim]:
        return queries.select_topic_claims_page(
            session, topic_slug=slug, source_ids=selected, limit=limit, offset=offset
        )[0]

    rows = _claim_rows(site, builder, _batches(fetch), topic)
    return Download(f"cotejo-topic-{slug}", CLAIM_COLUMNS, rows)


def search_results(session: Session, site: str, query: str, source_ids: Sequence[int]) -> Download:
    """The claims the search page finds for ``query``, best first, every page."""
    builder = ViewBuilder(session)
    terms = queries.search_terms(query)
    backend = queries.search_backend(session)
    selected = make_picker(session, source_ids).selected

    def fetch(limit: int, offset: int) -> list[Claim]:
        return queries.search_claims(
            session, terms, source_ids=selected, backend=backend, limit=limit, offset=offset
        )[0]

    return Download(
        "cotejo-search", CLAIM_COLUMNS, _claim_rows(site, builder, _batches(fetch), None)
    )


REVIEW_COLUMNS = (
    "type",
    "created_at",
    "reviewer",
    "verdict",
    "topic",
    "topic_label",
    "explanation",
    "finding_id",
    "source_a",
    "text_a",
    "source_b",
    "text_b",
    "note",
    "url",
)


def _review_row(site: str, entry: ReviewEntry) -> Row:
    row: Row = {
        "type": entry.type,
        "created_at": moment(entry.created_at),
        "reviewer": entry.reviewer,
        "verdict": entry.verdict,
        "topic": entry.topic_slug,
        "topic_label": entry.topic.label if entry.topic else None,
        "explanation": entry.explanation,
        "finding_id": entry.finding_id,
        "note": entry.note or None,
        "url": finding_url(site, entry.topic_slug, entry.finding_anchor)
        if entry.finding_anchor
        else None,
    }
    # A review compares the finding's claims; a flag names its own two (as flagged, and
    # the outlet while the claim is still found).
    cards = entry.flag.claims if entry.flag else (None, None)
    texts = entry.flag.claim_texts if entry.flag else (None, None)
    for side, card, text in zip(("a", "b"), cards, texts, strict=True):
        row[f"source_{side}"] = card.source.name if card else None
        row[f"text_{side}"] = text
    return row


def review_log(session: Session, site: str, source_ids: Sequence[int]) -> Download:
    """The review log (verdicts and flags, newest first) touching the selected sources."""
    builder = ViewBuilder(session)
    selected = make_picker(session, source_ids).selected

    def fetch(limit: int, offset: int) -> list[tuple[str, int]]:
        return queries.select_review_log_page(
            session, source_ids=selected, limit=limit, offset=offset
        )

    rows = (
        _review_row(site, entry)
        for keys in _batches(fetch)
        for entry in review_entries(session, builder, keys)
    )
    return Download("cotejo-review", REVIEW_COLUMNS, rows)


SOURCE_COLUMNS = ("source_id", "source", "articles", "claims", "conflicts", "agreements", "url")


def sources(session: Session, site: str, source_ids: Sequence[int]) -> Download:
    """The sources page's table: one row per outlet shown, with its counts. The page is
    one table of outlets (tens, not thousands), read as the page reads it."""
    page = build_sources(session, source_ids)
    rows = (
        {
            "source_id": row.source.id,
            "source": row.source.name,
            "articles": row.articles,
            "claims": row.claims,
            "conflicts": row.conflicts,
            "agreements": row.agreements,
            "url": f"{site}/sources/{row.source.id}",
        }
        for row in page.rows
    )
    return Download("cotejo-sources", SOURCE_COLUMNS, rows)
