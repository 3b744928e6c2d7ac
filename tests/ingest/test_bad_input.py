"""Whatever analysts scraped: each bad input gets a clear reason naming where, or is read and
extracted without a crash; the rest of the batch lands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.document import Document
from marsad.extract.pipeline import build_pipeline
from marsad.ingest.readers import ReadProblem, read_documents
from marsad.ingest.service import ingest
from marsad.store.duck import Store

GOOD = "اجتمع وزراء دفاع كازاخستان وقيرغيزستان في أستانة يوم 20 أكتوبر 2025."


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


# name, content, whether it must be refused (else: read and extracted without a crash)
BAD_INPUTS = [
    ("empty.txt", b"", True),
    ("spaces.txt", b"   \n\t  \n", True),
    ("binary.txt", bytes(range(256)) * 40, True),
    ("truncated-utf8.txt", GOOD.encode("utf-8")[:-1], False),
    ("cp1256.txt", GOOD.encode("cp1256"), False),
    ("utf16.txt", GOOD.encode("utf-16"), False),
    ("utf16-no-bom.txt", GOOD.encode("utf-16-le"), False),
    ("diacritics-only.txt", ("\u064e\u0650\u064f\u0652" * 500).encode("utf-8"), False),
    ("zero-width-flood.txt", ("\u200b\u200c\u200d\u2060" * 20000 + GOOD).encode("utf-8"), False),
    ("bidi-flood.txt", ("\u202e\u202d\u2066\u2069\u200f" * 20000 + GOOD).encode("utf-8"), False),
    ("other-scripts.txt", "中文 русский текст 日本語 עברית ελληνικά".encode(), False),
    ("script-only.html", b"<html><head><script>alert(1)</script></head><body></body></html>", True),
    ("no-body.html", b"<html><head><title>x</title></head></html>", True),
    ("nested.jsonl", (b"[" * 100_000 + b"]" * 100_000) + b"\n", True),
    ("invalid.jsonl", b'{"id": "a", "text": \n', True),
    ("wrong-fields.jsonl", json.dumps({"id": "x", "body": GOOD}).encode() + b"\n", True),
]


@pytest.mark.parametrize(("name", "content", "refused"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_each_bad_input_is_refused_with_a_reason_or_read_safely(
    tmp_path: Path, pipeline, name: str, content: bytes, refused: bool
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    items = list(read_documents([path]))
    problems = [i for i in items if isinstance(i, ReadProblem)]
    docs = [i for i in items if isinstance(i, Document)]
    if refused:
        assert problems and not docs
        assert all(name in p.where and p.reason for p in problems)
    else:
        assert docs and not problems, problems
    for doc in docs:
        extracted = pipeline(doc)
        for mention in extracted.mentions:
            assert extracted.text[mention.start : mention.end] == mention.text


def test_a_batch_of_every_bad_input_stores_the_good_ones(tmp_path: Path, pipeline) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for name, content, _ in BAD_INPUTS:
        (folder / name).write_bytes(content)
    (folder / "good.txt").write_text(GOOD + " وناقشوا التعاون.", encoding="utf-8")  # not a twin of the encodings
    with Store(tmp_path / "s.duckdb") as store:
        store.sync_reference(pipeline.kb)
        report = ingest([folder], store, pipeline)
        stored = {r[0] for r in store.con.execute("SELECT doc_id FROM documents").fetchall()}
    assert "good" in stored
    refused = {name.rsplit(".", 1)[0] for name, _, must in BAD_INPUTS if must}
    assert not refused & stored
    assert {Path(p.where.split(":")[0]).name for p in report.problems} >= {n for n, _, must in BAD_INPUTS if must}


def test_a_document_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    from marsad.ingest import readers

    path = tmp_path / "huge.jsonl"
    line = json.dumps({"id": "huge", "text": "ك" * (readers.MAX_DOCUMENT_BYTES // 2 + 10)})
    path.write_text(line + "\n" + json.dumps({"id": "small", "text": GOOD}) + "\n", encoding="utf-8")
    items = list(read_documents([path]))
    assert isinstance(items[0], ReadProblem) and "limit" in items[0].reason and items[0].where.endswith(":1")
    assert isinstance(items[1], Document) and items[1].id == "small"


ARABIC = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى،؛. 0123456789٠١٢٣\n«»\u064e\u0650\u200f-/%")),
    max_size=400,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=ARABIC)
def test_extraction_never_crashes_and_every_span_maps_back(pipeline, text: str) -> None:
    doc = pipeline(Document("h", text))
    spans = [(m.start, m.end, m.text) for m in doc.mentions]
    spans += [(e.evidence.start, e.evidence.end, e.evidence.text) for e in doc.events]
    spans += [(f.evidence.start, f.evidence.end, f.evidence.text) for f in doc.figures]
    spans += [(m.evidence.start, m.evidence.end, m.evidence.text) for m in doc.memberships]
    for start, end, quoted in spans:
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == quoted


def test_a_200_mb_file_is_refused_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing to write
    (tmp_path / "small.txt").write_text(GOOD, encoding="utf-8")
    items = list(read_documents([tmp_path]))
    problems = [i for i in items if isinstance(i, ReadProblem)]
    assert [p.where.endswith("huge.txt") for p in problems] == [True]
    assert "limit" in problems[0].reason
    assert [i.id for i in items if isinstance(i, Document)] == ["small"]


def test_a_10_mb_line_is_read_and_extracted(tmp_path: Path, pipeline) -> None:
    path = tmp_path / "long.jsonl"
    sentence = "اجتمع وزراء دفاع كازاخستان وقيرغيزستان في أستانة. "
    text = sentence * (10 * 1024 * 1024 // len(sentence.encode("utf-8")))
    path.write_text(json.dumps({"id": "long", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    (doc,) = list(read_documents([path]))
    assert isinstance(doc, Document) and len(doc.text.encode("utf-8")) > 9 * 1024 * 1024
    extracted = pipeline(doc)
    assert len(extracted.sentences) > 100_000
    assert {m.entity_id for m in extracted.mentions} >= {"KAZ", "KGZ"}
