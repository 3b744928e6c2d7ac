"""What a reader of the store sees of reviewed facts: the schema ``reviewed`` holds a view of
each fact table without the rows an analyst rejected, under the table's own name. A
connection that puts the schema first in its search path (:func:`read_reviewed`) reads
the views wherever a question names a table, so no question filters them itself; the
tables themselves stay in ``main`` (the writer's, and what ``include_rejected`` reads).

A view has no ``rowid`` of its own: each carries its table's as a column of that name, so
that reads ordered by it keep working (a ``SELECT *`` shows it, see
:func:`marsad.export.tables.copy_table`).
"""

from __future__ import annotations

import duckdb

from marsad.review.kinds import KINDS

SCHEMA = "reviewed"


def view_sql() -> list[str]:
    """The statements that (re)create the views (table names are constants)."""
    statements = [f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}"]
    for kind in KINDS.values():
        statements.append(
            f"CREATE OR REPLACE VIEW {SCHEMA}.{kind.table} AS SELECT rowid AS rowid, * "
            f"FROM main.{kind.table} WHERE review IS DISTINCT FROM 'rejected'"
        )
    statements.append(
        f"CREATE OR REPLACE VIEW {SCHEMA}.event_participants AS SELECT rowid AS rowid, * "
        "FROM main.event_participants WHERE event_id NOT IN (SELECT event_id FROM main.events WHERE review = 'rejected')"
    )
    return statements


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """The views, made again after a migration (a view lists its table's columns as they
    were when it was made)."""
    for statement in view_sql():
        con.execute(statement)


def read_reviewed(con: duckdb.DuckDBPyConnection) -> None:
    """Make this connection (or cursor) read the views first: rejected facts left out."""
    con.execute(f"SET search_path = '{SCHEMA},main'")
