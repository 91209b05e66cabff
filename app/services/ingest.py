"""Ingesting articles: read, analyse with spaCy in batches, store, then compare.

Every article is stored in its own transaction, so one bad file is reported
(by name, with the reason) and everything else is kept. Re-ingesting the same
text adds nothing; a file whose text changed replaces its previous version.
Topic links of older articles and findings are recomputed afterwards, keyed on
stable fingerprints; each run first finishes what an interrupted one left owed
(app/services/derived.py).
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from spacy.language import Language
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.config import DEFAULT_MAX_ARTICLE_CHARS
from app.db import queries
from app.db.models import Article, Entity, Source, Topic
from app.db.session import bulk_write
from app.ingest.dates import Published, dateline, from_dateline, from_manifest
from app.ingest.discovery import discover_files
from app.ingest.language import other_language
from app.ingest.manifest import (
    ManifestError,
    SourceEntry,
    TopicSpec,
    load_sources,
    load_topics,
    source_for,
)
from app.ingest.names import path_text, printable
from app.ingest.readers import Document, ReadError, parse_document, read_document
from app.nlp.entities import EntityIndex
from app.services.analyse_pool import AnalysisJob, analyses
from app.services.analysis import Analysis
from app.services.crash_points import crash_point
from app.services.derived import FINDINGS, owe, owe_stale_match, start_of_run
from app.services.engine_version import engine_version, model_identity
from app.services.outlets import assign_outlets
from app.services.rematch import finish_derived_work, link_rows, specs_of

log = logging.getLogger(__name__)

SOURCES_MANIFEST = "sources.toml"
TOPICS_MANIFEST = "topics.toml"


@dataclass
class IngestReport:
    added: list[int] = field(default_factory=list)
    replaced: list[int] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # (file or name, message); the message itself names the file and says what was wrong.
    failed: list[tuple[str, str]] = field(default_factory=list)
    # Stored but not analysed (another language): (file or name, message).
    refused: list[tuple[str, str]] = field(default_factory=list)
    # Read, but worth a look (an encoding that had to be guessed): (file or name, message).
    notes: list[tuple[str, str]] = field(default_factory=list)
    new_claim_ids: list[int] = field(default_factory=list)
    new_finding_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.refused


@dataclass(frozen=True, slots=True)
class PendingArticle:
    key: str  # identity: a resolved file path, or "upload:..." / "paste:..."
    name: str  # what to call it in messages
    source: SourceEntry
    document: Document
    published: Published | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.document.text.encode()).hexdigest()

    @property
    def outlet(self) -> str:
        """The outlet's key, once app/services/outlets.py has chosen it."""
        assert self.source.key is not None, "outlets are assigned before articles are stored"
        return self.source.key


ProgressCallback = Callable[[int, int], None]
NoticeCallback = Callable[[str], None]


def engine_of(nlp: Language) -> str:
    return engine_version(model_identity(nlp.meta))


def store_topics(
    session_factory: sessionmaker[Session],
    folders: dict[str, Sequence[TopicSpec]],
    engine: str,
) -> None:
    """Store each folder's topics.toml topics and delete those it no longer defines; in the
    same transaction, owe a re-match of the stored claims if any definition changed."""
    with session_factory.begin() as session:
        existing = {t.slug: t for t in session.scalars(select(Topic))}
        relabelled = False
        for folder, specs in folders.items():
            slugs = {spec.slug for spec in specs}
            for slug, topic in list(existing.items()):
                if topic.defined_in == folder and slug not in slugs:
                    session.delete(existing.pop(slug))  # its links and findings go with it
            session.flush()  # before another folder may add the slug again
            for spec in specs:
                definition = asdict(spec)
                definition["cues"] = list(spec.cues)
                definition["value_kinds"] = list(spec.value_kinds)
                topic = existing.get(spec.slug)
                if topic is None:
                    topic = Topic(slug=spec.slug, definition=definition)
                    session.add(topic)
                elif topic.label != spec.label:
                    relabelled = True
                topic.label, topic.description = spec.label, spec.description
                topic.definition, topic.defined_in, topic.origin = definition, folder, "defined"
        session.flush()
        if relabelled:
            queries.rank_findings(session)  # findings are in order of their topics' labels
        owe_stale_match(session, engine)


def _published_columns(published: Published | None) -> dict:
    if published is None:
        return {"published": None, "published_at": None, "published_precision": None}
    at = published.at
    moment = at if isinstance(at, datetime) else datetime(at.year, at.month, at.day)
    if moment.tzinfo is not None:
        # In UTC: SQLite keeps no offset, so "07:05-05:00" must not be stored as 07:05 and
        # sort before "11:05+01:00".
        moment = moment.astimezone(UTC)
    return {
        "published": published.day,
        "published_at": moment,
        "published_precision": published.precision,
        "published_from": published.origin,
    }


def _store_article(
    session: Session,
    pending: PendingArticle,
    analysis: Analysis | None,
    entities: EntityIndex,
    refusal: str = "",
    language: str | None = None,
) -> tuple[Article, bool]:
    """Add one article, with its analysis or (``refusal``) without; returns it and whether it
    replaced an older version. An outlet left with no article (its only file now named
    another outlet's) goes with it."""
    source = session.scalar(select(Source).where(Source.key == pending.outlet))
    if source is None:
        source = Source(key=pending.outlet, name=pending.source.name)
        session.add(source)
    old = session.scalar(select(Article).where(Article.path == pending.key))
    if old is not None:
        previous = old.source
        session.delete(old)
        session.flush()
        if previous is not source and not queries.source_has_articles(session, previous.id):
            session.delete(previous)
    article = Article(
        source=source,
        path=pending.key,
        title=pending.source.title or pending.document.title,
        language=language or pending.source.language,
        text=pending.document.text,
        content_hash=pending.content_hash,
        status="refused" if refusal else "analysed",
        status_note=refusal,
        url=pending.source.url,
        **_published_columns(pending.published),
    )
    session.add(article)
    owe(session, FINDINGS, "articles were stored")
    if analysis is None:
        session.flush()
        return article, old is not None
    article.sentences = analysis.sentences
    article.claims = analysis.claims
    topic_ids = dict(session.execute(select(Topic.slug, Topic.id)).all())
    session.flush()
    session.add_all(link_rows(analysis.topic_links, topic_ids, lambda claim: claim.id))
    for draft in analysis.mentions:
        entity_id = entities.resolve(draft.key)
        if entity_id is None:
            entity = Entity(name=draft.name, label=draft.label, key=draft.key)
            session.add(entity)
            session.flush()
            entity_id = entity.id
            entities.add(draft.key, entity_id)
        draft.mention.entity_id = entity_id
        draft.mention.article_id = article.id
        session.add(draft.mention)
    session.flush()
    crash_point("ingest:mid-article")
    return article, old is not None


def _entity_index(session: Session) -> EntityIndex:
    index = EntityIndex()
    for entity_id, key in session.execute(select(Entity.id, Entity.key)):
        index.add(key, entity_id)
    return index


def analyse_and_store(
    session_factory: sessionmaker[Session],
    nlp: Language,
    pending: Sequence[PendingArticle],
    report: IngestReport,
    progress: ProgressCallback | None = None,
    processes: int = 1,
) -> None:
    """Analyse new or changed articles in batches, with up to ``processes`` worker
    processes, and store each in its own transaction."""
    pending = assign_outlets(session_factory, pending, report)
    with session_factory() as session:
        known = queries.select_article_hashes(session)
        topics = specs_of(session.scalars(select(Topic)).all())
        entities = _entity_index(session)
    todo: list[PendingArticle] = []
    for item in pending:
        identity = (item.outlet, item.content_hash)
        if identity in known:
            report.unchanged.append(item.name)
            continue
        known.add(identity)  # the same text twice in one batch is stored once per outlet
        refusal = _refusal(item, nlp.lang)
        if refusal is None:
            todo.append(item)
            continue
        message, language = refusal
        try:
            with session_factory.begin() as session:
                article, replaced = _store_article(
                    session, item, None, entities, refusal=message, language=language
                )
            (report.replaced if replaced else report.added).append(article.id)
            report.refused.append((item.name, f"{item.name}: not analysed: {message}"))
        except Exception as exc:  # one article's failure must not lose the others
            log.exception("failed to store %s", item.name)
            report.failed.append((item.name, f"{item.name}: could not be stored: {exc}"))
    jobs = [
        AnalysisJob(item.document.text, item.outlet, item.published.day if item.published else None)
        for item in todo
    ]
    results = analyses(nlp, jobs, topics, processes)
    for done, (item, analysis) in enumerate(zip(todo, results, strict=True), start=1):
        if isinstance(analysis, Exception):
            log.error("failed to analyse %s: %r", item.name, analysis)
            report.failed.append((item.name, f"{item.name}: could not be analysed: {analysis!r}"))
            continue
        try:
            with session_factory.begin() as session:
                bulk_write(session)
                article, replaced = _store_article(session, item, analysis, entities)
            (report.replaced if replaced else report.added).append(article.id)
            report.new_claim_ids.extend(claim.id for claim in analysis.claims)
            crash_point("ingest:after-article")
        except Exception as exc:  # one article's failure must not lose the others
            log.exception("failed to store %s", item.name)
            report.failed.append((item.name, f"{item.name}: could not store the analysis: {exc}"))
            with session_factory() as session:
                entities = _entity_index(session)  # drop ids from the rolled-back transaction
        if progress:
            progress(done, len(todo))


def _refusal(item: PendingArticle, lang: str) -> tuple[str, str] | None:
    """(why, language) when an article must not be read as ``lang``: its manifest says it is
    in another language, or it clearly is."""
    declared = item.source.language
    if declared != lang:
        return (
            f"its language is given as {declared!r} (field 'language'); Cotejo analyses "
            f"{lang!r} only",
            declared,
        )
    found = other_language(item.document.text, lang)
    if found is not None:
        return (
            f"the text is in {found.name} (detected with p={found.probability:.2f}); Cotejo "
            f"analyses Spanish only. Set language = {found.code!r} in sources.toml to keep "
            "it labelled, or remove it",
            found.code,
        )
    return None


def _read_folder_manifests(
    folder: Path, report: IngestReport
) -> tuple[dict[str, SourceEntry], list[TopicSpec]] | None:
    try:
        return load_sources(folder / SOURCES_MANIFEST), load_topics(folder / TOPICS_MANIFEST)
    except ManifestError as exc:
        report.failed.append((str(exc.file), str(exc)))
        return None


def with_publication_times(pending: Sequence[PendingArticle]) -> list[PendingArticle]:
    """Each article's publication time: its manifest's, else its page's, else its dateline's
    (whose missing year is the one the batch's other dated articles share)."""
    known = [from_manifest(p.source.published) or p.document.published for p in pending]
    years = [found.day.year for found in known if found is not None]
    result = []
    for item, found in zip(pending, known, strict=True):
        if found is None:
            line = dateline(item.document.text)
            found = from_dateline(line, years) if line else None
        result.append(replace(item, published=found))
    return result


def _real(path: Path) -> Path:
    # os.path.realpath, unlike Path.resolve on Python 3.11, does not raise on a link loop
    # (one may appear between discovery and now); reading the file then reports it.
    return Path(os.path.realpath(path))


def _folder_of(path: Path) -> Path:
    """Where an article's manifest is: beside the name it was found under, so a folder of
    links to files elsewhere is described by its own sources.toml."""
    return _real(path.parent)


def read_paths(
    session_factory: sessionmaker[Session],
    paths: Iterable[Path],
    engine: str,
    report: IngestReport,
    max_chars: int = DEFAULT_MAX_ARTICLE_CHARS,
) -> list[PendingArticle]:
    """Read files and folders as articles to store, with their folders' manifests; the
    folders' topics are stored now. What cannot be read is reported in ``report``, by name.
    (Shared by an ingest and by app/services/queue.py, which queues what it reads.)"""
    paths = list(paths)
    # One bad argument, or one bad link inside a folder, must not hide the others.
    discovery = discover_files(paths)
    report.failed.extend((exc.path, str(exc)) for exc in discovery.problems)
    files = discovery.files

    manifests: dict[Path, tuple[dict[str, SourceEntry], list[TopicSpec]] | None] = {}
    folders = {_real(p) for p in paths if p.is_dir()} | {_folder_of(f) for f in files}
    for folder in sorted(folders):
        manifests[folder] = _read_folder_manifests(folder, report)
    defined = {path_text(folder): m[1] for folder, m in manifests.items() if m is not None}
    store_topics(session_factory, defined, engine)
    crash_point("ingest:after-topics")

    pending: list[PendingArticle] = []
    for path in files:
        name = printable(path)
        manifest = manifests.get(_folder_of(path))
        if manifest is None:
            report.failed.append((name, f"{name}: skipped: its folder's manifest is invalid"))
            continue
        try:
            document = read_document(path, max_chars=max_chars)
        except ReadError as exc:
            report.failed.append((exc.path, str(exc)))
            continue
        except Exception as exc:  # a reader bug on one file must not lose the others
            log.exception("failed to read %s", name)
            report.failed.append((name, f"{name}: could not be read: {exc!r}"))
            continue
        if document.encoding_note:
            report.notes.append((name, f"{name}: {document.encoding_note}"))
        entry = source_for(path, manifest[0])
        # The identity is the file itself, whichever link reached it; stored as valid text.
        key = path_text(_real(path))
        pending.append(PendingArticle(key, name, entry, document))
    return with_publication_times(pending)


def ingest_paths(
    session_factory: sessionmaker[Session],
    nlp: Language,
    paths: Iterable[Path],
    *,
    max_chars: int = DEFAULT_MAX_ARTICLE_CHARS,
    progress: ProgressCallback | None = None,
    notice: NoticeCallback | None = None,
    processes: int = 1,
) -> IngestReport:
    """Ingest files and folders; each folder may carry ``sources.toml`` and ``topics.toml``.
    A large batch is analysed by up to ``processes`` worker processes (app/services/
    analyse_pool.py); the result is the same.

    Work an interrupted run left owed is finished on the way, and ``notice`` told so first.
    """
    report = IngestReport()
    engine = engine_of(nlp)
    with session_factory.begin() as session:
        line = start_of_run(session, engine)
    if line and notice:
        notice(line)
    pending = read_paths(session_factory, paths, engine, report, max_chars)

    analyse_and_store(session_factory, nlp, pending, report, progress, processes)
    # Articles analysed just now already met the current definitions; only older ones may
    # need re-matching. (A replaced article's old id is gone; SQLite may hand it to its new
    # version.)
    fresh = set(report.added + report.replaced)
    report.new_finding_ids = finish_derived_work(session_factory, lambda: nlp, engine, fresh)
    return report


def ingest_entry(
    session_factory: sessionmaker[Session],
    nlp: Language,
    *,
    entry: SourceEntry,
    text: str | bytes,
    fmt: str = "txt",
    filename: str | None = None,
    max_chars: int = DEFAULT_MAX_ARTICLE_CHARS,
) -> IngestReport:
    """Ingest one uploaded or pasted text described by ``entry``, as a sources.toml entry
    describes a file (outlet, publication time, URL); the entry is already validated."""
    report = IngestReport()
    name = printable(filename) if filename else "pasted text"
    try:
        document = parse_document(text, fmt, name, max_chars=max_chars)
    except ReadError as exc:
        report.failed.append((name, str(exc)))
        return report
    except Exception as exc:  # a reader bug is reported like any other failure, never a 500
        log.exception("failed to read %s", name)
        report.failed.append((name, f"{name}: could not be read: {exc!r}"))
        return report
    if document.encoding_note:
        report.notes.append((name, f"{name}: {document.encoding_note}"))
    item = PendingArticle("", name, entry, document)
    # Uploads keep one identity per (source, file name) so a corrected file replaces the old one.
    outlet = entry.name
    key = f"upload:{outlet}/{name}" if filename else f"paste:{outlet}/{item.content_hash[:16]}"
    item = PendingArticle(key, name, entry, document)
    analyse_and_store(session_factory, nlp, with_publication_times([item]), report)
    fresh = set(report.added + report.replaced)
    report.new_finding_ids = finish_derived_work(
        session_factory, lambda: nlp, engine_of(nlp), fresh
    )
    return report
