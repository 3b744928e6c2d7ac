"""No stage's output grows faster than its input: a sentence without punctuation is the
case where every event and claim of it would otherwise carry the whole of it."""

from __future__ import annotations

import io
import itertools

import pytest

from marsad.document import Document
from marsad.extract.pipeline import build_pipeline
from marsad.output import document_record, write_jsonl

# Words that make statements, meetings, agreements and exercises everywhere they recur.
_WORDS = [
    "قال",
    "الرئيس",
    "الكازاخستاني",
    "إن",
    "روسيا",
    "وقعت",
    "اتفاقية",
    "مع",
    "طاجيكستان",
    "وأكد",
    "وزير",
    "الدفاع",
    "أن",
    "القوات",
    "أجرت",
    "مناورات",
    "عسكرية",
    "في",
    "دوشنبه",
]


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


def _output_bytes(pipeline, words: int) -> tuple[int, int]:
    text = " ".join(itertools.islice(itertools.cycle(_WORDS), words))
    doc = pipeline(Document("long", text))
    out = io.StringIO()
    write_jsonl(document_record(doc, pipeline.kb), out)
    return len(text.encode()), len(out.getvalue().encode())


def test_an_unpunctuated_sentence_gives_output_linear_in_its_length(pipeline) -> None:
    small_in, small_out = _output_bytes(pipeline, 3_000)
    large_in, large_out = _output_bytes(pipeline, 12_000)
    assert large_in / small_in == pytest.approx(4, rel=0.01)
    # linear: four times the text, about four times the output (quadratic would be sixteen)
    assert large_out / small_out < 5
    assert large_out < 100 * large_in
