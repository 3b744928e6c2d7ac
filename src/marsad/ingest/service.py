"""Run extraction over input paths: into a store (`ingest`) or as records (`extract`)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from marsad import __version__
from marsad.document import Document
from marsad.extract.pipeline import Pipeline, Stage, build_pipeline
from marsad.heap import settle_after_loading
from marsad.ingest.readers import ReadProblem, ReadWarning, read_documents
from marsad.kb.loader import KnowledgeBase
from marsad.store.duck import DocumentStatus, Store, WriteOutcome
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

    @property
    def skipped(self) -> list[ReadProblem]:
        """The problems that kept something out of the store (not the documents stored with
        a part dropped, which are :class:`ReadWarning`)."""
        return [p for p in self.problems if not isinstance(p, ReadWarning)]

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
    first_seen: dict[str, tuple[str, str]] = {}  # id -> (content hash, where) of its first document in this run
    held = _HeldDuplicates()

    def skip(doc: Document, status: DocumentStatus) -> None:
        if status.outcome is WriteOutcome.DUPLICATE:
            report.duplicates.append((doc.id, status.duplicate_of))
        report.outcomes[status.outcome.value] += 1
        if on_item:
            on_item(doc.id)

    def wanted() -> list[Document]:
        statuses = store.statuses([(doc.id, doc.content_hash) for doc in window], version)
        kept = []
        for doc, status in zip(window, statuses, strict=True):
            if status.outcome is WriteOutcome.DUPLICATE and _twin_is_changing(status.duplicate_of, doc, first_seen):
                kept.append(doc)  # its stored twin gets another text in this run: the store decides at the write
            elif status.outcome is WriteOutcome.DUPLICATE and status.duplicate_of not in first_seen:
                held.add(doc, status)  # its twin may yet come, with another text: decided at the end
            elif status.outcome in (WriteOutcome.DUPLICATE, WriteOutcome.UNCHANGED):
                skip(doc, status)
            else:
                kept.append(doc)
        return kept

    for item in items:
        if isinstance(item, ReadProblem):
            report.problems.append(item)
            if on_item and not isinstance(item, ReadWarning):  # a warning's document is counted itself
                on_item(item.where)
            continue
        repeated = _same_id(item, first_seen)
        if repeated is not None:
            if isinstance(repeated, ReadProblem):
                report.problems.append(repeated)
            else:
                report.outcomes[repeated.value] += 1
            if on_item:
                on_item(item.id)
            continue
        window.append(item)
        if len(window) >= WRITE_BATCH:
            if kept := wanted():
                yield kept
            window = []
    if window and (kept := wanted()):
        yield kept
    if changed := held.settle(first_seen, skip, report):
        yield changed


# Text of the documents held until the end of a run (see _HeldDuplicates): past this, a
# duplicate is decided at once, and reported at the end if its twin then changed.
HELD_DUPLICATE_CHARS = 64 * 2**20


class _HeldDuplicates:
    """Documents that repeat the text of a stored document not yet met in this run. Whether
    one is a duplicate depends on what comes later: when its twin comes with another text, the
    repeated text is stored under no other id any more, and the document must be added. So
    they wait for the end of the run (their texts, up to HELD_DUPLICATE_CHARS) and are then
    skipped as duplicates or written in a last batch. Nothing is read twice and no window
    waits: the ingest goes as fast as before."""

    def __init__(self) -> None:
        self.documents: list[tuple[Document, DocumentStatus]] = []
        self.overflow: list[tuple[Document, DocumentStatus]] = []  # decided at once, past the budget
        self.chars = 0

    def add(self, doc: Document, status: DocumentStatus) -> None:
        if self.chars + len(doc.text) <= HELD_DUPLICATE_CHARS:
            self.documents.append((doc, status))
            self.chars += len(doc.text)
        else:
            self.overflow.append((doc, status))

    def settle(
        self,
        first_seen: dict[str, tuple[str, str]],
        skip: Callable[[Document, DocumentStatus], None],
        report: IngestReport,
    ) -> list[Document]:
        """The held documents whose twin changed in this run (to be written); the others
        are skipped as duplicates. One past the budget whose twin changed is reported."""
        changed = []
        for doc, status in self.documents:
            if _twin_is_changing(status.duplicate_of, doc, first_seen):
                changed.append(doc)
            else:
                skip(doc, status)
        for doc, status in self.overflow:
            skip(doc, status)
            if _twin_is_changing(status.duplicate_of, doc, first_seen):
                report.problems.append(
                    ReadProblem(
                        doc.meta.path or doc.id,
                        f"skipped as a duplicate of {status.duplicate_of!r}, which was given another text later "
                        "in this run: run the ingest again to store it",
                    )
                )
        self.documents, self.overflow = [], []
        return changed


def _twin_is_changing(twin: str, doc: Document, first_seen: dict[str, tuple[str, str]]) -> bool:
    """Whether the stored document ``doc`` repeats was given another text earlier in this run."""
    seen = first_seen.get(twin)
    return seen is not None and seen[0] != doc.content_hash


def _same_id(doc: Document, first_seen: dict[str, tuple[str, str]]) -> ReadProblem | WriteOutcome | None:
    """One id, one document: a second, different text under an id already read in this run
    is refused with where the first was (the first is kept, so a run stores the same thing
    every time, and no other document is called a duplicate of a text that was replaced).
    The same text again is unchanged; None for an id met for the first time."""
    first = first_seen.setdefault(doc.id, (doc.content_hash, doc.meta.path or doc.id))
    if first[1] == (doc.meta.path or doc.id) and first[0] == doc.content_hash:
        return None
    if first[0] == doc.content_hash:
        return WriteOutcome.UNCHANGED
    return ReadProblem(
        doc.meta.path or doc.id,
        f"the id {doc.id!r} was already given to a different text at {first[1]}: one id, one document; "
        "the first is kept and this one skipped (give it another id)",
    )


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
    """Build the worker's pipeline (called by the pool's initializer, ``_begin_worker``).
    Under ``fork`` ``source`` is the parent's pipeline itself, inherited with the process
    (nothing is pickled): the knowledge base was loaded and the matchers were built once,
    in the parent. Otherwise the worker builds it from the recipe.
    A failure is kept and raised by every task, so that the parent hears the reason instead
    of seeing a pool broken by a process that exited."""
    global _WORKER_PIPELINE, _WORKER_VERSION, _WORKER_FAILURE
    try:
        if isinstance(source, Pipeline):
            pipeline = source
        else:
            pipeline = build_pipeline(source.stages, source.kb).extended(*source.extra)
            settle_after_loading()  # a forked worker shares what its parent settled
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
        initializer=_begin_worker,
        initargs=(source, pipeline_version(pipeline)),
    )


def _begin_worker(source: Pipeline | _PipelineRecipe, version: str) -> None:
    # a forked worker inherits its parent's handlers: uvicorn's SIGTERM handler, in a worker
    # of `marsad serve`, only set a flag nobody reads there, so the worker outlived the signal
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _end_with_parent()
    _start_worker(source, version)


# How often a worker checks that the process that started it is still there.
PARENT_POLL_SECONDS = 0.5


def _end_with_parent() -> None:
    """Make this worker end when its parent does: once the parent is gone (even killed with
    SIGKILL, which runs no clean-up) the worker is handed to another parent, and a thread
    that sees its parent change ends the process. Not prctl(PR_SET_PDEATHSIG): that fires
    when the *thread* that started the worker ends, and the server starts its workers from
    a thread pool whose threads come and go. Under "forkserver" the parent is the fork
    server, which itself exits when the ingesting process is gone."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            if os.getppid() != parent:
                os._exit(1)  # nothing to save: the results would have nobody to go to

    threading.Thread(target=watch, name="marsad-parent-watch", daemon=True).start()


class _Task(NamedTuple):
    """Documents sent to a worker together, the pool that runs them, and their result."""

    documents: list[Document]
    executor: ProcessPoolExecutor
    future: Future[list[DocumentRows | ReadProblem]]


class PoolClosedError(RuntimeError):
    """The pool was closed (the server is stopping): no document is extracted any more."""


class ExtractionPool:
    """Extraction processes that survive the loss of one. When a worker dies (killed, out of
    memory) its pool breaks and every task it held fails: the pool is replaced, and each
    document of a failed task is retried once, alone in a fresh process, so a death then is
    that document's own; such a document is reported, and every other one lands."""

    def __init__(self, pipeline: Pipeline, workers: int = 1, start_method: str | None = None) -> None:
        self._pipeline = pipeline
        self._start_method = start_method
        self.workers = workers
        self._closed = False
        self._executor = _pool(pipeline, workers, start_method)

    def submit(self, documents: list[Document]) -> _Task:
        """Send ``documents`` to a worker (a pool found broken is replaced first)."""
        self._check_open()
        try:
            return _Task(documents, self._executor, self._executor.submit(_extract_chunk_in_worker, documents))
        except BrokenProcessPool:
            self._replace(self._executor)
            return _Task(documents, self._executor, self._executor.submit(_extract_chunk_in_worker, documents))

    def collect(self, tasks: list[_Task]) -> list[DocumentRows | ReadProblem]:
        """The results of ``tasks``, in their order: what a dead worker lost is retried."""
        results: list[list[DocumentRows | ReadProblem] | None] = []
        lost: list[Document] = []
        for task in tasks:
            try:
                results.append(task.future.result())
            except BrokenProcessPool:
                self._check_open()  # killed by close(), not lost: nothing is retried
                self._replace(task.executor)
                results.append(None)
                lost.extend(task.documents)
        retried = iter(self._retry_alone(lost))
        out: list[DocumentRows | ReadProblem] = []
        for task, result in zip(tasks, results, strict=True):
            out.extend(result if result is not None else [next(retried) for _ in task.documents])
        return out

    def extract(self, documents: list[Document]) -> list[DocumentRows | ReadProblem]:
        """Extract ``documents`` (a server's request), a few per task, in their order."""
        return self.collect([self.submit(chunk) for chunk in _chunks(documents)])

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        if broken is self._executor:  # the other tasks of the same broken pool find it replaced
            broken.shutdown(wait=False, cancel_futures=True)
            self._executor = _pool(self._pipeline, self.workers, self._start_method)

    def _retry_alone(self, documents: list[Document]) -> list[DocumentRows | ReadProblem]:
        """Each document alone in a process of its own (``workers`` at a time), which is
        replaced after a death: the document that kills one is known, and reported."""
        results: list[DocumentRows | ReadProblem | None] = [None] * len(documents)
        waiting = deque(enumerate(documents))
        slots: list[ProcessPoolExecutor | None] = [None] * max(1, min(self.workers, len(documents)))
        running: dict[Future[list[DocumentRows | ReadProblem]], tuple[int, int]] = {}
        try:
            while waiting or running:
                for slot, executor in enumerate(slots):
                    if waiting and slot not in {s for _, s in running.values()}:
                        if executor is None:
                            executor = slots[slot] = _pool(self._pipeline, 1, self._start_method)
                        index, doc = waiting.popleft()
                        running[executor.submit(_extract_chunk_in_worker, [doc])] = (index, slot)
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    index, slot = running.pop(future)
                    try:
                        results[index] = future.result()[0]
                    except BrokenProcessPool:
                        doc = documents[index]
                        results[index] = ReadProblem(
                            doc.meta.path or doc.id,
                            "its extraction process died twice, the second time with this document alone "
                            "(killed, or out of memory): not stored",
                        )
                        dead, slots[slot] = slots[slot], None
                        if dead is not None:
                            dead.shutdown(wait=False, cancel_futures=True)
        finally:
            for executor in slots:
                if executor is not None:
                    executor.shutdown(wait=True, cancel_futures=True)
        return [result for result in results if result is not None]

    def pids(self) -> list[int]:
        """The process ids of the current workers (for monitoring and tests)."""
        return list(self._executor._processes or {})  # the executor keeps them by pid

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        self._executor.shutdown(wait=wait, cancel_futures=cancel_futures)

    def close(self) -> None:
        """Stop at once: drop the queued tasks and end the workers, even in the middle of a
        document. A stopping server must not wait for a long extraction whose answer nobody
        will read (the request is cancelled); what waits on it gets :class:`PoolClosedError`."""
        self._closed = True
        processes = list((self._executor._processes or {}).values())  # the executor keeps them by pid
        self._executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=1)
            if process.is_alive():  # still starting, before its SIGTERM handler was reset
                process.kill()
                process.join(timeout=1)

    def _check_open(self) -> None:
        if self._closed:
            raise PoolClosedError("the extraction processes were stopped: the server is shutting down")


def _chunks(documents: list[Document]) -> list[list[Document]]:
    return [documents[start : start + DOCUMENTS_PER_TASK] for start in range(0, len(documents), DOCUMENTS_PER_TASK)]


def extraction_pool(pipeline: Pipeline, workers: int = 1, start_method: str | None = None) -> ExtractionPool:
    """Worker processes that hold ``pipeline`` (for a long-running server), replaced when
    one dies; see :class:`ExtractionPool`."""
    return ExtractionPool(pipeline, workers, start_method)


def extract_in_pool(pool: ExtractionPool, documents: list[Document]) -> list[DocumentRows | ReadProblem]:
    return pool.extract(documents)


def _extract_chunk_in_worker(docs: list[Document]) -> list[DocumentRows | ReadProblem]:
    pipeline = _worker_pipeline()
    return [_extract_rows(doc, pipeline, _WORKER_VERSION) for doc in docs]


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
    pending: deque[list[_Task]] = deque()
    pool = ExtractionPool(pipeline, workers, start_method)

    def finish_oldest() -> None:
        batch = pool.collect(pending.popleft())
        _write(batch, store, version, report)
        if on_item:
            for done in batch:
                on_item(done.doc_id if isinstance(done, DocumentRows) else done.where)

    try:
        for window in windows:
            pending.append([pool.submit(chunk) for chunk in _chunks(window)])
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
