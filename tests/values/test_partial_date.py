from __future__ import annotations

import datetime
import re

import pytest

from marsad.values.partial_date import (
    OPEN_HIGH,
    OPEN_LOW,
    PartialDate,
    agree,
    dates_ordered,
    high,
    low,
    low_sql,
    overlaps,
    year_position,
)


# -- parsing ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "precision", "year", "month", "day"),
    [
        ("1999", "year", 1999, None, None),
        ("1999-04", "month", 1999, 4, None),
        ("1999-04-12", "day", 1999, 4, 12),
        ("2024-02-29", "day", 2024, 2, 29),  # a leap year
        ("2000-02-29", "day", 2000, 2, 29),  # divisible by 400: leap
        ("2023-12-31", "day", 2023, 12, 31),
        ("2023-04-30", "day", 2023, 4, 30),
        ("0000", "year", 0, None, None),  # the open low end is a date too
    ],
)
def test_parse(text: str, precision: str, year: int, month: int | None, day: int | None) -> None:
    date = PartialDate.parse(text)
    assert (date.text, str(date), date.precision) == (text, text, precision)
    assert (date.year, date.month, date.day) == (year, month, day)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "an empty date: write it as YYYY, YYYY-MM or YYYY-MM-DD"),
        ("99", "date '99': write it as YYYY, YYYY-MM or YYYY-MM-DD"),
        ("1999-4", "date '1999-4': write it as YYYY, YYYY-MM or YYYY-MM-DD"),
        ("1999-04-1", "date '1999-04-1'"),
        ("1999/04", "date '1999/04'"),
        ("1999-04-12T10:00", "date '1999-04-12T10:00'"),
        (" 1999", "date ' 1999'"),
        ("١٩٩٩", "date '١٩٩٩'"),  # Arabic-Indic digits are read by the text module, not here
        ("1999\n", "date '1999\\n'"),
        ("2023-13", "there is no month 13 (months are 01 to 12)"),
        ("2023-00", "there is no month 00"),
        ("2023-02-30", "2023-02 has days 01 to 28, not 30"),
        ("2023-02-29", "2023-02 has days 01 to 28, not 29"),  # not a leap year
        ("1900-02-29", "1900-02 has days 01 to 28, not 29"),  # divisible by 100, not 400
        ("2023-04-31", "2023-04 has days 01 to 30, not 31"),
        ("2023-01-00", "2023-01 has days 01 to 31, not 00"),
        ("2023-01-32", "2023-01 has days 01 to 31, not 32"),
    ],
)
def test_parse_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        PartialDate.parse(text)
    assert not PartialDate.is_valid(text)


def test_a_date_is_a_string() -> None:
    with pytest.raises(ValueError, match="a date is a string"):
        PartialDate.parse(1999)  # type: ignore[arg-type]


# -- bounds -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("1999", "1999-01-01", "1999-12-31"),
        ("2022-10", "2022-10-01", "2022-10-31"),
        ("2022-10-14", "2022-10-14", "2022-10-14"),
        # a month's high bound is «-31» whatever its length: a string after each of its days
        ("2023-02", "2023-02-01", "2023-02-31"),
        ("2024-02", "2024-02-01", "2024-02-31"),
        ("2023-04", "2023-04-01", "2023-04-31"),
    ],
)
def test_bounds(text: str, first: str, last: str) -> None:
    date = PartialDate.parse(text)
    assert (date.low, date.high) == (low(text), high(text)) == (first, last)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("1999", datetime.date(1999, 1, 1), datetime.date(1999, 12, 31)),
        ("2024-02", datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
        ("2023-02", datetime.date(2023, 2, 1), datetime.date(2023, 2, 28)),
        ("1900-02", datetime.date(1900, 2, 1), datetime.date(1900, 2, 28)),
        ("2023-04", datetime.date(2023, 4, 1), datetime.date(2023, 4, 30)),
        ("2023-04-12", datetime.date(2023, 4, 12), datetime.date(2023, 4, 12)),
    ],
)
def test_calendar_days(text: str, first: datetime.date, last: datetime.date) -> None:
    date = PartialDate.parse(text)
    assert (date.first_day(), date.last_day()) == (first, last)
    assert date.low <= last.isoformat() <= date.high  # the string bound holds the calendar's last day


@pytest.mark.parametrize("day", ["2023-02-28", "2023-02-01", "2023-02-15"], ids=["last", "first", "middle"])
def test_every_day_of_a_month_is_within_its_string_bounds(day: str) -> None:
    assert low("2023-02") <= day <= high("2023-02") < low("2023-03")


def test_an_unknown_date_is_an_open_end() -> None:
    assert (low(""), high("")) == (OPEN_LOW, OPEN_HIGH)
    assert low("") < low("0001") and high("9999-12") <= high("")


def test_the_sql_bound_pads_as_the_python_one(tmp_path: object) -> None:
    duckdb = pytest.importorskip("duckdb")
    values = ["1999", "1999-04", "1999-04-12"]
    rows = duckdb.sql(f"SELECT {low_sql('d')} FROM (SELECT unnest(?) AS d)", params=[values]).fetchall()
    assert [r[0] for r in rows] == [low(v) for v in values]


# -- ordering, overlap, agreement -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "end", "ordered"),
    [
        ("1999", "1999", True),
        ("1999-12-31", "1999", True),  # the end's year runs to its last day
        ("1999", "1999-01-01", True),  # the start's year begins on its first
        ("2000", "1999-12-31", False),
        ("2022-10-15", "2022-10-14", False),
        ("2022-10", "2022-10-31", True),
        ("2022-11", "2022-10", False),
        ("", "1999", True),  # an open start
        ("1999", "", True),  # an open end
        ("", "", True),
    ],
)
def test_dates_ordered(start: str, end: str, ordered: bool) -> None:
    assert dates_ordered(start, end) is ordered


def test_the_loader_keeps_its_name_for_dates_ordered() -> None:
    from marsad.kb.loader import dates_ordered as from_loader

    assert from_loader is dates_ordered


@pytest.mark.parametrize(
    ("a", "b", "agrees"),
    [
        ("2022-10", "2022-10-14", True),
        ("2022-10-14", "2022-10", True),
        ("2022", "2022-10-14", True),
        ("2022-10-14", "2022-10-14", True),
        ("2022-10-14", "2022-10-15", False),
        ("2022-10", "2022-11", False),
        ("2021", "2022-01", False),
        ("", "2022-10-14", True),  # an unknown date agrees with any
    ],
)
def test_agree(a: str, b: str, agrees: bool) -> None:
    assert agree(a, b) is agrees is agree(b, a)
    if a and b:
        assert PartialDate.parse(a).agrees(PartialDate.parse(b)) is agrees


@pytest.mark.parametrize(
    ("outer", "inner", "contains"),
    [
        ("2022", "2022-10-14", True),
        ("2022-10", "2022-10", True),
        ("2022-10-14", "2022", False),
        ("2022", "2023", False),
    ],
)
def test_contains(outer: str, inner: str, contains: bool) -> None:
    assert PartialDate.parse(outer).contains(PartialDate.parse(inner)) is contains


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        (("1992", ""), ("1999", "1999"), True),  # an open period reaches any later date
        (("1992", "1999-04"), ("1999", "1999"), True),  # part of 1999 is enough
        (("1992", "1998"), ("1999", "1999"), False),
        (("2000", ""), ("1999", "1999"), False),
        (("", ""), ("1999", "1999"), True),
        (("2022-10-14", "2022-10-14"), ("2022-10", "2022-10"), True),
        (("2022-10-14", "2022-10-14"), ("2022-11", "2022-12"), False),
    ],
)
def test_overlaps(a: tuple[str, str], b: tuple[str, str], overlap: bool) -> None:
    assert overlaps(*a, *b) is overlap is overlaps(*b, *a)


def test_partial_dates_overlap_when_they_agree() -> None:
    october, day, november = (PartialDate.parse(t) for t in ("2022-10", "2022-10-14", "2022-11"))
    assert october.overlaps(day) and not october.overlaps(november)


def test_order_is_by_first_day_then_coarser_first() -> None:
    texts = ["2022-01-01", "2021-12", "2022", "2022-01", "1999-12-31"]
    assert [str(d) for d in sorted(PartialDate.parse(t) for t in texts)] == [
        "1999-12-31",
        "2021-12",
        "2022",
        "2022-01",
        "2022-01-01",
    ]


def test_a_partial_date_is_a_frozen_value() -> None:
    date = PartialDate.parse("1999")
    assert date == PartialDate.parse("1999") and hash(date) == hash(PartialDate.parse("1999"))
    with pytest.raises(AttributeError):
        date.text = "2000"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "position"), [("2001", 2001.0), ("2001-01", 2001.0), ("2001-07", 2001.5), ("2001-07-20", 2001.5)]
)
def test_year_position(text: str, position: float) -> None:
    assert year_position(text) == position
