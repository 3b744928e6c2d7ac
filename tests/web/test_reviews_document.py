"""The document page's review forms: each figure, claim and mention's link has one, with the
fields its kind corrects, and shows its standing; rejected ones are back with the switch."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.document import Document, DocumentMeta
from marsad.ingest.service import IngestReport, ingest_documents
from marsad.store.duck import Store
from marsad.web.app import create_app
from marsad.web.settings import Settings
from tests.review.conftest import ARTICLES
from tests.web.conftest import LOCAL, TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def pipeline():
    from marsad.extract.pipeline import build_pipeline

    return build_pipeline()


@pytest.fixture
def client(fresh_db: Path, pipeline) -> Iterator[TestClient]:
    doc_id, language, published, text = ARTICLES[1]  # a figure and a statement
    with Store(fresh_db) as store:
        document = Document(doc_id, text, DocumentMeta(published=published, language=language))
        ingest_documents([document], store, pipeline, IngestReport())
    with TestClient(create_app(Settings(db=fresh_db, token=TOKEN)), base_url=LOCAL) as test_client:
        yield test_client


def _form(html: str, fact: str) -> str:
    found = re.search(rf'<form class="review-form"[^>]*data-fact="{re.escape(fact)}".*?</form>', html, re.S)
    assert found, fact
    return found.group(0)


def _post(client: TestClient, **body: object) -> None:
    answer = client.post("/api/reviews", json={"reason": "read again", "reviewer": "layla", **body}, headers=AUTH)
    assert answer.status_code == 201, answer.text


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_each_figure_claim_and_link_has_a_form(client: TestClient, lang: str) -> None:
    html = client.get(f"/documents/rv-2?lang={lang}").text
    for fact, kind, fields in (
        ("rv-2:f0", "figure", ("value", "unit", "actor")),
        ("rv-2:c0", "claim", ("speaker", "date")),
        ("rv-2:0-10", "mention", ("entity",)),  # «Kyrgyzstan»
    ):
        form = _form(html, fact)
        assert f'data-kind="{kind}"' in form
        assert re.findall(r'<input name="(\w+)" dir="ltr"', form) == list(fields)
    assert 'src="/static/js/review.js"' in html and 'id="rejected-switch"' in html


def test_the_standings_show_and_a_rejected_figure_is_hidden(client: TestClient) -> None:
    _post(client, action="reject", kind="figure", fact_id="rv-2:f0")
    _post(client, action="correct", kind="claim", fact_id="rv-2:c0", set={"date": "2023-05"})
    _post(client, action="correct", kind="mention", fact_id="rv-2:0-10", set={"entity": "KAZ"})
    html = client.get("/documents/rv-2?lang=en").text
    assert 'data-fact="rv-2:f0"' not in html
    claim = re.search(r'<li data-fact="rv-2:c0" class="reviewed-corrected">.*?</li>', html, re.S)
    assert claim and "2023-05" in claim.group(0)
    link = re.search(r'<li data-fact="rv-2:0-10" class="reviewed-corrected">.*?</li>', html, re.S)
    assert link and 'href="/entities/KAZ"' in link.group(0)
    shown = client.get("/documents/rv-2?lang=en&rejected=1").text
    figure = re.search(r'<li data-fact="rv-2:f0" class="reviewed-rejected">.*?</li>', shown, re.S)
    assert figure and 'data-review="rejected"' in figure.group(0)
