"""Dates written in text, in the words of its language.

The month names (Arabic's Egyptian/Gulf, Levantine and Maghrebi forms, «28 أيار/مايو
2025»), the Hijri calendar, the relative phrases and the words around a date come from
the language pack's ``dates.yaml``; this module builds its patterns from them and holds no
word of any language. The Gregorian month names of the other packs are read too, since
articles quote other scripts; a language without a pack is read for those and for dates
written in digits. Resolving relative and partial dates against a publication date happens here;
what an event's date is belongs to event extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from hijridate import Hijri

from marsad.lang import Language, detect_language, language_pack
from marsad.text.normalize import NormalizedText, normalize, normalize_key
from marsad.text.numbers import number_rules
from marsad.text.prefilter import places
from marsad.text.regex import alternation, first_letters, guarded


@dataclass(frozen=True, slots=True)
class FoundDate:
    start: int  # offsets in the original text
    end: int
    value: str  # YYYY-MM-DD


def _pack_of(text: str, language: Language | None) -> Language:
    """``language``, or the pack of the language ``text`` is written in."""
    return language if language is not None else language_pack(detect_language(text))


def month_names(language: Language) -> dict[str, int]:
    """The normalized Gregorian month names of ``language`` and their numbers."""
    return dict(_date_rules(language).months)


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str, language: Language | None = None) -> list[FoundDate]:
    """Every complete date (to the day) written in ``text``, in order of appearance
    (``language``: its pack, else the pack of the script it is written in)."""
    mentions = find_date_mentions(text, "", language)
    return [FoundDate(d.start, d.end, d.value) for d in mentions if len(d.value) == 10]


def publication_date_from_text(text: str, head_lines: int = 12, language: Language | None = None) -> str:
    """The publication date when the article states one near its top, else ``""``.

    Only a date standing alone on a line (a dateline) counts: a date inside a sentence is
    when something happened, and taking it as the publication date would invent one.
    """
    lines = text.splitlines()
    head = "\n".join(lines[:head_lines])
    dates = find_dates(head, _pack_of(text, language))
    for found in dates:
        line_start = head.rfind("\n", 0, found.start) + 1
        line_end = head.find("\n", found.end)
        line = head[line_start : line_end if line_end >= 0 else len(head)]
        if line.strip() == head[found.start : found.end].strip():
            return found.value
    return ""


# -- dates at their precision, explicit or relative ------------------------------------


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression of the text: original offsets and an ISO value at its precision."""

    start: int
    end: int
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    relative: bool = False
    # for a weekday named alone: the next such day after the reference, which a planned
    # event means («يزور … الأربعاء»), where ``value`` is the last one, which a report means
    upcoming: str = ""
    # where the relative clause the date stands in opens («الذي أسسه … في عام 1722»), or -1
    clause: int = -1
    # the clause of reported speech the date stands in, between complementizers of its
    # sentence («وقال الوزير أمس إن …»): where it opens (-1: the sentence's start) and
    # where the next one opens (-1: none)
    reported: int = -1
    reporting: int = -1
    # «حاليا»: the article's time, which yields to any other date of the clause
    weak: bool = False
    # after a word of the future («من المقرر أن يصل الخميس»): when something is to happen
    ahead: bool = False


@dataclass(frozen=True, slots=True)
class AnchoredSpan:
    """A span of time counted from another event («بعد يوم واحد من الاجتماع»): original
    offsets, its unit (day, month, year) and signed amount; ``anchor`` is the original offset
    where the words naming that other event begin (after «من»), or -1 for a phrase that
    counts from the event just told («في اليوم التالي»)."""

    start: int
    end: int
    unit: str
    amount: int
    anchor: int


@dataclass(frozen=True)
class _DateRules:
    months: dict[str, int]
    digit_proclitics: frozenset[str]
    anchor_words: frozenset[tuple[str, int]]
    relative: dict[str, tuple[str, int]]
    weekdays: dict[str, int]  # normalized name -> ISO weekday, Monday 0
    ordinals: dict[str, int]  # «السابع» -> 7: a day of the month in words
    month_last: frozenset[str]
    month_current: frozenset[str]
    month_next: frozenset[str]
    pattern: re.Pattern[str]
    hijri: dict[str, int]
    anchored_units: dict[str, tuple[str, int]]
    anchored_phrases: dict[str, tuple[str, int]]
    anchored_before: frozenset[str]
    anchored: re.Pattern[str]
    year_cue: re.Pattern[str]  # the words before a year that make it one before a unit («منذ 2003 قاعدة»)
    future: re.Pattern[str]  # a word of the future, at the end of the clause before a date
    weak: frozenset[str]  # relative phrases that name only the article's time («حاليا»)
    # the words after which a year is a date even closing a quotation («"… في 2021"»)
    year_openers: frozenset[str] = frozenset()


def _pairs(raw: dict[str, Any]) -> dict[str, tuple[str, int]]:
    """«phrase: [unit, amount]» entries, normalized."""
    return {normalize_key(k): (v[0], int(v[1])) for k, v in raw.items()}


def _foreign_months(language: Language) -> dict[str, int]:
    """The Gregorian month names of every other pack: an article quotes a dateline or a
    caption in another script («March 2024» in an Arabic report), and a month name is one
    in any text. The words around a date stay the language's own."""
    from marsad.lang import PACKS

    months: dict[str, int] = {}
    for code in PACKS:
        if code != language.code:
            for month, names in language_pack(code).data("dates").get("gregorian", {}).items():
                months.update({normalize_key(n): int(month) for n in names})
    return months


@lru_cache(maxsize=16)
def _date_rules(language: Language) -> _DateRules:
    raw = language.data("dates")
    months = _foreign_months(language)
    months.update({normalize_key(n): int(m) for m, names in raw.get("gregorian", {}).items() for n in names})
    names = sorted(months, key=len, reverse=True)
    month = alternation(names)
    relative = _pairs(raw.get("relative", {}))
    month_last, month_current, month_next = (
        frozenset(normalize_key(w) for w in raw.get(key, ())) for key in ("month_last", "month_current", "month_next")
    )
    qual = alternation([*month_last, *month_current, *month_next])
    spans = raw.get("anchored", {})
    phrases = _pairs(spans.get("phrases", {}))
    # «اليوم التالي» counts from the event just told, not from the publication date
    after_relative = {p.split()[1] for p in phrases if p.split()[0] in relative and len(p.split()) == 2}
    units = _pairs(spans.get("units", {}))
    directions = [normalize_key(w) for w in (*spans.get("after", ()), *spans.get("before", ()))]
    numbers = number_rules(language)
    amounts = alternation(numbers.words)
    fillers = alternation(normalize_key(w) for w in spans.get("fillers", ()))
    counted_from = alternation(normalize_key(w) for w in spans.get("counted_from", ()))
    phrase_prepositions = alternation(normalize_key(w) for w in spans.get("phrase_prepositions", ()))
    conjunctions = [normalize_key(c) for c in language.clitics("conjunctions")]
    days = raw.get("weekdays", {})
    weekdays = {normalize_key(n): int(d) for d, wnames in days.get("names", {}).items() for n in wnames}
    ambiguous = {normalize_key(n) for n in days.get("ambiguous", ())}
    day_words = alternation(normalize_key(w) for w in days.get("day_words", ()))
    # a weekday that is also an everyday word («الاثنين»: the two) counts after a word for "day"
    weekday = (
        rf"(?:(?:{day_words})\s+)?(?P<weekday>{alternation(set(weekdays) - ambiguous)})"
        rf"|(?:{day_words})\s+(?P<weekday2>{alternation(ambiguous & set(weekdays))})"
    )
    of_words = alternation(normalize_key(w) for w in raw.get("of_words", ()))
    # «في السابع من أغسطس»: the day of the month as an ordinal word
    ordinals = {normalize_key(w): int(day) for day, words in raw.get("day_ordinals", {}).items() for w in words}
    hijri_names = [normalize_key(n) for hnames in raw.get("hijri", {}).values() for n in hnames]
    weekday_names = [normalize_key(n) for wnames in days.get("names", {}).values() for n in wnames]
    # «في أغسطس»: a month named alone, after a preposition
    month_prepositions = alternation(normalize_key(w) for w in raw.get("month_prepositions", ()))
    # «قبل عشرة أيام»: a span back from the publication date, unless «من» names what it counts from
    ago = raw.get("ago", {})
    counted_only = {normalize_key(w) for w in ago.get("counted_only", ())}
    ago_fillers = alternation(normalize_key(w) for w in ago.get("fillers", ()))
    ago_words = [normalize_key(w) for w in ago.get("words", ())]
    ago_span = (
        rf"(?P<ago>{alternation(ago_words)})\s+(?:(?:{ago_fillers})\s+)?"
        rf"(?:(?P<agon>\d+|{amounts})\s+(?P<agounit>{alternation(units)})|(?P<agounit1>{alternation(set(units) - counted_only)}))"
        # not «قبل عام 2020», «قبل شهر رمضان», «قبل يوم الجمعة», «قبل يومين من القمة»
        rf"(?!\s*\d|\s+(?:{alternation([*months, *hijri_names, *weekday_names])})(?![\w]))"
        rf"(?!\s+(?:(?:{fillers})\s+)*(?:{counted_from})(?![\w]))"
    )
    # «والخميس», «ومساء الأحد»: a conjunction written against a date that opens with a word
    conjunction = alternation(conjunctions)
    # «السابع على الثامن», «السابع والثامن»: two days in words, the first dating the range
    range_words = alternation(normalize_key(w) for w in raw.get("day_range_words", ()))
    day_range = rf"(?:\s+(?:{range_words})\s+|\s+(?:{conjunction}))(?:{alternation(ordinals)})"
    # «الثلاثاء 31 يناير 2023»: the weekday of a written date belongs to it
    weekday_before = rf"(?:(?:(?:{day_words})\s+)?(?:{alternation(weekdays)})\s*[,]?\s+(?=\d))?"
    year_relative = alternation(k for k, (unit, _) in relative.items() if unit == "year")
    anchored = guarded(
        rf"(?<![^\W_])(?:{alternation(conjunctions)})?(?:(?P<dir>{alternation(directions)})\s+(?:(?P<n>\d+|{amounts})\s+)?"
        rf"(?P<unit>{alternation(units)})(?:\s+(?:{fillers}))*\s+(?:{counted_from})\s+(?=\S)"
        rf"|(?:(?:{phrase_prepositions})\s+)?(?P<phrase>{alternation(phrases)})(?![^\W_]))",
        first_letters([*directions, *phrases, *conjunctions]),
    )
    hijri = {normalize_key(n): int(m) for m, hnames in raw.get("hijri", {}).items() for n in hnames}
    marks = alternation(normalize_key(m) for m in raw.get("hijri_marks", ()))
    proclitics = [normalize_key(p) for p in raw.get("digit_proclitics", ())]
    month_words = [normalize_key(w) for w in raw.get("month_words", ())]
    year_words = [normalize_key(w) for w in raw.get("year_words", ())]
    article = normalize_key(language.clitic("article"))
    article_opt = f"(?:{re.escape(article)})?" if article else ""
    # a year followed by a scale word or a unit is a number: «2020 مليون», «2000 جندي»
    not_a_year = alternation([*numbers.scales, *numbers.units])
    # One alternation, tried left to right at each position, most specific first.
    starts = first_letters(
        [
            *hijri,
            *names,
            *relative,
            *proclitics,
            *month_words,
            article,
            *year_words,
            *weekdays,
            *days.get("day_words", ()),
            *ordinals,
            *(normalize_key(w) for w in raw.get("month_prepositions", ())),
            *ago_words,
        ]
    )
    # «October 3, 2009», «on July 5»: the day after the month's name, where the language
    # writes it so (a branch that never matches otherwise, so that its groups are there)
    day_suffixes = alternation(normalize_key(w) for w in raw.get("day_suffixes", ()))
    month_first = (
        rf"|(?P<fmonth>{month})\.?\s+(?P<fday>[0-3]?\d)(?:{day_suffixes})?(?![\d:.,]\d)(?!\s*(?:{not_a_year}))"
        rf"(?:\s*,?\s*(?P<fyear>(?:19|20)\d\d)(?!\d))?"
        if raw.get("month_first")
        else r"|(?!)(?P<fmonth>)(?P<fday>)(?P<fyear>)"
    )
    # «مايو عام 1992»: a word for "year" between a month and its year
    year_word_opt = f"(?:{article_opt}(?:{alternation(year_words)})\\s+)?"

    # «2 من مايو», «يونيو من العام الماضي», «سبتمبر من عام 2021»: the month's year after «من»
    def of_year(name: str) -> str:
        return (
            rf"\s+(?:{of_words})\s+(?:(?:{article_opt}(?:{alternation(year_words)})\s+)?(?P<{name}year2>(?:19|20)\d\d)(?!\d)"
            rf"|(?P<{name}yrel>{year_relative}))"
        )

    pattern = guarded(
        rf"(?<![\w/.-])(?:(?P<proclitic>{alternation(proclitics)})(?=\d)|(?P<conj>{conjunction})(?=[^\W\d_]))?(?:"
        # 15 رمضان 1445 هـ · شعبان 1445
        rf"(?:(?P<hday>[0-3]?\d)\s+)?(?P<hmonth>{alternation(hijri)})\s+(?P<hyear>1[34]\d\d)(?:\s*(?:{marks}))?(?![\w])|"
        # 2024-09-07 · 07/09/2024
        r"(?P<y1>(?:19|20)\d\d)-(?P<m1>[01]?\d)-(?P<d1>[0-3]?\d)(?![\d/.-])"
        r"|(?P<d2>[0-3]?\d)[/.](?P<m2>[01]?\d)[/.](?P<y2>(?:19|20)\d\d)(?![\d/.-])|"
        # 28 ايار/مايو 2025 · 14-16 سبتمبر 2022 · 7 September 2024 · 20 اكتوبر/تشرين الاول
        rf"{weekday_before}(?:(?P<day>[0-3]?\d)(?:\s*-\s*[0-3]?\d|\s+(?:{conjunction})\s?[0-3]?\d(?!\d))?\s*|(?P<dayword>{alternation(ordinals)})(?:{day_range})?\s+)"
        rf"(?:(?:{of_words})\s+)?(?:(?:{alternation(month_words)})\s+)?{article_opt}(?P<dmonth>{month})"
        rf"(?:\s*[/(-]\s*(?:{month})\)?)?"
        rf"(?:\s*,?\s*{year_word_opt}(?P<dyear>(?:19|20)\d\d)(?!\d)|{of_year('d')}|\s+(?P<dqual>{qual}))?"
        # October 3, 2009 · Sept. 11, 2001 · on July 5 (the languages that write the month first)
        rf"{month_first}"
        # (كانون الثاني/)يناير 2022 · شهر اكتوبر الحالي · سبتمبر الماضي
        # «في أغسطس», «وفي شباط/فبراير»: after a preposition the year may be left out
        rf"|(?:(?P<mprep>{month_prepositions})\s+(?P<mstart>))?(?:(?:{alternation(month_words)})\s+)?(?P<month>{month})"
        rf"(?:\s*[/(-]\s*(?:{month})\)?|\s+(?:{month})(?![\w]))?"
        rf"(?(mprep)(?:\s*,?\s*{year_word_opt}(?P<myear>(?:19|20)\d\d)(?!\d)|{of_year('m')}|\s+(?P<mqual>{qual}))?"
        rf"|(?:\s*,?\s*{year_word_opt}(?P<myear_>(?:19|20)\d\d)(?!\d)|{of_year('m_')}|\s+(?P<mqual_>{qual})))"
        # عام 1999 · عامي 2020 و2022 · في 1955 · منذ 2018
        # (a year before a unit is a count, «2000 جندي», unless a cue says it is one, checked after)
        rf"|(?:{article_opt}(?:{alternation(year_words)})\s+)?(?P<year>(?:19|20)\d\d)(?!\d)(?P<unitafter>(?=\s*(?:{not_a_year})))?"
        # «في عام 1722»: an older year, after a word for "year"
        rf"|{article_opt}(?:{alternation(year_words)})\s+(?P<oldyear>1[0-8]\d\d)(?!\d)"
        rf"|{ago_span}"
        rf"|(?:{weekday})(?:\s+(?P<wqual>{qual}))?"
        rf"|(?P<rel>{alternation(relative)})(?!\s+(?:{alternation(after_relative)})(?![\w]))"
        r")(?![\w])",
        starts,
        digits=True,
    )
    # The words a date expression without a digit opens with, or holds near its start:
    # (word, how many characters before the word the expression can start). Every other
    # expression opens with a run of digits, or one character before it («و2022»).
    opening = {
        *months,
        *hijri,
        *relative,
        *month_words,
        *weekdays,
        *ordinals,
        *(normalize_key(w) for w in days.get("day_words", ())),
        *(normalize_key(w) for w in raw.get("month_prepositions", ())),
        *ago_words,
    }
    anchor_words = {(w, 0) for w in (*opening, *year_words)} | {(w, len(article)) for w in year_words}
    # «والخميس»: one conjunction letter before a word a date opens with
    anchor_words |= {(w, len(c) + lead) for w, lead in anchor_words for c in conjunctions}
    cues = alternation(normalize_key(w) for w in language.data("numbers").get("year_cues", ()))
    year_cue = re.compile(rf"(?<![^\W_])(?:{conjunction})?(?:{cues})\s+$")
    future_words = [normalize_key(w) for w in raw.get("future_markers", ())]
    future = (
        re.compile(
            rf"(?<![^\W_])(?:{conjunction})?(?:{alternation(future_words)})(?![^\W_])[^.,;:!?()\n\u060c\u061b\u061f]*$"
        )
        if future_words
        else re.compile(r"(?!)")
    )
    return _DateRules(
        months,
        frozenset(proclitics),
        frozenset(anchor_words),
        relative,
        weekdays,
        ordinals,
        month_last,
        month_current,
        month_next,
        pattern,
        hijri,
        units,
        phrases,
        frozenset(normalize_key(w) for w in spans.get("before", ())),
        anchored,
        year_cue,
        future,
        frozenset(normalize_key(w) for w in raw.get("weak_relative", ())),
        frozenset(
            normalize_key(w)
            for key in ("month_prepositions", "deadline_words", "of_words", "year_words")
            for w in raw.get(key, ())
        ),
    )


def _from_hijri(year: int, month: int, day: int) -> str:
    """A Hijri date as its Gregorian date (Umm al-Qura); a month alone gives the Gregorian
    month of its middle day."""
    try:
        gregorian = Hijri(year, month, day or 15).to_gregorian()
    except (ValueError, OverflowError):
        return ""  # outside the calendar's range (1343–1500 AH) or no such day
    value = gregorian.isoformat()
    return value if day else value[:7]


def anchored_spans(
    text: str, norm: NormalizedText | None = None, language: Language | None = None
) -> list[AnchoredSpan]:
    """Every span of time in ``text`` counted from another event, in order of appearance
    (``norm``: the text already normalized; ``language``: its pack, else its script's)."""
    language = _pack_of(text, language)
    rules = _date_rules(language)
    words = number_rules(language).words
    norm = norm or normalize(text)
    found = []
    for match in rules.anchored.finditer(norm.text):
        if match["phrase"]:
            unit, amount = rules.anchored_phrases[match["phrase"]]
            anchor = -1
        else:
            unit, amount = rules.anchored_units[match["unit"]]
            count = match["n"]
            if count:
                amount *= int(count) if count.isdigit() else words[count]
            if match["dir"] in rules.anchored_before:
                amount = -amount
            anchor = norm.to_original(match.end(), match.end())[0]
        start, end = norm.to_original(match.start(), match.end())
        found.append(AnchoredSpan(start, end, unit, amount, anchor))
    return found


def shift_date(value: str, unit: str, amount: int) -> str:
    """``value`` moved by ``amount`` units, or ``""`` when it is less precise than the unit
    (a month counted from «2025» is unknown)."""
    return _shift(value, unit, amount)


def _shift(reference: str, unit: str, offset: int) -> str:
    """``reference`` (a partial ISO date) moved by ``offset`` units, at that unit's precision."""
    parts = [int(p) for p in reference.split("-")]
    if unit == "year":
        return f"{parts[0] + offset:04d}"
    if unit == "month" and len(parts) >= 2:
        total = parts[0] * 12 + parts[1] - 1 + offset
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if unit == "day" and len(parts) == 3:
        from datetime import timedelta

        return (date(*parts) + timedelta(days=offset)).isoformat()
    return ""


def _year_of(phrase: str | None, reference: str, rules: _DateRules) -> str:
    """The year a relative year phrase («العام الماضي») names against ``reference``; "" without one."""
    if not phrase or not reference:
        return ""
    unit, offset = rules.relative[phrase]
    return _shift(reference, unit, offset)[:4]


def _last_weekday(weekday: int, reference: str) -> str:
    """The latest day on or before ``reference`` (a full date) that falls on ``weekday``:
    news names the weekday of what it reports, which happened that week («الخميس»)."""
    from datetime import timedelta

    day = date.fromisoformat(reference)
    return (day - timedelta(days=(day.weekday() - weekday) % 7)).isoformat()


def _month_relative(month: int, qualifier: str, reference: str, rules: _DateRules, around: str = "") -> str:
    """``month`` in the year of ``reference``, or the year before when ``qualifier`` (or
    ``around``: "last", "next") says its last occurrence and it lies after the reference,
    or the year after for its next one."""
    if not reference:
        return ""
    parts = [int(p) for p in reference.split("-")]
    year = parts[0]
    ref_month = parts[1] if len(parts) >= 2 else None
    last = qualifier in rules.month_last or (not qualifier and around == "last")
    following = qualifier in rules.month_next or (not qualifier and around == "next")
    if last and ref_month is not None and month > ref_month:
        year -= 1
    elif following and ref_month is not None and month < ref_month:
        year += 1
    return f"{year:04d}-{month:02d}"


def find_date_mentions(text: str, reference: str = "", language: Language | None = None) -> list[DateMention]:
    """Every date expression in ``text`` with its value at the precision the text gives.

    ``reference`` (the publication date, any precision) resolves relative expressions
    («العام الماضي», «سبتمبر الماضي», «أمس»); without it they are left out, never guessed.
    A day and month without a year take the reference's year. ``language``: the pack of
    the text's language, else of the script it is written in.
    """
    language = _pack_of(text, language)
    return resolve_dates(date_expressions(text, None, language), reference, language)


@dataclass(frozen=True, slots=True)
class DateExpression:
    """A date expression found in text, not yet resolved against a reference date."""

    start: int
    end: int
    groups: dict[str, str | None]


def date_expressions(
    text: str, norm: NormalizedText | None = None, language: Language | None = None
) -> list[DateExpression]:
    """Every date expression of ``text`` (``norm``: the text already normalized;
    ``language``: its pack, else its script's)."""
    language = _pack_of(text, language)
    rules = _date_rules(language)
    norm = norm or normalize(text)
    ntext = norm.text
    # The pattern is tried only where an expression can start (see date_anchor_words), in
    # order, each after the end of the one before: what finditer would find, at fewer places.
    where = places(norm, language)
    found = []
    end = 0
    for at in sorted({*where.date_words, *where.digit_starts, *(d - 1 for d in where.digit_starts)}):
        if at < end:
            continue
        match = rules.pattern.match(ntext, at)
        if match is None:
            continue
        if match["unitafter"] is not None and not rules.year_cue.search(ntext, max(0, at - 12), match.start("year")):
            continue  # «2000 جندي»: a count
        # «و2022», «والخميس», «في أغسطس»: the date starts after the word written before it
        start = match.end("proclitic") if match["proclitic"] else match.end("conj") if match["conj"] else match.start()
        if match["mprep"]:
            start = match.start("mstart")
        o_start, o_end = norm.to_original(start, match.end())
        if (
            match["year"]
            and start == match.start("year")
            and _edition_year(text, o_start, o_end)
            and _word_before(ntext, start) not in rules.year_openers
        ):
            continue  # «مناورات "روبيج 2021"»: the year closing a quoted name is its edition
        groups = match.groupdict()
        if match["mprep"] or match["weekday"] or match["weekday2"] or (match["fmonth"] and not match["fyear"]):
            # «من المقرر أن يصل الخميس»: a date named without its year or week, in the future
            groups["future"] = "1" if rules.future.search(ntext, max(0, at - 60), at) else None
        found.append(DateExpression(o_start, o_end, groups))
        end = match.end()
    return found


# Quotation marks open and close a name in every script («“…”», «"…"», ««…»», «″…″»).
_OPENING_QUOTES = "\"«“„″'"
_CLOSING_QUOTES = "\"»”″'’"
_EDITION_REACH = 40  # characters before a year where the quoted name it closes may open


_EDITION_WORDS = 4  # a quoted name has at most this many words before its year


def _edition_year(text: str, start: int, end: int) -> bool:
    """Whether the bare year ``text[start:end]`` closes a short quotation of words
    («مناورات "روبيج 2021"», «قمة "بريكس 2024"»): the edition a name carries, not a date."""
    after = text[end : end + 3].lstrip()
    if not after or after[0] not in _CLOSING_QUOTES:
        return False
    before = text[max(0, start - _EDITION_REACH) : start]
    opening = max(before.rfind(q) for q in _OPENING_QUOTES)
    words = before[opening + 1 :].split()
    return opening >= 0 and 0 < len(words) <= _EDITION_WORDS and any(c.isalpha() for c in words[-1])


_YEAR_DIGITS = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _edition_years(text: str, language: Language) -> list[str]:
    """The years that close a quoted name in ``text`` (see :func:`_edition_year`)."""
    openers = _date_rules(language).year_openers
    return [
        m.group()
        for m in _YEAR_DIGITS.finditer(text)
        if _edition_year(text, m.start(), m.end()) and normalize_key(_word_before(text, m.start())) not in openers
    ]


def _word_before(text: str, position: int) -> str:
    words = text[max(0, position - 20) : position].split()
    return words[-1] if words else ""


def date_anchor_words(language: Language) -> frozenset[tuple[str, int]]:
    """The words a date expression without a digit opens with, or holds near its start:
    (word, how many characters before the word the expression can start). Every other
    expression opens with a run of digits, or one character before it («و2022»)."""
    return _date_rules(language).anchor_words


def resolve_dates(expressions: list[DateExpression], reference: str, language: Language) -> list[DateMention]:
    """The values of ``expressions`` (found in ``language``) against the date ``reference``."""
    rules = _date_rules(language)
    names = rules.months
    found: list[DateMention] = []
    for expression in expressions:
        match = expression.groups
        value, relative, upcoming = "", False, ""
        if match["hmonth"]:
            value = _from_hijri(int(match["hyear"]), rules.hijri[match["hmonth"]], int(match["hday"] or 0))
        elif match["y1"] or match["y2"]:
            year, month, day = (
                (match["y1"], match["m1"], match["d1"]) if match["y1"] else (match["y2"], match["m2"], match["d2"])
            )
            value = _valid(int(year or 0), int(month or 0), int(day or 0)) or ""
        elif match["dmonth"]:
            month = names[match["dmonth"]]
            day = int(match["day"]) if match["day"] else rules.ordinals.get(match["dayword"] or "", 0)
            year = match["dyear"] or match["dyear2"] or _year_of(match["dyrel"], reference, rules)
            if year:
                value = _valid(int(year), month, day) or ""
                relative = bool(match["dyrel"])
            elif reference and not match["dyrel"]:
                base = _month_relative(month, match["dqual"] or "", reference, rules)
                value = (_valid(int(base[:4]), month, day) or "") if base else ""
                relative = True
        elif match["fmonth"]:
            month, day = names[match["fmonth"]], int(match["fday"])
            if match["fyear"]:
                value = _valid(int(match["fyear"]), month, day) or ""
            elif (
                reference
            ):  # «on July 5»: the last July 5 on or before the article, the next after a word of the future
                base = _month_relative(month, "", reference, rules, "next" if match.get("future") else "last")
                value, relative = (_valid(int(base[:4]), month, day) or "") if base else "", True
        elif match["month"]:
            month = names[match["month"]]
            year = match["myear"] or match["myear2"] or match["myear_"] or match["m_year2"]
            yrel = match["myrel"] or match["m_yrel"]
            year = year or _year_of(yrel, reference, rules)
            qualifier = match["mqual"] or match["mqual_"] or ""
            # «في أغسطس»: the last August on or before the article, or after a word of the
            # future the next one
            around = ("next" if match.get("future") else "last") if match["mprep"] else ""
            if year:
                value, relative = f"{int(year):04d}-{month:02d}", bool(yrel)
            elif not yrel:
                value, relative = _month_relative(month, qualifier, reference, rules, around), True
        elif match["year"] or match["oldyear"]:
            value = match["year"] or match["oldyear"]
        elif match["ago"] and reference:
            unit, amount = rules.anchored_units[match["agounit"] or match["agounit1"]]
            count = match["agon"]
            if count:
                amount *= int(count) if count.isdigit() else number_rules(language).words[count]
            value, relative = _shift(reference, unit, -amount), True
        elif (match["weekday"] or match["weekday2"]) and len(reference) == 10:
            value = _last_weekday(rules.weekdays[match["weekday"] or match["weekday2"]], reference)
            if match["wqual"] in rules.month_next:  # «الأربعاء المقبل»: the one after the article
                value = _shift(value, "day", 7)
            elif match["wqual"] in rules.month_last and value == reference:
                value = _shift(value, "day", -7)  # «الجمعة الماضي» in a Friday's paper: a week before
            elif not match["wqual"] and value < reference:
                upcoming = _shift(value, "day", 7)
                if match.get("future"):  # «من المقرر أن يصل الخميس»
                    value = upcoming
            relative = True
        elif (match["weekday"] or match["weekday2"]) and len(reference) == len("YYYY-MM") and not match["wqual"]:
            value, relative = reference, True  # «الثلاثاء» in a paper dated to the month: that month
        elif match["rel"] and reference:
            unit, offset = rules.relative[match["rel"]]
            value, relative = _shift(reference, unit, offset), True
        if value:
            weak = bool(match["rel"]) and match["rel"] in rules.weak
            ahead = bool(match.get("future"))
            found.append(
                DateMention(expression.start, expression.end, value, relative, upcoming, weak=weak, ahead=ahead)
            )
    return found


@lru_cache(maxsize=16)
def _until_words(language: Language) -> frozenset[str]:
    return frozenset(normalize_key(w) for w in language.words("until_words"))


def ends_a_span(text: str, start: int, language: Language) -> bool:
    """Whether the date at ``start`` is where something ends («حتى أغسطس 2023», a lease's
    last year): the word before it, without a conjunction («وحتى»), is one of the
    language's words for "until"."""
    before = normalize_key(text[max(0, start - 12) : start]).split()
    return bool(before) and language.morphology.without_conjunction(before[-1]) in _until_words(language)


@lru_cache(maxsize=16)
def _since_words(language: Language) -> frozenset[str]:
    return frozenset(normalize_key(w) for w in language.words("since_words"))


def starts_a_span(text: str, start: int, language: Language) -> bool:
    """Whether the date at ``start`` is where a period still going on began («منذ استقلال
    هذا البلد عام 1991»): a word for "since" among the few words before it, in its phrase."""
    phrase = _PHRASE_MARK.split(text[max(0, start - _SINCE_REACH) : start])[-1]
    words = [language.morphology.without_conjunction(w) for w in normalize_key(phrase).split()[-_SINCE_WORDS:]]
    return any(w in _since_words(language) for w in words)


@lru_cache(maxsize=16)
def _since_comparisons(language: Language) -> frozenset[str]:
    return frozenset(normalize_key(w) for w in language.words("since_comparisons"))


def compares_since(text: str, start: int, language: Language) -> bool:
    """Whether the date at ``start`` is what something is measured against («مواجهات غير
    مسبوقة منذ انهيار الاتحاد السوفيتي عام 1991», "the worst fighting since 2010"): a word of the
    language's ``since_comparisons`` among the two words before its «since», in its phrase
    (the English noun stands between). What is told did not happen then."""
    comparisons = _since_comparisons(language)
    if not comparisons:
        return False
    phrase = _PHRASE_MARK.split(text[max(0, start - _COMPARED_REACH) : start])[-1]
    words = [language.morphology.without_conjunction(w) for w in normalize_key(phrase).split()]
    since = _since_words(language)
    return any(
        w in since and any(c in comparisons for c in words[max(0, k - _COMPARED_WORDS) : k])
        for k, w in enumerate(words)
    )


# How far before a date its «since» may stand: characters, and words; and what ends its
# phrase (a mark of any script, a line break). A comparison before the «since» reaches further.
_SINCE_REACH, _SINCE_WORDS = 40, 4
_COMPARED_REACH, _COMPARED_WORDS = 60, 2
_PHRASE_MARK = re.compile(r"[^\w\s]|\n")

# a year written against a name with a hyphen: «الاتحاد-2024», «Peace Mission-2005»
_NAMED_YEAR = re.compile(r"(?<=[^\W\d_])\s?-\s?((?:19|20)\d\d)(?![\w])")


def article_time(text: str, expressions: list[DateExpression], language: Language) -> str:
    """When the publication date is unknown, the article's own time: the latest date it
    states to the month or the day, else the latest year it names — leaving out the dates
    where something ends («حتى عام 2029»: a lease's last year), which news names ahead of
    its own time, and the years a period still going on began («منذ … عام 1991»). A news report is pegged to its latest precise date («في 28 أيار/مايو
    2025، …»); the year an article names most is often a founding year its history repeats.
    On the Arabic news whose publication date is known, this finds the publication year in
    27 of 57 articles with dates and overshoots it in 4 (the year named most: 25 and 9)."""
    explicit = [
        d.value
        for d in resolve_dates(expressions, "", language)
        if not d.relative
        and not ends_a_span(text, d.start, language)
        # «منذ استقلال البلد عام 1991»: a year a period began is before the article's time
        and not (len(d.value) == 4 and starts_a_span(text, d.start, language))
    ]
    # «مناورات "بيرليك 2025"»: the edition a quoted name carries tells the article's time
    # (it is no event's date)
    explicit += _edition_years(text, language)
    if not explicit:
        # «مناورات "الاتحاد-2024"», «(مهمة السلام -2005)»: an edition's year joined to its name
        # is the article's year when it states no other
        named = [m[1] for m in _NAMED_YEAR.finditer(text)]
        return max(named) if named else ""
    precise = [v for v in explicit if len(v) >= 7]
    return max(precise or explicit)[:7]
