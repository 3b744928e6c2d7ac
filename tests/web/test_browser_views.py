"""Issue 17's charts, network and map in a real browser (Debian's Chromium through
Playwright), in both languages and at both widths. Screenshots go to tests/screenshots/."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.web.test_browser import Page, browser  # noqa: F401  (the module's Chromium fixture)
from tests.web.test_browser_analyst import _fits, _name, tab  # noqa: F401  (both languages, both widths)


def _count(page: object) -> int:
    return int(page.inner_text("#event-count"))  # type: ignore[attr-defined]


def test_the_overview_charts_link_each_bar_to_its_events(tab: Page) -> None:
    page = tab.goto(f"/?lang={tab.lang}")  # type: ignore[attr-defined]
    for chart in ("#chart-type", "#chart-actor"):
        page.wait_for_selector(f"{chart}[data-ready]")  # type: ignore[attr-defined]
        assert page.locator(f"{chart} a.chart-bar").count() >= 3  # type: ignore[attr-defined]
        assert page.locator(f"{chart} .chart-legend li").count() >= 2  # type: ignore[attr-defined]
    legend = page.inner_text("#chart-type .chart-legend")  # type: ignore[attr-defined]
    assert ("مناورات" if tab.lang == "ar" else "Exercise") in legend  # type: ignore[attr-defined]
    _fits(page)
    tab.shot(_name(tab, "overview-charts"))
    bar = page.locator("#chart-type a.chart-bar").first  # type: ignore[attr-defined]
    key, period = bar.get_attribute("data-key"), bar.get_attribute("data-period")
    title = bar.locator("title").text_content()
    n = int(title.rsplit("·", 1)[1])
    bar.locator("rect").click()
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    query = parse_qs(urlsplit(page.url).query)  # type: ignore[attr-defined]
    assert urlsplit(page.url).path == "/events" and query["type"] == [key]  # type: ignore[attr-defined]
    assert query["since"][0].startswith(period[:4])
    assert _count(page) == n  # the bar counts exactly the events it opens


def test_the_entity_page_charts_its_events_and_keeps_the_membership_bars(tab: Page) -> None:
    page = tab.goto(f"/entities/KAZ?lang={tab.lang}")  # type: ignore[attr-defined]
    page.wait_for_selector("#chart-actor[data-ready]")  # type: ignore[attr-defined]
    assert page.locator('.gantt-bar[data-org="CSTO"]').count() >= 1  # type: ignore[attr-defined]
    keys = {a.get_attribute("data-key") for a in page.locator("#chart-actor a.chart-bar").all()}  # type: ignore[attr-defined]
    assert keys and "KAZ" not in keys  # the others taking part, not the entity itself
    _fits(page)
    tab.shot(_name(tab, "entity-charts"))
    bar = page.locator("#chart-actor a.chart-bar").first  # type: ignore[attr-defined]
    n = int(bar.locator("title").text_content().rsplit("·", 1)[1])
    other = bar.get_attribute("data-key")
    bar.locator("rect").click()
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    query = parse_qs(urlsplit(page.url).query)  # type: ignore[attr-defined]
    assert query["actor"] == ["KAZ"] and query["with"] == [other]
    assert _count(page) == n


def test_the_events_page_charts_follow_its_filters(tab: Page) -> None:
    page = tab.goto(f"/events?type=EXERCISE&period=month&lang={tab.lang}")  # type: ignore[attr-defined]
    page.wait_for_selector("#chart-type[data-ready]")  # type: ignore[attr-defined]
    keys = {a.get_attribute("data-key") for a in page.locator("#chart-type a.chart-bar").all()}  # type: ignore[attr-defined]
    assert keys == {"EXERCISE"}
    periods = {a.get_attribute("data-period") for a in page.locator("#chart-type a.chart-bar").all()}  # type: ignore[attr-defined]
    assert all(len(p) == 7 for p in periods)  # months, as asked
    assert page.get_attribute("#period-month", "aria-current") == "true"  # type: ignore[attr-defined]
    _fits(page)
    tab.shot(_name(tab, "events-charts"))


def test_the_network_opens_on_the_region_with_names_a_legend_and_clicks(tab: Page) -> None:
    page = tab.goto(f"/network?at=2008&lang={tab.lang}")  # type: ignore[attr-defined]
    page.wait_for_selector('#network[data-year="2008"]')  # type: ignore[attr-defined]
    assert page.locator("#network-legend li").count() >= 4  # type: ignore[attr-defined]
    # the tables name the entities in the page's language, each a link
    first = page.locator("#membership-edges tbody a").first  # type: ignore[attr-defined]
    text = page.inner_text("#membership-edges tbody")  # type: ignore[attr-defined]
    assert ("أوزبكستان" if tab.lang == "ar" else "Uzbekistan") in text  # type: ignore[attr-defined]
    assert first.get_attribute("href").startswith("/entities/")
    region = int(page.get_attribute("#network", "data-nodes"))  # type: ignore[attr-defined]
    # no name drawn over another: the ones that would be wait for the pointer
    page.wait_for_selector('#network[data-labelled="2008"]')  # type: ignore[attr-defined]
    crossing = page.evaluate(  # type: ignore[attr-defined]
        "() => { const c = document.getElementById('network')._cyreg.cy; "
        "const boxes = c.nodes().filter((n) => !n.hasClass('quiet')).map((n) => n.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true})); "
        "let n = 0; for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) { "
        "const a = boxes[i], b = boxes[j]; if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) n++; } "
        "return [n, boxes.length]; }"
    )
    assert crossing[0] == 0 and crossing[1] >= 5, crossing
    _fits(page)
    tab.shot(_name(tab, "network-region"))
    page.select_option("#network-org", "CSTO")  # type: ignore[attr-defined]
    page.wait_for_function("() => new URL(location).searchParams.get('org') === 'CSTO'")  # type: ignore[attr-defined]
    rows = [r.get_attribute("data-edge") for r in page.locator("#membership-edges tbody tr").all()]  # type: ignore[attr-defined]
    assert rows and all(r.endswith("-CSTO") for r in rows)
    assert int(page.get_attribute("#network", "data-nodes")) < region  # type: ignore[attr-defined]
    tab.shot(_name(tab, "network-csto"))
    page.select_option("#network-org", "")  # type: ignore[attr-defined]
    page.select_option("#network-scope", "world")  # type: ignore[attr-defined]
    page.wait_for_function("() => new URL(location).searchParams.get('scope') === 'world'")  # type: ignore[attr-defined]
    assert int(page.get_attribute("#network", "data-nodes")) > region  # type: ignore[attr-defined]


def test_a_network_node_click_opens_the_entity(tab: Page) -> None:
    if tab.width != "wide":  # type: ignore[attr-defined]
        pytest.skip("one width is enough to click the canvas")
    page = tab.goto(f"/network?at=2008&org=CSTO&lang={tab.lang}")  # type: ignore[attr-defined]
    page.wait_for_selector('#network[data-year="2008"]')  # type: ignore[attr-defined]
    # where cytoscape drew Kazakhstan, from the canvas's own layout, then a real click there
    box = page.locator("#network").bounding_box()  # type: ignore[attr-defined]
    point = page.evaluate(  # type: ignore[attr-defined]
        "() => { const c = document.getElementById('network')._cyreg.cy; "
        "const p = c.getElementById('KAZ').renderedPosition(); return [p.x, p.y]; }"
    )
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])  # type: ignore[attr-defined]
    page.wait_for_url("**/entities/KAZ")  # type: ignore[attr-defined]


def test_the_map_places_every_event_with_a_place_or_a_state(tab: Page) -> None:
    page = tab.goto(f"/map?lang={tab.lang}")  # type: ignore[attr-defined]
    page.wait_for_selector("#map[data-ready]")  # type: ignore[attr-defined]
    placed, total = int(page.inner_text("#map-placed")), int(page.inner_text("#map-total"))  # type: ignore[attr-defined]
    assert total and placed >= 0.8 * total  # the demo's events nearly all name a place or a state
    assert page.locator("#map a.map-event.approximate").count() >= 3  # type: ignore[attr-defined]
    assert page.locator("#map a.map-event:not(.approximate)").count() >= 1  # type: ignore[attr-defined]
    # tooltips in the page's language: a country's and a group's
    kaz = page.locator('#map a.map-event[data-key="KAZ"]')  # type: ignore[attr-defined]
    label = kaz.get_attribute("aria-label")
    assert ("كازاخستان" if tab.lang == "ar" else "Kazakhstan") in label  # type: ignore[attr-defined]
    countries = page.eval_on_selector_all("#map path.country title", "ts => ts.map((t) => t.textContent)")  # type: ignore[attr-defined]
    assert ("روسيا" if tab.lang == "ar" else "Russia") in countries  # type: ignore[attr-defined]
    # a dot keeps its size on screen when the map zooms
    before = kaz.locator("circle").bounding_box()
    page.locator("#map svg").dispatch_event("dblclick")  # type: ignore[attr-defined]
    page.wait_for_timeout(600)  # type: ignore[attr-defined]
    after = kaz.locator("circle").bounding_box()
    assert abs(after["width"] - before["width"]) < 1
    _fits(page)
    tab.shot(_name(tab, "map"))
    # the group's count opens its list (the map afresh: zoomed, Kazakhstan may be out of view)
    page = tab.goto(f"/map?lang={tab.lang}")  # type: ignore[attr-defined]
    page.wait_for_selector("#map[data-ready]")  # type: ignore[attr-defined]
    kaz = page.locator('#map a.map-event[data-key="KAZ"]')  # type: ignore[attr-defined]
    n = int(kaz.get_attribute("data-count"))
    kaz.locator("circle").click()
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert "at=KAZ" in page.url  # type: ignore[attr-defined]
    assert _count(page) == n
    assert page.locator("#map-position").is_visible()  # type: ignore[attr-defined]
