"""The Spark job with a local[2] Spark: its Parquet tables equal, row for row, what one
process writes for the same documents, and load-parquet builds the same store."""

from __future__ import annotations

import csv
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from marsad.store.rows import TABLE_COLUMNS

REQUIRED = os.environ.get("MARSAD_REQUIRE_SPARK") == "1"
if shutil.which("java") is None:
    if REQUIRED:
        raise RuntimeError("Spark needs a Java runtime: apt-get install default-jre-headless")
    pytest.skip("no Java runtime for Spark", allow_module_level=True)
if not REQUIRED:
    pytest.importorskip("pyspark")

# columns that legitimately differ between the two runs: when and from which file path
VOLATILE = {"documents": {"ingested_at", "path"}}


# kept without its date, which is reported (issue 15): the ingest's "read in part"
BAD_DATE = {"id": "bad-date", "text": "أجرت روسيا وطاجيكستان مناورات عسكرية.", "published": "not a date"}


@pytest.fixture(scope="module")
def corpus_jsonl(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """The demo corpus with its metadata as JSON Lines, plus one broken line and an article
    whose `published` is not a date."""
    metadata = {row["id"]: row for row in csv.DictReader((corpus_dir / "metadata.csv").open(encoding="utf-8"))}
    out = tmp_path_factory.mktemp("spark-in") / "corpus.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for path in sorted(corpus_dir.glob("*.txt")):
            meta = metadata.get(path.stem, {})
            record = {"id": path.stem, "text": path.read_text(encoding="utf-8")}
            record |= {k: meta[k] for k in ("title", "published", "url", "source") if meta.get(k)}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        handle.write("{not json\n")
        handle.write(json.dumps(BAD_DATE, ensure_ascii=False) + "\n")
    return out


@pytest.fixture(scope="module")
def spark_output(corpus_jsonl: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    from marsad.spark.job import run, session

    out = tmp_path_factory.mktemp("spark-out")
    spark = session("local[2]", "marsad-test")
    try:
        counts = run(spark, str(corpus_jsonl), str(out), partitions=2)
    finally:
        spark.stop()
    return out, counts


def _single_process_rows(corpus_jsonl: Path) -> dict[str, list[tuple]]:
    from marsad.extract.pipeline import build_pipeline
    from marsad.ingest.readers import ReadProblem, read_documents
    from marsad.ingest.service import pipeline_version
    from marsad.store.rows import document_rows

    pipeline = build_pipeline()
    rows: dict[str, list[tuple]] = {table: [] for table in TABLE_COLUMNS}
    for doc in read_documents([corpus_jsonl]):
        if isinstance(doc, ReadProblem):
            continue
        for table, table_rows in document_rows(
            pipeline(doc), pipeline_version(pipeline), pipeline.kb_version, datetime.now(UTC)
        ).items():
            rows[table].extend(table_rows)
    return rows


def _comparable(table: str, rows: list[tuple]) -> list[tuple]:
    keep = [i for i, c in enumerate(TABLE_COLUMNS[table]) if c not in VOLATILE.get(table, set())]
    return sorted(
        (tuple(tuple(v) if isinstance(v, list) else v for v in (row[i] for i in keep)) for row in rows), key=repr
    )


def test_spark_tables_equal_the_single_process_rows(spark_output, corpus_jsonl: Path) -> None:
    out, counts = spark_output
    expected = _single_process_rows(corpus_jsonl)
    assert counts["documents"] == 6 and counts["_problems"] == 1
    for table in TABLE_COLUMNS:
        got = duckdb.sql(f"SELECT * FROM read_parquet('{out / table}/*.parquet')").fetchall() if counts[table] else []
        assert _comparable(table, got) == _comparable(table, expected[table]), table


def test_load_parquet_builds_the_store_ingest_builds(spark_output, corpus_jsonl: Path, tmp_path: Path) -> None:
    from marsad.extract.pipeline import build_pipeline
    from marsad.ingest.service import ingest
    from marsad.spark.load import load_parquet
    from marsad.store.duck import Store

    out, _ = spark_output
    pipeline = build_pipeline()
    with Store(tmp_path / "loaded.duckdb") as loaded, Store(tmp_path / "ingested.duckdb") as ingested:
        loaded.sync_reference(pipeline.kb)
        ingested.sync_reference(pipeline.kb)
        counts = load_parquet(out, loaded)
        assert counts["events"] > 50
        ingest([corpus_jsonl], ingested, pipeline)
        for table, columns in TABLE_COLUMNS.items():
            kept = ", ".join(c for c in columns if c not in VOLATILE.get(table, set()))
            query = f"SELECT {kept} FROM {table} ORDER BY ALL"
            assert loaded.con.execute(query).fetchall() == ingested.con.execute(query).fetchall(), table
        clusters = "SELECT event_id, cluster_id FROM events ORDER BY ALL"
        assert loaded.con.execute(clusters).fetchall() == ingested.con.execute(clusters).fetchall()
        for kept in ("indicator_pairs", "indicator_cells"):  # what the ties read, kept by the load too
            query = f"SELECT * FROM {kept} ORDER BY ALL"
            found = loaded.con.execute(query).fetchall()
            assert found and found == ingested.con.execute(query).fetchall(), kept


def test_a_published_value_that_is_not_a_date_is_reported_by_the_spark_job(spark_output) -> None:
    """The job used to drop it silently: the document is kept without the date, and the
    value is in ``_warnings`` with where it was, as the ingest reports it."""
    out, counts = spark_output
    assert counts["_warnings"] == 1
    [(where, reason)] = duckdb.sql(f"SELECT * FROM read_parquet('{out / '_warnings'}/*.parquet')").fetchall()
    assert where.endswith("corpus.jsonl") and "'not a date' is not a date" in reason
    published = duckdb.sql(
        f"SELECT published FROM read_parquet('{out / 'documents'}/*.parquet') WHERE doc_id = 'bad-date'"
    ).fetchall()
    assert published == [(None,)] or published == [("",)]


def test_extract_partition_yields_the_warnings_of_a_record() -> None:
    """The same, without Spark: the partition function itself reports what it drops."""
    from marsad.spark.job import PROBLEMS, WARNINGS, extract_partition

    line = json.dumps(BAD_DATE | {"title": ["not", "a", "string"]}, ensure_ascii=False)
    rows = list(extract_partition("jsonl", [("in.jsonl", line), ("in.jsonl", "{broken")]))
    warnings = [row for table, row in rows if table == WARNINGS]
    assert sorted(reason.split(" ")[0] for _, reason in warnings) == ["published", "title"]
    assert all(where == "in.jsonl" for where, _ in warnings)
    [(_, problem)] = [row for table, row in rows if table == PROBLEMS]
    assert problem.startswith("invalid JSON")
    assert [row[0] for table, row in rows if table == "documents"] == ["bad-date"]
