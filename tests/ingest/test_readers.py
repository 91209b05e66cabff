"""Reading article files: formats, encodings, clean-up and errors."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from app.ingest.discovery import discover_files
from app.ingest.readers import (
    SUPPORTED_SUFFIXES,
    Document,
    ReadError,
    detect_format,
    normalise_text,
    parse_document,
    read_document,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

PARAGRAPHS = (
    "El líder norcoreano, Kim Jong-un, y el presidente ruso, Vladimir Putin, se encontraron en "
    "una cumbre poco común en el cosmódromo de Vostochny.",
    "Kim viajó en tren desde Corea del Norte para la reunión, durante la cual mostró un gran "
    "interés en los detalles sobre cohetes.",
    "Después de la visita al cosmódromo, ambos líderes sostuvieron conversaciones durante cinco "
    "horas, acompañados por sus ministros.",
)

ARTICLE_PAGE = f"""<!DOCTYPE html>
<html lang="es">
<head>
  <meta charset="utf-8">
  <title>Putin y Kim se reúnen en Vostochny | Diario Ejemplo</title>
  <style>body {{ font-family: serif; }}</style>
  <script>window.tracker = "SCRIPT-BOILERPLATE";</script>
  <script src="https://example.invalid/ads.js"></script>
</head>
<body>
  <header><nav><a href="/">Inicio</a> <a href="/mundo">NAV-BOILERPLATE Mundo</a></nav></header>
  <main>
    <article>
      <h1>Putin y Kim se reúnen en Vostochny</h1>
      <p>{PARAGRAPHS[0]}</p>
      <p>{PARAGRAPHS[1]}</p>
      <p>{PARAGRAPHS[2]}</p>
    </article>
  </main>
  <footer>FOOTER-BOILERPLATE © 2023 Diario Ejemplo. Todos los derechos reservados.</footer>
  <script>document.write("SCRIPT-BOILERPLATE-2");</script>
</body>
</html>
"""

BOILERPLATE = ("SCRIPT-BOILERPLATE", "NAV-BOILERPLATE", "FOOTER-BOILERPLATE", "font-family")


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- plain text -------------------------------------------------------------------------------


def test_txt_is_normalised_and_keeps_paragraphs(tmp_path: Path) -> None:
    raw = "  \r\nPrimer párrafo.   \r\nSegundo párrafo.\t\r\n\r\n\r\n\r\n\r\nTercero.\r\n\r\n"
    doc = read_document(write(tmp_path, "a.txt", raw.encode()))
    assert doc == Document(
        text="Primer párrafo.\nSegundo párrafo.\n\nTercero.", title=None, format="txt"
    )


def test_txt_with_utf8_bom(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "bom.txt", "\ufeffReunión en Rusia.".encode()))
    assert doc.text == "Reunión en Rusia."


def test_text_is_nfc(tmp_path: Path) -> None:
    decomposed = "reunio\u0301n"  # "o" + combining acute accent
    doc = read_document(write(tmp_path, "nfd.txt", decomposed))
    assert doc.text == "reuni\u00f3n"


# --- encodings -------------------------------------------------------------------------------

SPANISH = "La reunión duró “más de cuatro horas”, según el Ministerio de Pesca — añadió."


@pytest.mark.parametrize(
    "raw",
    [
        codecs.BOM_UTF8 + SPANISH.encode("utf-8"),
        SPANISH.encode("utf-16"),  # with the platform's byte-order mark
        codecs.BOM_UTF16_LE + SPANISH.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SPANISH.encode("utf-16-be"),
        SPANISH.encode("utf-32"),
        codecs.BOM_UTF32_LE + SPANISH.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + SPANISH.encode("utf-32-be"),
    ],
    ids=["utf-8-bom", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"],
)
def test_a_byte_order_mark_is_trusted(tmp_path: Path, raw: bytes) -> None:
    doc = read_document(write(tmp_path, "a.txt", raw))
    assert doc.text == SPANISH
    assert doc.encoding_note == ""  # declared, not guessed: nothing to check


@pytest.mark.parametrize(
    ("text", "codec", "label"),
    [
        ("La reunión duró dos horas en Cáceres; el año próximo, más.", "latin-1", "Latin-1"),
        (SPANISH, "cp1252", "Windows-1252"),  # curly quotes and the dash are 0x80-0x9F
    ],
)
def test_latin1_and_windows_1252_are_read_and_said_so(
    tmp_path: Path, text: str, codec: str, label: str
) -> None:
    doc = read_document(write(tmp_path, "legacy.txt", text.encode(codec)))
    assert doc.text == text
    assert doc.encoding_note == f"read as {label}: it is not UTF-8, check its accents"


def test_utf16_without_a_mark_is_read_and_said_so(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "sin-bom.txt", SPANISH.encode("utf-16-le")))
    assert doc.text == SPANISH
    assert doc.encoding_note.startswith("read as UTF-16LE: it has no byte-order mark")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
        (b"PK\x03\x04\x14\x00" + bytes(range(256)) * 8, "binary file (contains NUL bytes)"),
        (bytes(range(1, 9)) * 20, "binary file (160 control characters in it)"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8ab", "not valid UTF-16LE (invalid data at position 2)"),
        (
            "Встреча министров длилась три часа в Москве.".encode("cp1251"),
            "not UTF-8 text (invalid byte at position 0); it looks like cp1251",
        ),
    ],
    ids=["png", "zip", "controls", "bad-utf-16", "cyrillic"],
)
def test_what_is_not_text_is_refused_with_the_reason(
    tmp_path: Path, raw: bytes, reason: str
) -> None:
    path = write(tmp_path, "x.txt", raw)
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert caught.value.path == str(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert reason in caught.value.reason
    assert "re-save it as UTF-8" in caught.value.reason or "binary" in caught.value.reason


def test_html_in_windows_1252_is_read(tmp_path: Path) -> None:
    page = ARTICLE_PAGE.replace('charset="utf-8"', 'charset="windows-1252"')
    doc = read_document(write(tmp_path, "page.html", page.encode("cp1252")))
    assert doc.text == read_document(write(tmp_path, "utf8.html", ARTICLE_PAGE)).text
    assert doc.encoding_note.startswith("read as ")


# --- file names in messages -------------------------------------------------------------------


def test_messages_name_the_file_on_one_printable_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[bold]a\nb\x1b[31m.txt", b"\x00")
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert (
        str(caught.value)
        == f"{tmp_path}/[bold]a\\nb\\x1b[31m.txt: binary file (contains NUL bytes)"
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", ""),
        ("blank.txt", " \n\t\r\n \n"),
        ("empty.md", "![solo una imagen](foto.png)\n"),
        (
            "empty.html",
            "<html><head><script>x()</script></head><body><nav>Menú</nav></body></html>",
        ),
    ],
)
def test_empty_documents_are_refused(tmp_path: Path, name: str, content: str) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(ReadError, match="no text") as caught:
        read_document(path)
    assert caught.value.path == str(path)


def test_too_long_document_names_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "long.txt", "palabra " * 100)
    with pytest.raises(ReadError, match=r"limit is 500\b") as caught:
        read_document(path, max_chars=500)
    assert str(path) in str(caught.value)
    assert read_document(path, max_chars=1000).text.endswith("palabra")


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.html", "<p>x</p>" * 2000)
    with pytest.raises(ReadError, match=r"too large.*limit is 100 characters"):
        read_document(path, max_chars=100)


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = write(tmp_path, "a.pdf", b"%PDF-1.4")
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert str(caught.value) == (
        f"{path}: unsupported file type '.pdf' (expected .txt, .md, .html)"
    )


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(ReadError, match="no such file") as caught:
        read_document(path)
    assert caught.value.path == str(path)


def test_detect_format_ignores_case() -> None:
    assert [detect_format(f"a{s.upper()}") for s in SUPPORTED_SUFFIXES] == [
        "txt",
        "md",
        "md",
        "html",
        "html",
    ]


# --- HTML ------------------------------------------------------------------------------------


def test_html_article_keeps_paragraphs_and_drops_boilerplate(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "article.html", ARTICLE_PAGE))
    assert doc.format == "html"
    assert doc.title is not None and "Putin y Kim se reúnen" in doc.title
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text.split("\n")
    for marker in BOILERPLATE:
        assert marker not in doc.text
    assert "<" not in doc.text and "example.invalid" not in doc.text


def test_small_html_page_uses_the_fallback(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Breve</title><style>p {color: red}</style></head><body>"
        "<header>Cabecera</header><nav><a href='/'>Inicio</a></nav>"
        "<p>Kim y <b>Putin</b>\n   se reunieron.<br>Durante <i>cinco</i> horas.</p>"
        "<!-- comentario --><div>Otro párrafo.</div>"
        "<footer>Pie de página</footer><script>alert('x')</script></body></html>"
    )
    doc = read_document(write(tmp_path, "breve.htm", page))
    assert doc == Document(
        text="Kim y Putin se reunieron.\nDurante cinco horas.\nOtro párrafo.",
        title="Breve",
        format="html",
    )


def test_a_page_trafilatura_trips_on_is_still_read(tmp_path: Path) -> None:
    # A page rooted in <svg> makes htmldate (inside trafilatura) fail an assertion.
    page = "<svg><script>alert(1)</script><text>La cumbre duró tres horas.</text></svg>"
    assert read_document(write(tmp_path, "dibujo.html", page)).text == "La cumbre duró tres horas."


def test_html_title_falls_back_to_first_h1(tmp_path: Path) -> None:
    page = "<html><body><h1>Cumbre  en\nRusia</h1><p>Texto breve.</p></body></html>"
    doc = read_document(write(tmp_path, "h1.html", page))
    assert doc.title == "Cumbre en Rusia"
    assert doc.text == "Cumbre en Rusia\nTexto breve."


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_is_stripped_to_text(tmp_path: Path) -> None:
    source = (
        "# Cumbre en *Vostochny*\n\n"
        "Kim y **Putin** hablaron [cinco horas](https://example.invalid/nota). "
        "![foto](https://example.invalid/foto.jpg)\n\n"
        "## Contexto\n\n"
        "- Primera visita\n"
        "- Segunda visita\n\n"
        "```\nlinea  de   codigo\n    sangrada\n```\n"
    )
    doc = read_document(write(tmp_path, "nota.md", source))
    assert doc == Document(
        text=(
            "Cumbre en Vostochny\n"
            "Kim y Putin hablaron cinco horas.\n"
            "Contexto\n"
            "Primera visita\n"
            "Segunda visita\n"
            "linea  de   codigo\n"
            "    sangrada"
        ),
        title="Cumbre en Vostochny",
        format="md",
    )


def test_markdown_without_h1_has_no_title(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "nota.markdown", "## Sub\n\nTexto."))
    assert doc.title is None
    assert doc.text == "Sub\nTexto."


def test_markdown_drops_raw_script(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "x.md", "Texto.\n\n<script>alert('x')</script>\n"))
    assert doc.text == "Texto."


# --- parse_document (uploads, pasted text) ---------------------------------------------------


def test_parse_document_accepts_str_and_bytes() -> None:
    assert parse_document("Hola.\r\n", "txt", "pegado").text == "Hola."
    assert parse_document("\ufeffHola.".encode(), "txt", "subido.txt").text == "Hola."


def test_parse_document_errors_use_the_given_name() -> None:
    with pytest.raises(ReadError, match=r"^subida\.txt: not UTF-8 text"):
        parse_document("Встреча длилась три часа.".encode("cp1251"), "txt", "subida.txt")
    with pytest.raises(ReadError, match=r"^pegado: no text$"):
        parse_document("   ", "txt", "pegado")
    with pytest.raises(ReadError, match=r"^pegado: binary file"):
        parse_document("a\x00b", "txt", "pegado")
    with pytest.raises(ReadError, match=r"^x: unknown format 'pdf'"):
        parse_document("a", "pdf", "x")


# --- normalise_text --------------------------------------------------------------------------


def test_normalise_text() -> None:
    raw = "\n\n  Uno  \r\ndos\rtres\u2028\n\n\n\ncuatro\u00a0\n\n"
    assert normalise_text(raw) == "Uno\ndos\ntres\n\ncuatro"
    assert normalise_text(normalise_text(raw)) == normalise_text(raw)


# --- seeds -----------------------------------------------------------------------------------


def test_every_seed_article_reads() -> None:
    files = discover_files([SEEDS]).files
    assert len(files) == 5
    for path in files:
        doc = read_document(path)
        assert doc.format == "txt"
        assert len(doc.text) > 1000
        assert doc.text == normalise_text(doc.text)
