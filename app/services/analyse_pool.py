"""Analysing articles, in this process or spread over worker processes.

spaCy and the mapping to rows (``analyse_doc``) are most of an ingest's time and need
nothing from the database, so a large ingest runs them in worker processes that send
back rows not yet in any session; the parent only stores them, in order. Workers are
forked, so they share the loaded model's memory with the parent instead of loading it
again, and each analyses a batch of articles with one ``nlp.pipe`` call.

Whatever the number of processes, the results are the same rows in the same order: a
worker runs the very code the parent would.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from app.ingest.manifest import TopicSpec
from app.nlp.topics import TopicMatcher
from app.services.analysis import Analysis, analyse_doc
from app.services.rematch import PIPE_BATCH

# Below this many batches per process a pool costs more than it saves: a fork, and
# sending every row back through a pipe.
MIN_BATCHES_PER_PROCESS = 2


@dataclass(frozen=True, slots=True)
class AnalysisJob:
    text: str
    outlet: str  # the outlet's key, which claim fingerprints are made of
    published: date | None  # what relative dates are resolved against


Result = Analysis | Exception


def analysed(nlp: Language, texts: Sequence[str]) -> Iterator[Doc | Exception]:
    """The analysed documents in order, batched; an article the pipeline fails on gives its
    exception in its place, so the other articles of its batch are still analysed."""
    for start in range(0, len(texts), PIPE_BATCH):
        batch = texts[start : start + PIPE_BATCH]
        try:
            yield from list(nlp.pipe(batch, batch_size=PIPE_BATCH))
        except Exception:  # a bug on one text: find it, keep the rest
            for text in batch:
                try:
                    yield nlp(text)
                except Exception as exc:
                    yield exc


def _analyse(
    nlp: Language, matcher: TopicMatcher | None, jobs: Sequence[AnalysisJob]
) -> Iterator[Result]:
    for job, doc in zip(jobs, analysed(nlp, [job.text for job in jobs]), strict=True):
        if isinstance(doc, Exception):
            yield doc
            continue
        try:
            yield analyse_doc(doc, job.outlet, matcher, job.published)
        except Exception as exc:  # one article's bug must not lose its batch
            yield exc


# What a forked worker analyses with: set in the parent just before the fork, so the
# children inherit the loaded model rather than receiving it through a pipe.
_worker_tools: tuple[Language, TopicMatcher | None] | None = None


def _portable(result: Result) -> Result:
    """An exception that cannot cross a pipe (one holding a Doc, say) is sent as its repr,
    which is what the ingest report shows of it anyway."""
    if isinstance(result, Exception):
        try:
            pickle.dumps(result)
        except Exception:
            return RuntimeError(repr(result))
    return result


def _work(jobs: list[AnalysisJob]) -> list[Result]:
    assert _worker_tools is not None, "workers are forked after the tools are set"
    nlp, matcher = _worker_tools
    return [_portable(result) for result in _analyse(nlp, matcher, jobs)]


def analyses(
    nlp: Language, jobs: Sequence[AnalysisJob], topics: Sequence[TopicSpec], processes: int = 1
) -> Iterator[Result]:
    """Each job's analysis (or the exception that stopped it), in the jobs' order, using up
    to ``processes`` worker processes when there is enough work for them."""
    matcher = TopicMatcher(nlp.vocab, list(topics)) if topics else None
    batches = [list(jobs[i : i + PIPE_BATCH]) for i in range(0, len(jobs), PIPE_BATCH)]
    processes = min(processes, len(batches) // MIN_BATCHES_PER_PROCESS)
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from _analyse(nlp, matcher, jobs)
        return
    while batches:
        done = yield from _in_pool(nlp, matcher, batches, processes)
        if done == len(batches):
            return
        # A worker died (killed, out of memory) and broke the pool, and with it every batch
        # in flight: the first of them is analysed again one article per process, so only
        # the article that kills its process fails; a new pool takes the rest.
        yield from _one_by_one(nlp, matcher, batches[done])
        batches = batches[done + 1 :]


def _pool(processes: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork"))


def _in_pool(
    nlp: Language,
    matcher: TopicMatcher | None,
    batches: list[list[AnalysisJob]],
    processes: int,
) -> Iterator[Result]:
    """Results of ``batches`` in order until the pool breaks; returns how many batches were
    done (``len(batches)`` unless one broke)."""
    global _worker_tools
    _worker_tools = (nlp, matcher)
    try:
        with _pool(processes) as pool:
            futures = [pool.submit(_work, batch) for batch in batches]
            for done, future in enumerate(futures):
                try:
                    results = future.result()
                except BrokenProcessPool:
                    return done
                yield from results
            return len(batches)
    finally:
        _worker_tools = None


def _one_by_one(
    nlp: Language, matcher: TopicMatcher | None, batch: list[AnalysisJob]
) -> Iterator[Result]:
    global _worker_tools
    _worker_tools = (nlp, matcher)
    try:
        for job in batch:
            with _pool(1) as pool:
                try:
                    yield from pool.submit(_work, [job]).result()
                except BrokenProcessPool as exc:
                    yield RuntimeError(f"the worker process analysing it died ({exc})")
    finally:
        _worker_tools = None
