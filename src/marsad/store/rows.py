"""The store's rows of one extracted document, table by table: what the DuckDB store writes
and what the Spark job writes as Parquet, from one function, so both hold the same rows.

Cluster ids are not made here: they depend on what other documents are stored (the store
sets them when writing; ``marsad load-parquet`` when loading). Each event starts as its own
cluster.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from marsad.document import Document
from marsad.search.index import postings as index_postings

# Every table a document writes, with its columns in the order of the rows below.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": (
        "doc_id", "content_hash", "path", "url", "title", "source", "language", "published", "text", "n_chars",
        "ingested_at", "pipeline_version", "kb_version", "notes",
    ),
    "sentences": ("doc_id", "idx", "start_char", "end_char"),
    "mentions": ("doc_id", "start_char", "end_char", "text", "entity_id", "entity_type", "rule_id", "pipeline_version"),
    "events": (
        "event_id", "doc_id", "type", "plover", "date", "place", "modality", "confidence", "start_char", "end_char",
        "evidence", "rule_id", "pipeline_version", "date_source", "trigger_start", "trigger_end", "content_type",
        "content_modality", "actor_ids", "agent_ids", "cluster_id",
    ),
    "event_participants": ("event_id", "doc_id", "entity_id", "role"),
    "memberships": (
        "origin", "doc_id", "member", "org", "status", "since", "until", "start_char", "end_char", "evidence",
        "rule_id", "pipeline_version", "contradicts_reference", "confidence", "membership_id",
    ),
    "figures": (
        "doc_id", "what", "value", "unit", "actor", "start_char", "end_char", "evidence", "rule_id", "pipeline_version",
        "date", "date_source", "figure_id",
    ),
    "claims": (
        "claim_id", "doc_id", "speaker", "speaker_state", "verb", "date", "start_char", "end_char", "claim",
        "sentence_start", "sentence_end", "event_id", "rule_id", "pipeline_version",
    ),
    "provisional_entities": (
        "doc_id", "entity_id", "type", "name_ar", "country", "start_char", "end_char", "evidence", "pipeline_version",
    ),
    "search_postings": ("key", "doc_id", "tf"),
    "search_documents": ("doc_id", "n_tokens"),
}  # fmt: skip


def insert_sql(table: str) -> str:
    """``INSERT INTO table (columns) VALUES (?, …)``; ``table`` is one of TABLE_COLUMNS."""
    columns = TABLE_COLUMNS[table]
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


def event_ids(doc: Document) -> list[str]:
    return [f"{doc.id}:e{i}" for i in range(len(doc.events))]


# Column positions the single writer reads in an event row (to cluster reports of one event)
EVENT_ID, EVENT_TYPE, EVENT_DATE, EVENT_DATE_SOURCE, EVENT_ACTORS = (
    TABLE_COLUMNS["events"].index(column) for column in ("event_id", "type", "date", "date_source", "actor_ids")
)
POSTING_FIELD, POSTING_RECORD = chr(31), chr(30)  # separators of DocumentRows.postings


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """Every row one extracted document adds to the store, made where it was extracted (in a
    worker process of a parallel ingest). Tuples of plain values cross a process boundary
    many times faster than the document's objects, and the single writer only inserts them."""

    doc_id: str
    content_hash: str
    tables: dict[str, list[tuple[Any, ...]]]  # by table, all but the search index's postings
    postings: str  # the postings: «key US count» records joined by RS

    @property
    def sentences(self) -> int:
        return len(self.tables.get("sentences", ()))

    @property
    def mentions(self) -> list[tuple[Any, ...]]:
        return self.tables.get("mentions", [])


def postings_text(postings: list[tuple[str, int]]) -> str:
    """Postings as one string; keys are words (letters and digits only), so the separators
    never occur inside one."""
    return POSTING_RECORD.join(f"{key}{POSTING_FIELD}{tf}" for key, tf in postings)


def store_rows(doc: Document, pipeline_version: str, kb_version: str) -> DocumentRows:
    """The rows the store writes for ``doc``, ingested now."""
    tables = document_rows(doc, pipeline_version, kb_version, datetime.now(UTC).replace(tzinfo=None), postings=False)
    # keys are words (letters and digits only), so the separators never occur inside one
    blob = postings_text(doc.search_postings or [])
    return DocumentRows(doc.id, doc.content_hash, tables, blob)


def document_rows(
    doc: Document, pipeline_version: str, kb_version: str, ingested_at: datetime, postings: bool = True
) -> dict[str, list[tuple[Any, ...]]]:
    """Every row ``doc`` adds to the store, by table (tables with no rows are left out);
    ``postings=False`` leaves out the search index's postings (see :func:`store_rows`)."""
    ids = event_ids(doc)
    if doc.search_postings is None:  # a pipeline without the index stage
        doc.search_postings, doc.n_tokens = index_postings(doc.text)
    meta = doc.meta
    rows: dict[str, list[tuple[Any, ...]]] = {
        "documents": [
            (
                doc.id, doc.content_hash, meta.path, meta.url, meta.title, meta.source, meta.language, meta.published,
                doc.text, len(doc.text), ingested_at, pipeline_version, kb_version, "\n".join(doc.notes),
            )
        ],
        "sentences": [(doc.id, i, s.start, s.end) for i, s in enumerate(doc.sentences)],
        "mentions": [
            (doc.id, m.start, m.end, m.text, m.entity_id, m.entity_type, m.rule, pipeline_version) for m in doc.mentions
        ],
        "events": [
            (
                eid, doc.id, e.type, e.plover, e.date, e.place, e.modality, e.confidence, e.evidence.start,
                e.evidence.end, e.evidence.text, e.rule, pipeline_version, e.date_source, e.trigger.start,
                e.trigger.end, e.content[0] if e.content else None, e.content[1] if e.content else None,
                sorted(set(e.actors)), sorted(set(e.agents)), eid,
            )
            for eid, e in zip(ids, doc.events, strict=True)
        ],
        "event_participants": [
            (eid, doc.id, entity, role)
            for eid, e in zip(ids, doc.events, strict=True)
            for role, entities in (("actor", e.actors), ("agent", e.agents))
            for entity in entities
        ],
        "memberships": [
            (
                "article", doc.id, m.member, m.org, m.status, m.since, m.until, m.evidence.start, m.evidence.end,
                m.evidence.text, m.rule, pipeline_version, m.contradicts_reference, m.confidence, f"{doc.id}:m{i}",
            )
            for i, m in enumerate(doc.memberships)
        ],
        "figures": [
            (
                doc.id, f.what, f.value, f.unit, f.actor, f.evidence.start, f.evidence.end, f.evidence.text, f.rule,
                pipeline_version, f.date, f.date_source, f"{doc.id}:f{i}",
            )
            for i, f in enumerate(doc.figures)
        ],
        "claims": [
            (
                f"{doc.id}:c{i}", doc.id, c.speaker, c.speaker_state, c.verb, c.date, c.claim.start, c.claim.end,
                c.claim.text, c.evidence.start, c.evidence.end, ids[c.event] if c.event is not None else None, c.rule,
                pipeline_version,
            )
            for i, c in enumerate(doc.claims)
        ],
        "provisional_entities": [
            (doc.id, e.id, e.type, e.name_ar, e.country, e.start, e.end, _sentence_around(doc, e.start), pipeline_version)
            for e in doc.new_entities.values()
        ],
        "search_postings": [(key, doc.id, tf) for key, tf in doc.search_postings] if postings else [],
        "search_documents": [(doc.id, doc.n_tokens)],
    }  # fmt: skip
    return {table: table_rows for table, table_rows in rows.items() if table_rows}


def _sentence_around(doc: Document, offset: int) -> str:
    for sentence in doc.sentences:
        if sentence.start <= offset < sentence.end:
            return doc.text[sentence.start : sentence.end]
    return doc.text[max(0, offset - 100) : offset + 100]
