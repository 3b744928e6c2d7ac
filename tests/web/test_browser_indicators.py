"""Issue 19's indicators page in a real browser (Debian's Chromium through Playwright), in
both languages and at both widths: each heatmap cell opens the events it counts."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.web.test_browser import Page, browser  # noqa: F401  (the module's Chromium fixture)
from tests.web.test_browser_analyst import _fits, _name, tab  # noqa: F401  (both languages, both widths)


def test_a_heatmap_cell_opens_the_events_of_its_pair_and_year(tab: Page) -> None:
    page = tab.goto(f"/indicators?lang={tab.lang}")  # type: ignore[attr-defined]
    row = page.locator('#ties tr[data-state="KAZ"][data-partner="C5"]')  # type: ignore[attr-defined]
    assert row.count() == 1
    cell = row.locator("td[data-year]").first
    year = cell.get_attribute("data-year")
    counted = int(cell.get_attribute("data-cooperation")) + int(cell.get_attribute("data-friction"))
    assert counted >= 1
    assert page.locator("table.format-years").count() >= 1  # type: ignore[attr-defined]
    # each format's line: one point per year of the page, a dot (a link) where it did something
    line = page.locator("figure.format-line").first  # type: ignore[attr-defined]
    assert len(line.locator("polyline").get_attribute("points").split()) >= 2
    assert line.locator("circle[data-count]").count() >= 1
    _fits(page)
    tab.shot(_name(tab, "indicators"))
    cell.locator("a").click()
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    query = parse_qs(urlsplit(page.url).query)  # type: ignore[attr-defined]
    assert urlsplit(page.url).path == "/events"  # type: ignore[attr-defined]
    assert (query["actor"], query["with"], query["since"], query["until"]) == (["KAZ"], ["C5"], [year], [year])
    # the pair's events of the year: the counted ones and those that count as neither
    assert int(page.inner_text("#event-count")) >= counted  # type: ignore[attr-defined]
