"""The pairs the ties indicator keeps per cluster (``indicator_pairs``) and its counts per year
(``indicator_cells``) agree with those made from scratch from the stored reports after an
ingest, a re-ingest and reviews, and the indicator read from them gives what counting the
reports themselves gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from marsad.document import Document, DocumentMeta, Event, Evidence
from marsad.extract.pipeline import build_pipeline
from marsad.indicators import pairs
from marsad.kb.loader import bundled_knowledge_base
from marsad.query.api import Marsad
from marsad.store.duck import Store
from marsad.store.rows import store_rows

TEXT = "نص قصير كتب للاختبار عن التعاون الأمني في آسيا الوسطى."


@pytest.fixture(scope="module")
def pipeline():  # type: ignore[no-untyped-def]
    return build_pipeline()


def _event(event_type: str, actors: tuple[str, ...], date: str) -> Event:
    span = Evidence(0, 10, TEXT[:10])
    return Event(event_type, "", actors, (), date, "", "asserted", span, span, 0.9, f"test:{event_type}")


def _document(pipeline, doc_id: str, events: list[Event], version: str = "") -> Document:  # type: ignore[no-untyped-def]
    doc = pipeline(Document(doc_id, f"{TEXT} ({doc_id}{version})", DocumentMeta(published="2023-05-01")))
    doc.events, doc.memberships, doc.figures, doc.claims = list(events), [], [], []
    return doc


def _write(store: Store, docs: list[Document]) -> None:
    store.write_rows([store_rows(d, "test", "kb") for d in docs], "test")


def _kept(store: Store) -> list[tuple[Any, ...]]:
    return store.con.execute("SELECT * FROM indicator_pairs ORDER BY ALL").fetchall()


def _cells(store: Store) -> list[tuple[Any, ...]]:
    return store.con.execute(
        "SELECT * EXCLUDE (by_type), map_entries(by_type) FROM indicator_cells ORDER BY ALL"
    ).fetchall()


def _from_scratch(store: Store) -> list[tuple[Any, ...]]:
    """The pairs made again from every report (the kept ones left as they were); checks that
    the kept cells are those made from scratch too."""
    kept_cells = _cells(store)
    store.con.execute("BEGIN TRANSACTION")
    try:
        pairs.rebuild(store.con)
        assert kept_cells == _cells(store)
        return _kept(store)
    finally:
        store.con.execute("ROLLBACK")


def _same_counts(path: Path) -> None:
    """The indicator from the kept pairs is the indicator from the reports (a minimum
    confidence below every report's makes it count the reports), in both readings."""
    for include_rejected in (False, True):
        with Marsad(path, include_rejected=include_rejected) as marsad:
            for question in (
                {},  # the cells
                {"state": "KAZ"},
                {"format": "CSTO", "since": "2023"},
                {"partner": "RUS", "since": "2023-04"},  # the pairs
            ):
                assert marsad.indicators(**question) == marsad.indicators(**question, min_confidence=0.01)


def _store(path: Path) -> Store:
    store = Store(path)
    store.sync_reference(bundled_knowledge_base())
    return store


def test_the_kept_pairs_agree_with_the_reports_after_an_ingest(tmp_path: Path, pipeline) -> None:
    path = tmp_path / "p.duckdb"
    with _store(path) as store:
        _write(
            store,
            [
                _document(pipeline, "a", [_event("EXERCISE", ("KAZ", "CHN"), "2023-04-12")]),
                # the same exercise again, and a meeting of a format with three states
                _document(
                    pipeline,
                    "b",
                    [
                        _event("EXERCISE", ("CHN", "KAZ"), "2023-04"),
                        _event("MEETING", ("CSTO", "KAZ", "KGZ", "RUS"), "2023-11"),
                    ],
                ),
            ],
        )
        kept = _kept(store)
        assert kept == _from_scratch(store)
        assert ("a:e0", "both", "KAZ", "CHN", "partner", "EXERCISE", "2023-04-12") in kept  # one cluster, its date
        assert {(r[2], r[3]) for r in kept if r[0] == "b:e1"} == {
            ("KAZ", "CSTO"), ("KAZ", "RUS"), ("KGZ", "CSTO"), ("KGZ", "RUS")
        }  # fmt: skip
    _same_counts(path)


def test_a_document_written_again_changes_the_pairs_of_its_old_and_new_clusters(tmp_path: Path, pipeline) -> None:
    path = tmp_path / "p.duckdb"
    with _store(path) as store:
        _write(store, [_document(pipeline, "a", [_event("EXERCISE", ("KAZ", "CHN"), "2023-04-12")])])
        _write(store, [_document(pipeline, "b", [_event("EXERCISE", ("CHN", "KAZ"), "2023-04")])])  # joins a:e0
        assert [r[6] for r in _kept(store)] == ["2023-04-12"]
        # «a» changed and reports no event now: b's report is the cluster's only one
        _write(store, [_document(pipeline, "a", [], version="2")])
        kept = _kept(store)
        assert kept == _from_scratch(store)
        assert ("a:e0", "both", "KAZ", "CHN", "partner", "EXERCISE", "2023-04") in kept  # dated by b now
    _same_counts(path)


def test_reviews_change_the_pairs_of_their_clusters(tmp_path: Path, pipeline) -> None:
    from marsad.review.service import review_fact

    path = tmp_path / "p.duckdb"
    with _store(path) as store:
        _write(
            store,
            [
                _document(
                    pipeline,
                    "r",
                    [
                        _event("EXERCISE", ("KAZ", "CHN"), "2023-04"),
                        _event("MEETING", ("KAZ", "CHN"), "2023-06"),
                        _event("AID", ("UZB", "USA"), "2022"),
                    ],
                )
            ],
        )
        review_fact(store, "event", "r:e0", "reject", "layla", "no such exercise took place")
        review_fact(store, "event", "r:e1", "correct", "layla", "", {"actors": "KAZ,RUS", "date": "2023-07-02"})
        review_fact(store, "event", "r:e2", "correct", "layla", "", {"type": "SANCTION"})
        kept = _kept(store)
        assert kept == _from_scratch(store)
        assert ("r:e0", "all", "KAZ", "CHN", "partner", "EXERCISE", "2023-04") in kept  # only with rejected facts
        assert not [r for r in kept if r[0] == "r:e0" and r[1] != "all"]
        assert ("r:e1", "both", "KAZ", "RUS", "partner", "MEETING", "2023-07-02") in kept
        assert ("r:e2", "both", "UZB", "USA", "partner", "SANCTION", "2022") in kept
    _same_counts(path)


def test_pairs_of_other_definitions_are_not_read_and_are_made_again_on_opening(tmp_path: Path, pipeline) -> None:
    path = tmp_path / "p.duckdb"
    with _store(path) as store:
        _write(store, [_document(pipeline, "a", [_event("EXERCISE", ("KAZ", "CHN"), "2023-04")])])
        expected = _kept(store)
        store.con.execute("DELETE FROM indicator_pairs")
        store.con.execute("UPDATE meta SET value = 'other' WHERE key = ?", [pairs.META_KEY])
        assert not pairs.is_current(store.con)
    with Marsad(path) as marsad:  # counted from the reports meanwhile
        (cell,) = marsad.indicators(state="KAZ", partner="CHN")
        assert cell.events == ("a:e0",)
    with Store(path) as store:
        assert pairs.is_current(store.con)
        assert _kept(store) == expected


def test_pairs_sorted_again_when_many_came_after_the_last_sort(
    tmp_path: Path, pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pairs, "_MIN_UNSORTED", 1)  # any row after the last sort
    path = tmp_path / "p.duckdb"
    with _store(path) as store:
        _write(store, [_document(pipeline, "b", [_event("MEETING", ("UZB", "KGZ", "RUS", "CHN"), "2021-02")])])
        _write(store, [_document(pipeline, "a", [_event("EXERCISE", ("KAZ", "CHN"), "2023-04")])])  # KAZ: first
        ordered = store.con.execute(f"SELECT * FROM indicator_pairs ORDER BY {pairs.ORDER}").fetchall()
        assert store.con.execute("SELECT * FROM indicator_pairs").fetchall() == ordered  # as stored: sorted
        assert store.meta(pairs.UNSORTED_KEY) == "0" and len(ordered) == 5
        assert _kept(store) == _from_scratch(store)
