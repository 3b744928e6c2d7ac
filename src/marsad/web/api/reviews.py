"""``/api/reviews``: the analysts' review log (made with ``marsad review``, the pages' review
forms or ``POST /api/reviews``), each review with what became of it: applied to a stored
fact, unmatched (its fact was not extracted again), or superseded by a later review of the
same fact. ``POST`` reviews one fact, or merges a provisional entity into a known one or
promotes it into the local knowledge base (token required)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from enum import Enum
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.concurrency import run_in_threadpool

from marsad.query.api import Marsad
from marsad.review.log import Review
from marsad.review.merging import merge_entity, promote_entity
from marsad.review.service import ReviewError, UnknownFact, entity_types, listed, review_fact
from marsad.vocabulary import EVENT_TYPE_NAMES, MEMBERSHIP_STATUS_NAMES, MODALITY_NAMES, OFFICES
from marsad.web.api.common import DATE_PATTERN, KB, Limit, Offset, Page
from marsad.web.api.ingest import _writer_lock
from marsad.web.errors import ErrorBody
from marsad.web.security import WriteAccess

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


EventType = Enum("EventType", {name: name for name in EVENT_TYPE_NAMES}, type=str)  # type: ignore[misc]
Modality = Enum("Modality", {name: name for name in MODALITY_NAMES}, type=str)  # type: ignore[misc]
Status = Enum("Status", {name: name for name in MEMBERSHIP_STATUS_NAMES}, type=str)  # type: ignore[misc]
# an entity id as a correction names it («KAZ», «Buenos Aires»): no comma, as a list is
# passed on joined by commas. (No «\s» or «\S» in these patterns: Python's and the schema's
# regexes disagree on what a space is, U+001C for one.)
EntityId = Annotated[str, Field(pattern=r"^[^,]{1,200}$")]
Date = Annotated[str, Field(pattern=DATE_PATTERN)]
Words = Annotated[str, Field(min_length=1, max_length=2000)]  # only spaces: the field is emptied
Entities = Annotated[list[EntityId], Field(min_length=1, max_length=50)]


class _Fields(BaseModel):
    """The fields a correction sets: at least one; a field left out keeps its value."""

    model_config = ConfigDict(extra="forbid", regex_engine="python-re", json_schema_extra={"minProperties": 1})

    @model_validator(mode="after")
    def _something(self) -> _Fields:
        if not self.model_fields_set:
            raise ValueError("a correction sets at least one field")
        return self

    def changes(self) -> dict[str, str]:
        out = {}
        for name in sorted(self.model_fields_set):
            value = getattr(self, name)
            if isinstance(value, list):
                out[name] = ",".join(value)
            elif isinstance(value, Enum):
                out[name] = str(value.value)
            else:
                out[name] = str(value)
        return out


# (no field is nullable: a value left out is kept; ``None`` defaults are never validated)
class EventFields(_Fields):
    type: EventType = Field(default=None)  # type: ignore[assignment]
    actors: Entities = Field(default=None)  # type: ignore[arg-type]
    agents: Entities = Field(default=None)  # type: ignore[arg-type]
    date: Date = Field(default=None)  # type: ignore[assignment]
    place: EntityId = Field(default=None)  # type: ignore[assignment]
    modality: Modality = Field(default=None)  # type: ignore[assignment]


class MembershipFields(_Fields):
    member: EntityId = Field(default=None)  # type: ignore[assignment]
    org: EntityId = Field(default=None)  # type: ignore[assignment]
    status: Status = Field(default=None)  # type: ignore[assignment]
    since: Date = Field(default=None)  # type: ignore[assignment]
    until: Date = Field(default=None)  # type: ignore[assignment]


class FigureFields(_Fields):
    what: Words = Field(default=None)  # type: ignore[assignment]
    value: float = Field(default=None)  # type: ignore[assignment]
    unit: Words = Field(default=None)  # type: ignore[assignment]
    actor: EntityId = Field(default=None)  # type: ignore[assignment]


class ClaimFields(_Fields):
    speaker: EntityId = Field(default=None)  # type: ignore[assignment]
    speaker_state: EntityId = Field(default=None)  # type: ignore[assignment]
    verb: Words = Field(default=None)  # type: ignore[assignment]
    date: Date = Field(default=None)  # type: ignore[assignment]


class MentionFields(_Fields):
    entity: EntityId = Field(default=None)  # type: ignore[assignment]


FactId = Annotated[
    str, Field(min_length=1, max_length=400, description="The fact's id: DOC:e3, DOC:m0, DOC:f1, DOC:c0, DOC:START-END")
]
Kind = Literal["event", "membership", "figure", "claim", "mention"]


class _ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid", regex_engine="python-re")

    fact_id: FactId
    reason: Annotated[str, Field(max_length=2000, description="Why: what the analyst saw")]
    reviewer: Annotated[str, Field(max_length=200)] | None = Field(
        default=None, description="Who reviews; else the server's MARSAD_REVIEWER"
    )


class Verdict(_ReviewIn):
    """Confirm or reject a fact as extracted."""

    action: Literal["confirm", "reject"]
    kind: Kind


class CorrectEvent(_ReviewIn):
    action: Literal["correct"]
    kind: Literal["event"]
    set: EventFields


class CorrectMembership(_ReviewIn):
    action: Literal["correct"]
    kind: Literal["membership"]
    set: MembershipFields


class CorrectFigure(_ReviewIn):
    action: Literal["correct"]
    kind: Literal["figure"]
    set: FigureFields


class CorrectClaim(_ReviewIn):
    action: Literal["correct"]
    kind: Literal["claim"]
    set: ClaimFields


class CorrectMention(_ReviewIn):
    action: Literal["correct"]
    kind: Literal["mention"]
    set: MentionFields


Correction = CorrectEvent | CorrectMembership | CorrectFigure | CorrectClaim | CorrectMention
ProvisionalId = Annotated[
    str, Field(pattern=r"^new-[^,]{1,200}$", description="A provisional entity's id, as its page shows it: new-…")
]
Office = Enum("Office", {name: name for name in OFFICES}, type=str)  # type: ignore[misc]
OptionalDate = Annotated[str, Field(pattern=f"^$|{DATE_PATTERN}")]


class MergeEntity(_ReviewIn):
    """Merge a provisional entity (``fact_id``: new-…) into a known one."""

    action: Literal["merge"]
    kind: Literal["entity"]
    fact_id: ProvisionalId
    into: Annotated[EntityId, Field(description="The known entity: its id or a name of it")]


class RoleIn(BaseModel):
    model_config = ConfigDict(extra="forbid", regex_engine="python-re")

    office: Office
    start: Date
    end: OptionalDate = ""
    state: EntityId | None = None
    org: EntityId | None = None


class EntryIn(BaseModel):
    """The knowledge-base entry a promotion writes (left out: as the article read it)."""

    model_config = ConfigDict(extra="forbid", regex_engine="python-re")

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9+\-]{0,99}$")]
    name_en: Words
    name_ar: Words | None = None
    name_ru: Words | None = None
    country: EntityId | None = None
    kind: Words | None = None
    aliases: Annotated[list[Words], Field(max_length=50)] = []
    roles: Annotated[list[RoleIn], Field(max_length=50)] = []


class PromoteEntity(_ReviewIn):
    """Promote a provisional entity (``fact_id``: new-…) into the local knowledge base."""

    action: Literal["promote"]
    kind: Literal["entity"]
    fact_id: ProvisionalId
    entry: EntryIn


# one plain union (each body matches one member: by its action, then its kind), not nested
# discriminators, whose schema maps a tag to a schema instead of to a reference
ReviewIn = Verdict | Correction | MergeEntity | PromoteEntity
_CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorBody, "description": "The review cannot be made: an unknown entity, no reviewer …"}
}


@router.post(
    "",
    status_code=201,
    summary="Review one fact (confirm, reject, or correct some of its fields), or merge or promote a provisional entity",
    dependencies=[WriteAccess],
    responses=_CONFLICT,
)
async def post_review(request: Request, body: ReviewIn) -> ReviewOut:
    reviewer = (body.reviewer or os.environ.get("MARSAD_REVIEWER") or "").strip()
    if not reviewer:
        raise HTTPException(409, "who is reviewing? send `reviewer`, or start the server with MARSAD_REVIEWER=NAME")
    changes = body.set.changes() if isinstance(body, Correction) else None
    writer = request.app.state.writer

    def work() -> Review:
        with _writer_lock:
            if isinstance(body, MergeEntity):
                return merge_entity(writer, body.fact_id, body.into, reviewer, body.reason)
            if isinstance(body, PromoteEntity):
                fields = body.entry.model_dump(mode="json", exclude_none=True)
                fields["roles"] = [{k: v for k, v in role.items() if v is not None} for role in fields["roles"]]
                review, kb = promote_entity(writer, body.fact_id, fields, reviewer, body.reason)
                request.app.state.kb = Marsad.from_store(request.app.state.store, kb)  # its page, at once
                return review
            return review_fact(
                writer, body.kind, body.fact_id, body.action, reviewer, body.reason, changes, entity_types(writer)
            )

    try:
        review = await run_in_threadpool(work)
    except UnknownFact as exc:
        raise HTTPException(404, str(exc)) from exc
    except ReviewError as exc:
        raise HTTPException(409, str(exc)) from exc
    return _out(review)


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
