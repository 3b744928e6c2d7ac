"""Run extraction over input paths: into a store (`ingest`) or as records (`extract`)."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from marsad import __version__
from marsad.document import Document
from marsad.extract.pipeline import Pipeline, Stage, build_pipeline
from marsad.ingest.readers import ReadProblem, read_documents
from marsad.kb.loader import KnowledgeBase
from marsad.store.duck import Store, WriteOutcome
from marsad.store.rows import DocumentRows, store_rows


def pipeline_version(pipeline: Pipeline) -> str:
    """Identifies the code and stages that produced a row: a change re-extracts documents."""
    stages = (*pipeline.names, *(stage.name for stage in pipeline.extra))
    return f"{__version__}:{'+'.join(stages)}:kb{pipeline.kb_version}"


@dataclass
class IngestReport:
    outcomes: dict[str, int] = field(default_factory=lambda: {o.value: 0 for o in WriteOutcome})
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    sentences: int = 0

    @property
    def documents(self) -> int:
        return sum(self.outcomes.values())

    def count(self, doc: DocumentRows) -> None:
        self.sentences += doc.sentences


ProgressCallback = Callable[[str], None]


def ingest(
    paths: Iterable[Path],
    store: Store,
    pipeline: Pipeline,
    on_item: ProgressCallback | None = None,
    workers: int = 1,
    report: IngestReport | None = None,
    start_method: str | None = None,
) -> IngestReport:
    """Read, extract and store every document under ``paths``; bad inputs are reported, not
    fatal. With ``workers`` > 1, extraction runs in that many processes while this one reads
    and writes: the input streams through, at most a few batches are in flight, and the store
    keeps its single writer. ``start_method`` is how the processes start ("fork", "spawn",
    "forkserver"; default "fork" where the platform has it); a process that cannot build its
    pipeline stops the ingest with :class:`WorkerStartError`."""
    report = report if report is not None else IngestReport()
    windows = _wanted_windows(read_documents(paths), store, pipeline_version(pipeline), report, on_item)
    if workers > 1:
        return _ingest_parallel(windows, store, pipeline, on_item, workers, report, start_method)
    version = pipeline_version(pipeline)
    for window in windows:
        _write([_extract_rows(doc, pipeline, version) for doc in window], store, version, report)
        if on_item:
            for doc in window:
                on_item(doc.id)
    return report


def _wanted_windows(
    items: Iterable[Document | ReadProblem],
    store: Store,
    version: str,
    report: IngestReport,
    on_item: ProgressCallback | None,
) -> Iterator[list[Document]]:
    """The documents that need extraction, a write batch at a time: the store is asked about
    a whole window in one query. Read problems, unchanged documents and duplicates are
    counted here and go no further."""
    window: list[Document] = []

    def wanted() -> list[Document]:
        statuses = store.statuses([(doc.id, doc.content_hash) for doc in window], version)
        kept = []
        for doc, status in zip(window, statuses, strict=True):
            if status.outcome is WriteOutcome.DUPLICATE:
                report.duplicates.append((doc.id, status.duplicate_of))
            if status.outcome in (WriteOutcome.DUPLICATE, WriteOutcome.UNCHANGED):
                report.outcomes[status.outcome.value] += 1
                if on_item:
                    on_item(doc.id)
            else:
                kept.append(doc)
        return kept

    for item in items:
        if isinstance(item, ReadProblem):
            report.problems.append(item)
            if on_item:
                on_item(item.where)
            continue
        window.append(item)
        if len(window) >= WRITE_BATCH:
            if kept := wanted():
                yield kept
            window = []
    if window and (kept := wanted()):
        yield kept


def ingest_documents(
    documents: Iterable[Document],
    store: Store,
    pipeline: Pipeline,
    report: IngestReport,
    extract: Callable[[list[Document]], list[DocumentRows | ReadProblem]] | None = None,
) -> None:
    """Extract and store documents already read (from a request), adding to ``report``.
    ``extract`` runs the pipeline over a list (the server's worker process), else here."""
    version = pipeline_version(pipeline)
    for window in _wanted_windows(documents, store, version, report, None):
        done = extract(window) if extract else [_extract_rows(doc, pipeline, version) for doc in window]
        _write(done, store, version, report)


def _write(batch: list[DocumentRows | ReadProblem], store: Store, version: str, report: IngestReport) -> None:
    """Write a batch of extracted documents in one transaction (all of them or none);
    problems are reported."""
    documents = [d for d in batch if isinstance(d, DocumentRows)]
    report.problems.extend(d for d in batch if isinstance(d, ReadProblem))
    if not documents:
        return
    written = store.write_rows(documents, version)
    for doc, status in zip(documents, written, strict=True):
        if status.outcome is WriteOutcome.DUPLICATE:  # its twin was written while it was being extracted
            report.duplicates.append((doc.doc_id, status.duplicate_of))
        elif status.outcome is not WriteOutcome.UNCHANGED:
            report.count(doc)
        report.outcomes[status.outcome.value] += 1


# Documents written per transaction: rows are inserted once per batch (fast). A crash keeps
# every batch committed before it and loses the one being written, whole (never part of a
# document); run again, the documents already stored are skipped before extraction.
WRITE_BATCH = 256

# Batches read ahead of the one being written: while the writer inserts one, the workers
# extract the next ones, and memory stays flat (a few hundred documents at most).
WINDOWS_IN_FLIGHT = 3
# Documents sent to a worker at once: each task costs a round trip through the pool's queues
# and its management thread, which a handful of documents shares.
DOCUMENTS_PER_TASK = 8


class WorkerStartError(RuntimeError):
    """An extraction process could not build its pipeline: the ingest stops with the reason
    (every document would fail the same way), instead of reporting each one as a problem."""


@dataclass(frozen=True)
class _PipelineRecipe:
    """What a worker started from a fresh interpreter (``spawn``, ``forkserver``) needs to
    build the parent's pipeline: the stage names and the knowledge base, pickled once per
    process (a knowledge base given to ``build_pipeline``, not only the bundled one)."""

    stages: tuple[str, ...]
    kb: KnowledgeBase
    extra: tuple[Stage, ...] = ()  # stages run after the named ones (``Pipeline.extended``)


# The state of a worker process, set by the pool's initializer (`_start_worker`) as it starts.
_WORKER_PIPELINE: Pipeline | None = None
_WORKER_VERSION = ""
_WORKER_FAILURE = ""  # why this process could not build its pipeline


def _start_worker(source: Pipeline | _PipelineRecipe, version: str) -> None:
    """The pool's initializer. Under ``fork`` ``source`` is the parent's pipeline itself,
    inherited with the process (nothing is pickled): the knowledge base was loaded and the
    matchers were built once, in the parent. Otherwise the worker builds it from the recipe.
    A failure is kept and raised by every task, so that the parent hears the reason instead
    of seeing a pool broken by a process that exited."""
    global _WORKER_PIPELINE, _WORKER_VERSION, _WORKER_FAILURE
    try:
        if isinstance(source, Pipeline):
            pipeline = source
        else:
            pipeline = build_pipeline(source.stages, source.kb).extended(*source.extra)
        built = pipeline_version(pipeline)
        if built != version:
            raise WorkerStartError(f"it built pipeline {built}, the parent runs {version}")
    except Exception as exc:  # whatever it is, the parent must be told, not left waiting
        _WORKER_FAILURE = f"{type(exc).__name__}: {exc}"
        return
    _WORKER_PIPELINE, _WORKER_VERSION = pipeline, version


def _worker_pipeline() -> Pipeline:
    if _WORKER_PIPELINE is None:
        raise WorkerStartError(
            f"an extraction process could not start: {_WORKER_FAILURE or 'it has no pipeline (not started by the pool)'}"
        )
    return _WORKER_PIPELINE


def _pool(pipeline: Pipeline, workers: int, start_method: str | None) -> ProcessPoolExecutor:
    """Worker processes that each hold ``pipeline``, started by ``start_method`` ("fork",
    "spawn", "forkserver"); by default "fork" where the platform has it, as it shares the
    parent's built pipeline, else the platform's default."""
    if start_method is None and "fork" in multiprocessing.get_all_start_methods():
        start_method = "fork"
    context = multiprocessing.get_context(start_method)
    source: Pipeline | _PipelineRecipe = pipeline
    if context.get_start_method() != "fork":
        source = _PipelineRecipe(pipeline.names, pipeline.kb, pipeline.extra)
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(source, pipeline_version(pipeline)),
    )


def extraction_pool(pipeline: Pipeline, workers: int = 1, start_method: str | None = None) -> ProcessPoolExecutor:
    """Worker processes that hold ``pipeline`` (for a long-running server); see :func:`_pool`."""
    return _pool(pipeline, workers, start_method)


def extract_in_pool(pool: ProcessPoolExecutor, documents: list[Document]) -> list[DocumentRows | ReadProblem]:
    return list(pool.map(_extract_in_worker, documents))


def _extract_chunk_in_worker(docs: list[Document]) -> list[DocumentRows | ReadProblem]:
    pipeline = _worker_pipeline()
    return [_extract_rows(doc, pipeline, _WORKER_VERSION) for doc in docs]


def _extract_in_worker(doc: Document) -> DocumentRows | ReadProblem:
    return _extract_rows(doc, _worker_pipeline(), _WORKER_VERSION)


def _ingest_parallel(
    windows: Iterable[list[Document]],
    store: Store,
    pipeline: Pipeline,
    on_item: ProgressCallback | None,
    workers: int,
    report: IngestReport,
    start_method: str | None,
) -> IngestReport:
    version = pipeline_version(pipeline)
    pending: deque[list[tuple[list[Document], Future[list[DocumentRows | ReadProblem]]]]] = deque()

    def finish_oldest() -> None:
        batch: list[DocumentRows | ReadProblem] = []
        for chunk, future in pending.popleft():
            try:
                batch.extend(future.result())
            except BrokenProcessPool as exc:  # a worker died (killed, out of memory): say which documents
                batch.extend(ReadProblem(doc.meta.path or doc.id, f"extraction process died: {exc}") for doc in chunk)
        _write(batch, store, version, report)
        if on_item:
            for done in batch:
                on_item(done.doc_id if isinstance(done, DocumentRows) else done.where)

    pool = _pool(pipeline, workers, start_method)
    try:
        for window in windows:
            chunks = [window[start : start + DOCUMENTS_PER_TASK] for start in range(0, len(window), DOCUMENTS_PER_TASK)]
            pending.append([(chunk, pool.submit(_extract_chunk_in_worker, chunk)) for chunk in chunks])
            if len(pending) >= WINDOWS_IN_FLIGHT:
                finish_oldest()  # in input order: the store receives documents as they were read
        while pending:
            finish_oldest()
    finally:  # on an error (a worker that could not start, the store), the queued tasks are dropped
        pool.shutdown(wait=True, cancel_futures=True)
    return report


def extract(paths: Iterable[Path], pipeline: Pipeline) -> Iterator[Document | ReadProblem]:
    """Extracted documents (or read problems) under ``paths``, without a store."""
    for item in read_documents(paths):
        yield item if isinstance(item, ReadProblem) else _extract_one(item, pipeline)


def _extract_rows(doc: Document, pipeline: Pipeline, version: str) -> DocumentRows | ReadProblem:
    """The store's rows of one document, extracted (where it is extracted: a worker process)."""
    done = _extract_one(doc, pipeline)
    return done if isinstance(done, ReadProblem) else store_rows(done, version, pipeline.kb_version)


def _extract_one(doc: Document, pipeline: Pipeline) -> Document | ReadProblem:
    """Run the pipeline on one document; a failure there is reported and the batch goes on."""
    try:
        return pipeline(doc)
    except Exception as exc:  # any bug met in one document must not stop the other 9,999
        return ReadProblem(doc.meta.path or doc.id, f"extraction failed: {type(exc).__name__}: {exc}")
