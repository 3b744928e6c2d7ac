"""The analyst's pages: overview, search, events, an event, network, map, ingest (the entity
and document pages are in ``pages_records``). Rendered on the server (every value escaped by
Jinja); the network, the map and the timeline draw themselves in the browser from the JSON
API with bundled scripts. Every list pages in SQL and downloads as CSV or JSON
(``format=csv``) as filtered on screen."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from marsad.query.aggregates import located_events
from marsad.query.api import EVENT_ORDERS, EventQuery, Marsad, QueryError
from marsad.vocabulary import MEMBERSHIP_STATUS_NAMES
from marsad.web import downloads, pages_indicators, pages_records
from marsad.web.charts import charts, map_data
from marsad.web.error_pages import PageError
from marsad.web.i18n import Language
from marsad.web.inputs import Problems, check_query
from marsad.web.rendering import KB, PAGE_SIZE, DateWindow, Lang, min_confidence, render, templates, web_link
from marsad.web.view import query_string

router = APIRouter(include_in_schema=False)
__all__ = ["router", "templates", "web_link"]  # the templates and the link filter were defined here first
# years the network slider spans
NETWORK_YEARS = (1991, 2026)
# the region the network opens on: its states, the organizations they belong to and the
# states acting with them
CENTRAL_ASIA = ("KAZ", "KGZ", "TJK", "TKM", "UZB")
# the confidence an analyst can ask the events list for: every event, or the surer ones
CONFIDENCE_LEVELS = ("0.6", "0.7", "0.8", "0.9")
# the events page's timeline draws a dot per event: beyond this many it would fetch and draw
# for too long, so it draws the first ones by date and says so
TIMELINE_MOST = 5000
Format = Annotated[str, Query(pattern="^(csv|json)?$")]
PageNumber = Annotated[int, Query(ge=1, le=10_000)]
# a chart's bars: per month or per quarter ("" lets the span choose)
Period = Annotated[str, Query(pattern="^(month|quarter)?$")]


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, kb: KB, lang: Lang, dates: DateWindow, period: Period = "") -> Response:
    query = EventQuery(since=dates.since, until=dates.until, min_confidence=min_confidence(request))
    latest, actors, clusters, drawn = [], [], 0, []
    if not dates.problems:
        latest = list(kb.events(query, limit=12, newest_first=True))
        actors = kb.active_actors(query, limit=12)
        clusters = kb.count_events(query)
        drawn = charts(kb, lang, query, _chart_base(request, since=dates.since, until=dates.until), period)
    return render(
        request,
        lang,
        "overview.html",
        status=422 if dates.problems else 200,
        problems=dates.problems,
        counts=kb.store.counts() | {"clusters": clusters},
        latest=latest,
        actors=[(actor, n, *kb._names(actor)) for actor, n in actors],
        names=kb._names,
        charts=drawn,
    )


def _chart_base(request: Request, **filters: str | None) -> dict[str, str]:
    """What a chart's bar carries to the events page: the page's filters and its switch."""
    base = {k: v or "" for k, v in filters.items()}
    if request.query_params.get("uncertain") == "1":
        base["uncertain"] = "1"
    return base


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    kb: KB,
    lang: Lang,
    dates: DateWindow,
    q: str = "",
    entity: str = "",
    type: str = "",
    format: Format = "",
) -> Response:
    problems = check_query(q, dates.problems)
    hits: list[Any] = []
    facets: dict[str, list[tuple[str, str, int]]] = {}
    if q.strip() and not problems:
        try:
            hits = list(kb.search(q, since=dates.since, until=dates.until, entity=entity or None, limit=1000))
        except QueryError:
            problems.add("q" if not entity else "entity", "entity_unknown" if entity else "query_no_words")
        if type:
            with_type = {
                r[0] for r in kb.con.execute("SELECT DISTINCT doc_id FROM events WHERE type = ?", [type]).fetchall()
            }
            hits = [h for h in hits if h.doc_id in with_type]
        if format:
            return downloads.download(downloads.hit_rows(hits), "search", format)
        facets = _facets(kb, lang, [h.doc_id for h in hits], [h.published for h in hits])
    return render(
        request,
        lang,
        "search.html",
        status=422 if problems else 200,
        problems=problems,
        q=q,
        hits=hits[:PAGE_SIZE],
        # an article without a title is named by its first line, never by its id
        titles=pages_records._titles(kb, [h.doc_id for h in hits[:PAGE_SIZE] if not h.title]),
        total=len(hits),
        facets=facets,
        entity=entity,
        type=type,
    )


def _facets(
    kb: Marsad, lang: Language, doc_ids: list[str], published: list[str]
) -> dict[str, list[tuple[str, str, int]]]:
    """Counts among the hits: the event types their articles report, the states and
    organizations they name, the years they were published."""
    if not doc_ids:
        return {}
    types = kb.con.execute(
        "SELECT type, count(DISTINCT doc_id) FROM events WHERE doc_id IN (SELECT unnest(?)) "
        "GROUP BY type ORDER BY 2 DESC, 1",
        [doc_ids],
    ).fetchall()
    actors = kb.con.execute(
        "SELECT entity_id, count(DISTINCT doc_id) FROM mentions WHERE doc_id IN (SELECT unnest(?)) "
        "AND entity_type IN ('country', 'organization') GROUP BY entity_id ORDER BY 2 DESC, 1 LIMIT 12",
        [doc_ids],
    ).fetchall()
    years = Counter(p[:4] for p in published if p)
    return {
        "type": [(t, lang.event_type(t), n) for t, n in types],
        "entity": [(e, lang.name(*kb._names(e)[::-1], fallback=e), n) for e, n in actors],
        "year": [(y, y, n) for y, n in sorted(years.items(), reverse=True)],
    }


def _entity_problem(kb: Marsad, value: str, name: str, problems: Problems) -> str | None:
    """``value`` as an entity id, or None with the field's problem noted."""
    if not value:
        return None
    try:
        return kb._entity_id(value)
    except QueryError:
        problems.add(name, "entity_unknown")
        return None


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    kb: KB,
    lang: Lang,
    dates: DateWindow,
    type: str = "",
    actor: str = "",
    place: str = "",
    with_: Annotated[str, Query(alias="with")] = "",
    at: Annotated[str, Query(max_length=200)] = "",
    period: Period = "",
    min_confidence_: Annotated[str, Query(alias="min_confidence", pattern=r"^(0(\.\d+)?|1(\.0+)?)?$")] = "",
    sort: Annotated[str, Query(pattern="^(" + "|".join(EVENT_ORDERS) + ")?$")] = "",
    page: PageNumber = 1,
    format: Format = "",
) -> Response:
    problems = dates.problems
    actor_id = _entity_problem(kb, actor, "actor", problems)
    place_id = _entity_problem(kb, place, "place", problems)
    with_id = _entity_problem(kb, with_, "with", problems)
    hidden = min_confidence(request)
    asked = float(min_confidence_) if min_confidence_ else None
    threshold = max(x for x in (asked, hidden, 0.0) if x is not None) or None
    query = EventQuery(
        type=type or None,
        # a bar of an entity's chart by actor: the events of both
        actors=[a for a in (actor_id, with_id) if a] or None,
        match="all",
        place=place_id,
        since=dates.since,
        until=dates.until,
        min_confidence=threshold,
    )
    order = sort or "date"
    clusters: list[Any] = []
    total = 0
    drawn: list[dict[str, Any]] = []
    if not problems and at:
        # the events a map group stands for (its count opens this list)
        if format:
            every = downloads.paged(lambda n, skip: located_events(kb, query, at, n, skip)[0])
            return downloads.download(downloads.event_rows(every), "events", format)
        found, total = located_events(kb, query, at, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        clusters = list(found)
    elif not problems:
        if format:
            every = downloads.paged(lambda n, skip: kb.events(query, limit=n, offset=skip, order=order))
            return downloads.download(downloads.event_rows(every), "events", format)
        clusters = list(kb.events(query, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, order=order))
        total = kb.count_events(query)
        base = _chart_base(
            request, type=type, actor=actor_id, place=place_id, since=dates.since, until=dates.until,
            min_confidence=min_confidence_,
        )  # fmt: skip
        drawn = charts(kb, lang, query, base, period, entity=actor_id or "")
    # the timeline asks the API for the same events
    api_query = {
        "type": type,
        "actor": actor_id or "",
        "place": place_id or "",
        "since": dates.since or "",
        "until": dates.until or "",
        "min_confidence": str(threshold) if threshold else "",
    }
    return render(
        request,
        lang,
        "events.html",
        status=422 if problems else 200,
        problems=problems,
        clusters=clusters,
        total=total,
        page=page,
        page_size=PAGE_SIZE,
        timeline_most=TIMELINE_MOST,
        type=type,
        actor=actor,
        place=place,
        with_=with_,
        at=at,
        at_name=lang.name(*kb._names(at)[::-1], fallback=at) if at else "",
        charts=drawn,
        sort=order,
        orders=list(EVENT_ORDERS),
        min_confidence=min_confidence_,
        confidence_levels=CONFIDENCE_LEVELS,
        api_query=query_string(api_query),
        event_types=lang.event_types(),
        names=kb._names,
    )


@router.get("/events/{cluster_id}", response_class=HTMLResponse)
def event_page(request: Request, cluster_id: str, kb: KB, lang: Lang) -> Response:
    event = kb.event(cluster_id)
    if event is None:
        raise PageError(404, "not_found_event", cluster_id)
    contexts = []
    for report in event.reports:
        doc = kb.store.document(report.source.doc_id) or {}
        text = doc.get("text", "")
        start, end = report.source.start, report.source.end
        before_start = max(0, text.rfind("\n", 0, start) + 1, start - 300)
        after_end = min(len(text), end + 300)
        newline = text.find("\n", end)
        if newline >= 0:
            after_end = min(after_end, newline)
        contexts.append(
            {
                "report": report,
                "doc": doc,
                "before": text[before_start:start],
                "evidence": text[start:end],
                "after": text[end:after_end],
            }
        )
    return render(request, lang, "event.html", event=event, contexts=contexts, names=kb._names)


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    kb: KB,
    lang: Lang,
    at: Annotated[str, Query(pattern=r"^\d{4}$")] = "2022",
    years: Annotated[int, Query(ge=0, le=30)] = 3,
    scope: Annotated[str, Query(pattern="^(region|world)?$")] = "region",
    org: Annotated[str, Query(max_length=100)] = "",
) -> Response:
    # the organizations the reference gives members to, most members first: the filter's choices
    orgs = kb.con.execute(
        "SELECT org, count(DISTINCT member) FROM memberships WHERE origin = 'kb' GROUP BY org ORDER BY 2 DESC, 1"
    ).fetchall()
    choices = [(o, lang.name(*kb._names(o)[::-1], fallback=o)) for o, _ in orgs]
    return render(
        request,
        lang,
        "network.html",
        at=at,
        years=years,
        first=NETWORK_YEARS[0],
        last=NETWORK_YEARS[1],
        scope=scope or "region",
        org=org,
        orgs=choices,
        region=list(CENTRAL_ASIA),
        words={k: lang.t(k) for k in ("legend_membership", "events")} | {"statuses": _statuses(lang)},
        edge_kinds=lang.event_types(),
    )


def _statuses(lang: Language) -> dict[str, str]:
    return {s: lang.membership_status(s) for s in MEMBERSHIP_STATUS_NAMES}


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, kb: KB, lang: Lang, dates: DateWindow, type: str = "") -> Response:
    """Every selected event with a place or a state, grouped by position (one SQL aggregate)."""
    query = EventQuery(type=type or None, since=dates.since, until=dates.until, min_confidence=min_confidence(request))
    data: dict[str, Any] = {"groups": [], "states": {}}
    total = 0
    if not dates.problems:
        data = map_data(kb, lang, query)
        total = kb.count_events(query)
    base = _chart_base(request, type=type, since=dates.since, until=dates.until)
    data |= {
        "base": query_string(base),
        "types": lang.event_types(),
        "words": {k: lang.t(k) for k in ("approximate", "by_actor_note", "exact_place", "events")},
    }
    return render(
        request,
        lang,
        "map.html",
        status=422 if dates.problems else 200,
        problems=dates.problems,
        type=type,
        event_types=lang.event_types(),
        map=data,
        total=total,
    )


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request, lang: Lang) -> Response:
    return render(request, lang, "ingest.html")


# the entity and document pages, and the indicators page, join this router
router.include_router(pages_records.router)
router.include_router(pages_indicators.router)
