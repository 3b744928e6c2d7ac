"""Parallel ingest works however the worker processes start: ``fork`` (inheriting the parent's
pipeline) or ``spawn`` / ``forkserver`` (building it from the stage names and the knowledge
base given to them), and a worker that cannot build its pipeline stops the ingest with the
reason instead of hanging or reporting every document as a problem."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.document import Document
from marsad.extract.pipeline import Pipeline, build_pipeline
from marsad.ingest import service
from marsad.ingest.service import IngestReport, WorkerStartError, ingest
from marsad.store.duck import Store
from marsad.store.rows import DocumentRows
from tests.ingest.test_parallel import _rows

DOCS = 14  # with 4 documents per write batch: 4 batches, more than are ever in flight at once
BATCH = 4


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, seed_texts: dict[str, str]) -> Path:
    """Distinct articles, one exact duplicate of an earlier one and one unreadable file."""
    out = tmp_path_factory.mktemp("start-methods")
    texts = list(seed_texts.values())
    with (out / "batch.jsonl").open("w", encoding="utf-8") as handle:
        for n in range(DOCS):
            text = texts[n % len(texts)] + f"\nنسخة رقم {n} من هذا التقرير."
            handle.write(json.dumps({"id": f"copy-{n:02d}", "text": text}, ensure_ascii=False) + "\n")
        handle.write(json.dumps({"id": "twin", "text": texts[0] + "\nنسخة رقم 0 من هذا التقرير."}) + "\n")
    (out / "broken.txt").write_bytes(b"\x00\x01\x02\xff\xfe binary")
    return out


def _ingest(folder: Path, db: Path, workers: int, start_method: str | None, pipeline: Pipeline) -> IngestReport:
    with Store(db) as store:
        store.sync_reference(pipeline.kb)
        return ingest([folder], store, pipeline, workers=workers, start_method=start_method)


@pytest.fixture(scope="module")
def one_worker(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[IngestReport, dict[str, list[tuple]]]:
    db = tmp_path_factory.mktemp("one") / "w1.duckdb"
    report = _ingest(folder, db, 1, None, build_pipeline())
    return report, _rows(db)


def _counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        return store.counts()


@pytest.mark.parametrize("start_method", ["spawn", "forkserver", "fork"])
def test_two_workers_store_what_one_worker_stores(
    start_method: str,
    folder: Path,
    one_worker: tuple[IngestReport, dict[str, list[tuple]]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if start_method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {start_method} on this platform")
    monkeypatch.setattr(service, "WRITE_BATCH", BATCH)
    monkeypatch.setattr(service, "DOCUMENTS_PER_TASK", 2)
    batches: list[int] = []
    write_rows = Store.write_rows

    def counted(self: Store, batch: list[DocumentRows], pipeline_version: str) -> list:
        batches.append(len(batch))
        return write_rows(self, batch, pipeline_version)

    monkeypatch.setattr(Store, "write_rows", counted)
    db = tmp_path / "w2.duckdb"
    report = _ingest(folder, db, 2, start_method, build_pipeline())

    assert len(batches) > service.WINDOWS_IN_FLIGHT, batches  # the ingest crossed several write batches
    expected_report, expected_rows = one_worker
    assert report.outcomes == expected_report.outcomes == {"added": DOCS, "updated": 0, "unchanged": 0, "duplicate": 1}
    assert report.duplicates == expected_report.duplicates == [("twin", "copy-00")]
    assert [p.where for p in report.problems] == [p.where for p in expected_report.problems]
    assert report.sentences == expected_report.sentences
    counts = _counts(db)
    assert counts["documents"] == DOCS and counts["events"] > 0 and counts["mentions"] > 0
    assert _rows(db) == expected_rows  # every table, row for row


class _Counted:
    """A stage that is not in the registry: a spawned worker gets it with the pipeline."""

    name = "counted"
    requires = ("text",)
    assigns = ("notes",)

    def __call__(self, doc: Document) -> Document:
        doc.notes.append("counted")
        return doc


def test_a_spawned_worker_runs_the_stages_a_pipeline_was_extended_with(folder: Path, tmp_path: Path) -> None:
    pipeline = build_pipeline().extended(_Counted())
    _ingest(folder, tmp_path / "s.duckdb", 2, "spawn", pipeline)
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        notes = {row[0] for row in store.con.execute("SELECT notes FROM documents").fetchall()}
    assert notes == {"counted"}


def test_a_worker_that_cannot_build_its_pipeline_stops_the_ingest_with_the_reason(folder: Path, tmp_path: Path) -> None:
    pipeline = Pipeline(("normalize", "fragile"), build_pipeline().kb)  # a stage no registry has
    with pytest.raises(WorkerStartError, match=r"could not start: PipelineError: unknown stage\(s\) \['fragile'\]"):
        _ingest(folder, tmp_path / "s.duckdb", 2, "spawn", pipeline)
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.counts()["documents"] == 0


def test_marsad_ingest_prints_why_a_worker_could_not_start(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the failing initializer reaches the workers by fork")
    start_worker = service._start_worker

    def cannot_build(source: object, version: str) -> None:  # the real initializer, given a pipeline it cannot build
        start_worker(service._PipelineRecipe(("no-such-stage",), build_pipeline().kb), version)

    monkeypatch.setattr(service, "_start_worker", cannot_build)
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "s.duckdb"), "-j", "2", "-q"])
    assert result.exit_code == 2, result.output
    assert "error:" in result.output and "could not start: PipelineError: unknown stage(s) ['no-such-stage']" in (
        " ".join(result.output.split())
    )
