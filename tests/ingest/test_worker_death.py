"""Issue 15, item 5: one dead worker used to end the ingest (`BrokenProcessPool`, thousands of
documents not stored, and in the server every later ingest answered 500), and killing only
the parent left the workers running. Real processes, killed with SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import marsad
from marsad.document import Document
from marsad.extract.pipeline import build_pipeline
from marsad.ingest.service import ingest
from marsad.store.duck import Store
from marsad.web.app import create_app
from marsad.web.settings import Settings
from tests.processes import alive, live_children

SRC = Path(marsad.__file__).resolve().parents[1]  # the code under test, for the processes started
POISON = "هذه الوثيقة تقتل عمليتها."
DOCS = 40


class _KillsItsWorker:
    """A stage that SIGKILLs the worker process it runs in when it meets the poison
    sentence: every time, or (with ``once``) only the first time, across processes."""

    name = "kills-its-worker"
    requires = ("text",)
    assigns = ("notes",)

    def __init__(self, once: Path | None = None) -> None:
        self.parent = os.getpid()
        self.once = once

    def __call__(self, doc: Document) -> Document:
        in_a_worker = os.getpid() != self.parent
        if POISON in doc.text and in_a_worker and (self.once is None or self._first_time()):
            os.kill(os.getpid(), signal.SIGKILL)
        return doc

    def _first_time(self) -> bool:
        assert self.once is not None
        try:
            os.close(os.open(self.once, os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return False
        return True


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, seed_texts: dict[str, str]) -> Path:
    """Distinct articles, the 13th of which carries the poison sentence."""
    out = tmp_path_factory.mktemp("death") / "batch.jsonl"
    texts = list(seed_texts.values())
    with out.open("w", encoding="utf-8") as handle:
        for n in range(DOCS):
            text = texts[n % len(texts)][:1500] + f"\nنسخة رقم {n}." + (POISON if n == 13 else "")
            handle.write(json.dumps({"id": f"copy-{n:02d}", "text": text}, ensure_ascii=False) + "\n")
    return out


def _stored(db: Path) -> set[str]:
    with Store(db, read_only=True) as store:
        return {row[0] for row in store.con.execute("SELECT doc_id FROM documents").fetchall()}


def test_one_dead_worker_does_not_end_the_ingest_only_the_document_that_kills_it_is_lost(
    batch: Path, tmp_path: Path
) -> None:
    pipeline = build_pipeline().extended(_KillsItsWorker())
    with Store(tmp_path / "s.duckdb") as store:
        store.sync_reference(pipeline.kb)
        report = ingest([batch], store, pipeline, workers=2)
    assert _stored(tmp_path / "s.duckdb") == {f"copy-{n:02d}" for n in range(DOCS) if n != 13}
    (problem,) = report.problems
    assert problem.where == f"{batch}:14" and "died twice" in problem.reason


def test_a_worker_killed_once_has_its_documents_retried_in_a_fresh_one(batch: Path, tmp_path: Path) -> None:
    pipeline = build_pipeline().extended(_KillsItsWorker(once=tmp_path / "killed-once"))
    with Store(tmp_path / "s.duckdb") as store:
        store.sync_reference(pipeline.kb)
        report = ingest([batch], store, pipeline, workers=2)
    assert (tmp_path / "killed-once").exists()  # a worker did die
    assert not report.problems and _stored(tmp_path / "s.duckdb") == {f"copy-{n:02d}" for n in range(DOCS)}


def _start_ingest(batch: Path, db: Path) -> tuple[subprocess.Popen[bytes], list[int]]:
    """`marsad ingest -j2` in a process of its own, once both its workers are running."""
    process = subprocess.Popen(
        [sys.executable, "-m", "marsad", "ingest", str(batch), "--db", str(db), "-j", "2", "--quiet"],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while len(workers := live_children(process.pid)) < 2:
        assert process.poll() is None and time.monotonic() < deadline, "the workers never started"
        time.sleep(0.05)
    return process, workers


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_killing_one_worker_of_marsad_ingest_loses_no_document(seed_texts: dict[str, str], tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    texts = list(seed_texts.values())
    with batch.open("w", encoding="utf-8") as handle:
        for n in range(120):
            handle.write(json.dumps({"id": f"n-{n:03d}", "text": texts[n % 5] + f"\nنسخة {n}."}, ensure_ascii=False))
            handle.write("\n")
    process, workers = _start_ingest(batch, tmp_path / "s.duckdb")
    time.sleep(1.0)  # let it extract a little
    os.kill(workers[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr.decode()
    assert len(_stored(tmp_path / "s.duckdb")) == 120


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_killing_marsad_ingest_ends_its_workers(seed_texts: dict[str, str], tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    texts = list(seed_texts.values())
    with batch.open("w", encoding="utf-8") as handle:
        for n in range(400):
            handle.write(json.dumps({"id": f"n-{n:03d}", "text": texts[n % 5] + f"\nنسخة {n}."}, ensure_ascii=False))
            handle.write("\n")
    process, workers = _start_ingest(batch, tmp_path / "s.duckdb")
    os.kill(process.pid, signal.SIGKILL)  # the parent only
    process.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:  # not to leave them behind if the test fails
        os.kill(pid, signal.SIGKILL)
    assert not left, "workers outlived the ingest that started them"


def test_the_server_keeps_ingesting_after_its_worker_is_killed(tmp_path: Path) -> None:
    token = "test-token-death"
    auth = {"Authorization": f"Bearer {token}"}
    with TestClient(
        create_app(Settings(db=tmp_path / "web.duckdb", token=token)), base_url="http://127.0.0.1"
    ) as client:
        first = {"id": "first", "text": "أجرت روسيا وطاجيكستان مناورات عسكرية مشتركة في طاجيكستان يوم 3 مارس 2024."}
        assert client.post("/api/ingest", json=first, headers=auth).status_code == 200
        pool = client.app.state.extract.args[0]
        for pid in pool.pids():
            os.kill(pid, signal.SIGKILL)
        for n in range(2):  # the next requests, and the one after
            article = {"id": f"after-{n}", "text": f"وقّعت كازاخستان وأوزبكستان اتفاقية للتعاون الدفاعي رقم {n}."}
            done = client.post("/api/ingest", json=article, headers=auth)
            assert done.status_code == 200, done.text
            assert done.json()["outcomes"]["added"] == 1 and not done.json()["problems"]
