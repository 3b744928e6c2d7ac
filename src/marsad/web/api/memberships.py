"""``/api/memberships``: who belongs to what at a date, and the history of joins and exits."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from marsad.query.api import MEMBER_STATUSES
from marsad.query.records import Member, MembershipChange
from marsad.web.api.common import KB, Limit, Offset, Page, RequiredDate

router = APIRouter(prefix="/memberships", tags=["memberships"])


@router.get("/{org}/members", summary="Members of an organization at a date, with their sources")
def members(
    org: str,
    kb: KB,
    at: RequiredDate,
    status: Annotated[
        list[str] | None, Query(description="Statuses to include (default: members, frozen and suspended)")
    ] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0, le=1, description="Only article reports with at least this confidence (0–1)")
    ] = None,
    limit: Limit = 1000,
    offset: Offset = 0,
) -> Page[Member]:
    statuses = tuple(status) if status else MEMBER_STATUSES
    found = kb.members(org, at, statuses=statuses, min_confidence=min_confidence)
    return Page(items=found[offset : offset + limit], limit=limit, offset=offset, total=len(found))


@router.get(
    "/history", summary="Joins, freezes, suspensions and withdrawals, by date (of one organization, one member, or all)"
)
def history(
    kb: KB,
    org: Annotated[str | None, Query(description="An organization")] = None,
    member: Annotated[str | None, Query(description="A member state")] = None,
    limit: Limit = 1000,
    offset: Offset = 0,
) -> Page[MembershipChange]:
    found = kb.membership_history(org=org, member=member)
    return Page(items=found[offset : offset + limit], limit=limit, offset=offset, total=len(found))
