"""What an ingest from the browser brought: its new claims and new findings."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.db import queries
from app.services.dashboard.builder import ViewBuilder
from app.services.dashboard.views import ClaimView, FindingView, kind_rank


@dataclass(slots=True)
class IngestResult:
    claims: list[ClaimView]
    conflicts: list[FindingView]
    agreements: list[FindingView]
    # Parties giving different figures, and later figures superseding earlier ones.
    disputes: list[FindingView] = field(default_factory=list)
    updates: list[FindingView] = field(default_factory=list)


def build_ingest_result(
    session: Session, claim_ids: Sequence[int], finding_fingerprints: Collection[str]
) -> IngestResult:
    """New claims (by id) and new findings (by fingerprint: ids may be reused meanwhile)."""
    builder = ViewBuilder(session)
    claims = builder.claims(queries.select_claims_by_ids(session, claim_ids))
    rows = queries.select_findings_with_state_by_fingerprints(session, finding_fingerprints)
    findings = sorted(builder.findings(rows), key=lambda f: (kind_rank(f.kind), f.id))
    return IngestResult(
        claims=claims,
        conflicts=[f for f in findings if f.kind == "conflict"],
        agreements=[f for f in findings if f.kind == "agreement"],
        disputes=[f for f in findings if f.kind == "dispute"],
        updates=[f for f in findings if f.kind == "update"],
    )
