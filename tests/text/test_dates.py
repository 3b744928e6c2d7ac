from __future__ import annotations

import pytest

from marsad.lang import language_pack
from marsad.text.dates import (
    anchored_spans,
    article_time,
    compares_since,
    date_expressions,
    find_date_mentions,
    find_dates,
    publication_date_from_text,
    shift_date,
)


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


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("في منتصف عام 2021", "2022-06-30", ["2021"]),
        ("في يناير 2022", "", ["2022-01"]),
        ("في كانون الثاني/يناير 2022", "", ["2022-01"]),
        ("يوم 20 أكتوبر/تشرين الأول", "2025-10-25", ["2025-10-20"]),
        ("خلال الفترة (14-16 سبتمبر الماضي)", "2022-10", ["2022-09-14"]),
        ("في شهر فبراير الفائت", "2022-10", ["2022-02"]),
        ("في ديسمبر الماضي", "2023-03-01", ["2022-12"]),
        ("خلال شهر أكتوبر الحالي", "2022-10-20", ["2022-10"]),
        ("العام الماضي", "2024-09-07", ["2023"]),
        ("أمس", "2024-09-07", ["2024-09-06"]),
        ("أمس", "", []),  # never guessed without a reference date
        ("في عامي 2020 و2022", "", ["2020", "2022"]),
        ("وفي اليوم التالي وصل الوزير", "2024-09-07", []),  # counted from an event, not from today
        ("في 15 رمضان 1445 هـ", "", ["2024-03-25"]),  # Hijri, Umm al-Qura
        ("خلال شهر شعبان 1445", "", ["2024-02"]),
        ("في رمضان الماضي", "2024-09-07", []),  # a Hijri month without its year is not dated
    ],
)
def test_dates_at_their_precision(text: str, reference: str, expected: list[str]) -> None:
    assert [d.value for d in find_date_mentions(text, reference)] == expected


@pytest.mark.parametrize(
    ("text", "unit", "amount"),
    [
        ("بعد يوم واحد فقط من اجتماع سمرقند، شهدت أوزبكستان انطلاق مناورات", "day", 1),
        ("وقبل ثلاثة أيام من القمة", "day", -3),
        ("بعد أسبوعين من الاتفاق", "day", 14),
        ("بعد عامين من انسحابها", "year", 2),
        ("وفي اليوم التالي وصل الوزير", "day", 1),
    ],
)
def test_spans_counted_from_another_event(text: str, unit: str, amount: int) -> None:
    spans = anchored_spans(text)
    assert [(s.unit, s.amount) for s in spans] == [(unit, amount)]
    assert shift_date("2025-10-20", unit, amount) != ""


def test_no_span_without_what_it_counts_from() -> None:
    assert anchored_spans("بعد ذلك أعلنت الوزارة") == []
    assert shift_date("2025", "day", 1) == ""  # a day counted from a year is unknown


# -- tried only where an expression can start: the same as trying everywhere --------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from marsad.text.dates import _date_rules  # noqa: E402
from marsad.text.normalize import normalize  # noqa: E402

_DATE_PIECES = [
    "7", "28", "2022", "1445", "١٤٤٥", "2024-09-07", "07/09/2024", "14-16", "و2022", "ب2020", "ل", "و", "ف",
    "سبتمبر", "أيلول", "أيار/مايو", "كانون الثاني", "تشرين الاول", "يناير", "September", "сентября",
    "رمضان", "ربيع الأول", "شعبان", "هـ", "عام", "العام", "عامي", "سنة", "السنة", "شهر", "الماضي", "الحالي",
    "المقبل", "العام الماضي", "أمس", "اليوم", "اليوم التالي", "الاثنين", "%", "مليون", "ألف", "دولار", "في",
    "منذ", "السابع", "الحادي والعشرين", "يوم", "الخميس", " من ", " ", " ", " ", "  ", "\n", "\n\n", ".", "،", "-", "/", "(", ")", "ال", "كتب", "x", "العام 2020", "السنة 1999",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=60).map("".join))
def test_date_expressions_agree_with_the_pattern_tried_everywhere(text: str) -> None:
    """Dates run together, nested in one another, glued to proclitics and cut by punctuation."""
    norm = normalize(text)
    expected = []
    arabic = language_pack("ar")
    rules = _date_rules(arabic)
    for match in rules.pattern.finditer(norm.text):
        if match["unitafter"] is not None and not rules.year_cue.search(
            norm.text, max(0, match.start() - 12), match.start("year")
        ):
            continue  # a count before its unit («2000 جندي»), without a cue that makes it a year
        start = match.end("proclitic") if match["proclitic"] else match.end("conj") if match["conj"] else match.start()
        if match["mprep"]:
            start = match.start("mstart")
        expected.append((*norm.to_original(start, match.end()), match.groupdict()))
    # the words of the future before a date are read apart from the pattern
    got = [
        (e.start, e.end, {k: v for k, v in e.groups.items() if k != "future"})
        for e in date_expressions(text, norm, arabic)
    ]
    assert got == expected


# -- weekdays, «من» between a date's parts, years written against their month ------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أعلنت الوزارة يوم الخميس أنها", [("يوم الخميس", "2024-03-07")]),  # the Friday before: Thursday
        ("وصل الوفد السبت إلى العاصمة", [("السبت", "2024-03-02")]),
        ("ويعقد الاجتماع الأربعاء المقبل", [("الأربعاء المقبل", "2024-03-13")]),
        ("التقيا يوم الاثنين", [("يوم الاثنين", "2024-03-04")]),
        ("خلاف بين الاثنين على الحدود", []),  # «the two», not Monday
        ("صلاة الجمعة في المسجد", []),  # «the congregation», not Friday
        ("الثلاثاء 31يناير2023 في طشقند", [("الثلاثاء 31يناير2023", "2023-01-31")]),  # the weekday of a date
        ("وقعت في 15 من مايو عام 1992", [("15 من مايو عام 1992", "1992-05-15")]),
        ("في حزيران من العام الماضي", [("حزيران من العام الماضي", "2023-06")]),
        ("في سبتمبر من عام 2021", [("سبتمبر من عام 2021", "2021-09")]),
        ("أرسلت 2000 جندي", []),  # a count, not the year 2000
        ("في السابع من أغسطس 2008", [("السابع من أغسطس 2008", "2008-08-07")]),  # the day as an ordinal
        ("الحادي والعشرين من شهر مايو الماضي", [("الحادي والعشرين من شهر مايو الماضي", "2023-05-21")]),
        ("في الفصل الثاني من الكتاب", []),  # an ordinal without a month is no date
    ],
)
def test_weekdays_and_dates_in_parts(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_date_mentions(text, "2024-03-08")  # a Friday
    assert [(text[d.start : d.end], d.value) for d in found] == expected


def test_a_weekday_alone_also_gives_the_next_one_for_what_is_planned() -> None:
    (found,) = find_date_mentions("يزور الرئيس أنقرة الأربعاء", "2024-03-08")
    assert (found.value, found.upcoming) == ("2024-03-06", "2024-03-13")
    (today,) = find_date_mentions("بدأت اليوم الجمعة المناورات", "2024-03-08")
    assert (today.value, today.upcoming) == ("2024-03-08", "")  # the article's own day is not past
    # in a paper dated only to the month, a weekday is a day of that month
    assert [d.value for d in find_date_mentions("وصل يوم الخميس", "2024-03")] == ["2024-03"]
    assert find_date_mentions("وصل يوم الخميس", "2024") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقعت الاتفاقية في مارس 2021. وفي عام 2022 زار الوفد. وفي عام 2019 بدأ.", "2021-03"),
        ("تأسست المنظمة عام 2002. وفي عام 2002 أيضا. وزار الوفد العاصمة عام 2024.", "2024"),
        # the year where something ends is not the article's time
        ("يبقى الاتفاق ساريا حتى عام 2042. وفي مارس 2021 وقع البلدان. وحتى عام 2042 أيضا.", "2021-03"),
        ("لا تاريخ هنا", ""),
    ],
)
def test_the_article_time_without_a_publication_date(text: str, expected: str) -> None:
    from marsad.lang import language_pack
    from marsad.text.dates import article_time

    arabic = language_pack("ar")
    assert article_time(text, date_expressions(text, None, arabic), arabic) == expected


# -- dates told without their year or week, or counted back from the article -----------------


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # a month alone after a preposition: its last occurrence on or before the article
        ("زار الوفد العاصمة في أغسطس", "2024-03-08", [("أغسطس", "2023-08")]),
        ("وفي شباط/فبراير، أعلنت الوزارة", "2024-03-08", [("شباط/فبراير", "2024-02")]),
        ("ومن المقرر أن تعقد القمة في سبتمبر", "2024-03-08", [("سبتمبر", "2024-09")]),  # a plan: this year's
        ("مارس الوزير ضغوطا على الوفد", "2024-03-08", []),  # a verb, not March
        ("جرى ذلك في مايو", "", []),  # no year without a reference
        ("فرضت الحكومة قيودا في يناير كانون الثاني", "2024-03-08", [("يناير كانون الثاني", "2024-01")]),
        # counted back from the article, unless «من» names what it counts from
        ("عبر المسلحون الحدود قبل عشرة أيام", "2024-03-08", [("قبل عشرة أيام", "2024-02-27")]),
        ("فر الرئيس قبل نحو أسبوع", "2024-03-08", [("قبل نحو أسبوع", "2024-03-01")]),
        ("انسحبت القوات قبل عامين", "2024-03-08", [("قبل عامين", "2022")]),
        ("وصل الوفد قبل أيام", "2024-03-08", []),  # a few days
        ("وصل الوفد قبل يومين من القمة", "2024-03-08", []),  # counted from the summit
        ("قبل عام 2020", "2024-03-08", [("عام 2020", "2020")]),
        ("قبل شهر رمضان", "2024-03-08", []),
        # a conjunction against a weekday, the night of a weekday, the day before yesterday
        ("والخميس، أعلنت الوزارة", "2024-03-08", [("الخميس", "2024-03-07")]),
        ("ومساء الأحد اعتقلت الشرطة مشتبها به", "2024-03-08", [("مساء الأحد", "2024-03-03")]),
        ("وقعت اشتباكات ليل السبت", "2024-03-08", [("ليل السبت", "2024-03-02")]),
        ("وقع الهجوم أمس الأول", "2024-03-08", [("أمس الأول", "2024-03-06")]),
        ("وقع الهجوم أمس الأول الأربعاء", "2024-03-08", [("أمس الأول الأربعاء", "2024-03-06")]),
        # last Friday in a Friday's paper is a week before; Friday alone is the day itself
        ("وقع الهجوم يوم الجمعة الماضي", "2024-03-08", [("يوم الجمعة الماضي", "2024-03-01")]),
        ("وقع الهجوم يوم الجمعة", "2024-03-08", [("يوم الجمعة", "2024-03-08")]),
        # a weekday after a word of the future is the next one
        ("ومن المقرر أن يشارك الوزير الأربعاء في القمة", "2024-03-08", [("الأربعاء", "2024-03-13")]),
        ("وشارك الوزير الأربعاء في القمة", "2024-03-08", [("الأربعاء", "2024-03-06")]),
        # ranges of days: the first day
        ("تعقد القمة يومي 16 و17 سبتمبر المقبل", "2024-03-08", [("16 و17 سبتمبر المقبل", "2024-09-16")]),
        ("في ليلة الثالث على الرابع من مارس 2015", "", [("الثالث على الرابع من مارس 2015", "2015-03-03")]),
        # an older year after a word for "year"; a year before a unit after a word that makes it one
        ("بنى القيصر القلعة في عام 1722", "", [("عام 1722", "1722")]),
        ("اشترى الجيش 1722 بندقية", "", []),
        ("وتدير الصين منذ 2016 منشأة عسكرية", "", [("2016", "2016")]),
        ("وتملك روسيا 2003 قاعدة", "", []),
    ],
)
def test_dates_without_their_year_or_week(text: str, reference: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[d.start : d.end], d.value) for d in find_date_mentions(text, reference)] == expected


def test_the_present_is_a_weak_date() -> None:
    (now,) = find_date_mentions("تعمل القوات حاليا على الحدود", "2024-03-08")
    assert (now.value, now.weak) == ("2024-03-08", True)
    (today,) = find_date_mentions("تبدأ المناورات اليوم", "2024-03-08")
    assert not today.weak


def test_the_article_time_from_a_named_edition_when_nothing_else_dates_it() -> None:
    from marsad.lang import language_pack
    from marsad.text.dates import article_time

    arabic = language_pack("ar")
    for text, expected in [
        ('أجرت الدول مناورات "السلام-2019" في الجبال', "2019"),
        ("أجرت الدول مناورات (الوحدة -2021) في السهول", "2021"),
        ('أجرت الدول مناورات "السلام-2019" في مارس 2017', "2017-03"),  # a date it states comes first
        ("حلقت طائرات سو-30 فوق المدينة", ""),  # a model number, not a year
    ]:
        assert article_time(text, date_expressions(text, None, arabic), arabic) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the year a period still going on began is before the article's time
        ("واندلعت الاضطرابات في الثاني من يناير. وهي الأعنف منذ استقلال كازاخستان عام 1991.", ""),
        # a year the article reports something in is its time
        ("واندلعت الاضطرابات في الثاني من يناير. وكانت قد بدأت في عام 2022.", "2022"),
    ],
)
def test_a_year_a_period_began_is_not_the_articles_time(text: str, expected: str) -> None:
    language = language_pack("ar")
    assert article_time(text, date_expressions(text, language=language), language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the year that closes a quoted name is the edition it carries
        ('بدأت في قرغيزستان مناورات "الحدود 2021" المشتركة.', []),
        ("ستعقد قمة «بريكس 2024» في المدينة.", []),
        # a quotation that ends with a year after a preposition dates what it says
        ('وقال الوزير: "بدأ ذلك في 2021".', ["2021"]),
        # a year in a quotation of many words is a year
        ('وقال: "لقد زرنا تلك المدينة مرات كثيرة قبل 2019".', ["2019"]),
        ("وصل الوفد عام 2021 إلى المدينة.", ["2021"]),
    ],
)
def test_a_year_closing_a_quoted_name_is_no_date(text: str, expected: list[str]) -> None:
    from marsad.text.dates import resolve_dates

    arabic = language_pack("ar")
    assert [d.value for d in resolve_dates(date_expressions(text, None, arabic), "", arabic)] == expected


def test_the_edition_of_a_quoted_name_tells_the_article_time() -> None:
    from marsad.text.dates import article_time

    arabic = language_pack("ar")
    text = 'أجرت الدول مناورات "الوحدة 2025" بعد تأسيس المجموعة في عام 2016.'
    assert article_time(text, date_expressions(text, None, arabic), arabic) == "2025"


@pytest.mark.parametrize(
    ("code", "text", "reference", "expected"),
    [
        # English writes the day after the month's name, with or without the year
        ("en", "The group was founded on October 3, 2009 in Nakhchivan", "", [("October 3, 2009", "2009-10-03")]),
        ("en", "after the attacks of Sept. 11, 2001", "", [("Sept. 11, 2001", "2001-09-11")]),
        ("en", "The minister said on June 8th that talks went well", "2024-03-08", [("June 8th", "2023-06-08")]),
        ("en", "Troops arrived on March 2", "2024-03-08", [("March 2", "2024-03-02")]),
        ("en", "The ministers will meet on March 20", "2024-03-08", [("March 20", "2024-03-20")]),
        ("en", "Moscow sent May 12 tanks to the base", "2024-03-08", []),  # a count after the month
        ("en", "The envoy arrived on 7 September 2024", "", [("7 September 2024", "2024-09-07")]),
        # relative days and weekdays, a month named alone after a preposition
        ("en", "The senate voted yesterday to close the base", "2024-03-08", [("yesterday", "2024-03-07")]),
        ("en", "The ministry said on Wednesday that", "2024-03-08", [("Wednesday", "2024-03-06")]),
        ("en", "The leaders will meet on Friday in Astana", "2024-03-07", [("Friday", "2024-03-08")]),
        ("en", "In May, troops fired on the crowd", "2024-03-08", [("May", "2023-05")]),
        ("en", "Officials may not comment", "2024-03-08", []),  # the verb, not the month
        ("en", "The exercise took place last year", "2024-03-08", [("last year", "2023")]),
        # Russian: the month in the prepositional case, relative days, weekdays
        ("ru", "В мае 2021 года начались столкновения", "", [("мае 2021", "2021-05")]),
        ("ru", "Вчера министры подписали соглашение", "2024-03-08", [("Вчера", "2024-03-07")]),
        ("ru", "Учения начались в среду", "2024-03-08", [("среду", "2024-03-06")]),
        ("ru", "Учения прошли в прошлом году", "2024-03-08", [("в прошлом году", "2023")]),
        ("ru", "Министры встретились в Москве", "2024-03-08", []),
    ],
)
def test_dates_in_english_and_russian(code: str, text: str, reference: str, expected: list[tuple[str, str]]) -> None:
    found = find_date_mentions(text, reference, language_pack(code))
    assert [(text[d.start : d.end], d.value) for d in found] == expected


@pytest.mark.parametrize(
    ("language", "text", "year", "compared"),
    [
        ("ar", "واندلعت في المدينة مواجهات غير مسبوقة منذ انهيار الاتحاد السوفيتي عام 1991", "1991", True),
        ("ar", "وهي الاشتباكات الأعنف منذ 2010 على الحدود", "2010", True),
        # a plain «since» says when a state of affairs began: it may date it
        ("ar", "وتتمركز القوات الروسية في طاجيكستان منذ عام 2004", "2004", False),
        ("en", "the worst fighting since 2010 on the border", "2010", True),
        ("en", "Russian troops have been based there since 2004", "2004", False),
        ("ru", "впервые с 1991 года стороны провели учения", "1991", True),
        ("ru", "база действует с 2004 года", "2004", False),
    ],
)
def test_a_date_things_are_measured_against(language: str, text: str, year: str, compared: bool) -> None:
    assert compares_since(text, text.index(year), language_pack(language)) is compared
