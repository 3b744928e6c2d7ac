"""Stages that prepare text: normalization and sentence segmentation."""

from __future__ import annotations

from marsad.document import Document
from marsad.text.normalize import normalize
from marsad.text.segment import sentence_spans


class NormalizeStage:
    name = "normalize"
    requires = ("text",)
    assigns = ("normalized",)

    def __call__(self, doc: Document) -> Document:
        doc.normalized = normalize(doc.text)
        return doc


class SegmentStage:
    name = "segment"
    requires = ("text",)
    assigns = ("sentences",)

    def __call__(self, doc: Document) -> Document:
        doc.sentences = sentence_spans(doc.text)
        return doc
