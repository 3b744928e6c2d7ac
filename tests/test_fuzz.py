"""The atheris fuzz target runs for a bounded time without a crash (CI runs it every time)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris")
TARGET = Path(__file__).resolve().parents[1] / "fuzz" / "fuzz_text.py"


def test_fuzzing_the_text_layer_finds_no_crash(tmp_path: Path, seed_texts: dict[str, str]) -> None:
    corpus = tmp_path / "seeds"
    corpus.mkdir()
    for name, text in seed_texts.items():  # real articles as the starting inputs
        (corpus / name).write_bytes(text[:2000].encode("utf-8"))
    result = subprocess.run(
        [sys.executable, str(TARGET), "-max_total_time=20", "-max_len=2048", "-rss_limit_mb=2048", str(corpus)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Done" in result.stderr
