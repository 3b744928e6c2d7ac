"""``/api/search``: Arabic-aware full-text search over the articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from marsad.query.records import SearchHit
from marsad.web.api.common import KB, DateParam, Limit, Offset, Page

router = APIRouter(prefix="/search", tags=["search"])


@router.get("", summary="Articles holding every word, best first, with the matched words marked")
def search(
    kb: KB,
    q: Annotated[
        str,
        # at least one letter or digit: a query of punctuation alone has no words to find
        Query(min_length=1, max_length=500, pattern=r"[^\W_]", description="Words to find («منظمة شنغهاي»)"),
    ],
    since: DateParam = None,
    until: DateParam = None,
    entity: Annotated[str | None, Query(description="Only articles naming this entity")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page[SearchHit]:
    hits = kb.search(q, since=since, until=until, entity=entity, limit=limit, offset=offset)
    return Page(items=list(hits), limit=limit, offset=offset)
