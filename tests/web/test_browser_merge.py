"""Issue 18's «done when», in a real browser (Debian's Chromium through Playwright), on a
store of its own: a new user rejects the false «Kazakhstan left the CSTO» row, corrects an
event's actors and date, merges a provisional person into a known one — then the whole
corpus is ingested again by a new pipeline version, and every review is still applied."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest

from marsad.datafile import load_yaml
from marsad.document import Document, DocumentMeta
from marsad.extract.pipeline import Pipeline, build_pipeline
from marsad.ingest.service import IngestReport, ingest_documents, pipeline_version
from marsad.kb.overlay import OVERLAY_SETTING
from marsad.store.duck import Store
from tests.review.conftest import ARTICLES as REVIEW_ARTICLES
from tests.review.test_merge import ARTICLES as MERGE_ARTICLES
from tests.review.test_merge import BEKOV, KNOWN, NUROZOV
from tests.web.conftest import TOKEN, start_server
from tests.web.test_browser import Page, browser  # noqa: F401  (the module's Chromium fixture)
from tests.web.test_browser_review import WIDTHS, _review

FALSE_ROW, EVENT = "rv-1:m0", "rv-1:e0"  # Kazakhstan «left» the CSTO; the exercise near Dushanbe


class Rereading:
    """A stage that changes nothing but the pipeline's version: every document is extracted
    again, as by a newer Marsad."""

    name = "rereading"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __call__(self, doc: Document) -> Document:
        return doc


def _documents(pairs: list[tuple[str, str, str | None]]) -> list[Document]:
    return [Document(doc_id, text, DocumentMeta(published=published)) for doc_id, text, published in pairs]


def _stored(db: Path) -> list[Document]:
    """Every document of the store, as it was ingested (the corpus, to ingest again)."""
    with Store(db) as store:
        rows = store.con.execute("SELECT doc_id, text, published, language, title FROM documents ORDER BY doc_id")
        return [
            Document(doc_id, text, DocumentMeta(published=published, language=language or "", title=title))
            for doc_id, text, published, language, title in rows.fetchall()
        ]


@pytest.fixture
def store(web_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Pipeline]:
    """A copy of the web store with the test's own articles in it."""
    monkeypatch.setenv(OVERLAY_SETTING, str(tmp_path / "overlay.yaml"))
    db = tmp_path / "merge.duckdb"
    shutil.copy(web_db, db)
    pipeline = build_pipeline()
    articles = [(i, text, published) for i, _, published, text in REVIEW_ARTICLES]
    articles += [(i, text, "2023-03-05") for i, text in MERGE_ARTICLES]
    with Store(db) as opened:
        ingest_documents(_documents(articles), opened, pipeline, IngestReport())
    return db, pipeline


def _standing(base: str) -> dict[str, object]:
    """What the reviews left, read over the API."""
    history = httpx.get(f"{base}/api/memberships/history", params={"org": "CSTO", "member": "KAZ"}, timeout=30)
    event = httpx.get(f"{base}/api/events/{EVENT}", timeout=30).json()
    known = httpx.get(f"{base}/api/entities/{KNOWN}", timeout=30).json()
    log = httpx.get(f"{base}/api/reviews", params={"limit": 100}, timeout=30).json()["items"]
    return {
        "false row shown": any(c["source"] and c["source"]["fact_id"] == FALSE_ROW for c in history.json()["items"]),
        "event": (event["actors"], event["date"], event["reports"][0]["source"]["review"]),
        "known mentioned in": sorted({"mg-1", "mg-3"} & set(known["mentioned_in"])),
        "provisional": httpx.get(f"{base}/api/entities/{BEKOV}", timeout=30).status_code,
        "log": sorted((r["action"], r["kind"], r["state"]) for r in log),
    }


@pytest.mark.parametrize(("lang", "width"), [("ar", "wide"), ("en", "phone")])
def test_every_review_made_in_the_browser_holds_through_a_new_pipeline_version(
    browser: object,
    store: tuple[Path, Pipeline],
    lang: str,
    width: str,
) -> None:
    db, pipeline = store
    process, base = start_server(db)
    try:
        tab = Page(browser, base, *WIDTHS[width])
        page = tab.goto(f"/entities/KAZ?lang={lang}&uncertain=1")
        row = page.locator(f'#membership-table tr[data-fact="{FALSE_ROW}"]')  # type: ignore[attr-defined]
        assert row.count() == 1
        _review(page, row.first, "reject")
        assert row.count() == 0
        page = tab.goto(f"/events/{EVENT}?lang={lang}")
        _review(
            page, page.locator(f'article.source[data-event="{EVENT}"]'), "correct", actors="KAZ, KGZ", date="2021-03-08"
        )  # type: ignore[attr-defined]
        assert page.inner_text("h1 bdi") == "2021-03-08"  # type: ignore[attr-defined]
        page = tab.goto(f"/entities/{BEKOV}?lang={lang}")
        form = page.locator("form.merge-form")  # type: ignore[attr-defined]
        form.locator("[name=reviewer]").fill("layla")  # remembered from the first review already
        form.locator("[name=token]").fill("wrong")
        form.locator("[name=into]").fill("Murat Nurtleu")  # a name, not the id
        form.locator("button[value=merge]").click()
        page.wait_for_function("() => document.querySelector('.merge-form .review-result').title !== ''")  # type: ignore[attr-defined]
        _review(page, page.locator("#entity-review"), "merge", into="Murat Nurtleu")
        assert page.url.endswith(f"/entities/{KNOWN}")  # type: ignore[attr-defined]
        assert page.locator('a[href="/documents/mg-1"]').count() >= 1  # type: ignore[attr-defined]
        tab.shot(f"review-merged-{lang}-{width}")
        tab.close()
        before = _standing(base)
    finally:
        process.terminate()  # type: ignore[attr-defined]
        process.wait(timeout=10)  # type: ignore[attr-defined]
    assert before == {
        "false row shown": False,
        "event": (["KAZ", "KGZ"], "2021-03-08", "corrected"),
        "known mentioned in": ["mg-1", "mg-3"],
        "provisional": 404,
        "log": [("correct", "event", "applied"), ("merge", "entity", "applied"), ("reject", "membership", "applied")],
    }
    newer = pipeline.extended(Rereading())
    assert pipeline_version(newer) != pipeline_version(pipeline)
    corpus = _stored(db)
    with Store(db) as opened:
        report = IngestReport()
        ingest_documents(corpus, opened, newer, report)
        assert report.outcomes["updated"] == len(corpus)  # every document extracted again
        versions = opened.con.execute("SELECT DISTINCT pipeline_version FROM mentions").fetchall()
        assert versions == [(pipeline_version(newer),)]
    process, base = start_server(db)
    try:
        assert _standing(base) == before
        tab = Page(browser, base, *WIDTHS[width])
        page = tab.goto(f"/entities/KAZ?lang={lang}&uncertain=1&rejected=1")
        badge = page.locator(f'#membership-table tr[data-fact="{FALSE_ROW}"] .review-badge')  # type: ignore[attr-defined]
        assert badge.get_attribute("data-review") == "rejected"
        page = tab.goto(f"/entities/{KNOWN}?lang={lang}")
        assert page.locator('a[href="/documents/mg-3"]').count() >= 1  # type: ignore[attr-defined]
        tab.close()
    finally:
        process.terminate()  # type: ignore[attr-defined]
        process.wait(timeout=10)  # type: ignore[attr-defined]


def test_a_provisional_person_is_promoted_from_its_page(browser: object, store: tuple[Path, Pipeline]) -> None:
    db, _ = store
    process, base = start_server(db, {OVERLAY_SETTING: str(db.parent / "overlay.yaml")})
    try:
        tab = Page(browser, base, *WIDTHS["wide"])
        page = tab.goto(f"/entities/{NUROZOV}?lang=en")
        page.locator("#entity-review details.review summary").nth(1).click()  # type: ignore[attr-defined]
        form = page.locator("form.promote-form")  # type: ignore[attr-defined]
        assert form.locator("[name=name_ar]").input_value() == "أرسلان نوروزوف"  # as read
        assert form.locator("[name=country]").input_value() == "KGZ"
        form.locator("[name=reviewer]").fill("layla")
        form.locator("[name=token]").fill(TOKEN)
        form.locator("[name=id]").fill("arslan-nurozov")
        form.locator("[name=name_en]").fill("Arslan Nurozov")
        form.locator("[name=office]").select_option("aide")
        form.locator("[name=start]").fill("March 2023")
        form.locator("button[value=promote]").click()
        assert form.locator(".review-result").inner_text().strip()  # not a date: said, nothing sent
        form.locator("[name=start]").fill("2023-03")
        with page.expect_navigation():  # type: ignore[attr-defined]
            form.locator("button[value=promote]").click()
        page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
        assert page.url.endswith("/entities/arslan-nurozov")  # type: ignore[attr-defined]
        assert "Arslan Nurozov" in page.inner_text("h1")  # type: ignore[attr-defined]
        assert page.locator('a[href="/documents/mg-2"]').count() >= 1  # type: ignore[attr-defined]
        tab.shot("review-promoted-en-wide")
        tab.close()
    finally:
        process.terminate()  # type: ignore[attr-defined]
        process.wait(timeout=10)  # type: ignore[attr-defined]
    (entry,) = load_yaml((db.parent / "overlay.yaml").read_text(encoding="utf-8"))["entries"]
    assert (entry["id"], entry["roles"]) == (
        "arslan-nurozov",
        [{"office": "aide", "start": "2023-03", "end": "", "state": "KGZ"}],
    )
