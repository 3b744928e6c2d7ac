"""The indicators as CSV: one row per answer, lists joined, the source spread into columns."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, TextIO


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "; ".join(_cell(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "member") and hasattr(value, "count"):  # MemberCount
            return f"{value.member}={value.count}"
        return " ".join(_cell(getattr(value, f.name)) for f in fields(value))
    if isinstance(value, float):
        return f"{value:.15g}"
    return str(value)


def _header(row: Any) -> list[str]:
    names = []
    for f in fields(row):
        if f.name == "source":
            names += ["doc_id", "evidence_start", "evidence_end", "evidence", "title", "published"]
        else:
            names.append(f.name)
    return names


def _values(row: Any) -> list[str]:
    values = []
    for f in fields(row):
        value = getattr(row, f.name)
        if f.name == "source":
            values += [value.doc_id, str(value.start), str(value.end), value.evidence, value.title, value.published]
        elif f.name in ("by_type", "activity"):
            values.append("; ".join(f"{t}={n}" for t, n in value))
        else:
            values.append(_cell(value))
    return values


def write_csv(rows: Sequence[Any], out: TextIO) -> int:
    """Write ``rows`` (records of one kind) to ``out`` with a header; how many were written."""
    writer = csv.writer(out)
    if not rows:
        return 0
    writer.writerow(_header(rows[0]))
    for row in rows:
        writer.writerow(_values(row))
    return len(rows)


def save_csv(rows: Sequence[Any], path: Path) -> int:
    with path.open("w", encoding="utf-8", newline="") as out:
        return write_csv(rows, out)
