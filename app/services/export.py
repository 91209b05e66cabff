"""The export contract: one JSON object other tools read (keep keys stable), or claims as CSV.

The JSON also carries everything ``cotejo import`` needs to restore the database it came
from (article texts, sentences, entities, propositions, ids, fingerprints): when a key is
added here, app/services/import_format.py says how it is read back.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from app.db import queries
from app.db.models import ClaimProposition, ClaimValue
from app.services.review import list_flags_for_export, list_reviews_for_export

# Bumped when a file of the previous version can no longer be imported as it is.
EXPORT_VERSION = 1

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


def iso_utc(value: datetime | None) -> str | None:
    """ISO 8601 with its offset: times are stored in UTC (SQLite drops the offset)."""
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def build_export(session: Session) -> dict[str, Any]:
    """``sources`` are the ingested articles (one per outlet and file), ``id`` = article id.

    A claim's ``certainty`` is that of its sentence; ``topic_certainties`` gives, per topic,
    the certainty of what it says about that topic: the one the topic's findings compare
    (a finding's ``certainties``).
    """
    articles = queries.select_articles_for_export(session)
    source_names = {article.id: name for article, name in articles}
    entities = queries.select_claim_entities(session)
    links = queries.select_topic_links_for_export(session)
    sentences = queries.select_sentences_for_export(session)
    return {
        "version": EXPORT_VERSION,
        "sources": [
            {
                "id": article.id,
                "name": name,
                "outlet_id": article.source_id,
                # The outlet's identity (sources.toml ``key``, else derived): stays when the
                # outlet is renamed.
                "outlet_key": article.source.key,
                "title": article.title,
                "path": article.path,
                "language": article.language,
                "published": article.published.isoformat() if article.published else None,
                # As precisely as known (``published_precision``: day | minute), and from
                # where: manifest, html (page metadata) or dateline.
                "published_at": iso_utc(article.published_at),
                "published_precision": article.published_precision,
                "published_from": article.published_from,
                # Where it was published (sources.toml or the upload form), or null.
                "url": article.url,
                # "analysed", or "refused" with the reason (an article in another language).
                "status": article.status,
                "status_note": article.status_note,
                "text": article.text,
                "content_hash": article.content_hash,
                "sentences": [
                    {"id": s.id, "position": s.position, "start": s.start, "end": s.end}
                    for s in sentences.get(article.id, [])
                ],
            }
            for article, name in articles
        ],
        "topics": [
            # origin: "defined" in a topics.toml, or "discovered" by the engine
            {
                "slug": t.slug,
                "label": t.label,
                "status": t.status,
                "origin": t.origin,
                "id": t.id,
                "description": t.description,
                "definition": t.definition,
                # The folder whose topics.toml defines it (null for a discovered topic).
                "defined_in": t.defined_in,
            }
            for t in queries.select_topics(session)
        ],
        "claims": [
            {
                "id": claim.id,
                "source_id": claim.article_id,
                "source": source_names[claim.article_id],
                "topics": sorted(t.slug for t in claim.topics),
                "topic_certainties": [
                    {"slug": slug, "certainty": link.certainty}
                    for slug, link in links.get(claim.id, [])
                ],
                # The same links in full: how many of the topic's cues matched, and which.
                "topic_links": [
                    {
                        "slug": slug,
                        "certainty": link.certainty,
                        "score": link.score,
                        "cues": link.cues,
                    }
                    for slug, link in links.get(claim.id, [])
                ],
                "text": claim.text,
                "start": claim.start,
                "end": claim.end,
                "certainty": claim.certainty,
                "attributed_to": claim.attributed_to,
                "entities": entities.get(claim.id, []),
                "values": [_value(v) for v in claim.values],
                "sentence_id": claim.sentence_id,
                "fingerprint": claim.fingerprint,
                "certainty_cue": claim.certainty_cue,
                "lemmas": claim.lemmas,
                "propositions": [_proposition(p) for p in claim.propositions],
            }
            for claim in queries.select_claims_for_export(session)
        ],
        # Named entities with every mention (in claims or elsewhere in an article).
        "entities": [
            {
                "id": entity.id,
                "name": entity.name,
                "label": entity.label,
                "key": entity.key,
                "mentions": [
                    {
                        "id": m.id,
                        "article_id": m.article_id,
                        "claim_id": m.claim_id,
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                    }
                    for m in mentions
                ],
            }
            for entity, mentions in queries.select_entities_for_export(session)
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
                # The value slot or proposition compared, why beyond the kind ("different
                # precision"), the certainties compared and whom each side attributes it to.
                "slot": f.slot,
                "note": f.note,
                "certainties": [f.certainty_a, f.certainty_b],
                "parties": [f.party_a, f.party_b],
                "value_ids": [f.value_a_id, f.value_b_id],
                "fingerprint": f.fingerprint,
            }
            for f in queries.select_findings_for_export(session)
        ],
        # Every fingerprint a finding has had, with its id: ids survive re-ingests.
        "finding_keys": [
            {"fingerprint": fingerprint, "finding_id": finding_id}
            for fingerprint, finding_id in sorted(queries.select_finding_keys(session).items())
        ],
        # What the derived steps were last computed with, and any work still owed: a restore
        # on the same engine re-computes nothing, one on another engine catches up.
        "derived_state": [
            {
                "step": d.step,
                "computed_with": d.computed_with,
                "pending_since": iso_utc(d.pending_since),
                "reason": d.reason,
            }
            for d in queries.select_derived_states(session)
        ],
        # What users said: keyed on fingerprints, so it outlives re-ingests.
        "reviews": list_reviews_for_export(session),
        "flags": list_flags_for_export(session),
    }


def _value(v: ClaimValue) -> dict[str, Any]:
    return {
        "kind": v.kind,
        "low": v.low,
        "high": v.high,
        "unit": v.unit,
        "text": v.text,
        # What it measures (a concept key), where/whose/which part ("at:…", "of:…",
        # "part"...), actual | expected | limit | requested, and the bound as written
        # (more_than, about...; null for a plain figure).
        "measured": v.measured,
        "scope": list(v.scope or []),
        "modality": v.modality,
        "bound": v.bound,
        # The rest of what was read, for import: findings name values by id.
        "id": v.id,
        "start": v.start,
        "end": v.end,
        "anchor": v.anchor,
        "nominal": v.nominal,
        "step": v.step,
        "measured_word": v.measured_word,
        "aspect": v.aspect,
        "restriction": v.restriction,
        "certainty": v.certainty,
        "party": v.party,
    }


def _proposition(p: ClaimProposition) -> dict[str, Any]:
    return {
        "key": p.key,
        "head_word": p.head_word,
        "arg_word": p.arg_word,
        "agent": p.agent,
        "certainty": p.certainty,
        "party": p.party,
        "start": p.start,
        "end": p.end,
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
