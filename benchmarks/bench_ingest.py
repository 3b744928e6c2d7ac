"""End-to-end ingest of a generated corpus with 1 worker and with more: throughput, speed-up,
peak memory, store size. Prints figures, never passes or fails.

    .venv/bin/python -m benchmarks.bench_ingest --docs 10000 --workers 1 2

Each worker count runs in a fresh process on a fresh store, so peak memory (this process
and its workers) is that run's own.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.corpus import write

OUT = Path(__file__).resolve().parent / "out"


def run_once(corpus: Path, db: Path, workers: int) -> dict[str, float]:
    """One ingest in this process (called in a child: see main)."""
    from marsad.extract.pipeline import build_pipeline
    from marsad.ingest.service import ingest
    from marsad.store.duck import Store

    if db.exists():
        db.unlink()
    started = time.perf_counter()
    pipeline = build_pipeline()
    startup = time.perf_counter() - started
    with Store(db) as store:
        store.sync_reference(pipeline.kb)
        t0 = time.perf_counter()
        report = ingest([corpus], store, pipeline, workers=workers)
        elapsed = time.perf_counter() - t0
        store.optimize_search_index()
        store.con.execute("CHECKPOINT")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "workers": workers,
        "startup_s": startup,
        "seconds": elapsed,
        "documents": report.documents,
        "sentences": report.sentences,
        "problems": len(report.problems),
        "peak_rss_mb": own,
        "worker_peak_rss_mb": children,
        "store_mb": db.stat().st_size / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--child", nargs=3, metavar=("CORPUS", "DB", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        corpus, db, workers = args.child
        print(json.dumps(run_once(Path(corpus), Path(db), int(workers))))
        return
    corpus = OUT / f"corpus-{args.docs}.jsonl"
    if not corpus.exists():
        write(args.docs, corpus)
    raw_mb = sum(len(json.loads(line)["text"].encode("utf-8")) for line in corpus.open(encoding="utf-8")) / 1e6
    print(f"machine: {os.cpu_count()} cores; corpus: {args.docs:,} generated documents, {raw_mb:,.1f} MB of text")
    baseline = None
    for workers in args.workers:
        db = OUT / f"bench_ingest_{workers}.duckdb"
        child = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_ingest", "--child", str(corpus), str(db), str(workers)],
            check=True,
            capture_output=True,
            text=True,
        )
        result = json.loads(child.stdout.strip().splitlines()[-1])
        seconds = result["seconds"]
        baseline = baseline or seconds
        print(
            f"workers {workers}: {result['documents'] / seconds:,.0f} docs/s, "
            f"{result['sentences'] / seconds:,.0f} sentences/s, {raw_mb / seconds:,.2f} MB/s "
            f"({result['sentences'] / seconds / workers:,.0f} sentences/s per worker); "
            f"speed-up {baseline / seconds:.2f}x; start-up {result['startup_s']:.1f} s; "
            f"peak RSS {result['peak_rss_mb']:,.0f} MB (writer) / {result['worker_peak_rss_mb']:,.0f} MB (a worker); "
            f"store {result['store_mb']:,.0f} MB = {result['store_mb'] / args.docs * 1000:,.1f} MB per 1,000 documents, "
            f"{result['store_mb'] / raw_mb:.2f}x the text; problems {result['problems']}"
        )


if __name__ == "__main__":
    main()
