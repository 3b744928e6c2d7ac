"""``/api/indicators``: cooperation and friction by state, partner and year; a format's
activity and its members' absences, refusals and exits; figures over time. Each answer as
JSON, or as CSV with ``?as=csv``."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel

from marsad.indicators.definitions import bundled_definitions
from marsad.indicators.export import write_csv
from marsad.indicators.records import FigurePoint, FormatYear, TieYear
from marsad.web.api.common import KB, DateParam

router = APIRouter(prefix="/indicators", tags=["indicators"])

Partner = Literal[tuple(bundled_definitions().partners)]  # type: ignore[valid-type]
Measure = Literal[tuple(bundled_definitions().figures)]  # type: ignore[valid-type]

MinConfidence = Annotated[
    float | None, Query(ge=0, le=1, description="Only events reported with at least this confidence")
]
As = Annotated[Literal["json", "csv"], Query(alias="as", description="json (default) or csv")]
_CSV = {200: {"content": {"application/json": {}, "text/csv": {}}, "description": "The answers"}}


class Ties(BaseModel):
    items: list[TieYear]


class Formats(BaseModel):
    items: list[FormatYear]


class Figures(BaseModel):
    items: list[FigurePoint]


def _csv(rows: Sequence[Any], name: str) -> Response:
    out = io.StringIO()
    write_csv(rows, out)
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get(
    "", summary="Cooperation and friction by state, partner or format, and year", response_model=Ties, responses=_CSV
)
def ties(
    kb: KB,
    state: Annotated[str | None, Query(description="One state (default: the five of Central Asia)")] = None,
    partner: Annotated[Partner | None, Query(description="One partner")] = None,
    format: Annotated[str | None, Query(description="One format: CSTO, SCO, C5, OTS, CIS, …")] = None,
    since: DateParam = None,
    until: DateParam = None,
    min_confidence: MinConfidence = None,
    as_: As = "json",
) -> Any:
    rows = kb.indicators(state, partner, format, since, until, min_confidence)
    return _csv(rows, "indicators") if as_ == "csv" else Ties(items=list(rows))


@router.get(
    "/formats", summary="A format's activity by year, and its members' absences, refusals and exits", responses=_CSV
)
def formats(
    kb: KB,
    format: Annotated[str | None, Query(description="One format (default: every format of the definitions)")] = None,
    since: DateParam = None,
    until: DateParam = None,
    min_confidence: MinConfidence = None,
    as_: As = "json",
) -> Any:
    rows = kb.format_activity(format, since, until, min_confidence)
    return _csv(rows, "formats") if as_ == "csv" else Formats(items=list(rows))


@router.get(
    "/figures",
    summary="Military spending, troops and arms deliveries by state and year",
    response_model=Figures,
    responses=_CSV,
)
def figures(
    kb: KB,
    state: Annotated[str | None, Query(description="One state (default: the five of Central Asia)")] = None,
    measure: Annotated[Measure | None, Query(description="What the figures measure (default: all)")] = None,
    since: DateParam = None,
    until: DateParam = None,
    as_: As = "json",
) -> Any:
    rows = kb.figures_by_year(state, measure, since, until)
    return _csv(rows, "figures") if as_ == "csv" else Figures(items=list(rows))
