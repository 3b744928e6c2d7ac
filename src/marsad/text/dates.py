"""Explicit calendar dates in Arabic, English and Russian text.

Month names (Egyptian/Gulf, Levantine and Maghrebi forms, «28 أيار/مايو 2025») come from
``months.yaml``. This module finds complete written dates; resolving relative and partial
dates against a publication date belongs to event extraction.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from hijridate import Hijri

from marsad.datafile import load_yaml
from marsad.text.normalize import NormalizedText, normalize, normalize_key
from marsad.text.numbers import number_words
from marsad.text.prefilter import places
from marsad.text.regex import first_letters, guarded


@dataclass(frozen=True, slots=True)
class FoundDate:
    start: int  # offsets in the original text
    end: int
    value: str  # YYYY-MM-DD


@lru_cache(maxsize=1)
def _months() -> dict[str, Any]:
    """``months.yaml``, read once for the month names, the date rules and the prefilter's words."""
    return load_yaml(resources.files("marsad.text").joinpath("months.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    raw = _months()
    return {normalize_key(name): int(month) for month, names in raw["gregorian"].items() for name in names}


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[FoundDate]:
    """Every complete date (to the day) written in ``text``, in order of appearance."""
    return [FoundDate(d.start, d.end, d.value) for d in find_date_mentions(text) if len(d.value) == 10]


def publication_date_from_text(text: str, head_lines: int = 12) -> str:
    """The publication date when the article states one near its top, else ``""``.

    Only a date standing alone on a line (a dateline) counts: a date inside a sentence is
    when something happened, and taking it as the publication date would invent one.
    """
    lines = text.splitlines()
    head = "\n".join(lines[:head_lines])
    dates = find_dates(head)
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
    relative: dict[str, tuple[str, int]]
    month_last: frozenset[str]
    month_current: frozenset[str]
    month_next: frozenset[str]
    pattern: re.Pattern[str]
    hijri: dict[str, int]
    anchored_units: dict[str, tuple[str, int]]
    anchored_phrases: dict[str, tuple[str, int]]
    anchored_before: frozenset[str]
    anchored: re.Pattern[str]


def _alternation(items: object) -> str:
    return "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def _date_rules() -> _DateRules:
    raw = _months()
    names = sorted(month_names(), key=len, reverse=True)
    month = "|".join(re.escape(n) for n in names)
    relative = {normalize_key(k): (v[0], int(v[1])) for k, v in raw["relative"].items()}
    rel = "|".join(re.escape(k) for k in sorted(relative, key=len, reverse=True))
    qualifiers = [normalize_key(w) for w in raw["month_last"] + raw["month_current"] + raw["month_next"]]
    qual = "|".join(re.escape(q) for q in qualifiers)
    spans = raw["anchored"]
    phrases = {normalize_key(k): (v[0], int(v[1])) for k, v in spans["phrases"].items()}
    # «اليوم التالي» counts from the event just told, not from the publication date
    after_relative = {p.split()[1] for p in phrases if p.split()[0] in relative and len(p.split()) == 2}
    units = {normalize_key(k): (v[0], int(v[1])) for k, v in spans["units"].items()}
    directions = [normalize_key(w) for w in spans["after"] + spans["before"]]
    amounts = _alternation(number_words())
    fillers = _alternation(normalize_key(w) for w in spans["fillers"])
    anchored = guarded(
        rf"(?<![^\W_])(?:[وف]?)(?:(?P<dir>{_alternation(directions)})\s+(?:(?P<n>\d+|{amounts})\s+)?"
        rf"(?P<unit>{_alternation(units)})(?:\s+(?:{fillers}))*\s+من\s+(?=\S)"
        rf"|(?:في\s+)?(?P<phrase>{_alternation(phrases)})(?![^\W_]))",
        first_letters([*directions, *phrases, "و", "ف"]),
    )
    hijri = {normalize_key(n): int(m) for m, names in raw["hijri"].items() for n in names}
    marks = _alternation(normalize_key(m) for m in raw["hijri_marks"])
    # One alternation, tried left to right at each position, most specific first.
    starts = first_letters([*hijri, *names, *relative, "و", "ف", "ب", "ل", "شهر", "ال", "عام", "سنه", "سنة"])
    pattern = guarded(
        r"(?<![\w/.-])(?:[وفبل](?=\d))?(?:"
        # 15 رمضان 1445 هـ · شعبان 1445
        rf"(?:(?P<hday>[0-3]?\d)\s+)?(?P<hmonth>{_alternation(hijri)})\s+(?P<hyear>1[34]\d\d)(?:\s*(?:{marks}))?(?![\w])|"
        # 2024-09-07 · 07/09/2024
        r"(?P<y1>(?:19|20)\d\d)-(?P<m1>[01]?\d)-(?P<d1>[0-3]?\d)(?![\d/.-])"
        r"|(?P<d2>[0-3]?\d)[/.](?P<m2>[01]?\d)[/.](?P<y2>(?:19|20)\d\d)(?![\d/.-])|"
        # 28 ايار/مايو 2025 · 14-16 سبتمبر 2022 · 7 September 2024 · 20 اكتوبر/تشرين الاول
        rf"(?P<day>[0-3]?\d)(?:\s*-\s*[0-3]?\d)?\s+(?:ال)?(?P<dmonth>{month})(?:\s*[/(-]\s*(?:{month})\)?)?"
        rf"(?:\s*,?\s+(?P<dyear>(?:19|20)\d\d)|\s+(?P<dqual>{qual}))?"
        # (كانون الثاني/)يناير 2022 · شهر اكتوبر الحالي · سبتمبر الماضي
        rf"|(?:شهر\s+)?(?P<month>{month})(?:\s*[/(-]\s*(?:{month})\)?)?"
        rf"(?:\s*,?\s*(?P<myear>(?:19|20)\d\d)(?!\d)|\s+(?P<mqual>{qual}))"
        # عام 1999 · عامي 2020 و2022 · في 1955 · منذ 2018
        rf"|(?:(?:ال)?(?:عام|عامي|سنه|سنة)\s+)?(?P<year>(?:19|20)\d\d)(?!\d)(?!\s*(?:%|٪|مليون|مليار|الف))"
        rf"|(?P<rel>{rel})(?!\s+(?:{_alternation(after_relative)})(?![\w]))"
        r")(?![\w])",
        starts,
        digits=True,
    )
    return _DateRules(
        relative,
        frozenset(normalize_key(w) for w in raw["month_last"]),
        frozenset(normalize_key(w) for w in raw["month_current"]),
        frozenset(normalize_key(w) for w in raw["month_next"]),
        pattern,
        hijri,
        units,
        phrases,
        frozenset(normalize_key(w) for w in spans["before"]),
        anchored,
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


def anchored_spans(text: str, norm: NormalizedText | None = None) -> list[AnchoredSpan]:
    """Every span of time in ``text`` counted from another event, in order of appearance
    (``norm``: the text already normalized)."""
    rules = _date_rules()
    words = number_words()
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


def _month_relative(month: int, qualifier: str, reference: str, rules: _DateRules) -> str:
    if not reference:
        return ""
    parts = [int(p) for p in reference.split("-")]
    year = parts[0]
    ref_month = parts[1] if len(parts) >= 2 else None
    if qualifier in rules.month_last and ref_month is not None and month > ref_month:
        year -= 1
    elif qualifier in rules.month_next and ref_month is not None and month < ref_month:
        year += 1
    return f"{year:04d}-{month:02d}"


def find_date_mentions(text: str, reference: str = "") -> list[DateMention]:
    """Every date expression in ``text`` with its value at the precision the text gives.

    ``reference`` (the publication date, any precision) resolves relative expressions
    («العام الماضي», «سبتمبر الماضي», «أمس»); without it they are left out, never guessed.
    A day and month without a year take the reference's year.
    """
    return resolve_dates(date_expressions(text), reference)


@dataclass(frozen=True, slots=True)
class DateExpression:
    """A date expression found in text, not yet resolved against a reference date."""

    start: int
    end: int
    groups: dict[str, str | None]


def date_expressions(text: str, norm: NormalizedText | None = None) -> list[DateExpression]:
    """Every date expression of ``text`` (``norm``: the text already normalized)."""
    rules = _date_rules()
    norm = norm or normalize(text)
    ntext = norm.text
    # The pattern is tried only where an expression can start (see date_anchor_words), in
    # order, each after the end of the one before: what finditer would find, at fewer places.
    where = places(norm)
    found = []
    end = 0
    for at in sorted({*where.date_words, *where.digit_starts, *(d - 1 for d in where.digit_starts)}):
        if at < end:
            continue
        match = rules.pattern.match(ntext, at)
        if match is None:
            continue
        start = match.start() + (1 if ntext[match.start()] in "وفبل" else 0)  # «و2022»
        found.append(DateExpression(*norm.to_original(start, match.end()), match.groupdict()))
        end = match.end()
    return found


@lru_cache(maxsize=1)
def date_anchor_words() -> frozenset[tuple[str, int]]:
    """The words a date expression without a digit opens with, or holds near its start:
    (word, how many characters before the word the expression can start). Every other
    expression opens with a run of digits, or one character before it («و2022»)."""
    raw = _months()
    words = {*month_names(), *(normalize_key(n) for names in raw["hijri"].values() for n in names)}
    words |= {normalize_key(k) for k in raw["relative"]} | {"شهر"}
    years = ("عام", "سنه", "سنة")  # «العام 2020»: the article before them
    return frozenset({(w, 0) for w in (*words, *years)} | {(w, 2) for w in years})


def resolve_dates(expressions: list[DateExpression], reference: str) -> list[DateMention]:
    rules = _date_rules()
    names = month_names()
    found: list[DateMention] = []
    for expression in expressions:
        match = expression.groups
        value, relative = "", False
        if match["hmonth"]:
            value = _from_hijri(int(match["hyear"]), rules.hijri[match["hmonth"]], int(match["hday"] or 0))
        elif match["y1"] or match["y2"]:
            year, month, day = (
                (match["y1"], match["m1"], match["d1"]) if match["y1"] else (match["y2"], match["m2"], match["d2"])
            )
            value = _valid(int(year or 0), int(month or 0), int(day or 0)) or ""
        elif match["dmonth"]:
            month, day = names[match["dmonth"]], int(match["day"] or 0)
            if match["dyear"]:
                value = _valid(int(match["dyear"]), month, day) or ""
            elif reference:
                base = _month_relative(month, match["dqual"] or "", reference, rules)
                value = (_valid(int(base[:4]), month, day) or "") if base else ""
                relative = True
        elif match["month"]:
            month = names[match["month"]]
            if match["myear"]:
                value = f"{int(match['myear']):04d}-{month:02d}"
            else:
                value, relative = _month_relative(month, match["mqual"] or "", reference, rules), True
        elif match["year"]:
            value = match["year"]
        elif match["rel"] and reference:
            unit, offset = rules.relative[match["rel"]]
            value, relative = _shift(reference, unit, offset), True
        if value:
            found.append(DateMention(expression.start, expression.end, value, relative))
    return found


def article_time(expressions: list[DateExpression]) -> str:
    """When the publication date is unknown, the article's own time: the year its explicit
    dates name most (the later on a tie), and the latest month it names in that year. News
    reports recent events; a single future date («حتى أغسطس 2023») does not move it."""
    explicit = [d.value for d in resolve_dates(expressions, "") if not d.relative]
    if not explicit:
        return ""
    years = Counter(v[:4] for v in explicit)
    year = max(years, key=lambda y: (years[y], y))
    return max(v for v in explicit if v.startswith(year))[:7]
