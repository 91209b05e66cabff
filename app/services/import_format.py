"""How a ``cotejo export`` file is read back: one line per exported key, in one place.

Each section of the export (and each list nested in its items) maps its keys to columns of
one model, with a reader that checks the JSON type and converts it. A key the export adds
is one more line here: a ``Field`` when it is stored, or a name in ``not_read`` when the
export derives it from other data (tests/services/test_import.py checks that every key of
a real export is one or the other). Readers raise ``InputError`` naming the key's path in
the file ("claims[3].values[0].low").
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from app.db.models import (
    Article,
    Base,
    Claim,
    ClaimProposition,
    ClaimTopic,
    ClaimValue,
    DerivedState,
    Entity,
    EntityMention,
    Finding,
    FindingKey,
    Flag,
    Review,
    Sentence,
    Topic,
)
from app.services.errors import MAX_ID, InputError
from app.services.review import MAX_REVIEWER_CHARS, VERDICTS

Reader = Callable[[Any, str], Any]


def _refuse(path: str, expected: str, value: Any) -> InputError:
    shown = json.dumps(value, ensure_ascii=False)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return InputError(path, f"{path}: expected {expected}, found {shown}.")


def integer(value: Any, path: str) -> int:
    # bool is an int to Python, never to the export; the range is what the database holds.
    if type(value) is not int or not -MAX_ID <= value <= MAX_ID:
        raise _refuse(path, "a whole number", value)
    return value


def row_id(value: Any, path: str) -> int:
    if type(value) is not int or not 1 <= value <= MAX_ID:
        raise _refuse(path, f"an id (a whole number from 1 to {MAX_ID})", value)
    return value


def number(value: Any, path: str) -> float:
    # json reads "Infinity" and "NaN"; no figure of an export is either.
    if type(value) not in (int, float) or not math.isfinite(value):
        raise _refuse(path, "a finite number", value)
    return float(value)


def text(value: Any, path: str) -> str:
    if not isinstance(value, str) or "\x00" in value:
        raise _refuse(path, "a string (with no NUL character)", value)
    return value


def reviewer(value: Any, path: str) -> str:
    """A reviewer's name, within the limit the dashboard sets."""
    name = text(value, path)
    if not name.strip() or len(name) > MAX_REVIEWER_CHARS:
        raise _refuse(path, f"a name of 1 to {MAX_REVIEWER_CHARS} characters", value)
    return name


def day(value: Any, path: str) -> date:
    try:
        return date.fromisoformat(text(value, path))
    except ValueError:
        raise _refuse(path, "a date (YYYY-MM-DD)", value) from None


def moment(value: Any, path: str) -> datetime:
    try:
        read = datetime.fromisoformat(text(value, path))
    except ValueError:
        raise _refuse(path, "a time in ISO 8601", value) from None
    # Times are stored in UTC; SQLite drops the offset, so an export from it has none.
    return read if read.tzinfo else read.replace(tzinfo=UTC)


def json_list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise _refuse(path, "a list", value)
    return value


def json_object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _refuse(path, "an object", value)
    return value


def optional(read: Reader) -> Reader:
    def read_or_none(value: Any, path: str) -> Any:
        return None if value is None else read(value, path)

    return read_or_none


def pair(read: Reader) -> Reader:
    """Two values of one kind, as ``[a, b]``: the two sides of a finding or flag."""

    def read_pair(value: Any, path: str) -> tuple[Any, Any]:
        if not isinstance(value, list) or len(value) != 2:
            raise _refuse(path, "a list of two", value)
        return read(value[0], f"{path}[0]"), read(value[1], f"{path}[1]")

    return read_pair


def choice(*allowed: str) -> Reader:
    def read_choice(value: Any, path: str) -> str:
        if value not in allowed:
            raise _refuse(path, " or ".join(repr(a) for a in allowed), value)
        return value

    return read_choice


@dataclass(frozen=True, slots=True)
class Field:
    """Where an exported key goes: a column (two for a pair) and how the value is read.

    ``refers`` ("claims.id", "topics.slug") names what the value must be the key of,
    elsewhere in the file; the column then gets that row's id.
    """

    column: str | tuple[str, str]
    read: Reader
    refers: str | None = None
    # A key added to the format later: a file written before it (the same version) has
    # none, and the column is left empty.
    added_later: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """A list of the export whose items become rows of ``model``.

    ``unique`` are keys that identify an item (others refer to them; two items may not
    share one); ``nested`` are lists inside each item, with the column of theirs that
    takes the item's id; ``not_read`` are keys the export derives from other data.
    """

    name: str
    model: type[Base]
    fields: dict[str, Field]
    unique: tuple[str, ...] = ("id",)
    nested: dict[str, tuple[Section, str]] = field(default_factory=dict)
    not_read: frozenset[str] = frozenset()


ID = Field("id", row_id)
INT, TEXT, MAYBE_TEXT = integer, text, optional(text)


def same(read: Reader) -> Callable[[str], Field]:
    """A key stored in the column of the same name."""
    return lambda key: Field(key, read)


def _fields(**by_key: Field | Callable[[str], Field]) -> dict[str, Field]:
    return {k: f if isinstance(f, Field) else f(k) for k, f in by_key.items()}


SENTENCES = Section(
    "sentences",
    Sentence,
    _fields(id=ID, position=same(INT), start=same(INT), end=same(INT)),
)

SOURCES = Section(
    "sources",
    Article,
    _fields(
        id=ID,
        # The outlet: its id here, its name and key (``name``, ``outlet_key``) read apart
        # (app.services.importer).
        outlet_id=Field("source_id", row_id),
        path=same(TEXT),
        title=same(MAYBE_TEXT),
        language=same(TEXT),
        published=same(optional(day)),
        published_at=same(optional(moment)),
        published_precision=same(MAYBE_TEXT),
        published_from=same(MAYBE_TEXT),
        url=Field("url", MAYBE_TEXT, added_later=True),
        status=same(TEXT),
        status_note=same(TEXT),
        text=same(TEXT),
        content_hash=same(TEXT),
        # ingested_at is not exported (the same corpus exports the same bytes): an imported
        # article was ingested into this database when it was imported.
    ),
    nested={"sentences": (SENTENCES, "article_id")},
    not_read=frozenset({"name", "outlet_key"}),
)

TOPICS = Section(
    "topics",
    Topic,
    _fields(
        id=ID,
        slug=same(TEXT),
        label=same(TEXT),
        status=same(TEXT),
        origin=same(TEXT),
        description=same(TEXT),
        definition=same(json_object),
        defined_in=same(MAYBE_TEXT),
    ),
    unique=("id", "slug"),
)

VALUES = Section(
    "values",
    ClaimValue,
    _fields(
        id=ID,
        kind=same(TEXT),
        low=same(optional(number)),
        high=same(optional(number)),
        unit=same(TEXT),
        text=same(TEXT),
        measured=same(TEXT),
        scope=same(json_list),
        modality=same(TEXT),
        bound=same(MAYBE_TEXT),
        start=same(INT),
        end=same(INT),
        anchor=same(TEXT),
        nominal=same(optional(number)),
        step=same(optional(number)),
        measured_word=same(TEXT),
        aspect=same(TEXT),
        restriction=same(TEXT),
        certainty=same(TEXT),
        party=same(MAYBE_TEXT),
    ),
)

PROPOSITIONS = Section(
    "propositions",
    ClaimProposition,
    _fields(
        key=same(TEXT),
        head_word=same(TEXT),
        arg_word=same(TEXT),
        agent=same(TEXT),
        certainty=same(TEXT),
        party=same(MAYBE_TEXT),
        start=same(INT),
        end=same(INT),
    ),
    unique=(),
)

TOPIC_LINKS = Section(
    "topic_links",
    ClaimTopic,
    _fields(
        slug=Field("topic_id", text, refers="topics.slug"),
        certainty=same(TEXT),
        score=same(INT),
        cues=same(TEXT),
    ),
    unique=(),
)

CLAIMS = Section(
    "claims",
    Claim,
    _fields(
        id=ID,
        source_id=Field("article_id", row_id, refers="sources.id"),
        sentence_id=Field("sentence_id", optional(row_id), refers="sentences.id"),
        text=same(TEXT),
        start=same(INT),
        end=same(INT),
        certainty=same(TEXT),
        certainty_cue=same(MAYBE_TEXT),
        attributed_to=same(MAYBE_TEXT),
        lemmas=same(TEXT),
        fingerprint=same(TEXT),
    ),
    nested={
        "values": (VALUES, "claim_id"),
        "propositions": (PROPOSITIONS, "claim_id"),
        "topic_links": (TOPIC_LINKS, "claim_id"),
    },
    not_read=frozenset({"source", "topics", "topic_certainties", "entities"}),
)

MENTIONS = Section(
    "mentions",
    EntityMention,
    _fields(
        id=ID,
        article_id=Field("article_id", row_id, refers="sources.id"),
        claim_id=Field("claim_id", optional(row_id), refers="claims.id"),
        start=same(INT),
        end=same(INT),
        text=same(TEXT),
    ),
)

ENTITIES = Section(
    "entities",
    Entity,
    _fields(id=ID, name=same(TEXT), label=same(TEXT), key=same(TEXT)),
    nested={"mentions": (MENTIONS, "entity_id")},
)

FINDINGS = Section(
    "findings",
    Finding,
    _fields(
        id=ID,
        topic=Field("topic_id", text, refers="topics.slug"),
        kind=same(TEXT),
        severity=same(MAYBE_TEXT),
        basis=same(TEXT),
        claim_ids=Field(("claim_a_id", "claim_b_id"), pair(row_id), refers="claims.id"),
        value_ids=Field(("value_a_id", "value_b_id"), pair(optional(row_id)), refers="values.id"),
        explanation=same(TEXT),
        slot=same(TEXT),
        note=same(TEXT),
        certainties=Field(("certainty_a", "certainty_b"), pair(MAYBE_TEXT)),
        parties=Field(("party_a", "party_b"), pair(MAYBE_TEXT)),
        fingerprint=same(TEXT),
    ),
    unique=("id", "fingerprint"),
)

# Every fingerprint a finding has had and the id it was given: a finding found again after
# the restore keeps its id, and only one never seen is new.
FINDING_KEYS = Section(
    "finding_keys",
    FindingKey,
    _fields(fingerprint=same(TEXT), finding_id=same(row_id)),
    unique=("fingerprint",),
)

DERIVED_STATE = Section(
    "derived_state",
    DerivedState,
    _fields(
        step=same(TEXT),
        computed_with=same(TEXT),
        pending_since=same(optional(moment)),
        reason=same(TEXT),
    ),
    unique=("step",),
)

# Reviews and flags name findings and claims by fingerprint; the ids next to them are
# derived (app.services.importer checks that they agree with the fingerprints).
REVIEWS = Section(
    "reviews",
    Review,
    _fields(
        finding_fingerprint=same(TEXT),
        topic=Field("topic_slug", text),
        verdict=same(choice(*VERDICTS)),
        reviewer=same(reviewer),
        note=same(TEXT),
        explanation=same(TEXT),
        created_at=same(moment),
    ),
    unique=(),
    not_read=frozenset({"finding_id"}),
)

FLAGS = Section(
    "flags",
    Flag,
    _fields(
        topic=Field("topic_slug", text),
        claim_fingerprints=Field(("claim_a_fingerprint", "claim_b_fingerprint"), pair(text)),
        claim_texts=Field(("claim_a_text", "claim_b_text"), pair(text)),
        reviewer=same(reviewer),
        note=same(TEXT),
        created_at=same(moment),
    ),
    unique=(),
    not_read=frozenset({"claim_ids"}),
)

# In the order they are read: a section refers only to those before it.
SECTIONS = (
    SOURCES,
    TOPICS,
    CLAIMS,
    ENTITIES,
    FINDINGS,
    FINDING_KEYS,
    DERIVED_STATE,
    REVIEWS,
    FLAGS,
)
