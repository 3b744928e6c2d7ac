"""The (cluster, state, partner or format) pairs the ties indicator counts, kept in the table
``indicator_pairs`` so that the indicator is one GROUP BY over a narrow table instead of
joins over every report's actors.

A row is one pair of one event cluster, with the cluster's type and date as the indicator
takes them (:data:`CLUSTER_KEY`), built from the reports the indicator counts: of a counted
type, stated to have happened, dated. ``view`` says which reading of the store it holds:
``both`` for a cluster none of whose reports an analyst rejected (the reviewed reading and
the one with rejected facts agree), else one set of rows ``reviewed`` (rejected reports left
out) and one ``all``.

The rows of a cluster are made again from its reports whenever they change (:func:`refresh`):
a document written or written again (its old clusters and its new ones), a review applied,
a Spark extraction loaded. The whole table is made again (:func:`rebuild`) when the
definitions it was built from change (``meta`` holds their fingerprint); until then the
indicator reads the reports themselves.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

import duckdb

from marsad.indicators import cells
from marsad.indicators.definitions import Definitions, bundled_definitions
from marsad.vocabulary import happened_modalities

META_KEY = "indicator_pairs"
# the rule the rows are built by; a change of it makes every store build them again
_RULE = 2
# the report whose date and type stand for its cluster: the most precise stated date (a date
# from the article's time ranks below any stated one), then the latest, then the event id
CLUSTER_KEY = "((date_source <> 'reference')::INTEGER * 100 + length(date), date, event_id)"
_CHUNK = 50_000  # clusters refreshed per statement
# The rows are kept in this order: a question reads the row groups of its states alone (DuckDB
# skips the others by their min/max), and the events of each count are listed by date from
# input already in that order (measured on a million events: one state 271 -> 80 ms, every
# state 607 -> 400 ms, against the rows in the order they were written). Rows made again
# after the last sort go at the end (a cluster made again too); the table is sorted again when
# this many rows were written since (or this share of it).
ORDER = "state, name, kind, date, cluster_id"
_MIN_UNSORTED = 50_000
_UNSORTED_SHARE = 0.1
UNSORTED_KEY = "indicator_pairs_unsorted_rows"  # rows written since the last sort


def fingerprint(definitions: Definitions) -> str:
    """What the rows (and the cells) depend on: the states, partners, formats, counted
    types and their weights, and the modalities that count as happened."""
    basis = [
        _RULE,
        list(definitions.states),
        {k: list(v) for k, v in definitions.partners.items()},
        list(definitions.formats),
        cells.weights(definitions),
        list(happened_modalities()),
    ]
    return hashlib.sha256(json.dumps(basis, sort_keys=True).encode()).hexdigest()[:16]


def is_current(con: duckdb.DuckDBPyConnection, definitions: Definitions | None = None) -> bool:
    """Whether the table holds the pairs of these definitions (the bundled ones by default)."""
    row = con.execute(
        "SELECT value FROM meta WHERE key = ? AND EXISTS "
        "(SELECT 1 FROM duckdb_tables() WHERE table_name = 'indicator_pairs' AND database_name = current_database())",
        [META_KEY],
    ).fetchone()
    return bool(row) and row[0] == fingerprint(definitions or bundled_definitions())


def groups(definitions: Definitions) -> list[tuple[str, str, str]]:
    """(name, kind, entity id) of every partner and format of the definitions."""
    return [
        *((name, "partner", i) for name, ids in definitions.partners.items() for i in ids),
        *((f, "format", f) for f in definitions.formats),
    ]


def _marks(values: Iterable[Any]) -> str:
    return ", ".join("?" for _ in values)


def _insert_sql(definitions: Definitions, chosen: str) -> tuple[str, list[Any]]:
    """The INSERT of the pairs of the clusters that ``chosen`` (an SQL condition on
    ``e.cluster_id``, its parameters first) selects."""
    types, modalities, states = list(definitions.counted_types), happened_modalities(), definitions.states
    found = groups(definitions)
    sql = f"""
        INSERT INTO indicator_pairs
        WITH reports AS (
            SELECT e.event_id, e.cluster_id, e.type, e.date, coalesce(e.date_source, '') AS date_source,
                   e.actor_ids, coalesce(e.review = 'rejected', false) AS rejected
            FROM main.events e
            WHERE {chosen} AND e.type IN ({_marks(types)}) AND e.modality IN ({_marks(modalities)})
              AND e.date IS NOT NULL AND e.date <> ''
        ), touched AS (
            SELECT cluster_id, bool_or(rejected) AS any_rejected FROM reports GROUP BY cluster_id
        ), scoped AS (
            SELECT r.*, CASE WHEN t.any_rejected THEN v.view ELSE 'both' END AS view
            FROM reports r JOIN touched t USING (cluster_id)
            JOIN (VALUES ('reviewed', false), ('all', true)) v(view, keeps_rejected)
              ON (v.view = 'reviewed' OR t.any_rejected) AND (v.keeps_rejected OR NOT r.rejected)
        ), groups(name, kind, entity_id) AS (VALUES {", ".join("(?, ?, ?)" for _ in found)}
        ), named AS (
            SELECT view, cluster_id, unnest(actor_ids) AS actor FROM scoped
        ), states AS (
            SELECT DISTINCT view, cluster_id, actor FROM named WHERE actor IN ({_marks(states)})
        ), partners AS (
            SELECT DISTINCT n.view, n.cluster_id, n.actor, g.name, g.kind
            FROM named n JOIN groups g ON g.entity_id = n.actor
        ), pairs AS (
            SELECT DISTINCT s.view, s.cluster_id, s.actor AS state, p.name, p.kind
            FROM states s JOIN partners p ON p.view = s.view AND p.cluster_id = s.cluster_id AND p.actor <> s.actor
        ), clusters AS (
            SELECT view, cluster_id, arg_max(type, {CLUSTER_KEY}) AS type, arg_max(date, {CLUSTER_KEY}) AS date
            FROM scoped SEMI JOIN (SELECT DISTINCT view, cluster_id FROM pairs) paired USING (view, cluster_id)
            GROUP BY view, cluster_id
        )
        SELECT p.cluster_id, p.view, p.state, p.name, p.kind, c.type, c.date
        FROM pairs p JOIN clusters c USING (view, cluster_id)
        ORDER BY p.state, p.name, p.kind, c.date, p.cluster_id"""
    return sql, [*types, *modalities, *(v for g in found for v in g), *states]


def refresh(con: duckdb.DuckDBPyConnection, cluster_ids: Iterable[str], definitions: Definitions | None = None) -> None:
    """Make the rows of these clusters again from their reports as stored now (a cluster
    with no counted report left loses its rows). Runs in the caller's transaction."""
    chosen = sorted(set(cluster_ids))
    definitions = definitions or bundled_definitions()
    if not chosen or not is_current(con, definitions):
        return  # a table of other definitions is made again whole when the store is opened
    for start in range(0, len(chosen), _CHUNK):
        chunk = chosen[start : start + _CHUNK]
        touched = cells.keys_of(con, chunk)  # the cells its old pairs counted in, and its new ones
        con.execute("DELETE FROM indicator_pairs WHERE cluster_id IN (SELECT unnest(?))", [chunk])
        sql, params = _insert_sql(definitions, "e.cluster_id IN (SELECT unnest(?))")
        written = con.execute(sql, [chunk, *params]).fetchone()
        _add_unsorted(con, int(written[0]) if written else 0)
        cells.refresh(con, touched | cells.keys_of(con, chunk), definitions)
    _sort_when_unsorted(con)


def _add_unsorted(con: duckdb.DuckDBPyConnection, rows: int) -> None:
    mark = con.execute("SELECT value FROM meta WHERE key = ?", [UNSORTED_KEY]).fetchone()
    _set(con, UNSORTED_KEY, str((int(mark[0]) if mark else 0) + rows))


def _set(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    updated = con.execute("UPDATE meta SET value = ? WHERE key = ?", [value, key]).fetchone()
    if not (updated and updated[0]):
        con.execute("INSERT INTO meta VALUES (?, ?)", [key, value])


def _sort_when_unsorted(con: duckdb.DuckDBPyConnection) -> None:
    """Write the table again in :data:`ORDER` when many rows came after the last sort."""
    found = con.execute("SELECT count(*) FROM indicator_pairs").fetchone()
    total = int(found[0]) if found else 0
    mark = con.execute("SELECT value FROM meta WHERE key = ?", [UNSORTED_KEY]).fetchone()
    if (int(mark[0]) if mark else 0) < max(_MIN_UNSORTED, _UNSORTED_SHARE * total):
        return
    con.execute(f"CREATE TEMP TABLE indicator_pairs_sorted AS SELECT * FROM indicator_pairs ORDER BY {ORDER}")
    con.execute("DELETE FROM indicator_pairs")
    con.execute("INSERT INTO indicator_pairs SELECT * FROM indicator_pairs_sorted")
    con.execute("DROP TABLE indicator_pairs_sorted")
    _mark_sorted(con)


def _mark_sorted(con: duckdb.DuckDBPyConnection) -> None:
    _set(con, UNSORTED_KEY, "0")


def refresh_documents(con: duckdb.DuckDBPyConnection, doc_ids: Iterable[str], also: Iterable[str] = ()) -> None:
    """:func:`refresh` the clusters of these documents' events, and the clusters ``also``
    (those of rows just deleted)."""
    found = clusters_of_documents(con, sorted(set(doc_ids)))
    refresh(con, [*found, *also])


def refresh_events(con: duckdb.DuckDBPyConnection, event_ids: list[str]) -> None:
    """:func:`refresh` the clusters of these events (one just reviewed)."""
    rows = con.execute(
        "SELECT DISTINCT cluster_id FROM main.events WHERE event_id IN (SELECT unnest(?)) AND cluster_id IS NOT NULL",
        [event_ids],
    ).fetchall()
    refresh(con, [str(r[0]) for r in rows])


def clusters_of_documents(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> list[str]:
    """The clusters of these documents' events (read before their rows are deleted)."""
    if not doc_ids:
        return []
    rows = con.execute(
        "SELECT DISTINCT cluster_id FROM main.events WHERE doc_id IN (SELECT unnest(?)) AND cluster_id IS NOT NULL",
        [doc_ids],
    ).fetchall()
    return [str(r[0]) for r in rows]


def rebuild(con: duckdb.DuckDBPyConnection, definitions: Definitions | None = None) -> None:
    """Every row again, from every report; records the definitions' fingerprint. Runs in the
    caller's transaction."""
    definitions = definitions or bundled_definitions()
    con.execute("DELETE FROM indicator_pairs")
    sql, params = _insert_sql(definitions, "true")
    con.execute(sql, params)
    _mark_sorted(con)
    cells.rebuild(con, definitions)
    _set(con, META_KEY, fingerprint(definitions))
