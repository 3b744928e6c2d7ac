"""Store tables as CSV or Parquet files, written by DuckDB's own COPY."""

from __future__ import annotations

from pathlib import Path

import duckdb

from marsad.export.errors import ExportError

# Every table an analyst may want; the search index (search_postings, search_documents)
# is derived from the documents and left out. SQL identifiers come only from here.
TABLES = (
    "meta",
    "documents",
    "sentences",
    "entities",
    "mentions",
    "provisional_entities",
    "events",
    "event_participants",
    "memberships",
    "figures",
    "claims",
)
# COPY options per file format (constants, never user input)
TABLE_FORMATS = {"csv": "(FORMAT csv, HEADER true)", "parquet": "(FORMAT parquet)"}


def check_table(table: str | None) -> str:
    if table not in TABLES:
        raise ExportError(f"table {table!r}: choose one of {', '.join(TABLES)}")
    return table


def copy_table(con: duckdb.DuckDBPyConnection, table: str, path: Path, fmt: str) -> Path:
    """Write one table to ``path`` in ``fmt`` (csv or parquet), rows in the order stored."""
    table = check_table(table)
    if fmt not in TABLE_FORMATS:
        raise ExportError(f"format {fmt!r}: tables are written as {' or '.join(TABLE_FORMATS)}")
    # the table name and options are constants checked above; the file name is a parameter.
    # A fact table read through the query API's view of the reviewed facts has its rowid as
    # a column (marsad.review.views): not one of the table's.
    shown = con.execute(f"SELECT * FROM {table} LIMIT 0").description
    columns = ", ".join(f'"{c[0]}"' for c in shown if c[0] != "rowid")
    con.execute(f"COPY (SELECT {columns} FROM {table} ORDER BY rowid) TO ? {TABLE_FORMATS[fmt]}", [str(path)])
    return path


def export_tables(con: duckdb.DuckDBPyConnection, folder: Path, fmt: str) -> list[Path]:
    """Every table of ``TABLES`` as ``<folder>/<table>.<fmt>``; the folder is created."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder}: is a file; {fmt} writes one file per table, so give a folder")
    folder.mkdir(parents=True, exist_ok=True)
    return [copy_table(con, table, folder / f"{table}.{fmt}", fmt) for table in TABLES]
