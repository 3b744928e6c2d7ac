"""Issue 17 in a real browser (Debian's Chromium through Playwright), in both languages and
at both widths: errors as pages, messages next to fields, the language switch keeping the
anchor, sortable tables, the uncertain-facts switch, downloads. Screenshots go to
tests/screenshots/ for review."""

from __future__ import annotations

import pytest

from tests.web.test_browser import Page, browser  # noqa: F401  (the module's Chromium fixture)

WIDTHS = {"wide": (1280, 800), "phone": (390, 844)}


@pytest.fixture(params=[(lang, width) for lang in ("ar", "en") for width in WIDTHS], ids=lambda p: f"{p[0]}-{p[1]}")
def tab(request: pytest.FixtureRequest, browser: object, server: str) -> object:
    lang, width = request.param
    page = Page(browser, server, *WIDTHS[width])
    page.lang, page.width = lang, width  # type: ignore[attr-defined]
    yield page
    page.close()


def _name(tab: Page, what: str) -> str:
    return f"{what}-{tab.lang}-{tab.width}"  # type: ignore[attr-defined]


def _fits(page: object) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")  # type: ignore[attr-defined]
    assert overflow <= 1, overflow


def test_a_missing_entity_is_a_page_in_the_pages_language(tab: Page) -> None:
    response = tab.page.goto(f"{tab.base}/entities/XYZ?lang={tab.lang}")  # type: ignore[attr-defined]
    assert response.status == 404
    heading = tab.page.inner_text("h1")
    assert ("لا يوجد كيان" if tab.lang == "ar" else "No entity has this id") in heading  # type: ignore[attr-defined]
    assert tab.page.get_attribute("html", "dir") == ("rtl" if tab.lang == "ar" else "ltr")
    _fits(tab.page)
    tab.shot(_name(tab, "error-404"))


def test_a_wrong_date_is_said_next_to_the_field(tab: Page) -> None:
    page = tab.goto(f"/events?since=2022-13&lang={tab.lang}")  # type: ignore[attr-defined]
    problem = page.locator("#since-problem")  # type: ignore[attr-defined]
    assert problem.is_visible()
    assert ("لا يوجد شهر" if tab.lang == "ar" else "no such month") in problem.inner_text()  # type: ignore[attr-defined]
    # the message stands by its field, not somewhere else on the page
    field, message = page.locator("#filter-since").bounding_box(), problem.bounding_box()  # type: ignore[attr-defined]
    assert abs(message["y"] - (field["y"] + field["height"])) < 60
    _fits(page)
    tab.shot(_name(tab, "date-problem"))


def test_an_arabic_id_in_the_ingest_form_gets_a_clear_message(tab: Page) -> None:
    page = tab.goto(f"/ingest?lang={tab.lang}")  # type: ignore[attr-defined]
    page.fill("#ingest-token", "anything")  # type: ignore[attr-defined]
    page.fill("#ingest-id", "مقال-١")  # type: ignore[attr-defined]
    page.fill("#ingest-text", "نص")  # type: ignore[attr-defined]
    page.click("form#ingest-form button[type=submit]")  # type: ignore[attr-defined]
    message = page.inner_text("#ingest-id-problem")  # type: ignore[attr-defined]
    assert ("أحرف لاتينية" if tab.lang == "ar" else "Latin letters") in message
    assert page.inner_text("#ingest-result") == ""  # nothing was sent  # type: ignore[attr-defined]
    tab.shot(_name(tab, "ingest-id-problem"))


def test_the_language_switch_keeps_the_query_and_the_anchor(tab: Page) -> None:
    page = tab.goto(f"/entities/KAZ?since=2022&lang={tab.lang}#events")  # type: ignore[attr-defined]
    page.click("#lang-switch")  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    other = "en" if tab.lang == "ar" else "ar"  # type: ignore[attr-defined]
    assert page.get_attribute("html", "lang") == other  # type: ignore[attr-defined]
    url = page.url  # type: ignore[attr-defined]
    assert "/entities/KAZ?" in url and "since=2022" in url and url.endswith("#events")


def test_uncertain_facts_switch_and_downloads(tab: Page) -> None:
    page = tab.goto(f"/events?lang={tab.lang}")  # type: ignore[attr-defined]
    page.wait_for_selector("#timeline[data-ready]")  # type: ignore[attr-defined]
    hidden = int(page.inner_text("#event-count"))  # type: ignore[attr-defined]
    assert page.locator(".event-row .date-source").count() > 0  # type: ignore[attr-defined]
    _fits(page)
    tab.shot(_name(tab, "events"))
    page.click("#uncertain-switch")  # type: ignore[attr-defined]
    page.wait_for_selector("#timeline[data-ready]")  # type: ignore[attr-defined]
    assert int(page.inner_text("#event-count")) > hidden  # type: ignore[attr-defined]
    assert page.get_attribute("#uncertain-switch", "aria-checked") == "true"  # type: ignore[attr-defined]
    csv_link = page.locator(".downloads a", has_text="CSV").first  # type: ignore[attr-defined]
    answer = page.request.get(tab.base + csv_link.get_attribute("href"))  # type: ignore[attr-defined]
    assert answer.ok and answer.text().lstrip("\ufeff").startswith("cluster_id,type,date,date_source")


def test_the_membership_table_sorts(tab: Page) -> None:
    page = tab.goto(f"/entities/UZB?uncertain=1&lang={tab.lang}")  # type: ignore[attr-defined]
    first_dates = lambda: page.locator("#membership-table tbody tr td:first-child").all_inner_texts()  # noqa: E731  # type: ignore[attr-defined]
    before = first_dates()
    assert before == sorted(before)
    # the rows come oldest first (the header says so): one click turns them round
    page.locator("#membership-table th").first.locator("button").click()  # type: ignore[attr-defined]
    assert first_dates() == sorted(before, reverse=True)
    assert page.get_attribute("#membership-table th >> nth=0", "aria-sort") == "descending"  # type: ignore[attr-defined]
    _fits(page)
    tab.shot(_name(tab, "entity"))


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("documents", "/documents?since=2024"),
        ("document", "/documents/004_4d87f4ddc5874c52"),
        ("search", "/search?q=منظمة+شنغهاي"),
        ("event", "/events/002_381fc2a0ed7cd032:e21"),
        ("overview", "/"),
    ],
)
def test_the_pages_fit_and_are_shot(tab: Page, name: str, path: str) -> None:
    page = tab.goto(path + ("&" if "?" in path else "?") + f"lang={tab.lang}")  # type: ignore[attr-defined]
    assert page.get_attribute("html", "lang") == tab.lang  # type: ignore[attr-defined]
    _fits(page)
    tab.shot(_name(tab, name))
