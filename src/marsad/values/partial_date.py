"""Partial dates: ISO dates at the precision a source supports — «1999», «1999-04» or
«1999-04-12».

A partial date covers its whole period: «1999» runs from 1999-01-01 to 1999-12-31, so
«members at 1999» includes whoever was a member for part of that year. Dates are stored
and compared as strings, and the bounds are strings too:

* ``low``  pads to the first day: «1999» → «1999-01-01», «1999-04» → «1999-04-01».
* ``high`` pads to a day after every day of the period: «1999» → «1999-12-31», and every
  month ends on «-31» («1999-02» → «1999-02-31»). That is not a calendar day, but as a
  string it sorts after each day of the month, which is all a bound has to do (and the
  same padding works in SQL). The calendar's own last day is ``last_day()``.

An empty string is an unknown date: a period with an empty end is open on that side
(``low("")`` sorts before every date, ``high("")`` after), and it agrees with any date.
The string functions take stored values as they are; :meth:`PartialDate.parse` is the
check for a date someone writes.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Literal

Precision = Literal["year", "month", "day"]

# every stored date is one of these lengths; the paddings below are cut at it
_PRECISION_OF_LENGTH: dict[int, Precision] = {4: "year", 7: "month", 10: "day"}
_FIRST = "0000-01-01"
_LAST = "0000-12-31"
# the ends of an open period: before and after every four-digit year
OPEN_LOW = "0000-01-01"
OPEN_HIGH = "9999-12-31"
# ASCII digits only, and nothing after (not even the newline `$` lets through)
_SHAPE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
FORMAT_HINT = "write it as YYYY, YYYY-MM or YYYY-MM-DD"


def low(value: str) -> str:
    """The first day ``value`` covers, as a string («1999» → «1999-01-01»); ``OPEN_LOW``
    for an unknown date."""
    return value + _FIRST[len(value) :] if value else OPEN_LOW


def high(value: str) -> str:
    """A string after every day ``value`` covers and before the next period («1999» →
    «1999-12-31», «1999-02» → «1999-02-31»); ``OPEN_HIGH`` for an unknown date."""
    return value + _LAST[len(value) :] if value else OPEN_HIGH


def dates_ordered(start: str, end: str) -> bool:
    """Whether a period from ``start`` to ``end`` (each partial, inclusive, empty for open)
    can be: the start's first day is not after the end's last."""
    return not start or not end or low(start) <= high(end)


def overlaps(start: str, end: str, other_start: str, other_end: str) -> bool:
    """Whether two periods, each inclusive of its partial ends and open at an empty one,
    share a day."""
    return low(start) <= high(other_end) and low(other_start) <= high(end)


def agree(a: str, b: str) -> bool:
    """Whether two dates can name the same day: one is the other at a coarser precision
    («2022-10» and «2022-10-14»), or one is unknown."""
    return a.startswith(b) or b.startswith(a)


def year_position(value: str) -> float:
    """Where a date starts on a year axis, to the month: «2001-07» → 2001.5, «2001» → 2001.0."""
    year = int(value[:4])
    return year + (int(value[5:7]) - 1) / 12 if len(value) >= 7 else float(year)


def low_sql(column: str) -> str:
    """SQL that pads a partial-date column to its first day, as :func:`low` does (``column``
    is a constant of the caller, never user input)."""
    return f"({column} || substr('{_FIRST}', length({column}) + 1))"


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A checked partial date. Build it with :meth:`parse`; ``text`` is how it is written.
    Dates order by their first day, a coarser one before its refinements («2022» <
    «2022-01» < «2022-01-01»)."""

    text: str

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        """The partial date written ``value``; ValueError saying what is wrong if it is not
        one (the shape, a month outside 01–12, a day the month does not have)."""
        if not isinstance(value, str):
            raise ValueError(f"date {value!r}: a date is a string; {FORMAT_HINT}")
        if not value:
            raise ValueError(f"an empty date: {FORMAT_HINT}")
        match = _SHAPE.fullmatch(value)
        if match is None:
            raise ValueError(f"date {value!r}: {FORMAT_HINT}")
        year, month, day = (int(part) if part else None for part in match.groups())
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"date {value!r}: there is no month {month:02d} (months are 01 to 12)")
        if month is not None and day is not None:
            days = calendar.monthrange(year or 0, month)[1]  # year 0 is leap in the proleptic calendar
            if not 1 <= day <= days:
                raise ValueError(f"date {value!r}: {value[:7]} has days 01 to {days}, not {day:02d}")
        return cls(value)

    @classmethod
    def is_valid(cls, value: str) -> bool:
        try:
            cls.parse(value)
        except ValueError:
            return False
        return True

    def __str__(self) -> str:
        return self.text

    @property
    def precision(self) -> Precision:
        return _PRECISION_OF_LENGTH[len(self.text)]

    @property
    def year(self) -> int:
        return int(self.text[:4])

    @property
    def month(self) -> int | None:
        return int(self.text[5:7]) if len(self.text) >= 7 else None

    @property
    def day(self) -> int | None:
        return int(self.text[8:10]) if len(self.text) == 10 else None

    @property
    def low(self) -> str:
        return low(self.text)

    @property
    def high(self) -> str:
        return high(self.text)

    def first_day(self) -> datetime.date:
        """The calendar's first day of the period (years 1 to 9999: ``datetime``'s)."""
        return datetime.date.fromisoformat(self.low)

    def last_day(self) -> datetime.date:
        """The calendar's last day of the period (leap years and month lengths counted)."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return datetime.date(self.year, month, day)

    def contains(self, other: PartialDate) -> bool:
        """Whether ``other`` lies within this date's period («2022» contains «2022-10-14»)."""
        return other.text.startswith(self.text)

    def agrees(self, other: PartialDate) -> bool:
        """One of the two is the other at a coarser precision (or they are equal)."""
        return agree(self.text, other.text)

    def overlaps(self, other: PartialDate) -> bool:
        return overlaps(self.text, self.text, other.text, other.text)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.low, len(self.text)) < (other.low, len(other.text))
