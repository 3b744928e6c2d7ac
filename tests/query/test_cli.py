"""``marsad query …`` on the demo store: tables, JSON, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app

runner = CliRunner()


def _json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_members_at_a_date_as_json(demo_db: Path) -> None:
    result = runner.invoke(app, ["query", "members", "CSTO", "--at", "2000", "--db", str(demo_db), "--json"])
    assert result.exit_code == 0, result.output
    members = {row["member"] for row in _json_lines(result.output)}
    assert {"KAZ", "RUS"} <= members and "UZB" not in members


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["query", "events", "--type", "EXERCISE", "--place", "TJK", "--since", "2021"], "EXERCISE"),
        (["query", "search", "منظمة شنغهاي"], "001_c6f2d8ba9e7b2ca0"),
        (["query", "entity", "KAZ"], "Казахстан"),
        (["query", "timeline", "KAZ", "--with", "RUS"], "RETREAT"),
        (["query", "network", "--at", "1995"], "UZB"),
        (["query", "claims", "--speaker", "kassym-jomart-tokayev"], "002_381fc2a0ed7cd032"),
        (["query", "figures", "--actor", "KGZ"], "military_spending"),
    ],
)
def test_each_question_answers(demo_db: Path, args: list[str], expected: str) -> None:
    result = runner.invoke(app, [*args, "--db", str(demo_db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert expected in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["query", "members", "NOWHERE", "--at", "2000"],
        ["query", "members", "CSTO", "--at", "two thousand"],
        ["query", "search", "   "],
    ],
)
def test_bad_questions_exit_2_with_a_reason(demo_db: Path, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--db", str(demo_db)])
    assert result.exit_code == 2
    assert "error:" in result.output


def test_a_missing_store_is_named(tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "members", "CSTO", "--at", "2000", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "none.duckdb" in result.output


@pytest.mark.parametrize(
    ("args", "key", "expected"),
    [
        (["--format", "C5"], "partner", "C5"),
        (["--view", "formats", "--format", "C5"], "format", "C5"),
        (["--view", "figures", "--state", "KGZ", "--measure", "military_spending"], "state", "KGZ"),
    ],
)
def test_indicators_each_view_as_json(demo_db: Path, args: list[str], key: str, expected: str) -> None:
    result = runner.invoke(app, ["query", "indicators", *args, "--db", str(demo_db), "--json"])
    assert result.exit_code == 0, result.output
    rows = _json_lines(result.output)
    assert rows and {row[key] for row in rows} == {expected}


def test_indicators_to_csv_and_a_bad_view(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "ties.csv"
    result = runner.invoke(app, ["query", "indicators", "--db", str(demo_db), "--csv", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("state,partner,kind,year,cooperation,friction")
    bad = runner.invoke(app, ["query", "indicators", "--db", str(demo_db), "--view", "trends"])
    assert bad.exit_code == 2 and "--view" in bad.output
