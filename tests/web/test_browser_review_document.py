"""Reviews on the document page, in a real browser (Debian's Chromium through Playwright),
on a store of its own: a figure rejected there is gone from the page's figures and from
the figures the API answers; a mention's link corrected shows corrected."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.web.conftest import served_copy
from tests.web.test_browser import Page, browser  # noqa: F401  (the module's Chromium fixture)
from tests.web.test_browser_review import _review, lang_tab

TABS = (("en", "wide"), ("ar", "phone"))


@pytest.fixture
def document_server(web_db: Path, tmp_path: Path) -> Iterator[str]:
    """`marsad serve` on a copy of the web store that one test reviews facts in."""
    with served_copy(web_db, tmp_path) as base:
        yield base


@pytest.fixture(params=TABS, ids=lambda p: f"{p[0]}-{p[1]}")
def tab(request: pytest.FixtureRequest, browser: object, document_server: str) -> Iterator[Page]:
    page = lang_tab(browser, document_server, *request.param)
    yield page
    page.close()


def _indicator_figures(base: str) -> list[dict]:
    answer = httpx.get(f"{base}/api/indicators/figures", timeout=30)
    assert answer.status_code == 200, answer.text
    return list(answer.json()["items"])


def test_a_rejected_figure_is_gone_from_the_document_and_the_figures(tab: Page) -> None:
    # a figure the indicators count
    counted = sorted({f["source"]["fact_id"] for f in _indicator_figures(tab.base) if f["source"]["fact_id"]})
    assert counted
    fact = counted[0]
    doc_id = fact.rsplit(":", 1)[0]
    page = tab.goto(f"/documents/{doc_id}?lang={tab.lang}")  # type: ignore[attr-defined]
    item = page.locator(f'ul.doc-figures li[data-fact="{fact}"]')  # type: ignore[attr-defined]
    assert item.count() == 1
    _review(page, item, "reject")
    assert item.count() == 0
    tab.shot(f"review-document-figure-{tab.lang}-{tab.width}")  # type: ignore[attr-defined]
    assert fact not in {f["source"]["fact_id"] for f in _indicator_figures(tab.base)}
    figures = httpx.get(f"{tab.base}/api/figures", params={"limit": 1000}, timeout=30).json()
    assert fact not in {f["source"]["fact_id"] for f in figures["items"]}
    # shown again, marked rejected, with the switch
    page.click("#rejected-switch")  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert item.locator(".review-badge").get_attribute("data-review") == "rejected"


def test_a_mentions_link_is_corrected(tab: Page) -> None:
    found = httpx.get(f"{tab.base}/api/figures", params={"limit": 1}, timeout=30).json()["items"]
    doc_id = found[0]["source"]["doc_id"]
    page = tab.goto(f"/documents/{doc_id}?lang={tab.lang}")  # type: ignore[attr-defined]
    page.locator("details.mention-links > summary").click()  # type: ignore[attr-defined]
    links = page.locator("ul.doc-links > li")  # type: ignore[attr-defined]
    item = links.first
    fact = item.get_attribute("data-fact")
    _review(page, item, "correct", entity="UZB")
    page.locator("details.mention-links > summary").click()  # type: ignore[attr-defined]
    item = page.locator(f'ul.doc-links li[data-fact="{fact}"]')  # type: ignore[attr-defined]
    assert item.locator(".review-badge").get_attribute("data-review") == "corrected"
    assert item.locator("a").first.get_attribute("href") == "/entities/UZB"
