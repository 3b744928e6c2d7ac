"""Reviews of provisional entities («new-…», a person or body the linker found in an
article and the knowledge base lacks): merged into a known entity, or promoted into the
local knowledge base (``promote`` records the entity it made, the overlay holds it).

Such a review (kind ``entity``, action ``merge`` or ``promote``) is anchored to the
provisional entity's names, normalized, with the language of the articles they were read
in — not to its id, which a re-extraction may spell otherwise. Applied to a document, it
makes every row of the document that names the provisional entity (mentions, event actors
and agents, memberships, figures, claims' speakers) name the known entity, removes the
provisional entity from the document's ``provisional_entities`` and records the merge in
``entity_merges``. A document written again (a re-ingest, a new pipeline version) has its
provisional entities merged again by their names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from marsad.indicators import pairs as indicator_pairs
from marsad.review.anchor import Anchor
from marsad.review.log import Review, in_force, read_kind
from marsad.text.normalize import normalize_key

KIND = "entity"
ENTITY_ACTIONS = ("merge", "promote")
_DEFAULT_LANGUAGE = "ar"
# (table, column) pairs holding one entity id, in rows of one document
_ID_COLUMNS = (
    ("mentions", "entity_id"),
    ("event_participants", "entity_id"),
    ("figures", "actor"),
    ("claims", "speaker"),
    ("claims", "speaker_state"),
)
_MEMBERSHIP_COLUMNS = ("member", "org")
_LIST_COLUMNS = ("actor_ids", "agent_ids")


@dataclass(frozen=True, slots=True)
class Provisional:
    """A provisional entity as the store holds it: its type and every name it was read as."""

    entity_id: str
    type: str
    country: str
    names: tuple[tuple[str, str, str], ...]  # (language, normalized name, name as written)

    @property
    def name(self) -> str:
        return self.names[0][2] if self.names else self.entity_id

    def anchor(self) -> Anchor:
        """What a review of it points to: its type and its names with their language."""
        keys = sorted({f"{language}:{key}" for language, key, _ in self.names})
        return Anchor(KIND, "", 0, 0, self.name, None, {"names": keys, "type": self.type})


def provisional(con: duckdb.DuckDBPyConnection, entity_id: str) -> Provisional | None:
    """The provisional entity ``entity_id`` of the store; None when no document has it."""
    rows = con.execute(
        "SELECT p.type, p.country, p.name_ar, coalesce(nullif(d.language, ''), ?) FROM main.provisional_entities p "
        "LEFT JOIN main.documents d ON d.doc_id = p.doc_id WHERE p.entity_id = ? ORDER BY p.doc_id, p.start_char",
        [_DEFAULT_LANGUAGE, entity_id],
    ).fetchall()
    if not rows:
        return None
    names: dict[tuple[str, str], str] = {}
    for _, _, name, language in rows:
        names.setdefault((language, normalize_key(name)), name)
    countries = [str(country) for _, country, _, _ in rows if country]
    return Provisional(
        entity_id,
        str(rows[0][0]),
        max(set(countries), key=countries.count) if countries else "",
        tuple((language, key, name) for (language, key), name in names.items()),
    )


def merged_into(con: duckdb.DuckDBPyConnection, entity_id: str) -> str | None:
    """The entity a provisional entity was merged into, when a review merged it."""
    row = con.execute("SELECT any_value(into_id) FROM main.entity_merges WHERE entity_id = ?", [entity_id]).fetchone()
    return str(row[0]) if row and row[0] else None


def entity_reviews(con: duckdb.DuckDBPyConnection) -> list[Review]:
    """The entity reviews in force, oldest first."""
    return sorted(in_force(read_kind(con, KIND)).values(), key=lambda r: (r.reviewed_at, r.review_id))


def apply_entity_reviews(con: duckdb.DuckDBPyConnection, doc_ids: Iterable[str] | None = None) -> int:
    """Merge the provisional entities of these documents (all, when None) that an entity
    review in force names; returns how many (document, entity) pairs were merged."""
    wanted: dict[tuple[str, str, str], Review] = {}  # (type, language, key) → the latest review naming it
    for review in entity_reviews(con):
        into = str(review.after.get("entity") or "")
        if not into:
            continue
        entity_type = str(review.anchor.identity.get("type") or "")
        for name in review.anchor.identity.get("names") or ():
            language, _, key = str(name).partition(":")
            wanted[(entity_type, language, key)] = review
    if not wanted:
        return 0
    sql = (
        "SELECT p.doc_id, p.entity_id, p.type, p.name_ar, coalesce(nullif(d.language, ''), ?) "
        "FROM main.provisional_entities p LEFT JOIN main.documents d ON d.doc_id = p.doc_id"
    )
    params: list[object] = [_DEFAULT_LANGUAGE]
    if doc_ids is not None:
        sql += " WHERE p.doc_id IN (SELECT unnest(?))"
        params.append(sorted(set(doc_ids)))
    merged: list[str] = []  # the documents, once per merged entity
    for doc_id, entity_id, entity_type, name, language in con.execute(sql, params).fetchall():
        found = wanted.get((entity_type, language, normalize_key(name)))
        if found is None:
            continue
        review = found
        into = str(review.after["entity"])
        if into != entity_id:
            _rename(con, doc_id, entity_id, into)
        con.execute("DELETE FROM main.provisional_entities WHERE doc_id = ? AND entity_id = ?", [doc_id, entity_id])
        con.execute(
            "INSERT INTO main.entity_merges VALUES (?, ?, ?, ?, ?, ?)",
            [doc_id, entity_id, name, language, into, review.review_id],
        )
        merged.append(doc_id)
    # a merged organization may be a format the indicators count, a merged state a partner
    indicator_pairs.refresh_documents(con, merged)
    return len(merged)


def _rename(con: duckdb.DuckDBPyConnection, doc_id: str, old: str, new: str) -> None:
    """Every row of ``doc_id`` that names ``old`` names ``new`` instead (a pair named twice once)."""
    con.execute(
        "DELETE FROM main.event_participants p WHERE p.doc_id = ? AND p.entity_id = ? AND EXISTS ("
        "SELECT 1 FROM main.event_participants q WHERE q.event_id = p.event_id AND q.role = p.role AND q.entity_id = ?)",
        [doc_id, old, new],
    )
    for table, column in _ID_COLUMNS:  # constants, never input
        con.execute(f"UPDATE main.{table} SET {column} = ? WHERE doc_id = ? AND {column} = ?", [new, doc_id, old])
    for column in _MEMBERSHIP_COLUMNS:
        con.execute(
            f"UPDATE main.memberships SET {column} = ? WHERE origin = 'article' AND doc_id = ? AND {column} = ?",
            [new, doc_id, old],
        )
    for column in _LIST_COLUMNS:
        con.execute(
            f"UPDATE main.events SET {column} = list_sort(list_distinct(list_transform({column}, "
            f"lambda x: CASE WHEN x = ? THEN ? ELSE x END))) WHERE doc_id = ? AND list_contains({column}, ?)",
            [old, new, doc_id, old],
        )
