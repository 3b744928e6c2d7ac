"""Concurrent load on a live `marsad serve` (127.0.0.1 only): readers on every REST endpoint
while articles are ingested through POST /api/ingest. Prints requests/s, p50/p95 per
endpoint, errors and wrong answers; never passes or fails.

    .venv/bin/python -m benchmarks.bench_load --seconds 30 --readers 8
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
TOKEN = "bench-load-token"
# every reading endpoint, each with a check of its answer
QUESTIONS = {
    "members": ("/api/memberships/CSTO/members?at=2000", lambda b: {m["member"] for m in b} >= {"KAZ", "RUS"}),
    "history": ("/api/memberships/history?org=CSTO&member=UZB", lambda b: len(b) >= 5),
    "events": ("/api/events?type=EXERCISE&place=TJK&since=2021", lambda b: b["total"] >= 2),
    "entity": ("/api/entities/KAZ", lambda b: b["name_en"] == "Kazakhstan"),
    "timeline": ("/api/entities/KAZ/timeline?with=RUS", lambda b: len(b) > 0),
    "entities": ("/api/entities?q=tokayev", lambda b: b["items"][0]["entity_id"] == "kassym-jomart-tokayev"),
    "network": (
        "/api/network?at=1995",
        lambda b: any(e["source"] == "UZB" and e["target"] == "CSTO" for e in b["edges"]),
    ),
    "claims": ("/api/claims?speaker=kassym-jomart-tokayev", lambda b: len(b["items"]) > 0),
    "figures": ("/api/figures?actor=KGZ", lambda b: len(b["items"]) > 0),
    "search": ("/api/search?q=%D9%85%D9%86%D8%B8%D9%85%D8%A9", lambda b: len(b["items"]) > 0),
    "documents": ("/api/documents?limit=5", lambda b: b["total"] >= 5),
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--max-requests", type=int, default=200_000)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="marsad-load-"))
    db = workdir / "load.duckdb"
    subprocess.run([sys.executable, "-m", "marsad", "ingest", str(CORPUS), "--db", str(db), "-q"], check=True)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port)],
        env={**os.environ, "MARSAD_TOKEN": TOKEN},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        latencies: dict[str, list[float]] = defaultdict(list)
        errors: dict[str, int] = defaultdict(int)
        wrong: dict[str, int] = defaultdict(int)
        stop = time.monotonic() + args.seconds
        budget = threading.Semaphore(args.max_requests)
        lock = threading.Lock()

        def reader(offset: int) -> None:
            names = list(QUESTIONS)
            with httpx.Client(base_url=base, timeout=30) as client:
                k = offset
                while time.monotonic() < stop and budget.acquire(blocking=False):
                    name = names[k % len(names)]
                    k += 1
                    url, check = QUESTIONS[name]
                    t0 = time.perf_counter()
                    try:
                        response = client.get(url)
                        ok = response.status_code == 200
                        right = ok and check(response.json())
                    except httpx.HTTPError:
                        ok = right = False
                    elapsed = (time.perf_counter() - t0) * 1000
                    with lock:
                        latencies[name].append(elapsed)
                        errors[name] += not ok
                        wrong[name] += ok and not right

        ingested = {"documents": 0, "errors": 0}

        def writer() -> None:
            texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
            with httpx.Client(base_url=base, timeout=120, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
                n = 0
                while time.monotonic() < stop:
                    batch = "\n".join(
                        json.dumps(
                            {"id": f"load-{n + i}", "text": texts[(n + i) % 5] + f"\nنسخة {n + i}"}, ensure_ascii=False
                        )
                        for i in range(5)
                    )
                    response = client.post(
                        "/api/ingest", content=batch, headers={"content-type": "application/x-ndjson"}
                    )
                    if response.status_code == 200:
                        ingested["documents"] += response.json()["outcomes"]["added"]
                    else:
                        ingested["errors"] += 1
                    n += 5

        threads = [threading.Thread(target=reader, args=(i,)) for i in range(args.readers)]
        threads.append(threading.Thread(target=writer))
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        total = sum(len(v) for v in latencies.values())
        all_latencies = sorted(x for v in latencies.values() for x in v)
        print(f"machine: {os.cpu_count()} cores; {args.readers} readers + 1 writer for {elapsed:.0f} s on 127.0.0.1")
        print(
            f"reads: {total:,} requests, {total / elapsed:,.0f} requests/s, p50 {statistics.median(all_latencies):.1f} ms, "
            f"p95 {all_latencies[int(0.95 * len(all_latencies)) - 1]:.1f} ms; errors {sum(errors.values())}, "
            f"wrong answers {sum(wrong.values())}"
        )
        print(f"ingest while reading: {ingested['documents']} documents added, {ingested['errors']} failed requests")
        print(f"{'endpoint':12} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} {'wrong':>6}")
        for name in QUESTIONS:
            values = sorted(latencies[name])
            if values:
                p95 = values[max(0, int(0.95 * len(values)) - 1)]
                print(
                    f"{name:12} {len(values):9,} {statistics.median(values):8.1f} {p95:8.1f} {errors[name]:7} {wrong[name]:6}"
                )
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
