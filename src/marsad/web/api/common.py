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
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DateParam = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")]
RequiredDate = Annotated[str, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")]
