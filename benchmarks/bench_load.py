"""Concurrent load on a live `marsad serve` (127.0.0.1 only). First, reads alone with 1, 2
and 4 clients: requests/s grows while the server serves reads concurrently. Then 20 readers
on every REST endpoint for 60 s while 1,000 articles are ingested through POST /api/ingest:
requests/s, p50/p95 overall and per endpoint, errors, wrong answers, and how many of the
articles are missing from the store afterwards (lost). Prints; never passes or fails.

    .venv/bin/python -m benchmarks.bench_load                      # 20 readers, 60 s, 1,000 articles
    .venv/bin/python -m benchmarks.bench_load --seconds 20 --documents 200 --scale-seconds 5
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
from collections.abc import Callable
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


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(share * len(ordered)) - 1)] if ordered else 0.0


class Readers:
    """Reader threads cycling through every endpoint, each answer checked."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.wrong: dict[str, int] = defaultdict(int)
        self._lock = threading.Lock()

    def run(self, clients: int, until: Callable[[], bool], budget: int) -> float:
        """Run ``clients`` readers until ``until()`` holds (or ``budget`` requests); the seconds taken."""
        tickets = threading.Semaphore(budget)
        threads = [threading.Thread(target=self._read, args=(i, until, tickets)) for i in range(clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.monotonic() - started

    def _read(self, offset: int, until: Callable[[], bool], tickets: threading.Semaphore) -> None:
        names = list(QUESTIONS)
        with httpx.Client(base_url=self.base, timeout=30) as client:
            k = offset
            while not until() and tickets.acquire(blocking=False):
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
                with self._lock:
                    self.latencies[name].append(elapsed)
                    self.errors[name] += not ok
                    self.wrong[name] += ok and not right

    def total(self) -> int:
        return sum(len(v) for v in self.latencies.values())


class Writer:
    """Posts ``documents`` new articles to /api/ingest in JSON Lines batches, each one a corpus
    article with a line of its own (so none is a duplicate of another)."""

    def __init__(self, base: str, documents: int, batch: int) -> None:
        self.base, self.documents, self.batch = base, documents, batch
        self.added = 0
        self.failed_requests = 0
        self.seconds = 0.0
        self.done = threading.Event()

    def ids(self) -> list[str]:
        return [f"load-{n}" for n in range(self.documents)]

    def run(self) -> None:
        texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
        started = time.monotonic()
        try:
            with httpx.Client(base_url=self.base, timeout=300, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
                for first in range(0, self.documents, self.batch):
                    numbers = range(first, min(first + self.batch, self.documents))
                    lines = (
                        json.dumps(
                            {"id": f"load-{n}", "text": texts[n % len(texts)] + f"\nنسخة رقم {n}"}, ensure_ascii=False
                        )
                        for n in numbers
                    )
                    response = client.post(
                        "/api/ingest",
                        content="\n".join(lines).encode(),
                        headers={"content-type": "application/x-ndjson"},
                    )
                    if response.status_code == 200:
                        self.added += response.json()["outcomes"]["added"]
                    else:
                        self.failed_requests += 1
        finally:
            self.seconds = time.monotonic() - started
            self.done.set()


def _stored_ids(base: str) -> set[str]:
    ids: set[str] = set()
    with httpx.Client(base_url=base, timeout=60) as client:
        offset = 0
        while True:
            page = client.get("/api/documents", params={"limit": 1000, "offset": offset}).json()
            ids.update(d["doc_id"] for d in page["items"])
            offset += len(page["items"])
            if not page["items"] or offset >= page["total"]:
                return ids


def _start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port)],
        env={**os.environ, "MARSAD_TOKEN": TOKEN},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    return server, base


def _scaling(base: str, seconds: float, clients: tuple[int, ...], repeat: int) -> dict[int, list[float]]:
    """Read-only requests/s with 1, 2, 4 … clients, each ``repeat`` times in turn (on a shared
    machine one run says little; the median of several does): grows while reads are served
    concurrently."""
    rates: dict[int, list[float]] = defaultdict(list)
    for _ in range(repeat):
        for n in clients:
            readers = Readers(base)
            stop = time.monotonic() + seconds
            elapsed = readers.run(n, lambda stop=stop: time.monotonic() >= stop, 10**9)
            rates[n].append(readers.total() / elapsed)
    return rates


def _print_load(readers: Readers, elapsed: float, writer: Writer, lost: list[str], args: argparse.Namespace) -> None:
    every = [x for v in readers.latencies.values() for x in v]
    total = len(every)
    print(f"machine: {os.cpu_count()} cores; {args.readers} readers + 1 writer for {elapsed:.0f} s on 127.0.0.1")
    print(
        f"reads: {total:,} requests, {total / elapsed:,.0f} requests/s, p50 {statistics.median(every):.1f} ms, "
        f"p95 {_percentile(every, 0.95):.1f} ms; errors {sum(readers.errors.values())}, "
        f"wrong answers {sum(readers.wrong.values())}"
    )
    print(
        f"ingest while reading: {writer.added} of {writer.documents} documents added in {writer.seconds:.0f} s "
        f"({writer.failed_requests} failed requests); lost: {len(lost)}" + (f" (e.g. {lost[:3]})" if lost else "")
    )
    print(f"{'endpoint':12} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} {'wrong':>6}")
    for name in QUESTIONS:
        values = readers.latencies[name]
        if values:
            print(
                f"{name:12} {len(values):9,} {statistics.median(values):8.1f} {_percentile(values, 0.95):8.1f} "
                f"{readers.errors[name]:7} {readers.wrong[name]:6}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60, help="readers run at least this long")
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--documents", type=int, default=1000, help="articles ingested through the API meanwhile")
    parser.add_argument("--batch", type=int, default=25, help="articles per ingest request")
    parser.add_argument("--scale-seconds", type=float, default=10, help="each step of the 1-2-4 client read test")
    parser.add_argument("--repeat", type=int, default=5, help="runs of the 1-2-4 client read test (medians shown)")
    parser.add_argument("--max-requests", type=int, default=1_000_000)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="marsad-load-"))
    db = workdir / "load.duckdb"
    subprocess.run([sys.executable, "-m", "marsad", "ingest", str(CORPUS), "--db", str(db), "-q"], check=True)
    server, base = _start_server(db)
    try:
        rates = _scaling(base, args.scale_seconds, (1, 2, 4), args.repeat)
        print(
            f"reads alone, median of {args.repeat}: "
            + ", ".join(
                f"{n} client{'s' * (n > 1)} {statistics.median(r):,.0f} requests/s ({', '.join(f'{x:.0f}' for x in r)})"
                for n, r in rates.items()
            )
        )
        readers, writer = Readers(base), Writer(base, args.documents, args.batch)
        stop = time.monotonic() + args.seconds
        writing = threading.Thread(target=writer.run)
        writing.start()
        # the readers go on until the writer is done too: every article lands under load
        elapsed = readers.run(
            args.readers, lambda: time.monotonic() >= stop and writer.done.is_set(), args.max_requests
        )
        writing.join()
        lost = sorted(set(writer.ids()) - _stored_ids(base))
        _print_load(readers, elapsed, writer, lost, args)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
