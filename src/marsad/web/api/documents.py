"""``/api/documents``: the stored articles, each with what was read in it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

from marsad.web.api.common import KB, Limit, Offset, Page

router = APIRouter(prefix="/documents", tags=["documents"])


@router.get("", summary="Stored articles, by id")
def list_documents(kb: KB, limit: Limit = 50, offset: Offset = 0) -> Page[dict[str, Any]]:
    rows = kb.store.documents()
    return Page(items=rows[offset : offset + limit], limit=limit, offset=offset, total=len(rows))


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
