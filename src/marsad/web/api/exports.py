"""``/api/export/{format}``: what the store holds, in the formats analysts' tools read."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from marsad.export import ExportError, export_bytes
from marsad.web.api.common import KB, DateParam

router = APIRouter(prefix="/export", tags=["export"])

Format = Literal["jsonl", "csv", "parquet", "plover", "graphml", "gexf", "geojson"]


@router.get(
    "/{fmt}",
    summary="Download: documents (jsonl), a table (csv, parquet), events (plover, geojson), the network (graphml, gexf)",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}, "description": "The exported file"}},
)
def download(
    fmt: Format,
    kb: KB,
    table: Annotated[str | None, Query(description="csv/parquet: the table (events, memberships, …)")] = None,
    at: DateParam = None,
    years: Annotated[int, Query(ge=0, le=50, description="graphml/gexf: years of events before `at`")] = 3,
    type: Annotated[list[str] | None, Query(description="plover/geojson: event types")] = None,
    actor: Annotated[list[str] | None, Query(description="plover/geojson: actors")] = None,
    place: Annotated[str | None, Query(description="plover/geojson: a place or state")] = None,
    since: DateParam = None,
    until: DateParam = None,
) -> Response:
    filters = {
        k: v
        for k, v in {"type": type, "actors": actor, "place": place, "since": since, "until": until}.items()
        if v is not None
    }
    try:
        content, media_type, name = export_bytes(kb, fmt, at=at, years=years, table=table, **filters)
    except ExportError as exc:
        raise HTTPException(400, str(exc)) from exc
    return Response(content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})
