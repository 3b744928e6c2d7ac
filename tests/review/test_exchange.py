"""Review logs shared as JSON Lines: export, import into another store, merge two analysts'."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import marsad
from marsad.review.exchange import export_reviews, import_reviews, read_reviews
from marsad.review.service import listed, review_fact
from marsad.store.duck import Store

from .conftest import Write


def _another_store(tmp_path: Path, name: str, pipeline, write: Write) -> Path:
    path = tmp_path / f"{name}.duckdb"
    with Store(path) as store:
        store.sync_reference(pipeline.kb)
        write(store, reordered=True)  # another analyst's store: the same articles, other ids
    return path


def _membership_standing(db: Path) -> list[str]:
    with marsad.open(db, include_rejected=True) as kb:
        return [c.source.review for c in kb.membership_history(member="KAZ", org="CSTO") if c.source is not None]


def test_the_log_round_trips_through_export_and_import(
    store_path: Path, tmp_path: Path, pipeline, write: Write
) -> None:
    with Store(store_path) as store:
        review_fact(store, "membership", "rv-1:m0", "reject", "layla", "never left")
        review_fact(store, "event", "rv-1:e0", "correct", "layla", "misread", {"actors": "KAZ,RUS", "date": "2022-01"})
        review_fact(store, "claim", "rv-2:c0", "confirm", "layla", "")
        exported = tmp_path / "reviews.jsonl"
        assert export_reviews(store, exported) == 3
        mine = [row.review for row in listed(store)]
    lines = exported.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["action"] for line in lines] == ["reject", "correct", "confirm"]
    back, problems = read_reviews(exported)
    assert back == mine and not problems  # every field read back as written
    other = _another_store(tmp_path, "omar", pipeline, write)
    with Store(other) as store:
        report = import_reviews(store, exported)
        assert (report.added, report.skipped, report.conflicts, report.applied) == (3, 0, [], 3)
        assert [row.review for row in listed(store)] == mine
        again = import_reviews(store, exported)  # the same log twice: nothing new
        assert (again.added, again.skipped) == (0, 3)
    assert _membership_standing(other) == ["rejected"]
    with marsad.open(other) as kb:
        (cluster,) = kb.events(type="EXERCISE", document="rv-1")
        assert (cluster.actors, cluster.date) == (("KAZ", "RUS"), "2022-01")


def test_reviews_imported_before_their_articles_apply_when_the_articles_come(
    store_path: Path, tmp_path: Path, pipeline, write: Write
) -> None:
    with Store(store_path) as store:
        review_fact(store, "membership", "rv-1:m0", "reject", "layla", "never left")
        export_reviews(store, tmp_path / "reviews.jsonl")
    empty = tmp_path / "empty.duckdb"
    with Store(empty) as store:
        store.sync_reference(pipeline.kb)
        report = import_reviews(store, tmp_path / "reviews.jsonl")
        assert (report.added, report.unmatched) == (1, 1)
        assert [row.state for row in listed(store)] == ["unmatched"]
        write(store)
        assert [row.state for row in listed(store)] == ["applied"]
    assert _membership_standing(empty) == ["rejected"]


@pytest.mark.parametrize(
    ("prefer", "standing", "added"),
    [
        ("later", "confirmed", 1),  # omar's confirmation came after layla's rejection
        ("mine", "rejected", 0),  # layla keeps hers: omar's is left out
        ("theirs", "confirmed", 1),
    ],
)
def test_two_analysts_logs_merge_with_their_conflicts_listed(
    store_path: Path, tmp_path: Path, pipeline, write: Write, prefer: str, standing: str, added: int
) -> None:
    other = _another_store(tmp_path, "omar", pipeline, write)
    with Store(store_path) as store:
        review_fact(store, "membership", "rv-1:m0", "reject", "layla", "never left")
        review_fact(store, "figure", "rv-2:f0", "confirm", "layla", "")
    with Store(other) as store:
        membership = store.con.execute("SELECT membership_id FROM memberships WHERE member = 'KAZ'").fetchone()
        assert membership is not None
        review_fact(store, "membership", membership[0], "confirm", "omar", "the article says so")
        review_fact(store, "claim", "rv-2:c0", "confirm", "omar", "")
        export_reviews(store, tmp_path / "omar.jsonl")
    with Store(store_path) as store:
        report = import_reviews(store, tmp_path / "omar.jsonl", prefer=prefer)
        (conflict,) = report.conflicts
        assert (conflict.mine.reviewer, conflict.theirs.reviewer, conflict.mine.action, conflict.theirs.action) == (
            "layla",
            "omar",
            "reject",
            "confirm",
        )
        assert conflict.kept == ("theirs" if prefer == "later" else prefer)
        assert report.added == added + 1  # and omar's review of the claim, which conflicts with nothing
    assert _membership_standing(store_path) == [standing]


def test_theirs_preferred_wins_even_when_mine_is_later(
    store_path: Path, tmp_path: Path, pipeline, write: Write
) -> None:
    other = _another_store(tmp_path, "omar", pipeline, write)
    with Store(other) as store:
        membership = store.con.execute("SELECT membership_id FROM memberships WHERE member = 'KAZ'").fetchone()
        assert membership is not None
        review_fact(store, "membership", membership[0], "confirm", "omar", "the article says so")
        export_reviews(store, tmp_path / "omar.jsonl")
    with Store(store_path) as store:
        review_fact(store, "membership", "rv-1:m0", "reject", "layla", "never left")  # later than omar's
        report = import_reviews(store, tmp_path / "omar.jsonl", prefer="theirs")
        assert [c.kept for c in report.conflicts] == ["theirs"]
        assert [(row.review.reviewer, row.state) for row in listed(store)][-1] == ("omar", "applied")
    assert _membership_standing(store_path) == ["confirmed"]


def test_a_line_that_is_not_a_review_is_reported(store_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x"}\nnot json\n', encoding="utf-8")
    with Store(store_path) as store:
        report = import_reviews(store, path)
    assert report.added == 0 and len(report.problems) == 2
    assert report.problems[0].startswith(f"{path}:1:")
