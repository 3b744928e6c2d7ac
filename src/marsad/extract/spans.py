"""Items with a start offset, found by range in logarithmic time: a stage that looks at each
sentence's mentions or dates must not read the whole document's list for every sentence (a
10 MB article has 100,000 sentences)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

import ahocorasick

T = TypeVar("T")


class ByStart(Generic[T]):
    def __init__(self, items: Sequence[T], start: Callable[[T], int] = lambda item: item.start) -> None:  # type: ignore[attr-defined]
        self.items = sorted(items, key=start)
        self.starts = [start(item) for item in self.items]

    def between(self, start: int, end: int) -> list[T]:
        """The items starting in ``[start, end)``, in order."""
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def first_from(self, start: int) -> T | None:
        index = bisect_left(self.starts, start)
        return self.items[index] if index < len(self.items) else None


def matches_by_sentence(
    pattern: re.Pattern[str], text: str, sentences: Sequence[tuple[int, int]]
) -> list[list[re.Match[str]]]:
    """The matches of ``pattern`` in ``text``, found in one pass and given to the sentence
    (``sentences``: sorted, disjoint (start, end) spans of ``text``) each starts in. A pattern whose
    matches never cross a sentence's end (words, not punctuation) finds the same as when
    run on each sentence alone, at a fraction of the calls."""
    found: list[list[re.Match[str]]] = [[] for _ in sentences]
    starts = [start for start, _ in sentences]
    for match in pattern.finditer(text):
        index = bisect_right(starts, match.start()) - 1
        if index >= 0 and match.start() < sentences[index][1]:
            found[index].append(match)
    return found


class WordPattern:
    """A pattern over literal words (the clitics and word boundaries around them are the
    pattern's), kept with the words themselves: one Aho-Corasick pass finds the few
    sentences holding any of them, and only those are searched. A pattern that opens with a
    lookbehind is tried at every position of a text; most sentences hold none of its words.
    Every match of the pattern holds one of ``words`` (normalized), or the sentence is not
    searched."""

    def __init__(self, pattern: re.Pattern[str], words: Iterable[str]) -> None:
        self.pattern = pattern
        self._words = ahocorasick.Automaton()
        for word in set(words):
            if word:
                self._words.add_word(word, len(word))
        if len(self._words):
            self._words.make_automaton()

    def by_sentence(self, text: str, sentences: Sequence[tuple[int, int]]) -> list[list[re.Match[str]]]:
        """:func:`matches_by_sentence` of the pattern, searching only the sentences that hold
        one of its words."""
        found: list[list[re.Match[str]]] = [[] for _ in sentences]
        if not len(self._words):
            return found
        starts = [start for start, _ in sentences]
        holding = {bisect_right(starts, end - length + 1) - 1 for end, length in self._words.iter(text)}
        for index in sorted(holding):
            if index >= 0:
                start, end = sentences[index]
                found[index] = list(self.pattern.finditer(text, start, end))
        return found
