"""Many rows into a DuckDB table as one string per column.

A value passed to DuckDB from Python is converted one by one; a list of a hundred thousand
values costs a hundred thousand conversions. One string per column (its values joined by a
separator) is one conversion, and DuckDB splits it and casts the pieces in C++: about twice
as fast as a list per column, and the single writer's inserts are its largest cost. A
column whose values do not all fit the encoding (a separator inside a text, a type the
encoding does not know) makes the caller fall back to a list per column.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

RECORD, ITEM, NULL = chr(30), chr(31), chr(21)  # between values, between a list's items, no value


def column_strings(columns: Sequence[Sequence[Any]]) -> tuple[list[str], list[str]] | None:
    """For each column, its values as one string and the SQL that reads them back (``c{i}``
    is the split piece); None when some column cannot be encoded."""
    strings, readers = [], []
    for index, column in enumerate(columns):
        encoded = _encode(column, f"c{index}")
        if encoded is None:
            return None
        strings.append(encoded[0])
        readers.append(encoded[1])
    return strings, readers


def _encode(column: Sequence[Any], name: str) -> tuple[str, str] | None:
    present = [value for value in column if value is not None]
    kinds = {type(value) for value in present}
    nulls = len(column) - len(present)
    if kinds <= {str}:
        text = RECORD.join(NULL if value is None else value for value in column)
        reader = f"nullif({name}, chr(21))"
    elif kinds <= {int}:
        text = RECORD.join(NULL if value is None else str(value) for value in column)
        reader = f"CAST(nullif({name}, chr(21)) AS BIGINT)"
    elif kinds <= {int, float}:
        text = RECORD.join(NULL if value is None else repr(float(value)) for value in column)
        reader = f"CAST(nullif({name}, chr(21)) AS DOUBLE)"
    elif kinds <= {bool}:
        text = RECORD.join(NULL if value is None else ("true" if value else "false") for value in column)
        reader = f"CAST(nullif({name}, chr(21)) AS BOOLEAN)"
    elif kinds <= {datetime}:
        text = RECORD.join(NULL if value is None else value.isoformat() for value in column)
        reader = f"CAST(nullif({name}, chr(21)) AS TIMESTAMP)"
    elif kinds <= {list, tuple} and all(isinstance(item, str) for value in present for item in value):
        items = sum(len(value) for value in present)
        text = RECORD.join(NULL if value is None else ITEM.join(value) for value in column)
        if text.count(ITEM) != items - sum(1 for value in present if value):
            return None  # a separator inside an item
        reader = (
            f"CASE WHEN {name} = chr(21) THEN NULL WHEN {name} = '' THEN []::VARCHAR[] "
            f"ELSE string_split({name}, chr(31)) END"
        )
    else:
        return None
    # every separator and no-value mark is one of ours: none hides inside a text
    if text.count(RECORD) != len(column) - 1 or text.count(NULL) != nulls:
        return None
    return text, reader
