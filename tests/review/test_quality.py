"""`marsad eval --reviews` and `kb.review_quality()`: the share of reviewed facts confirmed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import marsad
from marsad.cli import app
from marsad.review.quality import wilson
from marsad.review.service import review_fact
from marsad.store.duck import Store

runner = CliRunner()


def _review(store: Store, kind: str, fact_id: str, action: str, **changes: str) -> None:
    review_fact(store, kind, fact_id, action, "layla", "checked", changes or None)


@pytest.fixture
def reviewed(store_path: Path) -> Path:
    with Store(store_path) as store:
        _review(store, "event", "rv-1:e1", "reject")  # LEAVE
        _review(store, "event", "rv-1:e0", "correct", type="MEETING")  # extracted as EXERCISE
        _review(store, "event", "rv-1:e0", "confirm")  # confirmed after its correction: still corrected
        _review(store, "event", "rv-2:e0", "confirm")  # STATEMENT
        _review(store, "event", "rv-3:e0", "reject")  # JOIN, first rejected …
        _review(store, "event", "rv-3:e0", "confirm")  # … then confirmed: the later review is in force
        _review(store, "figure", "rv-2:f0", "confirm")
        _review(store, "mention", "rv-1:5-10", "reject")
    return store_path


def test_wilson_interval() -> None:
    assert wilson(0, 0) is None
    low, high = wilson(2, 4) or (0.0, 0.0)
    assert (round(low, 3), round(high, 3)) == (0.15, 0.85)
    low, high = wilson(5, 5) or (0.0, 0.0)
    assert (round(low, 3), high) == (0.566, 1.0)
    low, high = wilson(0, 3) or (1.0, 1.0)
    assert (round(low, 3), round(high, 3)) == (0.0, 0.561)


def test_quality_per_kind_and_event_type(reviewed: Path) -> None:
    with marsad.open(reviewed) as kb:  # reads through the views without rejected facts
        rows = {(r.kind, r.event_type): r for r in kb.review_quality()}
    event = rows[("event", "")]
    assert (event.reviewed, event.confirmed, event.corrected, event.rejected) == (4, 2, 1, 1)
    assert event.precision == 0.5
    assert (round(event.low or 0, 3), round(event.high or 0, 3)) == (0.15, 0.85)
    # the corrected event counts under the type it was extracted with
    assert (rows[("event", "EXERCISE")].corrected, rows[("event", "EXERCISE")].precision) == (1, 0.0)
    assert ("event", "MEETING") not in rows
    assert (rows[("event", "JOIN")].confirmed, rows[("event", "LEAVE")].rejected) == (1, 1)
    assert (rows[("figure", "")].reviewed, rows[("figure", "")].precision) == (1, 1.0)
    assert (rows[("mention", "")].rejected, rows[("mention", "")].precision) == (1, 0.0)
    claim = rows[("claim", "")]
    assert (claim.reviewed, claim.precision, claim.low) == (0, None, None)
    assert [kind for kind, event_type in rows if not event_type] == [
        "event",
        "membership",
        "figure",
        "claim",
        "mention",
    ]


def test_eval_reviews_command(reviewed: Path) -> None:
    result = runner.invoke(app, ["eval", "--reviews", "--db", str(reviewed), "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert "a corrected fact is not a confirmed one" in answer["counts"]
    rows = answer["rows"]
    figure = next(r for r in rows if r["kind"] == "figure")
    assert (figure["reviewed"], figure["confirmed"], figure["precision"]) == (1, 1, 1.0)
    result = runner.invoke(app, ["eval", "--reviews", "--db", str(reviewed)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "a corrected fact is not a confirmed one" in result.output
    (leave,) = [line for line in result.output.splitlines() if line.startswith("event") and "LEAVE" in line]
    assert leave.split() == ["event", "LEAVE", "1", "0", "0", "1", "0.000", "0.000–0.793"]


def test_eval_needs_paths_and_gold_or_reviews(tmp_path: Path, reviewed: Path) -> None:
    result = runner.invoke(app, ["eval"], env={"COLUMNS": "250"})
    assert result.exit_code == 2 and "--gold" in result.output
    result = runner.invoke(app, ["eval", "--reviews", "--db", str(reviewed), "--gold", str(tmp_path)])
    assert result.exit_code == 2 and "no --gold" in result.output
    result = runner.invoke(app, ["eval", "--reviews", "--db", str(tmp_path / "none.duckdb")], env={"COLUMNS": "250"})
    assert result.exit_code == 2 and "no store here" in result.output
