from __future__ import annotations

import json
from pathlib import Path

from marsad.document import Document
from marsad.ingest.readers import ReadProblem, read_documents

SENTENCE = "اختتمت، يوم 14 أكتوبر 2022، بالعاصمة الكازاخية أستانة قمة روسيا وآسيا الوسطى."


def _split(items: list[Document | ReadProblem]) -> tuple[list[Document], list[ReadProblem]]:
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, ReadProblem)]


def test_folder_with_bad_file_and_bad_line_reads_everything_else(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes(SENTENCE.encode("cp1256"))
    (tmp_path / "garbage.txt").write_bytes(bytes(range(256)) * 4)
    lines = [
        json.dumps({"id": "j1", "text": SENTENCE, "published": "2022-10-14", "source": "وكالة"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "j3", "text": "نص آخر عن طاجيكستان.", "colour": "red"}, ensure_ascii=False),
        json.dumps({"id": "j4", "text": "نص عن قيرغيزستان."}, ensure_ascii=False),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, problems = _split(list(read_documents([tmp_path])))
    assert sorted(d.id for d in docs) == ["a", "b", "j1", "j4"]
    by_where = {p.where: p.reason for p in problems}
    assert set(by_where) == {
        str(tmp_path / "garbage.txt"),
        f"{tmp_path / 'batch.jsonl'}:2",
        f"{tmp_path / 'batch.jsonl'}:3",
    }
    assert "invalid JSON" in by_where[f"{tmp_path / 'batch.jsonl'}:2"]
    assert "colour" in by_where[f"{tmp_path / 'batch.jsonl'}:3"]
    j1 = next(d for d in docs if d.id == "j1")
    assert j1.meta.published == "2022-10-14" and j1.meta.source == "وكالة"
    assert next(d for d in docs if d.id == "b").text == SENTENCE


def test_html_main_text_is_extracted(tmp_path: Path) -> None:
    body = "".join(f"<p>{SENTENCE} فقرة {i}.</p>" for i in range(5))
    html = f"<html><head><title>قمة أستانة</title></head><body><nav>القائمة الرئيسية</nav><article>{body}</article></body></html>"
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    (doc,) = read_documents([tmp_path / "page.html"])
    assert isinstance(doc, Document)
    assert SENTENCE in doc.text
    assert doc.meta.title == "قمة أستانة"


def test_metadata_csv_gives_source_and_date(corpus_dir: Path) -> None:
    docs = {d.id: d for d in read_documents([corpus_dir]) if isinstance(d, Document)}
    assert len(docs) == 5
    assert docs["002_381fc2a0ed7cd032"].meta.published == "2022-10"
    assert docs["000_f44bbeda982aca56"].meta.published == "2024-09-07"


def test_missing_path_and_unsupported_type_are_reported(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    items = list(read_documents([tmp_path / "nope", tmp_path / "image.png"]))
    assert [type(i) for i in items] == [ReadProblem, ReadProblem]
    assert "no such file" in items[0].reason and "unsupported file type '.png'" in items[1].reason


def test_same_text_in_two_encodings_has_one_content_hash() -> None:
    a = Document("a", SENTENCE)
    b = Document("b", SENTENCE.replace("أ", "أ"))
    assert a.content_hash == b.content_hash
