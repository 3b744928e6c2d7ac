"""A guarded pattern finds exactly what the plain pattern finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.lang import language_pack
from marsad.text.normalize import normalize
from marsad.text.numbers import number_rules
from marsad.text.regex import first_letters, guarded, word_trie

SENTENCES = [
    "بلغ الإنفاق العسكري لقيرغيزستان 1.3 مليار دولار في عام 2023.",
    "أرسلت روسيا ثلاثة آلاف جندي و2500 عنصر إلى طاجيكستان، أي 8.8٪ من قواتها.",
    "وشارك الأعضاء التسعة في القمة التي عقدت في 15 رمضان 1445 هـ.",
    "لا أرقام في هذه الجملة على الإطلاق.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_the_guarded_number_pattern_matches_as_the_plain_one(sentence: str) -> None:
    rules = number_rules(language_pack("ar"))
    plain = re.compile(rules.number.pattern.split("(?:", 1)[1].rsplit(")", 1)[0])
    text = normalize(sentence).text
    guarded_spans = [m.span() for m in rules.number.finditer(text)]
    assert guarded_spans == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize(
    ("words", "text", "expected"),
    [
        (["قمة", "اجتماع"], "عقدت القمة بعد اجتماع طويل", ["قمة", "اجتماع"]),
        (["قمة"], "لا شيء هنا", []),
    ],
)
def test_guarded_finds_every_word(words: list[str], text: str, expected: list[str]) -> None:
    pattern = guarded("|".join(words), first_letters(words))
    assert pattern.findall(text) == expected


def test_a_first_character_left_out_loses_its_matches() -> None:
    # the contract: every possible first character must be given
    assert guarded("قمة|اجتماع", first_letters(["قمة"])).findall("اجتماع ثم قمة") == ["قمة"]


def test_digits_can_open_a_match() -> None:
    assert guarded(r"\d+ جندي", [], digits=True).findall("أرسلت 2500 جندي") == ["2500 جندي"]


_LETTERS = st.text(alphabet="قالتوا ", max_size=30)
_WORDS = st.lists(st.text(alphabet="قالتو", min_size=1, max_size=5), min_size=1, max_size=12)


@given(_WORDS, _LETTERS)
def test_a_word_trie_matches_what_the_longest_first_alternation_matches(words: list[str], text: str) -> None:
    plain = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    ordered = re.compile(rf"(?<![^\W_])(?:{plain})(?![^\W_])")
    trie = re.compile(rf"(?<![^\W_])(?:{word_trie(words)})(?![^\W_])")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in ordered.finditer(text)]


@pytest.mark.parametrize(
    ("words", "text", "found"),
    [
        (["قال", "قالت", "قالوا"], "قالت وقالوا قال", ["قالت", "قالوا", "قال"]),
        (["قال"], "قالت", ["قال"]),  # without a word boundary after it, a prefix is found
        (["ab", "abc"], "abd", ["ab"]),
    ],
)
def test_word_trie(words: list[str], text: str, found: list[str]) -> None:
    assert re.findall(word_trie(words), text) == found
