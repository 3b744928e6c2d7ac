"""A fresh ingest, then the same articles again each with one line changed (issue 15, item
13): total time and the writer's share. Prints figures, never passes or fails.

    .venv/bin/python -m benchmarks.bench_reingest --docs 1000 --workers 2

The articles are the demo corpus's, each numbered into a new text.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from marsad.extract.pipeline import build_pipeline
from marsad.ingest.service import ingest
from marsad.store.duck import Store

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _batch(folder: Path, docs: int, version: str) -> Path:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    out = folder / f"{version}.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for n in range(docs):
            text = texts[n % len(texts)] + f"\nنسخة رقم {n} من هذا التقرير، {version}."
            handle.write(json.dumps({"id": f"a-{n:05d}", "text": text}, ensure_ascii=False) + "\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="marsad-reingest-"))
    first, second = _batch(folder, args.docs, "الأولى"), _batch(folder, args.docs, "الثانية")
    pipeline = build_pipeline()
    in_writer = [0.0]
    write_rows = Store.write_rows

    def timed(self: Store, *rest: Any, **named: Any) -> Any:
        started = time.perf_counter()
        try:
            return write_rows(self, *rest, **named)
        finally:
            in_writer[0] += time.perf_counter() - started

    Store.write_rows = timed  # type: ignore[method-assign]
    with Store(folder / "s.duckdb") as store:
        store.sync_reference(pipeline.kb)
        for label, path in (("fresh", first), ("changed", second)):
            in_writer[0] = 0.0
            started = time.perf_counter()
            report = ingest([path], store, pipeline, workers=args.workers)
            took = time.perf_counter() - started
            print(f"{label}: {took:.1f} s, {in_writer[0]:.1f} s in the writer, {report.outcomes}")


if __name__ == "__main__":
    main()
