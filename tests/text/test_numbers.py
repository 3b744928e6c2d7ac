from __future__ import annotations

import pytest

from marsad.lang import language_pack
from marsad.text.numbers import find_quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أنفقت أكثر من 1.3 مليار دولار على تحديث الجيش", [("1.3 مليار دولار", 1.3e9, "USD")]),
        ("سجلت نموًا بنسبة 8.8٪ في الميزانيات العسكرية", [("8.8٪", 8.8, "percent")]),
        ("أعلنت تقديم مساعدات لقيرغيزستان تقدر بنحو مليار يوان", [("مليار يوان", 1e9, "CNY")]),
        ("وصل نحو 98 ألف مواطن روسي", [("98 ألف مواطن", 98000, "persons")]),
        ("القوات الروسية البالغ عددها حوالي 2500 جندي", [("2500 جندي", 2500, "soldiers")]),
        ("وهو ما يؤيده 81 % من الشعب الكازاخي", [("81 %", 81, "percent")]),
        ("تسجيل نحو1348 شركة روسية جديدة", [("1348 شركة", 1348, "companies")]),
        ("تضم روسيا و12 من الجمهوريات السوفييتية السابقة", [("12 من الجمهوريات", 12, "states")]),
        ("لتتراجع عضويتها إلى ست دول فقط", [("ست دول", 6, "states")]),
        ("اختار ثلاثة من الأعضاء التسعة الانسحاب", [("الأعضاء التسعة", 9, "states")]),
        ("ينفق الجيش ١٫٥ مليار روبل سنويا", [("١٫٥ مليار روبل", 1.5e9, "RUB")]),
        ("تعاون الدول الخمس في عام 2022", []),  # a known group and a year: no figure
        ("انطلاق مناورات بيرليك 2025 في دولة واحدة", []),
    ],
)
def test_quantities(text: str, expected: list[tuple[str, float, str]]) -> None:
    found = find_quantities(text)
    assert [(text[q.start : q.end], q.value, q.unit) for q in found] == expected


# -- sentences with no digit and no number word are skipped: the same as reading them -------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from marsad.text import numbers  # noqa: E402
from marsad.text.normalize import normalize  # noqa: E402

_NUMBER_PIECES = [
    "3", "1.3", "2,500", "٤٥", "98", "ثلاثة", "الثلاثة", "ست", "تسعة", "عشرين", "مليار", "بمليار", "ألف", "مليون",
    "دولار", "روبل", "٪", "%", "في المئة", "جندي", "مواطن", "دول", "الأعضاء", "من", "من الأعضاء", "دولة", "واحدة",
    "قال", "ال", "ب", " ", " ", " ", "\n", ".", "،", "x",
]  # fmt: skip


class _Everywhere:
    def may_hold_number(self, start: int, end: int) -> bool:
        return True


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NUMBER_PIECES), max_size=50).map("".join), st.data())
def test_quantities_of_a_span_agree_with_reading_every_span(text: str, data) -> None:
    norm = normalize(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    arabic = language_pack("ar")
    got = numbers.find_quantities_in(norm, start, end, arabic)
    places, numbers.places = numbers.places, lambda norm, language: _Everywhere()  # type: ignore[assignment]
    try:
        expected = numbers.find_quantities_in(norm, start, end, arabic)
    finally:
        numbers.places = places
    assert got == expected
