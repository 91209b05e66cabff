"""Per-folder manifests: ``sources.toml`` (who published each file) and ``topics.toml``.

Both are written by hand, so validation is strict and every error names the file, the entry and
the field: a typo must fail loudly rather than silently drop a label or a topic.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from app.ingest.names import printable
from app.nlp.kinds import VALUE_KINDS

DEFAULT_LANGUAGE = "es"

_SLUG = re.compile(r"[a-z0-9-]+")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_SPACES = re.compile(r"\s+")

_SOURCES_KEYS = frozenset({"defaults", "source"})
_DEFAULTS_KEYS = frozenset({"language"})
_SOURCE_KEYS = frozenset({"file", "key", "name", "language", "published", "title", "url"})
MAX_OUTLET_KEY_CHARS = 100
MAX_URL_CHARS = 2048  # the articles.url column
MIN_YEAR, MAX_YEAR = 1, 9999  # what a date can hold, in the outlet's zone and in UTC
_TOPICS_KEYS = frozenset({"topic"})
_TOPIC_KEYS = frozenset(
    {"slug", "label", "description", "cues", "value_kinds", "requires_value", "min_cues"}
)


class ManifestError(Exception):
    """An invalid manifest; the message reads "file: entry: field 'x': reason"."""

    def __init__(
        self, file: str, reason: str, entry: str | None = None, field: str | None = None
    ) -> None:
        parts = [file]
        if entry is not None:
            parts.append(entry)
        if field is not None:
            parts.append(f"field '{field}'")
        parts.append(reason)
        super().__init__(": ".join(parts))
        self.file = file
        self.entry = entry
        self.field = field
        self.reason = reason


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """What the manifest says about one article file."""

    file: str
    name: str  # outlet label shown to the user
    language: str
    published: date | datetime | None  # a TOML date, or a datetime when the time is known
    title: str | None
    # The outlet's identity, when the manifest gives one; else it is derived at ingest
    # (app/services/outlets.py). Renaming an outlet with a key keeps everything attached.
    key: str | None = None
    url: str | None = None  # where the article was published (http or https)


@dataclass(frozen=True, slots=True)
class TopicSpec:
    """A user-defined topic that claims are grouped under."""

    slug: str
    label: str
    description: str
    cues: tuple[str, ...]  # lower-cased lemmas or lemma phrases
    value_kinds: tuple[str, ...]
    requires_value: bool
    min_cues: int


def load_sources(path: Path) -> dict[str, SourceEntry]:
    """Read a ``sources.toml``, keyed by file name; a missing manifest means no entries."""
    if not _exists(path):
        return {}
    return parse_sources(_read_text(path), str(path))


def load_topics(path: Path) -> list[TopicSpec]:
    """Read a ``topics.toml``; a missing manifest means no topics."""
    if not _exists(path):
        return []
    return parse_topics(_read_text(path), str(path))


def parse_topics(data: str, name: str) -> list[TopicSpec]:
    """Validate topics given as TOML text (e.g. uploaded); ``name`` is used in errors."""
    doc = _parse_toml(data, name)
    _reject_unknown_keys(doc, _TOPICS_KEYS, name, None)
    topics: list[TopicSpec] = []
    first_entry: dict[str, str] = {}
    for entry, table in _entries(doc, "topic", name):
        topic = _parse_topic(table, name, entry)
        if topic.slug in first_entry:
            raise ManifestError(
                name,
                f"duplicate slug '{topic.slug}' (already used by {first_entry[topic.slug]})",
                entry,
                "slug",
            )
        first_entry[topic.slug] = entry
        topics.append(topic)
    return topics


def source_for(
    path: Path, entries: dict[str, SourceEntry], default_language: str = DEFAULT_LANGUAGE
) -> SourceEntry:
    """The manifest entry for an article file, or a neutral placeholder.

    The placeholder only restates the file name: the outlet of an unlisted file is unknown and
    must not be guessed.
    """
    found = entries.get(path.name)
    if found is not None:
        return found
    return SourceEntry(
        file=path.name,
        name=f"Unlabelled ({printable(path.stem)})",
        language=default_language,
        published=None,
        title=None,
    )


def parse_source(table: dict[str, Any], name: str, entry: str) -> SourceEntry:
    """Validate one entry given outside a manifest (the upload form's fields for a file)
    exactly as a ``[[source]]`` table; errors name ``name``, ``entry`` and the field."""
    return _parse_source(table, name, entry, DEFAULT_LANGUAGE)


def parse_sources(data: str, name: str) -> dict[str, SourceEntry]:
    """Validate a ``sources.toml`` given as text (e.g. inside an uploaded zip)."""
    doc = _parse_toml(data, name)
    _reject_unknown_keys(doc, _SOURCES_KEYS, name, None)
    default_language = DEFAULT_LANGUAGE
    if "defaults" in doc:
        defaults = doc["defaults"]
        if not isinstance(defaults, dict):
            raise ManifestError(name, "must be a table ([defaults])", None, "defaults")
        _reject_unknown_keys(defaults, _DEFAULTS_KEYS, name, "[defaults]")
        if "language" in defaults:
            default_language = _language(defaults["language"], name, "[defaults]")
    sources: dict[str, SourceEntry] = {}
    first_entry: dict[str, str] = {}
    for entry, table in _entries(doc, "source", name):
        source = _parse_source(table, name, entry, default_language)
        if source.file in first_entry:
            raise ManifestError(
                name,
                f"duplicate file '{source.file}' (already listed in {first_entry[source.file]})",
                entry,
                "file",
            )
        first_entry[source.file] = entry
        sources[source.file] = source
    _check_outlets(list(sources.values()), first_entry, name)
    return sources


def _check_outlets(sources: list[SourceEntry], entries: dict[str, str], name: str) -> None:
    """One key, one name: a key spelt with two names (or a name with two keys) is a typo
    that would otherwise relabel or split an outlet."""
    name_of: dict[str, SourceEntry] = {}
    key_of: dict[str, SourceEntry] = {}
    for source in sources:
        if source.key is None:
            continue
        first = name_of.setdefault(source.key, source)
        if first.name != source.name:
            raise ManifestError(
                name,
                f"key '{source.key}' is named '{first.name}' in {entries[first.file]}; "
                "an outlet has one name",
                entries[source.file],
                "name",
            )
        other = key_of.setdefault(source.name, source)
        if other.key != source.key:
            raise ManifestError(
                name,
                f"'{source.name}' has key '{other.key}' in {entries[other.file]}; "
                "an outlet has one key",
                entries[source.file],
                "key",
            )


def _parse_source(
    table: dict[str, Any], name: str, entry: str, default_language: str
) -> SourceEntry:
    _reject_unknown_keys(table, _SOURCE_KEYS, name, entry)
    file = _required_text(table, "file", name, entry)
    # Entries describe files in the manifest's own folder and are matched by bare file name.
    if "/" in file or "\\" in file:
        raise ManifestError(name, f"'{file}' must be a file name, not a path", entry, "file")
    language = (
        _language(table["language"], name, entry) if "language" in table else default_language
    )
    return SourceEntry(
        file=file,
        name=_required_text(table, "name", name, entry),
        language=language,
        published=_published(table.get("published"), name, entry),
        title=_optional_text(table, "title", name, entry),
        key=_outlet_key(table, name, entry),
        url=_url(table, name, entry),
    )


def _url(table: dict[str, Any], name: str, entry: str) -> str | None:
    url = _optional_text(table, "url", name, entry)
    if not url:
        return None
    # Shown as a link: only web addresses, never javascript: or a local file.
    try:
        parts = urllib.parse.urlsplit(url)
        web = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # "http://[::1" and the like
        web = False
    if not web or not url.isprintable() or " " in url:
        raise ManifestError(
            name, f"'{url}' is not a web address such as https://example.com/a", entry, "url"
        )
    if len(url) > MAX_URL_CHARS:
        raise ManifestError(name, f"longer than {MAX_URL_CHARS} characters", entry, "url")
    return url


def _outlet_key(table: dict[str, Any], name: str, entry: str) -> str | None:
    key = _optional_text(table, "key", name, entry)
    if key is None:
        return None
    if not _SLUG.fullmatch(key) or len(key) > MAX_OUTLET_KEY_CHARS:
        raise ManifestError(
            name,
            f"invalid key '{key}' (use lower-case letters, digits and '-', at most "
            f"{MAX_OUTLET_KEY_CHARS} characters)",
            entry,
            "key",
        )
    return key


def _parse_topic(table: dict[str, Any], name: str, entry: str) -> TopicSpec:
    _reject_unknown_keys(table, _TOPIC_KEYS, name, entry)
    slug = _required_text(table, "slug", name, entry)
    if not _SLUG.fullmatch(slug):
        raise ManifestError(
            name, f"invalid slug '{slug}' (use lower-case letters, digits and '-')", entry, "slug"
        )
    cues = _string_list(table, "cues", name, entry, normalise=_normalise_cue)
    if not cues:
        raise ManifestError(name, "needs at least one cue", entry, "cues")
    value_kinds = _string_list(table, "value_kinds", name, entry, normalise=str.strip)
    for kind in value_kinds:
        if kind not in VALUE_KINDS:
            raise ManifestError(
                name,
                f"unknown kind '{kind}' (expected one of {', '.join(VALUE_KINDS)})",
                entry,
                "value_kinds",
            )
    requires_value = table.get("requires_value", False)
    if not isinstance(requires_value, bool):
        raise ManifestError(
            name, _wrong_type("true or false", requires_value), entry, "requires_value"
        )
    # Requiring a value of no kind at all would make the topic impossible to join.
    if requires_value and not value_kinds:
        raise ManifestError(
            name, "requires_value = true needs at least one value kind", entry, "value_kinds"
        )
    min_cues = table.get("min_cues", 1)
    # bool is an int subclass in Python, but `min_cues = true` is a mistake, not a count.
    if not isinstance(min_cues, int) or isinstance(min_cues, bool):
        raise ManifestError(name, _wrong_type("an integer", min_cues), entry, "min_cues")
    if min_cues < 1:
        raise ManifestError(name, f"must be at least 1, got {min_cues}", entry, "min_cues")
    if min_cues > len(cues):
        raise ManifestError(
            name,
            f"is {min_cues} but the topic has only {len(cues)} distinct cue(s)",
            entry,
            "min_cues",
        )
    return TopicSpec(
        slug=slug,
        label=_required_text(table, "label", name, entry),
        description=_optional_text(table, "description", name, entry) or "",
        cues=cues,
        value_kinds=value_kinds,
        requires_value=requires_value,
        min_cues=min_cues,
    )


def _exists(path: Path) -> bool:
    """Whether there is a manifest to read. A link to nowhere is not "no manifest": read
    silently as none, it would relabel every article of the folder."""
    if path.is_symlink() and not path.exists():
        raise ManifestError(str(path), "cannot be read (a broken symbolic link or a link loop)")
    return path.is_file()


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ManifestError(str(path), "not UTF-8 text") from None
    except OSError as exc:
        raise ManifestError(str(path), f"cannot be read ({exc.strerror or exc})") from None


def _parse_toml(data: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(data.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message already carries "(at line N, column M)".
        raise ManifestError(name, f"invalid TOML: {exc}") from None


def _entries(doc: dict[str, Any], key: str, name: str) -> list[tuple[str, dict[str, Any]]]:
    """The ``[[key]]`` tables, each with a label such as "[[topic]] #2 'satellites'"."""
    tables = doc.get(key, [])
    if not isinstance(tables, list):
        raise ManifestError(name, f"must be an array of tables, written [[{key}]]", None, key)
    labelled: list[tuple[str, dict[str, Any]]] = []
    identity = "slug" if key == "topic" else "file"
    for number, table in enumerate(tables, start=1):
        entry = f"[[{key}]] #{number}"
        if not isinstance(table, dict):
            raise ManifestError(name, f"must be a table, written [[{key}]]", entry)
        if isinstance(table.get(identity), str):
            entry += f" '{table[identity]}'"
        labelled.append((entry, table))
    return labelled


def _reject_unknown_keys(
    table: dict[str, Any], allowed: frozenset[str], name: str, entry: str | None
) -> None:
    for key in table:
        if key not in allowed:
            raise ManifestError(
                name, f"unknown key (expected one of {', '.join(sorted(allowed))})", entry, key
            )


def _required_text(table: dict[str, Any], field: str, name: str, entry: str) -> str:
    if field not in table:
        raise ManifestError(name, "is required", entry, field)
    text = _optional_text(table, field, name, entry)
    if not text:
        raise ManifestError(name, "must not be empty", entry, field)
    return text


def _optional_text(table: dict[str, Any], field: str, name: str, entry: str) -> str | None:
    value = table.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ManifestError(name, _wrong_type("a string", value), entry, field)
    return unicodedata.normalize("NFC", value).strip()


def _string_list(
    table: dict[str, Any], field: str, name: str, entry: str, *, normalise: Callable[[str], str]
) -> tuple[str, ...]:
    """A list of non-empty strings, normalised, duplicates dropped, order kept."""
    values = table.get(field, [])
    if not isinstance(values, list):
        raise ManifestError(name, _wrong_type("a list of strings", values), entry, field)
    cleaned: dict[str, None] = {}
    for position, value in enumerate(values, start=1):
        if not isinstance(value, str):
            raise ManifestError(
                name,
                f"item {position} is not a string: {_wrong_type('a string', value)}",
                entry,
                field,
            )
        item = normalise(value)
        if not item:
            raise ManifestError(name, f"item {position} is empty", entry, field)
        cleaned[item] = None
    return tuple(cleaned)


def _normalise_cue(cue: str) -> str:
    # Texts are NFC (see readers.normalise_text); cues must match them character for character.
    return _SPACES.sub(" ", unicodedata.normalize("NFC", cue).lower()).strip()


def _language(value: Any, name: str, entry: str) -> str:
    if not isinstance(value, str):
        raise ManifestError(name, _wrong_type("a string", value), entry, "language")
    if not _LANGUAGE.fullmatch(value):
        raise ManifestError(
            name, f"'{value}' is not a language code like 'es' or 'pt-BR'", entry, "language"
        )
    return value


def _published(value: Any, name: str, entry: str) -> date | datetime | None:
    if value is None:
        return None
    # A TOML datetime keeps its time (and offset): reports hours apart are updates.
    if isinstance(value, date):  # datetime is a date too
        if not _storable(value):
            raise ManifestError(
                name,
                f"{value.isoformat()} is out of range once read in UTC",
                entry,
                "published",
            )
        return value
    raise ManifestError(
        name,
        _wrong_type(
            "a TOML date or datetime such as 2023-09-13 or 2023-09-13T08:30:00+02:00 (unquoted)",
            value,
        ),
        entry,
        "published",
    )


def _storable(value: date | datetime) -> bool:
    """Still a date once moved to UTC: 0001-01-01T00:00+01:00 would fall in year 0, which no
    date holds."""
    try:
        moment = (
            value.astimezone(UTC)
            if isinstance(value, datetime) and value.tzinfo is not None
            else value
        )
    except OverflowError:
        return False
    return MIN_YEAR <= moment.year <= MAX_YEAR


def _wrong_type(expected: str, value: Any) -> str:
    return f"expected {expected}, got {type(value).__name__} {value!r}"
