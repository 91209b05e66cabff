"""``cotejo import``: an export restored into an empty database exports the same bytes again.

The seeds are ingested once, reviewed and flagged through the review service (plus a review
and a flag whose finding and claim went away, as after a re-ingest), exported with the
real command, imported into fresh SQLite files and exported again. Hostile files are
refused naming the key at fault, and leave the database empty.
"""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.cli import main
from app.config import Settings
from app.db.models import Article, Base, Finding, Flag, Review
from app.db.session import open_database
from app.services.import_format import SECTIONS, Section
from app.services.ingest import ingest_paths
from app.web.app import create_app
from tests.databases import database_url
from tests.services.support import SEEDS, flag_claims_of, new_database, review, url_of

NOTE = "Comprobado con la transcripción del Kremlin"


@dataclass
class Exported:
    url: str
    file: Path
    text: str


def cli(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):  # rich prints to sys.stderr
        status = main(list(args))
    return status, " ".join(err.getvalue().split())


def add_reviews_and_flags(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session:
        findings = list(session.scalars(select(Finding).order_by(Finding.id)))
        assert len(findings) >= 2
        first, second = findings[0], findings[1]
        for verdict, note in (("dismissed", ""), ("confirmed", NOTE)):  # the newest counts
            review(session, first, verdict, "Ana", note)
        review(session, second, "dismissed", "Luis", "")
        flag_claims_of(session, second, "Luis", "no cuadra")
        # What a re-ingest leaves: a review and a flag whose finding and claim are gone.
        session.add(
            Review(
                finding_fingerprint="f" * 40,
                topic_slug=first.topic.slug,
                verdict="confirmed",
                reviewer="Ana",
                note="",
                explanation="Una conclusión de un análisis anterior.",
            )
        )
        session.add(
            Flag(
                topic_slug=first.topic.slug,
                claim_a_fingerprint=first.claim_a.fingerprint,
                claim_b_fingerprint="0" * 40,
                claim_a_text=first.claim_a.text,
                claim_b_text="Una frase que ya no está.",
                reviewer="Ana",
                note="",
            )
        )
        session.commit()


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Exported:
    folder = tmp_path_factory.mktemp("import")
    session_factory = new_database(folder, "original.sqlite3")
    assert ingest_paths(session_factory, nlp, [SEEDS]).ok
    add_reviews_and_flags(session_factory)
    url, file = url_of(session_factory), folder / "export.json"
    assert cli("export", "--db", url, "-o", str(file))[0] == 0
    return Exported(url, file, file.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def imported(exported: Exported, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    folder = tmp_path_factory.mktemp("imported")
    url, file = database_url(folder, "restored.sqlite3"), folder / "again.json"
    status, err = cli("import", str(exported.file), "--db", url)
    assert status == 0, err
    assert "imported 5 sources" in err and "4 reviews, 2 flags" in err
    assert cli("export", "--db", url, "-o", str(file))[0] == 0
    return Exported(url, file, file.read_text(encoding="utf-8"))


def all_rows(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, but when each article was ingested (not exported: an
    imported article was ingested when it was imported)."""
    session_factory = open_database(url)
    with session_factory() as session:
        return {
            table.name: [
                tuple(row)
                for row in session.execute(
                    select(*(c for c in table.c if c.name != "ingested_at")).order_by(
                        *table.primary_key
                    )
                )
            ]
            for table in Base.metadata.sorted_tables
        }


def test_an_imported_export_exports_the_same_bytes(exported: Exported, imported: Exported) -> None:
    export = json.loads(exported.text)
    # Everything a restore needs is in the file, and the test covers each part of it.
    assert all(export[s.name] for s in SECTIONS)
    assert any(s["sentences"] for s in export["sources"])
    assert any(m["claim_id"] is None for e in export["entities"] for m in e["mentions"])
    assert any(c["propositions"] for c in export["claims"])
    assert {r["finding_id"] is None for r in export["reviews"]} == {True, False}
    assert [None] in [[i for i in f["claim_ids"] if i is None] for f in export["flags"]]
    assert imported.text == exported.text


def test_the_restored_database_holds_the_same_rows(exported: Exported, imported: Exported) -> None:
    original, restored = all_rows(exported.url), all_rows(imported.url)
    assert {name: len(rows) for name, rows in restored.items()} == {
        name: len(rows) for name, rows in original.items()
    }
    assert restored == original


def test_the_dashboard_of_the_restored_database_shows_the_reviews(imported: Exported) -> None:
    export = json.loads(imported.text)
    [confirmed] = [r for r in export["reviews"] if r["note"] == NOTE]
    settings = Settings(database_url=imported.url, allowed_hosts=["testserver"])
    with TestClient(create_app(settings)) as client:
        topic = client.get(f"/topics/{confirmed['topic']}")
        review_log = client.get("/review")
        search = client.get("/search", params={"q": "Vostochny"})
    assert topic.status_code == 200
    assert "<strong>Confirmed</strong> by Ana" in topic.text
    assert f"“{NOTE}”" in topic.text
    assert "2 confirmed, 2 dismissed, 2 flagged" in review_log.text
    assert "no cuadra" in review_log.text
    assert search.status_code == 200 and "<mark>Vostochny</mark>" in search.text  # FTS rows


def test_a_restored_database_takes_the_same_articles_again_as_unchanged(
    imported: Exported, nlp: Language, tmp_path: Path
) -> None:
    copy = database_url(tmp_path, "copy.sqlite3")
    assert cli("import", str(Path(imported.file)), "--db", copy)[0] == 0
    session_factory = open_database(copy)
    report = ingest_paths(session_factory, nlp, [SEEDS])
    assert (len(report.added), len(report.unchanged)) == (0, 5)


def test_a_database_that_is_not_empty_is_refused_and_kept(
    exported: Exported, imported: Exported
) -> None:
    status, err = cli("import", str(exported.file), "--db", imported.url)
    assert status == 2
    assert "error: " in err and "the database is not empty" in err and "Nothing was imported" in err
    assert cli("export", "--db", imported.url, "-o", str(imported.file))[0] == 0
    assert imported.file.read_text(encoding="utf-8") == exported.text


def _set(path: list[Any], value: Any) -> Any:
    def change(export: dict[str, Any]) -> None:
        target = export
        for step in path[:-1]:
            target = target[step]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return change


def _a_low_in_words(export: dict[str, Any]) -> None:
    next(c for c in export["claims"] if c["values"])["values"][0]["low"] = "cuatro"


def _an_infinite_low(export: dict[str, Any]) -> None:
    next(c for c in export["claims"] if c["values"])["values"][0]["low"] = float("inf")


def _two_topics_one_id(export: dict[str, Any]) -> None:
    export["topics"][0]["id"] = export["topics"][1]["id"] = 4242


def _same_path_twice(export: dict[str, Any]) -> None:
    export["sources"][1]["path"] = export["sources"][0]["path"]


HOSTILE: dict[str, tuple[Any, str]] = {
    "truncated": (None, "is not valid JSON (line"),
    "wrong version": (_set(["version"], 99), "version: the file is version 99"),
    "no version": (_set(["version"], KeyError), "version: the file has none"),
    "not an object": (lambda export: [export], "is not a cotejo export: it holds no JSON object"),
    "missing section": (_set(["flags"], KeyError), "the file: the key 'flags' is missing"),
    "missing key": (
        _set(["claims", 2, "fingerprint"], KeyError),
        "claims[2]: the key 'fingerprint' is missing",
    ),
    "missing nested key": (
        _set(["claims", 0, "values"], KeyError),
        "claims[0]: the key 'values' is missing",
    ),
    "review of an unknown finding": (
        _set(["reviews", 0, "finding_id"], 999_999),
        "reviews[0].finding_id: 999999 is not the finding with the fingerprint",
    ),
    "finding of an unknown claim": (
        _set(["findings", 0, "claim_ids", 1], 999_999),
        "findings[0].claim_ids[1]: no item of claims has the id 999999",
    ),
    "unknown topic": (
        _set(["findings", 0, "topic"], "nada"),
        'findings[0].topic: no item of topics has the slug "nada"',
    ),
    "wrong type": (_a_low_in_words, '.values[0].low: expected a finite number, found "cuatro"'),
    "an infinite figure": (_an_infinite_low, ".values[0].low: expected a finite number"),
    "a NUL in a note": (
        _set(["reviews", 0, "note"], "a\x00b"),
        "reviews[0].note: expected a string",
    ),
    "a reviewer name too long": (
        _set(["reviews", 0, "reviewer"], "x" * 101),
        "reviews[0].reviewer: expected a name of 1 to 100 characters",
    ),
    "a bool for an id": (_set(["sources", 0, "id"], True), "sources[0].id: expected an id"),
    "bad time": (
        _set(["reviews", 0, "created_at"], "ayer"),
        'reviews[0].created_at: expected a time in ISO 8601, found "ayer"',
    ),
    "unknown verdict": (
        _set(["reviews", 1, "verdict"], "maybe"),
        "reviews[1].verdict: expected 'confirmed' or 'dismissed'",
    ),
    "duplicate id": (
        _two_topics_one_id,
        "topics[1].id: 4242 is also the id of another item of topics",
    ),
    # Passes every check of the file; the database's own unique path refuses it mid-write.
    "same path twice": (_same_path_twice, "two items of the file must not be equal"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_file_is_refused_naming_the_key_and_nothing_is_written(
    case: str, exported: Exported, tmp_path: Path
) -> None:
    change, message = HOSTILE[case]
    hostile = tmp_path / "hostile.json"
    if change is None:
        hostile.write_text(exported.text[: len(exported.text) // 2], encoding="utf-8")
    else:
        export = json.loads(exported.text)
        replaced = change(export)  # a whole other document, or None when changed in place
        hostile.write_text(json.dumps(export if replaced is None else replaced), encoding="utf-8")
    url = database_url(tmp_path, "target.sqlite3")
    status, err = cli("import", str(hostile), "--db", url)
    assert status == 2
    assert f"error: {hostile}: " in err and message in err, err
    assert "Nothing was imported." in err
    assert all(rows == [] for rows in all_rows(url).values())


def _keys_read(section: Section) -> set[str]:
    return set(section.fields) | set(section.nested) | section.not_read


def _unread(section: Section, items: list[dict[str, Any]], path: str) -> set[str]:
    found = {f"{path}.{key}" for item in items for key in item.keys() - _keys_read(section)}
    for key, (inner, _) in section.nested.items():
        found |= _unread(inner, [x for item in items for x in item[key]], f"{path}.{key}")
    return found


def test_every_key_of_the_export_is_read_back_or_said_to_be_derived(exported: Exported) -> None:
    """A key added to the export must get its line in app/services/import_format.py."""
    export = json.loads(exported.text)
    assert export.keys() == {"version"} | {s.name for s in SECTIONS}
    unread = set().union(*(_unread(s, export[s.name], s.name) for s in SECTIONS))
    assert unread == set()


def test_a_database_only_an_empty_ingest_touched_is_empty(
    exported: Exported, tmp_path: Path
) -> None:
    # An ingest that stored nothing still records what it computed with: no user data.
    url = database_url(tmp_path, "touched.sqlite3")
    assert cli("ingest", str(tmp_path / "nothing-here"), "--db", url)[0] in {0, 1}
    source = tmp_path / "export.json"
    source.write_text(exported.text, encoding="utf-8")
    status, err = cli("import", str(source), "--db", url)
    assert status == 0, err


def test_an_export_from_before_article_urls_imports_with_none(
    exported: Exported, tmp_path: Path
) -> None:
    export = json.loads(exported.text)
    for source in export["sources"]:
        del source["url"]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(export), encoding="utf-8")
    url = database_url(tmp_path, "restored.sqlite3")
    status, err = cli("import", str(older), "--db", url)
    assert status == 0, err
    with open_database(url)() as session:
        assert set(session.scalars(select(Article.url))) == {None}
