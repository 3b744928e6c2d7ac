"""Killing `marsad ingest` (SIGKILL, the whole process group) at several points leaves a
store that opens, holds only whole documents, and finishes the job when run again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from marsad.store.duck import PER_DOCUMENT_TABLES, Store

DOCS = 120


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, seed_texts: dict[str, str]) -> Path:
    """120 distinct articles (the demo articles, each numbered into new texts)."""
    out = tmp_path_factory.mktemp("crash") / "batch.jsonl"
    texts = list(seed_texts.values())
    with out.open("w", encoding="utf-8") as handle:
        for n in range(DOCS):
            text = texts[n % len(texts)] + f"\nنسخة رقم {n} من هذا التقرير."
            handle.write(json.dumps({"id": f"copy-{n:03d}", "text": text}, ensure_ascii=False) + "\n")
    return out


def _ingest(batch: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "marsad", "ingest", str(batch), "--db", str(db), "--workers", "2", "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill takes the workers too
    )


def _whole_documents_only(db: Path) -> int:
    with Store(db) as store:
        stored = {r[0] for r in store.con.execute("SELECT doc_id FROM documents").fetchall()}
        for table in PER_DOCUMENT_TABLES:
            orphans = store.con.execute(
                f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT doc_id FROM documents)"  # constant names
            ).fetchone()
            assert orphans == (0,), f"{table} holds rows of a document that was not stored"
        indexed = {r[0] for r in store.con.execute("SELECT doc_id FROM search_documents").fetchall()}
        assert indexed == stored
        with_sentences = {r[0] for r in store.con.execute("SELECT DISTINCT doc_id FROM sentences").fetchall()}
        assert with_sentences == stored
        return len(stored)


@pytest.mark.parametrize("after", [2.0, 3.0, 4.5])
def test_killed_ingest_leaves_whole_documents_and_resumes(batch: Path, tmp_path: Path, after: float) -> None:
    db = tmp_path / "crash.duckdb"
    process = _ingest(batch, db)
    time.sleep(after)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    _whole_documents_only(db)  # whatever the moment of the kill
    again = _ingest(batch, db)
    assert again.wait(timeout=600) == 0
    assert _whole_documents_only(db) == DOCS
    with Store(db) as store:
        assert store.con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone() == (DOCS, DOCS)
        events = store.con.execute("SELECT count(*), count(DISTINCT event_id) FROM events").fetchone()
        assert events[0] == events[1] > DOCS
