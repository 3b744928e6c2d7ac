"""Issue 18 in a real browser (Debian's Chromium through Playwright), in both languages and
at both widths, on a store of its own (the reviews write to it): an article's membership
rejected on the entity page is gone, and back with «show rejected facts too»; an event's
actors and date corrected on the event page show corrected."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.web.conftest import TOKEN, served_copy
from tests.web.test_browser import Page, browser  # noqa: F401  (the module's Chromium fixture)

WIDTHS = {"wide": (1280, 800), "phone": (390, 844)}
# where the demo corpus's articles report memberships
ENTITIES = ("KAZ", "UZB", "KGZ", "TJK", "TKM", "ARM", "BLR", "AZE", "GEO", "MDA", "UKR", "AFG", "RUS", "CHN", "IRN")


@pytest.fixture(scope="module")
def review_server(web_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`marsad serve` on a copy of the web store that these tests review facts in."""
    with served_copy(web_db, tmp_path_factory.mktemp("review")) as base:
        yield base


@pytest.fixture(params=[(lang, width) for lang in ("ar", "en") for width in WIDTHS], ids=lambda p: f"{p[0]}-{p[1]}")
def tab(request: pytest.FixtureRequest, browser: object, review_server: str) -> Iterator[Page]:
    page = lang_tab(browser, review_server, *request.param)
    yield page
    page.close()


def lang_tab(browser: object, base: str, lang: str, width: str) -> Page:
    """A page of ``base`` at one of the :data:`WIDTHS`, marked with the language it is read in."""
    page = Page(browser, base, *WIDTHS[width])
    page.lang, page.width = lang, width  # type: ignore[attr-defined]
    return page


def _article_membership(base: str) -> tuple[str, str]:
    """An entity and the id of a membership an article reports on its page."""
    for entity in ENTITIES:
        profile = httpx.get(f"{base}/api/entities/{entity}", timeout=30).json()
        for change in profile.get("memberships", []):
            if change.get("source") and change["source"].get("fact_id"):
                return entity, change["source"]["fact_id"]
    raise AssertionError("no article membership in the demo store")


def _single_report_event(base: str) -> str:
    """The id of an event that one article alone reports."""
    for event in httpx.get(f"{base}/api/events", params={"limit": 200}, timeout=30).json()["items"]:
        if len(event["reports"]) == 1 and event["reports"][0]["source"]["fact_id"]:
            return str(event["reports"][0]["event_id"])
    raise AssertionError("no event with a single report in the demo store")


def _review(page: object, container: object, action: str, reviewer: str | None = "layla", **fields: str) -> None:
    details = container.locator("details.review").first  # type: ignore[attr-defined]
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    form = container.locator("form.review-form").first  # type: ignore[attr-defined]
    if reviewer is not None:
        form.locator("[name=reviewer]").fill(reviewer)
    form.locator("[name=token]").fill(TOKEN)
    form.locator("[name=reason]").fill("read against the article")
    for name, value in fields.items():
        target = form.locator(f"[name={name}]")
        if name == "type":
            target.select_option(value)
        else:
            target.fill(value)
    with page.expect_navigation():  # type: ignore[attr-defined]
        form.locator(f"button[value={action}]").click()
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]


def test_a_rejected_membership_is_gone_and_back_with_the_switch(tab: Page) -> None:
    entity, fact = _article_membership(tab.base)
    page = tab.goto(f"/entities/{entity}?lang={tab.lang}&uncertain=1")  # type: ignore[attr-defined]
    row = page.locator(f'#membership-table tr[data-fact="{fact}"]')  # type: ignore[attr-defined]
    assert row.count() >= 1
    _review(page, row.first, "reject")
    assert row.count() == 0
    page.click("#rejected-switch")  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert "rejected=1" in page.url  # type: ignore[attr-defined]
    assert row.first.locator(".review-badge").get_attribute("data-review") == "rejected"
    tab.shot(f"review-rejected-{tab.lang}-{tab.width}")  # type: ignore[attr-defined]
    # confirmed again (the reviewer's name is remembered): shown without the switch, as confirmed
    row.first.locator("details.review summary").click()
    assert row.first.locator("[name=reviewer]").input_value() == "layla"
    _review(page, row.first, "confirm", reviewer=None)
    page.click("#rejected-switch")  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert "rejected=1" not in page.url  # type: ignore[attr-defined]
    assert row.first.locator(".review-badge").get_attribute("data-review") == "confirmed"


def test_an_events_actors_and_date_are_corrected(tab: Page) -> None:
    event_id = _single_report_event(tab.base)
    page = tab.goto(f"/events/{event_id}?lang={tab.lang}")  # type: ignore[attr-defined]
    report = page.locator(f'article.source[data-event="{event_id}"]')  # type: ignore[attr-defined]
    assert report.count() == 1
    _review(page, report, "correct", actors="KAZ, KGZ", date="2021-03-08")
    assert page.inner_text("h1 bdi") == "2021-03-08"  # type: ignore[attr-defined]
    actors = [a.get_attribute("href") for a in page.locator("dl.facts dd").first.locator("a").all()]  # type: ignore[attr-defined]
    assert actors == ["/entities/KAZ", "/entities/KGZ"]
    assert report.locator(".review-badge").get_attribute("data-review") == "corrected"
    tab.shot(f"review-corrected-{tab.lang}-{tab.width}")  # type: ignore[attr-defined]
    answer = httpx.get(f"{tab.base}/api/reviews", params={"limit": 1000}, timeout=30).json()
    assert any(r["fact_id"] == event_id and r["action"] == "correct" for r in answer["items"])


def test_a_review_without_a_token_is_said_in_the_form(tab: Page) -> None:
    event_id = _single_report_event(tab.base)
    page = tab.goto(f"/events/{event_id}?lang={tab.lang}")  # type: ignore[attr-defined]
    report = page.locator(f'article.source[data-event="{event_id}"]')  # type: ignore[attr-defined]
    report.locator("details.review summary").click()
    form = report.locator("form.review-form")
    form.locator("[name=reviewer]").fill("layla")
    form.locator("button[value=confirm]").click()
    assert form.locator(".review-result").inner_text().strip()
    form.locator("[name=token]").fill("wrong")
    form.locator("button[value=confirm]").click()
    page.wait_for_function("() => document.querySelector('.review-result').title !== ''")  # type: ignore[attr-defined]
    assert "token" in (form.locator(".review-result").get_attribute("title") or "")
