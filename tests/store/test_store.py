from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from marsad.document import Document, DocumentMeta
from marsad.extract.pipeline import build_pipeline
from marsad.ingest.service import ingest, pipeline_version
from marsad.store.duck import SCHEMA_VERSION, DocumentStatus, Store, StoreError, StoreInUseError, WriteOutcome
from marsad.store.rows import store_rows

TEXT = "اجتمع وزراء دفاع كازاخستان وقيرغيزستان وطاجيكستان في سمرقند. وشاركت روسيا في المناورات."


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


def _doc(pipeline, doc_id: str = "d1", text: str = TEXT) -> Document:
    return pipeline(Document(doc_id, text, DocumentMeta(published="2025-10", source="مصدر", path="x.txt")))


def _write(store: Store, docs: list[Document], version: str, kb_version: str) -> list[DocumentStatus]:
    """Extracted documents stored through the ingest's write path: their rows, one write batch."""
    return store.write_rows([store_rows(doc, version, kb_version) for doc in docs], version)


def test_round_trip_after_reopening(tmp_path: Path, pipeline) -> None:
    db = tmp_path / "s.duckdb"
    doc = _doc(pipeline)
    version = pipeline_version(pipeline)
    with Store(db) as store:
        assert _write(store, [doc], version, pipeline.kb_version)[0].outcome is WriteOutcome.ADDED
    with Store(db, read_only=True) as store:
        stored = store.document("d1")
        assert stored is not None
        assert stored["text"] == TEXT and stored["published"] == "2025-10" and stored["source"] == "مصدر"
        mentions = store.mentions("d1")
        assert [(m["start_char"], m["end_char"], m["entity_id"]) for m in mentions] == [
            (m.start, m.end, m.entity_id) for m in doc.mentions
        ]
        assert all(TEXT[m["start_char"] : m["end_char"]] == m["text"] for m in mentions)
        assert {"KAZ", "KGZ", "TJK", "RUS"} <= {m["entity_id"] for m in mentions}
        assert store.counts()["sentences"] == len(doc.sentences) == 2


def test_same_document_twice_is_stored_once(tmp_path: Path, pipeline, corpus_dir: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        first = ingest([corpus_dir], store, pipeline)
        second = ingest([corpus_dir], store, pipeline)
        assert first.outcomes["added"] == 5
        assert second.outcomes["unchanged"] == 5 and second.outcomes["added"] == 0
        assert store.counts()["documents"] == 5


def test_changed_document_replaces_its_rows(tmp_path: Path, pipeline) -> None:
    version = pipeline_version(pipeline)
    with Store(tmp_path / "s.duckdb") as store:
        _write(store, [_doc(pipeline)], version, pipeline.kb_version)
        changed = _doc(pipeline, text="زار الرئيس الصيني أوزبكستان.")
        assert _write(store, [changed], version, pipeline.kb_version)[0].outcome is WriteOutcome.UPDATED
        assert store.counts()["documents"] == 1
        # «الرئيس الصيني» in an article of 2025-10 is Xi Jinping, through his dated role
        assert {m["entity_id"] for m in store.mentions("d1")} == {"CHN", "UZB", "xi-jinping"}


def test_same_text_under_another_id_is_a_duplicate(tmp_path: Path, pipeline) -> None:
    version = pipeline_version(pipeline)
    with Store(tmp_path / "s.duckdb") as store:
        _write(store, [_doc(pipeline, "a")], version, pipeline.kb_version)
        status = _write(store, [_doc(pipeline, "b")], version, pipeline.kb_version)[0]
        assert status.outcome is WriteOutcome.DUPLICATE and status.duplicate_of == "a"
        assert store.counts()["documents"] == 1


def test_reference_knowledge_is_loaded_once_per_version(tmp_path: Path, pipeline) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        assert store.sync_reference(pipeline.kb) is True
        assert store.sync_reference(pipeline.kb) is False
        row = store.con.execute("SELECT name_en FROM entities WHERE entity_id = 'KAZ'").fetchone()
        assert row == ("Kazakhstan",)


def test_new_store_records_schema_version(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        assert store.schema_version() == SCHEMA_VERSION


def test_store_from_a_newer_marsad_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(StoreError, match="newer Marsad"):
        Store(db)


def test_empty_duckdb_file_is_migrated(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    duckdb.connect(str(db)).close()
    with Store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.counts()["documents"] == 0


def test_read_only_open_of_missing_store_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="marsad ingest"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_second_writer_process_gets_store_in_use(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('ready', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreInUseError, match="in use"):
            Store(db)
    finally:
        holder.kill()
        holder.wait()


def test_one_event_reported_by_two_articles_is_one_cluster(tmp_path: Path, pipeline) -> None:
    version = pipeline_version(pipeline)
    first = "اختتمت، يوم 14 أكتوبر 2022، بالعاصمة الكازاخية أستانة قمة “روسيا – آسيا الوسطى” التي جمعت بين الرئيس الروسي فلاديمير بوتين ونظرائه الخمس."
    second = "عقدت في أستانة يوم 14 أكتوبر 2022 قمة روسيا وآسيا الوسطى بمشاركة روسيا وكازاخستان وأوزبكستان وطاجيكستان وقيرغيزستان وتركمانستان."
    other = "عقدت منظمة شنغهاي للتعاون قمتها في سمرقند يوم 15 سبتمبر 2022 بحضور الصين وروسيا."
    with Store(tmp_path / "s.duckdb") as store:
        for doc_id, text in (("a", first), ("b", second), ("c", other)):
            _write(store, [_doc(pipeline, doc_id, text)], version, pipeline.kb_version)
        clusters = {tuple(c["documents"]): c for c in store.event_clusters() if c["type"] == "MEETING"}
        assert ("a", "b") in clusters, clusters
        assert clusters[("a", "b")]["reports"] == 2 and clusters[("a", "b")]["date"] == "2022-10-14"
        assert ("c",) in clusters


def test_one_event_reported_in_arabic_russian_and_english_is_one_cluster(tmp_path: Path, pipeline) -> None:
    """The same exercise told in three languages: one cluster with the three articles as its
    sources; a different exercise stays apart."""
    version = pipeline_version(pipeline)
    reports = [
        ("ar", "ar", "أجرت القوات الروسية والطاجيكية مناورات عسكرية مشتركة في دوشنبه في 5 مايو 2024."),
        ("ru", "ru", "5 мая 2024 года российские и таджикские военные провели совместные учения в Душанбе."),
        ("en", "en", "Russian and Tajik troops held joint military exercises in Dushanbe on 5 May 2024."),
        ("other", "en", "Kazakh and Kyrgyz troops held joint exercises near Bishkek on 20 June 2023."),
    ]
    with Store(tmp_path / "s.duckdb") as store:
        for doc_id, language, text in reports:
            doc = pipeline(Document(doc_id, text, DocumentMeta(language=language)))
            _write(store, [doc], version, pipeline.kb_version)
        clusters = {tuple(sorted(c["documents"])): c for c in store.event_clusters() if c["type"] == "EXERCISE"}
    assert set(clusters) == {("ar", "en", "ru"), ("other",)}, clusters
    assert clusters[("ar", "en", "ru")]["reports"] == 3 and clusters[("ar", "en", "ru")]["date"] == "2024-05-05"


def test_a_store_from_before_the_search_index_is_indexed_when_migrated(tmp_path: Path, pipeline) -> None:
    """A v4 store (written before search existed) gains its index and reference notes."""
    from marsad.document import Document, DocumentMeta
    from marsad.search.index import parse_query
    from marsad.store.duck import _migrations

    db = tmp_path / "v4.duckdb"
    con = duckdb.connect(str(db))
    for number, _, sql in _migrations():
        if number <= 4:
            con.execute(sql)
    con.execute("INSERT INTO meta VALUES ('schema_version', '4')")
    con.close()
    doc = pipeline(Document("old", "عقدت منظمة شنغهاي للتعاون قمتها في سمرقند.", DocumentMeta(published="2022-09-16")))
    with Store(db) as store:  # migrates to the current schema
        store.con.execute("DELETE FROM search_postings")  # as a v4 store had no index
        store.con.execute("DELETE FROM search_documents")
        store.con.execute("DELETE FROM meta WHERE key = 'schema_version'")
        store.con.execute("INSERT INTO meta VALUES ('schema_version', '4')")
        _write(store, [doc], "v", pipeline.kb_version)
        store.con.execute("DELETE FROM search_postings")
        store.con.execute("DELETE FROM search_documents")
    con = duckdb.connect(str(db))  # back to v4: drop what later migrations added
    con.execute("ALTER TABLE memberships DROP COLUMN note")
    con.execute("ALTER TABLE documents DROP COLUMN notes")
    con.execute("ALTER TABLE events DROP COLUMN content_type")
    con.execute("ALTER TABLE events DROP COLUMN content_modality")
    con.execute("ALTER TABLE events DROP COLUMN actor_ids")
    con.execute("ALTER TABLE events DROP COLUMN agent_ids")
    con.execute("DELETE FROM meta WHERE key = 'search_sorted_rows'")
    con.execute("DROP TABLE search_postings")
    con.execute("DROP TABLE search_documents")
    con.execute("DROP TABLE event_keys")
    con.close()
    with Store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
        keys = {key for term in parse_query("شنجهاي") for key in term}
        found = store.con.execute(
            f"SELECT DISTINCT doc_id FROM search_postings WHERE key IN ({', '.join('?' for _ in keys)})", list(keys)
        ).fetchall()
        assert found == [("old",)]
        assert store.meta("kb_version") == ""  # the reference is reloaded, with its notes, on the next sync
        actors = store.con.execute("SELECT actor_ids FROM events WHERE doc_id = 'old'").fetchall()
        assert actors and all("SCO" in row[0] for row in actors)  # backfilled from the participants


def test_a_store_with_the_index_per_sentence_is_indexed_per_document_when_migrated(tmp_path: Path, pipeline) -> None:
    db = tmp_path / "v8.duckdb"
    doc = pipeline(Document("old", "عقدت منظمة شنغهاي للتعاون قمتها في سمرقند. ثم زار الرئيس موسكو.", DocumentMeta()))
    with Store(db) as store:
        _write(store, [doc], "v", pipeline.kb_version)
        store.con.execute("DROP TABLE search_postings")  # back to v8: a row per key and sentence
        store.con.execute(
            "CREATE TABLE search_postings (key VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, "
            "sentence_idx INTEGER NOT NULL, tf INTEGER NOT NULL)"
        )
        store.con.execute("INSERT INTO search_postings VALUES ('سمرقند', 'old', 0, 1)")
        store.con.execute("DELETE FROM meta WHERE key = 'schema_version'")
        store.con.execute("INSERT INTO meta VALUES ('schema_version', '8')")
    with Store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION
        columns = [c[0] for c in store.con.execute("DESCRIBE search_postings").fetchall()]
        assert columns == ["key", "doc_id", "tf"]
        rows = dict(store.con.execute("SELECT key, tf FROM search_postings WHERE doc_id = 'old'").fetchall())
        assert rows["~سمرجند"] == 1 and rows["~موسجو"] == 1  # rebuilt from the text, both sentences
        assert "سمرقند" not in rows  # the old row is gone: a name's word is under its name key only


def test_sorting_the_search_index_keeps_every_row(tmp_path: Path, pipeline, corpus_dir: Path) -> None:
    from marsad.ingest.service import ingest

    with Store(tmp_path / "s.duckdb") as store:
        ingest([corpus_dir], store, pipeline)
        before = store.con.execute("SELECT key, doc_id, tf FROM search_postings ORDER BY ALL").fetchall()
        assert store.optimize_search_index() is False  # a small unsorted tail is searched as it is
        assert store.optimize_search_index(force=True) is True
        after = store.con.execute("SELECT key, doc_id, tf FROM search_postings ORDER BY ALL").fetchall()
        assert after == before
        assert store.meta("search_sorted_rows") == str(len(before))


def test_a_batch_is_written_whole_and_sees_itself(tmp_path: Path, pipeline) -> None:
    """Within one batch: the same text under another id is a duplicate, a second version of
    a document replaces the first, and events cluster with reports written just before."""
    from marsad.document import Document, DocumentMeta
    from marsad.store.duck import WriteOutcome

    text = "أجرت روسيا وطاجيكستان مناورات عسكرية مشتركة في طاجيكستان يوم 3 مارس 2024."
    docs = [
        pipeline(Document("a", text, DocumentMeta(published="2024-03-04"))),
        pipeline(Document("b", text, DocumentMeta(published="2024-03-04"))),
        pipeline(
            Document(
                "c", "وأفادت وكالة أنباء بأن روسيا وطاجيكستان أجرتا مناورات عسكرية يوم 3 مارس 2024.", DocumentMeta()
            )
        ),
        pipeline(Document("a", text + " وانتهت بنجاح.", DocumentMeta(published="2024-03-04"))),
    ]
    with Store(tmp_path / "batch.duckdb") as store:
        outcomes = [s.outcome for s in _write(store, docs, "v", "k")]
        assert outcomes == [WriteOutcome.ADDED, WriteOutcome.DUPLICATE, WriteOutcome.ADDED, WriteOutcome.UPDATED]
        assert store.counts()["documents"] == 2
        texts = dict(store.con.execute("SELECT doc_id, text FROM documents").fetchall())
        assert texts["a"].endswith("وانتهت بنجاح.")
        clusters = store.con.execute(
            "SELECT count(DISTINCT cluster_id), count(*) FROM events WHERE type = 'EXERCISE'"
        ).fetchone()
        assert clusters == (1, 2)  # one exercise, reported by a and c


class _CountingConnection:
    """The store's connection, counting the statements it is given by their first words."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.deletes = 0

    def execute(self, sql: str, *args: object) -> duckdb.DuckDBPyConnection:
        self.deletes += sql.lstrip().upper().startswith("DELETE")
        return self.con.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self.con, name)


def test_re_ingesting_changed_articles_costs_a_delete_per_batch_not_per_document(tmp_path: Path, pipeline) -> None:
    """Issue 15, item 13: re-ingesting 3,000 changed articles took 110 s against 24 s fresh,
    a flush and a delete per document. The changed documents' rows are now deleted once per
    batch, and the store ends as a fresh ingest of the new versions leaves it."""
    from marsad.store.duck import PER_DOCUMENT_TABLES

    def versions(mark: str) -> list[Document]:
        return [_doc(pipeline, f"d{n}", f"{TEXT} التقرير رقم {n} {mark}.") for n in range(30)]

    def tables(store: Store) -> dict[str, list[tuple]]:
        return {
            table: store.con.execute(f"SELECT * EXCLUDE (ingested_at) FROM {table} ORDER BY ALL").fetchall()
            if table == "documents"
            else store.con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            for table in ("documents", *PER_DOCUMENT_TABLES)  # constant names
        }

    with Store(tmp_path / "fresh.duckdb") as fresh:
        _write(fresh, versions("ب"), "v", "k")
        expected = tables(fresh)
    with Store(tmp_path / "again.duckdb") as store:
        _write(store, versions("أ"), "v", "k")
        counting = _CountingConnection(store.con)
        store.con = counting  # type: ignore[assignment]
        outcomes = {s.outcome for s in _write(store, versions("ب"), "v", "k")}
        store.con = counting.con
        assert outcomes == {WriteOutcome.UPDATED}
        # one per table for the batch (and one of the indicator pairs of its clusters), not 30 times that
        assert counting.deletes <= len(PER_DOCUMENT_TABLES) + 3
        assert tables(store) == expected
