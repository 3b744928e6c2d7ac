"""``GET /api/reviews``: the review log over HTTP; the answers leave the rejected facts out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.document import Document, DocumentMeta
from marsad.ingest.service import IngestReport, ingest_documents
from marsad.review.service import review_fact
from marsad.store.duck import Store
from marsad.web.app import create_app
from marsad.web.settings import Settings
from tests.review.conftest import ARTICLES
from tests.web.conftest import LOCAL, TOKEN


@pytest.fixture
def client(fresh_db: Path, pipeline) -> Iterator[TestClient]:
    doc_id, _, published, text = ARTICLES[0]  # an exercise, and a withdrawal that never was
    with Store(fresh_db) as store:
        ingest_documents([Document(doc_id, text, DocumentMeta(published=published))], store, pipeline, IngestReport())
        review_fact(store, "membership", "rv-1:m0", "reject", "layla", "Kazakhstan never left")
        review_fact(store, "event", "rv-1:e0", "correct", "omar", "misread", {"actors": "KAZ,RUS", "date": "2022-01"})
    with TestClient(create_app(Settings(db=fresh_db, token=TOKEN)), base_url=LOCAL) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def pipeline():
    from marsad.extract.pipeline import build_pipeline

    return build_pipeline()


def test_the_log_is_listed_with_what_became_of_each_review(client: TestClient) -> None:
    log = client.get("/api/reviews").json()
    assert log["total"] == 2
    assert [(r["reviewer"], r["action"], r["fact_id"], r["state"]) for r in log["items"]] == [
        ("layla", "reject", "rv-1:m0", "applied"),  # the rejected fact carries it, though no answer shows it
        ("omar", "correct", "rv-1:e0", "applied"),
    ]
    first = log["items"][0]
    assert datetime.fromisoformat(first["time"]).tzinfo is not None  # a moment in UTC
    assert datetime.fromisoformat(first["time"]) <= datetime.now(UTC)
    assert client.get("/api/reviews", params={"unmatched": "true"}).json()["items"] == []
    page = client.get("/api/reviews", params={"limit": 1, "offset": 1}).json()
    assert [r["reviewer"] for r in page["items"]] == ["omar"] and page["total"] == 2


def test_the_answers_show_the_reviewed_facts(client: TestClient) -> None:
    history = client.get("/api/memberships/history", params={"org": "CSTO", "member": "KAZ"}).json()["items"]
    assert not [c for c in history if c["source"] and c["source"]["doc_id"] == "rv-1"]
    corrected = client.get("/api/events/rv-1:e0").json()
    assert (corrected["actors"], corrected["date"]) == (["KAZ", "RUS"], "2022-01")
    assert corrected["reports"][0]["source"]["review"] == "corrected"


def _post(client: TestClient, body: dict[str, object], token: str | None = TOKEN):  # type: ignore[no-untyped-def]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/api/reviews", json=body, headers=headers)


def test_a_review_is_posted_with_the_token(client: TestClient) -> None:
    answer = _post(
        client, {"action": "confirm", "kind": "event", "fact_id": "rv-1:e0", "reason": "checked", "reviewer": "sara"}
    )
    assert answer.status_code == 201, answer.text
    review = answer.json()
    assert (review["reviewer"], review["action"], review["fact_id"], review["reason"]) == (
        "sara",
        "confirm",
        "rv-1:e0",
        "checked",
    )
    log = client.get("/api/reviews").json()
    assert log["total"] == 3 and (log["items"][-1]["id"], log["items"][-1]["state"]) == (review["id"], "applied")


def test_a_correction_sets_the_kinds_fields(client: TestClient) -> None:
    body = {"action": "correct", "kind": "event", "fact_id": "rv-1:e0", "reason": "two states", "reviewer": "sara"}
    answer = _post(client, body | {"set": {"actors": ["RUS", "TJK"], "date": "2023-05-04", "type": "EXERCISE"}})
    assert answer.status_code == 201, answer.text
    assert answer.json()["after"]["actors"] == ["RUS", "TJK"]
    event = client.get("/api/events/rv-1:e0").json()
    assert (event["actors"], event["date"]) == (["RUS", "TJK"], "2023-05-04")


def test_a_rejection_takes_the_fact_out_of_the_answers(client: TestClient) -> None:
    body = {"action": "reject", "kind": "event", "fact_id": "rv-1:e0", "reason": "no exercise", "reviewer": "sara"}
    assert _post(client, body).status_code == 201
    assert client.get("/api/events/rv-1:e0").status_code == 404


def test_a_review_without_the_token_is_refused(client: TestClient) -> None:
    body = {"action": "confirm", "kind": "event", "fact_id": "rv-1:e0", "reason": "", "reviewer": "sara"}
    assert _post(client, body, token=None).status_code == 401
    assert _post(client, body, token="wrong").status_code == 401
    assert client.get("/api/reviews").json()["total"] == 2


def test_an_unknown_fact_is_not_found(client: TestClient) -> None:
    body = {"action": "reject", "kind": "membership", "fact_id": "rv-1:m9", "reason": "", "reviewer": "sara"}
    answer = _post(client, body)
    assert answer.status_code == 404 and "rv-1:m9" in answer.json()["error"]["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"action": "approve", "kind": "event", "fact_id": "rv-1:e0", "reason": ""},  # no such action
        {"action": "confirm", "kind": "rumour", "fact_id": "rv-1:e0", "reason": ""},  # no such kind
        {"action": "confirm", "kind": "event", "reason": ""},  # no fact
        {"action": "correct", "kind": "event", "fact_id": "rv-1:e0", "reason": ""},  # nothing to set
        {"action": "correct", "kind": "event", "fact_id": "rv-1:e0", "reason": "", "set": {}},
        {"action": "correct", "kind": "event", "fact_id": "rv-1:e0", "reason": "", "set": {"status": "member"}},
        {"action": "correct", "kind": "event", "fact_id": "rv-1:e0", "reason": "", "set": {"date": "2023-02-30"}},
        {"action": "correct", "kind": "membership", "fact_id": "rv-1:m0", "reason": "", "set": {"status": "friend"}},
        {"action": "confirm", "kind": "event", "fact_id": "rv-1:e0", "reason": "", "set": {"date": "2023"}},
    ],
)
def test_a_body_the_schema_refuses_is_422(client: TestClient, body: dict[str, object]) -> None:
    assert _post(client, body | {"reviewer": "sara"}).status_code == 422
    assert client.get("/api/reviews").json()["total"] == 2


def test_an_unknown_entity_or_no_reviewer_is_a_conflict(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    body = {"action": "correct", "kind": "event", "fact_id": "rv-1:e0", "reason": "", "set": {"actors": ["NOWHERE"]}}
    assert _post(client, body | {"reviewer": "sara"}).status_code == 409
    monkeypatch.delenv("MARSAD_REVIEWER", raising=False)
    assert _post(client, body | {"set": {"date": "2023"}}).status_code == 409
    monkeypatch.setenv("MARSAD_REVIEWER", "server-analyst")
    answer = _post(client, body | {"set": {"date": "2023"}})
    assert answer.status_code == 201 and answer.json()["reviewer"] == "server-analyst"


def test_a_method_the_path_lacks_names_both_it_has(client: TestClient) -> None:
    answer = client.request("OPTIONS", "/api/reviews")
    assert answer.status_code == 405 and answer.headers["allow"] == "GET, POST"


def test_a_lone_surrogate_is_refused_before_the_store(client: TestClient) -> None:
    # no Unicode text holds one: only a JSON escape brings it, and the body's model refuses it
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    for field in ("fact_id", "reason", "reviewer"):
        body = {"action": "confirm", "kind": "event", "fact_id": "rv-1:e0", "reason": "r", "reviewer": "sara"}
        text = json.dumps(body | {field: "SURROGATE"}).replace("SURROGATE", "\\ud800")
        answer = client.post("/api/reviews", content=text, headers=headers)
        assert answer.status_code == 422, (field, answer.text)
