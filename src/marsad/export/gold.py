"""Reviewed documents as gold annotations: one ``<doc>.json`` per document an analyst
reviewed a fact of, in the document format the scorer reads (``shared/spec/document-format.md``;
gold files quote their evidence as a string), so that a later extraction can be scored
against what analysts checked.

Rejected facts are left out and corrections applied: the facts are read through the
connection given, which reads the fact tables without the rejected rows when it is a
:class:`marsad.query.api.Marsad`'s, and the stored facts carry their corrected fields.
``reviewed_only`` keeps only the facts an analyst confirmed or corrected (and the entities
of the mentions they did): a gold of checked facts only, without the facts nobody looked at.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import duckdb

from marsad.export.documents import Rows, rows_by_doc
from marsad.review.kinds import KINDS

KEPT = ("confirmed", "corrected")  # the standings of facts an analyst checked and kept
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def reviewed_documents(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The stored documents with a review applied to one of their facts, rejections included."""
    unions = " UNION ".join(
        f"SELECT doc_id FROM main.{kind.table} WHERE {kind.where} AND review_id IS NOT NULL" for kind in KINDS.values()
    )
    rows = con.execute(f"SELECT doc_id FROM main.documents WHERE doc_id IN ({unions}) ORDER BY doc_id").fetchall()
    return [str(row[0]) for row in rows]


def gold_records(con: duckdb.DuckDBPyConnection, reviewed_only: bool = False) -> list[dict[str, Any]]:
    """One gold record per reviewed document, by document id."""
    doc_ids = reviewed_documents(con)
    if not doc_ids:
        return []
    kept = "AND review IN ('confirmed', 'corrected')" if reviewed_only else ""

    def by_doc(sql: str) -> Rows:
        return rows_by_doc(con, sql.format(kept=kept), [doc_ids])

    docs = "doc_id IN (SELECT unnest(?))"
    documents = by_doc(f"SELECT doc_id, language, published, title FROM documents WHERE {docs}")
    mentions = by_doc(
        "SELECT m.doc_id, m.entity_id, m.entity_type, e.type AS kb_type, e.name_en, e.name_ar, e.country, "
        "p.type AS new_type, p.name_ar AS new_name_ar, p.country AS new_country FROM mentions m "
        "LEFT JOIN entities e ON e.entity_id = m.entity_id "
        "LEFT JOIN provisional_entities p ON p.doc_id = m.doc_id AND p.entity_id = m.entity_id "
        f"WHERE m.{docs} {{kept}} ORDER BY m.doc_id, m.start_char"
    )
    events = by_doc(
        "SELECT doc_id, type, actor_ids, agent_ids, date, place, modality, evidence FROM events "
        f"WHERE {docs} {{kept}} ORDER BY doc_id, start_char"
    )
    memberships = by_doc(
        "SELECT doc_id, member, org, status, since, until, evidence FROM memberships "
        f"WHERE origin = 'article' AND {docs} {{kept}} ORDER BY doc_id, start_char"
    )
    figures = by_doc(
        f"SELECT doc_id, what, value, unit, actor, evidence FROM figures WHERE {docs} {{kept}} "
        "ORDER BY doc_id, start_char"
    )
    claims = by_doc(
        f"SELECT doc_id, speaker, speaker_state, verb, date, claim FROM claims WHERE {docs} {{kept}} "
        "ORDER BY doc_id, start_char"
    )
    records = []
    for doc_id in doc_ids:
        document = documents[doc_id][0]
        records.append(
            {
                "doc": doc_id,
                "language": document["language"] or "",
                "published": document["published"] or "",
                "title": document["title"] or "",
                "entities": _entities(mentions.get(doc_id, [])),
                "events": [_event(e) for e in events.get(doc_id, [])],
                "memberships": [_membership(m) for m in memberships.get(doc_id, [])],
                "figures": [_figure(f) for f in figures.get(doc_id, [])],
                "claims": [_claim(c) for c in claims.get(doc_id, [])],
            }
        )
    return records


def write_gold(con: duckdb.DuckDBPyConnection, folder: Path, reviewed_only: bool = False) -> list[Path]:
    """Write each reviewed document as ``folder/<doc>.json``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for record in gold_records(con, reviewed_only):
        path = folder / f"{file_stem(record['doc'])}.json"
        path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(path)
    return written


def file_stem(doc_id: str) -> str:
    """The document id as a file name: itself when it is a safe one, else made safe and told
    apart from others by a short hash (the record's ``doc`` keeps the id itself)."""
    safe = _UNSAFE.sub("_", doc_id).lstrip(".") or "_"
    if safe == doc_id:
        return doc_id
    return f"{safe}-{hashlib.sha1(doc_id.encode('utf-8')).hexdigest()[:8]}"


def _entities(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each entity mentioned once, in the order first mentioned."""
    entities: dict[str, dict[str, Any]] = {}
    for mention in mentions:
        entity_id = mention["entity_id"]
        if entity_id and entity_id not in entities:
            entities[entity_id] = _entity(mention)
    return list(entities.values())


def _entity(mention: dict[str, Any]) -> dict[str, Any]:
    entity_id = str(mention["entity_id"])
    if mention["kb_type"] is None and mention["new_type"] is not None:
        # a provisional entity: its English name made from its id, as `marsad extract` writes it
        entity_type, name_en = mention["new_type"], entity_id.removeprefix("new-").replace("-", " ")
        name_ar, country = mention["new_name_ar"], mention["new_country"]
    else:
        entity_type = mention["kb_type"] or mention["entity_type"]
        name_en, name_ar, country = mention["name_en"], mention["name_ar"], mention["country"]
    record: dict[str, Any] = {"id": entity_id, "type": entity_type or "", "name_en": name_en or ""}
    if name_ar:
        record["name_ar"] = name_ar
    if entity_type == "place":
        record["country"] = country or ""
    return record


def _event(e: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": e["type"],
        "actors": list(e["actor_ids"] or []),
        "agents": list(e["agent_ids"] or []),
        "date": e["date"] or "",
        "place": e["place"] or "",
        "modality": e["modality"] or "",
        "evidence": e["evidence"] or "",
    }


def _membership(m: dict[str, Any]) -> dict[str, Any]:
    return {
        "member": m["member"],
        "org": m["org"],
        "status": m["status"] or "",
        "since": m["since"] or "",
        "until": m["until"] or "",
        "evidence": m["evidence"] or "",
    }


def _figure(f: dict[str, Any]) -> dict[str, Any]:
    value = f["value"]
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # as gold files write a whole number
    return {
        "what": f["what"] or "",
        "value": value,
        "unit": f["unit"] or "",
        "actor": f["actor"] or "",
        "evidence": f["evidence"] or "",
    }


def _claim(c: dict[str, Any]) -> dict[str, Any]:
    return {
        "speaker": c["speaker"] or "",
        "speaker_state": c["speaker_state"] or "",
        "verb": c["verb"] or "",
        "date": c["date"] or "",
        "claim": c["claim"] or "",
    }
