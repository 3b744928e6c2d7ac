"""The pages as an analyst uses them (issue 17): errors as pages in the page's language,
fields checked with a message beside them, the date range and facets on every page, links
that keep the page's state, downloads of what is on screen, where each date came from."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from fastapi.testclient import TestClient

from marsad.web import pages

HTML = {"accept": "text/html,application/xhtml+xml"}


def page(client: TestClient, url: str, status: int = 200) -> str:
    response = client.get(url, headers=HTML)
    assert response.status_code == status, (url, response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def count(text: str, id_: str) -> int:
    found = re.search(rf'id="{id_}">(\d+)<', text)
    assert found, f"no #{id_}"
    return int(found.group(1))


def dates(text: str) -> list[str]:
    return re.findall(r'<bdi dir="ltr" class="date">([^<]+)</bdi>', text)


# -- item 1: errors are pages, in the page's language; the API keeps its JSON ----------------
@pytest.mark.parametrize(
    ("url", "arabic", "english"),
    [
        ("/entities/XYZ", "لا يوجد كيان", "No entity has this id"),
        ("/events/nope:e1", "لا يوجد حدث", "No event has this id"),
        ("/documents/nope", "لا توجد وثيقة", "No document has this id"),
        ("/no/such/page", "الصفحة غير موجودة", "Page not found"),
    ],
)
def test_a_missing_thing_is_a_page_in_the_pages_language(
    client: TestClient, url: str, arabic: str, english: str
) -> None:
    shown = page(client, url + "?lang=ar", 404)
    assert arabic in shown and 'dir="rtl"' in shown and "<nav" in shown
    assert english in page(client, url + "?lang=en", 404)
    assert client.get(url).json()["error"]["status"] == 404  # asked without HTML: the JSON shape


def test_the_api_answers_json_even_to_a_browser(client: TestClient) -> None:
    response = client.get("/api/entities/XYZ", headers=HTML)
    assert response.status_code in (400, 404) and response.json()["error"]["code"]


def test_a_value_the_page_cannot_read_is_named_on_a_page(client: TestClient) -> None:
    shown = page(client, "/events?page=abc&lang=en", 422)
    assert "The address holds a value" in shown and '<code dir="ltr">page</code>' in shown
    assert 'href="/events?lang=en"' in shown  # a way out: the page without the value


@pytest.mark.parametrize(
    ("query", "field", "arabic", "english"),
    [
        ("since=abc", "since", "اكتب التاريخ", "Write the date as YYYY"),
        ("since=2022-13", "since", "لا يوجد شهر", "There is no such month"),
        ("since=2025&until=2020", "until", "تاريخ النهاية قبل", "The end is before the start"),
    ],
)
@pytest.mark.parametrize("path", ["/", "/events", "/documents", "/entities/KAZ", "/search?q=روسيا"])
def test_a_wrong_date_is_said_next_to_its_field(
    client: TestClient, path: str, query: str, field: str, arabic: str, english: str
) -> None:
    joiner = "&" if "?" in path else "?"
    shown = page(client, f"{path}{joiner}{query}&lang=ar", 422)
    assert f'id="{field}-problem" role="alert">{arabic}' in shown
    assert f'aria-describedby="{field}-problem"' in shown
    assert english in page(client, f"{path}{joiner}{query}&lang=en", 422)


def test_a_search_too_long_is_said_next_to_the_box(client: TestClient) -> None:
    shown = page(client, "/search?lang=en&q=" + "ب" * 501, 422)
    assert 'id="q-problem" role="alert">The search is longer than 500' in shown and 'maxlength="500"' in shown
    assert client.get("/api/search", params={"q": "ب" * 501}).json()["error"]["status"] == 422


def test_an_unknown_actor_is_said_next_to_its_field(client: TestClient) -> None:
    shown = page(client, "/events?actor=Nowhereland&lang=en", 422)
    assert 'id="actor-problem" role="alert">No entity has this name or id' in shown


# -- item 3: the date range and facets on every page; persons; links keep the state ----------
def test_the_date_range_filters_the_entity_page(client: TestClient) -> None:
    every = page(client, "/entities/KAZ?uncertain=1")
    recent = page(client, "/entities/KAZ?since=2024&uncertain=1")
    assert count(recent, "entity-event-count") < count(every, "entity-event-count")
    assert dates(recent) and all(d >= "2024" for d in dates(recent) if d != "—")


def test_the_date_range_filters_the_documents_page(client: TestClient) -> None:
    every = page(client, "/documents")
    recent = page(client, "/documents?since=2024")
    assert 0 < count(recent, "document-count") < count(every, "document-count") == 6
    assert all(d >= "2024" for d in re.findall(r'<p class="meta"><bdi dir="ltr">([^<]+)</bdi>', recent))


def test_a_person_filters_events_by_name_or_id(client: TestClient) -> None:
    by_name = count(page(client, "/events?actor=توكاييف&uncertain=1"), "event-count")
    by_id = count(page(client, "/events?actor=kassym-jomart-tokayev&uncertain=1"), "event-count")
    assert by_name == by_id > 0
    assert client.get("/api/events", params={"actor": "توكاييف"}).json()["total"] > 0


def test_a_clicked_facet_does_not_stick_to_the_next_query(client: TestClient) -> None:
    shown = page(client, "/search?q=روسيا&type=EXERCISE&entity=RUS")
    form = shown[shown.index('<form class="search"') : shown.index("</form>", shown.index('<form class="search"'))]
    assert 'name="type"' not in form and 'name="entity"' not in form


def test_page_links_are_clean(client: TestClient) -> None:
    first = page(client, "/events?uncertain=1&type=")
    next_link = re.search(r'href="([^"]+)" rel="next"', first)
    if next_link is None:
        pytest.skip("the demo store has one page of events")
    link = next_link.group(1).replace("&amp;", "&")
    assert "?&" not in link and link.count("page=") == 1 and "type=" not in link
    second = page(client, link)
    previous = re.search(r'href="([^"]+)" rel="prev"', second).group(1).replace("&amp;", "&")  # type: ignore[union-attr]
    assert "page=" not in previous and "?&" not in previous


def test_the_language_switch_keeps_the_query(client: TestClient) -> None:
    shown = page(client, "/events?type=EXERCISE&lang=ar&since=2022")
    switch = re.search(r'id="lang-switch" href="([^"]+)"', shown).group(1).replace("&amp;", "&")  # type: ignore[union-attr]
    assert switch == "/events?type=EXERCISE&since=2022&lang=en"


# -- item 2: direction and words -----------------------------------------------------------------
def test_quoted_arabic_keeps_its_direction_in_the_english_view(client: TestClient) -> None:
    events = page(client, "/events?lang=en")
    assert '<q class="evidence" dir="rtl" lang="ar">' in events
    hits = page(client, "/search?q=منظمة&lang=en")
    assert '<p class="snippet" dir="rtl" lang="ar">' in hits
    one = page(client, "/events/002_381fc2a0ed7cd032:e21?lang=en")
    assert '<blockquote class="context" dir="rtl" lang="ar">' in one


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize(
    "url", ["/", "/events", "/entities/KAZ", "/entities/kassym-jomart-tokayev", "/documents/004_4d87f4ddc5874c52"]
)
def test_no_raw_internals_on_the_pages(client: TestClient, url: str, lang: str) -> None:
    shown = page(client, url + f"?lang={lang}")
    for raw in ("(context)", "(reference)", "events.noun", " 1 Sources", "1 المصادر", "founding-member<"):
        assert raw not in shown, (url, raw)


def test_the_document_page_names_its_actors(client: TestClient) -> None:
    shown = page(client, "/documents/004_4d87f4ddc5874c52?lang=en")
    side = shown[shown.index('<ol class="doc-events">') :]
    assert "Uzbekistan" in side or "Russia" in side
    assert '<small dir="ltr">UZB' not in side


# -- item 8: downloads as filtered; item 9: provenance and the uncertain switch ----------------
def test_the_events_list_downloads_as_filtered(client: TestClient) -> None:
    shown = page(client, "/events?type=EXERCISE")
    total = count(shown, "event-count")
    as_json = client.get("/events?type=EXERCISE&format=json")
    rows = json.loads(as_json.content)
    assert len(rows) == total and {r["type"] for r in rows} == {"EXERCISE"}
    assert "attachment" in as_json.headers["content-disposition"]
    as_csv = client.get("/events?type=EXERCISE&format=csv").content.decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(as_csv)))
    assert len(table) == total and {"date", "date_source", "confidence", "evidence"} <= set(table[0])
    assert 'href="/events?type=EXERCISE&amp;format=csv"' in shown


def test_the_documents_and_entity_lists_download(client: TestClient) -> None:
    docs = json.loads(client.get("/documents?since=2024&format=json").content)
    assert docs and all(d["published"] >= "2024" for d in docs)
    history = client.get("/entities/UZB?list=memberships&format=csv").content.decode("utf-8-sig")
    assert "CSTO" in history and "date_source" in history.splitlines()[0]


def test_each_event_shows_where_its_date_came_from_and_its_confidence(client: TestClient) -> None:
    shown = page(client, "/events?lang=en&uncertain=1")
    assert re.search(r'class="date-source date-source-(text|context|anchored|reference)"', shown)
    assert "the article&#39;s date" in shown or "stated in the sentence" in shown
    assert re.search(r'Confidence <bdi dir="ltr">0\.\d\d</bdi>', shown)
    history = page(client, "/entities/ARM?lang=en&uncertain=1")
    assert "<th>Date from</th>" in history and "<th>Confidence</th>" in history


def test_uncertain_facts_are_hidden_on_lists_and_shown_on_the_article(client: TestClient) -> None:
    hidden = count(page(client, "/events"), "event-count")
    shown = count(page(client, "/events?uncertain=1"), "event-count")
    assert hidden < shown
    assert client.get("/api/events", params={"min_confidence": 0.5}).json()["total"] == hidden
    article = page(client, "/documents/002_381fc2a0ed7cd032")
    sure = page(client, "/documents/002_381fc2a0ed7cd032?sure=1")
    assert article.count("<li data-confidence=") + article.count('<li class="focus" data-confidence=') >= sure.count(
        "<li data-confidence="
    )
    assert 'aria-checked="false" id="sure-switch"' in article and 'aria-checked="true" id="sure-switch"' in sure


# -- item 4: REST envelopes and paging ------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "/api/memberships/CSTO/members?at=2000",
        "/api/memberships/history?org=CSTO",
        "/api/entities/KAZ/timeline",
        "/api/documents?limit=2",
    ],
)
def test_every_list_has_the_envelope(client: TestClient, url: str) -> None:
    body = client.get(url).json()
    assert set(body) == {"items", "limit", "offset", "total"} and body["total"] >= len(body["items"])


def test_api_documents_pages_and_filters_without_texts(client: TestClient) -> None:
    first = client.get("/api/documents", params={"limit": 2}).json()
    second = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == 6 and len(first["items"]) == 2
    assert {d["doc_id"] for d in first["items"]}.isdisjoint(d["doc_id"] for d in second["items"])
    assert "text" not in first["items"][0] and first["items"][0]["entities"]
    recent = client.get("/api/documents", params={"since": "2024"}).json()
    assert 0 < recent["total"] < 6


@pytest.mark.parametrize(("lang", "more"), [("en", "more spellings and forms"), ("ar", "صيغة أخرى")])
def test_an_entity_with_dozens_of_forms_shows_the_first_and_folds_the_rest(
    client: TestClient, lang: str, more: str
) -> None:
    page = client.get(f"/entities/KAZ?lang={lang}").text
    names = page.split('class="aliases"', 1)[1].split("</p>", 1)[0]
    assert names.count('class="chip"') == 12  # the first forms, then the rest behind a summary
    folded = page.split('<details class="more-aliases">', 1)[1].split("</details>", 1)[0]
    assert more in folded and folded.count('class="chip"') > 12


def test_an_entity_with_few_names_folds_nothing(client: TestClient) -> None:
    page = client.get("/entities/AGO?lang=en").text
    assert 'class="chip"' in page and 'class="more-aliases"' not in page


@pytest.mark.parametrize(("most", "partial"), [(100_000, False), (3, True)])
def test_the_timeline_says_when_it_shows_only_the_first_events(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, most: int, partial: bool
) -> None:
    monkeypatch.setattr(pages, "TIMELINE_MOST", most)
    page = client.get("/events?lang=en").text
    assert f'data-most="{most}"' in page  # what the script fetches at most
    assert ('id="timeline-partial"' in page) is partial
    assert (f"shows the first {most:,} events" in page) is partial


@pytest.mark.parametrize(("entity", "shown"), [("KAZ", True), ("RUS", False)])
def test_a_states_page_shows_its_own_row_of_the_indicators(client: TestClient, entity: str, shown: bool) -> None:
    page = client.get(f"/entities/{entity}?lang=en").text
    assert ('id="ties"' in page) is shown  # the indicators measure the five states of the region
    if shown:
        assert 'data-partner="C5"' in page and f"/indicators?state={entity}" in page


@pytest.mark.parametrize(("query", "status"), [("", 200), ("?state=KAZ&lang=en", 200), ("?since=2024-13", 422)])
def test_the_indicators_page_answers(client: TestClient, query: str, status: int) -> None:
    response = client.get(f"/indicators{query}")
    assert response.status_code == status
    if status == 200:
        assert 'id="ties"' in response.text and 'id="formats-heading"' in response.text
