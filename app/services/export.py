"""The export contract: one JSON object other tools read (keep keys stable), or claims as CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from sqlalchemy.orm import Session

from app.db import queries
from app.services.review import list_flags_for_export, list_reviews_for_export

CSV_COLUMNS = (
    "id",
    "source_id",
    "source",
    "topics",
    "start",
    "end",
    "certainty",
    "attributed_to",
    "values",
    "text",
)


def build_export(session: Session) -> dict[str, Any]:
    """``sources`` are the ingested articles (one per outlet and file), ``id`` = article id."""
    articles = queries.select_articles_for_export(session)
    source_names = {article.id: name for article, name in articles}
    entities = queries.select_claim_entities(session)
    return {
        "sources": [
            {
                "id": article.id,
                "name": name,
                "path": article.path,
                "language": article.language,
                "published": article.published.isoformat() if article.published else None,
            }
            for article, name in articles
        ],
        "topics": [
            {"slug": t.slug, "label": t.label, "status": t.status}
            for t in queries.select_topics(session)
        ],
        "claims": [
            {
                "id": claim.id,
                "source_id": claim.article_id,
                "source": source_names[claim.article_id],
                "topics": sorted(t.slug for t in claim.topics),
                "text": claim.text,
                "start": claim.start,
                "end": claim.end,
                "certainty": claim.certainty,
                "attributed_to": claim.attributed_to,
                "entities": entities.get(claim.id, []),
                "values": [
                    {"kind": v.kind, "low": v.low, "high": v.high, "unit": v.unit, "text": v.text}
                    for v in claim.values
                ],
            }
            for claim in queries.select_claims_for_export(session)
        ],
        "findings": [
            {
                "id": f.id,
                "topic": f.topic.slug,
                "kind": f.kind,
                "severity": f.severity,
                "basis": f.basis,
                "claim_ids": [f.claim_a_id, f.claim_b_id],
                "explanation": f.explanation,
            }
            for f in queries.select_findings_for_export(session)
        ],
        # What users said: keyed on fingerprints, so it outlives re-ingests.
        "reviews": list_reviews_for_export(session),
        "flags": list_flags_for_export(session),
    }


def _format_values(values: list[dict[str, Any]]) -> str:
    def end(x: float | None) -> str:
        return "" if x is None else f"{x:.15g}"

    return "; ".join(f"{v['kind']}:{end(v['low'])}..{end(v['high'])} {v['unit']}" for v in values)


def export_claims_csv(session: Session) -> str:
    export = build_export(session)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for claim in export["claims"]:
        writer.writerow(
            {
                **{key: claim[key] for key in CSV_COLUMNS if key in claim},
                "topics": " ".join(claim["topics"]),
                "values": _format_values(claim["values"]),
            }
        )
    return out.getvalue()
