"""Postings of a document for the store's search index, and BM25 search over them."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from html import escape

from marsad.document import Document
from marsad.search.keys import WORD, query_terms, tokens, word_keys
from marsad.text.normalize import NormalizedText, normalize

# BM25 parameters (the usual defaults)
K1 = 1.2
B = 0.75


def postings(
    text: str, sentences: list[tuple[int, int]], norm: NormalizedText | None = None
) -> tuple[list[tuple[str, int, int]], int]:
    """(key, sentence index, count) for every search key of ``text``, and its token count."""
    norm = norm or normalize(text)
    # sentence starts in the normalized text: each word is placed without mapping it back
    starts = [norm.to_normalized(start) for start, _ in sentences]
    counts: Counter[tuple[str, int]] = Counter()
    n_tokens = 0
    for match in WORD.finditer(norm.text):
        n_tokens += 1
        sentence = max(0, bisect_right(starts, match.start()) - 1)
        for key in word_keys(match.group()):
            counts[(key, sentence)] += 1
    return [(key, sentence, n) for (key, sentence), n in counts.items()], n_tokens


@dataclass(frozen=True, slots=True)
class Highlighted:
    text: str
    spans: tuple[tuple[int, int], ...]  # offsets in ``text`` of the words that matched

    def html(self) -> str:
        """The text escaped, with each matched word in ``<mark>``."""
        out, pos = [], 0
        for start, end in self.spans:
            out.append(escape(self.text[pos:start]))
            out.append(f"<mark>{escape(self.text[start:end])}</mark>")
            pos = end
        out.append(escape(self.text[pos:]))
        return "".join(out)


def highlight(text: str, terms: list[frozenset[str]]) -> Highlighted:
    wanted = frozenset().union(*terms) if terms else frozenset()
    spans = tuple((t.start, t.end) for t in tokens(text) if t.keys & wanted)
    return Highlighted(text, spans)


def parse_query(query: str) -> list[frozenset[str]]:
    """The query's terms, each the set of keys it matches; words repeated count once."""
    seen: list[frozenset[str]] = []
    for term in query_terms(query):
        if term not in seen:
            seen.append(term)
    return seen


class IndexStage:
    """The search index's rows of a document, made with the extraction (in the worker
    processes of a parallel ingest) so that the store's single writer only inserts them."""

    name = "index"
    requires = ("normalized", "sentences")
    assigns = ("search_postings", "n_tokens")

    def __call__(self, doc: Document) -> Document:
        if doc.normalized is None:
            raise ValueError(f"document {doc.id}: the index stage needs the normalize stage before it")
        doc.search_postings, doc.n_tokens = postings(
            doc.text, [(s.start, s.end) for s in doc.sentences], doc.normalized
        )
        return doc
