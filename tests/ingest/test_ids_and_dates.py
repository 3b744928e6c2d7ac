"""Issue 15, items 6 and 11: one id, one document; ids and dates are checked as they are read
(a list id used to be stored as its Python text, and `published: "not a date"` was stored
and matched `--since 2030`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.document import Document
from marsad.extract.pipeline import build_pipeline
from marsad.ingest.readers import ReadProblem, ReadWarning, read_documents
from marsad.ingest.service import IngestReport, ingest
from marsad.store.duck import Store
from marsad.web.app import create_app
from marsad.web.settings import Settings

T1 = "أجرت روسيا وطاجيكستان مناورات عسكرية مشتركة في طاجيكستان يوم 3 مارس 2024."
T2 = "وقّعت كازاخستان وأوزبكستان اتفاقية للتعاون الدفاعي في طشقند يوم 5 مايو 2023."
T3 = "استضافت قيرغيزستان اجتماعا لوزراء دفاع منظمة معاهدة الأمن الجماعي في بيشكيك."


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


def _jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _ingest(paths: list[Path], db: Path, pipeline) -> tuple[IngestReport, dict[str, str]]:
    with Store(db) as store:
        store.sync_reference(pipeline.kb)
        report = ingest(paths, store, pipeline)
        texts = dict(store.con.execute("SELECT doc_id, text FROM documents").fetchall())
    return report, texts


def test_duplicate_ids_lose_no_document_a_second_text_under_an_id_is_reported(tmp_path: Path, pipeline) -> None:
    batch = _jsonl(
        tmp_path / "b.jsonl", [{"id": "dup", "text": T1}, {"id": "dup", "text": T2}, {"id": "other", "text": T1}]
    )
    db = tmp_path / "s.duckdb"
    for _ in range(2):  # and again: the same thing is stored every time, nothing flips
        report, texts = _ingest([batch], db, pipeline)
        assert texts == {"dup": T1}  # the first text under the id is kept
        (problem,) = report.problems
        assert (
            problem.where == f"{batch}:2"
            and f"{batch}:1" in problem.reason
            and "one id, one document" in problem.reason
        )
        assert report.duplicates == [("other", "dup")]  # rightly: "other" is T1, which "dup" holds
        assert report.outcomes["duplicate"] == 1


def test_the_same_document_twice_in_one_run_is_stored_once_without_a_problem(tmp_path: Path, pipeline) -> None:
    batch = _jsonl(tmp_path / "b.jsonl", [{"id": "a", "text": T1}, {"id": "a", "text": T1}, {"id": "b", "text": T2}])
    report, texts = _ingest([batch], tmp_path / "s.duckdb", pipeline)
    assert texts == {"a": T1, "b": T2} and not report.problems
    assert report.outcomes == {"added": 2, "updated": 0, "unchanged": 1, "duplicate": 0}


def test_a_document_is_not_called_a_duplicate_of_a_text_its_twin_no_longer_holds(tmp_path: Path, pipeline) -> None:
    db = tmp_path / "s.duckdb"
    _ingest([_jsonl(tmp_path / "first.jsonl", [{"id": "z", "text": T1}])], db, pipeline)
    # z changes to T2, and w brings T1: T1 is stored under no other id any more, so w is added
    report, texts = _ingest(
        [_jsonl(tmp_path / "second.jsonl", [{"id": "z", "text": T2}, {"id": "w", "text": T1}])], db, pipeline
    )
    assert texts == {"z": T2, "w": T1}
    assert report.outcomes == {"added": 1, "updated": 1, "unchanged": 0, "duplicate": 0} and not report.duplicates


BAD_IDS = [
    (["a"], "must be a string, not a list"),
    ({"x": 1}, "must be a string, not an object"),
    (None, "not null"),
    (True, "not true or false"),
    ("", "empty"),
    ("a/b", "contains '/'"),
    ("..", "not a usable URL segment"),
    (" padded", "space"),
    ("line\nbreak", "U+000A"),
    ("x" * 201, "over the limit of 200"),
]


def test_a_list_or_object_id_is_refused_at_ingest_with_file_line_and_reason(tmp_path: Path) -> None:
    good = [{"id": "تقرير-7", "text": T1}, {"id": 42, "text": T2}]
    batch = _jsonl(tmp_path / "ids.jsonl", [{"id": bad, "text": T3} for bad, _ in BAD_IDS] + good)
    items = list(read_documents([batch]))
    assert sorted(d.id for d in items if isinstance(d, Document)) == ["42", "تقرير-7"]  # an integer is its digits
    problems = {p.where: p.reason for p in items if isinstance(p, ReadProblem)}
    for line, (_, reason) in enumerate(BAD_IDS, start=1):
        assert reason in problems[f"{batch}:{line}"], (line, problems)


def test_a_file_name_that_cannot_be_an_id_is_refused(tmp_path: Path) -> None:
    (tmp_path / "tab\there.txt").write_text(T1, encoding="utf-8")
    (tmp_path / "ok name.txt").write_text(T2, encoding="utf-8")
    items = list(read_documents([tmp_path]))
    assert [d.id for d in items if isinstance(d, Document)] == ["ok name"]
    (problem,) = [p for p in items if isinstance(p, ReadProblem)]
    assert "U+0009" in problem.reason and "name without the extension" in problem.reason


def test_a_published_value_that_is_not_a_date_is_reported_and_the_document_kept_without_it(
    tmp_path: Path, pipeline
) -> None:
    records = [
        {"id": "bad", "text": T1, "published": "not a date"},
        {"id": "month-13", "text": T2, "published": "2025-13"},
        {"id": "listed", "text": T3, "published": ["2025"]},
        {"id": "year", "text": T1 + " انتهى.", "published": "2025"},
        {"id": "month", "text": T2 + " انتهى.", "published": "2025-05"},
        {"id": "day", "text": T3 + " انتهى.", "published": "2025-05-03"},
        {"id": "number", "text": T1 + " تم.", "published": 2024},
    ]
    batch = _jsonl(tmp_path / "dates.jsonl", records)
    db = tmp_path / "s.duckdb"
    report, _ = _ingest([batch], db, pipeline)
    assert report.skipped == []  # every document is stored
    warned = {p.where: p.reason for p in report.problems if isinstance(p, ReadWarning)}
    assert set(warned) == {f"{batch}:1", f"{batch}:2", f"{batch}:3"}
    assert "'not a date' is not a date (write it as YYYY, YYYY-MM or YYYY-MM-DD)" in warned[f"{batch}:1"]
    with Store(db, read_only=True) as store:
        published = dict(store.con.execute("SELECT doc_id, published FROM documents").fetchall())
        since_2030 = store.con.execute("SELECT doc_id FROM documents WHERE published >= '2030'").fetchall()
    assert published == {
        "bad": "",
        "month-13": "",
        "listed": "",
        "year": "2025",
        "month": "2025-05",
        "day": "2025-05-03",
        "number": "2024",
    }
    assert since_2030 == []  # "not a date" sorted after every year


def test_a_date_in_metadata_csv_that_is_not_a_date_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(T1, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("id,published\na,yesterday\n", encoding="utf-8")
    warning, doc = list(read_documents([tmp_path]))
    assert isinstance(warning, ReadWarning) and "'yesterday' is not a date" in warning.reason
    assert isinstance(doc, Document) and doc.meta.published == ""


def test_the_api_refuses_a_list_id_and_reports_a_date_that_is_not_one(tmp_path: Path) -> None:
    token = "test-token-ids"
    auth = {"Authorization": f"Bearer {token}"}
    body = [{"id": ["x"], "text": T1}, {"id": "kept", "text": T2, "published": "not a date"}]
    with TestClient(
        create_app(Settings(db=tmp_path / "web.duckdb", token=token)), base_url="http://127.0.0.1"
    ) as client:
        done = client.post("/api/ingest", json=body, headers=auth).json()
        assert done["documents"] == ["kept"] and done["outcomes"]["added"] == 1
        reasons = {p["where"]: p["reason"] for p in done["problems"]}
        assert "must be a string, not a list" in reasons["item 0"] and "is not a date" in reasons["item 1"]
        assert client.get("/api/documents/kept").json()["published"] in ("", None)


# ids one way in accepted and the other refused (issue 15): the API's schema was stricter
# than the readers' rule, so `marsad ingest` stored «ok name» and the API refused it
SAME_RULE_IDS = [
    "ok name",
    "تقرير 7",
    "a.b:c@d",
    "x" * 200,
    "a\u00a0b",
    " padded",
    "padded\u3000",
    "a/b",
    "..",
    "line\nbreak",
    "end\n",
    "x" * 201,
    "zero\u200bwidth",
    "bidi\u202eid",
]


def test_the_api_and_the_command_line_accept_the_same_ids(tmp_path: Path) -> None:
    token = "test-token-ids"
    batch = _jsonl(tmp_path / "ids.jsonl", [{"id": doc_id, "text": T1} for doc_id in SAME_RULE_IDS])
    read = {item.id for item in read_documents([batch]) if isinstance(item, Document)}
    assert {"ok name", "تقرير 7", "a.b:c@d", "x" * 200, "a\u00a0b"} == read
    with TestClient(
        create_app(Settings(db=tmp_path / "web.duckdb", token=token)), base_url="http://127.0.0.1"
    ) as client:
        for doc_id in SAME_RULE_IDS:
            answer = client.post(
                "/api/ingest", json={"id": doc_id, "text": T1}, headers={"Authorization": f"Bearer {token}"}
            )
            assert answer.status_code == (200 if doc_id in read else 422), (doc_id, answer.text)


def test_the_schema_pattern_is_the_readers_rule_for_every_character() -> None:
    """ID_PATTERN (the API schema's) and id_problem (the readers') agree on every code point,
    inside an id and at its end; and they refuse what Unicode calls controls, format
    characters, surrogates, private use and line or paragraph separators."""
    import re
    import sys
    import unicodedata

    from marsad.ingest.readers import ID_PATTERN, id_problem

    pattern = re.compile(ID_PATTERN)
    refused = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:  # no character to a schema: the readers refuse it
            assert id_problem(f"a{char}b") and pattern.match(f"a{char}b"), hex(code)
            continue
        for doc_id in (f"a{char}b", f"a{char}"):
            assert bool(pattern.match(doc_id)) == (id_problem(doc_id) == ""), hex(code)
        # a later Unicode may call a new character a format one; the rule is Unicode 14's
        if (unicodedata.category(char) in refused and unicodedata.unidata_version == "14.0.0") or char == "/":
            assert id_problem(f"a{char}b"), hex(code)


def test_a_document_before_its_changing_twin_in_an_earlier_write_batch_is_added(
    tmp_path: Path, pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gap RELIABILITY.md named (issue 15): w, in a write batch before the one where the
    stored z changes text, repeats z's old text; w used to be called z's duplicate and the text
    lost. It waits for the end of the run now, and is added."""
    from marsad.ingest import service

    monkeypatch.setattr(service, "WRITE_BATCH", 1)  # w and z in different batches
    db = tmp_path / "s.duckdb"
    _ingest([_jsonl(tmp_path / "first.jsonl", [{"id": "z", "text": T1}, {"id": "y", "text": T3}])], db, pipeline)
    second = [{"id": "w", "text": T1}, {"id": "v", "text": T3}, {"id": "z", "text": T2}]
    report, texts = _ingest([_jsonl(tmp_path / "second.jsonl", second)], db, pipeline)
    assert texts == {"z": T2, "w": T1, "y": T3}  # v is rightly y's duplicate: y keeps its text
    assert report.outcomes == {"added": 1, "updated": 1, "unchanged": 0, "duplicate": 1}
    assert report.duplicates == [("v", "y")] and not report.problems
    # past the budget of held texts, w is decided at once: reported at the end, not silent
    for store_file in db.parent.glob("s.duckdb*"):
        store_file.unlink()
    _ingest([_jsonl(tmp_path / "first.jsonl", [{"id": "z", "text": T1}, {"id": "y", "text": T3}])], db, pipeline)
    monkeypatch.setattr(service, "HELD_DUPLICATE_CHARS", 0)
    report, texts = _ingest([_jsonl(tmp_path / "second.jsonl", second)], db, pipeline)
    assert "w" not in texts and texts["z"] == T2
    (problem,) = report.problems
    assert problem.where.endswith("second.jsonl:1") and "run the ingest again" in problem.reason
