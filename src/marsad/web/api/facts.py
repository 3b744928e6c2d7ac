"""``/api/claims`` and ``/api/figures``: reported speech and numbers, with their evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from marsad.query.records import ClaimRecord, FigureRecord
from marsad.web.api.common import KB, DateParam, Limit, Offset, Page

claims_router = APIRouter(prefix="/claims", tags=["claims"])
figures_router = APIRouter(prefix="/figures", tags=["figures"])


@claims_router.get("", summary="Claims by speaker, by an entity named in them, by date")
def list_claims(
    kb: KB,
    speaker: Annotated[str | None, Query(description="A person, or the state they speak for")] = None,
    about: Annotated[str | None, Query(description="An entity named in the claim")] = None,
    since: DateParam = None,
    until: DateParam = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ClaimRecord]:
    items = kb.claims(speaker=speaker, about=about, since=since, until=until, limit=limit, offset=offset)
    return Page(items=list(items), limit=limit, offset=offset)


@figures_router.get("", summary="Figures by whose they are and what they measure")
def list_figures(
    kb: KB,
    actor: Annotated[str | None, Query(description="Whose figure (a state or organization)")] = None,
    what: Annotated[str | None, Query(description="What it measures: military_spending, troops, …")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[FigureRecord]:
    items = kb.figures(actor=actor, what=what, limit=limit, offset=offset)
    return Page(items=list(items), limit=limit, offset=offset)
