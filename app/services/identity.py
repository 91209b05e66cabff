"""What stays the same when articles are re-ingested, re-analysed or relabelled.

- An **outlet** is its key (sources.toml ``key``, else derived from its name as first
  seen), never its label: renaming an outlet changes no fingerprint.
- A **claim** is its outlet and its normalised text.
- A **finding** is what it means: what was measured (the slot's kind, concept,
  restriction, level or change, modality) and each outlet's figure as normalised; or for
  a statement the proposition, the two outlets and how hard their certainties clash.
  Not claim ids; not the sentences, quotes or units of the values that stand for it,
  since repeats of one figure by the same two outlets are one finding
  (app/compare/value_findings.py) whichever sentence is shown; not the topic slug nor the
  slot's scope, which depend on the rest of the corpus (its main event and year, the
  names it abbreviates), so that an unrelated edit elsewhere could rename them. Only when
  two findings would share a fingerprint are the slot with its scope, the relation and
  the parties added to tell them apart.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from unidecode import unidecode

from app.compare.facts import FindingDraft
from app.compare.slots import slot_without_scope
from app.db.models import Finding

MAX_KEY_CHARS = 100
MAX_SLOT_CHARS = 400  # as findings.slot stores it
_KEY_CHARS = re.compile(r"[^a-z0-9]+")
_SEP = "\x1f"


def outlet_key(name: str) -> str:
    """A key derived from an outlet's name: "El País" -> "el-pais"."""
    key = _KEY_CHARS.sub("-", unidecode(name).lower()).strip("-")[:MAX_KEY_CHARS].strip("-")
    return key or "outlet"


def unique_key(base: str, taken: Iterable[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... the first not in ``taken``."""
    used = set(taken)
    if base not in used:
        return base
    number = 2
    while f"{base[: MAX_KEY_CHARS - 8]}-{number}" in used:
        number += 1
    return f"{base[: MAX_KEY_CHARS - 8]}-{number}"


def normalised_text(text: str) -> str:
    return " ".join(text.lower().split())


def claim_fingerprint(outlet: str, text: str) -> str:
    """Stable across re-ingests, file renames and outlet relabels: the outlet's key and
    what it said."""
    return hashlib.sha1(f"{outlet}{_SEP}{normalised_text(text)}".encode()).hexdigest()


def _number(value: float | None) -> str:
    return "" if value is None else repr(float(value))


@dataclass(frozen=True, slots=True)
class Meaning:
    """What a finding says, without the rows or the wording it was found in."""

    what: str  # the slot without its scope, or the proposition and the severity
    sides: tuple[tuple[str, ...], ...]  # each side's outlet (and figure), sorted
    # Told apart by these only when another finding means the same: the slot with its
    # scope, the relation and the parties.
    qualifier: tuple[str, ...]


def meaning(
    slot: str,
    sides: Sequence[tuple[str, float | None, float | None]],
    *,
    statement: bool,
    kind: str,
    severity: str | None,
    parties: tuple[str | None, str | None],
) -> Meaning:
    """``sides`` are (outlet key, low, high). A value finding is its slot's measure and
    the two outlets' figures, not the representative values' own words or units: repeats
    of one figure ("78 muertos", "78 fallecidos") are one finding. A statement is one
    finding per pair of outlets and relation (app/compare/statements.py)."""
    if statement:
        what = f"certainty{_SEP}{slot}{_SEP}{severity or ''}"
        parts = sorted((outlet,) for outlet, _, _ in sides)
    else:
        what = f"value{_SEP}{slot_without_scope(slot)}"
        parts = sorted((outlet, _number(low), _number(high)) for outlet, low, high in sides)
    qualifier = (slot, kind, severity or "", *sorted(p or "" for p in parties))
    return Meaning(what, tuple(parts), qualifier)


def draft_meaning(draft: FindingDraft) -> Meaning:
    a, b = draft.value_a, draft.value_b
    return meaning(
        draft.slot[:MAX_SLOT_CHARS],
        [
            (draft.claim_a.outlet, a.low if a else None, a.high if a else None),
            (draft.claim_b.outlet, b.low if b else None, b.high if b else None),
        ],
        statement=a is None,
        kind=draft.kind,
        severity=draft.severity,
        parties=(draft.party_a, draft.party_b),
    )


def stored_meaning(row: Finding) -> Meaning:
    """The meaning of a stored finding, with its outlets' keys as they are now."""
    a, b = row.value_a, row.value_b
    return meaning(
        row.slot,
        [
            (row.claim_a.article.source.key, a.low if a else None, a.high if a else None),
            (row.claim_b.article.source.key, b.low if b else None, b.high if b else None),
        ],
        statement=a is None,
        kind=row.kind,
        severity=row.severity,
        parties=(row.party_a, row.party_b),
    )


def _digest(parts: Iterable[str]) -> str:
    return hashlib.sha1(_SEP.join(parts).encode()).hexdigest()


def plain_fingerprint(found: Meaning) -> str:
    """A finding's fingerprint when no other finding of the corpus means the same."""
    return _digest(["2", found.what, *(part for side in found.sides for part in side)])


def qualified_fingerprint(found: Meaning) -> str:
    parts = (part for side in found.sides for part in side)
    return _digest(["2q", found.what, *parts, *found.qualifier])


def finding_fingerprint(draft: FindingDraft) -> str:
    return plain_fingerprint(draft_meaning(draft))


def fingerprints(meanings: Sequence[Meaning]) -> list[str]:
    """Each finding's fingerprint; findings that would share one but differ in slot,
    relation or parties (the same figures in two scopes) are qualified, and stay two."""
    plain = [plain_fingerprint(m) for m in meanings]
    qualifiers: dict[str, set[tuple[str, ...]]] = {}
    for fingerprint, found in zip(plain, meanings, strict=True):
        qualifiers.setdefault(fingerprint, set()).add(found.qualifier)
    return [
        fingerprint if len(qualifiers[fingerprint]) == 1 else qualified_fingerprint(found)
        for fingerprint, found in zip(plain, meanings, strict=True)
    ]
