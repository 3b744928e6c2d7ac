"""``/api/export/{format}``: what the store holds, in the formats analysts' tools read.

One operation per format, each with the parameters that format takes and the media type it
answers with, so that the schema says exactly what a request may hold: a table for csv and
parquet, event filters for plover and geojson, a date for the network."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from marsad.export import ExportError, export_bytes
from marsad.export.service import MEDIA_TYPES
from marsad.export.tables import TABLES
from marsad.query.api import UnknownEntity
from marsad.vocabulary import EVENT_TYPES
from marsad.web.api.common import KB, DateParam, RequiredDate

router = APIRouter(prefix="/export", tags=["export"])

Table = Literal[TABLES]  # type: ignore[valid-type]
EventType = Literal[tuple(t.name for t in EVENT_TYPES)]  # type: ignore[valid-type]
Years = Annotated[int, Query(ge=0, le=50, description="Years of events before `at`")]


def _download(kb: KB, fmt: str, **options: Any) -> Response:
    try:
        content, media_type, name = export_bytes(kb, fmt, **options)
    except ExportError as exc:
        status = 404 if isinstance(exc.__cause__, UnknownEntity) else 400
        raise HTTPException(status, str(exc)) from exc
    return Response(content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _route(fmt: str, summary: str) -> Callable[[Callable[..., Response]], Callable[..., Response]]:
    return router.get(
        f"/{fmt}",
        summary=summary,
        response_class=Response,
        responses={200: {"content": {MEDIA_TYPES[fmt].split(";")[0]: {}}, "description": "The exported file"}},
    )


@_route("jsonl", "Download every document in document format v1, one a line")
def documents_jsonl(kb: KB) -> Response:
    return _download(kb, "jsonl")


def _table_route(fmt: str) -> None:
    @_route(fmt, f"Download one table as {fmt}")
    def table_export(kb: KB, table: Annotated[Table, Query(description="The table")]) -> Response:
        return _download(kb, fmt, table=table)


def _events_route(fmt: str) -> None:
    @_route(fmt, f"Download events ({fmt}), with their sources")
    def events_export(
        kb: KB,
        type: Annotated[list[EventType] | None, Query(description="Event types")] = None,
        actor: Annotated[list[str] | None, Query(description="Actors (ids or names)")] = None,
        place: Annotated[str | None, Query(min_length=1, description="A place or state")] = None,
        since: DateParam = None,
        until: DateParam = None,
    ) -> Response:
        filters = {"type": type, "actors": actor, "place": place, "since": since, "until": until}
        return _download(kb, fmt, **{k: v for k, v in filters.items() if v is not None})


def _network_route(fmt: str) -> None:
    @_route(fmt, f"Download the network at a date ({fmt}): memberships and the years of events before it")
    def network_export(kb: KB, at: RequiredDate, years: Years = 3) -> Response:
        return _download(kb, fmt, at=at, years=years)


for _fmt in ("csv", "parquet"):
    _table_route(_fmt)
for _fmt in ("plover", "geojson"):
    _events_route(_fmt)
for _fmt in ("graphml", "gexf"):
    _network_route(_fmt)
