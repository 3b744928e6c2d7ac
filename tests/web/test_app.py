from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import LOCAL


def test_overview_lists_documents_with_entities(client: TestClient) -> None:
    page = client.get("/documents")
    assert page.status_code == 200
    assert 'dir="rtl"' in page.text
    assert "/documents/002_381fc2a0ed7cd032" in page.text
    assert "كازاخستان" in page.text and "KAZ" in page.text


def test_document_page_highlights_mentions(client: TestClient) -> None:
    page = client.get("/documents/004_4d87f4ddc5874c52")
    assert page.status_code == 200
    assert '<a class="mention country" href="/entities/UZB" title="أوزبكستان' in page.text


def test_article_markup_is_escaped(client: TestClient) -> None:
    for url in ("/", "/documents", "/documents/hostile", "/search?q=كازاخستان"):
        page = client.get(url)
        assert "<script>window.pwned" not in page.text
        assert "<img src=x" not in page.text
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in client.get("/documents/hostile").text


def test_json_document_and_missing_document(client: TestClient) -> None:
    doc = client.get("/api/documents/000_f44bbeda982aca56").json()
    assert doc["published"] == "2024-09-07"
    assert all(doc["text"][m["start_char"] : m["end_char"]] == m["text"] for m in doc["mentions"])
    missing = client.get("/api/documents/nope")
    assert missing.status_code == 404 and "nope" in missing.json()["error"]["message"]
    assert client.get("/healthz").json()["counts"]["documents"] == 6


def test_a_document_without_a_language_pack_is_stored_searchable_and_noted(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from markupsafe import escape

    from marsad.extract.pipeline import build_pipeline, reading_note
    from marsad.ingest.service import ingest
    from marsad.lang import language_pack
    from marsad.store.duck import Store
    from marsad.web.app import create_app
    from marsad.web.settings import Settings

    (tmp_path / "kk.txt").write_text("Kazakhstan and Russia met in Astana.", encoding="utf-8")
    (tmp_path / "ar.txt").write_text("اجتمع رئيسا كازاخستان وروسيا في أستانة.", encoding="utf-8")
    db = tmp_path / "notes.duckdb"
    with Store(db) as store:
        ingest([tmp_path / "kk.txt", tmp_path / "ar.txt"], store, build_pipeline())
    with TestClient(create_app(Settings(db=db, token="t")), base_url=LOCAL) as client:
        english = client.get("/documents/kk")
        assert english.status_code == 200
        assert str(escape(reading_note(language_pack("en")))) in english.text
        assert 'lang="en" dir="ltr" id="article"' in english.text
        arabic = client.get("/documents/ar").text
        assert 'lang="ar" dir="rtl" id="article"' in arabic and "doc-notes" not in arabic
        assert client.get("/api/documents/kk").json()["notes"] == reading_note(language_pack("en"))
        # the word finds the English article; as a name of the knowledge base it also finds
        # the Arabic one, which names the city in Arabic
        hits = client.get("/api/search", params={"q": "Astana"}).json()["items"]
        assert {hit["doc_id"] for hit in hits} == {"kk", "ar"}
        hits = client.get("/api/search", params={"q": "met"}).json()["items"]
        assert [hit["doc_id"] for hit in hits] == ["kk"]


def test_the_events_page_hides_the_less_certain_events(client: TestClient) -> None:
    import re

    def count(page: str) -> int:
        found = re.search(r'class="count"[^>]*>(\d+)<', page)
        assert found, "the page shows how many events it lists"
        return int(found.group(1))

    every = client.get("/events").text
    sure = client.get("/events", params={"min_confidence": "0.8"}).text
    assert 0 < count(sure) < count(every)
    assert '<option value="0.8" selected>' in sure and '<option value="" selected>' in every
    assert client.get("/events", params={"min_confidence": "high"}).status_code == 422
