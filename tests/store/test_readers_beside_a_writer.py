"""Readers beside a writer (issue 15, item 12): DuckDB lets no other process open a file
that one process writes, so a read-only open reads a snapshot copy of it instead."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import marsad
from marsad.store.duck import Store, StoreInUseError

# a writer that holds the store open, writes one more document, commits, then waits
_WRITER = """
import sys, time
from marsad.store.duck import Store
store = Store(sys.argv[1])
store.con.execute("UPDATE documents SET title = 'written while held' WHERE doc_id = (SELECT min(doc_id) FROM documents)")
print("ready", flush=True)
time.sleep(60)
"""


@pytest.fixture
def held_store(demo_db: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the demo store, held open for writing by another process."""
    db = tmp_path / "held.duckdb"
    shutil.copy(demo_db, db)
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        yield db
    finally:
        writer.kill()
        writer.wait()


def test_marsad_open_beside_a_running_writer_reads_a_snapshot(held_store: Path) -> None:
    with pytest.raises(StoreInUseError):
        Store(held_store)  # a second writer is still refused
    kb = marsad.open(held_store)
    try:
        assert kb.store.snapshot and Path(kb.store.snapshot).parent != held_store.parent
        assert kb.store.counts()["documents"] > 0
        titles = [d["title"] for d in kb.store.documents()]
        assert "written while held" in titles  # the writer's commit, still in its log, is seen
        assert kb.members("CSTO", at="2000")
    finally:
        snapshot = Path(kb.store.snapshot or "")
        kb.store.close()
    assert not snapshot.parent.exists()  # the copy goes with the reader


def test_marsad_query_answers_during_an_ingest(held_store: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "marsad", "query", "members", "CSTO", "--at", "2000", "--db", str(held_store), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert '"KAZ"' in done.stdout
