"""Stages that prepare text: normalization and sentence segmentation."""

from __future__ import annotations

from marsad.document import Document
from marsad.kb.loader import KnowledgeBase
from marsad.lang import Language
from marsad.text.dates import article_time, date_expressions, resolve_dates
from marsad.text.normalize import normalize
from marsad.text.segment import sentence_spans


class NormalizeStage:
    name = "normalize"
    requires = ("text",)
    assigns = ("normalized",)

    def __init__(self, kb: KnowledgeBase, language: Language) -> None:
        pass  # one table for every script: each pack adds its script's folds (text/normalize.py)

    def __call__(self, doc: Document) -> Document:
        if doc.normalized is None or doc.normalized.original is not doc.text:  # done for the content hash
            doc.normalized = normalize(doc.text)
        return doc


class SegmentStage:
    name = "segment"
    requires = ("text", "normalized")
    assigns = ("sentences", "normalized_sentences")

    def __init__(self, kb: KnowledgeBase, language: Language) -> None:
        pass  # the terminators and abbreviations of every pack, pooled (text/segment.py)

    def __call__(self, doc: Document) -> Document:
        doc.sentences = sentence_spans(doc.text)
        norm = doc.normalized
        assert norm is not None, "the normalize stage runs before segment"
        # mapped once here: every later stage reads a sentence in the normalized text
        bounds = norm.to_normalized_sorted([offset for s in doc.sentences for offset in (s.start, s.end)])
        doc.normalized_sentences = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
        return doc


class DatesStage:
    """Every date expression, resolved against the publication date — or, when the article
    has none, against its own time (:func:`article_time`), kept apart as ``reference_date``."""

    name = "dates"
    requires = ("text",)
    assigns = ("dates", "reference_date")

    def __init__(self, kb: KnowledgeBase, language: Language) -> None:
        self._language = language  # its month names, calendars and words around a date

    def __call__(self, doc: Document) -> Document:
        expressions = date_expressions(doc.text, doc.normalized, self._language)
        doc.reference_date = doc.meta.published or article_time(doc.text, expressions, self._language)
        doc.dates = resolve_dates(expressions, doc.reference_date, self._language)
        return doc
