"""``/api/network``: states and organizations at a date, with membership and interaction edges."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from marsad.query.records import Network
from marsad.web.api.common import KB, RequiredDate

router = APIRouter(prefix="/network", tags=["network"])


@router.get("", summary="The alliance network at a date")
def network(
    kb: KB,
    at: RequiredDate,
    years: Annotated[
        int, Query(ge=0, le=50, description="Years of events before `at` that make interaction edges")
    ] = 3,
    events: Annotated[bool, Query(description="Include interaction edges from events")] = True,
) -> Network:
    return kb.network(at, years=years, include_events=events)
