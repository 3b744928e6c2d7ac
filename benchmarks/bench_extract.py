"""Extraction throughput per stage on the demo corpus repeated to a target size.

Prints figures, never passes or fails. Run:
    .venv/bin/python -m benchmarks.bench_extract --mb 20
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

from marsad.document import Document
from marsad.extract.pipeline import build_pipeline

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _documents(target_bytes: int) -> list[Document]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    docs: list[Document] = []
    size = 0
    while size < target_bytes:
        for text in texts:
            docs.append(Document(f"d{len(docs)}", text))
            size += len(text.encode("utf-8"))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB of UTF-8 text")
    args = parser.parse_args()
    started = time.perf_counter()
    pipeline = build_pipeline()
    startup = time.perf_counter() - started
    docs = _documents(int(args.mb * 1_000_000))
    total_bytes = sum(len(d.text.encode("utf-8")) for d in docs)
    stage_time = dict.fromkeys(pipeline.names, 0.0)
    sentences = mentions = 0
    for doc in docs:
        for stage in pipeline.stages:
            t0 = time.perf_counter()
            stage(doc)
            stage_time[stage.name] += time.perf_counter() - t0
        sentences += len(doc.sentences)
        mentions += len(doc.mentions)
    elapsed = sum(stage_time.values())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mb = total_bytes / 1_000_000
    print(f"machine: {os.cpu_count()} cores; one process, one core")
    print(f"corpus: {len(docs)} documents, {mb:.1f} MB, {sentences} sentences, {mentions} mentions")
    print(f"start-up (load KB, build matcher): {startup:.2f} s")
    print(
        f"end to end: {elapsed:.2f} s = {mb / elapsed:.2f} MB/s, {sentences / elapsed:,.0f} sentences/s, "
        f"{len(docs) / elapsed:,.0f} docs/s"
    )
    for name, seconds in stage_time.items():
        print(f"  stage {name:<10} {seconds:7.2f} s  {100 * seconds / elapsed:5.1f} %  {mb / seconds:8.2f} MB/s")
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
