from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.extract.spans import ByStart, WordPattern, matches_by_sentence
from marsad.text.segment import Span, sentence_spans

_WORDS = re.compile(r"(?<![^\W_])(?:عضو|عضوية|member)(?![^\W_])")


@given(st.lists(st.sampled_from(["عضو", "عضوية", "member", "x", "أعضاء", ".", "؟", "\n", " ", "،"]), max_size=60))
def test_one_pass_finds_what_each_sentence_finds_alone(pieces: list[str]) -> None:
    text = " ".join(pieces)
    sentences = sentence_spans(text)
    bounds = [(s.start, s.end) for s in sentences]
    one_pass = [[(m.start(), m.end()) for m in found] for found in matches_by_sentence(_WORDS, text, bounds)]
    alone = [[(m.start(), m.end()) for m in _WORDS.finditer(text, s.start, s.end)] for s in sentences]
    assert one_pass == alone


@given(
    st.lists(st.sampled_from(["عضو", "عضوية", "member", "x", "أعضاء", "وعضو", ".", "؟", "\n", " ", "،"]), max_size=60)
)
def test_a_word_pattern_finds_what_the_whole_text_pass_finds(pieces: list[str]) -> None:
    text = " ".join(pieces)
    bounds = [(s.start, s.end) for s in sentence_spans(text)]
    words = WordPattern(_WORDS, ["عضو", "عضوية", "member"])
    found = [[(m.start(), m.end()) for m in f] for f in words.by_sentence(text, bounds)]
    assert found == [[(m.start(), m.end()) for m in f] for f in matches_by_sentence(_WORDS, text, bounds)]


def test_a_word_pattern_searches_only_the_sentences_holding_its_words() -> None:
    # the pattern would match «x» too, but «x» is none of its words: its sentence is skipped
    text = "عضو هنا. x هناك."
    words = WordPattern(re.compile(r"عضو|x"), ["عضو"])
    assert [[m.group() for m in f] for f in words.by_sentence(text, [(0, 8), (9, 16)])] == [["عضو"], []]
    assert WordPattern(re.compile("عضو"), []).by_sentence(text, [(0, 8)]) == [[]]


def test_a_match_between_sentences_belongs_to_none() -> None:
    text = "عضو. x member"
    sentences = [(0, 4), (5, 6)]  # «member» lies outside both
    assert [[m.group() for m in found] for found in matches_by_sentence(_WORDS, text, sentences)] == [["عضو"], []]


@pytest.mark.parametrize(("start", "end", "expected"), [(0, 10, [0, 5, 9]), (1, 5, []), (5, 6, [5]), (6, 99, [9])])
def test_by_start_between(start: int, end: int, expected: list[int]) -> None:
    items = ByStart([Span(9, 10), Span(0, 2), Span(5, 7)], lambda s: s.start)
    assert [s.start for s in items.between(start, end)] == expected
