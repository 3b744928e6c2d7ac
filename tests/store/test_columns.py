"""Rows written as one string per column come back exactly as given, or the writer falls
back to a list per column."""

from __future__ import annotations

from datetime import datetime

import pytest

from marsad.store.columns import column_strings
from marsad.store.duck import Store

SQL = "INSERT INTO t (name, n, x, ok, stamp, ids, fixed) VALUES (?, ?, ?, ?, ?, ?, 'article')"
ROWS = [
    ("كازاخستان", 3, 1.5, True, datetime(2024, 2, 22, 10, 30, 0, 123456), ["KAZ", "RUS"]),
    ("", None, None, None, None, []),
    (None, 0, 1300000000.0, False, datetime(1992, 5, 15), None),
    ("«الحلف»؛ قال: 'لا'\n«سطر»", -7, 2, True, datetime(2000, 1, 1), ["CSTO"]),
]


def _store_with_table() -> Store:
    store = Store(":memory:")
    store.con.execute(
        "CREATE TABLE t (name VARCHAR, n INTEGER, x DOUBLE, ok BOOLEAN, stamp TIMESTAMP, ids VARCHAR[], fixed VARCHAR)"
    )
    return store


def test_every_kind_of_value_comes_back_as_given() -> None:
    assert column_strings([list(column) for column in zip(*ROWS, strict=True)]) is not None  # not the fallback
    store = _store_with_table()
    store.con.execute("BEGIN")
    store._insert_now(SQL, ROWS)
    store.con.execute("COMMIT")
    back = store.con.execute("SELECT * FROM t").fetchall()
    assert back == [(*row, "article") for row in ROWS]
    assert back[1][0] == "" and back[2][0] is None  # an empty text is not a missing one
    assert back[1][5] == [] and back[2][5] is None  # nor an empty list a missing one


@pytest.mark.parametrize(
    "column",
    [
        ["a\x1eb", "c"],  # a value separator inside a text
        ["a\x15", None],  # the no-value mark inside a text
        [["KAZ\x1fRUS"], ["UZB"]],  # an item separator inside a list item
        [{"a": 1}, {"b": 2}],  # a kind the encoding does not know
        ["text", 3],  # mixed kinds
    ],
)
def test_values_that_do_not_fit_the_encoding_are_refused(column: list[object]) -> None:
    assert column_strings([column]) is None


def test_a_refused_column_is_still_written_exactly() -> None:
    store = _store_with_table()
    rows = [("أ\x1eب", 1, 0.5, True, datetime(2020, 1, 1), ["X\x1fY"])]
    store._insert_now(SQL, rows)
    assert store.con.execute("SELECT name, ids FROM t").fetchall() == [("أ\x1eب", ["X\x1fY"])]


def test_a_wrong_row_width_is_an_error() -> None:
    store = _store_with_table()
    with pytest.raises(ValueError, match="5 values per row for 6 placeholders"):
        store._insert_now(SQL, [row[:5] for row in ROWS])
