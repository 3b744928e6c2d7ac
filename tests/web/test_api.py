"""The REST API over a real store of the demo corpus: every resource, errors, the token."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.web.app import create_app
from marsad.web.settings import Settings
from tests.web.conftest import LOCAL, TOKEN

SNAPSHOT = Path(__file__).resolve().parents[1] / "fixtures" / "openapi.json"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = "أجرت روسيا وطاجيكستان مناورات عسكرية مشتركة في طاجيكستان يوم 3 مارس 2024."


def test_members_at_a_date(client: TestClient) -> None:
    in_2000 = {m["member"] for m in client.get("/api/memberships/CSTO/members", params={"at": "2000"}).json()["items"]}
    assert {"KAZ", "RUS", "ARM"} <= in_2000 and "UZB" not in in_2000
    armenia = [m for m in client.get("/api/memberships/CSTO/members?at=2024").json()["items"] if m["member"] == "ARM"]
    assert armenia[0]["status"] == "frozen" and armenia[0]["sources"]


def test_membership_history(client: TestClient) -> None:
    history = client.get("/api/memberships/history", params={"org": "CSTO", "member": "UZB"}).json()["items"]
    assert [h["change"] for h in history if h["origin"] == "kb"] == ["joined", "left", "joined", "suspended", "left"]
    every = client.get("/api/memberships/history").json()["items"]  # neither org nor member: every change
    assert len(every) > len(history) and {h["org"] for h in every} >= {"CSTO", "SCO"}


def test_events_filtered_and_paged(client: TestClient) -> None:
    page = client.get("/api/events", params={"type": "EXERCISE", "place": "TJK", "since": "2021"}).json()
    assert page["total"] == len(page["items"]) >= 2
    assert all(e["type"] == "EXERCISE" and e["reports"] for e in page["items"])
    first = client.get("/api/events", params={"limit": 2}).json()
    second = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert len(first["items"]) == 2 and first["items"][0]["cluster_id"] != second["items"][0]["cluster_id"]
    one = client.get(f"/api/events/{first['items'][0]['cluster_id']}").json()
    assert one["cluster_id"] == first["items"][0]["cluster_id"]
    assert client.get("/api/events/nope").status_code == 404


def test_events_at_a_confidence(client: TestClient) -> None:
    every = client.get("/api/events", params={"limit": 500}).json()
    sure = client.get("/api/events", params={"limit": 500, "min_confidence": 0.8}).json()
    assert 0 < sure["total"] < every["total"]
    assert all(e["confidence"] >= 0.8 for e in sure["items"])
    assert all(0 <= r["confidence"] <= 1 for e in every["items"] for r in e["reports"])
    assert client.get("/api/events", params={"min_confidence": 2}).status_code == 422


def test_entity_profile_timeline_and_lookup(client: TestClient) -> None:
    kaz = client.get("/api/entities/KAZ").json()
    assert kaz["name_ru"] == "Казахстан" and kaz["events"] and kaz["related"]
    timeline = client.get("/api/entities/KAZ/timeline", params={"with": "RUS"}).json()["items"]
    assert timeline and all(e["date"] for e in timeline[:3])
    found = client.get("/api/entities", params={"q": "توكاييف"}).json()["items"]
    assert found[0]["entity_id"] == "kassym-jomart-tokayev"


def test_network_claims_figures_search(client: TestClient) -> None:
    network = client.get("/api/network", params={"at": "1995"}).json()
    assert {"source": "UZB", "target": "CSTO"} in [
        {"source": e["source"], "target": e["target"]} for e in network["edges"]
    ]
    claims = client.get("/api/claims", params={"speaker": "kassym-jomart-tokayev"}).json()["items"]
    assert claims and all(c["source"]["doc_id"] for c in claims)
    figures = client.get("/api/figures", params={"actor": "KGZ", "what": "military_spending"}).json()["items"]
    assert figures[0]["value"] == 1.3e9
    hits = client.get("/api/search", params={"q": "منظمة شنغهاي"}).json()["items"]
    assert "001_c6f2d8ba9e7b2ca0" in {h["doc_id"] for h in hits}
    hostile = client.get("/api/search", params={"q": "كازاخستان انتهى"}).json()["items"]
    assert hostile and "<script>" not in hostile[0]["snippet_html"] and "&lt;script&gt;" in hostile[0]["snippet_html"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/memberships/CSTO/members?at=20-1", 422),
        ("/api/memberships/CSTO/members", 422),
        ("/api/events?type=PARTY", 422),
        ("/api/events?limit=5000", 422),
        ("/api/memberships/NOWHERE/members?at=2000", 404),
        ("/api/documents/nope", 404),
    ],
)
def test_errors_share_one_body(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["status"] == status and error["message"]


@pytest.mark.parametrize(
    "payload",
    ["' OR 1=1 --", "CSTO'; DROP TABLE events; --", '" UNION SELECT * FROM documents --', "%' OR '%'='"],
)
def test_injection_payloads_are_just_values(client: TestClient, payload: str) -> None:
    for url, params in (
        ("/api/events", {"actor": payload}),
        ("/api/search", {"q": payload}),
        ("/api/claims", {"speaker": payload}),
        ("/api/entities", {"q": payload}),
        ("/api/memberships/history", {"org": payload}),
    ):
        assert client.get(url, params=params).status_code in (200, 400, 404)  # 404: no such entity
    assert client.get("/healthz").json()["counts"]["events"] > 0  # nothing was dropped


def test_ingest_needs_the_token(fresh_db: Path) -> None:
    with TestClient(create_app(Settings(db=fresh_db, token=TOKEN)), base_url=LOCAL) as client:
        body = {"id": "new-1", "text": ARTICLE, "published": "2024-03-04"}
        assert client.post("/api/ingest", json=body).status_code == 401
        assert client.post("/api/ingest", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
        done = client.post("/api/ingest", json=body, headers=AUTH).json()
        assert done["outcomes"]["added"] == 1 and done["problems"] == []
        events = client.get("/api/events", params={"document": "new-1"}).json()["items"]
        assert [(e["type"], e["date"], e["place"]) for e in events] == [("EXERCISE", "2024-03-03", "TJK")]


def test_ingest_batch_reports_bad_lines_and_keeps_the_rest(fresh_db: Path) -> None:
    lines = [
        json.dumps({"id": "b1", "text": ARTICLE}),
        "{not json",
        json.dumps({"id": "b2"}),
        json.dumps({"id": "b3", "text": ARTICLE + " وأكد."}),
    ]
    with TestClient(create_app(Settings(db=fresh_db, token=TOKEN)), base_url=LOCAL) as client:
        done = client.post(
            "/api/ingest", content="\n".join(lines), headers={**AUTH, "content-type": "application/x-ndjson"}
        ).json()
    assert done["documents"] == ["b1", "b3"]
    assert [p["where"] for p in done["problems"]] == ["line 2", "line 3"]


def test_limits_are_enforced(fresh_db: Path) -> None:
    settings = Settings(db=fresh_db, token=TOKEN, max_request_bytes=2000, max_batch=2)
    with TestClient(create_app(settings), base_url=LOCAL) as client:
        big = {"id": "big", "text": ARTICLE * 40}
        assert client.post("/api/ingest", json=big, headers=AUTH).status_code == 413
        many = [{"id": f"m{i}", "text": "نص قصير"} for i in range(3)]
        response = client.post("/api/ingest", json=many, headers=AUTH)
        assert response.status_code == 413 and "limit of 2" in response.json()["error"]["message"]


def test_reads_can_be_put_behind_the_token(fresh_db: Path) -> None:
    with TestClient(create_app(Settings(db=fresh_db, token=TOKEN, protect_reads=True)), base_url=LOCAL) as client:
        assert client.get("/api/events").status_code == 401
        assert client.get("/api/events", headers=AUTH).status_code == 200


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/api/export/gexf?at=1995", b'source="UZB" target="CSTO"'),
        ("/api/export/graphml?at=2008", b"UZB"),
        ("/api/export/geojson?type=EXERCISE", b"FeatureCollection"),
        ("/api/export/plover?place=TJK", b"COOPERATE"),
        ("/api/export/csv?table=memberships", b"1992-05-15"),
        ("/api/export/parquet?table=events", b"PAR1"),
        ("/api/export/jsonl", b'"format":1'),
    ],
)
def test_exports_download(client: TestClient, url: str, expected: bytes) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert expected in response.content
    assert "attachment" in response.headers["content-disposition"]


def test_a_bad_export_says_why(client: TestClient) -> None:
    response = client.get("/api/export/csv?table=search_postings")  # a table the schema does not list
    assert response.status_code == 422 and "events" in response.json()["error"]["message"]
    assert client.get("/api/export/gexf").status_code == 422  # the network needs a date


def test_docs_are_served_from_here(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page
    assert "cdn." not in page and "https://" not in page.replace("https://fastapi", "")
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_openapi_schema_matches_the_snapshot(client: TestClient) -> None:
    """Changing the API changes this file: regenerate it with
    `python -m marsad.web.openapi > tests/fixtures/openapi.json` and review the diff."""
    schema = client.get("/openapi.json").json()
    assert schema == json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    paths = set(schema["paths"])
    for resource in (
        "documents",
        "entities",
        "events",
        "memberships",
        "claims",
        "figures",
        "indicators",
        "network",
        "search",
        "ingest",
    ):
        assert any(p.startswith(f"/api/{resource}") for p in paths), resource


@pytest.mark.parametrize(
    "path",
    ["../outside.txt", "/etc/passwd", "sub/../../outside.txt", "link-out/outside.txt", "", "missing.txt"],
)
def test_ingest_files_cannot_leave_the_ingest_folder(fresh_db: Path, tmp_path: Path, path: str) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (tmp_path / "outside.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "link-out").symlink_to(tmp_path)  # a link that points out of the folder
    with TestClient(create_app(Settings(db=fresh_db, token=TOKEN, ingest_dir=folder)), base_url=LOCAL) as client:
        response = client.post("/api/ingest/files", json={"paths": [path]}, headers=AUTH)
        assert response.status_code in (400, 404, 422), response.text  # 422: not a relative path, by the schema
        assert response.json()["error"]["message"]
        assert client.get("/api/documents/outside").status_code == 404


def test_ingest_files_reads_inside_the_folder(fresh_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "note-7.txt").write_text(ARTICLE, encoding="utf-8")
    with TestClient(create_app(Settings(db=fresh_db, token=TOKEN, ingest_dir=folder)), base_url=LOCAL) as client:
        assert client.post("/api/ingest/files", json={"paths": ["sub/note-7.txt"]}).status_code == 401
        done = client.post("/api/ingest/files", json={"paths": ["sub/note-7.txt"]}, headers=AUTH).json()
        assert done["documents"] == ["note-7"] and done["outcomes"]["added"] == 1
    with TestClient(create_app(Settings(db=fresh_db, token=TOKEN)), base_url=LOCAL) as client:  # no folder configured
        response = client.post("/api/ingest/files", json={"paths": ["sub/note-7.txt"]}, headers=AUTH)
        assert response.status_code == 400 and "MARSAD_INGEST_DIR" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("path", "key", "expected"),
    [
        ("/api/indicators?format=C5", "partner", "C5"),
        ("/api/indicators/formats?format=C5", "format", "C5"),
        ("/api/indicators/figures?state=KGZ&measure=military_spending", "state", "KGZ"),
    ],
)
def test_indicators_answer_with_their_events(client, path: str, key: str, expected: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert items and {item[key] for item in items} == {expected}


def test_indicators_as_csv_and_a_bad_partner(client) -> None:
    response = client.get("/api/indicators?format=C5&as=csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.startswith("state,partner,kind,year,cooperation")
    assert client.get("/api/indicators?partner=XX").status_code == 422  # not a partner of the schema
    assert client.get("/api/indicators?format=nowhere-at-all").status_code == 404
