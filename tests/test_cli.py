from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import EXIT_SKIPPED, app

runner = CliRunner()


@pytest.mark.parametrize(
    "command",
    [
        "ingest",
        "extract",
        "serve",
        "demo",
        "eval",
        "kb check",
        "kb candidates",
        "export",
        "spark-extract",
        "load-parquet",
        *(f"query {q}" for q in ("members", "events", "entity", "timeline", "network", "claims", "figures", "search")),
        *(f"review {r}" for r in ("confirm", "correct", "reject", "list", "export", "import")),
    ],
)
def test_every_command_help_has_an_example(command: str) -> None:
    result = runner.invoke(app, [*command.split(), "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert re.search(rf"Example: marsad {command}\b", result.output), result.output


def test_ingest_reports_the_bad_file_and_stores_the_rest(tmp_path: Path, corpus_dir: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for src in sorted(corpus_dir.glob("*.txt"))[:2]:
        (batch / src.name).write_bytes(src.read_bytes())
    (batch / "broken.txt").write_bytes(bytes(range(256)) * 8)
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["ingest", str(batch), "--db", str(db), "--quiet"])
    assert result.exit_code == EXIT_SKIPPED
    assert "broken.txt" in result.output and "binary" in result.output
    again = runner.invoke(app, ["ingest", str(batch / "000_f44bbeda982aca56.txt"), "--db", str(db)])
    assert again.exit_code == 0
    assert "unchanged" in again.output


def test_extract_writes_document_format_v1(tmp_path: Path, corpus_dir: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(corpus_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc"] for r in records] == sorted(p.stem for p in corpus_dir.glob("*.txt"))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in corpus_dir.glob("*.txt")}
    for record in records:
        assert set(record) >= {"doc", "language", "published", "entities", "events", "memberships", "figures"}
        for entity in record["entities"]:
            assert entity["name_en"]
            for m in entity["mentions"]:
                assert texts[record["doc"]][m["start"] : m["end"]] == m["text"]


def test_eval_prints_scores(corpus_dir: Path, gold_dir: Path) -> None:
    result = runner.invoke(app, ["eval", "--gold", str(gold_dir), str(corpus_dir)])
    assert result.exit_code == 0, result.output
    entities = re.search(r"^entities\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", result.output, re.M)
    assert entities and float(entities.group(3)) > 0.3


def test_eval_scores_per_type_and_at_confidence_thresholds(corpus_dir: Path, gold_dir: Path) -> None:
    result = runner.invoke(
        app, ["eval", "--gold", str(gold_dir), "--language", "ar", "--by-type", "--thresholds", str(corpus_dir)]
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"^MEETING\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+\d+\s+\d+$", result.output, re.M)
    assert re.search(r"^0\.80\s+[\d.]+\s+[\d.]+\s+\d+", result.output, re.M)
    other = runner.invoke(app, ["eval", "--gold", str(gold_dir), "--language", "ru", str(corpus_dir)])
    assert re.search(r"^entities\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+0\s+", other.output, re.M)  # no Russian gold


def test_news_agencies_cited_as_sources_are_media_in_the_record(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "ونقلت وكالة فرانس برس عن وزارة الدفاع الروسية أن روسيا أرسلت سفنا إلى بحر قزوين قرب أكتاو.",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    types = {e["id"]: e["type"] for e in json.loads(out.read_text(encoding="utf-8"))["entities"]}
    assert types["AFP"] == "media" and types["RUS"] == "country"  # the rulebook: kept, not scored
    assert types["Caspian Sea"] == "area" and types["Aktau"] == "place"  # no sea is a place
