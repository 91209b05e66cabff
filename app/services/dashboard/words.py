"""The engine's keys in words, for the dashboard: a value's scope and modality, what a slot
compares, who disputes a figure, when an article was published.

Scope terms come from app/nlp/scope.py ("at:al-haouz", "of:union-valderana", "part",
"event:aftershock", "year:2019", "zone:utc"...); a term this module does not know is shown
as it is, never dropped.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from app.compare.discover import KIND_LABELS

# Words kept lower-case inside a name ("Santa Rosa de Ocra").
NAME_LINKS = frozenset({"de", "del", "la", "el", "los", "las", "y", "e", "en", "a", "al"})
# A one-word name this short is an acronym ("of:uv": UV).
ACRONYM_CHARS = 3
FLAG_TERMS = {
    "part": "part of a total",
    "whole": "the whole (a total)",
    "secondary": "aftershock / another event",
    "earlier": "an earlier event",
    "provisional": "provisional figure",
}
PREFIX_TERMS = {
    "at": "in {}",
    "from": "from {}",
    "of": "of {}",
    "year": "in {}",
    "state": "state: {}",
    "event": "event: {}",
    "zone": "time zone {}",
    "per": "per {}",
    "vs": "against {}",
}
# Prefixes whose value is a name (capitalised) rather than a word.
NAMED = frozenset({"at", "from", "of"})
MODALITY_WORDS = {
    "expected": "planned/expected",
    "limit": "limit",
    "requested": "requested",
}
ASPECT_WORDS = {"change": "a change, not a level"}
# A value slot's key: family|measured|restriction|aspect|scope|modality|unit.
VALUE_SLOT_FIELDS = 7
OWN_VOICE = "the outlet itself"


def name_words(slug: str) -> str:
    """ "santa-rosa-de-ocra" -> "Santa Rosa de Ocra"; "uv" -> "UV"."""
    words = [w for w in slug.replace("_", "-").split("-") if w]
    if len(words) == 1 and len(words[0]) <= ACRONYM_CHARS:
        return words[0].upper()
    return " ".join(
        w if i and w in NAME_LINKS else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


def scope_term(term: str) -> str:
    """One scope term in words: "at:al-haouz" -> "in Al Haouz", "part" -> "part of a total"."""
    if term in FLAG_TERMS:
        return FLAG_TERMS[term]
    prefix, _, rest = term.partition(":")
    if not rest or prefix not in PREFIX_TERMS:
        return term.replace("-", " ")
    if prefix in NAMED:
        shown = name_words(rest)
    elif prefix == "zone":
        shown = rest.upper()
    else:
        shown = rest.replace("-", " ").replace("_", " ")
    return PREFIX_TERMS[prefix].format(shown)


def value_context(
    scope: Iterable[str], modality: str = "actual", aspect: str = "level", restriction: str = ""
) -> tuple[str, ...]:
    """What narrows a figure, in words: its scope, what is only planned or a limit, a
    change rather than a level, and what it counts only part of."""
    words = [scope_term(t) for t in scope]
    if restriction:
        words.append(f"only “{restriction}…”")
    if aspect in ASPECT_WORDS:
        words.append(ASPECT_WORDS[aspect])
    if modality in MODALITY_WORDS:
        words.append(MODALITY_WORDS[modality])
    return tuple(dict.fromkeys(words))


@dataclass(frozen=True, slots=True)
class SlotView:
    """What a group of findings compares: one value slot, or one proposition."""

    key: str
    kind: str  # value | statement
    title: str  # "Muertos: count"
    details: tuple[str, ...]  # ("in Al Haouz", "planned/expected")

    @property
    def heading(self) -> str:
        return f"{self.title} — {', '.join(self.details)}" if self.details else self.title

    @property
    def anchor(self) -> str:
        """A stable element id: from the slot's key, so links survive re-ingest."""
        return "slot-" + hashlib.sha1(f"{self.kind}\x1f{self.key}".encode()).hexdigest()[:10]


def describe_slot(slot: str, basis: str, measured_words: Sequence[str] = ()) -> SlotView:
    """A slot's heading. ``measured_words`` are the words its values measure ("muertos"),
    the most frequent of which names it."""
    fields = slot.split("|")
    if basis != "certainty" and len(fields) == VALUE_SLOT_FIELDS:
        family, measured, restriction, aspect, scope, modality, unit = fields
        counted = Counter(w.lower() for w in measured_words if w)
        word = counted.most_common(1)[0][0] if counted else measured.replace("_", " ")
        details = value_context([t for t in scope.split(",") if t], modality, aspect, restriction)
        if unit:
            details = (*details, f"in {unit}")
        title = f"{(word or family).capitalize()}: {KIND_LABELS.get(family, family)}"
        return SlotView(slot, "value", title, details)
    if basis == "certainty":
        shown = slot.replace(">", " › ").replace("_", " ")
        title = f"How sure each outlet is: {shown}" if shown else "How sure each outlet is"
        return SlotView(slot, "statement", title, ())
    # Findings stored without a slot: grouped by the kind of value compared.
    return SlotView(slot, "value", KIND_LABELS.get(basis, basis).capitalize(), ())


def parties_label(party_a: str | None, party_b: str | None) -> str | None:
    """ "la policía vs los organizadores": who gives each side, when either is attributed."""
    if not party_a and not party_b:
        return None
    return f"{party_a or OWN_VOICE} vs {party_b or OWN_VOICE}"


def published_label(at: datetime | None, precision: str | None) -> str | None:
    """When an article was published, as precisely as known."""
    if at is None:
        return None
    if precision == "day":
        return at.strftime("%Y-%m-%d")
    utc = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC)
    return utc.strftime("%Y-%m-%d %H:%M UTC")  # stored in UTC
