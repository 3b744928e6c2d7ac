"""Document format v1: the JSON written by `marsad extract` (see the format spec)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from marsad.document import Document, Event, Evidence
from marsad.kb.loader import KnowledgeBase
from marsad.kb.model import Entity

FORMAT_VERSION = 1


def document_record(doc: Document, kb: KnowledgeBase) -> dict[str, Any]:
    """The v1 record of an extracted document: entities with every mention span, events,
    memberships, figures and claims, each with its evidence span and rule."""
    entities: dict[str, dict[str, Any]] = {}
    for mention in doc.mentions:
        record = entities.get(mention.entity_id)
        if record is None:
            record = _entity_record(mention.entity_id, doc, kb)
            entities[mention.entity_id] = record
        record["mentions"].append(
            {"start": mention.start, "end": mention.end, "text": mention.text, "rule": mention.rule}
        )
    return {
        "doc": doc.id,
        "format": FORMAT_VERSION,
        "language": doc.meta.language,
        "published": doc.meta.published,
        "title": doc.meta.title,
        "source": doc.meta.source,
        "url": doc.meta.url,
        "sentences": [[s.start, s.end] for s in doc.sentences],
        "entities": list(entities.values()),
        "events": [_event_record(e) for e in doc.events],
        "memberships": [
            {
                "member": m.member,
                "org": m.org,
                "status": m.status,
                "since": m.since,
                "until": m.until,
                "contradicts_reference": m.contradicts_reference,
                "confidence": m.confidence,
                "evidence": _evidence(m.evidence),
                "rule": m.rule,
            }
            for m in doc.memberships
        ],
        "claims": [
            {
                "speaker": c.speaker,
                "speaker_state": c.speaker_state,
                "verb": c.verb,
                "date": c.date,
                "claim": _evidence(c.claim),
                "evidence": _evidence(c.evidence),
                "event": c.event,
                "rule": c.rule,
            }
            for c in doc.claims
        ],
        "figures": [
            {
                "what": f.what,
                "value": f.value,
                "unit": f.unit,
                "actor": f.actor,
                "date": f.date,
                "date_source": f.date_source,
                "evidence": _evidence(f.evidence),
                "rule": f.rule,
            }
            for f in doc.figures
        ],
        **({"notes": list(doc.notes)} if doc.notes else {}),
    }


def _evidence(evidence: Evidence) -> dict[str, Any]:
    return {"start": evidence.start, "end": evidence.end, "text": evidence.text}


def _event_record(event: Event) -> dict[str, Any]:
    return {
        "type": event.type,
        "plover": event.plover,
        "actors": list(event.actors),
        "agents": list(event.agents),
        "date": event.date,
        "date_source": event.date_source,
        "place": event.place,
        "modality": event.modality,
        "content": {"type": event.content[0], "modality": event.content[1]} if event.content else None,
        "evidence": _evidence(event.evidence),
        "trigger": _evidence(event.trigger),
        "confidence": event.confidence,
        "rule": event.rule,
    }


MEDIA = "media"  # the kind of organization, and the record type, of news media and agencies
# The rulebook counts no sea as a place («بحر قزوين»): the kinds of place kept as "area".
AREA = "area"
AREA_KINDS = frozenset({"sea", "strait"})


def _record_type(entity: Entity) -> str:
    """The type an entity is written with: as the knowledge base has it, except news media
    («وكالة فرانس برس»: cited as a source) and seas (no place where something happens)."""
    if entity.type == "organization" and entity.kind == MEDIA:
        return MEDIA
    if entity.type == "place" and entity.kind in AREA_KINDS:
        return AREA
    return entity.type


def _entity_record(entity_id: str, doc: Document, kb: KnowledgeBase) -> dict[str, Any]:
    new = doc.new_entities.get(entity_id)
    if new is not None:
        # name_en stays the provisional transliteration until an analyst adds the entity to the KB
        return {
            "id": new.id,
            "type": new.type,
            "name_en": new.id.removeprefix("new-").replace("-", " "),
            "name_ar": new.name_ar,
            "country": new.country,
            "new": True,
            "mentions": [],
        }
    entity = kb.entities[entity_id]
    record: dict[str, Any] = {
        "id": entity.id,
        "type": _record_type(entity),
        "name_en": entity.name_en,
        "name_ar": entity.name_ar,
    }
    if entity.type == "place":
        record["country"] = entity.country  # a sea too: the state whose coast it is named by
    record["mentions"] = []
    return record


def write_jsonl(record: dict[str, Any], out: TextIO) -> None:
    out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    out.write("\n")
