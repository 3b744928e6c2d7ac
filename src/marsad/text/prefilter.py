"""One pass over a normalized text that says where a date expression or a quantity can be.

Every date expression and every quantity holds a digit or one of a few words of its
language (a month name, a number word, «عام» …). One Aho-Corasick pass over the words and one over the digit runs
list those places; the date pattern is then tried only where a match can start, and the
number pattern only on sentences that hold one of them. Both look at the same text: the pass
is made once per text and kept for the next caller.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from marsad.lang import Language
from marsad.text.normalize import NormalizedText

_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Places:
    """Where matches can be in one normalized text (normalized offsets, sorted)."""

    date_words: list[int]  # where a date expression opening with a word can start (may be < 0)
    digit_starts: list[int]  # the runs of digits
    digit_ends: list[int]
    number_words: list[int]  # where a number or scale word starts

    def may_hold_number(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` holds a digit or the start of a number or scale word."""
        index = bisect_left(self.number_words, start)
        if index < len(self.number_words) and self.number_words[index] < end:
            return True
        index = bisect_left(self.digit_starts, end) - 1  # the last run starting before ``end``
        return index >= 0 and self.digit_ends[index] > start


@lru_cache(maxsize=16)
def _automaton(language: Language) -> ahocorasick.Automaton:
    # imported here: both modules read their words from their own rules, and use this one
    from marsad.text.dates import date_anchor_words
    from marsad.text.numbers import number_anchor_words

    values: dict[str, tuple[tuple[int, ...], bool]] = {}
    for word, lead in date_anchor_words(language):
        leads, number = values.get(word, ((), False))
        values[word] = (tuple(sorted({*leads, lead})), number)
    for word in number_anchor_words(language):
        leads, _ = values.get(word, ((), False))
        values[word] = (leads, True)
    automaton = ahocorasick.Automaton()
    for word, (leads, number) in values.items():
        automaton.add_word(word, (len(word), leads, number))
    automaton.make_automaton()
    return automaton


# the text asked last, the language it was read in, and its places
_last: tuple[NormalizedText, Language, Places] | None = None


def places(norm: NormalizedText, language: Language) -> Places:
    """The places of ``norm`` in the words of ``language``, found once for the dates and
    again for the figures."""
    global _last
    last = _last
    if last is not None and last[0] is norm and last[1] is language:
        return last[2]
    text = norm.text
    digit_starts: list[int] = []
    digit_ends: list[int] = []
    for match in _DIGITS.finditer(text):
        digit_starts.append(match.start())
        digit_ends.append(match.end())
    dates: set[int] = set()
    numbers: list[int] = []
    automaton = _automaton(language)
    if len(automaton):
        for end, (length, leads, number) in automaton.iter(text):
            start = end - length + 1
            dates.update(start - lead for lead in leads)
            if number:
                numbers.append(start)
    numbers.sort()
    found = Places(sorted(dates), digit_starts, digit_ends, numbers)
    _last = (norm, language, found)
    return found
