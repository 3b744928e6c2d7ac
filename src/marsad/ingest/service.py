"""Run extraction over input paths: into a store (`ingest`) or as records (`extract`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from marsad import __version__
from marsad.document import Document
from marsad.extract.pipeline import Pipeline
from marsad.ingest.readers import ReadProblem, read_documents
from marsad.store.duck import Store, WriteOutcome


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
    paths: Iterable[Path], store: Store, pipeline: Pipeline, on_item: ProgressCallback | None = None
) -> IngestReport:
    """Read, extract and store every document under ``paths``; bad inputs are reported, not fatal."""
    version = pipeline_version(pipeline)
    report = IngestReport()
    for item in read_documents(paths):
        if isinstance(item, ReadProblem):
            report.problems.append(item)
        else:
            _ingest_one(item, store, pipeline, version, report)
        if on_item:
            on_item(item.id if isinstance(item, Document) else item.where)
    return report


def ingest_documents(documents: Iterable[Document], store: Store, pipeline: Pipeline, report: IngestReport) -> None:
    """Extract and store documents already read (from a request), adding to ``report``."""
    version = pipeline_version(pipeline)
    for doc in documents:
        _ingest_one(doc, store, pipeline, version, report)


def _ingest_one(doc: Document, store: Store, pipeline: Pipeline, version: str, report: IngestReport) -> None:
    status = store.status(doc.id, doc.content_hash, version)
    if status.outcome is WriteOutcome.DUPLICATE:
        report.duplicates.append((doc.id, status.duplicate_of))
    elif status.outcome is not WriteOutcome.UNCHANGED:
        extracted = _extract_one(doc, pipeline)
        if isinstance(extracted, ReadProblem):
            report.problems.append(extracted)
            return
        status = store.write_document(extracted, version, pipeline.kb_version)
        report.count(extracted)
    report.outcomes[status.outcome.value] += 1


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
