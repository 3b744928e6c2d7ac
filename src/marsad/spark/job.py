"""Extraction on an Apache Spark cluster: the same pipeline, run on each partition, writing
Parquet tables in the store's schema (one folder per table) that ``marsad load-parquet``
brings into a DuckDB store and that DuckDB can also query directly.

Run it with ``marsad spark-extract INPUT OUTPUT`` (a local Spark, ``--master``), or submit
this module to a cluster::

    spark-submit --py-files marsad.zip -m marsad.spark.job INPUT OUTPUT

INPUT is a folder or glob of text files (one article each; the file name is its id), JSON
Lines files (``id``, ``text``, optional ``title``, ``published``, ``url``, ``source``,
``language``), or Parquet files with those columns; local paths, ``hdfs://`` or ``s3a://``
URIs as the Spark installation supports them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from marsad.store.rows import TABLE_COLUMNS

# Spark types of the store's columns (DuckDB's types in migrations/*.sql).
_INTEGER_COLUMNS = {
    "n_chars", "idx", "start_char", "end_char", "trigger_start", "trigger_end", "sentence_start", "sentence_end",
    "tf", "n_tokens",
}  # fmt: skip
_DOUBLE_COLUMNS = {"confidence", "value"}
_BOOLEAN_COLUMNS = {"contradicts_reference"}
_LIST_COLUMNS = {"actor_ids", "agent_ids"}
_TIMESTAMP_COLUMNS = {"ingested_at"}
PROBLEMS = "_problems"  # a table of the documents that could not be read or extracted
# a table of what was dropped from documents that were kept (a `published` that is not a
# date, a title that is not a string): the ingest reports these as "read in part"
WARNINGS = "_warnings"


def table_schema(table: str) -> Any:
    from pyspark.sql import types as T

    def spark_type(column: str) -> Any:
        if column in _INTEGER_COLUMNS:
            return T.IntegerType()
        if column in _DOUBLE_COLUMNS:
            return T.DoubleType()
        if column in _BOOLEAN_COLUMNS:
            return T.BooleanType()
        if column in _LIST_COLUMNS:
            return T.ArrayType(T.StringType())
        if column in _TIMESTAMP_COLUMNS:
            return T.TimestampType()
        return T.StringType()

    return T.StructType([T.StructField(c, spark_type(c), True) for c in TABLE_COLUMNS[table]])


def _records(kind: str, items: Iterable[Any]) -> Iterator[dict[str, Any] | tuple[str, str]]:
    """Input rows as JSON-like records, or (where, reason) for a row that cannot be one."""
    for item in items:
        if kind == "text":
            path, text = item
            yield {"id": PurePosixPath(path).stem, "text": text, "path": path}
        elif kind == "jsonl":
            path, line = item
            if not line.strip():
                continue
            try:
                yield json.loads(line) | {"path": path}
            except (json.JSONDecodeError, RecursionError) as exc:
                yield (path, f"invalid JSON: {exc}")
        else:
            yield {k: v for k, v in item.asDict().items() if v is not None}


_PIPELINE: Any = None  # built once per Python worker, reused by every partition it runs


def extract_partition(kind: str, items: Iterable[Any]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """(table, row) for every row of every document of a partition, and problems."""
    global _PIPELINE
    from marsad.extract.pipeline import build_pipeline
    from marsad.heap import settle_after_loading
    from marsad.ingest.readers import ReadProblem, document_from_record
    from marsad.ingest.service import pipeline_version
    from marsad.store.rows import document_rows

    if _PIPELINE is None:
        _PIPELINE = build_pipeline()
        settle_after_loading()
    version = pipeline_version(_PIPELINE)
    stamp = datetime(2000, 1, 1, tzinfo=UTC).replace(tzinfo=None)  # set to the load time by load-parquet
    for record in _records(kind, items):
        if isinstance(record, tuple):
            yield PROBLEMS, record
            continue
        where = str(record.pop("path", record.get("id", "?")))
        warnings: list[ReadProblem] = []
        doc = document_from_record(record, where, warnings)
        for warning in warnings:
            yield WARNINGS, (warning.where, warning.reason)
        if isinstance(doc, ReadProblem):
            yield PROBLEMS, (doc.where, doc.reason)
            continue
        try:
            doc = _PIPELINE(doc)
        except Exception as exc:  # one bad document must not fail the job
            yield PROBLEMS, (where, f"extraction failed: {type(exc).__name__}: {exc}")
            continue
        for table, rows in document_rows(doc, version, _PIPELINE.kb_version, stamp).items():
            for row in rows:
                yield table, row


def session(master: str, app: str = "marsad-extract") -> Any:
    """A Spark session whose Python workers run this interpreter (so they import marsad)."""
    import os

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    return (
        SparkSession.builder.master(master)
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate()
    )


def run(spark: Any, source: str, output: str, kind: str | None = None, partitions: int | None = None) -> dict[str, int]:
    """Extract every document of ``source`` into Parquet tables under ``output``; returns the
    row count of each table (and of ``_problems`` and ``_warnings``)."""
    from pyspark import StorageLevel
    from pyspark.sql import types as T

    kind = kind or _kind_of(source)
    context = spark.sparkContext
    if kind == "text":
        items = context.wholeTextFiles(source, minPartitions=partitions or context.defaultParallelism)
    elif kind == "jsonl":
        frame = spark.read.text(source).selectExpr("input_file_name() AS path", "value")
        items = frame.rdd.map(lambda row: (row.path, row.value))
    else:
        items = spark.read.parquet(source).rdd
    if partitions:
        items = items.repartition(partitions)
    rows = items.mapPartitions(lambda part: extract_partition(kind, part)).persist(StorageLevel.MEMORY_AND_DISK)
    counts = {}
    for table in TABLE_COLUMNS:
        table_rows = rows.filter(lambda pair, t=table: pair[0] == t).map(lambda pair: pair[1])
        frame = spark.createDataFrame(table_rows, table_schema(table))
        frame.write.mode("overwrite").parquet(f"{output.rstrip('/')}/{table}")
        counts[table] = frame.count()
    schema = T.StructType([T.StructField("where", T.StringType()), T.StructField("reason", T.StringType())])
    for name in (PROBLEMS, WARNINGS):
        reported = rows.filter(lambda pair, n=name: pair[0] == n).map(lambda pair: pair[1])
        reported_frame = spark.createDataFrame(reported, schema)
        reported_frame.write.mode("overwrite").parquet(f"{output.rstrip('/')}/{name}")
        counts[name] = reported_frame.count()
    rows.unpersist()
    return counts


def _kind_of(source: str) -> str:
    lowered = source.lower().rstrip("/")
    if lowered.endswith((".jsonl", ".ndjson", ".jsonl*", "*.jsonl")):
        return "jsonl"
    if lowered.endswith((".parquet", "*.parquet")):
        return "parquet"
    return "text"


def main(argv: list[str]) -> int:
    """``spark-submit -m marsad.spark.job INPUT OUTPUT [text|jsonl|parquet]``"""
    from pyspark.sql import SparkSession

    if len(argv) not in (2, 3):
        print(main.__doc__, file=sys.stderr)
        return 2
    spark = SparkSession.builder.appName("marsad-extract").getOrCreate()
    counts = run(spark, argv[0], argv[1], argv[2] if len(argv) == 3 else None)
    print(json.dumps(counts))
    spark.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
