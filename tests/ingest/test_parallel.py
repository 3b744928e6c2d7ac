"""Extraction on several processes writes exactly what one process writes."""

from __future__ import annotations

from pathlib import Path

from marsad.extract.pipeline import build_pipeline
from marsad.ingest.service import ingest
from marsad.store.duck import Store

TABLES = (
    "sentences",
    "mentions",
    "events",
    "event_participants",
    "memberships",
    "figures",
    "claims",
    "search_postings",
)


def _rows(db: Path) -> dict[str, list[tuple]]:
    with Store(db, read_only=True) as store:
        out = {t: store.con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}  # constant names
        out["documents"] = store.con.execute("SELECT doc_id, content_hash, text FROM documents ORDER BY ALL").fetchall()
        return out


def test_two_workers_write_what_one_writes_and_report_the_bad_file(tmp_path: Path, corpus_dir: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in corpus_dir.glob("*.txt"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02\xff\xfe binary")
    pipeline = build_pipeline()
    reports = {}
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            store.sync_reference(pipeline.kb)
            reports[workers] = ingest([folder], store, pipeline, workers=workers)
    assert _rows(tmp_path / "w1.duckdb") == _rows(tmp_path / "w2.duckdb")
    for report in reports.values():
        assert report.outcomes["added"] == 5
        assert [p.where.endswith("broken.txt") for p in report.problems] == [True]
