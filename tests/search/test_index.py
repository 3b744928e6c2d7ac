"""Postings per document, the sentence shown with a hit, and name spellings."""

from __future__ import annotations

import pytest

from marsad.search.index import best_sentence, parse_query, postings
from marsad.search.keys import NAME_KEY, word_keys

TEXT = "زار الرئيس موسكو أمس. ثم عقدت منظمة شنغهاي للتعاون قمتها في سمرقند. وقالت منظمة أخرى إن منظمة شنغهاي تتوسع."
SENTENCES = [(0, 21), (22, 66), (67, len(TEXT))]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("منظمة شنغهاي سمرقند", 1),  # three terms in the second sentence: more than the third's two
        ("منظمة", 2),  # one term: the sentence with most of its words
        ("موسكو", 0),
        ("لموسكو", 0),  # a proclitic in the query
        ("كلمة غائبة", 0),  # nothing matches: the first sentence
    ],
)
def test_the_sentence_shown_holds_the_most_terms(query: str, expected: int) -> None:
    assert best_sentence(TEXT, SENTENCES, parse_query(query)) == SENTENCES[expected]


def test_a_text_without_sentences_is_shown_whole() -> None:
    assert best_sentence(TEXT, [], parse_query("منظمة")) == (0, len(TEXT))


def test_postings_count_each_key_once_per_document() -> None:
    found, n_tokens = postings(TEXT)
    counts = dict(found)
    assert n_tokens == len(TEXT.replace(".", "").split())
    assert counts["اخري"] == 1  # «أخرى», normalized
    assert counts[NAME_KEY + "منظمه"] == 3  # «منظمة» three times: a name's word, under its name key only
    assert counts[NAME_KEY + "موسجو"] == 1 and "موسكو" not in counts
    assert len(found) == len(counts)


@pytest.mark.parametrize(
    ("article_word", "query_word"),
    [
        ("شنغهاي", "شنجهاي"),
        ("شنقهاي", "شنغهاي"),
        ("روسيا", "لروسيا"),  # a name folding leaves alone: indexed once, still found
        ("طاجيكستان", "وطاجيكستان"),
    ],
)
def test_every_spelling_of_a_name_finds_the_others(article_word: str, query_word: str) -> None:
    (term,) = parse_query(query_word)
    assert word_keys(article_word) & term


@pytest.mark.parametrize(
    ("word", "keys"),
    [
        ("روسيا", {NAME_KEY + "روسيا"}),  # a name's word: its name key alone
        ("وموسكو", {"وموسكو", NAME_KEY + "موسجو"}),  # with a proclitic, the word as written too
        ("الاحتجاجات", {"الاحتجاجات", "احتجاجات"}),  # an everyday word: its readings
    ],
)
def test_the_keys_a_word_is_indexed_under(word: str, keys: set[str]) -> None:
    assert word_keys(word) == frozenset(keys)


@pytest.mark.parametrize(("article_word", "query_word"), [("جال", "قال"), ("جياده", "قيادة")])
def test_everyday_words_are_not_folded(article_word: str, query_word: str) -> None:
    (term,) = parse_query(query_word)
    assert not word_keys(article_word) & term
