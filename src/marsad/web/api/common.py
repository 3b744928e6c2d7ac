"""What every router shares: the query object of a request, paging, date parameters."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel

from marsad.query.api import MAX_LIMIT, MAX_OFFSET, Marsad

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """A page of answers: ``offset`` and ``limit`` select it, ``total`` counts all when known."""

    items: list[T]
    limit: int
    offset: int
    total: int | None = None


def get_kb(request: Request) -> Marsad:
    """The store's questions, on a cursor of this request's own."""
    return request.app.state.kb.cursor()


KB = Annotated[Marsad, Depends(get_kb)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="How many answers (1–1000)")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="How many answers to skip")]
# a month 01-12 and a day its month has: 29 February only in a leap year
_MONTH_DAY = r"-(0[1-9]|1[0-2])|-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])|-(0[13-9]|1[0-2])-(29|30)|-(0[13578]|1[02])-31"
_LEAP_YEAR = r"\d\d(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00"
DATE_PATTERN = rf"^(\d{{4}}({_MONTH_DAY})?|({_LEAP_YEAR})-02-29)$"
DateParam = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")]
RequiredDate = Annotated[str, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")]
