"""Articles added from the browser, ingested in the background once validated
(app/services/upload_form.py): the ingest runs in a thread (spaCy takes seconds) and reports
progress per article.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.orm import Session, sessionmaker

from app.db import queries
from app.db.models import utcnow
from app.ingest.readers import RAW_BYTES_PER_CHAR
from app.services.dashboard import IngestResult, build_ingest_result
from app.services.upload_form import (
    ArticleMeta,
    ArticleUpload,
    RefusedFile,
    UploadedFile,
    check_file_count,
    is_zip,
    validate_uploads,
)

if TYPE_CHECKING:  # the engine imports spaCy: only when an ingest actually runs
    from spacy.language import Language

    from app.services.ingest import IngestReport

KEPT_JOBS = 20


class UploadSource(Protocol):
    """A file part of the upload form (FastAPI's UploadFile), not read yet."""

    filename: str | None

    async def read(self, size: int = -1) -> bytes: ...


def known_outlets(session: Session) -> list[str]:
    """The outlets already stored, offered in the form so that a report is filed under the
    same outlet rather than a new spelling of it."""
    return [source.name for source in queries.select_sources(session)]


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
        zone: tzinfo = UTC,
    ) -> None:
        self.session_factory = session_factory
        self.load_nlp = load_nlp
        self.max_chars = max_chars
        self.zone = zone  # of a publication time given without its UTC offset
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
        file_meta: Sequence[ArticleMeta],
        pasted_text: str,
        pasted: ArticleMeta,
    ) -> IngestJob:
        """Validate an upload form and start its ingest; nothing is stored if any input fails.

        The number of files is checked before any file is read; each article file is read
        only one byte past its size limit (a zip whole: the request's size limit bounds it).
        """
        check_file_count(len(files))
        limit = self.max_chars * RAW_BYTES_PER_CHAR + 1
        uploads = [
            UploadedFile(f.filename or "", await f.read(-1 if is_zip(f.filename) else limit))
            for f in files
        ]
        upload = validate_uploads(
            uploads,
            file_meta=file_meta,
            pasted_text=pasted_text,
            pasted=pasted,
            zone=self.zone,
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
        from app.services.ingest import ingest_entry

        with self.run_lock:
            before: set[str] | None = None
            try:
                before = self._finding_fingerprints()
                nlp = self.load_nlp()
                for item in items:
                    job.current = item.name
                    part = ingest_entry(
                        self.session_factory,
                        nlp,
                        entry=item.source,
                        text=item.content,
                        fmt=item.fmt,
                        filename=item.filename,
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
