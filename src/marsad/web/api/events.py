"""``/api/events``: events as clusters of reports, filtered and sorted by date."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query

from marsad.query.api import EventQuery
from marsad.query.records import EventCluster
from marsad.vocabulary import EVENT_TYPE_NAMES, MODALITY_NAMES
from marsad.web.api.common import KB, DateParam, Limit, Offset, Page

router = APIRouter(prefix="/events", tags=["events"])

# The accepted values come from the vocabulary, in its order (the OpenAPI schema lists them).
EventType = Literal[EVENT_TYPE_NAMES]  # type: ignore[valid-type]
MODALITY_PATTERN = "^(" + "|".join(MODALITY_NAMES) + ")$"


@router.get("", summary="Events, one per real-world event with all its sources, by date")
def list_events(
    kb: KB,
    type: Annotated[list[EventType] | None, Query(description="Event types (any of)")] = None,
    actor: Annotated[list[str] | None, Query(description="Entity ids or names taking part")] = None,
    match: Annotated[str, Query(pattern="^(any|all)$", description="Any or all of the actors")] = "any",
    agent: Annotated[str | None, Query(description="A person taking part")] = None,
    place: Annotated[str | None, Query(description="A place or state (its places count)")] = None,
    since: DateParam = None,
    until: DateParam = None,
    document: Annotated[str | None, Query(description="Only events reported by this document")] = None,
    modality: Annotated[str | None, Query(pattern=MODALITY_PATTERN)] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0, le=1, description="Only events reported with at least this confidence (0–1)")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[EventCluster]:
    query = EventQuery(type, actor, match, agent, place, since, until, document, modality, min_confidence)
    items = kb.events(query, limit=limit, offset=offset)
    return Page(items=list(items), limit=limit, offset=offset, total=kb.count_events(query))


@router.get("/{cluster_id}", summary="One event with every report of it")
def get_event(cluster_id: str, kb: KB) -> EventCluster:
    found = kb.event(cluster_id)
    if found is None:
        raise HTTPException(404, f"no event with id {cluster_id!r}")
    return found
