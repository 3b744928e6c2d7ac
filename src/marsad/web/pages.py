"""The analyst's pages: overview, search, entity, events, an event, network, map, a document,
ingest. Rendered on the server (every value escaped by Jinja); the network, the map and the
timeline draw themselves in the browser from the JSON API with bundled scripts."""

from __future__ import annotations

from collections import Counter
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from marsad import __version__
from marsad.query.api import EventQuery, Marsad, QueryError
from marsad.values.partial_date import PartialDate, year_position
from marsad.vocabulary import EVENT_TYPES
from marsad.web.api.common import DATE_PATTERN
from marsad.web.document_view import annotated_segments
from marsad.web.i18n import COOKIE, Language, language_of

templates = Jinja2Templates(directory=str(resources.files("marsad.web").joinpath("templates")))
# every page draws event types in the vocabulary's colours (base.html hands them to CSS and the scripts)
templates.env.globals["event_colours"] = {t.name: t.colour for t in EVENT_TYPES}
WEB_SCHEMES = ("http", "https")


def web_link(url: str | None) -> str:
    """``url`` if it is an http(s) address, else "": a link an article gives (``javascript:``,
    ``data:`` …) is shown as text, never made something a click runs."""
    value = (url or "").strip()
    try:
        scheme = urlsplit(value).scheme.lower()
    except ValueError:  # not a URL at all ("http://[")
        return ""
    return value if scheme in WEB_SCHEMES and value[len(scheme) : len(scheme) + 3] == "://" else ""


templates.env.filters["web_link"] = web_link
router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
# years the network slider spans
NETWORK_YEARS = (1991, 2026)


def _kb(request: Request) -> Marsad:
    return request.app.state.kb.cursor()


KB = Annotated[Marsad, Depends(_kb)]
Lang = Annotated[Language, Depends(language_of)]
# the confidence an analyst can ask the events list for: every event, or the surer ones
CONFIDENCE_LEVELS = ("0.6", "0.7", "0.8", "0.9")
OptionalDate = Annotated[str | None, Query(pattern=f"({DATE_PATTERN})|^$")]


def _render(request: Request, lang: Language, template: str, **context: Any) -> HTMLResponse:
    since = request.query_params.get("since", "")
    until = request.query_params.get("until", "")
    response = templates.TemplateResponse(
        request,
        template,
        {
            "lang": lang,
            "t": lang.t,
            "version": __version__,
            "since": since,
            "until": until,
            "path": request.url.path,
            "query": {k: v for k, v in request.query_params.items() if k not in ("lang", "since", "until")},
            **context,
        },
    )
    if request.query_params.get("lang") == lang.code:
        response.set_cookie(COOKIE, lang.code, max_age=365 * 24 * 3600, samesite="lax")
    return response


def _none_if_empty(value: str | None) -> str | None:
    return value or None


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, kb: KB, lang: Lang, since: OptionalDate = None, until: OptionalDate = None) -> Response:
    since, until = _none_if_empty(since), _none_if_empty(until)
    query = EventQuery(since=since, until=until)
    try:
        latest = kb.events(query, limit=12, newest_first=True)
        actors = kb.active_actors(query, limit=12)
        clusters = kb.count_events(query)
    except QueryError as exc:
        raise HTTPException(400, str(exc)) from exc
    return _render(
        request,
        lang,
        "overview.html",
        counts=kb.store.counts() | {"clusters": clusters},
        latest=latest,
        actors=[(actor, n, *kb._names(actor)) for actor, n in actors],
        names=kb._names,
        documents=kb.store.documents(),
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    kb: KB,
    lang: Lang,
    q: Annotated[str, Query(max_length=500)] = "",
    entity: str = "",
    type: str = "",
    since: OptionalDate = None,
    until: OptionalDate = None,
) -> Response:
    hits: list[Any] = []
    facets: dict[str, list[tuple[str, str, int]]] = {}
    error = ""
    if q.strip():
        try:
            hits = list(
                kb.search(q, since=_none_if_empty(since), until=_none_if_empty(until), entity=entity or None, limit=100)
            )
        except QueryError as exc:
            error = str(exc)
        if type:
            with_type = {
                r[0] for r in kb.con.execute("SELECT DISTINCT doc_id FROM events WHERE type = ?", [type]).fetchall()
            }
            hits = [h for h in hits if h.doc_id in with_type]
        facets = _facets(kb, lang, [h.doc_id for h in hits], [h.published for h in hits])
    return _render(
        request,
        lang,
        "search.html",
        q=q,
        hits=hits[:PAGE_SIZE],
        total=len(hits),
        facets=facets,
        entity=entity,
        type=type,
        error=error,
    )


def _facets(
    kb: Marsad, lang: Language, doc_ids: list[str], published: list[str]
) -> dict[str, list[tuple[str, str, int]]]:
    """Counts among the hits: the event types their articles report, the states and
    organizations they name, the years they were published."""
    if not doc_ids:
        return {}
    marks = ", ".join("?" for _ in doc_ids)
    types = kb.con.execute(
        f"SELECT type, count(DISTINCT doc_id) FROM events WHERE doc_id IN ({marks}) GROUP BY type ORDER BY 2 DESC, 1",
        doc_ids,
    ).fetchall()
    actors = kb.con.execute(
        f"SELECT entity_id, count(DISTINCT doc_id) FROM mentions WHERE doc_id IN ({marks}) "
        "AND entity_type IN ('country', 'organization') GROUP BY entity_id ORDER BY 2 DESC, 1 LIMIT 12",
        doc_ids,
    ).fetchall()
    years = Counter(p[:4] for p in published if p)
    return {
        "type": [(t, lang.event_type(t), n) for t, n in types],
        "entity": [(e, lang.name(*kb._names(e)[::-1], fallback=e), n) for e, n in actors],
        "year": [(y, y, n) for y, n in sorted(years.items(), reverse=True)],
    }


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, kb: KB, lang: Lang) -> Response:
    try:
        profile = kb.entity(entity_id)
    except QueryError as exc:
        raise HTTPException(404, str(exc)) from exc
    bars = _membership_bars(kb, profile.entity_id)
    return _render(request, lang, "entity.html", profile=profile, bars=bars, names=kb._names)


def _membership_bars(kb: Marsad, entity_id: str) -> dict[str, Any]:
    """Gantt rows: one per organization, a bar per reference period, on a year axis."""
    rows = kb.con.execute(
        "SELECT org, member, status, since, coalesce(nullif(until, ''), '') FROM memberships "
        "WHERE origin = 'kb' AND (member = ? OR org = ?) AND since IS NOT NULL AND since <> '' ORDER BY org, since",
        [entity_id, entity_id],
    ).fetchall()
    if not rows:
        return {"rows": [], "start": 0, "end": 0}
    start = min(PartialDate.parse(r[3]).year for r in rows)
    end = max(NETWORK_YEARS[1], *(PartialDate.parse(r[4]).year for r in rows if r[4]))
    span = max(1, end - start + 1)
    grouped: dict[str, list[dict[str, Any]]] = {}
    for org, member, status, since, until in rows:
        label = org if member == entity_id else member
        # a bar runs from its start to the start of its end (a period's «until» is when it stopped)
        first = year_position(since)
        last = year_position(until) if until else end + 1
        grouped.setdefault(label, []).append(
            {
                "status": status,
                "since": since,
                "until": until,
                "left": round(100 * (first - start) / span, 2),
                "width": round(max(0.6, 100 * (last - first) / span), 2),
            }
        )
    ticks = [y for y in range(start, end + 1) if (y - start) % 5 == 0]
    return {
        "rows": sorted(grouped.items()),
        "start": start,
        "end": end,
        "ticks": [(y, round(100 * (y - start) / span, 2)) for y in ticks],
    }


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    kb: KB,
    lang: Lang,
    type: str = "",
    actor: str = "",
    place: str = "",
    since: OptionalDate = None,
    until: OptionalDate = None,
    min_confidence: Annotated[str, Query(pattern=r"^(0(\.\d+)?|1(\.0+)?)?$")] = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    query = EventQuery(
        type=type or None,
        actors=[actor] if actor else None,
        place=place or None,
        since=_none_if_empty(since),
        until=_none_if_empty(until),
        min_confidence=float(min_confidence) if min_confidence else None,
    )
    error = ""
    try:
        clusters = kb.events(query, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        total = kb.count_events(query)
    except QueryError as exc:
        clusters, total, error = [], 0, str(exc)
    return _render(
        request,
        lang,
        "events.html",
        clusters=clusters,
        total=total,
        page=page,
        page_size=PAGE_SIZE,
        type=type,
        actor=actor,
        place=place,
        min_confidence=min_confidence,
        confidence_levels=CONFIDENCE_LEVELS,
        error=error,
        event_types=lang.event_types(),
        names=kb._names,
    )


@router.get("/events/{cluster_id}", response_class=HTMLResponse)
def event_page(request: Request, cluster_id: str, kb: KB, lang: Lang) -> Response:
    event = kb.event(cluster_id)
    if event is None:
        raise HTTPException(404, f"no event {cluster_id!r}")
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
    return _render(request, lang, "event.html", event=event, contexts=contexts, names=kb._names)


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    lang: Lang,
    at: Annotated[str, Query(pattern=r"^\d{4}$")] = "2022",
    years: Annotated[int, Query(ge=0, le=30)] = 3,
) -> Response:
    return _render(request, lang, "network.html", at=at, years=years, first=NETWORK_YEARS[0], last=NETWORK_YEARS[1])


@router.get("/map", response_class=HTMLResponse)
def map_page(
    request: Request, lang: Lang, type: str = "", since: OptionalDate = None, until: OptionalDate = None
) -> Response:
    return _render(request, lang, "map.html", type=type, event_types=lang.event_types())


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, kb: KB, lang: Lang) -> Response:
    rows = kb.store.documents()
    for doc in rows:
        doc["entities"] = kb.store.document_entities(doc["doc_id"])[:12]
        doc["n_events"] = len(kb.store.events(doc["doc_id"]))
    return _render(request, lang, "documents.html", documents=rows)


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)  # an id may hold "/"
def document_page(request: Request, doc_id: str, kb: KB, lang: Lang, event: str = "") -> Response:
    doc = kb.store.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    mentions = kb.store.mentions(doc_id)
    events = kb.store.events(doc_id)
    figures = list(kb.figures(document=doc_id, limit=1000))
    segments = annotated_segments(doc["text"], mentions, events, figures, focus=event)
    return _render(
        request,
        lang,
        "document.html",
        doc=doc,
        segments=segments,
        events=events,
        figures=figures,
        entities=kb.store.document_entities(doc_id),
        focus=event,
    )


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request, lang: Lang) -> Response:
    return _render(request, lang, "ingest.html")
