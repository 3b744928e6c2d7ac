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
from marsad.extract.pipeline import Pipeline
from marsad.ingest.readers import ReadProblem, read_documents
from marsad.store.duck import DocumentStatus, Store, WriteOutcome


def pipeline_version(pipeline: Pipeline) -> str:
    """Identifies the code and stages that produced a row: a change re-extracts documents."""
    return f"{__version__}:{'+'.join(pipeline.names)}:kb{pipeline.kb_version}"


@dataclass
class IngestReport:
    outcomes: dict[str, int] = field(default_factory=lambda: {o.value: 0 for o in WriteOutcome})
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    sentences: int = 0
    mentions: int = 0
    entity_ids: set[str] = field(default_factory=set)

    @property
    def documents(self) -> int:
        return sum(self.outcomes.values())

    def count(self, doc: Document) -> None:
        self.sentences += len(doc.sentences)
        self.mentions += len(doc.mentions)
        self.entity_ids.update(m.entity_id for m in doc.mentions)


ProgressCallback = Callable[[str], None]


def ingest(
    paths: Iterable[Path],
    store: Store,
    pipeline: Pipeline,
    on_item: ProgressCallback | None = None,
    workers: int = 1,
    report: IngestReport | None = None,
) -> IngestReport:
    """Read, extract and store every document under ``paths``; bad inputs are reported, not
    fatal. With ``workers`` > 1, extraction runs in that many processes while this one reads
    and writes: the input streams through, at most a few documents per worker are in flight,
    and the store keeps its single writer."""
    items = read_documents(paths)
    report = report if report is not None else IngestReport()
    if workers > 1:
        return _ingest_parallel(items, store, pipeline, on_item, workers, report)
    version = pipeline_version(pipeline)
    batch: list[Extracted] = []
    for item in items:
        if isinstance(item, ReadProblem):
            report.problems.append(item)
        elif status := _needs_extraction(item, store, version, report):
            batch.append((_extract_one(item, pipeline), status))
            if len(batch) >= WRITE_BATCH:
                _write(batch, store, pipeline, version, report)
                batch = []
        if on_item:
            on_item(item.id if isinstance(item, Document) else item.where)
    _write(batch, store, pipeline, version, report)
    return report


def ingest_documents(
    documents: Iterable[Document],
    store: Store,
    pipeline: Pipeline,
    report: IngestReport,
    extract: Callable[[list[Document]], list[Document | ReadProblem]] | None = None,
) -> None:
    """Extract and store documents already read (from a request), adding to ``report``.
    ``extract`` runs the pipeline over a list (the server's worker process), else here."""
    version = pipeline_version(pipeline)
    wanted = [(doc, status) for doc in documents if (status := _needs_extraction(doc, store, version, report))]
    done = extract([d for d, _ in wanted]) if extract else [_extract_one(d, pipeline) for d, _ in wanted]
    extracted = [(doc, status) for doc, (_, status) in zip(done, wanted, strict=True)]
    for start in range(0, len(extracted), WRITE_BATCH):
        _write(extracted[start : start + WRITE_BATCH], store, pipeline, version, report)


def _needs_extraction(doc: Document, store: Store, version: str, report: IngestReport) -> DocumentStatus | None:
    """What writing ``doc`` would do when it is new or changed, else None (an unchanged
    document or a duplicate is counted here)."""
    status = store.status(doc.id, doc.content_hash, version)
    if status.outcome is WriteOutcome.DUPLICATE:
        report.duplicates.append((doc.id, status.duplicate_of))
    if status.outcome in (WriteOutcome.DUPLICATE, WriteOutcome.UNCHANGED):
        report.outcomes[status.outcome.value] += 1
        return None
    return status


Extracted = tuple[Document | ReadProblem, DocumentStatus]


def _write(batch: list[Extracted], store: Store, pipeline: Pipeline, version: str, report: IngestReport) -> None:
    """Write a batch of extracted documents in one transaction; problems are reported."""
    ready = [(d, status) for d, status in batch if isinstance(d, Document)]
    report.problems.extend(d for d, _ in batch if isinstance(d, ReadProblem))
    if not ready:
        return
    documents = [d for d, _ in ready]
    written = store.write_documents(documents, version, pipeline.kb_version, [s for _, s in ready])
    for doc, status in zip(documents, written, strict=True):
        if status.outcome is WriteOutcome.DUPLICATE:  # its twin was written while it was being extracted
            report.duplicates.append((doc.id, status.duplicate_of))
        else:
            report.count(doc)
        report.outcomes[status.outcome.value] += 1


WRITE_BATCH = 64

# The pipeline of a worker process. Workers are forked from the process that built it, so
# the knowledge base is loaded and the matchers are built once, not once per worker.
_WORKER_PIPELINE: Pipeline | None = None
IN_FLIGHT_PER_WORKER = 4  # documents read ahead per worker: enough to keep it busy, memory stays flat
# Documents written per transaction: rows are inserted once per batch (fast) and a crash
# loses at most the batch being written, never part of a document.


def extraction_pool(pipeline: Pipeline, workers: int = 1) -> ProcessPoolExecutor:
    """Worker processes forked with ``pipeline`` built (for a long-running server)."""
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def extract_in_pool(pool: ProcessPoolExecutor, documents: list[Document]) -> list[Document | ReadProblem]:
    return list(pool.map(_extract_in_worker, documents))


def _extract_in_worker(doc: Document) -> Document | ReadProblem:
    assert _WORKER_PIPELINE is not None, "the worker pipeline is set before the pool forks"
    return _extract_one(doc, _WORKER_PIPELINE)


def _ingest_parallel(
    items: Iterable[Document | ReadProblem],
    store: Store,
    pipeline: Pipeline,
    on_item: ProgressCallback | None,
    workers: int,
    report: IngestReport,
) -> IngestReport:
    global _WORKER_PIPELINE
    version = pipeline_version(pipeline)
    _WORKER_PIPELINE = pipeline
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pending: deque[tuple[Document, DocumentStatus, Future[Document | ReadProblem]]] = deque()
    limit = workers * IN_FLIGHT_PER_WORKER

    batch: list[Extracted] = []

    def finish_oldest() -> None:
        doc, status, future = pending.popleft()
        try:
            batch.append((future.result(), status))
        except BrokenProcessPool as exc:  # a worker died (killed, out of memory): say which document
            batch.append((ReadProblem(doc.meta.path or doc.id, f"extraction process died: {exc}"), status))
        if len(batch) >= WRITE_BATCH:
            _write(batch, store, pipeline, version, report)
            batch.clear()
        if on_item:
            on_item(doc.id)

    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for item in items:
            if isinstance(item, ReadProblem):
                report.problems.append(item)
                if on_item:
                    on_item(item.where)
                continue
            status = _needs_extraction(item, store, version, report)
            if status is None:
                if on_item:
                    on_item(item.id)
                continue
            pending.append((item, status, pool.submit(_extract_in_worker, item)))
            if len(pending) >= limit:
                finish_oldest()  # in input order: the store receives documents as they were read
        while pending:
            finish_oldest()
    _write(batch, store, pipeline, version, report)
    return report


def extract(paths: Iterable[Path], pipeline: Pipeline) -> Iterator[Document | ReadProblem]:
    """Extracted documents (or read problems) under ``paths``, without a store."""
    for item in read_documents(paths):
        yield item if isinstance(item, ReadProblem) else _extract_one(item, pipeline)


def _extract_one(doc: Document, pipeline: Pipeline) -> Document | ReadProblem:
    """Run the pipeline on one document; a failure there is reported and the batch goes on."""
    try:
        return pipeline(doc)
    except Exception as exc:  # any bug met in one document must not stop the other 9,999
        return ReadProblem(doc.meta.path or doc.id, f"extraction failed: {type(exc).__name__}: {exc}")
