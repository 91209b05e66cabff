"""A ``topics.toml`` draft from the topics the engine discovered in a database.

Discovered topics work without any file; the draft is for a reader who wants to name
them, merge two, or drop one: ``cotejo topics suggest > topics.toml``, edit, re-ingest.
Each discovered topic becomes one entry whose cues are the words of what it measures
(every word of its concept, so "muertos" brings "fallecido" and "víctima") and whose
value kinds are those it compares.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Finding, Topic
from app.ingest.manifest import VALUE_KINDS
from app.nlp.data import load_language_data

# Slot families that stand for several value kinds ("when": any way of giving a date).
FAMILY_KINDS = {"when": ("date", "day", "weekday", "month", "year")}
_HASH_SUFFIX = re.compile(r"-[0-9a-f]{6}$")
HEADER = """\
# Topics Cotejo discovered in this corpus, as a draft to edit (see the README, "Topics").
# Rename labels, drop entries, join two by merging their cues; then ingest again with this
# file next to the articles. Without a topics file the same topics are found anyway.
"""


def concept_words(lang: str = "es") -> dict[str, list[str]]:
    data = load_language_data(lang, "concepts")
    return {row["id"]: list(row["words"]) for row in data["concept"]}


def suggest_topics(session: Session, lang: str = "es") -> str:
    """TOML text for the discovered topics, the ones with most findings first."""
    findings = (
        select(Finding.topic_id, func.count(Finding.id).label("n"))
        .group_by(Finding.topic_id)
        .subquery()
    )
    rows = session.execute(
        select(Topic.slug, Topic.label, Topic.definition, func.coalesce(findings.c.n, 0))
        .outerjoin(findings, findings.c.topic_id == Topic.id)
        .where(Topic.origin == "discovered")
        .order_by(func.coalesce(findings.c.n, 0).desc(), Topic.slug)
    ).all()
    words = concept_words(lang)
    taken: set[str] = set()
    entries = []
    for slug, label, definition, _ in rows:
        short = _HASH_SUFFIX.sub("", slug)
        # Two topics may share a label ("Heridos: count" in two places): keep slugs unique.
        unique, n = short, 2
        while unique in taken:
            unique, n = f"{short}-{n}", n + 1
        entry = _entry(unique, label, definition or {}, words)
        if entry:
            taken.add(unique)
            entries.append(entry)
    return HEADER + "".join(entries)


def _entry(slug: str, label: str, definition: dict, words: dict[str, list[str]]) -> str:
    slots = [str(s) for s in definition.get("slots", [])]
    statements = [str(s) for s in definition.get("statements", [])]
    cues: list[str] = []
    kinds: list[str] = []
    for slot in slots:
        family, measured = [*slot.split("|"), "", ""][:2]
        cues.extend(words.get(measured, [measured] if measured else []))
        kinds.extend(k for k in FAMILY_KINDS.get(family, (family,)) if k in VALUE_KINDS)
    for key in statements:
        for part in key.split(">"):
            cues.extend(words.get(part, [part] if part else []))
    cues = _unique(c for c in cues if c)
    if not cues:
        return ""
    lines = [
        "",
        "[[topic]]",
        f"slug = {_text(slug)}",
        f"label = {_text(label)}",
        f"cues = {_list(cues)}",
    ]
    if kinds:
        lines += [f"value_kinds = {_list(_unique(kinds))}", "requires_value = true"]
    return "\n".join(lines) + "\n"


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _text(value: str) -> str:
    # A JSON string is a valid TOML basic string.
    return json.dumps(value, ensure_ascii=False)


def _list(values: list[str]) -> str:
    return "[" + ", ".join(_text(v) for v in values) + "]"
