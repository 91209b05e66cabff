"""Turn article files (plain text, Markdown, HTML) into normalised plain text.

Every later character offset (claims, spans, highlights) refers to ``Document.text``, so all
clean-up happens here, once, and nothing downstream may alter the text.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import trafilatura
from lxml import etree
from markdown_it import MarkdownIt

from app.config import DEFAULT_MAX_ARTICLE_CHARS
from app.ingest.dates import Published, from_html
from app.ingest.encoding import DecodeError, decode
from app.ingest.names import printable

_FORMAT_BY_SUFFIX = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}
SUPPORTED_SUFFIXES = tuple(_FORMAT_BY_SUFFIX)
_FORMATS = ("txt", "md", "html")
# HTML carries far more bytes than text; past this multiple of the text limit a file cannot be
# worth parsing, so it is refused before being read into memory.
RAW_BYTES_PER_CHAR = 10
# Below this many characters trafilatura has fallen back to its raw whole-page text (menus
# included, inline tags split into lines); the plain flattener does better on such small pages.
# 250 is trafilatura's own MIN_EXTRACTED_SIZE.
_MIN_EXTRACTED_CHARS = 250

# Elements whose text is never article content.
_DROPPED_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside")
# Elements that end a paragraph (or line) when HTML is flattened to text.
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tr",
        "ul",
    ]
)
_SPACES = re.compile(r"\s+")
# Break markers used while flattening HTML. They start with NUL, which accepted input never
# contains; the collapsed spaces around a break are layout and are removed with it.
_PARAGRAPH = "\x00\x00"
_LINE = "\x00\x01"
_LINE_MARKS = re.compile(r" ?\x00\x01 ?")
_PARAGRAPH_MARKS = re.compile(r"[ \n]*(?:\x00\x00[ \n]*)+")
_BLANK_RUNS = re.compile(r"\n{3,}")
# Line breaks that Python's str.splitlines honours; unified so offsets mean the same everywhere.
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85]")


class ReadError(Exception):
    """An input that cannot become a Document; the message names the input and the reason.

    The name is printed as it is, on one line (see ``printable``): a newline or an escape
    sequence in a file name must not garble the message or the terminal.
    """

    def __init__(self, path: str, reason: str) -> None:
        path = printable(path)
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Document:
    """One article as plain text; all later character offsets refer to ``text``."""

    text: str
    title: str | None
    format: str  # "txt" | "md" | "html"
    # When the page says it was published (HTML metadata only; never guessed from text).
    published: Published | None = None
    # How the file's encoding was guessed, when it had to be ("read as Latin-1: …").
    encoding_note: str = ""


def detect_format(name: str | Path) -> str:
    """Return "txt", "md" or "html" for a file name, or raise ReadError for other suffixes."""
    suffix = Path(name).suffix.lower()
    try:
        return _FORMAT_BY_SUFFIX[suffix]
    except KeyError:
        shown = f"'{suffix}'" if suffix else "(none)"
        raise ReadError(
            str(name), f"unsupported file type {shown} (expected .txt, .md, .html)"
        ) from None


def read_document(path: Path, max_chars: int = DEFAULT_MAX_ARTICLE_CHARS) -> Document:
    """Read one article file; the format comes from the file's suffix."""
    name = str(path)
    fmt = detect_format(path)
    limit = max_chars * RAW_BYTES_PER_CHAR
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ReadError(name, "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):  # a named pipe would never end
            raise ReadError(name, "not a regular file (a device, socket or pipe)")
        if (size := info.st_size) > limit:
            raise ReadError(name, f"file too large ({size} bytes; limit is {max_chars} characters)")
        with path.open("rb") as file:
            raw = file.read(limit + 1)  # a file that grew since stat is still bounded
    except FileNotFoundError:
        raise ReadError(name, "no such file") from None
    except IsADirectoryError:
        raise ReadError(name, "is a directory, not a file") from None
    except OSError as exc:
        raise ReadError(name, f"cannot be read ({exc.strerror or exc})") from None
    return parse_document(raw, fmt, name, max_chars)


def parse_document(
    raw: bytes | str, fmt: str, name: str, max_chars: int = DEFAULT_MAX_ARTICLE_CHARS
) -> Document:
    """Build a Document from uploaded or pasted content; ``name`` is only used in errors."""
    if fmt not in _FORMATS:
        raise ReadError(name, f"unknown format '{fmt}' (expected one of {', '.join(_FORMATS)})")
    if len(raw) > max_chars * RAW_BYTES_PER_CHAR:
        raise ReadError(name, f"input too large for an article of at most {max_chars} characters")
    source, encoding_note = _decode(raw, name)
    published = None
    if fmt == "html":
        text, title = _extract_html(source)
        published = from_html(source)
    elif fmt == "md":
        text, title = _extract_markdown(source)
    else:
        text, title = source, None
    text = normalise_text(text)
    if not text:
        raise ReadError(name, "no text")
    if len(text) > max_chars:
        raise ReadError(name, f"too long ({len(text)} characters; limit is {max_chars})")
    if title is not None:
        title = _SPACES.sub(" ", unicodedata.normalize("NFC", title)).strip() or None
    return Document(text, title, fmt, published, encoding_note)


def normalise_text(text: str) -> str:
    """NFC, Unix line breaks, no trailing spaces, at most one blank line in a row, stripped."""
    text = _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", text))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip()


def _decode(raw: bytes | str, name: str) -> tuple[str, str]:
    """The text and, when its encoding had to be guessed, a note saying how it was read."""
    if isinstance(raw, str):
        if "\x00" in raw:
            raise ReadError(name, "binary file (contains NUL characters)")
        return raw.removeprefix("\ufeff"), ""
    try:
        decoded = decode(raw)
    except DecodeError as exc:
        raise ReadError(name, str(exc)) from None
    return decoded.text, decoded.note


def _extract_html(html: str) -> tuple[str, str | None]:
    """Main text and title of a web page; small pages are flattened directly."""
    # trafilatura only parses the string given; it fetches nothing the page references.
    try:
        extracted = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_recall=True,
        )
    except Exception:  # it trips on some markup (a page rooted in <svg>); the flattener copes
        extracted = None
    tree = _parse_html(html)
    fallback_title = _html_title(tree) if tree is not None else None
    if extracted is not None and len((extracted.text or "").strip()) >= _MIN_EXTRACTED_CHARS:
        return extracted.text, extracted.title or fallback_title
    if tree is None:
        return "", None
    return _html_to_text(tree), fallback_title


def _extract_markdown(source: str) -> tuple[str, str | None]:
    # Rendering to HTML lets one flattening routine serve both formats; the renderer only
    # produces markup, it never resolves links or images.
    html = MarkdownIt("commonmark").render(source)
    tree = _parse_html(f"<html><body>{html}</body></html>")
    if tree is None:
        return "", None
    first_h1 = tree.find(".//h1")
    title = first_h1.text_content() if first_h1 is not None else None
    return _html_to_text(tree), title


def _parse_html(html: str) -> lxml.html.HtmlElement | None:
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _html_title(tree: lxml.html.HtmlElement) -> str | None:
    for xpath in ("//head/title", "//h1"):
        found = tree.xpath(xpath)
        if found and (text := found[0].text_content().strip()):
            return text
    return None


def _html_to_text(tree: lxml.html.HtmlElement) -> str:
    """Flatten <body> to text: one line per block element, source whitespace collapsed."""
    body = tree.find("body")
    chunks: list[str] = []
    pre_depth = 0  # whitespace inside <pre> (code blocks) is content, elsewhere it is layout
    # An event walk rather than recursion, so deeply nested markup cannot exhaust the stack.
    walker = etree.iterwalk(
        body if body is not None else tree, events=("start", "end", "comment", "pi")
    )
    for event, el in walker:
        if event in ("comment", "pi"):
            _append_text(chunks, el.tail, pre_depth)
        elif event == "start":
            if el.tag in _DROPPED_TAGS:
                walker.skip_subtree()
                continue
            pre_depth += el.tag == "pre"
            if el.tag in _BLOCK_TAGS:
                chunks.append(_PARAGRAPH)
            elif el.tag == "br":
                chunks.append(_LINE)
            _append_text(chunks, el.text, pre_depth)
        else:
            if el.tag not in _DROPPED_TAGS:
                pre_depth -= el.tag == "pre"
                if el.tag in _BLOCK_TAGS:
                    chunks.append(_PARAGRAPH)
                elif el.tag in ("td", "th"):
                    _append_text(chunks, " ", pre_depth)
            _append_text(chunks, el.tail, pre_depth)
    text = _LINE_MARKS.sub("\n", "".join(chunks))
    # One line per paragraph, as in trafilatura output and the plain-text seeds.
    return _PARAGRAPH_MARKS.sub("\n", text)


def _append_text(chunks: list[str], text: str | None, pre_depth: int) -> None:
    """Add source text, collapsing layout whitespace across the boundaries between elements."""
    if not text:
        return
    if not pre_depth:
        text = _SPACES.sub(" ", text)
        if text.startswith(" ") and chunks and chunks[-1].endswith(" "):
            text = text[1:]
    if text:
        chunks.append(text)
