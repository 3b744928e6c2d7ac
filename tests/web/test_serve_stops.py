"""`marsad serve` stops on SIGTERM within seconds, with its extraction process started, a
long ingest in progress and a client sending its body a byte at a time (issue 15)."""

from __future__ import annotations

import contextlib
import json
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from tests.processes import alive, live_children
from tests.web.conftest import TOKEN, start_server

# uvicorn's grace for the requests in progress (SHUTDOWN_GRACE_SECONDS, 3 s) and the
# lifespan's shutdown, with room for a busy machine
STOPS_WITHIN = 10.0


def _start(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    return start_server(db, wait=90)


def _post(base: str, records: list[dict[str, str]], timeout: float = 120) -> httpx.Response:
    body = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode()
    headers = {"Authorization": f"Bearer {TOKEN}", "content-type": "application/x-ndjson"}
    return httpx.post(base + "/api/ingest", content=body, headers=headers, timeout=timeout)


def _slow_body(base: str) -> socket.socket:
    """A POST whose body never finishes arriving (it would time out only after 30 s)."""
    host, port = base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)))
    sock.sendall(
        b"POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN.encode() + b"\r\n"
        b"Content-Type: application/x-ndjson\r\nContent-Length: 100000\r\n\r\n{"
    )
    return sock


def test_marsad_serve_stops_on_sigterm_within_seconds_with_its_pool_busy(tmp_path: Path, corpus_dir: Path) -> None:
    process, base = _start(tmp_path / "stop.duckdb")
    try:
        assert _post(base, [{"id": "small", "text": "أجرت روسيا وطاجيكستان مناورات عسكرية."}]).status_code == 200
        workers = live_children(process.pid)
        assert workers, "the extraction process is started"
        # an article of a few megabytes keeps the worker busy well past the grace
        article = "\n".join(p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt"))) * 40
        long_ingest = threading.Thread(target=lambda: _catch(lambda: _post(base, [{"id": "big", "text": article}])))
        long_ingest.start()
        slow = _slow_body(base)
        time.sleep(2)
        process.send_signal(signal.SIGTERM)
        started = time.monotonic()
        try:
            process.wait(timeout=STOPS_WITHIN)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"marsad serve was still running {STOPS_WITHIN:.0f} s after SIGTERM") from None
        print(f"stopped {time.monotonic() - started:.1f} s after SIGTERM")
        slow.close()
        long_ingest.join(timeout=30)
        deadline = time.monotonic() + 3
        while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if alive(pid)], "the extraction processes ended with the server"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _catch(call: Callable[[], object]) -> None:
    """The long ingest's answer does not matter: it is cut off by the stop."""
    with contextlib.suppress(httpx.HTTPError):
        call()
