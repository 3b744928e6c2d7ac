"""The ties indicator's counts per (state, partner or format, year), kept in the table
``indicator_cells`` from the pairs (``indicator_pairs``, see pairs.py), once for each reading
of the store: ``reviewed`` (rejected reports left out) and ``all``.

A question over whole years (no bounds, or years alone: ``since="2015"``) reads its cells;
one bounded by a month or a day counts the pairs. The events of a cell are one string, the
ids in the order the indicator lists them, joined by :data:`SEPARATOR` (no id holds a control
character, see ingest/readers.py). The cells a change of pairs touches are made again from
the pairs whenever they change (:func:`refresh`, called by pairs.refresh).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import duckdb

from marsad.indicators.definitions import Definitions

SEPARATOR = "\x1f"
Key = tuple[str, str, str, str]  # state, name, kind, year


def weights(definitions: Definitions) -> list[tuple[str, str, float]]:
    """(event type, side, weight) of every counted type."""
    return [
        *((t, "cooperation", w) for t, w in definitions.cooperation.items()),
        *((t, "friction", w) for t, w in definitions.friction.items()),
    ]


def _insert_sql(definitions: Definitions, keyed: bool) -> tuple[str, list[Any]]:
    found = weights(definitions)
    keys = (
        " JOIN (SELECT unnest(?) AS state, unnest(?) AS name, unnest(?) AS kind, unnest(?) AS year) k "
        "ON k.state = p.state AND k.name = p.name AND k.kind = p.kind AND k.year = left(p.date, 4)"
        if keyed
        else ""
    )
    sql = f"""
        INSERT INTO indicator_cells
        WITH weights(type, side, weight) AS (VALUES {", ".join("(?, ?, ?)" for _ in found)})
        SELECT r.reading, p.state, p.name, p.kind, left(p.date, 4) AS year,
               count(*) FILTER (WHERE w.side = 'cooperation'),
               count(*) FILTER (WHERE w.side = 'friction'),
               coalesce(sum(w.weight) FILTER (WHERE w.side = 'cooperation'), 0),
               coalesce(sum(w.weight) FILTER (WHERE w.side = 'friction'), 0),
               histogram(p.type),
               string_agg(p.cluster_id, chr({ord(SEPARATOR)}) ORDER BY p.date, p.cluster_id)
        FROM indicator_pairs p{keys}
        JOIN (VALUES ('reviewed', 'both'), ('reviewed', 'reviewed'), ('all', 'both'), ('all', 'all')) r(reading, view)
          ON r.view = p.view
        JOIN weights w ON w.type = p.type
        GROUP BY ALL"""
    return sql, [*(v for w in found for v in w)]


def keys_of(con: duckdb.DuckDBPyConnection, cluster_ids: list[str]) -> set[Key]:
    """The cells the pairs of these clusters count in."""
    rows = con.execute(
        "SELECT DISTINCT state, name, kind, left(date, 4) FROM indicator_pairs WHERE cluster_id IN (SELECT unnest(?))",
        [cluster_ids],
    ).fetchall()
    return {(str(s), str(n), str(k), str(y)) for s, n, k, y in rows}


def refresh(con: duckdb.DuckDBPyConnection, keys: Iterable[Key], definitions: Definitions) -> None:
    """Make these cells again from the pairs as they are now."""
    chosen = sorted(set(keys))
    if not chosen:
        return
    columns = [list(c) for c in zip(*chosen, strict=True)]
    con.execute(
        "DELETE FROM indicator_cells c USING (SELECT unnest(?) AS state, unnest(?) AS name, unnest(?) AS kind, "
        "unnest(?) AS year) k WHERE c.state = k.state AND c.name = k.name AND c.kind = k.kind AND c.year = k.year",
        columns,
    )
    sql, params = _insert_sql(definitions, keyed=True)
    con.execute(sql, [*params, *columns])


def rebuild(con: duckdb.DuckDBPyConnection, definitions: Definitions) -> None:
    """Every cell again, from every pair."""
    con.execute("DELETE FROM indicator_cells")
    sql, params = _insert_sql(definitions, keyed=False)
    con.execute(sql, params)


# the types of a cell as two lists: the driver turns a MAP into a dict row by row (~15 ms on the
# 569 cells of every state, partner and format of the 1M store), two lists in ~2 ms
def read(
    con: duckdb.DuckDBPyConnection,
    reading: str,
    states: tuple[str, ...],
    chosen: list[tuple[str, str]],
    since: str | None,
    until: str | None,
) -> list[tuple[Any, ...]]:
    """The cells of these states and (partner or format, kind) pairs, from year ``since`` to
    ``until``, as the ties' rows (their events a tuple of ids)."""
    rows = con.execute(
        f"""
        SELECT c.state, c.name, c.kind, c.year, c.cooperation, c.friction, c.cooperation_score,
               c.friction_score, map_keys(c.by_type), map_values(c.by_type), c.events
        FROM indicator_cells c SEMI JOIN (SELECT unnest(?) AS name, unnest(?) AS kind) k USING (name, kind)
        WHERE c.reading = ? AND c.state IN ({", ".join("?" for _ in states)}) AND c.year >= ? AND c.year <= ?
        ORDER BY 1, 2, 3, 4""",
        [[n for n, _ in chosen], [k for _, k in chosen], reading, *states, since or "", until or "9999"],
    ).fetchall()
    return [(*row[:-1], tuple(row[-1].split(SEPARATOR))) for row in rows]
