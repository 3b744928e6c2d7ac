"""``POST /api/reviews`` merges a provisional entity into a known one, or promotes it into
the local knowledge base; the entity page of a provisional entity has the two forms."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.datafile import load_yaml
from marsad.document import Document, DocumentMeta
from marsad.ingest.service import IngestReport, ingest_documents
from marsad.kb.overlay import OVERLAY_SETTING
from marsad.store.duck import Store
from marsad.web.app import create_app
from marsad.web.settings import Settings
from tests.review.test_merge import ARTICLES, BEKOV, KNOWN, NUROZOV
from tests.web.conftest import LOCAL, TOKEN


@pytest.fixture(scope="module")
def pipeline():  # type: ignore[no-untyped-def]
    from marsad.extract.pipeline import build_pipeline

    return build_pipeline()


@pytest.fixture
def overlay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "overlay.yaml"
    monkeypatch.setenv(OVERLAY_SETTING, str(path))
    return path


@pytest.fixture
def client(fresh_db: Path, pipeline, overlay: Path) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    docs = [Document(doc_id, text, DocumentMeta(published="2023-03-05")) for doc_id, text in ARTICLES]
    with Store(fresh_db) as store:
        ingest_documents(docs, store, pipeline, IngestReport())
    with TestClient(create_app(Settings(db=fresh_db, token=TOKEN)), base_url=LOCAL) as test_client:
        yield test_client


def _post(client: TestClient, body: dict[str, object], token: str | None = TOKEN):  # type: ignore[no-untyped-def]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/api/reviews", json=body, headers=headers)


MERGE = {"action": "merge", "kind": "entity", "fact_id": BEKOV, "into": KNOWN, "reason": "one man", "reviewer": "sara"}
PROMOTE = {
    "action": "promote", "kind": "entity", "fact_id": NUROZOV, "reason": "deputy minister", "reviewer": "sara",
    "entry": {"id": "arslan-nurozov", "name_en": "Arslan Nurozov", "roles": [{"office": "aide", "start": "2023"}]},
}  # fmt: skip


def test_a_merge_is_posted_with_the_token(client: TestClient) -> None:
    assert client.get(f"/api/entities/{BEKOV}").status_code == 200
    assert _post(client, MERGE, token=None).status_code == 401
    assert _post(client, MERGE, token="wrong").status_code == 401
    answer = _post(client, MERGE)
    assert answer.status_code == 201, answer.text
    review = answer.json()
    assert (review["action"], review["kind"], review["fact_id"], review["after"]) == (
        "merge", "entity", BEKOV, {"entity": KNOWN}
    )  # fmt: skip
    assert client.get(f"/api/entities/{BEKOV}").status_code == 404
    profile = client.get(f"/api/entities/{KNOWN}").json()
    assert {"mg-1", "mg-3"} <= set(profile["mentioned_in"])
    log = client.get("/api/reviews").json()["items"]
    assert [(r["action"], r["state"]) for r in log] == [("merge", "applied")]
    again = _post(client, MERGE)
    assert again.status_code == 409 and "already" in again.json()["error"]["message"]


def test_what_a_merge_refuses(client: TestClient) -> None:
    assert _post(client, MERGE | {"fact_id": "new-nobody-at-all"}).status_code == 404
    assert _post(client, MERGE | {"into": "nobody-known"}).status_code == 409
    assert _post(client, MERGE | {"into": "KAZ"}).status_code == 409  # a person into a state
    for bad in (
        MERGE | {"fact_id": "mg-1:e0"},  # not a provisional entity
        {k: v for k, v in MERGE.items() if k != "into"},
        MERGE | {"set": {"entity": KNOWN}},
        MERGE | {"kind": "mention"},
        PROMOTE | {"entry": {"id": "x y", "name_en": "X"}},
        PROMOTE | {"entry": {"id": "x", "name_en": "X", "roles": [{"office": "emperor", "start": "2023"}]}},
    ):
        answer = _post(client, bad)
        assert answer.status_code == 422, (bad, answer.text)


def test_a_promotion_is_posted_and_its_page_opens(client: TestClient, overlay: Path) -> None:
    answer = _post(client, PROMOTE)
    assert answer.status_code == 201, answer.text
    assert answer.json()["after"]["entity"] == "arslan-nurozov"
    (entry,) = load_yaml(overlay.read_text(encoding="utf-8"))["entries"]
    assert (entry["id"], entry["name_ar"], entry["country"]) == ("arslan-nurozov", "أرسلان نوروزوف", "KGZ")
    profile = client.get("/api/entities/arslan-nurozov").json()
    assert (profile["name_en"], profile["mentioned_in"]) == ("Arslan Nurozov", ["mg-2"])
    assert client.get("/entities/arslan-nurozov").status_code == 200
    refused = _post(client, PROMOTE | {"fact_id": BEKOV, "entry": {"id": "bekov", "name_en": "Bekov"}})
    assert refused.status_code == 409 and "roles" in refused.json()["error"]["message"]
    assert _post(client, PROMOTE | {"fact_id": "new-nobody-at-all"}).status_code == 404


def test_a_provisional_entity_page_has_the_merge_and_promote_forms(client: TestClient) -> None:
    page = client.get(f"/entities/{BEKOV}", params={"lang": "en"}).text
    assert 'class="review-form merge-form"' in page and 'class="review-form promote-form"' in page
    assert "Merge into…" in page and "Promote to the local knowledge base" in page
    assert 'value="تيمور بيكوف"' in page  # the Arabic name as read, to keep or change
    known = client.get(f"/entities/{KNOWN}").text
    assert "merge-form" not in known
