"""End to end in a real browser: headless Chromium (Debian's package) driven by Playwright
against a live `marsad serve` on a store built from the demo corpus and a hostile article.

Screenshots of every page, in Arabic and English, go to tests/screenshots/ for review.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.conftest import TOKEN

CHROMIUM = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "screenshots"
REQUIRED = os.environ.get("MARSAD_REQUIRE_BROWSER") == "1"
# Flags the machine needs: no sandbox as root, and no background calls to a closed network.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not Path(CHROMIUM).exists():
    if REQUIRED:
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    pytest.skip(
        f"no Chromium at {CHROMIUM} (apt-get install chromium, or set MARSAD_CHROMIUM)", allow_module_level=True
    )

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


class Page:
    """A browser tab that records what would betray a problem: script errors, dialogs,
    requests that leave this machine."""

    def __init__(self, browser: object, base: str, width: int = 1280, height: int = 800) -> None:
        self.base = base
        self.context = browser.new_context(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("request", lambda r: None if r.url.startswith((base, "data:")) else self.outside.append(r.url))

    def goto(self, path: str) -> object:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def shot(self, name: str) -> None:
        SHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        assert not self.errors, self.errors
        assert not self.outside, f"requests left the machine: {self.outside}"
        self.context.close()


@pytest.fixture
def tab(browser: object, server: str) -> Iterator[Page]:
    page = Page(browser, server)
    yield page
    page.close()


def test_search_and_open_a_result(tab: Page) -> None:
    page = tab.goto("/search")
    page.fill("input[name=q]", "منظمة معاهدة الأمن الجماعي")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector(".hit")
    assert int(page.inner_text("#hit-count")) >= 4
    assert page.locator(".hit mark").first.inner_text() in ("منظمة", "معاهدة", "الأمن", "الجماعي", "لمنظمة", "المنظمة")
    facets = page.locator(".facets a")
    assert facets.count() > 3
    page.locator(".hit-link").first.click()
    page.wait_for_selector("#article")
    assert "/documents/" in page.url
    assert "معاهدة الأمن الجماعي" in page.inner_text("#article")


def test_kazakhstans_page_shows_its_csto_membership_bar(tab: Page) -> None:
    page = tab.goto("/entities/KAZ")
    bar = page.locator('.gantt-bar[data-org="CSTO"]')
    assert bar.count() == 1 and bar.is_visible()
    assert bar.get_attribute("data-since") == "1992-05-15"
    assert "كازاخستان" in page.inner_text("h1")


def test_uzbekistans_csto_bars_show_the_gaps(tab: Page) -> None:
    page = tab.goto("/entities/UZB")
    periods = [
        (b.get_attribute("data-since"), b.get_attribute("data-until"))
        for b in page.locator('.gantt-bar[data-org="CSTO"]').all()
    ]
    assert ("1992-05-15", "1999-04") in periods and ("2006-08-16", "2012-06-28") in periods


@pytest.mark.parametrize(("year", "present"), [("1995", True), ("2000", False), ("2008", True), ("2013", False)])
def test_network_slider_replays_uzbekistans_csto_membership(tab: Page, year: str, present: bool) -> None:
    page = tab.goto("/network")
    slider = page.locator("#network-date")
    slider.focus()
    slider.evaluate("(el, year) => { el.value = year; el.dispatchEvent(new Event('input')); }", year)
    page.wait_for_selector(f'#network[data-year="{year}"]')
    assert page.inner_text("#network-year") == year
    edge = page.locator('#membership-edges tr[data-edge="UZB-CSTO"]')
    assert (edge.count() == 1) is present
    assert page.locator('#membership-edges tr[data-edge="KAZ-CSTO"]').count() == 1
    canvas = page.locator("#network canvas").first
    assert canvas.is_visible()


def test_network_slider_works_from_the_keyboard(tab: Page) -> None:
    page = tab.goto("/network?at=2000")
    page.wait_for_selector('#network[data-year="2000"]')
    page.locator("#network-date").focus()
    for _ in range(8):
        page.keyboard.press("ArrowRight")
    page.wait_for_selector('#network[data-year="2008"]')
    assert page.locator('#membership-edges tr[data-edge="UZB-CSTO"]').count() == 1


def test_an_event_opens_its_sources_with_the_evidence_highlighted(tab: Page) -> None:
    page = tab.goto("/events?type=EXERCISE&place=TJK")
    page.wait_for_selector("#timeline[data-ready]")
    assert page.locator("#timeline a.timeline-event").count() >= 2
    page.locator(".event-link").first.click()
    page.wait_for_selector("mark.evidence")
    evidence = page.inner_text("mark.evidence")
    assert "طاجيكستان" in evidence or "تدريبات" in evidence
    page.get_by_role("link", name="افتح في المقال").first.click()
    page.wait_for_selector(".ev.focus")
    focused = page.locator(".ev.focus").first
    assert focused.is_visible()
    assert focused.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"


def test_switching_language_turns_the_page_around(tab: Page) -> None:
    page = tab.goto("/events")
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    page.click("#lang-switch")
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("html", "dir") == "ltr" and page.get_attribute("html", "lang") == "en"
    assert "Events" in page.inner_text("header nav")
    tab.goto("/")  # the choice is kept
    assert page.get_attribute("html", "lang") == "en"
    page.click("#lang-switch")
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("html", "dir") == "rtl"


def test_the_map_draws_events_from_bundled_boundaries(tab: Page) -> None:
    page = tab.goto("/map")
    page.wait_for_selector("#map[data-ready]")
    assert page.locator("#map path.country").count() > 200
    assert page.locator("#map a.map-event").count() >= 5
    assert page.locator("#map-legend li").count() >= 2


def test_an_article_with_markup_runs_nothing_anywhere(tab: Page) -> None:
    for path in ("/documents/hostile", "/documents", "/search?q=كازاخستان+انتهى", "/entities/KAZ", "/"):
        page = tab.goto(path)
        assert page.evaluate("() => window.pwned") is None
        assert page.locator("img[src=x]").count() == 0
    page = tab.goto("/documents/hostile")
    assert "<script>window.pwned=1</script>" in page.inner_text("#article")
    assert tab.dialogs == []


def test_ingest_an_article_and_see_it_extracted(tab: Page) -> None:
    page = tab.goto("/ingest")
    page.fill("#ingest-token", TOKEN)
    page.fill("#ingest-id", "browser-1")
    page.fill("#ingest-published", "2024-03-04")
    page.fill("#ingest-text", "أجرت روسيا وطاجيكستان مناورات عسكرية مشتركة في طاجيكستان يوم 3 مارس 2024.")
    page.click("form#ingest-form button[type=submit]")
    page.wait_for_selector("#ingest-open")
    page.click("#ingest-open")
    page.wait_for_selector("#article")
    assert page.locator(".doc-events li").count() >= 1
    assert page.locator('a.mention[href="/entities/TJK"]').count() >= 1


def test_ingest_refuses_a_wrong_token(tab: Page) -> None:
    page = tab.goto("/ingest")
    page.fill("#ingest-token", "wrong")
    page.fill("#ingest-id", "browser-2")
    page.fill("#ingest-text", "نص")
    page.click("form#ingest-form button[type=submit]")
    page.wait_for_selector("#ingest-result .error")
    assert "الرمز خاطئ" in page.inner_text("#ingest-result")  # the page's words, not the API's English


def test_keyboard_reaches_the_content_first(tab: Page) -> None:
    page = tab.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"


@pytest.mark.parametrize("width", [390, 1280])
def test_pages_fit_the_screen(browser: object, server: str, width: int) -> None:
    tab = Page(browser, server, width=width, height=844 if width < 500 else 800)
    for path in (
        "/",
        "/search?q=منظمة",
        "/entities/KAZ",
        "/events",
        "/network",
        "/map",
        "/documents/000_f44bbeda982aca56",
    ):
        page = tab.goto(path)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (path, overflow)
    tab.close()


PAGES = {
    "overview": "/",
    "search": "/search?q=منظمة+شنغهاي",
    "entity": "/entities/KAZ",
    "events": "/events",
    "event": "/events/002_381fc2a0ed7cd032:e21",
    "network": "/network?at=2008",
    "map": "/map",
    "document": "/documents/004_4d87f4ddc5874c52",
    "documents": "/documents",
    "ingest": "/ingest",
}


@pytest.mark.parametrize("language", ["ar", "en"])
def test_screenshots_of_every_page(tab: Page, language: str) -> None:
    for name, path in PAGES.items():
        page = tab.goto(path + ("&" if "?" in path else "?") + f"lang={language}")
        for ready in ("#timeline", "#map", "#network"):
            if page.locator(ready).count():
                page.wait_for_selector(f"{ready}[data-ready], {ready}[data-year]")
        assert page.get_attribute("html", "lang") == language
        tab.shot(f"{name}-{language}")
    assert len(list(SHOTS.glob(f"*-{language}.png"))) >= len(PAGES)
