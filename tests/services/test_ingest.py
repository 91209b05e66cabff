"""Ingest behaviour: idempotence, replacement of changed text, per-file failure isolation."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.db.models import (
    Article,
    Claim,
    ClaimTopic,
    ClaimValue,
    Entity,
    EntityMention,
    Finding,
    Sentence,
    Source,
    Topic,
)
from app.services.ingest import IngestReport, ingest_paths
from tests.services.support import SEEDS, export_of, ingest_text, new_database

HOUR = 3600.0
COUNTED = (
    Source,
    Article,
    Sentence,
    Claim,
    ClaimValue,
    ClaimTopic,
    Entity,
    EntityMention,
    Topic,
    Finding,
)
# Source B gives "más de cuatro horas", Source C "cinco horas": enough for the duration topic.
DURATION_FILES = ("001_fd5b557dd95ff018.txt", "002_e39d3015be170774.txt")
GOOD_TEXT = (
    "La reunión entre los ministros de Pesca de Islandia y Noruega duró tres horas en Reikiavik.\n"
    "Ambos gobiernos firmaron un acuerdo sobre cuotas de bacalao para el año 2031.\n"
)


def row_counts(session_factory: sessionmaker[Session]) -> dict[str, int]:
    with session_factory() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in COUNTED
        }


def stored_fingerprints(session_factory: sessionmaker[Session]) -> tuple[set[str], set[str]]:
    with session_factory() as session:
        return set(session.scalars(select(Claim.fingerprint))), set(
            session.scalars(select(Finding.fingerprint))
        )


def copy_seeds(folder: Path, files: tuple[str, ...] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in SEEDS.iterdir():
        if path.suffix == ".toml" or files is None or path.name in files:
            shutil.copy(path, folder / path.name)
    return folder


def failure_for(report: IngestReport, file_name: str) -> str:
    messages = [message for _name, message in report.failed if file_name in message]
    assert len(messages) == 1, f"expected one failure naming {file_name}: {report.failed}"
    return messages[0]


# --- idempotence and replacement ------------------------------------------------------------


def test_ingesting_the_same_corpus_twice_adds_nothing(tmp_path: Path, nlp: Language) -> None:
    session_factory = new_database(tmp_path)
    first = ingest_paths(session_factory, nlp, [SEEDS])
    counts = row_counts(session_factory)
    fingerprints = stored_fingerprints(session_factory)

    second = ingest_paths(session_factory, nlp, [SEEDS])

    assert first.ok and len(first.added) == 5 and first.new_claim_ids and first.new_finding_ids
    assert second.ok
    assert (second.added, second.replaced) == ([], [])
    assert len(second.unchanged) == 5
    assert second.new_claim_ids == []
    assert second.new_finding_ids == []
    assert row_counts(session_factory) == counts
    # The same claims and findings (by stable fingerprint), not merely as many.
    assert stored_fingerprints(session_factory) == fingerprints


def test_changed_text_replaces_the_old_version(tmp_path: Path, nlp: Language) -> None:
    folder = copy_seeds(tmp_path / "articles", DURATION_FILES)
    session_factory = new_database(tmp_path)
    assert ingest_paths(session_factory, nlp, [folder]).ok
    before = export_of(session_factory)
    old_claim_ids = {c["id"] for c in before["claims"] if "cinco horas" in c["text"]}
    assert len(old_claim_ids) == 1
    (old_finding,) = [f for f in before["findings"] if f["topic"] == "meeting-duration"]
    assert old_finding["severity"] == "soft"

    edited = folder / DURATION_FILES[1]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("cinco horas", "tres horas"), encoding="utf-8")
    report = ingest_paths(session_factory, nlp, [folder])

    assert report.ok
    assert report.added == [] and len(report.replaced) == 1 and len(report.unchanged) == 1
    after = export_of(session_factory)
    assert len(after["sources"]) == 2  # the article was replaced, not added beside the old one
    texts = [c["text"] for c in after["claims"]]
    assert not any("cinco horas" in t for t in texts)
    (finding,) = [f for f in after["findings"] if f["topic"] == "meeting-duration"]
    assert (finding["kind"], finding["severity"]) == ("conflict", "hard")
    claims = {c["id"]: c for c in after["claims"]}
    durations = sorted(
        (v["low"], v["high"])
        for i in finding["claim_ids"]
        for v in claims[i]["values"]
        if v["kind"] == "duration"
    )
    assert durations == [(3 * HOUR, 3 * HOUR), (4 * HOUR, None)]
    with session_factory() as session:
        # Old sentences, values and mentions went with the old article (cascade).
        assert session.scalar(select(func.count()).select_from(Article)) == 2
        orphans = session.scalar(
            select(func.count())
            .select_from(Claim)
            .where(Claim.article_id.not_in(select(Article.id)))
        )
        assert orphans == 0


class CountingPipeline:
    """The real pipeline, counting the texts it analyses (not a mock: every call runs spaCy)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.texts: list[str] = []

    def pipe(self, texts: Iterable[str], **kwargs: Any) -> Iterator[Doc]:
        def counted() -> Iterator[str]:
            for text in texts:
                self.texts.append(text)
                yield text

        return self.nlp.pipe(counted(), **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.nlp, name)


def test_first_ingest_into_an_empty_database_analyses_each_article_once(
    tmp_path: Path, nlp: Language
) -> None:
    # The topics of topics.toml are stored before the articles are analysed, so the articles
    # already join them; re-matching ("relink") is only needed for articles stored earlier.
    # Analysing everything twice doubles the cost of every first ingest (see the benchmark).
    folder = copy_seeds(tmp_path / "articles", DURATION_FILES)
    counting = CountingPipeline(nlp)

    report = ingest_paths(new_database(tmp_path), counting, [folder])  # type: ignore[arg-type]

    assert len(report.added) == 2
    assert len(counting.texts) == 2


# --- failures stay with their file ----------------------------------------------------------


def test_each_bad_file_in_a_folder_is_reported_and_the_good_one_is_stored(
    tmp_path: Path, nlp: Language
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "latin1.txt").write_bytes("La reunión duró dos horas en Madrid.".encode("latin-1"))
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n")  # in a folder: not an article, skipped

    (folder / "cyrillic.txt").write_bytes("Встреча длилась три часа в Москве.".encode("cp1251"))
    session_factory = new_database(tmp_path)

    report = ingest_paths(session_factory, nlp, [folder])

    assert len(report.added) == 2
    assert "binary file" in failure_for(report, "binary.txt")
    assert "it looks like cp1251" in failure_for(report, "cyrillic.txt")
    assert len(report.failed) == 2
    assert [m for _n, m in report.notes] == [
        f"{folder / 'latin1.txt'}: read as Latin-1: it is not UTF-8, check its accents"
    ]
    export = export_of(session_factory)
    assert [Path(s["path"]).name for s in export["sources"]] == ["good.txt", "latin1.txt"]
    assert export["claims"]


def test_an_explicitly_named_pdf_is_reported_and_the_rest_is_stored(
    tmp_path: Path, nlp: Language
) -> None:
    # Naming an unsupported file is an error for that file only; the other inputs go on.
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    session_factory = new_database(tmp_path)

    report = ingest_paths(session_factory, nlp, [pdf, good])

    assert "unsupported file type '.pdf'" in failure_for(report, "report.pdf")
    assert len(report.failed) == 1
    assert len(report.added) == 1


def test_a_missing_path_is_reported_and_the_rest_is_stored(tmp_path: Path, nlp: Language) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    missing = tmp_path / "nowhere" / "gone.txt"
    session_factory = new_database(tmp_path)

    report = ingest_paths(session_factory, nlp, [missing, good])

    assert len(report.added) == 1
    assert "no such file" in failure_for(report, "gone.txt")


def test_invalid_topics_manifest_rejects_its_folder_only(tmp_path: Path, nlp: Language) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "article.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (bad / "topics.toml").write_text(
        '[[topic]]\nslug = "fishing"\nlabel = "Fishing quotas"\ncues = ["cuota"]\n'
        'value_kinds = ["distance"]\n',
        encoding="utf-8",
    )
    good = tmp_path / "good"
    good.mkdir()
    (good / "other.txt").write_text(
        "El Gobierno de Chile anunció el martes un plan de riego para el valle central.\n",
        encoding="utf-8",
    )
    session_factory = new_database(tmp_path)

    report = ingest_paths(session_factory, nlp, [bad, good])

    manifest_errors = [m for _n, m in report.failed if "topics.toml" in m]
    assert len(manifest_errors) == 1
    assert "field 'value_kinds'" in manifest_errors[0]
    assert "distance" in manifest_errors[0]
    # The article beside the bad manifest is refused (its topics are unknown), by name.
    assert "article.txt" in " ".join(m for _n, m in report.failed)
    export = export_of(session_factory)
    assert [Path(s["path"]).name for s in export["sources"]] == ["other.txt"]
    assert export["topics"] == []


# --- pasted text ----------------------------------------------------------------------------


def test_pasted_text_is_stored_under_the_given_source_name(tmp_path: Path, nlp: Language) -> None:
    session_factory = new_database(tmp_path)

    report = ingest_text(session_factory, nlp, source_name="Diario del Puerto", text=GOOD_TEXT)

    assert report.ok and len(report.added) == 1
    export = export_of(session_factory)
    (source,) = export["sources"]
    assert source["name"] == "Diario del Puerto"
    assert source["path"].startswith("paste:")
    durations = [
        (v["low"], v["high"])
        for c in export["claims"]
        for v in c["values"]
        if v["kind"] == "duration"
    ]
    assert durations == [(3 * HOUR, 3 * HOUR)]
    # Pasting the same text again is recognised, not stored twice.
    again = ingest_text(session_factory, nlp, source_name="Diario del Puerto", text=GOOD_TEXT)
    assert again.added == [] and len(again.unchanged) == 1


def test_publication_times_in_different_zones_keep_their_order(
    tmp_path: Path, nlp: Language
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    body = "El puente de la avenida central cerró ayer por obras durante cinco horas.\n"
    (folder / "lima.txt").write_text(body, encoding="utf-8")
    (folder / "madrid.txt").write_text(body.replace("cinco", "seis"), encoding="utf-8")
    # 07:05 in Lima is 12:05 UTC; 11:05 in Madrid is 10:05 UTC: Madrid published first.
    (folder / "sources.toml").write_text(
        '[[source]]\nfile = "lima.txt"\nname = "Lima"\npublished = 2025-11-05T07:05:00-05:00\n'
        '[[source]]\nfile = "madrid.txt"\nname = "Madrid"\npublished = 2025-11-05T11:05:00+01:00\n',
        encoding="utf-8",
    )
    session_factory = new_database(tmp_path)
    ingest_paths(session_factory, nlp, [folder])
    sources = {s["name"]: s for s in export_of(session_factory)["sources"]}
    assert sources["Lima"]["published_at"] == "2025-11-05T12:05:00+00:00"
    assert sources["Madrid"]["published_at"] == "2025-11-05T10:05:00+00:00"
    with session_factory() as session:
        order = session.scalars(select(Article.path).order_by(Article.published_at)).all()
    assert [Path(p).name for p in order] == ["madrid.txt", "lima.txt"]


def test_an_upload_of_several_files_keeps_every_refusal() -> None:
    from app.services.uploads import merge_reports

    first = IngestReport(added=[1], refused=[("a.txt", "a.txt: not analysed: English")])
    second = IngestReport(added=[2], refused=[("b.txt", "b.txt: not analysed: Catalan")])
    merged = merge_reports(merge_reports(None, first), second)
    assert [name for name, _ in merged.refused] == ["a.txt", "b.txt"]
    assert merged.added == [1, 2] and not merged.ok


def test_runs_of_spaces_do_not_stop_the_analysis(tmp_path: Path, nlp: Language) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "El fuego   obligó a desalojar a 300 vecinos.\n", encoding="utf-8"
    )
    (folder / "b.txt").write_text(
        "El incendio obligó a desalojar a 300 vecinos.\n", encoding="utf-8"
    )
    report = ingest_paths(new_database(tmp_path), nlp, [folder])
    assert report.failed == [] and len(report.added) == 2


def test_an_article_the_pipeline_fails_on_is_named_and_the_others_are_kept(
    tmp_path: Path,
) -> None:
    from spacy.language import Language as SpacyLanguage

    from app.nlp.pipeline import load_nlp

    @SpacyLanguage.component("cotejo_test_breaks_on_marker")
    def breaks(doc: Doc) -> Doc:
        if "XYZZY" in doc.text:
            raise ValueError("broken on purpose")
        return doc

    nlp = load_nlp.__wrapped__()  # a private copy: the shared pipeline stays untouched
    nlp.add_pipe("cotejo_test_breaks_on_marker")
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("a", "b", "c"):
        text = f"El tren {name} llegó con 20 minutos de retraso a la estación central.\n"
        (folder / f"{name}.txt").write_text(text.replace("tren b", "tren XYZZY"), "utf-8")
    report = ingest_paths(new_database(tmp_path), nlp, [folder])
    assert len(report.added) == 2
    ((name, message),) = report.failed
    assert Path(name).name == "b.txt" and "could not be analysed" in message


# --- hostile paths: links, names, encodings, lengths -----------------------------------------


def test_link_loops_and_dangling_links_are_reported_and_the_folder_ingested(
    tmp_path: Path, nlp: Language
) -> None:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "alias.txt").symlink_to("good.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    (folder / "sub" / "up").symlink_to("..")
    (folder / "sub" / "other.txt").write_text(
        "El Gobierno de Chile anunció el martes un plan de riego para el valle central.\n",
        encoding="utf-8",
    )
    session_factory = new_database(tmp_path)

    report = ingest_paths(session_factory, nlp, [folder])

    assert len(report.added) == 2 and report.replaced == []  # good.txt once, not twice
    assert "broken symbolic link" in failure_for(report, "dangling.txt")
    assert "symbolic link loop (it leads back to itself)" in failure_for(report, "loop.txt")
    assert f"symbolic link loop (it leads back to {folder})" in failure_for(report, "sub/up")
    assert len(report.failed) == 3
    paths = sorted(s["path"] for s in export_of(session_factory)["sources"])
    assert paths == [str(folder / "good.txt"), str(folder / "sub" / "other.txt")]
    # Again: the link and the file are still one article.
    again = ingest_paths(session_factory, nlp, [folder])
    assert again.added == [] and again.replaced == [] and len(again.unchanged) == 2


def test_odd_file_names_are_stored_and_named_as_they_are(tmp_path: Path, nlp: Language) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "[bold]a\nb.txt").write_text(GOOD_TEXT, encoding="utf-8")
    latin1_name = os.fsdecode(b"caf\xe9.txt")  # not UTF-8: kept by Python as a surrogate
    (folder / latin1_name).write_text(GOOD_TEXT.replace("tres", "dos"), encoding="utf-8")
    (folder / "\x1b[31mred.txt").write_bytes(b"\x00")
    session_factory = new_database(tmp_path)

    report = ingest_paths(session_factory, nlp, [folder])

    assert len(report.added) == 2
    ((_name, message),) = report.failed
    assert message == f"{folder}/\\x1b[31mred.txt: binary file (contains NUL bytes)"
    sources = {s["name"]: s["path"] for s in export_of(session_factory)["sources"]}
    assert sources == {
        "Unlabelled ([bold]a\\nb)": f"{folder}/[bold]a\nb.txt",
        "Unlabelled (caf\\xe9)": f"{folder}/caf\\xe9.txt",
    }


def test_uploaded_utf16_and_latin1_text_is_read_and_binary_refused(
    tmp_path: Path, nlp: Language
) -> None:
    session_factory = new_database(tmp_path)
    utf16 = ingest_text(
        session_factory, nlp, source_name="A", text=GOOD_TEXT.encode("utf-16"), filename="a.txt"
    )
    assert len(utf16.added) == 1 and utf16.notes == []
    latin1 = GOOD_TEXT.replace("tres", "dos").encode("latin-1")
    legacy = ingest_text(session_factory, nlp, source_name="B", text=latin1, filename="b.txt")
    assert len(legacy.added) == 1
    assert legacy.notes == [("b.txt", "b.txt: read as Latin-1: it is not UTF-8, check its accents")]
    binary = ingest_text(
        session_factory, nlp, source_name="C", text=b"\x89PNG\x00", filename="c[1].txt"
    )
    assert binary.failed == [("c[1].txt", "c[1].txt: binary file (contains NUL bytes)")]
    texts = {s["name"]: s["path"] for s in export_of(session_factory)["sources"]}
    assert texts == {"A": "upload:A/a.txt", "B": "upload:B/b.txt"}


def test_a_huge_sentence_costs_no_more_than_a_normal_article_of_its_size(
    tmp_path: Path, nlp: Language
) -> None:
    """40 000 characters with no full stop, against the seed articles' text cut to the same
    length and ingested the same way. Before the sentence bound it took 1.3 to 1.7 times as
    long as the normal article (its cost grew with the square of its length); now about half."""
    size = 40_000
    seeds = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    normal = (seeds * (size // len(seeds) + 1))[:size]
    clause = "el gobierno dijo que la oposición criticó el acuerdo y "
    huge = (clause * (size // len(clause) + 1))[:size]

    def ingest_seconds(name: str, text: str) -> float:
        folder = tmp_path / name
        folder.mkdir()
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        session_factory = new_database(folder)
        started = time.perf_counter()
        report = ingest_paths(session_factory, nlp, [folder])
        elapsed = time.perf_counter() - started
        assert len(report.added) == 1 and report.failed == []
        return elapsed

    normal_seconds = ingest_seconds("normal", normal)
    huge_seconds = ingest_seconds("huge", huge)
    assert huge_seconds < normal_seconds, (huge_seconds, normal_seconds)
