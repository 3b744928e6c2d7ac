"""A full disk stops a write with a clear error and leaves the store as it was; a second
writer gets "store is in use" at once, or waits for the first by a setting."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.store.duck import Store, StoreInUseError


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 4 MB filesystem (tmpfs; needs root, as in CI)."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)], capture_output=True)
    if mounted.returncode != 0:
        if os.environ.get("MARSAD_REQUIRE_FAULTS") == "1":
            raise RuntimeError(f"cannot mount a small tmpfs: {mounted.stderr.decode()}")
        pytest.skip("mounting a small filesystem needs root")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_full_disk_stops_with_a_clear_error_and_keeps_the_store(
    small_disk: Path, tmp_path: Path, seed_texts: dict[str, str]
) -> None:
    db = small_disk / "store.duckdb"
    first = tmp_path / "first.jsonl"
    first.write_text(
        "\n".join(
            json.dumps({"id": f"a{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(seed_texts.values())
        ),
        encoding="utf-8",
    )
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(first), "--db", str(db), "--workers", "1", "-q"]).exit_code == 0
    with Store(db, read_only=True) as store:
        before = store.con.execute("SELECT doc_id, content_hash FROM documents ORDER BY ALL").fetchall()
    big = tmp_path / "big.jsonl"
    texts = list(seed_texts.values())
    big.write_text(
        "\n".join(
            json.dumps({"id": f"b{i}", "text": texts[i % 5] + f"\nنسخة {i}"}, ensure_ascii=False) for i in range(400)
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["ingest", str(big), "--db", str(db), "--workers", "1", "-q"], env={"COLUMNS": "1000"})
    assert result.exit_code == 2
    assert "error" in result.output and str(db) in result.output and "No space left" in result.output
    assert "Traceback" not in result.output
    with Store(db, read_only=True) as store:  # still opens; what was there is there
        after = dict(store.con.execute("SELECT doc_id, content_hash FROM documents").fetchall())
        assert set(before) <= set(after.items())
        for table in ("sentences", "search_documents"):
            orphans = store.con.execute(
                f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
            ).fetchone()
            assert orphans == (0,)


def _hold_store(db: Path, seconds: float) -> subprocess.Popen[bytes]:
    code = f"from marsad.store.duck import Store; import time; s = Store({str(db)!r}); print('ready', flush=True); time.sleep({seconds})"
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert process.stdout is not None and process.stdout.readline().strip() == b"ready"
    return process


def test_a_second_writer_can_wait_for_the_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "busy.duckdb"
    holder = _hold_store(db, 2.0)
    with pytest.raises(StoreInUseError, match="in use"):
        Store(db)
    monkeypatch.setenv("MARSAD_STORE_WAIT", "20")
    started = time.monotonic()
    with Store(db) as store:  # waits until the first lets go
        assert store.schema_version() > 0
    assert time.monotonic() - started >= 0.5
    holder.wait(timeout=10)


def test_a_read_only_store_path_gives_a_clear_error_and_keeps_the_store(
    small_disk: Path, seed_texts: dict[str, str]
) -> None:
    db = small_disk / "store.duckdb"
    article = small_disk.parent / "one.txt"
    article.write_text(next(iter(seed_texts.values())), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(article), "--db", str(db), "-j", "1", "-q"]).exit_code == 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = runner.invoke(app, ["ingest", str(article), "--db", str(db), "-j", "1", "-q"], env={"COLUMNS": "1000"})
    assert result.exit_code == 2 and str(db) in result.output and "Traceback" not in result.output
    with Store(db, read_only=True) as store:  # readable, whole
        assert store.counts()["documents"] == 1
