"""Outlets are their key, not their label; findings keep their ids when found again.

- ``sources.key``: filled with the slug of each outlet's name (``-2``, ``-3``... when two
  names slug alike). Claims' fingerprints are rebuilt from it instead of the name, and
  flags follow their claims (a flag on a claim no longer stored is matched through its
  stored text and each outlet's name).
- Findings' fingerprints are rebuilt from what they mean (app/services/identity.py) and
  their reviews follow them.
- ``finding_keys``: every fingerprint a finding has had (the old and the new), with its id.

Columns and tables are only added, never copied: ``articles`` refers to ``sources`` with
ON DELETE CASCADE, so recreating ``sources`` (a batch migration) would empty it.

Revision ID: 0004
Revises: 0003
Create Date: 2027-01-10 10:00:00
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op
from unidecode import unidecode

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

MAX_KEY_CHARS = 100
_KEY_CHARS = re.compile(r"[^a-z0-9]+")


def _slug(name: str) -> str:
    key = _KEY_CHARS.sub("-", unidecode(name).lower()).strip("-")[:MAX_KEY_CHARS].strip("-")
    return key or "outlet"


def _unique(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    number = 2
    while f"{base[: MAX_KEY_CHARS - 8]}-{number}" in taken:
        number += 1
    return f"{base[: MAX_KEY_CHARS - 8]}-{number}"


def _fingerprint(outlet: str, text: str) -> str:
    # As app/services/identity.py builds it (frozen here: a migration must not change).
    normalised = " ".join(text.lower().split())
    return hashlib.sha1(f"{outlet}\x1f{normalised}".encode()).hexdigest()


Identity = Callable[[str, str], str]  # (name, key) -> what a claim fingerprint is made of


def by_name(name: str, key: str) -> str:
    return name  # 0003


def by_key(name: str, key: str) -> str:
    return key  # 0004


def _rebuild_fingerprints(old: Identity, new: Identity) -> None:
    """Claims' fingerprints made ``new(name, key)`` instead of ``old(name, key)``; flags
    follow their claims."""
    bind = op.get_bind()
    outlets = bind.execute(sa.text("SELECT name, key FROM sources")).all()
    rows = bind.execute(
        sa.text(
            "SELECT c.id, c.text, c.fingerprint, s.name, s.key FROM claims c "
            "JOIN articles a ON a.id = c.article_id JOIN sources s ON s.id = a.source_id"
        )
    ).all()
    renamed: dict[str, str] = {}
    for claim_id, text, before, name, key in rows:
        fingerprint = _fingerprint(new(name, key), text)
        renamed[before] = fingerprint
        bind.execute(
            sa.text("UPDATE claims SET fingerprint = :fp WHERE id = :id"),
            {"fp": fingerprint, "id": claim_id},
        )

    def follow(fingerprint: str, text: str) -> str:
        if fingerprint in renamed:
            return renamed[fingerprint]
        # A flag on a claim that is gone: which outlet said it is found by its fingerprint.
        for name, key in outlets:
            if _fingerprint(old(name, key), text) == fingerprint:
                return _fingerprint(new(name, key), text)
        return fingerprint

    flags = bind.execute(
        sa.text(
            "SELECT id, claim_a_fingerprint, claim_b_fingerprint, claim_a_text, claim_b_text "
            "FROM flags"
        )
    ).all()
    for flag_id, fp_a, fp_b, text_a, text_b in flags:
        sides = sorted(((follow(fp_a, text_a), text_a), (follow(fp_b, text_b), text_b)))
        bind.execute(
            sa.text(
                "UPDATE flags SET claim_a_fingerprint = :a, claim_b_fingerprint = :b, "
                "claim_a_text = :ta, claim_b_text = :tb WHERE id = :id"
            ),
            {
                "a": sides[0][0],
                "b": sides[1][0],
                "ta": sides[0][1],
                "tb": sides[1][1],
                "id": flag_id,
            },
        )


def _number(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def _without_scope(slot: str) -> str:
    parts = slot.split("|")  # family|measured|restriction|aspect|scope|modality|unit
    return "|".join(parts[:4] + parts[5:]) if len(parts) == 7 else slot


def _meaning_fingerprints() -> dict[int, tuple[str, str]]:
    """(old, new) fingerprint of every finding, the new one built from what it means as
    app/services/identity.py builds it (frozen here: a migration must not change)."""
    bind = op.get_bind()
    figures = {
        row[0]: (_number(row[1]), _number(row[2]))
        for row in bind.execute(sa.text("SELECT id, low, high FROM claim_values"))
    }
    outlet = dict(
        bind.execute(
            sa.text(
                "SELECT c.id, s.key FROM claims c JOIN articles a ON a.id = c.article_id "
                "JOIN sources s ON s.id = a.source_id"
            )
        ).all()
    )
    rows = bind.execute(
        sa.text(
            "SELECT id, fingerprint, slot, kind, severity, party_a, party_b, "
            "claim_a_id, claim_b_id, value_a_id, value_b_id FROM findings ORDER BY id"
        )
    ).all()
    found = {}
    for finding_id, old, slot, kind, severity, party_a, party_b, *ids in rows:
        claim_a, claim_b, value_a, value_b = ids
        if value_a is None:
            what = f"certainty\x1f{slot}\x1f{severity or ''}"
            sides = sorted([(outlet[claim_a],), (outlet[claim_b],)])
        else:
            what = f"value\x1f{_without_scope(slot)}"
            sides = sorted(
                [(outlet[claim_a], *figures[value_a]), (outlet[claim_b], *figures[value_b])]
            )
        parts = [what, *(part for side in sides for part in side)]
        qualifier = (slot, kind, severity or "", *sorted((party_a or "", party_b or "")))
        found[finding_id] = (old, parts, qualifier)
    plain = {
        finding_id: hashlib.sha1("\x1f".join(["2", *parts]).encode()).hexdigest()
        for finding_id, (_, parts, _) in found.items()
    }
    qualifiers: dict[str, set[tuple]] = {}
    for finding_id, (_, _, qualifier) in found.items():
        qualifiers.setdefault(plain[finding_id], set()).add(qualifier)
    result = {}
    for finding_id, (old, parts, qualifier) in found.items():
        new = plain[finding_id]
        if len(qualifiers[new]) > 1:
            new = hashlib.sha1("\x1f".join(["2q", *parts, *qualifier]).encode()).hexdigest()
        result[finding_id] = (old, new)
    return result


def upgrade() -> None:
    op.add_column(
        "sources", sa.Column("key", sa.String(length=100), nullable=False, server_default="")
    )
    bind = op.get_bind()
    taken: set[str] = set()
    for source_id, name in bind.execute(sa.text("SELECT id, name FROM sources ORDER BY id")):
        key = _unique(_slug(name), taken)
        taken.add(key)
        bind.execute(
            sa.text("UPDATE sources SET key = :key WHERE id = :id"), {"key": key, "id": source_id}
        )
    op.create_index(op.f("ix_sources_key"), "sources", ["key"], unique=True)
    _rebuild_fingerprints(by_name, by_key)

    op.create_table(
        "finding_keys",
        sa.Column("fingerprint", sa.String(length=40), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name=op.f("pk_finding_keys")),
    )
    op.create_index(
        op.f("ix_finding_keys_finding_id"), "finding_keys", ["finding_id"], unique=False
    )
    keys = []
    for finding_id, (old, new) in _meaning_fingerprints().items():
        bind.execute(
            sa.text("UPDATE findings SET fingerprint = :new WHERE id = :id"),
            {"new": new, "id": finding_id},
        )
        bind.execute(
            sa.text(
                "UPDATE reviews SET finding_fingerprint = :new WHERE finding_fingerprint = :old"
            ),
            {"new": new, "old": old},
        )
        keys += [{"fp": fp, "id": finding_id} for fp in dict.fromkeys((old, new))]
    if keys:
        bind.execute(
            sa.text("INSERT INTO finding_keys (fingerprint, finding_id) VALUES (:fp, :id)"), keys
        )


def _old_finding_fingerprints() -> None:
    """What 0003 keyed findings on: slot, basis, both claims' fingerprints and value texts."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT f.id, f.fingerprint, f.slot, f.basis, ca.fingerprint, cb.fingerprint, "
            "va.text, vb.text FROM findings f "
            "JOIN claims ca ON ca.id = f.claim_a_id JOIN claims cb ON cb.id = f.claim_b_id "
            "LEFT JOIN claim_values va ON va.id = f.value_a_id "
            "LEFT JOIN claim_values vb ON vb.id = f.value_b_id"
        )
    ).all()
    for finding_id, new, slot, basis, fp_a, fp_b, text_a, text_b in rows:
        sides = sorted(((fp_a, text_a or ""), (fp_b, text_b or "")))
        raw = "\x1f".join((slot, basis, *(part for side in sides for part in side)))
        old = hashlib.sha1(raw.encode()).hexdigest()
        bind.execute(
            sa.text("UPDATE findings SET fingerprint = :old WHERE id = :id"),
            {"old": old, "id": finding_id},
        )
        bind.execute(
            sa.text(
                "UPDATE reviews SET finding_fingerprint = :old WHERE finding_fingerprint = :new"
            ),
            {"old": old, "new": new},
        )


def downgrade() -> None:
    op.drop_index(op.f("ix_finding_keys_finding_id"), table_name="finding_keys")
    op.drop_table("finding_keys")
    _rebuild_fingerprints(by_key, by_name)
    _old_finding_fingerprints()
    op.drop_index(op.f("ix_sources_key"), table_name="sources")
    # SQLite 3.35+ drops a column in place (no table copy, so no cascade into articles).
    op.drop_column("sources", "key")
