"""Loading and validating sources.toml and topics.toml."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.ingest.discovery import discover_files
from app.ingest.manifest import (
    VALUE_KINDS,
    ManifestError,
    SourceEntry,
    TopicSpec,
    load_sources,
    load_topics,
    parse_topics,
    source_for,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def sources_error(tmp_path: Path, content: str) -> ManifestError:
    path = write(tmp_path, "sources.toml", content)
    with pytest.raises(ManifestError) as caught:
        load_sources(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert caught.value.file == str(path)
    return caught.value


def topics_error(content: str) -> ManifestError:
    with pytest.raises(ManifestError) as caught:
        parse_topics(content, "up/topics.toml")
    assert str(caught.value).startswith("up/topics.toml: ")
    return caught.value


# --- sources.toml ----------------------------------------------------------------------------


def test_load_sources_valid(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "sources.toml",
        """
[defaults]
language = "pt"

[[source]]
file = "000_a.txt"
name = "  Diario Uno "
published = 2023-09-13
title = "Cumbre en Rusia"

[[source]]
file = "001_b.html"
name = "Diario Dos"
language = "es"
published = 2023-09-14T08:30:00+02:00
""",
    )
    assert load_sources(path) == {
        "000_a.txt": SourceEntry(
            file="000_a.txt",
            name="Diario Uno",
            language="pt",
            published=date(2023, 9, 13),
            title="Cumbre en Rusia",
        ),
        "001_b.html": SourceEntry(
            file="001_b.html",
            name="Diario Dos",
            language="es",
            published=datetime(2023, 9, 14, 8, 30, tzinfo=timezone(timedelta(hours=2))),
            title=None,
        ),
    }


def test_load_sources_defaults_to_spanish(tmp_path: Path) -> None:
    path = write(tmp_path, "sources.toml", '[[source]]\nfile = "a.txt"\nname = "A"\n')
    assert load_sources(path)["a.txt"].language == "es"


def test_missing_manifests_are_empty(tmp_path: Path) -> None:
    assert load_sources(tmp_path / "sources.toml") == {}
    assert load_topics(tmp_path / "topics.toml") == []


def test_sources_invalid_toml_reports_the_line(tmp_path: Path) -> None:
    error = sources_error(tmp_path, '[[source]]\nfile = "a.txt"\nname = Diario\n')
    assert "invalid TOML" in str(error)
    assert "line 3" in str(error)


@pytest.mark.parametrize(
    ("content", "entry", "field", "reason"),
    [
        ('[[source]]\nname = "A"\n', "[[source]] #1", "file", "is required"),
        ('[[source]]\nfile = "a.txt"\n', "[[source]] #1 'a.txt'", "name", "is required"),
        ('[[source]]\nfile = "a.txt"\nname = "  "\n', "[[source]] #1 'a.txt'", "name", "empty"),
        ('[[source]]\nfile = 3\nname = "A"\n', "[[source]] #1", "file", "expected a string"),
        (
            '[[source]]\nfile = "a.txt"\nname = "A"\nnmae = "B"\n',
            "[[source]] #1 'a.txt'",
            "nmae",
            "unknown key",
        ),
        (
            '[[source]]\nfile = "a.txt"\nname = "A"\npublished = "2023-09-13"\n',
            "[[source]] #1 'a.txt'",
            "published",
            "expected a TOML date",
        ),
        (
            '[[source]]\nfile = "a.txt"\nname = "A"\npublished = 2023\n',
            "[[source]] #1 'a.txt'",
            "published",
            "expected a TOML date",
        ),
        (
            '[[source]]\nfile = "a.txt"\nname = "A"\nlanguage = "Spanish"\n',
            "[[source]] #1 'a.txt'",
            "language",
            "not a language code",
        ),
        (
            '[[source]]\nfile = "sub/a.txt"\nname = "A"\n',
            "[[source]] #1 'sub/a.txt'",
            "file",
            "must be a file name",
        ),
        (
            '[[source]]\nfile = "a.txt"\nname = "A"\n[[source]]\nfile = "a.txt"\nname = "B"\n',
            "[[source]] #2 'a.txt'",
            "file",
            "duplicate file 'a.txt' (already listed in [[source]] #1 'a.txt')",
        ),
        ('[defaults]\nlang = "es"\n', "[defaults]", "lang", "unknown key"),
        ("[defaults]\nlanguage = 1\n", "[defaults]", "language", "expected a string"),
        ('[source]\nfile = "a.txt"\n', None, "source", "array of tables"),
        ('[[sources]]\nfile = "a.txt"\n', None, "sources", "unknown key"),
        ("source = [1]\n", "[[source]] #1", None, "must be a table"),
    ],
)
def test_sources_validation_errors(
    tmp_path: Path, content: str, entry: str | None, field: str | None, reason: str
) -> None:
    error = sources_error(tmp_path, content)
    assert error.entry == entry
    assert error.field == field
    assert reason in error.reason
    if entry is not None:
        assert entry in str(error)
    if field is not None:
        assert f"field '{field}'" in str(error)


def test_sources_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_bytes('[[source]]\nfile = "a.txt"\nname = "Año"\n'.encode("latin-1"))
    with pytest.raises(ManifestError, match="not UTF-8") as caught:
        load_sources(path)
    assert str(path) in str(caught.value)


def test_source_for_listed_and_unlisted_files(tmp_path: Path) -> None:
    listed = SourceEntry(file="a.txt", name="A", language="es", published=None, title=None)
    entries = {"a.txt": listed}
    assert source_for(tmp_path / "a.txt", entries) is listed
    assert source_for(tmp_path / "000_xxx.txt", entries, "en") == SourceEntry(
        file="000_xxx.txt",
        name="Unlabelled (000_xxx)",
        language="en",
        published=None,
        title=None,
    )


# --- topics.toml -----------------------------------------------------------------------------

VALID_TOPICS = """
[[topic]]
slug = "meeting-duration"
label = "How long the meeting lasted"
description = "Hours the leaders spent talking."
cues = ["  Reunión ", "conversación", "durar", "reunión", "cumbre   bilateral"]
value_kinds = ["duration"]
requires_value = true
min_cues = 2

[[topic]]
slug = "satellites"
label = "Satellite cooperation"
cues = ["satélite"]
"""


def test_parse_topics_valid() -> None:
    assert parse_topics(VALID_TOPICS, "topics.toml") == [
        TopicSpec(
            slug="meeting-duration",
            label="How long the meeting lasted",
            description="Hours the leaders spent talking.",
            cues=("reunión", "conversación", "durar", "cumbre bilateral"),
            value_kinds=("duration",),
            requires_value=True,
            min_cues=2,
        ),
        TopicSpec(
            slug="satellites",
            label="Satellite cooperation",
            description="",
            cues=("satélite",),
            value_kinds=(),
            requires_value=False,
            min_cues=1,
        ),
    ]


def test_load_topics_from_file(tmp_path: Path) -> None:
    path = write(tmp_path, "topics.toml", VALID_TOPICS)
    assert [t.slug for t in load_topics(path)] == ["meeting-duration", "satellites"]


def test_topics_all_value_kinds_accepted() -> None:
    kinds = ", ".join(f'"{k}"' for k in VALUE_KINDS)
    data = f'[[topic]]\nslug = "t"\nlabel = "T"\ncues = ["x"]\nvalue_kinds = [{kinds}]\n'
    assert parse_topics(data, "t.toml")[0].value_kinds == VALUE_KINDS


def test_topics_invalid_toml_reports_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "topics.toml", '[[topic]]\nslug = "a"\ncues = ["x" "y"]\n')
    with pytest.raises(ManifestError, match=r"invalid TOML.*line 3") as caught:
        load_topics(path)
    assert str(caught.value).startswith(f"{path}: ")


def topic(extra: str, slug: str = "satellites") -> str:
    return f'[[topic]]\nslug = "{slug}"\nlabel = "Satélites"\ncues = ["satélite"]\n{extra}\n'


@pytest.mark.parametrize(
    ("content", "entry", "field", "reason"),
    [
        (
            topic("") + topic('value_kinds = ["lenght"]', "satellites-2"),
            "[[topic]] #2 'satellites-2'",
            "value_kinds",
            "unknown kind 'lenght' (expected one of duration, count, date,",
        ),
        (topic("") + topic(""), "[[topic]] #2 'satellites'", "slug", "duplicate slug"),
        (topic("", slug="Satélites"), "[[topic]] #1 'Satélites'", "slug", "invalid slug"),
        (topic("", slug="with space"), "[[topic]] #1 'with space'", "slug", "invalid slug"),
        ('[[topic]]\nlabel = "L"\ncues = ["x"]\n', "[[topic]] #1", "slug", "is required"),
        ('[[topic]]\nslug = "s"\ncues = ["x"]\n', "[[topic]] #1 's'", "label", "is required"),
        ('[[topic]]\nslug = "s"\nlabel = "L"\n', "[[topic]] #1 's'", "cues", "at least one"),
        (
            '[[topic]]\nslug = "s"\nlabel = "L"\ncues = []\n',
            "[[topic]] #1 's'",
            "cues",
            "at least one",
        ),
        (
            '[[topic]]\nslug = "s"\nlabel = "L"\ncues = "reunión"\n',
            "[[topic]] #1 's'",
            "cues",
            "expected a list of strings",
        ),
        (
            '[[topic]]\nslug = "s"\nlabel = "L"\ncues = ["a", 2]\n',
            "[[topic]] #1 's'",
            "cues",
            "item 2 is not a string",
        ),
        (
            '[[topic]]\nslug = "s"\nlabel = "L"\ncues = ["a", "  "]\n',
            "[[topic]] #1 's'",
            "cues",
            "item 2 is empty",
        ),
        (topic("min_cues = 0"), "[[topic]] #1 'satellites'", "min_cues", "at least 1"),
        (topic("min_cues = 2"), "[[topic]] #1 'satellites'", "min_cues", "only 1 distinct"),
        (topic('min_cues = "1"'), "[[topic]] #1 'satellites'", "min_cues", "an integer"),
        (topic("min_cues = true"), "[[topic]] #1 'satellites'", "min_cues", "an integer"),
        (
            topic('requires_value = "yes"'),
            "[[topic]] #1 'satellites'",
            "requires_value",
            "true or false",
        ),
        (
            topic("requires_value = true"),
            "[[topic]] #1 'satellites'",
            "value_kinds",
            "needs at least one value kind",
        ),
        (topic("descripton = 'x'"), "[[topic]] #1 'satellites'", "descripton", "unknown key"),
        (topic("description = 3"), "[[topic]] #1 'satellites'", "description", "a string"),
        ('[[topics]]\nslug = "s"\n', None, "topics", "unknown key"),
        ('[topic]\nslug = "s"\n', None, "topic", "array of tables"),
    ],
)
def test_topics_validation_errors(
    content: str, entry: str | None, field: str | None, reason: str
) -> None:
    error = topics_error(content)
    assert error.entry == entry
    assert error.field == field
    assert reason in error.reason
    if entry is not None:
        assert entry in str(error)
    if field is not None:
        assert f"field '{field}'" in str(error)


def test_topics_error_message_format() -> None:
    error = topics_error(topic("") + topic('value_kinds = ["lenght"]', "sat-2"))
    assert str(error) == (
        "up/topics.toml: [[topic]] #2 'sat-2': field 'value_kinds': unknown kind 'lenght' "
        f"(expected one of {', '.join(VALUE_KINDS)})"
    )


# --- the seed manifest -----------------------------------------------------------------------


def test_seed_manifest_covers_every_seed_file() -> None:
    entries = load_sources(SEEDS / "sources.toml")
    seed_files = [p.name for p in discover_files([SEEDS]).files]
    assert sorted(entries) == seed_files
    assert [entries[f].name for f in seed_files] == [f"Source {c}" for c in "ABCDE"]
    for entry in entries.values():
        assert entry.language == "es"
        assert entry.published is None  # the real dates are unknown
        assert entry.title is None


@pytest.mark.parametrize("target", ["nowhere.toml", "sources.toml"], ids=["dangling", "loop"])
def test_a_manifest_link_that_leads_nowhere_is_an_error_not_an_empty_manifest(
    tmp_path: Path, target: str
) -> None:
    (tmp_path / "sources.toml").symlink_to(target)
    with pytest.raises(ManifestError, match="broken symbolic link or a link loop"):
        load_sources(tmp_path / "sources.toml")


# --- outlet keys ------------------------------------------------------------------------------


def test_an_outlet_key_is_read_and_optional(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "sources.toml",
        '[[source]]\nfile = "a.txt"\nname = "El País"\nkey = "elpais"\n\n'
        '[[source]]\nfile = "b.txt"\nname = "El País"\nkey = "elpais"\n\n'
        '[[source]]\nfile = "c.txt"\nname = "ABC"\n',
    )
    sources = load_sources(path)
    assert [sources[f].key for f in ("a.txt", "b.txt", "c.txt")] == ["elpais", "elpais", None]


@pytest.mark.parametrize("key", ["El País", "el_pais", "", "x" * 101])
def test_an_invalid_outlet_key_names_the_field(tmp_path: Path, key: str) -> None:
    error = sources_error(tmp_path, f'[[source]]\nfile = "a.txt"\nname = "A"\nkey = "{key}"\n')
    assert error.entry == "[[source]] #1 'a.txt'" and error.field == "key"


def test_one_key_with_two_names_is_refused(tmp_path: Path) -> None:
    error = sources_error(
        tmp_path,
        '[[source]]\nfile = "a.txt"\nname = "El País"\nkey = "elpais"\n\n'
        '[[source]]\nfile = "b.txt"\nname = "El Pais"\nkey = "elpais"\n',
    )
    assert error.entry == "[[source]] #2 'b.txt'" and error.field == "name"
    assert "key 'elpais' is named 'El País' in [[source]] #1 'a.txt'" in error.reason


def test_one_name_with_two_keys_is_refused(tmp_path: Path) -> None:
    error = sources_error(
        tmp_path,
        '[[source]]\nfile = "a.txt"\nname = "El País"\nkey = "elpais"\n\n'
        '[[source]]\nfile = "b.txt"\nname = "El País"\nkey = "pais"\n',
    )
    assert error.entry == "[[source]] #2 'b.txt'" and error.field == "key"


def test_an_article_url_is_read_and_optional(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "sources.toml",
        '[[source]]\nfile = "a.txt"\nname = "A"\nurl = "https://a.example/x?id=1"\n\n'
        '[[source]]\nfile = "b.txt"\nname = "B"\nurl = ""\n\n'
        '[[source]]\nfile = "c.txt"\nname = "C"\n',
    )
    sources = load_sources(path)
    assert [sources[f].url for f in ("a.txt", "b.txt", "c.txt")] == [
        "https://a.example/x?id=1",
        None,
        None,
    ]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "a.example/x", "https://", "http://[::1"]
)
def test_an_invalid_url_names_the_field(tmp_path: Path, url: str) -> None:
    error = sources_error(tmp_path, f'[[source]]\nfile = "a.txt"\nname = "A"\nurl = "{url}"\n')
    assert error.entry == "[[source]] #1 'a.txt'" and error.field == "url"
    assert "is not a web address" in error.reason
