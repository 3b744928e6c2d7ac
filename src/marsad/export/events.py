"""Event clusters as PLOVER-style JSON records, one per real-world event.

PLOVER's ``event_type`` is the category stored with each event (CONSULT, COOPERATE,
ASSAULT …); Marsad's own type is kept as ``marsad_type``. Marsad does not tell a source
actor from a target, so the parties are one ``actors`` list, not actor1/actor2.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from marsad.export.errors import ExportError
from marsad.export.places import Locator
from marsad.query.api import MAX_LIMIT, Marsad
from marsad.query.records import EventCluster

# The filters `Marsad.events` takes; paging (limit, offset) is the exporter's own.
EVENT_FILTERS = ("type", "actors", "match", "agent", "place", "since", "until", "document", "modality")
# PLOVER contexts a Marsad type implies (the format's table: EXERCISE is COOPERATE, military)
PLOVER_CONTEXT = {"EXERCISE": ("military",), "DEPLOYMENT": ("military",)}
DATE_PRECISION = {4: "year", 7: "month", 10: "day"}


def check_event_filters(filters: dict[str, Any]) -> dict[str, Any]:
    """The filters that are set, refusing names `Marsad.events` does not take."""
    unknown = sorted(set(filters) - set(EVENT_FILTERS))
    if unknown:
        raise ExportError(f"unknown event filter {', '.join(unknown)}: use {', '.join(EVENT_FILTERS)}")
    return {name: value for name, value in filters.items() if value not in (None, "", [], ())}


def event_clusters(kb: Marsad, filters: dict[str, Any]) -> Iterator[EventCluster]:
    """Every event cluster the filters select, by date, read a page at a time."""
    filters = check_event_filters(filters)
    offset = 0
    while True:
        page = kb.events(**filters, limit=MAX_LIMIT, offset=offset)
        yield from page
        if len(page) < MAX_LIMIT:
            return
        offset += MAX_LIMIT


class EntityNames:
    """Names and types of the entities events name: the KB's, else a provisional entity's."""

    def __init__(self, kb: Marsad) -> None:
        self._entities = kb.kb.entities
        rows = kb.con.execute(
            "SELECT entity_id, any_value(type), any_value(name_ar) FROM provisional_entities GROUP BY entity_id"
        ).fetchall()
        self._provisional = {entity_id: (entity_type, name_ar) for entity_id, entity_type, name_ar in rows}

    def ref(self, entity_id: str) -> dict[str, str]:
        entity = self._entities.get(entity_id)
        if entity is not None:
            return {"id": entity_id, "type": entity.type, "name_en": entity.name_en, "name_ar": entity.name_ar}
        entity_type, name_ar = self._provisional.get(entity_id, ("", ""))
        return {"id": entity_id, "type": entity_type, "name_en": "", "name_ar": name_ar or ""}


def plover_record(cluster: EventCluster, names: EntityNames, locator: Locator) -> dict[str, Any]:
    location = locator.locate(cluster.place)
    return {
        "event_id": cluster.cluster_id,
        "event_type": cluster.plover,
        "marsad_type": cluster.type,
        "event_date": cluster.date,
        "date_precision": DATE_PRECISION.get(len(cluster.date), ""),
        "modality": cluster.modality,
        "context": list(PLOVER_CONTEXT.get(cluster.type, ())),
        "actors": [names.ref(a) for a in cluster.actors],
        "agents": [names.ref(a) for a in cluster.agents],
        "location": {
            "place": cluster.place,
            "name_en": location.name_en if location else "",
            "name_ar": location.name_ar if location else "",
            "lat": location.lat if location else None,
            "lon": location.lon if location else None,
            "located_by": location.located_by if location else "",
        }
        if cluster.place
        else None,
        "reports": len(cluster.reports),
        "sources": [
            {
                "doc_id": r.source.doc_id,
                "event_id": r.event_id,
                "title": r.source.title,
                "published": r.source.published,
                "date": r.date,
                "date_source": r.date_source,
                "modality": r.modality,
                "start": r.source.start,
                "end": r.source.end,
                "evidence": r.source.evidence,
                "rule": r.rule,
            }
            for r in cluster.reports
        ],
    }


def plover_records(kb: Marsad, filters: dict[str, Any]) -> Iterator[dict[str, Any]]:
    names, locator = EntityNames(kb), Locator(kb.kb)
    for cluster in event_clusters(kb, filters):
        yield plover_record(cluster, names, locator)


def write_plover(kb: Marsad, out: TextIO, filters: dict[str, Any], lines: bool = False) -> int:
    """Write the events as a JSON array, or as JSON Lines when ``lines``; returns how many."""
    written = 0
    if not lines:
        out.write("[")
    for record in plover_records(kb, filters):
        if not lines and written:
            out.write(",")
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
        written += 1
    if not lines:
        out.write("]\n")
    return written
