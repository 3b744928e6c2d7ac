"""A hostile folder ingested under a 1 GB memory cap: a megabyte with no punctuation, a file
of 50 MB, JSON nested five million deep, binary data and a symlink loop beside one good
article. The run must finish (not be killed), store the good article and the long one, and
report every other item with its reason.

The cap is a memory cgroup (v2, else v1), which limits what the process really uses: an
address-space limit (``prlimit --as``) is not the measure, since DuckDB reserves more than
700 MB of address space when it opens a store. Creating a cgroup needs root, as in CI
(``MARSAD_REQUIRE_FAULTS=1`` makes the test fail there rather than skip).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

CAP_BYTES = 1 << 30
_WORDS = [
    "قال",
    "الرئيس",
    "إن",
    "روسيا",
    "وقعت",
    "اتفاقية",
    "مع",
    "طاجيكستان",
    "وأجرت",
    "القوات",
    "مناورات",
    "في",
    "دوشنبه",
]


def _hostile_folder(root: Path) -> Path:
    folder = root / "hostile"
    folder.mkdir()
    words = (_WORDS[i % len(_WORDS)] for i in range(180_000))
    (folder / "long.txt").write_text(" ".join(words), encoding="utf-8")  # about 1 MB, no full stop
    line = "أجرت القوات مناورات عسكرية في دوشنبه. " * 1000 + "\n"
    with (folder / "big.txt").open("w", encoding="utf-8") as big:
        while big.tell() < 50_000_000:
            big.write(line)
    (folder / "deep.jsonl").write_text('{"id": "deep", "text": ' + "[" * 5_000_000 + "\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 400)
    os.symlink("loop_b", folder / "loop_a")
    os.symlink("loop_a", folder / "loop_b")
    (folder / "good.txt").write_text("أجرت القوات الروسية والطاجيكية مناورات مشتركة في دوشنبه.", encoding="utf-8")
    return folder


def _memory_cgroup() -> Path | None:
    """A fresh memory cgroup capped at 1 GB, or None where none can be made."""
    name = f"marsad-test-{uuid.uuid4().hex[:8]}"
    for base, limit in (
        (Path("/sys/fs/cgroup"), "memory.max"),
        (Path("/sys/fs/cgroup/memory"), "memory.limit_in_bytes"),
    ):
        if not (base / limit).exists() and not (base / "cgroup.controllers").exists():
            continue
        group = base / name
        try:
            group.mkdir()
            (group / limit).write_text(str(CAP_BYTES))
        except OSError:
            continue
        return group
    return None


@pytest.fixture
def capped():
    group = _memory_cgroup()
    if group is None:
        if os.environ.get("MARSAD_REQUIRE_FAULTS") == "1":
            raise RuntimeError("cannot create a memory cgroup (needs root and a memory controller)")
        pytest.skip("a memory cgroup needs root")
    yield group
    group.rmdir()


def test_a_hostile_folder_is_ingested_under_a_1_gb_cap_with_every_bad_item_reported(
    capped: Path, tmp_path: Path
) -> None:
    folder = _hostile_folder(tmp_path)
    db = tmp_path / "store.duckdb"
    # the child joins the cgroup before it starts Marsad, so all it allocates counts
    command = f"echo $$ > {capped / 'cgroup.procs'} && exec {sys.executable} -m marsad ingest {folder} --db {db} --workers 1 -q"
    result = subprocess.run(["sh", "-c", command], capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    output = result.stdout + result.stderr
    assert result.returncode == 1, output  # some input skipped, nothing crashed (-9 would be the kill)
    assert "Traceback" not in output
    for name in ("big.txt", "deep.jsonl", "binary.txt", "loop_a", "loop_b"):
        assert name in output, f"{name} is not reported:\n{output}"
    listed = subprocess.run(
        [sys.executable, "-m", "marsad", "export", "jsonl", str(tmp_path / "out.jsonl"), "--db", str(db)],
        capture_output=True,
        text=True,
    )
    assert listed.returncode == 0, listed.stderr
    stored = {json.loads(line)["doc"] for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()}
    assert stored == {"long", "good"}
