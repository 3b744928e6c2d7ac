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


def catalog(con: duckdb.DuckDBPyConnection) -> str:
    """The store's own catalog, quoted: DuckDB names it after the file, so a store called
    ``reviewed.duckdb`` has a catalog named like the schema, and every name is qualified."""
    found = con.execute("SELECT current_database()").fetchone()
    name = str(found[0]) if found else "main"
    return '"' + name.replace('"', '""') + '"'


def view_sql(store: str) -> list[str]:
    """The statements that (re)create the views in the catalog ``store`` (quoted; table
    names are constants)."""
    schema, main = f"{store}.{SCHEMA}", f"{store}.main"
    statements = [f"CREATE SCHEMA IF NOT EXISTS {schema}"]
    for kind in KINDS.values():
        statements.append(
            f"CREATE OR REPLACE VIEW {schema}.{kind.table} AS SELECT rowid AS rowid, * "
            f"FROM {main}.{kind.table} WHERE review IS DISTINCT FROM 'rejected'"
        )
    statements.append(
        f"CREATE OR REPLACE VIEW {schema}.event_participants AS SELECT rowid AS rowid, * "
        f"FROM {main}.event_participants WHERE event_id NOT IN "
        f"(SELECT event_id FROM {main}.events WHERE review = 'rejected')"
    )
    return statements


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """The views, made again after a migration (a view lists its table's columns as they
    were when it was made)."""
    for statement in view_sql(catalog(con)):
        con.execute(statement)


def read_reviewed(con: duckdb.DuckDBPyConnection) -> None:
    """Make this connection (or cursor) read the views first: rejected facts left out."""
    store = catalog(con).replace("'", "''")
    con.execute(f"SET search_path = '{store}.{SCHEMA},{store}.main'")


def reads_reviewed(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether this connection (or cursor) reads the views: set by :func:`read_reviewed`."""
    found = con.execute("SELECT current_setting('search_path')").fetchone()
    return bool(found) and f".{SCHEMA}," in str(found[0])
