"""``/api/documents``: the stored articles, each with what was read in it."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query

from marsad.query.api import DOCUMENT_SORTS
from marsad.query.records import DocumentSummary
from marsad.web.api.common import KB, DateParam, Limit, Offset, Page

router = APIRouter(prefix="/documents", tags=["documents"])
SortParam = Literal[tuple(DOCUMENT_SORTS)]  # type: ignore[valid-type]


@router.get("", summary="Stored articles (without their texts), newest first, by publication date")
def list_documents(
    kb: KB,
    since: DateParam = None,
    until: DateParam = None,
    entity: Annotated[str | None, Query(description="Only articles naming this entity")] = None,
    sort: Annotated[
        SortParam, Query(description="Order: -published (newest first), published, title …")
    ] = "-published",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[DocumentSummary]:
    # paged in SQL: a page costs the same at 100 or 100,000 articles
    items = kb.documents(since=since, until=until, entity=entity, sort=sort, limit=limit, offset=offset)
    return Page(items=list(items), limit=limit, offset=offset, total=kb.count_documents(since, until, entity))


# `:path`: an id may hold "/" (a file's relative path, a URL); it is the rest of the path
@router.get("/{doc_id:path}", summary="One article: its text, mentions, events, figures and claims")
def get_document(doc_id: str, kb: KB) -> dict[str, Any]:
    doc = kb.store.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    doc["ingested_at"] = str(doc["ingested_at"])
    return doc | {
        "mentions": kb.store.mentions(doc_id),
        "events": kb.store.events(doc_id),
        "figures": list(kb.figures(document=doc_id, limit=1000)),
        "claims": list(kb.claims(document=doc_id, limit=1000)),
    }
