"""Reviews applied to the stored facts.

A review in force sets its fact's standing (``review``: confirmed, corrected, rejected)
and the id of the review (``review_id``); a correction's fields replace the extracted ones
(a confirmation after a correction keeps them too: its ``after`` holds them). When a
document's facts are written again (an ingest, a re-extraction by a newer pipeline), the
reviews of the document are matched to the new facts by their anchors and applied again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import duckdb

from marsad.indicators.pairs import refresh_events
from marsad.review.anchor import match
from marsad.review.entities import apply_entity_reviews
from marsad.review.kinds import KINDS, Fact, FactKind, FieldType, fact_from_row, kind_of
from marsad.review.log import STANDING, Review, in_force, read
from marsad.vocabulary import VocabularyError, event_type


@dataclass(frozen=True, slots=True)
class Applied:
    applied: int  # reviews that found their fact
    unmatched: int  # reviews in force that found none


def facts(
    con: duckdb.DuckDBPyConnection, kind: FactKind, doc_ids: list[str] | None = None, fact_id: str | None = None
) -> list[Fact]:
    """The stored facts of ``kind`` (of these documents, or the one with this id)."""
    sql = kind.select_sql()
    params: list[Any] = []
    if doc_ids is not None:
        sql += " AND doc_id IN (SELECT unnest(?))"
        params.append(doc_ids)
    if fact_id is not None:
        sql += f" AND {kind.id_sql} = ?"
        params.append(fact_id)
    return [fact_from_row(kind, row) for row in con.execute(sql + f" ORDER BY doc_id, {kind.start}", params).fetchall()]


def apply(con: duckdb.DuckDBPyConnection, review: Review, fact: Fact) -> str:
    """Apply ``review`` to ``fact`` as stored; returns the standing it gives."""
    kind = kind_of(fact.kind)
    if review.action == "reject":
        standing = STANDING["reject"]
    else:
        changed = {name: value for name, value in review.after.items() if name in kind.field_names}
        if review.action == "correct":
            standing = STANDING["correct"]
        else:  # a confirmation keeps a correction made before it
            corrected = fact.review == STANDING["correct"] or any(fact.fields.get(k) != v for k, v in changed.items())
            standing = STANDING["correct"] if corrected else STANDING["confirm"]
        _set_fields(con, kind, fact, changed)
    con.execute(
        f"UPDATE {kind.table} SET review = ?, review_id = ? WHERE {kind.where} AND {kind.id_sql} = ?",
        [standing, review.review_id, fact.fact_id],
    )
    if kind.name == "event":  # what the indicators count of its cluster follows it
        refresh_events(con, [fact.fact_id])
    return standing


def reapply(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> Applied:
    """Apply the reviews in force of these documents to their facts (after merging the
    provisional entities an entity review names: ``review/entities.py``): to the fact that carries
    an earlier review of the same anchor, else to the unreviewed fact found at the anchor (a
    document just written again has only those)."""
    if not doc_ids or not _has_reviews(con):
        return Applied(0, 0)
    apply_entity_reviews(con, doc_ids)  # first: the facts' own reviews were made of merged facts
    logged = read(con, doc_ids)
    anchor_of = {review.review_id: review.anchor.key for review in logged}
    reviews = list(in_force(logged).values())
    by_kind: dict[str, list[Review]] = defaultdict(list)
    for review in reviews:
        by_kind[review.kind].append(review)
    applied = 0
    for name, kind_reviews in by_kind.items():
        kind = KINDS.get(name)
        if kind is None:
            continue
        stored = facts(con, kind, sorted({r.doc_id for r in kind_reviews}))
        carried = {anchor_of[f.review_id]: f for f in stored if f.review_id in anchor_of}
        waiting = [r for r in kind_reviews if r.anchor.key not in carried]
        found = carried | match([r.anchor for r in waiting], [f for f in stored if f.review_id is None])
        for review in kind_reviews:
            fact = found.get(review.anchor.key)
            if fact is None:
                continue
            applied += 1
            if fact.review_id != review.review_id:
                apply(con, review, fact)
    return Applied(applied, len(reviews) - applied)


def _has_reviews(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("SELECT count(*) FROM (SELECT 1 FROM reviews LIMIT 1)").fetchone()
    return bool(row and row[0])


def _set_fields(con: duckdb.DuckDBPyConnection, kind: FactKind, fact: Fact, values: dict[str, Any]) -> None:
    if not values:
        return
    fields = [kind.field(name) for name in values]
    assignments = [f"{field.column} = ?" for field in fields]
    params: list[Any] = [_column_value(field.type, values[field.name]) for field in fields]
    if kind.name == "event" and "type" in values:  # the type's PLOVER category follows it
        try:
            assignments.append("plover = ?")
            params.append(event_type(str(values["type"])).plover)
        except VocabularyError:
            assignments.pop()
    con.execute(
        f"UPDATE {kind.table} SET {', '.join(assignments)} WHERE {kind.where} AND {kind.id_sql} = ?",
        [*params, fact.fact_id],
    )
    if kind.name == "event" and ({"actors", "agents"} & values.keys()):
        # the normalized record of who took part follows the event row
        row = con.execute("SELECT actor_ids, agent_ids FROM events WHERE event_id = ?", [fact.fact_id]).fetchone()
        actors, agents = (list(row[0] or []), list(row[1] or [])) if row else ([], [])
        con.execute("DELETE FROM event_participants WHERE event_id = ?", [fact.fact_id])
        people = [(fact.fact_id, fact.doc_id, a, "actor") for a in actors] + [
            (fact.fact_id, fact.doc_id, a, "agent") for a in agents
        ]
        if people:
            con.executemany("INSERT INTO event_participants VALUES (?, ?, ?, ?)", people)


def _column_value(type: FieldType, value: Any) -> Any:
    if type is FieldType.LIST:
        return sorted(set(value or []))
    if type is FieldType.NUMBER:
        return None if value is None else float(value)
    return value
