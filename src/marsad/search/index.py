"""Postings of a document for the store's search index, and BM25 search over them."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from html import escape
from itertools import chain

from marsad.document import Document
from marsad.kb.loader import KnowledgeBase
from marsad.lang import Language
from marsad.search.keys import WORD, SearchKeys, default_keys, query_terms, tokens
from marsad.text.normalize import NormalizedText, normalize

# BM25 parameters (the usual defaults)
K1 = 1.2
B = 0.75


def postings(
    text: str, norm: NormalizedText | None = None, keys: SearchKeys | None = None
) -> tuple[list[tuple[str, int]], int]:
    """(key, count) for every search key of ``text``, and its token count. Postings are per
    document: the sentence to show is found at search time, in the few articles shown.
    ``keys``: the pipeline's knowledge base and language (else the bundled, Arabic)."""
    norm = norm or normalize(text)
    word_keys = (keys or default_keys()).word_keys
    words = WORD.findall(norm.text)
    # every key of every word, counted at C speed: the cached keys mapped over the words
    counts = Counter(chain.from_iterable(map(word_keys, words)))
    return list(counts.items()), len(words)


def best_sentence(text: str, sentences: list[tuple[int, int]], terms: list[frozenset[str]]) -> tuple[int, int]:
    """The span of the sentence of ``text`` with the most of ``terms``, then the most matched
    words; the first such sentence (the whole text when it has no sentences).

    It runs in the server's request threads for every article a search shows, holding the
    GIL, so it does the least per word: a word's keys come from the cache and are tested
    against all the terms at once; only a word that matches is looked at further, and the
    sentences' starts are mapped to the normalized text once instead of every word back."""
    if not sentences:
        return 0, len(text)
    norm = normalize(text)
    starts = norm.to_normalized_sorted([start for start, _ in sentences])
    keys_of = default_keys().word_keys
    wanted = frozenset().union(*terms)
    matched: list[set[int]] = [set() for _ in sentences]
    hits = [0] * len(sentences)
    for match in WORD.finditer(norm.text):
        keys = keys_of(match.group())
        if keys.isdisjoint(wanted):
            continue
        sentence = max(0, bisect_right(starts, match.start()) - 1)
        matched[sentence].update(i for i, term in enumerate(terms) if not keys.isdisjoint(term))
        hits[sentence] += 1
    best = max(range(len(sentences)), key=lambda i: (len(matched[i]), hits[i], -i))
    return sentences[best]


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
    requires = ("normalized",)
    assigns = ("search_postings", "n_tokens")

    def __init__(self, kb: KnowledgeBase, language: Language) -> None:
        self._keys = SearchKeys(kb, language)

    def __call__(self, doc: Document) -> Document:
        if doc.normalized is None:
            raise ValueError(f"document {doc.id}: the index stage needs the normalize stage before it")
        doc.search_postings, doc.n_tokens = postings(doc.text, doc.normalized, self._keys)
        return doc
