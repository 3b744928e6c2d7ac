"""The pages of one thing: an entity (its profile within the date range), the list of
documents (paged in SQL) and one document (its text with what was read in it marked)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from marsad.indicators.definitions import bundled_definitions
from marsad.query.api import DOCUMENT_SORTS, EventQuery, Marsad, QueryError
from marsad.values.partial_date import PartialDate, year_position
from marsad.vocabulary import MEMBERSHIP_STATUS_NAMES, OFFICES
from marsad.web import downloads
from marsad.web.charts import charts
from marsad.web.document_view import annotated_segments
from marsad.web.error_pages import PageError
from marsad.web.i18n import Language
from marsad.web.rendering import KB, PAGE_SIZE, DateWindow, Lang, Window, min_confidence, render

router = APIRouter(include_in_schema=False)
Format = Annotated[str, Query(pattern="^(csv|json)?$")]
# the entity page's lists, each downloadable on its own
ENTITY_LISTS = ("events", "memberships", "claims")
_LAST_YEAR = 2026  # where a membership bar still running ends on the axis


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(
    request: Request,
    entity_id: str,
    kb: KB,
    lang: Lang,
    dates: DateWindow,
    format: Format = "",
    which: Annotated[str, Query(alias="list", pattern="^(" + "|".join(ENTITY_LISTS) + ")?$")] = "events",
    period: Annotated[str, Query(pattern="^(month|quarter)?$")] = "",
) -> Response:
    try:
        profile = kb.entity(entity_id, since=dates.since, until=dates.until, min_confidence=min_confidence(request))
    except QueryError as exc:
        raise PageError(404, "not_found_entity", entity_id) from exc
    if format:
        rows = {
            "events": lambda: downloads.event_rows(profile.events),
            "memberships": lambda: downloads.membership_rows(profile.memberships),
            "claims": lambda: downloads.claim_rows(profile.claims),
        }[which or "events"]()
        return downloads.download(rows, f"{profile.entity_id}-{which or 'events'}", format)
    return render(
        request,
        lang,
        "entity.html",
        status=422 if dates.problems else 200,
        problems=dates.problems,
        profile=profile,
        bars=_membership_bars(kb, profile.entity_id),
        statuses={status: lang.membership_status(status) for status in MEMBERSHIP_STATUS_NAMES},
        offices={office: lang.office(office) for office in OFFICES},
        charts=_charts(kb, lang, request, profile.entity_id, dates, period) if profile.events else [],
        names=kb._names,
        titles=_titles(kb, [*profile.mentioned_in[:50], *(c.source.doc_id for c in profile.claims)]),
        ties=_ties(kb, lang, profile.entity_id, dates, request) if not dates.problems else [],
    )


def _ties(kb: Marsad, lang: Language, entity_id: str, dates: Window, request: Request) -> list[dict[str, Any]]:
    """A state's own row of the indicators: its cooperation and friction with each partner and
    format over the date range, the busiest first (only for the indicators' states)."""
    if entity_id not in bundled_definitions().states:
        return []
    totals: dict[str, dict[str, Any]] = {}
    for cell in kb.indicators(entity_id, since=dates.since, until=dates.until, min_confidence=min_confidence(request)):
        row = totals.setdefault(
            cell.partner,
            {"partner": cell.partner, "name": lang.name(*kb._names(cell.partner)[::-1], fallback=cell.partner)}
            | {"cooperation": 0, "friction": 0, "balance": 0.0, "years": []},
        )
        row["cooperation"] += cell.cooperation
        row["friction"] += cell.friction
        row["balance"] = round(row["balance"] + cell.balance, 3)
        row["years"].append(cell.year)
    return sorted(totals.values(), key=lambda r: (-(r["cooperation"] + r["friction"]), r["partner"]))


def _charts(kb: Marsad, lang: Language, request: Request, entity_id: str, dates: Window, period: str) -> list[Any]:
    """The entity's events per month or quarter by type, and by the others taking part."""
    threshold = min_confidence(request)
    query = EventQuery(actors=[entity_id], since=dates.since, until=dates.until, min_confidence=threshold)
    base = {"actor": entity_id, "since": dates.since or "", "until": dates.until or ""}
    if request.query_params.get("uncertain") == "1":
        base["uncertain"] = "1"
    return charts(kb, lang, query, base, period, entity=entity_id)


def _titles(kb: Marsad, doc_ids: list[str]) -> dict[str, dict[str, str]]:
    """Each article's title (else its first line) and date, in one query."""
    if not doc_ids:
        return {}
    return {
        doc_id: {"title": title or lead, "published": published or ""}
        for doc_id, title, lead, published in kb.con.execute(
            "SELECT doc_id, title, left(split_part(ltrim(text), chr(10), 1), 140), published FROM documents "
            "WHERE doc_id IN (SELECT unnest(?))",
            [sorted(set(doc_ids))],
        ).fetchall()
    }


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
    end = max(_LAST_YEAR, *(PartialDate.parse(r[4]).year for r in rows if r[4]))
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


@router.get("/documents", response_class=HTMLResponse)
def documents_page(
    request: Request,
    kb: KB,
    lang: Lang,
    dates: DateWindow,
    entity: str = "",
    sort: Annotated[str, Query(pattern="^(" + "|".join(DOCUMENT_SORTS) + ")?$")] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    format: Format = "",
) -> Response:
    problems = dates.problems
    order = sort or "-published"
    documents: list[Any] = []
    total = 0
    if entity:
        try:
            kb._entity_id(entity)
        except QueryError:
            problems.add("entity", "entity_unknown")
    if not problems:
        filters = {"since": dates.since, "until": dates.until, "entity": entity or None}
        if format:
            every = downloads.paged(lambda n, skip: kb.documents(**filters, sort=order, limit=n, offset=skip))
            return downloads.download(downloads.document_rows(every), "documents", format)
        documents = list(kb.documents(**filters, sort=order, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE))
        total = kb.count_documents(**filters)
    return render(
        request,
        lang,
        "documents.html",
        status=422 if problems else 200,
        problems=problems,
        documents=documents,
        total=total,
        page=page,
        page_size=PAGE_SIZE,
        sort=order,
        sorts=list(DOCUMENT_SORTS),
        entity=entity,
    )


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)  # an id may hold "/"
def document_page(request: Request, doc_id: str, kb: KB, lang: Lang, event: str = "") -> Response:
    doc = kb.store.document(doc_id)
    if doc is None:
        raise PageError(404, "not_found_document", doc_id)
    hide_below = min_confidence(request, on_lists=False)
    mentions = kb.store.mentions(doc_id)
    # what the store's rows lack for the side list: each report's confidence and date source
    extra = {
        event_id: (confidence, date_source, cluster_id)
        for event_id, confidence, date_source, cluster_id in kb.con.execute(
            "SELECT event_id, coalesce(confidence, 0), coalesce(date_source, ''), cluster_id FROM events "
            "WHERE doc_id = ?",
            [doc_id],
        ).fetchall()
    }
    events = []
    for row in kb.store.events(doc_id):
        confidence, date_source, cluster_id = extra.get(row["event_id"], (0.0, "", ""))
        if hide_below is not None and confidence < hide_below:
            continue
        events.append(row | {"confidence": confidence, "date_source": date_source, "cluster_id": cluster_id})
    figures = list(kb.figures(document=doc_id, limit=1000))
    segments = annotated_segments(doc["text"], mentions, events, figures, focus=event)
    # each mention's link as a fact to review: its id (DOC:START-END) and its standing
    standing = {
        (start, end): review or ""
        for start, end, review in kb.con.execute(
            "SELECT start_char, end_char, review FROM mentions WHERE doc_id = ?", [doc_id]
        ).fetchall()
    }
    links = [
        m
        | {
            "fact_id": f"{doc_id}:{m['start_char']}-{m['end_char']}",
            "review": standing.get((m["start_char"], m["end_char"]), ""),
        }
        for m in mentions
    ]
    return render(
        request,
        lang,
        "document.html",
        doc=doc,
        segments=segments,
        events=events,
        hidden_events=len(extra) - len(events),
        figures=figures,
        claims=list(kb.claims(document=doc_id, limit=1000)),
        links=links,
        entities=kb.store.document_entities(doc_id),
        focus=event,
        names=kb._names,
    )
