"""The DuckDB store: schema migrations, idempotent per-document writes, reads.

One writer at a time (DuckDB locks the file). Documents are written a batch at a time, each
batch in one transaction (:meth:`Store.write_rows`; the ingest's batches hold up to 256
documents): a crash loses the batch being written, whole, and keeps the batches committed
before it, so a store never holds half a document.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from marsad.indicators import pairs as indicator_pairs
from marsad.kb.loader import KnowledgeBase
from marsad.review.apply import reapply
from marsad.review.views import SCHEMA as REVIEWED_SCHEMA
from marsad.review.views import create_views
from marsad.search.index import postings
from marsad.store.columns import column_strings
from marsad.store.rows import (
    EVENT_ACTORS,
    EVENT_DATE,
    EVENT_DATE_SOURCE,
    EVENT_ID,
    EVENT_TYPE,
    DocumentRows,
    insert_sql,
    postings_text,
)
from marsad.values.partial_date import agree
from marsad.vocabulary import is_stated

_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
# the migrations after which the search index is built again from the documents' text:
# the one that added it, the one that made it per document
_REINDEX_AFTER = frozenset({5, 9})
_SEARCH_SCHEMA = 5  # the migration that added the search index (and the reference notes)
# Sort the search index again when this many rows (or this share of it) came after the last sort.
_MIN_UNSORTED = 200_000
_UNSORTED_SHARE = 0.1
_POSTINGS_INSERT = insert_sql("search_postings")  # its rows are (doc id, postings string) pairs
_REINDEX_BATCH = 256
CLUSTER_OVERLAP = 0.5  # share of actors two reports of one event have in common
PER_DOCUMENT_TABLES = (
    "search_postings",
    "search_documents",
    "sentences",
    "mentions",
    "events",
    "event_participants",
    "event_keys",
    "figures",
    "provisional_entities",
    "claims",
    "entity_merges",
)


def _connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open the file; while another process holds it, wait up to MARSAD_STORE_WAIT seconds
    (default 0: fail at once with "store is in use")."""
    deadline = time.monotonic() + float(os.environ.get("MARSAD_STORE_WAIT", "0") or 0)
    while True:
        try:
            config = {"memory_limit": _memory_limit()}
            if not read_only:
                config["checkpoint_threshold"] = _CHECKPOINT_THRESHOLD
            return duckdb.connect(path, read_only=read_only, config=config)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                raise
            time.sleep(0.2)


_SNAPSHOT_TRIES = 20


def _snapshot(path: str) -> str:
    """A copy of the store, for reading beside the process that writes it. DuckDB lets no
    other process open a file that one writes, not even to read; a copy of the file and its
    write-ahead log, taken while neither changed, is the store as of its last commit
    (DuckDB replays the log's commits when the copy opens). Taken in TMPDIR."""
    folder = Path(tempfile.mkdtemp(prefix="marsad-snapshot-"))
    target = folder / Path(path).name
    for _ in range(_SNAPSHOT_TRIES):
        before = _stamps(path)
        shutil.copyfile(path, target)
        wal = Path(path + ".wal")
        if wal.exists():
            shutil.copyfile(wal, str(target) + ".wal")
        if _stamps(path) == before:  # no write (nor checkpoint) came during the copy
            return str(target)
        Path(str(target) + ".wal").unlink(missing_ok=True)
        time.sleep(0.05)
    shutil.rmtree(folder, ignore_errors=True)
    raise StoreInUseError(f"{path}: the store kept changing while a copy to read was taken; try again")


def _stamps(path: str) -> tuple[tuple[int, int] | None, ...]:
    """Size and modification time of the store file and its log (None: no such file)."""
    stamps = []
    for name in (path, path + ".wal"):
        try:
            stat = os.stat(name)
            stamps.append((stat.st_size, stat.st_mtime_ns))
        except FileNotFoundError:
            stamps.append(None)
    return tuple(stamps)


# Write-ahead log size at which DuckDB folds it into the file. At DuckDB's 16 MB default a
# long ingest checkpoints every few batches, each rewriting the tables' last, growing row
# groups: a third of the writer's time, and the file keeps the blocks given up (measured
# 28 MB against 18 MB for 2,000 articles). Committed writes are durable in the log either way.
_CHECKPOINT_THRESHOLD = "256MB"


def _memory_limit() -> str:
    """DuckDB's memory for one store (MARSAD_DB_MEMORY, e.g. "2GB"): bounded, so a long
    ingest keeps a flat footprint; DuckDB spills larger sorts to disk."""
    return os.environ.get("MARSAD_DB_MEMORY", "512MB")


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says what to do."""


class StoreInUseError(StoreError):
    pass


class WriteOutcome(Enum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class DocumentStatus:
    outcome: WriteOutcome
    duplicate_of: str = ""


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("marsad.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(number for number, _, _ in _migrations())


class Store:
    """A Marsad store in one DuckDB file (``":memory:"`` for tests)."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        self._pending: dict[str, list[Any]] | None = None  # rows waiting for one insert (see write_rows)
        self._batch_hashes = {}
        self._batch_keys = {}
        self._prefetched: dict[str, list[tuple[str, str, str, str, list[str]]]] | None = None
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no store here; create one with `marsad ingest PATH --db {self.path}`")
        self.snapshot: str | None = None  # the copy read instead, when a writer holds the file
        try:
            self.con = _connect(self.path, read_only)
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" in message.lower() and read_only:
                self.snapshot = _snapshot(self.path)
                self.con = _connect(self.snapshot, read_only=True)
            elif "lock" in message.lower():
                raise StoreInUseError(
                    f"{self.path}: the store is in use by another process (DuckDB allows one writer); "
                    "stop it, use another --db file, or set MARSAD_STORE_WAIT=SECONDS to wait for it"
                ) from exc
            else:
                raise StoreError(f"{self.path}: cannot open the store: {message}") from exc
        if not read_only:
            self._migrate()
        else:
            self._check_version()

    # -- schema -------------------------------------------------------------------------
    def schema_version(self) -> int:
        has_meta = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
        ).fetchone()
        if not has_meta or not has_meta[0]:
            return 0
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _check_version(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: store schema v{version} was written by a newer Marsad (this one reads up to "
                f"v{SCHEMA_VERSION}); upgrade Marsad with `pip install -U marsad`"
            )
        if version < SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: store schema v{version} is older than v{SCHEMA_VERSION}; open it once for writing "
                f"(`marsad ingest --db {self.path}` with no paths) to migrate it"
            )

    def _migrate(self) -> None:
        version = self.schema_version()
        reindex = False
        if version > SCHEMA_VERSION:
            self._check_version()
        for number, name, sql in _migrations():
            if number <= version:
                continue
            if number == _SEARCH_SCHEMA and version:
                self._set_meta("kb_version", "")  # reference rows gain their notes
            reindex = reindex or bool(number in _REINDEX_AFTER and version)
            try:
                self.con.execute("BEGIN TRANSACTION")
                self.con.execute(sql)
                self.con.execute("DELETE FROM meta WHERE key = 'schema_version'")
                self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(number)])
                self.con.execute("COMMIT")
            except duckdb.Error as exc:
                self.con.execute("ROLLBACK")
                raise StoreError(f"{self.path}: migration {name} failed: {exc}") from exc
        found = self.con.execute(
            "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = ? AND database_name = current_database()",
            [REVIEWED_SCHEMA],
        ).fetchone()
        missing = not (found and found[0])
        if version != SCHEMA_VERSION or missing:  # the views of the reviewed facts list the tables' columns anew
            with self._transaction():
                create_views(self.con)
        if not indicator_pairs.is_current(self.con):  # new, or other definitions
            with self._transaction():
                indicator_pairs.rebuild(self.con)
        if reindex:
            self._reindex()

    def meta(self, key: str) -> str:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else ""

    def _set_meta(self, key: str, value: str) -> None:
        self.con.execute("DELETE FROM meta WHERE key = ?", [key])
        self.con.execute("INSERT INTO meta VALUES (?, ?)", [key, value])

    # -- reference knowledge --------------------------------------------------------------
    def sync_reference(self, kb: KnowledgeBase) -> bool:
        """Load the knowledge base's entities and memberships when its version changed."""
        if self.meta("kb_version") == kb.version:
            return False
        entity_rows = [
            (e.id, e.type, e.name_en, e.name_ar, e.name_ru, e.country or e.capital_of, e.kind, e.lat, e.lon, kb.version)
            for e in kb.entities.values()
        ]
        membership_rows = [
            (
                "kb",
                None,
                m.member,
                m.org,
                m.status,
                m.since,
                m.until,
                None,
                None,
                None,
                f"kb:{m.origin}",
                kb.version,
                m.note,
            )
            for m in kb.memberships
        ]
        with self._transaction():
            self.con.execute("DELETE FROM entities")
            if entity_rows:
                self._insert_many("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entity_rows)
            self.con.execute("DELETE FROM memberships WHERE origin = 'kb'")
            if membership_rows:
                self._insert_many(
                    "INSERT INTO memberships (origin, doc_id, member, org, status, since, until, start_char, "
                    "end_char, evidence, rule_id, pipeline_version, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    membership_rows,
                )
            self._set_meta("kb_version", kb.version)
        return True

    # -- documents --------------------------------------------------------------------------
    def status(self, doc_id: str, content_hash: str, pipeline_version: str) -> DocumentStatus:
        """What writing this document would do, decided before any extraction work."""
        return self.statuses([(doc_id, content_hash)], pipeline_version)[0]

    def statuses(self, docs: list[tuple[str, str]], pipeline_version: str) -> list[DocumentStatus]:
        """:meth:`status` of many (doc id, content hash) pairs in one query: a per-document
        query cost about a millisecond each, a third of the single writer's time."""
        if not docs:
            return []
        rows = self.con.execute(
            "SELECT doc_id, content_hash, pipeline_version FROM documents "
            "WHERE doc_id IN (SELECT unnest(?)) OR content_hash IN (SELECT unnest(?))",
            [[doc_id for doc_id, _ in docs], [content_hash for _, content_hash in docs]],
        ).fetchall()
        by_id = {row[0]: row for row in rows}
        first_by_hash: dict[str, list[str]] = {}
        for doc_id, content_hash, _ in sorted(rows):
            first_by_hash.setdefault(content_hash, []).append(doc_id)
        found = []
        for doc_id, content_hash in docs:
            row = by_id.get(doc_id)
            if row and row[1] == content_hash and row[2] == pipeline_version:
                found.append(DocumentStatus(WriteOutcome.UNCHANGED))
                continue
            other = next((d for d in first_by_hash.get(content_hash, []) if d != doc_id), None)
            if other:
                found.append(DocumentStatus(WriteOutcome.DUPLICATE, other))
            else:
                found.append(DocumentStatus(WriteOutcome.UPDATED if row else WriteOutcome.ADDED))
        return found

    def write_rows(self, batch: list[DocumentRows], pipeline_version: str) -> list[DocumentStatus]:
        """Store the rows of extracted documents in one transaction: the whole batch or, on an
        error or a crash before the commit, none of it (the store stays as it was). Rows are
        gathered per table and inserted once for the batch, and the old rows of the changed
        documents are deleted once for the batch, before them (a delete and a flush per
        document made re-ingesting changed articles four times slower than a fresh ingest).
        What each document's writing does (added, updated, unchanged, duplicate) is decided
        here, inside the transaction, in one query per batch. A batch that holds one id twice
        is written in parts, each with its ids once, and a later version replaces an earlier."""
        written: list[DocumentStatus] = []
        with self._transaction():
            self._pending = {}
            self._batch_hashes: dict[str, str] = {}
            self._batch_keys: dict[str, list[tuple[str, str, str, list[str]]]] = {}
            try:
                for part in _parts_with_unique_ids(batch):
                    written.extend(self._write_part(part, pipeline_version))
            finally:
                self._pending = None
                self._prefetched = None
        return written

    def _write_part(self, part: list[DocumentRows], pipeline_version: str) -> list[DocumentStatus]:
        """Write documents whose ids differ, after the rows of the parts before them."""
        self._flush()  # the earlier parts' rows are in the tables: statuses and keys see them
        self._batch_keys = {}  # ... and their event keys are read from the table again
        known = self.statuses([(doc.doc_id, doc.content_hash) for doc in part], pipeline_version)
        decided = [self._decide(doc, status) for doc, status in zip(part, known, strict=True)]
        replaced = {doc.doc_id for doc, status in zip(part, decided, strict=True) if _replaces(status)}
        old_clusters = self._delete_rows(sorted(replaced))
        # a duplicate of a stored text that this part replaces is a duplicate no longer
        again = [i for i, status in enumerate(decided) if status.duplicate_of in replaced]
        fresh = self.statuses([(part[i].doc_id, part[i].content_hash) for i in again], pipeline_version)
        for i, status in zip(again, fresh, strict=True):
            decided[i] = self._decide(part[i], status)
        self._prefetched = self._stored_keys(part)  # after the delete: a changed document's old keys are gone
        written = []
        for doc, status in zip(part, decided, strict=True):
            if status.outcome in (WriteOutcome.ADDED, WriteOutcome.UPDATED):
                self._insert_document(doc)
                written.append(doc.doc_id)
        self._flush()
        reapply(self.con, written)  # the analysts' reviews of these documents, on their new facts
        indicator_pairs.refresh_documents(self.con, written, old_clusters)
        return decided

    def _decide(self, doc: DocumentRows, known: DocumentStatus) -> DocumentStatus:
        """What writing ``doc`` does, given the store (``known``) and the documents before it
        in the batch: the same text under another id earlier in the batch is a duplicate."""
        twin = self._batch_hashes.get(doc.content_hash)
        if twin is not None:  # the same text earlier in this batch
            return DocumentStatus(WriteOutcome.UNCHANGED if twin == doc.doc_id else WriteOutcome.DUPLICATE, twin)
        if known.outcome in (WriteOutcome.ADDED, WriteOutcome.UPDATED):
            self._batch_hashes[doc.content_hash] = doc.doc_id
        return known

    def _stored_keys(self, batch: list[DocumentRows]) -> dict[str, list[tuple[str, str, str, str, list[str]]]]:
        """The stored clusters of every event key of a batch, in one query: (doc id, cluster,
        date, date source, actors) per key."""
        keys = sorted({key for doc in batch for event in doc.tables.get("events", ()) for key in _keys(event)})
        return self._stored_keys_of(keys)

    def _insert_document(self, doc: DocumentRows) -> None:
        for table, table_rows in doc.tables.items():
            if table == "events":  # the last column: the cluster each event joins
                clusters = self._cluster(doc.doc_id, table_rows)
                table_rows = [(*row[:-1], clusters[row[EVENT_ID]]) for row in table_rows]
            self._insert_many(insert_sql(table), table_rows)
        if doc.postings:
            self._insert_many(_POSTINGS_INSERT, [(doc.doc_id, doc.postings)])

    def _insert_postings(self, doc_id: str, rows: list[tuple[str, int]], n_tokens: int) -> None:
        if rows:
            self._insert_many(_POSTINGS_INSERT, [(doc_id, postings_text(rows))])
        self._insert_many(insert_sql("search_documents"), [(doc_id, n_tokens)])

    def optimize_search_index(self, force: bool = False) -> bool:
        """Rewrite the search index sorted by key when much of it is unsorted, so that a
        search reads only the few row groups holding its keys (DuckDB skips the others by
        their min/max). Rows added since the last sort are searched by a scan of that tail;
        returns whether it sorted."""
        total_row = self.con.execute("SELECT count(*) FROM search_postings").fetchone()
        total = int(total_row[0]) if total_row else 0
        sorted_rows = int(self.meta("search_sorted_rows") or 0)
        if not force and total - sorted_rows < max(_MIN_UNSORTED, _UNSORTED_SHARE * total):
            return False
        with self._transaction():
            self.con.execute(
                "CREATE TABLE search_postings_sorted AS SELECT * FROM search_postings ORDER BY key, doc_id"
            )
            self.con.execute("DROP TABLE search_postings")
            self.con.execute("ALTER TABLE search_postings_sorted RENAME TO search_postings")
            self._set_meta("search_sorted_rows", str(total))
        return True

    def _reindex(self) -> None:
        """Build the search index of every stored document (a store migrated from before it
        had one, or from before it was per document), a write batch at a time."""
        doc_ids = [row[0] for row in self.con.execute("SELECT doc_id FROM documents ORDER BY doc_id").fetchall()]
        for start in range(0, len(doc_ids), _REINDEX_BATCH):
            chunk = doc_ids[start : start + _REINDEX_BATCH]
            with self._transaction():
                texts = self.con.execute(
                    "SELECT doc_id, text FROM documents WHERE doc_id IN (SELECT unnest(?))", [chunk]
                ).fetchall()
                self.con.execute("DELETE FROM search_postings WHERE doc_id IN (SELECT unnest(?))", [chunk])
                self.con.execute("DELETE FROM search_documents WHERE doc_id IN (SELECT unnest(?))", [chunk])
                self._pending = {}
                try:
                    for doc_id, text in texts:
                        self._insert_postings(doc_id, *postings(text))
                    self._flush()
                finally:
                    self._pending = None
        self.optimize_search_index()

    def _cluster(self, doc_id: str, events: list[tuple[Any, ...]]) -> dict[str, str]:
        """Join each event (an events row) to the cluster of a report of the same event in
        another article: same type, mostly the same actors, dates that agree at the coarser
        precision. The candidates come from ``event_keys`` (type|year|actor of the event that
        started each cluster), never from a scan of events."""
        keyed = [(event, keys) for event in events if (keys := _keys(event))]
        wanted = sorted({key for _, keys in keyed for key in keys})
        candidates: dict[str, list[tuple[str, str, str, list[str]]]] = {}
        if wanted:
            stored = self._prefetched if self._prefetched is not None else self._stored_keys_of(wanted)
            for key in wanted:
                candidates[key] = [row[1:] for row in stored.get(key, []) if row[0] != doc_id]
            for key in wanted:  # earlier documents of this batch, not yet in the table
                candidates.setdefault(key, []).extend(self._batch_keys.get(key, []))
        clusters = {event[EVENT_ID]: event[EVENT_ID] for event in events}
        for event, keys in keyed:
            event_id, date, date_source, actors = (
                event[EVENT_ID], event[EVENT_DATE], event[EVENT_DATE_SOURCE], set(event[EVENT_ACTORS])
            )  # fmt: skip
            best, best_score = event_id, 0.0
            for key in keys:
                for cluster_id, other_date, other_source, other_actors in candidates.get(key, []):
                    if not _dates_agree(date, date_source, other_date, other_source):
                        continue
                    overlap = len(set(other_actors) & actors) / len(set(other_actors) | actors)
                    if overlap >= CLUSTER_OVERLAP and (overlap, cluster_id) > (best_score, best):
                        best, best_score = cluster_id, overlap
            clusters[event_id] = best
        # only an event that starts a cluster is looked up by later reports: the candidates of a
        # key are then its distinct events, not every report of them (a much-reported event
        # would otherwise make every new report compare itself with all the others)
        starting = [(event, keys) for event, keys in keyed if clusters[event[EVENT_ID]] == event[EVENT_ID]]
        for event, keys in starting:
            for key in keys:
                self._batch_keys.setdefault(key, []).append(
                    (event[EVENT_ID], event[EVENT_DATE], event[EVENT_DATE_SOURCE], event[EVENT_ACTORS])
                )
        key_rows = [
            (key, event[EVENT_ID], doc_id, event[EVENT_ID], event[EVENT_DATE], event[EVENT_DATE_SOURCE], event[EVENT_ACTORS])
            for event, keys in starting
            for key in sorted(keys)
        ]  # fmt: skip
        self._insert_many("INSERT INTO event_keys VALUES (?, ?, ?, ?, ?, ?, ?)", key_rows)
        return clusters

    def _stored_keys_of(self, keys: list[str]) -> dict[str, list[tuple[str, str, str, str, list[str]]]]:
        """(doc id, cluster, date, date source, actors) of the stored events under each of
        ``keys``: one hash join, not a scan of the table per key."""
        found: dict[str, list[tuple[str, str, str, str, list[str]]]] = {}
        if not keys:
            return found
        rows = self.con.execute(
            "SELECT key, doc_id, cluster_id, date, date_source, actor_ids FROM event_keys "
            "WHERE key IN (SELECT unnest(?))",
            [keys],
        ).fetchall()
        for key, doc_id, cluster_id, date, date_source, actors in rows:
            found.setdefault(key, []).append((doc_id, cluster_id, date, date_source, actors))
        return found

    def event_clusters(self, limit: int = 100) -> list[dict[str, Any]]:
        """Events as clusters of reports, most reported first, each with all its sources."""
        return self._dicts(
            "SELECT e.cluster_id, any_value(e.type) AS type, min(e.date) AS date, "
            "count(DISTINCT e.event_id) AS reports, list(DISTINCT e.doc_id ORDER BY e.doc_id) AS documents, "
            "list(DISTINCT p.entity_id ORDER BY p.entity_id) AS actors, list(e.evidence) AS evidence "
            "FROM events e LEFT JOIN event_participants p ON p.event_id = e.event_id AND p.role = 'actor' "
            "GROUP BY e.cluster_id ORDER BY reports DESC, date LIMIT ?",
            [limit],
        )

    def _delete_rows(self, doc_ids: list[str]) -> list[str]:
        """Every row of these documents, one statement per table for all of them; returns the
        clusters their events were in (whose indicator pairs are then made again)."""
        if not doc_ids:
            return []
        clusters = indicator_pairs.clusters_of_documents(self.con, doc_ids)
        self.con.execute("DELETE FROM documents WHERE doc_id IN (SELECT unnest(?))", [doc_ids])
        for table in PER_DOCUMENT_TABLES:  # table names are constants
            self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [doc_ids])
        self.con.execute("DELETE FROM memberships WHERE origin = 'article' AND doc_id IN (SELECT unnest(?))", [doc_ids])
        return clusters

    def _insert_many(self, sql: str, rows: list[tuple[Any, ...]] | list[list[Any]]) -> None:
        """Run an ``INSERT … VALUES (?, …)`` for many rows at once: the rows go in as one list
        per column and are unnested by DuckDB, tens of times faster than ``executemany``.
        Inside ``write_rows`` the rows wait and go in once for the whole batch."""
        if not rows:
            return
        if self._pending is not None:
            self._pending.setdefault(sql, []).extend(rows)
        elif sql == _POSTINGS_INSERT:
            self._insert_postings_now(rows)
        else:
            self._insert_now(sql, rows)

    def _flush(self) -> None:
        if self._pending is None:
            return
        pending, self._pending = self._pending, {}
        for sql, rows in (pending or {}).items():
            if sql == _POSTINGS_INSERT:
                self._insert_postings_now(rows)
            else:
                self._insert_now(sql, rows)

    def _insert_postings_now(self, rows: list[Any]) -> None:
        """The index's rows, the most numerous by far: one string per document, split by
        DuckDB, a few times faster than lists of values."""
        self.con.execute(
            "INSERT INTO search_postings SELECT p[1], doc_id, CAST(p[2] AS INTEGER) FROM "
            "(SELECT doc_id, string_split(line, chr(31)) AS p FROM "
            "(SELECT doc_id, unnest(string_split(blob, chr(30))) AS line FROM "
            "(SELECT unnest(?) AS doc_id, unnest(?) AS blob)))",
            [[doc_id for doc_id, _ in rows], [blob for _, blob in rows]],
        )

    def _insert_now(self, sql: str, rows: list[tuple[Any, ...]] | list[list[Any]]) -> None:
        head, _, values = sql.partition(" VALUES ")
        width = values.count("?")
        columns = [list(column) for column in zip(*rows, strict=True)]
        if len(columns) != width:
            raise ValueError(f"{len(columns)} values per row for {width} placeholders: {sql}")
        values = values.strip().removeprefix("(").removesuffix(")")
        encoded = column_strings(columns)
        if encoded is not None:  # one string per column (see store/columns.py)
            strings, readers = encoded
            placed = iter(readers)
            selected = re.sub(r"\?", lambda _: next(placed), values)  # constants (e.g. 'article') stay
            split = ", ".join(f"unnest(string_split(?, chr(30))) AS c{i}" for i in range(width))
            self.con.execute(f"{head} SELECT {selected} FROM (SELECT {split})", strings)
            return
        # constants in VALUES (e.g. 'article') stay constants
        selected = re.sub(r"\?", lambda _: "unnest(?)", values)
        self.con.execute(f"{head} SELECT {selected}", columns)

    def _transaction(self) -> _Transaction:
        return _Transaction(self.con, self.path)

    # -- reads -------------------------------------------------------------------------------
    def _dicts(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params or [])
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "sentences", "mentions", "events", "memberships", "figures", "claims"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()  # constant table names
            out[table] = int(row[0]) if row else 0
        row = self.con.execute("SELECT count(DISTINCT entity_id) FROM mentions").fetchone()
        out["entities"] = int(row[0]) if row else 0
        return out

    def documents(self) -> list[dict[str, Any]]:
        return self._dicts(
            "SELECT doc_id, title, source, url, published, language, n_chars, path FROM documents ORDER BY doc_id"
        )

    def document(self, doc_id: str) -> dict[str, Any] | None:
        rows = self._dicts("SELECT * FROM documents WHERE doc_id = ?", [doc_id])
        return rows[0] if rows else None

    def mentions(self, doc_id: str) -> list[dict[str, Any]]:
        return self._dicts(
            "SELECT m.start_char, m.end_char, m.text, m.entity_id, m.entity_type, m.rule_id, "
            "e.name_en, coalesce(e.name_ar, p.name_ar) AS name_ar FROM mentions m "
            "LEFT JOIN entities e USING (entity_id) "
            "LEFT JOIN provisional_entities p ON p.doc_id = m.doc_id AND p.entity_id = m.entity_id "
            "WHERE m.doc_id = ? ORDER BY m.start_char",
            [doc_id],
        )

    def document_entities(self, doc_id: str) -> list[dict[str, Any]]:
        return self._dicts(
            "SELECT m.entity_id, m.entity_type, any_value(e.name_en) AS name_en, "
            "coalesce(any_value(e.name_ar), any_value(p.name_ar)) AS name_ar, count(*) AS n_mentions "
            "FROM mentions m LEFT JOIN entities e USING (entity_id) "
            "LEFT JOIN provisional_entities p ON p.doc_id = m.doc_id AND p.entity_id = m.entity_id "
            "WHERE m.doc_id = ? GROUP BY m.entity_id, m.entity_type ORDER BY n_mentions DESC, m.entity_id",
            [doc_id],
        )

    def candidates(self, limit: int = 100) -> list[dict[str, Any]]:
        """Names found in articles but absent from the knowledge base, most mentioned first."""
        return self._dicts(
            "SELECT p.entity_id, any_value(p.type) AS type, any_value(p.name_ar) AS name_ar, "
            "any_value(p.country) AS country, count(DISTINCT p.doc_id) AS documents, "
            "(SELECT count(*) FROM mentions m WHERE m.entity_id = p.entity_id) AS mentions, "
            "list(DISTINCT p.doc_id ORDER BY p.doc_id) AS doc_ids, any_value(p.evidence) AS evidence "
            "FROM provisional_entities p GROUP BY p.entity_id ORDER BY mentions DESC, p.entity_id LIMIT ?",
            [limit],
        )

    def events(self, doc_id: str) -> list[dict[str, Any]]:
        return self._dicts(
            "SELECT e.event_id, e.type, e.date, e.place, e.modality, e.evidence, e.start_char, e.end_char, "
            "list(p.entity_id ORDER BY p.entity_id) FILTER (WHERE p.role = 'actor') AS actors, "
            "list(p.entity_id ORDER BY p.entity_id) FILTER (WHERE p.role = 'agent') AS agents "
            "FROM events e LEFT JOIN event_participants p USING (event_id) WHERE e.doc_id = ? "
            "GROUP BY ALL ORDER BY e.start_char",
            [doc_id],
        )

    def reader(self) -> Store:
        """A view on its own cursor, for one thread (a web request) to read with."""
        view = object.__new__(Store)
        view.path = self.path
        view.con = self.con.cursor()
        view._pending, view._batch_hashes, view._batch_keys, view._prefetched = None, {}, {}, None
        view.snapshot = None  # the snapshot is the opener's to remove
        return view

    def close(self) -> None:
        self.con.close()
        snapshot = getattr(self, "snapshot", None)
        if snapshot:
            shutil.rmtree(Path(snapshot).parent, ignore_errors=True)
            self.snapshot = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _parts_with_unique_ids(batch: list[DocumentRows]) -> list[list[DocumentRows]]:
    """``batch`` cut before each document whose id is already in the current part (almost
    always one part: the ingest sends each id once)."""
    parts: list[list[DocumentRows]] = [[]]
    ids: set[str] = set()
    for doc in batch:
        if doc.doc_id in ids:
            parts.append([])
            ids = set()
        parts[-1].append(doc)
        ids.add(doc.doc_id)
    return [part for part in parts if part]


def _replaces(status: DocumentStatus) -> bool:
    return status.outcome is WriteOutcome.UPDATED  # a new document has no rows to replace


def _keys(event: tuple[Any, ...]) -> set[str]:
    """The lookup keys of an events row: type|year|actor (none for an undated event)."""
    date = event[EVENT_DATE]
    if not date:
        return set()
    return {f"{event[EVENT_TYPE]}|{date[:4]}|{actor}" for actor in event[EVENT_ACTORS]}


def _dates_agree(a: str, a_source: str, b: str, b_source: str) -> bool:
    """Two reports' dates agree when one is the other at a coarser precision («2022-10» and
    «2022-10-14»); a date known only from the article's time agrees with the same year."""
    if not a or not b:
        return True
    if not (is_stated(a_source) and is_stated(b_source)):
        return a[:4] == b[:4]
    return agree(a, b)


class _Transaction:
    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con = con
        self.path = path

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if exc_type is None:
            try:
                self.con.execute("COMMIT")
            except duckdb.Error as commit_error:
                raise StoreError(f"{self.path}: could not commit: {commit_error}") from commit_error
        else:
            self.con.execute("ROLLBACK")
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"{self.path}: write failed and was rolled back: {exc}") from exc
