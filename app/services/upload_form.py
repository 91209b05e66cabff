"""Validating what the browser's upload form sends, before anything is stored.

Each file (or the pasted text) comes with what a sources.toml entry says of an article: its
outlet, publication date and time, and URL, validated by the same code (app/ingest/manifest.py)
and stored the same way. A zip is unpacked in memory and its own sources.toml honoured.

A bad form field (outlet, date, URL, pasted text) refuses the whole request, naming the field
and the file; a bad file is refused by name with the reason and the upload's other files go
on, as they would in a folder given to ``cotejo ingest``; when no file is left, the request is
refused naming every file.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, tzinfo
from itertools import zip_longest
from pathlib import PurePath, PurePosixPath

from app.ingest.archive import ArchiveError, read_zip
from app.ingest.dates import parse_published
from app.ingest.manifest import ManifestError, SourceEntry, parse_source, parse_sources
from app.ingest.names import printable
from app.ingest.readers import (
    RAW_BYTES_PER_CHAR,
    SUPPORTED_SUFFIXES,
    ReadError,
    detect_format,
    parse_document,
)
from app.services.errors import InputError, refuse_nul

log = logging.getLogger(__name__)

MAX_FILES = 20
MAX_SOURCE_NAME = 200
PASTED = "pasted text"
SOURCES_MANIFEST = "sources.toml"
# The form's fields for what a manifest entry's fields say, for a file and for the pasted text.
FORM_FIELDS = {
    "file": {"name": "file_outlet", "published": "file_published", "url": "file_url"},
    "text": {"name": "source_name", "published": "text_published", "url": "text_url"},
}


@dataclass(frozen=True, slots=True)
class UploadedFile:
    filename: str
    content: bytes


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What the form says of one file or of the pasted text, as typed; empty when not given."""

    outlet: str = ""
    published: str = ""  # a date, or a date and time with or without its UTC offset
    url: str = ""


@dataclass(frozen=True, slots=True)
class ArticleUpload:
    """One validated input, ready for ``ingest_entry``."""

    name: str  # file name ("a.zip/b.txt" for a zip's member), or "pasted text"
    source: SourceEntry  # as a sources.toml entry would describe it
    content: str | bytes
    fmt: str
    filename: str | None


@dataclass(frozen=True, slots=True)
class RefusedFile:
    name: str
    message: str  # "name: reason"
    status: int  # the HTTP status it would get on its own


@dataclass(frozen=True, slots=True)
class ValidatedUpload:
    items: list[ArticleUpload]
    refused: list[RefusedFile]  # the files left out, each with its reason


def _source_name(raw: str, field: str) -> str:
    name = refuse_nul(" ".join(raw.split()), field)
    if len(name) > MAX_SOURCE_NAME:
        raise InputError(field, f"The source name is longer than {MAX_SOURCE_NAME} characters.")
    return name


def rows_of(
    outlets: Sequence[str] | None, published: Sequence[str] | None, urls: Sequence[str] | None
) -> list[ArticleMeta]:
    """The upload form's per-file fields, row by row (a row may send fewer fields)."""
    columns = zip_longest(outlets or (), published or (), urls or (), fillvalue="")
    return [ArticleMeta(*row) for row in columns]


def form_entry(file: str, outlet: str, meta: ArticleMeta, form: str, zone: tzinfo) -> SourceEntry:
    """The sources.toml entry the form's fields make for ``file``: validated as a manifest
    entry, so a bad date or URL is refused with the same reasons, naming the form field."""
    fields = FORM_FIELDS[form]
    # A shown name may hold a backslash (printable spells a newline "\n"), which a manifest's
    # "file" refuses as a path: the entry takes the name once validated.
    table: dict[str, object] = {"file": "upload", "name": outlet}
    if meta.published.strip():
        try:
            # What TOML gives for `published = 2023-09-13T08:30:00+02:00`, from the typed text.
            table["published"] = parse_published(meta.published, zone)
        except ValueError as exc:
            raise InputError(fields["published"], f"{file}: published: {exc}") from None
    if meta.url.strip():
        table["url"] = refuse_nul(meta.url, fields["url"])
    try:
        return replace(parse_source(table, file, "upload form"), file=file)
    except ManifestError as exc:
        field = fields.get(exc.field or "", "files")
        raise InputError(field, f"{file}: {exc.field}: {exc.reason}") from None


def validate_uploads(
    files: Sequence[UploadedFile],
    *,
    file_meta: Sequence[ArticleMeta] = (),
    pasted_text: str = "",
    pasted: ArticleMeta = ArticleMeta(),
    zone: tzinfo = UTC,
    max_chars: int,
) -> ValidatedUpload:
    """Every input checked and parsed once. ``file_meta`` goes with ``files`` by position;
    the pasted text's outlet is also that of files given none. A bad form field raises
    InputError; bad files are left out with their reasons, and raise InputError (naming
    each) only when no input is left."""
    check_file_count(len(files))
    default_outlet = _source_name(pasted.outlet, "source_name")
    chosen = []
    for number, (upload, meta) in enumerate(zip_longest(files, file_meta), start=1):
        meta = meta or ArticleMeta()
        if upload is None or not (upload.filename or upload.content):
            if meta != ArticleMeta():  # a row filled in, its file forgotten
                raise InputError("files", f"File {number} has an outlet, date or URL but no file.")
            continue
        chosen.append((upload, meta))
    if not chosen and not pasted_text.strip():
        raise InputError("files", "Choose at least one file or paste a text.")
    items = []
    refused = []
    for upload, meta in chosen:
        # Shown and stored on one line as it is: a newline or "[b]" in a name is no markup.
        filename = printable(PurePath(upload.filename or "unnamed").name)
        # Files without an outlet are filed under their own name (without suffix).
        outlet = _source_name(meta.outlet, "file_outlet") or default_outlet
        entry = form_entry(filename, outlet or PurePath(filename).stem, meta, "file", zone)
        try:
            if is_zip(filename):
                if entry.url:
                    raise InputError(
                        "file_url",
                        f"{filename}: a URL names one article: give each its url in the "
                        "zip's sources.toml",
                    )
                items.extend(_zip_items(upload, filename, entry, bool(outlet), max_chars))
                continue
            fmt = _checked_file(upload, filename, max_chars)
        except InputError as exc:
            if exc.field != "files":
                raise
            refused.append(RefusedFile(filename, exc.message, exc.status))
            continue
        items.append(ArticleUpload(filename, entry, upload.content, fmt, filename))
    if pasted_text.strip():
        if not default_outlet:
            raise InputError("source_name", "Give the source name of the pasted text.")
        if len(pasted_text) > max_chars:
            raise InputError("text", f"The pasted text is longer than {max_chars} characters.", 413)
        entry = form_entry(PASTED, default_outlet, pasted, "text", zone)
        try:
            parse_document(pasted_text, "txt", PASTED, max_chars=max_chars)
        except ReadError as exc:
            raise InputError("text", f"pasted text: {exc.reason}") from None
        items.append(ArticleUpload(PASTED, entry, pasted_text, "txt", None))
    if not items:
        statuses = {r.status for r in refused}
        status = statuses.pop() if len(statuses) == 1 else 422
        raise InputError("files", "; ".join(r.message for r in refused), status)
    return ValidatedUpload(items, refused)


def _zip_items(
    upload: UploadedFile, filename: str, form: SourceEntry, outlet_given: bool, max_chars: int
) -> list[ArticleUpload]:
    """A zip's articles, each described by the sources.toml of its folder in the zip, else by
    the form (filed under its own name when the form gives no outlet); InputError on field
    "files" when anything in it is refused, so that none of it is stored."""
    try:
        members = read_zip(upload.content, max_member_bytes=max_chars * RAW_BYTES_PER_CHAR)
    except ArchiveError as exc:
        raise InputError("files", f"{filename}: {exc.reason}") from None
    manifests: dict[PurePosixPath, dict[str, SourceEntry]] = {}
    articles = []
    for member in members:
        label = printable(f"{filename}/{member.path}")
        if member.path.name == SOURCES_MANIFEST:
            try:
                manifests[member.path.parent] = parse_sources(
                    member.content.decode("utf-8-sig"), label
                )
            except UnicodeDecodeError:
                raise InputError("files", f"{label}: not UTF-8 text") from None
            except ManifestError as exc:
                raise InputError("files", str(exc)) from None
        elif member.path.suffix.lower() in SUPPORTED_SUFFIXES:
            fmt = _checked_file(UploadedFile(label, member.content), label, max_chars)
            articles.append((member, label, fmt))
        else:
            raise InputError(
                "files", f"{label}: not an article (.txt, .md, .html) nor sources.toml", 415
            )
    if not articles:
        raise InputError("files", f"{filename}: holds no article (.txt, .md, .html)")
    items = []
    for member, label, fmt in articles:
        listed = manifests.get(member.path.parent, {}).get(member.path.name)
        name = form.name if outlet_given else printable(member.path.stem)
        entry = listed or replace(form, file=member.path.name, name=name)
        items.append(ArticleUpload(label, entry, member.content, fmt, label))
    return items


def _checked_file(upload: UploadedFile, filename: str, max_chars: int) -> str:
    """The file's format, once its content has been read as an article; else InputError
    with the status it deserves on its own."""
    try:
        fmt = detect_format(filename)
    except ReadError as exc:
        raise InputError("files", f"{filename}: {exc.reason}", 415) from None
    if len(upload.content) > max_chars * RAW_BYTES_PER_CHAR:
        raise InputError(
            "files", f"{filename}: too large (limit {max_chars} characters of text)", 413
        )
    try:
        parse_document(upload.content, fmt, filename, max_chars=max_chars)
    except ReadError as exc:
        raise InputError("files", f"{filename}: {exc.reason}") from None
    except Exception as exc:  # a reader bug on one file is that file's refusal, not a 500
        log.exception("failed to read upload %s", filename)
        raise InputError("files", f"{filename}: could not be read: {exc!r}") from None
    return fmt


def is_zip(filename: str | None) -> bool:
    return PurePath(filename or "").suffix.lower() == ".zip"


def check_file_count(count: int) -> None:
    if count > MAX_FILES:
        raise InputError("files", f"At most {MAX_FILES} files per upload.", 413)
