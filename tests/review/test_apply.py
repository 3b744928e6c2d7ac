"""Reviews applied to the store and kept through a re-extraction; the query API leaves the
rejected facts out unless asked to show them."""

from __future__ import annotations

from pathlib import Path

import pytest

import marsad
from marsad.review.service import ReviewError, listed, review_fact
from marsad.store.duck import Store

from .conftest import NEWER, Write


def _fact_id(kb: marsad.Marsad, kind: str, **which: str) -> str:
    """The id of the one fact of ``kind`` the query API shows for ``which``."""
    if kind == "membership":
        changes = [c for c in kb.membership_history(**which) if c.origin == "article"]
        assert len(changes) == 1, changes
        assert changes[0].source is not None
        return changes[0].source.fact_id
    if kind == "event":
        (cluster,) = kb.events(**which)
        return cluster.reports[0].event_id
    raise AssertionError(kind)


def _kazakhstan_left(kb: marsad.Marsad) -> list[str]:
    """The article rows saying Kazakhstan left the CSTO, as their review standing."""
    return [
        c.source.review
        for c in kb.membership_history(org="CSTO", member="KAZ")
        if c.origin == "article" and c.source is not None
    ]


def _review(db: Path, kind: str, fact_id: str, action: str, changes: dict[str, str] | None = None) -> None:
    with Store(db) as store:
        review_fact(store, kind, fact_id, action, "layla", "checked against the treaty's records", changes)


def test_a_rejected_membership_leaves_the_query_and_returns_with_the_switch(store_path: Path) -> None:
    with marsad.open(store_path) as kb:
        assert _kazakhstan_left(kb) == [""]  # extracted, not reviewed
        fact_id = _fact_id(kb, "membership", org="CSTO", member="KAZ")
    assert fact_id == "rv-1:m0"
    _review(store_path, "membership", fact_id, "reject")
    with marsad.open(store_path) as kb:
        assert _kazakhstan_left(kb) == []
        assert kb.include_rejected is False
        with_rejected = kb.cursor(include_rejected=True)
        assert _kazakhstan_left(with_rejected) == ["rejected"]
        assert _kazakhstan_left(kb.cursor()) == []  # a cursor reads as its view does
    with marsad.open(store_path, include_rejected=True) as kb:
        assert _kazakhstan_left(kb) == ["rejected"]


def test_a_rejected_event_leaves_every_question(store_path: Path) -> None:
    with marsad.open(store_path) as kb:
        fact_id = _fact_id(kb, "event", type="LEAVE", document="rv-1")
        assert kb.count_events(actors=["KAZ"], document="rv-1") == 1
        assert "LEAVE" in {e.type for e in kb.timeline("KAZ") if e.kind == "event"}
    _review(store_path, "event", fact_id, "reject")
    with marsad.open(store_path) as kb:
        assert kb.count_events(actors=["KAZ"], document="rv-1") == 0
        assert not kb.events(type="LEAVE")
        assert kb.event(fact_id) is None
        assert "LEAVE" not in {row["type"] for row in kb.store.events("rv-1")}  # the document's own list
        assert "LEAVE" not in {e.type for e in kb.timeline("KAZ") if e.kind == "event"}
    with marsad.open(store_path, include_rejected=True) as kb:
        (cluster,) = kb.events(type="LEAVE")
        assert cluster.reports[0].source.review == "rejected"


def test_a_corrected_event_has_its_new_actors_and_date(store_path: Path) -> None:
    with marsad.open(store_path) as kb:
        fact_id = _fact_id(kb, "event", type="EXERCISE", document="rv-1")
        assert kb.events(type="EXERCISE", document="rv-1")[0].actors == ("RUS", "TJK")
    _review(store_path, "event", fact_id, "correct", {"actors": "KAZ, RUS", "date": "2022-01"})
    with marsad.open(store_path) as kb:
        (cluster,) = kb.events(type="EXERCISE", document="rv-1")
        assert cluster.actors == ("KAZ", "RUS")
        assert cluster.date == "2022-01"
        assert cluster.reports[0].source.review == "corrected"
        # the participants follow: a question by actor finds it under its new actors only
        assert [c.cluster_id for c in kb.events(actors=["KAZ"], type="EXERCISE")] == [cluster.cluster_id]
        assert fact_id not in {r.event_id for c in kb.events(actors=["TJK"]) for r in c.reports}
        people = kb.store.events("rv-1")
        assert next(row for row in people if row["event_id"] == fact_id)["actors"] == ["KAZ", "RUS"]


def test_a_confirmed_fact_is_shown_as_reviewed(store_path: Path) -> None:
    with marsad.open(store_path) as kb:
        (figure,) = kb.figures(actor="KGZ")
        assert figure.source.fact_id == "rv-2:f0" and figure.source.review == ""
    _review(store_path, "figure", "rv-2:f0", "confirm")
    with marsad.open(store_path) as kb:
        (figure,) = kb.figures(actor="KGZ")
        assert figure.source.review == "confirmed"
        assert figure.value == 150_000_000


def test_every_review_is_applied_again_after_a_re_extraction_with_new_ids(store_path: Path, write: Write) -> None:
    with marsad.open(store_path) as kb:
        exercise = _fact_id(kb, "event", type="EXERCISE", document="rv-1")
        leave = _fact_id(kb, "event", type="LEAVE", document="rv-1")
        (claim,) = kb.claims(speaker="kassym-jomart-tokayev")
    _review(store_path, "membership", "rv-1:m0", "reject")
    _review(store_path, "event", exercise, "correct", {"actors": "KAZ,RUS", "date": "2022-01"})
    _review(store_path, "event", leave, "reject")
    _review(store_path, "figure", "rv-2:f0", "correct", {"value": "160000000"})
    _review(store_path, "claim", claim.claim_id, "confirm")
    _review(store_path, "mention", "rv-2:100-110", "correct", {"entity": "KGZ"})
    with Store(store_path) as store:
        write(store, version=NEWER, reordered=True)  # a newer pipeline: the same facts, other ids
        stored = dict(store.con.execute("SELECT type, event_id FROM events WHERE doc_id = 'rv-1'").fetchall())
        assert stored["EXERCISE"] != exercise  # the ids changed ...
        assert {row.state for row in listed(store)} == {"applied"}  # ... and every review found its fact
    with marsad.open(store_path) as kb:
        assert _kazakhstan_left(kb) == []
        assert not kb.events(type="LEAVE")
        (cluster,) = kb.events(type="EXERCISE", document="rv-1")
        assert (cluster.actors, cluster.date, cluster.reports[0].source.review) == (
            ("KAZ", "RUS"),
            "2022-01",
            "corrected",
        )
        assert cluster.reports[0].event_id == stored["EXERCISE"]
        (figure,) = kb.figures(actor="KGZ")
        assert (figure.value, figure.source.review) == (160_000_000, "corrected")
        assert kb.claims(speaker="kassym-jomart-tokayev")[0].source.review == "confirmed"
        linked = {m["start_char"]: m["entity_id"] for m in kb.store.mentions("rv-2")}
        assert linked[100] == "KGZ"
    with marsad.open(store_path, include_rejected=True) as kb:
        assert _kazakhstan_left(kb) == ["rejected"]


def test_a_review_whose_fact_is_not_found_again_is_unmatched(store_path: Path, write: Write) -> None:
    with marsad.open(store_path) as kb:
        leave = _fact_id(kb, "event", type="LEAVE", document="rv-1")
    _review(store_path, "event", leave, "reject")
    _review(store_path, "membership", "rv-1:m0", "reject")
    with Store(store_path) as store:
        write(store, version=NEWER, without=("LEAVE",))  # the newer pipeline reads no withdrawal
        states = {(row.review.kind, row.state) for row in listed(store)}
        assert states == {("event", "unmatched"), ("membership", "applied")}
        (unmatched,) = listed(store, unmatched_only=True)
        assert unmatched.review.fact_id == leave and unmatched.review.anchor.identity["type"] == "LEAVE"
        # the pipeline finds it again: the review applies again
        write(store, version="test:v3")
        assert not listed(store, unmatched_only=True)
    with marsad.open(store_path) as kb:
        assert not kb.events(type="LEAVE")


def test_a_later_review_of_a_fact_supersedes_the_earlier(store_path: Path, write: Write) -> None:
    _review(store_path, "membership", "rv-1:m0", "reject")
    _review(store_path, "membership", "rv-1:m0", "confirm")  # on second thought
    with Store(store_path) as store:
        assert [row.state for row in listed(store)] == ["superseded", "applied"]
        anchors = {row.review.anchor.key for row in listed(store)}
        assert len(anchors) == 1  # both point at one anchor
        write(store, version=NEWER, reordered=True)
        assert [row.state for row in listed(store)] == ["superseded", "applied"]
    with marsad.open(store_path) as kb:
        assert _kazakhstan_left(kb) == ["confirmed"]


def test_a_second_review_of_a_corrected_fact_keeps_its_anchor_and_its_correction(
    store_path: Path, write: Write
) -> None:
    _review(store_path, "membership", "rv-3:m0", "correct", {"org": "CSTO", "since": "2020"})
    _review(store_path, "membership", "rv-3:m0", "confirm")
    with Store(store_path) as store:
        write(store, version=NEWER)
        assert [row.state for row in listed(store)] == ["superseded", "applied"]
    with marsad.open(store_path) as kb:
        (change,) = [c for c in kb.membership_history(member="UZB", org="CSTO") if c.origin == "article"]
        assert (change.date, change.source.review if change.source else None) == ("2020", "corrected")
        assert not [c for c in kb.membership_history(member="UZB", org="SCO") if c.origin == "article"]


@pytest.mark.parametrize(
    ("kind", "fact_id", "action", "changes", "message"),
    [
        ("event", "rv-1:e9", "reject", None, "no event 'rv-1:e9'"),
        ("membership", "rv-1:m0", "correct", {"colour": "red"}, "no field 'colour'"),
        ("membership", "rv-1:m0", "correct", {"since": "2022-13"}, "since="),
        ("membership", "rv-1:m0", "correct", {"status": "enemy"}, "membership status"),
        ("membership", "rv-1:m0", "correct", None, "says what to set"),
        ("membership", "rv-1:m0", "reject", {"org": "SCO"}, "with `correct` only"),
        ("figure", "rv-2:f0", "correct", {"value": "many"}, "give a number"),
        ("planet", "x", "reject", None, "no fact kind"),
    ],
)
def test_a_review_that_cannot_be_made_says_why(
    store_path: Path, kind: str, fact_id: str, action: str, changes: dict[str, str] | None, message: str
) -> None:
    with Store(store_path) as store:
        with pytest.raises(ReviewError, match=message):
            review_fact(store, kind, fact_id, action, "layla", "", changes)
        assert store.con.execute("SELECT count(*) FROM reviews").fetchone() == (0,)


def test_an_unknown_entity_is_refused(store_path: Path) -> None:
    known = {"KAZ": "country"}
    with Store(store_path) as store, pytest.raises(ReviewError, match="no entity 'ATLANTIS'"):
        review_fact(store, "event", "rv-1:e0", "correct", "layla", "", {"actors": "KAZ,ATLANTIS"}, known.get)


def test_exports_leave_rejected_facts_out_and_keep_their_columns(store_path: Path, tmp_path: Path) -> None:
    import csv

    from marsad.export import export

    def exported(kb: marsad.Marsad, name: str) -> list[dict[str, str]]:
        folder = tmp_path / name
        export(kb, "csv", folder)
        with (folder / "memberships.csv").open(encoding="utf-8", newline="") as stream:
            return list(csv.DictReader(stream))

    _review(store_path, "membership", "rv-1:m0", "reject")
    with marsad.open(store_path) as kb:
        rows = exported(kb, "reviewed")
    with marsad.open(store_path, include_rejected=True) as kb:
        every = exported(kb, "all")
    assert list(rows[0]) == list(every[0]) and "rowid" not in rows[0]  # the table's columns, either way
    assert [r["review"] for r in every if r["membership_id"] == "rv-1:m0"] == ["rejected"]
    assert not [r for r in rows if r["membership_id"] == "rv-1:m0"]
    assert len(rows) == len(every) - 1


@pytest.mark.parametrize("name", ["reviewed.duckdb", "main.duckdb", "my store-2.duckdb"])
def test_any_file_name_works_even_the_schemas_own(tmp_path: Path, write: Write, name: str) -> None:
    # DuckDB names a store's catalog after its file: «reviewed» would be ambiguous with the
    # schema of the views unless every name is qualified
    path = tmp_path / name
    with Store(path) as store:
        write(store)
    with marsad.open(path) as kb:
        fact_id = _fact_id(kb, "membership", org="CSTO", member="KAZ")
    _review(path, "membership", fact_id, "reject")
    with marsad.open(path) as kb:
        assert _kazakhstan_left(kb) == []
