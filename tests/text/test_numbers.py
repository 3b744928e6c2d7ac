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
        (
            "اختار ثلاثة من الأعضاء التسعة الانسحاب",
            [("ثلاثة من الأعضاء", 3, "members"), ("الأعضاء التسعة", 9, "members")],
        ),
        ("ينفق الجيش ١٫٥ مليار روبل سنويا", [("١٫٥ مليار روبل", 1.5e9, "RUB")]),
        ("تعاون الدول الخمس في عام 2022", []),  # a known group and a year: no figure
        ("انطلاق مناورات بيرليك 2025 في دولة واحدة", []),
    ],
)
def test_quantities(text: str, expected: list[tuple[str, float, str]]) -> None:
    found = find_quantities(text)
    assert [(text[q.start : q.end], q.value, q.unit) for q in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word times a scale, compounds, teens, hundreds
        ("نشرت الوزارة ثلاثة آلاف جندي على الحدود", [("ثلاثة آلاف جندي", 3000, "soldiers")]),
        ("وصل خمسة عشر مراقبا إلى المدينة", [("خمسة عشر مراقبا", 15, "persons")]),
        ("تشارك ثلاث وعشرون دولة في الاجتماع", [("ثلاث وعشرون دولة", 23, "states")]),
        ("أرسل مائة وخمسة وعشرون مدربا", [("مائة وخمسة وعشرون مدربا", 125, "persons")]),
        ("يضم الفوج سبعمائة عسكري", [("سبعمائة عسكري", 700, "soldiers")]),
        ("بلغت الكلفة مليون و500 ألف دولار", [("مليون و500 ألف دولار", 1.5e6, "USD")]),
        ("تسلمت ألفا وخمسمائة قطعة سلاح", [("ألفا وخمسمائة قطعة سلاح", 1500, "weapons")]),
        ("وصلت مئة ألف جرعة من اللقاح", [("مئة ألف جرعة", 100000, "items")]),
        ("قدمت مليونين ونصف المليون يورو", [("مليونين ونصف المليون يورو", 2.5e6, "EUR")]),
        ("قدمت بليونين ونصف المليون يورو", [("بليونين ونصف المليون يورو", 2.0005e9, "EUR")]),
        ("يضم الجيش 1,5 ألف ضابط", [("1,5 ألف ضابط", 1500, "soldiers")]),
        ("رصدت 3 تريليونات ين للمشروع", [("3 تريليونات ين", 3e12, "JPY")]),
        # accusative and plural nouns, proclitics
        ("أوقفت الشرطة 14 مهربًا و6 متسللين", [("14 مهربًا", 14, "persons"), ("6 متسللين", 6, "persons")]),
        ("قتل 12 شرطيا وجرح 30 مدنيا", [("12 شرطيا", 12, "soldiers"), ("30 مدنيا", 30, "persons")]),
        ("نقلت الطائرة ثمانية عمال وثلاثة سجناء", [("ثمانية عمال", 8, "persons"), ("وثلاثة سجناء", 3, "persons")]),
        ("استعادت القوات 40 رهينة", [("40 رهينة", 40, "persons")]),
        ("تسلم الجيش (4) مروحيات", [("4) مروحيات", 4, "helicopters")]),
        # duals stand for two; scales' duals for twice the scale
        ("أسفر الهجوم عن مقتل جنديين", [("جنديين", 2, "soldiers")]),
        ("وصل إلى المطار نحو ألفي لاجئ", [("ألفي لاجئ", 2000, "persons")]),
        ("خصصت الحكومة مليوني دولار", [("مليوني دولار", 2e6, "USD")]),
        ("تسلمت القوات حاملتي جند", [("حاملتي جند", 2, "apcs")]),
        ("وقع البلدين اتفاقا مع شركتين", []),  # a pair already told, not a count
        # counts of people told by the words around the number
        ("قتل 15 شخصا وأصيب 40 آخرون", [("15 شخصا", 15, "persons"), ("40 آخرون", 40, "persons")]),
        ("وأصيب 33 في الانفجار", [("33", 33, "persons")]),
        ("وقالت الشرطة إن 17 قتلوا في الاشتباك", [("17", 17, "persons")]),
        ("تحدث بين 20 و30 مسلحا", [("20", 20, "persons"), ("30 مسلحا", 30, "persons")]),
        # a part of a group, a number after its counted noun, a nationality
        ("أصيب اثنان من الحراس", [("اثنان من الحراس", 2, "soldiers")]),
        ("اجتمعت الدول الأعضاء الست عشرة", [("الدول الأعضاء الست عشرة", 16, "members")]),
        ("واعتقل المسلحون الأربعة لاحقا", [("المسلحون الأربعة", 4, "persons")]),
        ("غادر البلاد 300 باكستاني", [("300 باكستاني", 300, "persons")]),
        ("اشترت 2 من تركيا", []),  # a country's name, not a nationality's accusative
        # not figures: vague plurals, distances, years, durations, one of something
        ("فر آلاف اللاجئين وملايين السكان", []),
        ("تمتد الحدود 680 كيلومترا", []),
        ("تملك روسيا منذ 2003 قاعدة في البلاد", []),
        ("استمرت المحادثات ثلاثة أيام", []),
        ("وصل مراقب واحد فقط", []),
        ("بقي 25 في المنطقة", []),
        ("ارتفع العدد بين 2010 و2015 جنديا", [("2015 جنديا", 2015, "soldiers")]),
    ],
)
def test_quantities_of_several_words_and_inflected_nouns(text: str, expected: list[tuple[str, float, str]]) -> None:
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
    "قال", "ال", "ب", " ", " ", " ", "\n", ".", "،", "x", "و", "آلاف", "ألفي", "شخصين", "عشر", "آخرين",
    "أصيب", "بين", "إلى", "منذ", "2003", "نصف", "مسلحين", "قتلوا", "(", ")",
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


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # a cue before another figure is that figure's, not the next one's
        ("Kazakhstan spent $1.5 billion on defence, and Russia sent 300 troops.", "en", ["military_spending", ""]),
        ("أنفقت كازاخستان 1.5 مليار دولار على الدفاع، وأرسلت روسيا 300 جندي.", "ar", ["military_spending", ""]),
        # the same sum restated right after, in another currency, keeps what it measures
        ("بلغت المنحة 100 مليون دولار أي نحو 90 مليون يورو.", "ar", ["aid", "aid"]),
        ("The military budget reached 820.4 billion tenge ($1.7 billion).", "en", ["military_budget"] * 2),
        # a percentage right after a word of change is the change; the sum after it is still
        # what the cue before measures
        ("Defence spending grew by 4% to 900 billion tenge.", "en", ["change", "military_spending"]),
        ("ارتفع الإنفاق العسكري إلى 900 مليار تنغي، بزيادة 4% عن العام الماضي.", "ar", ["military_spending", "change"]),
        ("Военные расходы выросли на 4% до 900 млрд тенге.", "ru", ["change", "military_spending"]),
        # the verb of change before its subject, the amount after its linking word, in one clause
        ("ارتفع الإنفاق العسكري بنسبة 4% هذا العام.", "ar", ["change"]),
        ("Defence spending in Kazakhstan rose last year by 4%.", "en", ["change"]),
        ("Военные расходы выросли в прошлом году на 4%.", "ru", ["change"]),
        # a clause break between the verb and the amount: the amount is a level
        ("ارتفع الإنفاق العسكري، وبلغ بنسبة 4% من الناتج.", "ar", ["military_spending"]),
        # a percentage that is a level stays what the cue before it measures
        ("Defence spending rose to 4% of GDP.", "en", ["military_spending"]),
        ("بلغ الإنفاق العسكري 4% من الناتج المحلي.", "ar", ["military_spending"]),
        ("Военные расходы составили 4% ВВП.", "ru", ["military_spending"]),
    ],
)
def test_what_a_figure_measures_is_read_from_the_words_before_it_alone(
    text: str, language: str, expected: list[str]
) -> None:
    assert [q.measure for q in find_quantities(text, language_pack(language))] == expected
