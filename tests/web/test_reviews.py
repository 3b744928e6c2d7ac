"""``GET /api/reviews``: the review log over HTTP; the answers leave the rejected facts out."""

from __future__ import annotations

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
