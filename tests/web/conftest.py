from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from marsad.extract.pipeline import build_pipeline
from marsad.ingest.service import ingest
from marsad.store.duck import Store
from marsad.web.app import create_app
from marsad.web.settings import Settings

TOKEN = "test-token-7f3a"
# the address the tests ask for: the server answers only to this machine's names (DNS rebinding)
LOCAL = "http://127.0.0.1"
HOSTILE = 'بيان عن كازاخستان <script>window.pwned=1</script> و<img src=x onerror="alert(1)"> انتهى.'


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """The demo corpus and an article with markup in its text, in a real store."""
    folder = tmp_path_factory.mktemp("web")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "web.duckdb"
    with Store(db) as store:
        pipeline = build_pipeline()
        store.sync_reference(pipeline.kb)
        ingest([corpus_dir, folder / "hostile.txt"], store, pipeline)
    return db


@pytest.fixture(scope="module")
def client(web_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=web_db, token=TOKEN)), base_url=LOCAL) as test_client:
        yield test_client


@pytest.fixture
def fresh_db(web_db: Path, tmp_path: Path) -> Path:
    """A copy of the web store that a test may write to."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(web_db, copy)
    return copy


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, env: dict[str, str] | None = None, wait: float = 60) -> tuple[subprocess.Popen[bytes], str]:
    """`marsad serve` of ``db`` in its own process with the test token (and ``env``), once it
    answers /healthz: the process and its base address. Its output is kept to say why it did
    not start, if it does not within ``wait`` seconds."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port)],
        env={**os.environ, "MARSAD_TOKEN": TOKEN, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    output = process.communicate()[0].decode(errors="replace") if process.stdout else ""
    raise RuntimeError("marsad serve did not start: " + output)


@contextmanager
def served_copy(db: Path, folder: Path) -> Iterator[str]:
    """`marsad serve` on a copy of ``db`` made in ``folder``, a store the tests may write in:
    its base address, the server stopped afterwards."""
    copy = folder / "review.duckdb"
    shutil.copy(db, copy)
    process, base = start_server(copy)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`marsad serve` in its own process, on a copy of the web store."""
    db = tmp_path_factory.mktemp("browser") / "browser.duckdb"
    shutil.copy(web_db, db)
    inbox = db.parent / "inbox"  # so that POST /api/ingest/files can be called
    inbox.mkdir()
    (inbox / "note.txt").write_text("أجرت روسيا وطاجيكستان مناورات عسكرية.", encoding="utf-8")
    process, base = start_server(db, {"MARSAD_INGEST_DIR": str(inbox)})
    yield base
    process.terminate()
    process.wait(timeout=10)
