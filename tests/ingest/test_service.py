from __future__ import annotations

from pathlib import Path

from marsad.document import Document
from marsad.extract.pipeline import build_pipeline
from marsad.ingest.readers import ReadProblem
from marsad.ingest.service import extract, ingest
from marsad.store.duck import Store


class _FailsOnTajikistan:
    """A stage with a bug that only one document triggers."""

    name = "fragile"
    requires = ("text",)
    assigns = ()

    def __call__(self, doc: Document) -> Document:
        if "طاجيكستان" in doc.text:
            raise IndexError("list index out of range")
        return doc


def _batch(tmp_path: Path) -> Path:
    tmp_path = tmp_path / "batch"
    tmp_path.mkdir()
    (tmp_path / "a.txt").write_text("اجتمع وزراء دفاع كازاخستان وقيرغيزستان.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("جرت مناورات في طاجيكستان.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("زار الرئيس الروسي أوزبكستان.", encoding="utf-8")
    return tmp_path


def test_a_document_that_breaks_a_stage_is_reported_and_the_rest_land(tmp_path: Path) -> None:
    base = build_pipeline()
    pipeline = base.extended(_FailsOnTajikistan())
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([_batch(tmp_path)], store, pipeline)
        assert report.outcomes["added"] == 2
        assert [p.where for p in report.problems] == [str(tmp_path / "batch" / "b.txt")]
        assert "extraction failed: IndexError" in report.problems[0].reason
        assert [d["doc_id"] for d in store.documents()] == ["a", "c"]


def test_extract_reports_the_failure_in_order(tmp_path: Path) -> None:
    base = build_pipeline()
    pipeline = base.extended(_FailsOnTajikistan())
    items = list(extract([_batch(tmp_path)], pipeline))
    assert [type(i).__name__ for i in items] == ["Document", "ReadProblem", "Document"]
    assert isinstance(items[1], ReadProblem)
