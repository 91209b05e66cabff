"""What stays the same when articles are re-ingested, re-analysed or relabelled.

- An **outlet** is its key (sources.toml ``key``, else derived from its name as first
  seen), never its label: renaming an outlet changes no fingerprint.
- A **claim** is its outlet and its normalised text.
- A **finding** is what it means: the basis, and for each side the outlet, what its value
  measures (concept, restriction, level or change, modality), the value as written and as
  normalised, or for a statement the certainty it is given. Not claim ids, not the whole
  sentences, not the topic slug nor the slot's scope: those depend on the rest of the
  corpus (its main event and year, the names it abbreviates), so an unrelated edit
  elsewhere could rename them. Only when two findings would share a fingerprint is the
  slot (and the parties) added to tell them apart.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

from unidecode import unidecode

from app.compare.facts import ClaimFacts, FindingDraft, ValueFacts

MAX_KEY_CHARS = 100
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


def _value_side(claim: ClaimFacts, value: ValueFacts) -> tuple[str, ...]:
    return (
        claim.outlet,
        value.kind,
        value.measured,
        value.restriction,
        value.aspect,
        value.modality,
        normalised_text(value.text),
        _number(value.low),
        _number(value.high),
        value.unit,
    )


def _sides(draft: FindingDraft) -> list[tuple[str, ...]]:
    if draft.value_a is not None and draft.value_b is not None:
        return sorted(
            (_value_side(draft.claim_a, draft.value_a), _value_side(draft.claim_b, draft.value_b))
        )
    # A statement: one finding per pair of outlets and relation (app/compare/statements.py),
    # whichever of their claims stands for it.
    return sorted(
        (
            (draft.claim_a.outlet, draft.certainty_a or ""),
            (draft.claim_b.outlet, draft.certainty_b or ""),
        )
    )


def _meaning(draft: FindingDraft) -> list[str]:
    what = draft.slot if draft.value_a is None else ""  # a proposition key is the claims' own
    return [draft.basis, what, *(part for side in _sides(draft) for part in side)]


def _qualifier(draft: FindingDraft) -> list[str]:
    parties = sorted(((draft.party_a or ""), (draft.party_b or "")))
    return [draft.slot, draft.kind, draft.severity or "", *parties]


def _digest(parts: Sequence[str]) -> str:
    return hashlib.sha1(_SEP.join(parts).encode()).hexdigest()


def finding_fingerprint(draft: FindingDraft) -> str:
    """A finding's fingerprint when no other finding of the corpus means the same."""
    return _digest(["2", *_meaning(draft)])


def finding_fingerprints(drafts: Sequence[FindingDraft]) -> list[str]:
    """Each draft's fingerprint; drafts that would share one but differ in slot or parties
    (the same figures in two scopes) have the slot and parties added, and so stay two."""
    plain = [finding_fingerprint(d) for d in drafts]
    qualifiers: dict[str, set[tuple[str, ...]]] = {}
    for fingerprint, draft in zip(plain, drafts, strict=True):
        qualifiers.setdefault(fingerprint, set()).add(tuple(_qualifier(draft)))
    return [
        fingerprint
        if len(qualifiers[fingerprint]) == 1
        else _digest(["2q", *_meaning(draft), *_qualifier(draft)])
        for fingerprint, draft in zip(plain, drafts, strict=True)
    ]
