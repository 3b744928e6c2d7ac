"""The text readers take their words from the language packs: each pack's dates, numbers,
character folds and sentence marks, and the script-level ones pooled for every text."""

from __future__ import annotations

import pytest

from marsad.lang import LanguageDataError, language_pack
from marsad.lang.base import check_data
from marsad.text.dates import find_date_mentions
from marsad.text.normalize import normalization_sources, normalize
from marsad.text.numbers import find_quantities
from marsad.text.segment import sentence_spans


def _dates(text: str, code: str) -> list[tuple[str, str]]:
    return [(text[d.start : d.end], d.value) for d in find_date_mentions(text, "2024-06-01", language_pack(code))]


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("ar", "عقد الاجتماع في 7 سبتمبر 2023", [("7 سبتمبر 2023", "2023-09-07")]),
        ("ar", "انعقدت القمة العام الماضي", [("العام الماضي", "2023")]),
        ("en", "The talks opened on 7 September 2023.", [("7 September 2023", "2023-09-07")]),
        ("ru", "Переговоры прошли 7 сентября 2023 года.", [("7 сентября 2023", "2023-09-07")]),
        # the relative phrases are a language's own: Arabic words mean nothing in English
        ("en", "العام الماضي", []),
        # a month name of another pack is read in any text (a quoted dateline)
        ("ar", "نشر التقرير (March 2024) في موسكو", [("March 2024", "2024-03")]),
        # a language without a pack: pooled month names and digits only
        ("kk", "Kelissózder 2023-09-07 jáne 7 September 2023", [("2023-09-07", "2023-09-07"), ("7 September 2023", "2023-09-07")]),
    ],
)  # fmt: skip
def test_dates_are_read_in_the_words_of_the_language(code: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert _dates(text, code) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقع الاتفاق و2022 كان عاما صعبا", "2022"),  # a proclitic on the digits is left out
        ("وقعت في فبراير 2024", "فبراير 2024"),  # a month that opens with such a letter keeps it
    ],
)
def test_a_proclitic_is_cut_only_where_it_stands_against_digits(text: str, expected: str) -> None:
    assert [span for span, _ in _dates(text, "ar")] == [expected]


def test_number_words_are_a_language_own_and_symbols_are_everyone_s() -> None:
    assert [(q.value, q.unit) for q in find_quantities("أرسلت ثلاث دول 5%", language_pack("ar"))] == [
        (3.0, "states"),
        (5.0, "percent"),
    ]
    assert [(q.value, q.unit) for q in find_quantities("three states sent 5%", language_pack("en"))] == [
        (3.0, "states"),
        (5.0, "percent"),
    ]
    # the English pack reads no Arabic number word: «ثلاث دول» is not its figure, «5%» is
    assert [(q.value, q.unit) for q in find_quantities("ثلاث دول 5%", language_pack("en"))] == [(5.0, "percent")]


def test_the_arabic_folds_come_from_the_arabic_pack_and_apply_to_every_text() -> None:
    assert any(str(s).endswith("lang/ar/data/normalization.yaml") for s in normalization_sources())
    assert normalize("أُنشئت «الرابطة»").text == "انشيت الرابطه"
    assert normalize("MoscoW—Астана").text == "moscow-астана"  # the folds of no one script


def test_sentence_marks_and_abbreviations_of_every_pack_are_pooled() -> None:
    text = "هل انتهى الاجتماع؟ نعم. The U.S. team left. Встреча прошла в г. Москве."
    assert [text[s.start : s.end] for s in sentence_spans(text)] == [
        "هل انتهى الاجتماع؟",
        "نعم.",
        "The U.S. team left.",
        "Встреча прошла в г. Москве.",
    ]


@pytest.mark.parametrize(
    ("file", "raw", "message"),
    [
        ("dates.yaml", {"source": "s", "licence": "l", "gregorian": {}, "seasons": []}, "unknown key(s) ['seasons']"),
        ("dates.yaml", {"source": "s", "licence": "l"}, "missing required key 'gregorian'"),
        ("numbers.yaml", {"source": "s", "licence": "l", "partitive": "من"}, "'partitive' must be a list"),
        ("normalization.yaml", {"source": "s", "licence": "l", "tables": {}}, "'tables' must be a list"),
    ],
)
def test_a_pack_text_file_that_breaks_the_schema_is_named(file: str, raw: dict, message: str) -> None:
    with pytest.raises(LanguageDataError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        check_data(file, raw)
