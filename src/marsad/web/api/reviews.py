"""``/api/reviews``: the analysts' review log (made with ``marsad review``), each review with
what became of it: applied to a stored fact, unmatched (its fact was not extracted again),
or superseded by a later review of the same fact."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from marsad.review.log import Review
from marsad.review.service import listed
from marsad.web.api.common import KB, Limit, Offset, Page

router = APIRouter(prefix="/reviews", tags=["reviews"])


class ReviewOut(BaseModel):
    id: str
    reviewer: str
    time: datetime
    action: str
    kind: str
    doc_id: str
    fact_id: str
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str
    state: str = "applied"  # applied, unmatched (its fact was not found again), superseded


def _out(review: Review, state: str = "applied") -> ReviewOut:
    return ReviewOut(
        id=review.review_id,
        reviewer=review.reviewer,
        time=review.reviewed_at.replace(tzinfo=UTC),  # kept in UTC
        action=review.action,
        kind=review.kind,
        doc_id=review.doc_id,
        fact_id=review.fact_id,
        before=review.before,
        after=review.after,
        reason=review.reason,
        state=state,
    )


@router.get("", summary="The review log, oldest first, with what became of each review")
def list_reviews(
    kb: KB,
    unmatched: Annotated[bool, Query(description="Only the reviews whose fact was not found again")] = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ReviewOut]:
    rows = listed(kb.store, unmatched_only=unmatched)
    items = [_out(row.review, row.state) for row in rows[offset : offset + limit]]
    return Page(items=items, limit=limit, offset=offset, total=len(rows))
