"""What a stranger's request can do to the server (issue 15, items 2, 3, 9, 10 and 11): each
test is named after the defect it shows fixed. The slow body, the chunked body and the Host
header are sent over real HTTP to a `marsad serve` of its own."""

from __future__ import annotations

import json
import select
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import httpx
import pytest
from fastapi.testclient import TestClient

from marsad.web.app import create_app
from marsad.web.security import FREE_FAILURES, TokenGuard, TokenRefused
from marsad.web.settings import Settings, allowed_hosts
from tests.web.conftest import LOCAL, TOKEN, start_server

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = "أجرت روسيا وطاجيكستان مناورات عسكرية مشتركة في طاجيكستان يوم 3 مارس 2024."
READ_ROUTES = [
    "/",
    "/documents",
    "/documents/001_c6f2d8ba9e7b2ca0",
    "/search?q=%D9%85%D9%86%D8%B8%D9%85%D8%A9",
    "/entities/KAZ",
    "/events",
    "/network",
    "/map",
    "/ingest",
    "/healthz",
    "/api/documents/001_c6f2d8ba9e7b2ca0",
    "/api/export/jsonl",
]
SMALL_LIMIT = 64 * 1024  # the live server's body limit, so that going over it is quick


@pytest.fixture(scope="module")
def live(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`marsad serve` with a 1 s body deadline and a 64 KB body limit, on a copy of the web store."""
    folder = tmp_path_factory.mktemp("live")
    db = folder / "live.duckdb"
    shutil.copy(web_db, db)
    process, base = start_server(db, {"MARSAD_BODY_TIMEOUT": "1", "MARSAD_MAX_REQUEST_BYTES": str(SMALL_LIMIT)})
    yield base
    process.terminate()
    process.wait(timeout=10)


def _raw(base: str, head: str, chunks: Iterator[bytes] | list[bytes] = (), pause: float = 0.0) -> tuple[int, dict]:
    """Send ``head`` and then ``chunks`` (``pause`` s apart) on a socket; the answer's status
    and JSON body, read as soon as the server gives it (it may not wait for the body)."""
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head.encode("latin-1"))
        try:
            for chunk in chunks:
                if select.select([sock], [], [], 0)[0]:
                    break  # the server has answered (and stops reading)
                sock.sendall(chunk)
                time.sleep(pause)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed: the answer is read below
        answer = b""
        while b"\r\n\r\n" not in answer or len(answer) < answer.index(b"\r\n\r\n") + 4 + _length(answer):
            data = sock.recv(65536)
            if not data:
                break
            answer += data
    status = int(answer.split(b" ", 2)[1])
    return status, json.loads(answer.split(b"\r\n\r\n", 1)[1] or b"{}")


def _length(answer: bytes) -> int:
    for line in answer.split(b"\r\n\r\n", 1)[0].split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    return 0


# -- item 2: --protect-reads guards every read route, pages included ----------------------
@pytest.fixture(scope="module")
def protected(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app with reads protected, on a copy of the web store."""
    db = tmp_path_factory.mktemp("protected") / "protected.duckdb"
    shutil.copy(web_db, db)
    with TestClient(create_app(Settings(db=db, token=TOKEN, protect_reads=True)), base_url=LOCAL) as client:
        yield client


@pytest.mark.parametrize("url", READ_ROUTES)
def test_pages_need_the_token_when_reads_are_protected(protected: TestClient, client: TestClient, url: str) -> None:
    refused = protected.get(url)
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized", refused.text[:200]
    assert protected.get(url, headers=AUTH).status_code == 200
    assert client.get(url).status_code == 200  # unprotected, the same route is open


def test_a_browser_opens_protected_pages_once_with_the_token(protected: TestClient) -> None:
    login = protected.get("/documents?token=" + TOKEN + "&lang=en", follow_redirects=False)
    assert login.status_code == 303 and login.headers["location"] == "/documents?lang=en"
    cookie = login.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    try:
        assert protected.get("/documents").status_code == 200  # the cookie stands for the token now
        ingest = protected.post("/api/ingest", json={"id": "c1", "text": ARTICLE})
        assert ingest.status_code == 401  # but never for writing: another site's form could send it
    finally:
        protected.cookies.clear()
    assert protected.get("/documents?token=wrong", follow_redirects=False).status_code == 401


# -- item 3: the token is checked and the size enforced while the body streams -------------
def test_a_stranger_gets_401_before_sending_a_body(live: str) -> None:
    # headers of an endless chunked body and no token: answered at once, nothing is read
    head = "POST /api/ingest/files HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
    started = time.monotonic()
    status, body = _raw(live, head)
    assert status == 401 and body["error"]["status"] == 401
    assert time.monotonic() - started < 0.9  # well before the body deadline


@pytest.mark.parametrize("path", ["/api/ingest", "/api/ingest/files"])
def test_a_chunked_body_over_the_limit_is_refused_as_it_streams(live: str, path: str) -> None:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TOKEN}\r\n"
        "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
    )
    chunk = b"[" + b" " * 16 * 1024
    chunks = [b"%x\r\n%s\r\n" % (len(chunk), chunk)] * (SMALL_LIMIT // len(chunk) + 4)
    status, body = _raw(live, head, chunks)
    assert status == 413 and "limit" in body["error"]["message"]


# -- item 9: DNS rebinding -----------------------------------------------------------------
def test_a_rebound_host_name_is_refused(live: str) -> None:
    port = live.rsplit(":", 1)[1]
    for host in ("rebound.attacker.example", f"rebound.attacker.example:{port}", "127.0.0.1.attacker.example"):
        refused = httpx.get(live + "/api/export/jsonl", headers={"Host": host})
        assert refused.status_code == 400 and "--allowed-host" in refused.json()["error"]["message"]
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"[::1]:{port}", f"LOCALHOST.:{port}"):
        assert httpx.get(live + "/healthz", headers={"Host": host}).status_code == 200, host


def test_the_host_allow_list_has_the_bound_address_and_what_is_added(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_ALLOWED_HOSTS", "intel.example, other.example")
    names = allowed_hosts("10.1.2.3", ["Marsad.LAN"])
    assert {"localhost", "127.0.0.1", "::1", "10.1.2.3", "intel.example", "other.example", "marsad.lan"} <= set(names)
    assert "0.0.0.0" not in allowed_hosts("0.0.0.0")  # every address is no name a browser sends
    settings = Settings(db=Path("x"), token="t", allowed_hosts=names)
    assert settings.host_allowed("marsad.lan:8000") and not settings.host_allowed("evil.example")
    assert Settings(db=Path("x"), token="t", allowed_hosts=("*",)).host_allowed("anything.example")


# -- item 10: NDJSON and the file paths of /api/ingest/files --------------------------------
def test_ndjson_splits_on_newlines_only(fresh_db: Path) -> None:
    texts = {"sep-2028": ARTICLE + "\u2028" + "وأكد الطرفان.", "sep-0085": ARTICLE + "\u0085" + "وقال الوزير."}
    body = "\r\n".join(json.dumps({"id": k, "text": v}, ensure_ascii=False) for k, v in texts.items())
    with TestClient(create_app(Settings(db=fresh_db, token=TOKEN)), base_url=LOCAL) as client:
        done = client.post(
            "/api/ingest", content=body.encode(), headers={**AUTH, "content-type": "application/x-ndjson"}
        )
        assert done.status_code == 200 and done.json()["problems"] == [], done.text
        for doc_id, text in texts.items():
            assert client.get(f"/api/documents/{doc_id}").json()["text"] == text


def test_ndjson_that_is_not_utf8_is_reported_not_a_500(fresh_db: Path) -> None:
    good = json.dumps({"id": "u1", "text": ARTICLE}, ensure_ascii=False).encode()
    bad = b'{"id": "u2", "text": "\xd8"}'
    with TestClient(create_app(Settings(db=fresh_db, token=TOKEN)), base_url=LOCAL) as client:
        done = client.post(
            "/api/ingest", content=bad + b"\n" + good, headers={**AUTH, "content-type": "application/x-ndjson"}
        )
        assert done.status_code == 200, done.text
        assert done.json()["documents"] == ["u1"]
        assert done.json()["problems"] == [{"where": "line 1", "reason": "not UTF-8 (byte 23 of the line)"}]
        as_json = client.post("/api/ingest", content=bad, headers={**AUTH, "content-type": "application/json"})
        assert as_json.status_code == 400 and as_json.json()["error"]["code"] == "bad_request"


@pytest.mark.parametrize("kind", ["nul", "loop", "long"])
def test_ingest_files_paths_the_system_cannot_look_up_get_a_4xx_in_the_error_shape(
    fresh_db: Path, tmp_path: Path, kind: str
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "loop-a").symlink_to(folder / "loop-b")
    (folder / "loop-b").symlink_to(folder / "loop-a")
    path = {"nul": "a\x00b.txt", "loop": "loop-a/x.txt", "long": "x" * 5000}[kind]
    with TestClient(create_app(Settings(db=fresh_db, token=TOKEN, ingest_dir=folder)), base_url=LOCAL) as client:
        response = client.post("/api/ingest/files", json={"paths": [path]}, headers=AUTH)
    assert 400 <= response.status_code < 500, response.text[:300]
    error = response.json()["error"]
    assert error["status"] == response.status_code and error["message"] and len(error["message"]) < 600


# -- item 11: slow bodies, token guessing, links, ids with "/" -------------------------------
def test_a_body_sent_a_byte_every_few_seconds_times_out(live: str) -> None:
    head = (
        f"POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TOKEN}\r\n"
        "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
    )
    started = time.monotonic()
    status, body = _raw(live, head, [b"["] * 6, pause=0.5)  # the deadline is 1 s; this takes 3 s
    assert status == 408 and body["error"]["code"] == "timeout"
    assert time.monotonic() - started < 2


def test_wrong_tokens_meet_a_back_off(fresh_db: Path) -> None:
    with TestClient(create_app(Settings(db=fresh_db, token=TOKEN)), base_url=LOCAL) as client:
        wrong = {"Authorization": "Bearer guess"}
        statuses = [client.post("/api/ingest", json={}, headers=wrong).status_code for _ in range(FREE_FAILURES + 2)]
        assert statuses == [401] * (FREE_FAILURES + 1) + [429]
        blocked = client.post("/api/ingest", json={"id": "t", "text": ARTICLE}, headers=AUTH)
        assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) >= 1  # even the right one waits
        assert blocked.json()["error"]["code"] == "too_many_requests"


def test_the_back_off_doubles_and_a_right_token_clears_it() -> None:
    now = [0.0]
    guard = TokenGuard("secret", clock=lambda: now[0])

    def refused(token: str) -> TokenRefused:
        with pytest.raises(TokenRefused) as caught:
            guard.check(token, "10.0.0.9")
        return caught.value

    assert [refused("guess").status_code for _ in range(FREE_FAILURES)] == [401] * FREE_FAILURES
    delays = []
    for _ in range(9):
        assert refused("guess").status_code == 401  # counted; from now on this client waits
        blocked = refused("secret")
        assert blocked.status_code == 429 and blocked.headers
        delays.append(int(blocked.headers["Retry-After"]))
        now[0] += 1000  # wait each delay out
    assert delays == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    guard.check("secret", "10.0.0.9")  # a right token clears the record: a fresh allowance
    assert [refused("guess").status_code for _ in range(FREE_FAILURES + 1)] == [401] * (FREE_FAILURES + 1)
    assert refused("guess").status_code == 429
    guard.check("secret", "10.0.0.8")  # another client is not held up


def test_only_http_links_from_an_article_are_rendered(fresh_db: Path) -> None:
    records = [
        {"id": "link-js", "text": ARTICLE, "url": "javascript:alert(document.cookie)"},
        {"id": "link-js2", "text": ARTICLE + " وأكد.", "url": " JavaScript:alert(1)"},
        {"id": "link-data", "text": ARTICLE + " وقال.", "url": "data:text/html,<script>alert(1)</script>"},
        {"id": "link-web", "text": ARTICLE + " وأضاف.", "url": "https://news.example/a?b=1"},
    ]
    with TestClient(create_app(Settings(db=fresh_db, token=TOKEN)), base_url=LOCAL) as client:
        assert client.post("/api/ingest", json=records, headers=AUTH).json()["outcomes"]["added"] == 4
        for record in records[:3]:
            page = client.get(f"/documents/{record['id']}").text
            assert 'href="javascript' not in page.lower() and 'href=" javascript' not in page.lower()
            assert 'href="data:' not in page
        assert 'href="https://news.example/a?b=1"' in client.get("/documents/link-web").text


def test_ids_with_a_slash_are_fetchable(fresh_db: Path) -> None:
    # an id stored before ingest refused "/": it must still be reachable, by API and page
    with duckdb.connect(str(fresh_db)) as con:
        con.execute("UPDATE documents SET doc_id = 'feeds/a/1' WHERE doc_id = '001_c6f2d8ba9e7b2ca0'")
    with TestClient(create_app(Settings(db=fresh_db, token=TOKEN)), base_url=LOCAL) as client:
        for url in ("/api/documents/feeds/a/1", "/api/documents/feeds%2Fa%2F1"):
            assert client.get(url).json()["doc_id"] == "feeds/a/1"
        assert client.get("/documents/feeds/a/1").status_code == 200
        missing = client.get("/api/documents/feeds/a/2")
        assert missing.status_code == 404 and "feeds/a/2" in missing.json()["error"]["message"]
