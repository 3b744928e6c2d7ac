"""The indicators' counts on a store of short documents whose facts are set by hand: every
count here is exact, and says which rule of the counting it checks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.document import Document, DocumentMeta, Event, Evidence, Figure
from marsad.extract.pipeline import build_pipeline
from marsad.kb.loader import bundled_knowledge_base
from marsad.query.api import Marsad, QueryError
from marsad.store.duck import Store
from marsad.store.rows import store_rows

TEXT = "نص قصير كتب للاختبار عن التعاون الأمني في آسيا الوسطى."


def _event(event_type: str, actors: tuple[str, ...], date: str, modality: str = "asserted") -> Event:
    span = Evidence(0, 10, TEXT[:10])
    return Event(event_type, "", actors, (), date, "", modality, span, span, 0.9, f"test:{event_type}")


def _figure(value: float, unit: str, start: int, date: str = "2023") -> Figure:
    return Figure(
        "military_spending",
        value,
        unit,
        "KAZ",
        Evidence(start, start + 5, TEXT[start : start + 5]),
        "test",
        date,
        "text",
    )


def _document(pipeline, doc_id: str, published: str, events: list[Event], figures: list[Figure] = ()) -> Document:
    # each its own text: a text stored already is the same article
    text = f"{TEXT} ({doc_id})"
    doc = pipeline(Document(doc_id, text, DocumentMeta(published=published, path=f"{doc_id}.txt")))
    doc.events, doc.memberships, doc.figures, doc.claims = list(events), [], list(figures), []
    return doc


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Marsad]:
    pipeline = build_pipeline()
    docs = [
        _document(
            pipeline,
            "a",
            "2023-05-01",
            [
                _event("EXERCISE", ("KAZ", "CHN"), "2023-04"),
                _event("MEETING", ("KAZ", "CHN"), "2023-04-10"),
                _event("EXERCISE", ("KAZ", "CHN"), "2023-09", modality="planned"),  # not held: not counted
                _event("ACCUSE", ("UZB", "RUS"), "2023-03"),
                _event("MEETING", ("CSTO", "KAZ", "KGZ", "TJK", "RUS"), "2023-11-23"),
            ],
            # one sum in two currencies, and a rise in percent beside them
            [_figure(715.7e9, "KZT", 0), _figure(1.5e9, "USD", 20), _figure(6.8, "percent", 30)],
        ),
        _document(
            pipeline,
            "b",
            "2023-06-01",
            [
                _event("EXERCISE", ("KAZ", "CHN"), "2023-04"),  # the same exercise, reported again
                _event("REJECT", ("ARM", "CSTO"), "2023-01"),
            ],
            [_figure(700e9, "KZT", 0)],  # another article, another value for the same year
        ),
        _document(pipeline, "c", "2024-03-01", [_event("LEAVE", ("ARM", "CSTO"), "2024-02")]),
    ]
    path = tmp_path_factory.mktemp("indicators") / "i.duckdb"
    with Store(path) as writer:
        writer.sync_reference(bundled_knowledge_base())
        writer.write_rows([store_rows(d, "test", "kb") for d in docs], "test")
    marsad = Marsad(path)
    yield marsad
    marsad.close()


def test_cooperation_counts_each_event_once_and_only_what_happened(store: Marsad) -> None:
    (cell,) = store.indicators(state="KAZ", partner="CHN")
    assert (cell.year, cell.cooperation, cell.friction) == ("2023", 2, 0)
    assert dict(cell.by_type) == {"EXERCISE": 1, "MEETING": 1}  # reported twice, counted once; the plan left out
    assert (cell.cooperation_score, cell.balance) == (1.5, 1.5)  # an exercise weighs 1, a meeting 0.5
    assert len(cell.events) == 2


def test_counts_stand_beside_the_articles_of_their_year(store: Marsad) -> None:
    (cell,) = store.indicators(state="KAZ", partner="CHN")
    assert cell.articles == 2
    assert cell.cooperation_per_100 == 100.0


def test_friction_weighs_against_cooperation(store: Marsad) -> None:
    (cell,) = store.indicators(state="UZB", partner="RUS")
    assert (cell.cooperation, cell.friction, cell.friction_score, cell.balance) == (0, 1, 0.5, -0.5)


def test_cooperation_within_a_format(store: Marsad) -> None:
    cells = store.indicators(format="CSTO")
    assert {(c.state, c.year, c.cooperation) for c in cells} == {
        ("KAZ", "2023", 1),
        ("KGZ", "2023", 1),
        ("TJK", "2023", 1),
    }
    assert all(c.kind == "format" for c in cells)


@pytest.mark.parametrize(("since", "until", "years"), [("2023", "2023", {"2023"}), ("2024", None, set())])
def test_a_date_range_bounds_the_years(store: Marsad, since: str, until: str | None, years: set[str]) -> None:
    assert {c.year for c in store.indicators(state="KAZ", since=since, until=until)} == years


def test_a_formats_year_lists_its_members_absences_refusals_and_exits(store: Marsad) -> None:
    years = {y.year: y for y in store.format_activity("CSTO")}
    in_2023 = years["2023"]
    assert dict(in_2023.activity) == {"MEETING": 1}
    # four members named among the meeting's actors: the members not named were absent
    assert [(a.member, a.count) for a in in_2023.absences] == [("ARM", 1), ("BLR", 1)]
    assert [(r.member, r.count) for r in in_2023.refusals] == [("ARM", 1)]
    assert [(e.member, e.count) for e in years["2024"].exits] == [("ARM", 1)]
    assert any(c.startswith("ARM frozen from 2024-02") for c in years["2024"].reference_changes)


def test_no_absence_where_the_participants_are_not_listed(store: Marsad) -> None:
    # the same store counted with a rule that needs more members named than the meeting lists
    from marsad.indicators.compute import format_years
    from marsad.indicators.definitions import bundled_definitions

    strict = bundled_definitions().__class__(**{**_as_dict(bundled_definitions()), "absence_min_named": 5})
    (in_2023,) = [y for y in format_years(store.con, strict, "CSTO") if y.year == "2023"]
    assert in_2023.absences == ()


def _as_dict(definitions) -> dict:
    return {name: getattr(definitions, name) for name in definitions.__slots__}


def test_figures_by_year_pair_two_currencies_and_mark_disagreement(store: Marsad) -> None:
    points = store.figures_by_year(state="KAZ", measure="military_spending")
    by_doc = {(p.source.doc_id, p.unit): p for p in points}
    assert by_doc[("a", "KZT")].usd == 1.5e9  # the same sentence gives it in dollars
    assert by_doc[("b", "KZT")].usd is None
    assert by_doc[("a", "percent")].usd is None  # a percentage is no sum in dollars
    assert by_doc[("a", "KZT")].disputed and by_doc[("b", "KZT")].disputed
    assert not by_doc[("a", "USD")].disputed  # no other dollar figure that year
    assert {p.year for p in points} == {"2023"}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda m: m.indicators(partner="XX"), "partner"),
        (lambda m: m.indicators(since="2023-13"), "2023-13"),
        (lambda m: m.indicators(min_confidence=2), "min_confidence"),
        (lambda m: m.figures_by_year(measure="budget"), "measure"),
    ],
)
def test_bad_questions_say_what_is_wrong(store: Marsad, call, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        call(store)


def test_answers_turn_into_a_data_frame(store: Marsad) -> None:
    pytest.importorskip("pandas")
    frame = store.indicators(state="KAZ").to_pandas()
    assert {"state", "partner", "year", "cooperation", "friction", "balance", "events"} <= set(frame.columns)


def test_csv_has_a_row_per_answer(store: Marsad, tmp_path: Path) -> None:
    from marsad.indicators.export import save_csv

    path = tmp_path / "f.csv"
    assert save_csv(store.figures_by_year(state="KAZ"), path) == 4
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("state,measure,year,value,unit,usd")
    assert "715700000000" in "".join(lines[1:])


def test_a_rejected_event_is_not_counted_and_a_corrected_one_counts_as_corrected(tmp_path: Path) -> None:
    from marsad.review.service import review_fact

    pipeline = build_pipeline()
    doc = _document(
        pipeline,
        "r",
        "2023-05-01",
        [_event("EXERCISE", ("KAZ", "CHN"), "2023-04"), _event("MEETING", ("KAZ", "CHN"), "2023-06")],
    )
    path = tmp_path / "reviewed.duckdb"
    with Store(path) as writer:
        writer.sync_reference(bundled_knowledge_base())
        writer.write_rows([store_rows(doc, "test", "kb")], "test")
        review_fact(writer, "event", "r:e0", "reject", "layla", "no such exercise took place")
        review_fact(writer, "event", "r:e1", "correct", "layla", "", {"actors": "KAZ,RUS"})
    with Marsad(path) as marsad:
        assert marsad.indicators(state="KAZ", partner="CHN") == []
        (cell,) = marsad.indicators(state="KAZ", partner="RUS")
        assert dict(cell.by_type) == {"MEETING": 1}
    with Marsad(path, include_rejected=True) as everything:
        (cell,) = everything.indicators(state="KAZ", partner="CHN")
        assert dict(cell.by_type) == {"EXERCISE": 1}


def test_a_figure_comes_with_its_sentence(store: Marsad) -> None:
    points = store.figures_by_year(state="KAZ", measure="military_spending")
    assert points and all(p.sentence.startswith(TEXT[:10]) for p in points)
