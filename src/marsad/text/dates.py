"""Explicit calendar dates in Arabic, English and Russian text.

Month names (Egyptian/Gulf, Levantine and Maghrebi forms, «28 أيار/مايو 2025») come from
``months.yaml``. This module finds complete written dates; resolving relative and partial
dates against a publication date belongs to event extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

import yaml

from marsad.text.normalize import normalize, normalize_key


@dataclass(frozen=True, slots=True)
class FoundDate:
    start: int  # offsets in the original text
    end: int
    value: str  # YYYY-MM-DD


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    raw = yaml.safe_load(resources.files("marsad.text").joinpath("months.yaml").read_text(encoding="utf-8"))
    return {normalize_key(name): int(month) for month, names in raw["gregorian"].items() for name in names}


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = sorted(month_names(), key=len, reverse=True)
    month = "(?P<month>" + "|".join(re.escape(n) for n in names) + ")"
    # «28 أيار/مايو 2025», «14 أكتوبر 2022», «7 September 2024»: day, month name(s), year.
    written = re.compile(
        r"(?<!\d)(?P<day>[0-3]?\d)\s+(?:(?:ال)?)"
        + month
        + r"(?:\s*[/(-]\s*(?:"
        + "|".join(re.escape(n) for n in names)
        + r")\)?)?\s*,?\s+(?P<year>(?:19|20)\d\d)(?!\d)"
    )
    numeric = re.compile(
        r"(?<![\d/.-])(?:(?P<y1>(?:19|20)\d\d)-(?P<m1>[01]?\d)-(?P<d1>[0-3]?\d)"
        r"|(?P<d2>[0-3]?\d)[/.](?P<m2>[01]?\d)[/.](?P<y2>(?:19|20)\d\d))(?![\d/.-])"
    )
    return written, numeric


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[FoundDate]:
    """Every complete date written in ``text``, in order of appearance."""
    norm = normalize(text)
    written, numeric = _patterns()
    found: list[FoundDate] = []
    for match in written.finditer(norm.text):
        value = _valid(int(match["year"]), month_names()[match["month"]], int(match["day"]))
        if value:
            found.append(FoundDate(*norm.to_original(match.start(), match.end()), value))
    for match in numeric.finditer(norm.text):
        if match["y1"]:
            value = _valid(int(match["y1"]), int(match["m1"]), int(match["d1"]))
        else:
            value = _valid(int(match["y2"]), int(match["m2"]), int(match["d2"]))
        if value:
            found.append(FoundDate(*norm.to_original(match.start(), match.end()), value))
    return sorted(found, key=lambda d: d.start)


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
