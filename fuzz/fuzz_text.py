"""Coverage-guided fuzzing (atheris) of the text layer and the whole extraction: no input
may crash them, and every span they return must map back into the original text.

    .venv/bin/python fuzz/fuzz_text.py -max_total_time=60
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from marsad.document import Document
    from marsad.extract.pipeline import build_pipeline
    from marsad.text.dates import anchored_spans, find_date_mentions
    from marsad.text.normalize import normalize
    from marsad.text.numbers import find_quantities
    from marsad.text.segment import sentence_spans

PIPELINE = build_pipeline()


def check(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    norm = normalize(text)
    for i in range(0, len(norm.text) + 1, max(1, len(norm.text) // 7 or 1)):
        start, end = norm.to_original(0, i)
        assert 0 <= start <= end <= len(text)
    for span in sentence_spans(text):
        assert 0 <= span.start <= span.end <= len(text)
    for found in [*find_date_mentions(text, "2024-09-07"), *find_quantities(text), *anchored_spans(text)]:
        assert 0 <= found.start <= found.end <= len(text)
    doc = PIPELINE(Document("fuzz", text))
    for mention in doc.mentions:
        assert text[mention.start : mention.end] == mention.text
    for fact in [*doc.events, *doc.figures, *doc.memberships]:
        assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.text


if __name__ == "__main__":
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()
