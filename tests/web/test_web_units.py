"""Helpers behind the pages: highlighting, charts, search folding, upload validation."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from app.db import queries
from app.db.models import Claim
from app.services.charts import build_chart
from app.services.dashboard import Segment, split_segments
from app.services.errors import InputError
from app.services.search import find_hits, fold, mark_runs, snippet
from app.services.upload_form import ArticleMeta, UploadedFile, validate_uploads
from tests.databases import on_postgres


def test_split_segments_marks_context_claim_and_values() -> None:
    text = "Antes. La reunión duró cinco horas, dijo. Después."
    sentence = (7, 41)
    claim = (7, 35)
    value = (text.index("cinco"), text.index("cinco") + len("cinco horas"))
    assert split_segments(text, sentence, claim, [value]) == [
        Segment("La reunión duró ", "claim"),
        Segment("cinco horas", "value"),
        Segment(",", "claim"),
        Segment(" dijo.", "context"),
    ]
    assert split_segments(text, (0, 999), claim, []) == []


@dataclass
class Value:
    kind: str
    label: str
    low: float | None
    high: float | None
    unit: str = "s"


def test_chart_draws_open_bar_and_point_on_one_axis() -> None:
    chart = build_chart(
        "duration",
        [
            ("A", Value("duration", "4 h or more", 14400, None)),
            ("B", Value("duration", "5 h", 18000, 18000)),
        ],
    )
    assert chart is not None
    open_bar, point = chart.rows
    assert open_bar.shape == "open-high" and open_bar.x2 == chart.right
    assert point.shape == "point" and point.x1 == point.x2
    assert open_bar.x1 < point.x1  # 4 h sits left of 5 h
    assert [t.label for t in chart.ticks][:3] == ["0", "2 h", "4 h"]
    assert chart.description == "A: 4 h or more; B: 5 h"
    assert build_chart("duration", [("A", Value("duration", "?", None, None))]) is None


def test_fold_keeps_offsets_and_finds_prefixes() -> None:
    text = "La reunión duró CINCO horas en Vostóchny."
    assert len(fold(text)) == len(text)
    hits = find_hits(text, ["reunion", "vostoch"])
    assert [text[a:b] for a, b in hits] == ["reunión", "Vostóchny"]
    runs = mark_runs(text, hits)
    assert "".join(r.text for r in runs) == text
    assert [r.text for r in runs if r.hit] == ["reunión", "Vostóchny"]


def test_snippet_windows_long_text_around_the_hit() -> None:
    text = "palabra " * 200 + "satélite espía " + "otra " * 200
    runs = snippet(text, ["satelite"])
    assert runs[0].text == "… " and runs[-1].text == " …"
    assert [r.text for r in runs if r.hit] == ["satélite"]


def test_search_terms_drop_operators() -> None:
    assert queries.search_terms('"cinco" OR horas* -(x)') == ["cinco", "OR", "horas", "x"]


def test_like_fallback_matches_the_full_text_search(
    client: TestClient, session_factory, corpus
) -> None:
    with session_factory() as session:
        native = queries.search_backend(session)
        assert native == ("postgresql" if on_postgres() else "fts5")
        fts, fts_total = queries.search_claims(
            session, ["horas"], backend=native, limit=50, offset=0
        )
        like, like_total = queries.search_claims(
            session, ["horas"], backend="like", limit=50, offset=0
        )
        assert {c.id for c in fts} == {c.id for c in like} and fts_total == like_total == 2
        only_b = queries.search_claims(
            session,
            ["horas"],
            source_ids=[corpus.sources["Source B"]],
            backend="like",
            limit=50,
            offset=0,
        )[0]
        assert [c.id for c in only_b] == [corpus.claims["b_duration"]]
        articles, total = queries.search_articles(session, ["jueves"], backend="like", limit=5)
        assert [a.source_name for a in articles] == ["Source C"] and total == 1
        assert queries.search_claims(session, ["100%_"], backend="like", limit=5, offset=0)[1] == 0


def test_search_index_follows_deletes(session_factory, corpus) -> None:
    with session_factory() as session:
        native = queries.search_backend(session)

        def claim_hits() -> int:
            return queries.search_claims(session, ["jueves"], backend=native, limit=5, offset=0)[1]

        assert claim_hits() == 1
        session.delete(session.get(Claim, corpus.claims["c_day"]).article)
        session.commit()
        assert claim_hits() == 0
        assert queries.search_articles(session, ["jueves"], backend=native, limit=5) == ([], 0)


def upload(name: str, content: bytes) -> UploadedFile:
    return UploadedFile(name, content)


@pytest.mark.parametrize(
    ("files", "source", "text", "field", "status", "message"),
    [
        ([], "", "", "files", 422, "Choose at least one file"),
        ([], "", "Un texto.", "source_name", 422, "source name"),
        ([upload("a.pdf", b"%PDF")], "X", "", "files", 415, "a.pdf"),
        ([upload("a.txt", b"x" * 101)], "X", "", "files", 413, "a.txt: too large"),
        ([upload("a.txt", b"   \n")], "X", "", "files", 422, "a.txt: no text"),
        ([upload("a.doc", b"x"), upload("b.doc", b"x")], "X", "", "files", 415, "a.doc: unsu"),
        ([upload("a.doc", b"x"), upload("b.txt", b"\x00")], "X", "", "files", 422, "b.txt: bin"),
        ([], "X", "y" * 11, "text", 413, "longer than 10"),
        ([], "X" * 201, "texto", "source_name", 422, "longer than 200"),
    ],
)
def test_upload_validation_names_the_field(files, source, text, field, status, message) -> None:
    with pytest.raises(InputError) as caught:
        validate_uploads(files, pasted=ArticleMeta(source), pasted_text=text, max_chars=10)
    assert caught.value.field == field
    assert caught.value.status == status
    assert message in caught.value.message


def test_upload_validation_keeps_the_good_files_and_names_each_bad_one() -> None:
    upload_ = validate_uploads(
        [upload("a.txt", b"ok."), upload("b.doc", b"x"), upload("c[1]\n.txt", b"\x00")],
        pasted=ArticleMeta("X"),
        max_chars=10,
    )
    assert [i.name for i in upload_.items] == ["a.txt"]
    assert [(r.message, r.status) for r in upload_.refused] == [
        ("b.doc: unsupported file type '.doc' (expected .txt, .md, .html)", 415),
        ("c[1]\\n.txt: binary file (contains NUL bytes)", 422),
    ]


def test_upload_validation_folds_the_spaces_of_an_outlet() -> None:
    items = validate_uploads(
        [], pasted_text="Un texto.", pasted=ArticleMeta("  Diario \n del Puerto "), max_chars=100
    ).items
    assert [i.source.name for i in items] == ["Diario del Puerto"]


def test_upload_validation_files_default_to_their_name_as_source() -> None:
    items = validate_uploads(
        [upload("agencia.md", "# Título\n\nLa cumbre duró dos horas.".encode())],
        max_chars=1000,
    ).items
    assert [(i.source.name, i.fmt, i.source.language) for i in items] == [("agencia", "md", "es")]


def test_ingest_post_invalid_upload_is_refused_without_loading_anything(
    client: TestClient,
) -> None:
    response = client.post(
        "/ingest",
        files=[("files", ("virus.exe", b"MZ", "application/octet-stream"))],
        data={"source_name": "X"},
        headers={"HX-Request": "true", "HX-Trigger": "ingest-form"},
    )
    assert response.status_code == 415
    assert response.headers["HX-Retarget"] == "#ingest-form-error"
    assert "virus.exe" in response.text
    assert client.app.state.ingest_jobs.jobs == {}
    empty = client.post("/ingest", data={"source_name": "", "text": "Hola."})
    assert empty.status_code == 422 and "source_name" in empty.text
    assert client.get("/ingest/jobs/nope").status_code == 404
