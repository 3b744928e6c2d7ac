from __future__ import annotations

import pytest

from marsad.text.dates import find_dates, publication_date_from_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("اختتمت، يوم 14 أكتوبر 2022، بالعاصمة الكازاخية أستانة قمة", ["2022-10-14"]),
        ("في 28 أيار/مايو 2025، عقدت في مدينة بشكيك الجلسة الدورية", ["2025-05-28"]),
        ("وقّعت في ١٥ مايو ١٩٩٢ معاهدة الأمن الجماعي", ["1992-05-15"]),
        ("2024-09-07", ["2024-09-07"]),
        ("نُشر في 07/09/2024 على الموقع", ["2024-09-07"]),
        ("On 7 September 2024 the ministers met", ["2024-09-07"]),
        ("15 мая 1992 года", ["1992-05-15"]),
        ("بلغ الإنفاق 1.3 مليار دولار في 2023", []),  # a number and a year are not a full date
        ("31 فبراير 2022", []),  # no such day
    ],
)
def test_find_dates(text: str, expected: list[str]) -> None:
    found = find_dates(text)
    assert [d.value for d in found] == expected
    for d in found:
        assert text[d.start : d.end].strip()


def test_publication_date_of_seed_with_dateline(seed_texts: dict[str, str]) -> None:
    assert publication_date_from_text(seed_texts["000_f44bbeda982aca56"]) == "2024-09-07"


@pytest.mark.parametrize("doc", ["001_c6f2d8ba9e7b2ca0", "002_381fc2a0ed7cd032", "003_9ffee1fcac2a99ef"])
def test_no_publication_date_is_invented(seed_texts: dict[str, str], doc: str) -> None:
    """A date inside a sentence (14 أكتوبر 2022, 28 أيار/مايو 2025) is an event date, not a dateline."""
    assert publication_date_from_text(seed_texts[doc]) == ""
