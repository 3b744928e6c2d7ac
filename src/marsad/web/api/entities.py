"""``/api/entities``: profiles and timelines of states, organizations and persons."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from marsad.kb.loader import KnowledgeBase
from marsad.kb.model import Entity
from marsad.query.api import MAX_LIMIT
from marsad.query.records import Profile, TimelineEntry
from marsad.text.normalize import normalize_key
from marsad.web.api.common import KB, Limit, Offset, Page

router = APIRouter(prefix="/entities", tags=["entities"])

# each knowledge base's entities with their names' search keys, made once: normalizing every
# name of every entity again for each request held the GIL for most of the request
_NAME_KEYS: dict[int, tuple[KnowledgeBase, list[tuple[Entity, tuple[str, ...]]]]] = {}
_KEPT_KNOWLEDGE_BASES = 4


def _entities_with_name_keys(kb: KnowledgeBase) -> list[tuple[Entity, tuple[str, ...]]]:
    """Every entity of ``kb`` with the casefolded keys of its id and names. The knowledge base
    is kept with its keys, so that its ``id`` is not reused while they are cached."""
    kept = _NAME_KEYS.get(id(kb))
    if kept is not None and kept[0] is kb:
        return kept[1]
    keyed = [(e, tuple(normalize_key(n).casefold() for n in (e.id, *e.names()))) for e in kb.entities.values()]
    if len(_NAME_KEYS) >= _KEPT_KNOWLEDGE_BASES:
        _NAME_KEYS.clear()
    _NAME_KEYS[id(kb)] = (kb, keyed)
    return keyed


class EntitySummary(BaseModel):
    entity_id: str
    type: str
    kind: str
    name_en: str
    name_ar: str
    name_ru: str
    mentions: int


@router.get("", summary="Entities of the knowledge base, by name or type, most mentioned first")
def list_entities(
    kb: KB,
    q: Annotated[str | None, Query(description="Part of a name, in any language")] = None,
    type: Annotated[str | None, Query(pattern="^(country|organization|person|place)$")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[EntitySummary]:
    counts = dict(kb.con.execute("SELECT entity_id, count(*) FROM mentions GROUP BY entity_id").fetchall())
    wanted = normalize_key(q).casefold() if q else ""
    found = [
        e
        for e, keys in _entities_with_name_keys(kb.kb)
        if (type is None or e.type == type) and (not wanted or any(wanted in key for key in keys))
    ]
    found.sort(key=lambda e: (-counts.get(e.id, 0), e.id))
    page = [
        EntitySummary(
            entity_id=e.id,
            type=e.type,
            kind=e.kind,
            name_en=e.name_en,
            name_ar=e.name_ar,
            name_ru=e.name_ru,
            mentions=counts.get(e.id, 0),
        )
        for e in found[offset : offset + limit]  # only the page shown is built
    ]
    return Page(items=page, limit=limit, offset=offset, total=len(found))


@router.get("/{entity_id}", summary="An entity's profile: names, roles, memberships, events, claims, related")
def get_entity(entity_id: str, kb: KB) -> Profile:
    return kb.entity(entity_id)


@router.get("/{entity_id}/timeline", summary="What an entity (or a pair, with `with`) did, joined and said, by date")
def timeline(
    entity_id: str,
    kb: KB,
    other: Annotated[str | None, Query(alias="with", description="A second entity: events of both")] = None,
    limit: Limit = 500,
    offset: Offset = 0,
) -> Page[TimelineEntry]:
    # a timeline merges events, memberships and claims by date: it is built whole, then paged
    found = kb.timeline(entity_id, other, limit=MAX_LIMIT)
    return Page(items=found[offset : offset + limit], limit=limit, offset=offset, total=len(found))
