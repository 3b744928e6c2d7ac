"""The indicators page: a heatmap of cooperation and friction by state and partner (or
format) and year, each cell opening the pair's events of that year; each format's activity
by year with its members' absences, refusals and exits; the figures over time with their
sentences. Rendered on the server from the indicators' queries (``marsad/indicators``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from marsad.indicators.definitions import bundled_definitions
from marsad.indicators.records import TieYear
from marsad.values.figure_value import readable
from marsad.web.rendering import KB, DateWindow, Lang, min_confidence, render
from marsad.web.view import query_string

router = APIRouter(include_in_schema=False)

State = Annotated[str, Query(pattern="^[A-Z]{3}$|^$")]


def heat(cell: TieYear | None) -> str:
    """The cell's shade: how far its balance leans to cooperation or to friction, in five
    steps each way (CSS classes ``heat-c1`` … ``heat-c5``, ``heat-f1`` … ``heat-f5``)."""
    if cell is None or not (cell.cooperation or cell.friction):
        return ""
    total = cell.cooperation_score + cell.friction_score
    share = cell.balance / total if total else 0.0
    size = min(5, 1 + int(total // 2))  # more events, a deeper shade
    return "heat-even" if abs(share) < 0.2 else f"heat-{'c' if share > 0 else 'f'}{size}"


# the size of a format's line of activity, in the SVG's own units
_LINE_WIDTH, _LINE_HEIGHT, _LINE_PAD = 600, 80, 8


def activity_line(years_of: dict[str, Any], years: list[str]) -> dict[str, Any]:
    """A format's events per year as the points of a line over every format's years (a year
    with none at zero), for an SVG drawn on the server: {"points": "x,y …", "dots": [(x, y,
    year, n)], "first", "last", "most"}."""
    counts = [sum(n for _, n in years_of[y].activity) if y in years_of else 0 for y in years]
    most = max(counts, default=0) or 1
    step = (_LINE_WIDTH - 2 * _LINE_PAD) / max(1, len(years) - 1)
    dots = [
        (
            round(_LINE_PAD + k * step, 1),
            round(_LINE_HEIGHT - _LINE_PAD - n / most * (_LINE_HEIGHT - 2 * _LINE_PAD), 1),
            year,
            n,
        )
        for k, (year, n) in enumerate(zip(years, counts, strict=True))
    ]
    return {
        "points": " ".join(f"{x},{y}" for x, y, _, _ in dots),
        "dots": dots,
        "width": _LINE_WIDTH,
        "height": _LINE_HEIGHT,
        "first": years[0] if years else "",
        "last": years[-1] if years else "",
        "most": max(counts, default=0),
    }


@router.get("/indicators", response_class=HTMLResponse)
def indicators_page(request: Request, kb: KB, lang: Lang, dates: DateWindow, state: State = "") -> Response:
    definitions = bundled_definitions()
    threshold = min_confidence(request)
    ties: list[TieYear] = []
    formats: list[Any] = []
    figures: list[Any] = []
    if not dates.problems:
        ties = list(kb.indicators(state or None, since=dates.since, until=dates.until, min_confidence=threshold))
        formats = list(kb.format_activity(since=dates.since, until=dates.until, min_confidence=threshold))
        figures = list(kb.figures_by_year(state or None, since=dates.since, until=dates.until))
    years = sorted({c.year for c in ties} | {f.year for f in formats})
    rows: dict[tuple[str, str], dict[str, TieYear]] = {}
    for cell in ties:
        rows.setdefault((cell.state, cell.partner), {})[cell.year] = cell
    order = {name: k for k, name in enumerate((*definitions.partners, *definitions.formats))}
    heatmap = [
        {
            "state": s,
            "partner": p,
            "state_name": lang.name(*kb._names(s)[::-1], fallback=s),
            "partner_name": lang.name(*kb._names(p)[::-1], fallback=p),
            "cells": [
                (
                    year,
                    cells.get(year),
                    heat(cells.get(year)),
                    "/events?" + query_string({"actor": s, "with": _partner_id(p), "since": year, "until": year}),
                )
                for year in years
            ],
        }
        for (s, p), cells in sorted(rows.items(), key=lambda item: (item[0][0], order.get(item[0][1], 99)))
    ]
    articles = {c.year: c.articles for c in ties} | {f.year: f.articles for f in formats}
    by_format: dict[str, dict[str, Any]] = {}
    for found in formats:
        by_format.setdefault(found.format, {})[found.year] = found
    format_years = sorted({f.year for f in formats})
    return render(
        request,
        lang,
        "indicators.html",
        status=422 if dates.problems else 200,
        problems=dates.problems,
        state=state,
        states=[(s, lang.name(*kb._names(s)[::-1], fallback=s)) for s in definitions.states],
        years=years,
        articles=articles,
        heatmap=heatmap,
        formats=[
            (f, lang.name(*kb._names(f)[::-1], fallback=f), by_format[f], activity_line(by_format[f], format_years))
            for f in definitions.formats
            if f in by_format
        ],
        figures=figures,
        label=lambda entity_id: lang.name(*kb._names(entity_id)[::-1], fallback=entity_id),
        number=readable,
    )


def _partner_id(partner: str) -> str:
    """The entity a partner stands for on the events page: its first id."""
    return bundled_definitions().partners.get(partner, (partner,))[0]
