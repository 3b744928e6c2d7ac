"""``marsad review …`` end to end on a small store: reject, correct, list, export, import."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from marsad.cli import app

from .conftest import NEWER, Write

runner = CliRunner()


def _run(*args: str, reviewer: str | None = "layla") -> tuple[int, str]:
    env = {"COLUMNS": "250", "MARSAD_REVIEWER": reviewer or ""}
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.output


def _events(db: Path, *args: str) -> list[dict]:
    code, out = _run("query", "events", *args, "--db", str(db), "--json")
    assert code == 0, out
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def test_reject_correct_list_and_share(store_path: Path, tmp_path: Path, pipeline, write: Write) -> None:
    db = str(store_path)
    (leave,) = _events(store_path, "--type", "LEAVE")
    fact_id = leave["reports"][0]["source"]["fact_id"]
    code, out = _run("review", "reject", "event", fact_id, "--reason", "Kazakhstan never left the CSTO", "--db", db)
    assert code == 0, out
    assert f"reject event {fact_id} by layla" in out
    assert _events(store_path, "--type", "LEAVE") == []
    (exercise,) = _events(store_path, "--type", "EXERCISE", "--since", "2023-05", "--until", "2023-05")
    code, out = _run(
        "review", "correct", "event", exercise["cluster_id"], "--set", "actors=KAZ,RUS", "--set", "date=2022-01",
        "--reason", "misread", "--db", db, reviewer=None,
    )  # fmt: skip
    assert code == 2 and "MARSAD_REVIEWER" in out  # no reviewer: nothing is written
    code, out = _run(
        "review", "correct", "event", exercise["cluster_id"], "--set", "actors=KAZ,RUS", "--set", "date=2022-01",
        "--reason", "misread", "--reviewer", "omar", "--db", db, reviewer=None,
    )  # fmt: skip
    assert code == 0, out
    assert "'2023-05-04' → '2022-01'" in out
    assert _events(store_path, "--type", "EXERCISE", "--since", "2023-05", "--until", "2023-05") == []
    (corrected,) = _events(store_path, "--type", "EXERCISE", "--since", "2022-01", "--until", "2022-01")
    assert (corrected["actors"], corrected["date"]) == (["KAZ", "RUS"], "2022-01")
    assert corrected["reports"][0]["source"]["review"] == "corrected"
    code, out = _run("review", "list", "--db", db, "--json")
    assert code == 0, out
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["reviewer"], r["action"], r["state"]) for r in rows] == [
        ("layla", "reject", "applied"),
        ("omar", "correct", "applied"),
    ]
    exported = tmp_path / "reviews.jsonl"
    code, out = _run("review", "export", "-o", str(exported), "--db", db)
    assert code == 0 and "2 reviews written" in out
    # a colleague's store: the same articles, other ids; the log imported applies to it
    other = tmp_path / "other.duckdb"
    from marsad.store.duck import Store

    with Store(other) as store:
        store.sync_reference(pipeline.kb)
        write(store, version=NEWER, reordered=True)
    code, out = _run("review", "import", str(exported), "--db", str(other))
    assert code == 0, out
    assert "2 reviews added, 0 already in the log, 0 conflicts; 2 applied, 0 unmatched" in out
    assert _events(other, "--type", "LEAVE") == []
    code, out = _run("review", "import", str(exported), "--db", str(other))
    assert "0 reviews added, 2 already in the log" in out


def test_an_unmatched_review_is_listed(store_path: Path, write: Write) -> None:
    db = str(store_path)
    (leave,) = _events(store_path, "--type", "LEAVE")
    code, out = _run("review", "reject", "event", leave["cluster_id"], "--reason", "never happened", "--db", db)
    assert code == 0, out
    code, out = _run("review", "list", "--unmatched", "--db", db)
    assert code == 0 and "never happened" not in out
    from marsad.store.duck import Store

    with Store(store_path) as store:
        write(store, version=NEWER, without=("LEAVE",))
    code, out = _run("review", "list", "--unmatched", "--db", db)
    assert code == 0, out
    assert "never happened" in out and "unmatched" in out


def test_a_conflict_is_listed_on_import(store_path: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.duckdb"
    mine.write_bytes(store_path.read_bytes())  # two copies of one store, one per analyst
    theirs = tmp_path / "theirs.jsonl"
    assert _run("review", "confirm", "membership", "rv-1:m0", "--db", str(store_path), reviewer="omar")[0] == 0
    assert _run("review", "export", "-o", str(theirs), "--db", str(store_path))[0] == 0
    # layla rejects the row omar confirmed
    code, out = _run("review", "reject", "membership", "rv-1:m0", "--reason", "never left", "--db", str(mine))
    assert code == 0, out
    code, out = _run("review", "import", str(theirs), "--db", str(mine), "--prefer", "mine")
    assert code == 0, out
    assert "conflict on membership rv-1:m0: mine reject by layla" in out and "kept mine" in out
    assert "0 reviews added, 0 already in the log, 1 conflicts" in out


def test_bad_reviews_exit_2_with_a_reason(store_path: Path, tmp_path: Path) -> None:
    db = str(store_path)
    cases = [
        (["review", "reject", "event", "rv-1:e9", "--reason", "x", "--db", db], "no event 'rv-1:e9'"),
        (["review", "correct", "event", "rv-1:e0", "--set", "actors", "--reason", "x", "--db", db], "FIELD=VALUE"),
        (
            ["review", "correct", "event", "rv-1:e0", "--set", "actors=KAZ,ATLANTIS", "--reason", "x", "--db", db],
            "ATLANTIS",
        ),
        (["review", "list", "--db", str(tmp_path / "none.duckdb")], "no store here"),
        (["review", "import", str(tmp_path / "none.jsonl"), "--db", db], "no such file"),
        (["review", "import", str(tmp_path / "none.jsonl"), "--db", db, "--prefer", "both"], "--prefer"),
    ]
    for args, message in cases:
        code, out = _run(*args)
        assert code == 2, (args, out)
        assert message in out, (args, out)
