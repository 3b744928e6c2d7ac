"""A list as the page shows it, filtered, as a file: CSV (a spreadsheet opens it, Arabic
included: UTF-8 with a byte-order mark) or JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from fastapi.responses import Response

from marsad.query.records import ClaimRecord, DocumentSummary, EventCluster, MembershipChange, SearchHit

FORMATS = ("csv", "json")
MOST_ROWS = 20_000  # a download's rows at most: beyond, the export endpoints are the way


def download(rows: Sequence[dict[str, Any]], name: str, fmt: str) -> Response:
    if fmt == "json":
        body = json.dumps(list(rows), ensure_ascii=False, indent=1).encode("utf-8")
        media = "application/json"
    else:
        out = io.StringIO()
        columns = list(rows[0]) if rows else []
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
        body = ("\ufeff" + out.getvalue()).encode("utf-8")
        media = "text/csv; charset=utf-8"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


def paged(fetch: Callable[[int, int], Iterable[Any]], most: int = MOST_ROWS, size: int = 1000) -> list[Any]:
    """Every answer of a paged question, up to ``most``."""
    out: list[Any] = []
    while len(out) < most:
        page = list(fetch(size, len(out)))
        out.extend(page)
        if len(page) < size:
            break
    return out[:most]


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return "" if value is None else value


def event_rows(events: Iterable[EventCluster]) -> list[dict[str, Any]]:
    return [
        {
            "cluster_id": e.cluster_id,
            "type": e.type,
            "date": e.date,
            "date_source": e.date_source,
            "modality": e.modality,
            "actors": list(e.actors),
            "agents": list(e.agents),
            "place": e.place,
            "confidence": round(e.confidence, 3),
            "reports": len(e.reports),
            "documents": sorted({r.source.doc_id for r in e.reports}),
            "evidence": e.reports[0].source.evidence if e.reports else "",
        }
        for e in events
    ]


def document_rows(documents: Iterable[DocumentSummary]) -> list[dict[str, Any]]:
    return [
        {
            "doc_id": d.doc_id,
            "title": d.title or d.lead,
            "published": d.published,
            "source": d.source,
            "url": d.url,
            "language": d.language,
            "events": d.events,
            "entities": [e.entity_id for e in d.entities],
        }
        for d in documents
    ]


def hit_rows(hits: Iterable[SearchHit]) -> list[dict[str, Any]]:
    return [
        {"doc_id": h.doc_id, "title": h.title, "published": h.published, "score": h.score, "snippet": h.snippet}
        for h in hits
    ]


def membership_rows(changes: Iterable[MembershipChange]) -> list[dict[str, Any]]:
    return [
        {
            "date": c.date,
            "date_source": c.date_source or ("reference-knowledge" if c.origin == "kb" else ""),
            "member": c.member,
            "org": c.org,
            "change": c.change,
            "status": c.status,
            "origin": c.origin,
            "confidence": "" if c.confidence is None else round(c.confidence, 3),
            "doc_id": c.source.doc_id if c.source else "",
            "evidence": c.source.evidence if c.source else c.note,
        }
        for c in changes
    ]


def claim_rows(claims: Iterable[ClaimRecord]) -> list[dict[str, Any]]:
    return [
        {
            "date": c.date,
            "speaker": c.speaker,
            "speaker_state": c.speaker_state,
            "verb": c.verb,
            "text": c.text,
            "about": list(c.about),
            "doc_id": c.source.doc_id,
        }
        for c in claims
    ]
