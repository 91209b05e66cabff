"""Nothing may depend on file names or sentence order: renamed, reordered seeds, same findings."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import pytest
from spacy.language import Language

from app.services.ingest import ingest_paths
from tests.services.support import (
    SEEDS,
    Ingested,
    export_of,
    finding_signature,
    new_database,
    shuffle_sentences,
)


def renamed(name: str) -> str:
    """'000_487fa1a0bace8dfd.txt' -> 'dfd8ecab0a1fa784_000.txt': the sort order changes too."""
    stem = Path(name).stem
    return f"{stem[::-1]}.txt"


def perturbed_copy(folder: Path, *, reorder: bool, rewrite_manifest: bool) -> dict[str, str]:
    """Copy seeds/ into ``folder`` with renamed files; returns {new file name: label}."""
    folder.mkdir()
    manifest = tomllib.loads((SEEDS / "sources.toml").read_text(encoding="utf-8"))
    labels = {entry["file"]: entry["name"] for entry in manifest["source"]}
    rng = random.Random(20230913)
    new_labels = {}
    for old_name, label in sorted(labels.items()):
        text = (SEEDS / old_name).read_text(encoding="utf-8")
        if reorder:
            shuffled = shuffle_sentences(text, rng)
            assert shuffled.split() != text.split(), f"{old_name} was not reordered"
            assert sorted(shuffled.split()) == sorted(text.split()), "words must be unchanged"
            text = shuffled
        (folder / renamed(old_name)).write_text(text, encoding="utf-8")
        new_labels[renamed(old_name)] = label
    (folder / "topics.toml").write_bytes((SEEDS / "topics.toml").read_bytes())
    if rewrite_manifest:
        entries = "".join(
            f'\n[[source]]\nfile = "{name}"\nname = "{label}"\n'
            # Listed in another order than the original manifest, on purpose.
            for name, label in sorted(new_labels.items(), reverse=True)
        )
        (folder / "sources.toml").write_text(f'[defaults]\nlanguage = "es"\n{entries}')
    return new_labels


@pytest.fixture(scope="module")
def perturbed(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Ingested:
    root = tmp_path_factory.mktemp("perturbed")
    perturbed_copy(root / "articles", reorder=True, rewrite_manifest=True)
    session_factory = new_database(root)
    report = ingest_paths(session_factory, nlp, [root / "articles"])
    return Ingested(session_factory, report, export_of(session_factory))


def test_perturbed_copy_ingests_cleanly(perturbed: Ingested) -> None:
    assert perturbed.report.failed == []
    assert len(perturbed.report.added) == 5
    names = sorted(s["name"] for s in perturbed.export["sources"])
    assert names == ["Source A", "Source B", "Source C", "Source D", "Source E"]


def test_renamed_and_reordered_seeds_give_the_same_findings(
    seeded: Ingested, perturbed: Ingested
) -> None:
    original = finding_signature(seeded.export)
    moved = finding_signature(perturbed.export)
    assert original, "the seeds must produce findings for this test to mean anything"
    # Set differences first: a failure shows exactly which findings moved.
    assert original - moved == set()
    assert moved - original == set()


def test_renamed_and_reordered_seeds_give_the_same_topic_statuses(
    seeded: Ingested, perturbed: Ingested
) -> None:
    def statuses(export: dict) -> dict[str, str]:
        return {t["slug"]: t["status"] for t in export["topics"]}

    assert statuses(perturbed.export) == statuses(seeded.export)


def test_renamed_and_reordered_seeds_give_the_same_claims(
    seeded: Ingested, perturbed: Ingested
) -> None:
    def claims(export: dict) -> set[tuple]:
        names = {s["id"]: s["name"] for s in export["sources"]}
        return {
            (
                names[c["source_id"]],
                c["text"],
                c["certainty"],
                tuple(c["topics"]),
                tuple((v["kind"], v["low"], v["high"], v["unit"]) for v in c["values"]),
            )
            for c in export["claims"]
        }

    original, moved = claims(seeded.export), claims(perturbed.export)
    assert original - moved == set()
    assert moved - original == set()


def test_renamed_files_without_manifest_fall_back_to_neutral_labels(
    tmp_path: Path, nlp: Language
) -> None:
    new_labels = perturbed_copy(tmp_path / "articles", reorder=False, rewrite_manifest=False)
    # The original manifest still names the old files: none of them matches now.
    (tmp_path / "articles" / "sources.toml").write_bytes((SEEDS / "sources.toml").read_bytes())
    session_factory = new_database(tmp_path)
    report = ingest_paths(session_factory, nlp, [tmp_path / "articles"])
    assert report.failed == []
    assert len(report.added) == 5
    names = sorted(s["name"] for s in export_of(session_factory)["sources"])
    assert names == sorted(f"Unlabelled ({Path(n).stem})" for n in new_labels)
