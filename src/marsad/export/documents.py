"""Stored documents as document-format v1 records: the JSON Lines `marsad extract` writes.

Rebuilt from store rows in the order they were extracted (insertion order); every field of
the format is kept in the store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any, TextIO

import duckdb

from marsad.output import FORMAT_VERSION, write_jsonl

BATCH = 200  # documents read per round of queries: few queries, bounded memory

Rows = dict[str, list[dict[str, Any]]]


def rows_by_doc(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Rows:
    """The rows ``sql`` selects, as records grouped by their ``doc_id`` column."""
    cursor = con.execute(sql, params)
    columns = [c[0] for c in cursor.description]
    grouped: Rows = defaultdict(list)
    for row in cursor.fetchall():
        record = dict(zip(columns, row, strict=True))
        grouped[record["doc_id"]].append(record)
    return grouped


def document_records(con: duckdb.DuckDBPyConnection) -> Iterator[dict[str, Any]]:
    """One v1 record per stored document, by document id."""
    doc_ids = [row[0] for row in con.execute("SELECT doc_id FROM documents ORDER BY doc_id").fetchall()]
    for start in range(0, len(doc_ids), BATCH):
        yield from _batch_records(con, doc_ids[start : start + BATCH])


def write_documents(con: duckdb.DuckDBPyConnection, out: TextIO) -> int:
    """Write every stored document as one JSON line; returns how many."""
    written = 0
    for record in document_records(con):
        write_jsonl(record, out)
        written += 1
    return written


def _batch_records(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> Iterator[dict[str, Any]]:
    marks = ", ".join("?" for _ in doc_ids)  # placeholders only; the ids are parameters

    def by_doc(sql: str) -> Rows:
        return rows_by_doc(con, sql.format(docs=marks), doc_ids)

    documents = by_doc(
        "SELECT doc_id, language, published, title, source, url, text FROM documents WHERE doc_id IN ({docs})"
    )
    sentences = by_doc(
        "SELECT doc_id, start_char, end_char FROM sentences WHERE doc_id IN ({docs}) ORDER BY doc_id, idx"
    )
    mentions = by_doc(
        "SELECT m.doc_id, m.start_char, m.end_char, m.text, m.entity_id, m.entity_type, m.rule_id, "
        "e.type AS kb_type, e.name_en, e.name_ar, e.country, p.type AS new_type, p.name_ar AS new_name_ar, "
        "p.country AS new_country FROM mentions m LEFT JOIN entities e ON e.entity_id = m.entity_id "
        "LEFT JOIN provisional_entities p ON p.doc_id = m.doc_id AND p.entity_id = m.entity_id "
        "WHERE m.doc_id IN ({docs}) ORDER BY m.doc_id, m.rowid"
    )
    events = by_doc(
        "SELECT doc_id, event_id, type, plover, date, date_source, place, modality, confidence, start_char, "
        "end_char, evidence, trigger_start, trigger_end, rule_id, content_type, content_modality "
        "FROM events WHERE doc_id IN ({docs}) "
        "ORDER BY doc_id, rowid"
    )
    participants = by_doc(
        "SELECT doc_id, event_id, entity_id, role FROM event_participants WHERE doc_id IN ({docs}) "
        "ORDER BY doc_id, rowid"
    )
    memberships = by_doc(
        "SELECT doc_id, member, org, status, since, until, contradicts_reference, confidence, start_char, end_char, "
        "evidence, rule_id FROM memberships WHERE origin = 'article' AND doc_id IN ({docs}) ORDER BY doc_id, rowid"
    )
    claims = by_doc("SELECT * FROM claims WHERE doc_id IN ({docs}) ORDER BY doc_id, rowid")
    figures = by_doc("SELECT * FROM figures WHERE doc_id IN ({docs}) ORDER BY doc_id, rowid")
    for doc_id in doc_ids:
        document = documents[doc_id][0]
        text = document["text"]
        doc_events = events.get(doc_id, [])
        event_index = {e["event_id"]: i for i, e in enumerate(doc_events)}
        yield {
            "doc": doc_id,
            "format": FORMAT_VERSION,
            "language": _str(document["language"]),
            "published": _str(document["published"]),
            "title": _str(document["title"]),
            "source": _str(document["source"]),
            "url": _str(document["url"]),
            "sentences": [[s["start_char"], s["end_char"]] for s in sentences.get(doc_id, [])],
            "entities": _entities(mentions.get(doc_id, [])),
            "events": _events(doc_events, participants.get(doc_id, []), text),
            "memberships": [_membership(m) for m in memberships.get(doc_id, [])],
            "claims": [_claim(c, text, event_index) for c in claims.get(doc_id, [])],
            "figures": [_figure(f) for f in figures.get(doc_id, [])],
        }


def _str(value: str | None) -> str:
    return value or ""


def _span(start: int | None, end: int | None, text: str) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text}


def _slice(text: str, start: int | None, end: int | None) -> dict[str, Any]:
    """A span whose words are read back from the document text."""
    return _span(start, end, text[start:end] if start is not None and end is not None else "")


def _entities(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Entities in the order first mentioned, each with every mention span."""
    entities: dict[str, dict[str, Any]] = {}
    for mention in mentions:
        entity_id = mention["entity_id"]
        record = entities.get(entity_id)
        if record is None:
            record = entities[entity_id] = _entity_record(mention)
        record["mentions"].append(
            {
                "start": mention["start_char"],
                "end": mention["end_char"],
                "text": mention["text"],
                "rule": mention["rule_id"],
            }
        )
    return list(entities.values())


def _entity_record(mention: dict[str, Any]) -> dict[str, Any]:
    entity_id = mention["entity_id"]
    if mention["new_type"] is not None:
        # as `marsad extract` writes it: a provisional English name until the KB has the entity
        return {
            "id": entity_id,
            "type": mention["new_type"],
            "name_en": entity_id.removeprefix("new-").replace("-", " "),
            "name_ar": _str(mention["new_name_ar"]),
            "country": _str(mention["new_country"]),
            "new": True,
            "mentions": [],
        }
    entity_type = mention["kb_type"] or mention["entity_type"]
    record: dict[str, Any] = {
        "id": entity_id,
        "type": entity_type,
        "name_en": _str(mention["name_en"]),
        "name_ar": _str(mention["name_ar"]),
    }
    if entity_type == "place":
        record["country"] = _str(mention["country"])
    record["mentions"] = []
    return record


def _events(events: list[dict[str, Any]], participants: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    taking_part: dict[tuple[str, str], list[str]] = defaultdict(list)
    for participant in participants:
        taking_part[(participant["event_id"], participant["role"])].append(participant["entity_id"])
    return [
        {
            "type": e["type"],
            "plover": _str(e["plover"]),
            "actors": taking_part[(e["event_id"], "actor")],
            "agents": taking_part[(e["event_id"], "agent")],
            "date": _str(e["date"]),
            "date_source": _str(e["date_source"]),
            "place": _str(e["place"]),
            "modality": _str(e["modality"]),
            "content": {"type": e["content_type"], "modality": e["content_modality"]} if e["content_type"] else None,
            "evidence": _span(e["start_char"], e["end_char"], e["evidence"]),
            "trigger": _slice(text, e["trigger_start"], e["trigger_end"]),
            "confidence": e["confidence"],
            "rule": e["rule_id"],
        }
        for e in events
    ]


def _membership(m: dict[str, Any]) -> dict[str, Any]:
    return {
        "member": m["member"],
        "org": m["org"],
        "status": m["status"],
        "since": _str(m["since"]),
        "until": _str(m["until"]),
        "contradicts_reference": bool(m["contradicts_reference"]),
        "confidence": float(m["confidence"] or 0.0),
        "evidence": _span(m["start_char"], m["end_char"], _str(m["evidence"])),
        "rule": m["rule_id"],
    }


def _claim(c: dict[str, Any], text: str, event_index: dict[str, int]) -> dict[str, Any]:
    return {
        "speaker": c["speaker"],
        "speaker_state": _str(c["speaker_state"]),
        "verb": _str(c["verb"]),
        "date": _str(c["date"]),
        "claim": _span(c["start_char"], c["end_char"], c["claim"]),
        "evidence": _slice(text, c["sentence_start"], c["sentence_end"]),
        "event": event_index.get(c["event_id"]) if c["event_id"] else None,
        "rule": c["rule_id"],
    }


def _figure(f: dict[str, Any]) -> dict[str, Any]:
    return {
        "what": f["what"],
        "value": f["value"],
        "unit": _str(f["unit"]),
        "actor": _str(f["actor"]),
        "evidence": _span(f["start_char"], f["end_char"], f["evidence"]),
        "rule": f["rule_id"],
    }
