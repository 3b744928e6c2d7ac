"""Issue 15, items 1 and 8: every path is resolved (links included) before it is read; the
server's ingest folder is never left through a link; every path skipped is reported with
its reason; one unreadable file stops nothing; the exit codes say what the README says."""

from __future__ import annotations

import ctypes
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import marsad
from marsad.document import Document
from marsad.ingest.readers import ReadProblem, read_documents
from marsad.store.duck import Store
from marsad.web.app import create_app
from marsad.web.settings import Settings

SRC = Path(marsad.__file__).resolve().parents[1]  # the code under test, for the processes started
TOKEN = "test-token-paths"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
INSIDE = "أجرت روسيا وطاجيكستان مناورات عسكرية مشتركة في طاجيكستان يوم 3 مارس 2024."
OUTSIDE = "وقّعت كازاخستان وأوزبكستان اتفاقية للتعاون الدفاعي في طشقند يوم 5 مايو 2023."


def _split(items: list[Document | ReadProblem]) -> tuple[dict[str, Document], dict[str, str]]:
    return (
        {i.id: i for i in items if isinstance(i, Document)},
        {Path(i.where).name: i.reason for i in items if isinstance(i, ReadProblem)},
    )


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """An ingest folder with one article, a link below it that points out of it (a file and
    a folder), and a link that points to a hidden folder inside it."""
    secret = tmp_path / "elsewhere"
    secret.mkdir()
    (secret / "x.txt").write_text(OUTSIDE, encoding="utf-8")
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / ".kept").mkdir()
    (folder / "article.txt").write_text(INSIDE, encoding="utf-8")
    (folder / ".kept" / "target.txt").write_text(INSIDE + " وانتهت المناورات.", encoding="utf-8")
    (folder / "sub" / "x.txt").symlink_to(secret / "x.txt")
    (folder / "sub" / "out").symlink_to(secret)
    (folder / "sub" / "alias.txt").symlink_to(folder / ".kept" / "target.txt")
    return folder


def test_a_symlink_below_the_ingest_folder_is_not_followed_outside_it(inbox: Path, tmp_path: Path) -> None:
    docs, problems = _split(list(read_documents([inbox], root=inbox)))
    assert set(docs) == {"article", "alias"}  # a link that stays inside is read, under its own name
    assert "outside the ingest folder" in problems["x.txt"] and "outside the ingest folder" in problems["out"]
    assert all(OUTSIDE not in doc.text for doc in docs.values())


def test_the_api_ingest_folder_is_never_left_through_a_link_below_it(inbox: Path, tmp_path: Path) -> None:
    with TestClient(
        create_app(Settings(db=tmp_path / "web.duckdb", token=TOKEN, ingest_dir=inbox)), base_url="http://127.0.0.1"
    ) as client:
        done = client.post("/api/ingest/files", json={"paths": ["."]}, headers=AUTH)
        assert done.status_code == 200, done.text
        body = done.json()
        assert sorted(body["documents"]) == ["alias", "article"]
        refused = {Path(p["where"]).name: p["reason"] for p in body["problems"]}
        assert "outside the ingest folder" in refused["x.txt"]
        assert client.get("/api/documents/x").status_code == 404
        assert client.get("/api/documents/article").status_code == 200
        for path in ("sub/x.txt", "sub/out", "sub/out/x.txt"):  # named directly, the link is refused too
            response = client.post("/api/ingest/files", json={"paths": [path]}, headers=AUTH)
            assert response.status_code == 400, response.text


def test_the_command_line_follows_the_links_its_user_names(inbox: Path) -> None:
    docs, _ = _split(list(read_documents([inbox])))
    assert {"article", "alias", "x"} <= set(docs)  # no root: the user named the folder, links and all


def test_dangling_links_loops_and_odd_files_are_reported_not_skipped_silently(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(INSIDE, encoding="utf-8")
    (folder / "gone.txt").symlink_to(tmp_path / "no-such-file.txt")
    (folder / "self.txt").symlink_to(folder / "self.txt")
    (folder / "sub" / "up").symlink_to(folder)  # a folder that contains itself
    os.mkfifo(folder / "pipe.txt")  # reading it would block for ever
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "sock.jsonl"))
        docs, problems = _split(list(read_documents([folder])))
    assert set(docs) == {"good"}
    assert "does not exist" in problems["gone.txt"]
    assert "loop" in problems["self.txt"]
    assert "loop" in problems["up"]
    assert "named pipe" in problems["pipe.txt"] and "socket" in problems["sock.jsonl"]
    (folder / ".hidden.txt").write_text(INSIDE, encoding="utf-8")  # names starting with "." are not articles
    assert ".hidden.txt" not in _split(list(read_documents([folder])))[1]


def _without_permission_override() -> None:
    """Run as root, a process reads every file whatever its mode: without the two
    capabilities that allow it, it meets permissions like anyone else."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH; dropped from the bounding set for exec
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _marsad(*args: str, code: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200"}
    program = f"{code}\nfrom marsad.cli import app\napp({list(args)!r})"
    return subprocess.run(
        [sys.executable, "-c", program],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_without_permission_override,
    )


def test_one_unreadable_file_or_folder_is_reported_and_the_rest_is_ingested(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "locked-folder").mkdir(parents=True)
    (folder / "good.txt").write_text(INSIDE, encoding="utf-8")
    (folder / "locked.jsonl").write_text('{"id": "j", "text": "نص"}\n', encoding="utf-8")
    (folder / "locked.txt").write_text(OUTSIDE, encoding="utf-8")
    (folder / "locked-folder" / "inner.txt").write_text(OUTSIDE, encoding="utf-8")
    for locked in ("locked.jsonl", "locked.txt", "locked-folder"):
        (folder / locked).chmod(0)
    db = tmp_path / "s.duckdb"
    try:
        done = _marsad("ingest", str(folder), "--db", str(db), "-j", "1")
    finally:
        for locked in ("locked.jsonl", "locked.txt", "locked-folder"):
            (folder / locked).chmod(0o700)
    assert done.returncode == 1, done.stderr  # some input skipped, the rest processed
    assert "Traceback" not in done.stderr
    output = " ".join(done.stderr.split())
    for locked in ("locked.jsonl", "locked.txt", "locked-folder"):
        assert f"{locked}: cannot read" in output and "Permission denied" in output, output
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT doc_id FROM documents").fetchall() == [("good",)]


def test_a_crash_exits_2_not_1_which_says_input_was_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(INSIDE, encoding="utf-8")
    crash = "import marsad.ingest.service as s\ndef boom(*a, **k):\n    raise RuntimeError('a bug')\ns.ingest = boom"
    done = _marsad("ingest", str(tmp_path / "good.txt"), "--db", str(tmp_path / "s.duckdb"), "-q", code=crash)
    assert done.returncode == 2, done.stderr
    assert "RuntimeError: a bug" in done.stderr and "unexpected error" in done.stderr
    fine = _marsad("ingest", str(tmp_path / "good.txt"), "--db", str(tmp_path / "t.duckdb"), "-q")
    assert fine.returncode == 0, fine.stderr
