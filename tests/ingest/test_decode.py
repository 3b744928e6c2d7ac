from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from marsad.document import Document
from marsad.ingest.decode import Decoded, DecodeError, decode, decode_bytes
from marsad.ingest.readers import ReadWarning, read_documents

ARABIC = (
    "اجتماعات التشاور لرؤساء دول آسيا الوسطى والأحداث الإقليمية المستقلة الأخرى بين هذه الدول "
    "غالبًا ما تكون ذات طابع اقتصادي وسياسي. طرح الرئيس الكازاخستاني قاسم جومارت توكاييف «الحاجة»."
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8-sig"),
        (ARABIC.encode("cp1256"), "cp1256"),
        (ARABIC.encode("utf-16"), "utf-16"),  # with BOM
        (ARABIC.encode("utf-16-le"), "utf-16-le"),
        (ARABIC.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_every_encoding_decodes_to_the_same_text(data: bytes, encoding: str) -> None:
    text, detected = decode_bytes(data)
    assert text == ARABIC
    assert detected == encoding


@pytest.mark.parametrize(
    "data",
    [
        os.urandom(0) + bytes(range(256)) * 8,
        b"\x00\x01\x02\x03" * 500,
        b"\x89PNG\r\n\x1a\n" + bytes(range(200)) * 3,
    ],
)
def test_binary_garbage_is_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(DecodeError, match=r"binary|not text|neither"):
        decode_bytes(data)


# Issue 15, item 7: one bad byte, or an Arabic character cut at the end, used to make the
# whole file Windows-1256 (stored as garbage, no entities, no word said).
CUT = ARABIC.encode("utf-8")[:-4]  # without »." and the second byte of «ة»: a character cut at the end
STRAY = ARABIC.encode("utf-8")[:40] + b"\xff" + ARABIC.encode("utf-8")[40:]


@pytest.mark.parametrize(("data", "at"), [(CUT, len(CUT) - 1), (STRAY, 40)], ids=["cut-at-the-end", "stray-byte"])
def test_utf8_with_a_few_invalid_bytes_stays_utf8_and_says_where(data: bytes, at: int) -> None:
    decoded = decode(data)
    assert decoded.encoding == "utf-8"
    assert decoded.invalid == (at,)
    assert decoded.text.replace("\ufffd", "") in (ARABIC, ARABIC[: len(decoded.text) - 1])
    assert f"1 invalid UTF-8 byte sequence(s) replaced with U+FFFD, at byte {at} (line 1)" in decoded.invalid_report(
        data
    )


def test_windows_1256_is_still_read_as_windows_1256_and_binary_still_refused() -> None:
    assert decode(ARABIC.encode("cp1256")) == Decoded(ARABIC, "cp1256")
    assert decode(("قصير").encode("cp1256")).encoding == "cp1256"  # short: no valid UTF-8 sequence at all
    with pytest.raises(DecodeError):
        decode(bytes(range(256)) * 8)


def test_a_file_with_a_bad_byte_is_stored_as_utf8_and_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\n" + STRAY)
    items = list(read_documents([tmp_path]))
    warning, doc = items
    assert isinstance(warning, ReadWarning) and "at byte 41 (line 2)" in warning.reason
    assert isinstance(doc, Document) and doc.text.replace("\ufffd", "") == "\n" + ARABIC
    line = json.dumps({"id": "j", "text": ARABIC}, ensure_ascii=False).encode("utf-8")
    (tmp_path / "a.txt").unlink()
    (tmp_path / "b.jsonl").write_bytes(line[:60] + b"\xfe" + line[60:] + b"\n")  # inside the text, in JSON Lines
    warning, doc = list(read_documents([tmp_path]))
    assert isinstance(warning, ReadWarning) and warning.where.endswith("b.jsonl:1")
    assert isinstance(doc, Document) and "\ufffd" in doc.text
