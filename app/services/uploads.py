"""Articles added from the browser: validate every input first, then ingest in the background.

Validation covers all files and the pasted text before anything is stored. A bad form
(source name, language, pasted text) refuses the whole request; a bad file is refused by
name with the reason and the upload's other files go on, as they would in a folder given
to ``cotejo ingest``; when no file is left, the request is refused naming every file.
The ingest itself runs in a thread (spaCy takes seconds) and reports progress per article.
"""

from __future__ import annotations

import logging
import re
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.orm import Session, sessionmaker

from app.db import queries
from app.db.models import utcnow
from app.ingest.names import printable
from app.ingest.readers import RAW_BYTES_PER_CHAR, ReadError, detect_format, parse_document
from app.services.dashboard import IngestResult, build_ingest_result
from app.services.errors import InputError, refuse_nul

if TYPE_CHECKING:  # the engine imports spaCy: only when an ingest actually runs
    from spacy.language import Language

    from app.services.ingest import IngestReport

log = logging.getLogger(__name__)

MAX_FILES = 20
MAX_SOURCE_NAME = 200
LANGUAGE = re.compile(r"^[a-z]{2,3}$")
KEPT_JOBS = 20


class UploadSource(Protocol):
    """A file part of the upload form (FastAPI's UploadFile), not read yet."""

    filename: str | None

    async def read(self, size: int = -1) -> bytes: ...


@dataclass(frozen=True, slots=True)
class UploadedFile:
    filename: str
    content: bytes


@dataclass(frozen=True, slots=True)
class ArticleUpload:
    """One validated input, ready for ``ingest_text``."""

    name: str  # file name, or "pasted text"
    source_name: str
    content: str | bytes
    fmt: str
    filename: str | None
    language: str


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


def validate_uploads(
    files: Sequence[UploadedFile],
    *,
    source_name: str,
    pasted_text: str,
    language: str,
    max_chars: int,
) -> ValidatedUpload:
    """Every input checked and parsed once. A bad form field raises InputError; bad files
    are left out with their reasons, and raise InputError (naming each) only when no input
    is left."""
    check_file_count(len(files))
    language = language.strip().lower() or "es"
    if not LANGUAGE.match(language):
        raise InputError("language", "The language must be a 2- or 3-letter code such as 'es'.")
    name = _source_name(source_name, "source_name")
    files = [f for f in files if f.filename or f.content]
    if not files and not pasted_text.strip():
        raise InputError("files", "Choose at least one file or paste a text.")
    items = []
    refused = []
    for upload in files:
        # Shown and stored on one line as it is: a newline or "[b]" in a name is no markup.
        filename = printable(PurePath(upload.filename or "unnamed").name)
        try:
            fmt = _checked_file(upload, filename, max_chars)
        except InputError as exc:
            refused.append(RefusedFile(filename, exc.message, exc.status))
            continue
        # Files without a source name are filed under their own name (without suffix).
        source = name or PurePath(filename).stem
        items.append(ArticleUpload(filename, source, upload.content, fmt, filename, language))
    if pasted_text.strip():
        if not name:
            raise InputError("source_name", "Give the source name of the pasted text.")
        if len(pasted_text) > max_chars:
            raise InputError("text", f"The pasted text is longer than {max_chars} characters.", 413)
        try:
            parse_document(pasted_text, "txt", "pasted text", max_chars=max_chars)
        except ReadError as exc:
            raise InputError("text", f"pasted text: {exc.reason}") from None
        items.append(ArticleUpload("pasted text", name, pasted_text, "txt", None, language))
    if not items:
        statuses = {r.status for r in refused}
        status = statuses.pop() if len(statuses) == 1 else 422
        raise InputError("files", "; ".join(r.message for r in refused), status)
    return ValidatedUpload(items, refused)


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


def check_file_count(count: int) -> None:
    if count > MAX_FILES:
        raise InputError("files", f"At most {MAX_FILES} files per upload.", 413)


@dataclass
class IngestJob:
    """Progress and outcome of one browser ingest; read by the polling page."""

    id: str
    names: list[str]
    started_at: datetime = field(default_factory=utcnow)
    done: int = 0
    current: str | None = None
    finished: bool = False
    error: str | None = None
    report: IngestReport | None = None
    # Fingerprints of the findings this job brought: ids may change or be reused between
    # the job's articles (each one recomputes all findings), fingerprints do not.
    new_findings: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.names)


def merge_reports(total: IngestReport | None, part: IngestReport) -> IngestReport:
    if total is None:
        return part
    total.added += part.added
    total.replaced += part.replaced
    total.unchanged += part.unchanged
    total.failed += part.failed
    total.refused += part.refused
    total.notes += part.notes
    total.new_claim_ids += part.new_claim_ids
    # New findings are not merged from the parts (their ids may no longer hold by the end):
    # the job compares the findings before and after instead (IngestJob.new_findings).
    return total


class IngestJobs:
    """The browser's ingest jobs; one runs at a time, since SQLite has one writer."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        load_nlp: Callable[[], Language],
        max_chars: int,
    ) -> None:
        self.session_factory = session_factory
        self.load_nlp = load_nlp
        self.max_chars = max_chars
        self.jobs: dict[str, IngestJob] = {}
        self.lock = threading.Lock()
        self.run_lock = threading.Lock()

    def get(self, job_id: str) -> IngestJob | None:
        with self.lock:
            return self.jobs.get(job_id)

    async def accept(
        self,
        files: Sequence[UploadSource],
        *,
        source_name: str,
        pasted_text: str,
        language: str,
    ) -> IngestJob:
        """Validate an upload form and start its ingest; nothing is stored if any input fails.

        The number of files is checked before any file is read; each file is read only one
        byte past its size limit.
        """
        check_file_count(len(files))
        limit = self.max_chars * RAW_BYTES_PER_CHAR + 1
        uploads = [UploadedFile(f.filename or "", await f.read(limit)) for f in files]
        upload = validate_uploads(
            uploads,
            source_name=source_name,
            pasted_text=pasted_text,
            language=language,
            max_chars=self.max_chars,
        )
        return self.start(upload.items, upload.refused)

    def start(
        self, items: Sequence[ArticleUpload], refused: Sequence[RefusedFile] = ()
    ) -> IngestJob:
        job = IngestJob(id=uuid.uuid4().hex, names=[i.name for i in items])
        if refused:  # shown with the job's other failures once it is done
            from app.services.ingest import IngestReport

            job.report = IngestReport(failed=[(r.name, r.message) for r in refused])
        with self.lock:
            self.jobs[job.id] = job
            for old in list(self.jobs)[:-KEPT_JOBS]:
                del self.jobs[old]
        threading.Thread(target=self.run, args=(job, list(items)), daemon=True).start()
        return job

    def run(self, job: IngestJob, items: list[ArticleUpload]) -> None:
        from app.services.ingest import ingest_text

        with self.run_lock:
            before: set[str] | None = None
            try:
                before = self._finding_fingerprints()
                nlp = self.load_nlp()
                for item in items:
                    job.current = item.name
                    part = ingest_text(
                        self.session_factory,
                        nlp,
                        source_name=item.source_name,
                        text=item.content,
                        fmt=item.fmt,
                        filename=item.filename,
                        language=item.language,
                        max_chars=self.max_chars,
                    )
                    job.report = merge_reports(job.report, part)
                    job.done += 1
            except Exception as exc:  # shown to the user; each article commits on its own
                job.error = f"{type(exc).__name__}: {exc}"
            finally:
                try:
                    if before is not None:
                        job.new_findings = sorted(self._finding_fingerprints() - before)
                except Exception as exc:
                    job.error = job.error or f"{type(exc).__name__}: {exc}"
                job.current = None
                job.finished = True

    def _finding_fingerprints(self) -> set[str]:
        with self.session_factory() as session:
            return queries.select_all_finding_fingerprints(session)


@dataclass(slots=True)
class JobPage:
    job: IngestJob
    # Once the job has finished: its new claims and findings.
    result: IngestResult | None


def build_job_page(session: Session, jobs: IngestJobs, job_id: str) -> JobPage | None:
    """A job's progress, and once finished its new claims and findings; None if unknown."""
    job = jobs.get(job_id)
    if job is None:
        return None
    result = None
    if job.finished and job.report is not None:
        result = build_ingest_result(session, job.report.new_claim_ids, job.new_findings)
    return JobPage(job, result)
