"""``marsad load-parquet``: the Parquet tables of a Spark extraction into a DuckDB store.

Documents already in the store are replaced by their new rows; events are then joined to
the clusters of the same events reported by other documents, as ``marsad ingest`` does.
"""

from __future__ import annotations

from pathlib import Path

from marsad.indicators.pairs import refresh_documents
from marsad.review.apply import reapply
from marsad.store.duck import Store
from marsad.store.rows import EVENT_ID, TABLE_COLUMNS


class LoadError(ValueError):
    """The folder is not a Spark extraction's output; the message says what is missing."""


def load_parquet(folder: Path, store: Store) -> dict[str, int]:
    """Load every table under ``folder`` (one sub-folder of Parquet files per table);
    returns the rows loaded per table."""
    missing = [t for t in ("documents", "events") if not any((folder / t).glob("*.parquet"))]
    if missing:
        raise LoadError(f"{folder}: no Parquet files for {', '.join(missing)}; is it `marsad spark-extract`'s output?")
    con = store.con
    counts: dict[str, int] = {}
    with store._transaction():
        doc_ids = [
            r[0] for r in con.execute("SELECT doc_id FROM read_parquet(?)", [_files(folder, "documents")]).fetchall()
        ]
        old_clusters = store._delete_rows(doc_ids)  # a document loaded again replaces its rows
        for table, columns in TABLE_COLUMNS.items():
            files = _files(folder, table)
            if not any((folder / table).glob("*.parquet")):
                counts[table] = 0
                continue
            selected = ", ".join("now()::TIMESTAMP" if c == "ingested_at" else c for c in columns)
            # table and column names come from TABLE_COLUMNS, never from the input
            con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {selected} FROM read_parquet(?)", [files])
            row = con.execute("SELECT count(*) FROM read_parquet(?)", [files]).fetchone()
            counts[table] = int(row[0]) if row else 0
        _cluster(store, sorted(doc_ids))
        reapply(con, sorted(doc_ids))  # the analysts' reviews of these documents, on their new facts
        refresh_documents(con, doc_ids, old_clusters)  # the indicators' pairs of their clusters
    store.optimize_search_index()
    return counts


def _files(folder: Path, table: str) -> str:
    return str(folder / table / "*.parquet")


def _cluster(store: Store, doc_ids: list[str]) -> None:
    """Cluster the loaded documents' events, one document after another (as an ingest would)."""
    con = store.con
    store._batch_keys = {}
    chosen: dict[str, str] = {}
    for doc_id in doc_ids:
        rows = con.execute(
            f"SELECT {', '.join(TABLE_COLUMNS['events'])} FROM events WHERE doc_id = ?", [doc_id]
        ).fetchall()  # the columns are constants
        chosen |= store._cluster(doc_id, sorted(rows, key=lambda row: _event_number(row[EVENT_ID])))
    if chosen:
        con.execute(
            "UPDATE events SET cluster_id = c.cluster_id FROM (SELECT unnest(?) AS event_id, unnest(?) AS cluster_id) c "
            "WHERE events.event_id = c.event_id",
            [list(chosen), list(chosen.values())],
        )


def _event_number(event_id: str) -> int:
    return int(event_id.rsplit(":e", 1)[1])
