from __future__ import annotations

import codecs
import os

import pytest

from marsad.ingest.decode import DecodeError, decode_bytes

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
