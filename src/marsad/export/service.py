"""Choose the writer for a format: to files (`export`) or to bytes for the REST API (`export_bytes`)."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

from marsad.export.documents import write_documents
from marsad.export.errors import ExportError
from marsad.export.events import check_event_filters, write_plover
from marsad.export.geo import event_features
from marsad.export.gold import write_gold
from marsad.export.network import to_gexf, to_graphml
from marsad.export.tables import TABLE_FORMATS, check_table, copy_table, export_tables
from marsad.query.api import Marsad, QueryError

FORMATS = ("jsonl", "csv", "parquet", "plover", "graphml", "gexf", "geojson", "gold")
EVENT_FORMATS = ("plover", "geojson")
NETWORK_FORMATS = ("graphml", "gexf")
MEDIA_TYPES = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "plover": "application/json",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "geojson": "application/geo+json",
}
JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")  # a PLOVER file named so is written one event a line


def export(
    kb: Marsad,
    fmt: str,
    out: Path,
    *,
    at: str | None = None,
    years: int = 3,
    reviewed_only: bool = False,
    **event_filters: Any,
) -> list[Path]:
    """Write the store (or its events, or its network at ``at``) to ``out`` in ``fmt``.

    ``out`` is a file, or a folder for csv and parquet (one file per table) and gold (one
    ``<doc>.json`` per reviewed document; ``reviewed_only``: only the facts an analyst
    confirmed or corrected, see :mod:`marsad.export.gold`). Returns the files written. ``event_filters`` (type, actors, since, until, place, modality …) select
    the events of plover and geojson, as `Marsad.events` does.
    """
    filters = _check_request(fmt, at, years, event_filters)
    if reviewed_only and fmt != "gold":
        raise ExportError(f"reviewed_only (--reviewed-only) goes with gold only, not {fmt}")
    out = Path(out)
    try:
        if fmt in TABLE_FORMATS:
            return export_tables(kb.con, out, fmt)
        if fmt == "gold":
            if out.exists() and not out.is_dir():
                raise ExportError(f"{out}: is a file; gold writes one file per document, so give a folder")
            return write_gold(kb.con, out, reviewed_only)
        if out.is_dir():
            raise ExportError(f"{out}: is a folder; {fmt} writes one file, so give a file name")
        out.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "jsonl":
            with out.open("w", encoding="utf-8") as stream:
                write_documents(kb.con, stream)
        elif fmt == "plover":
            with out.open("w", encoding="utf-8") as stream:
                write_plover(kb, stream, filters, lines=out.suffix.lower() in JSON_LINES_SUFFIXES)
        else:
            out.write_bytes(_render(kb, fmt, at, years, filters))
    except QueryError as exc:
        raise ExportError(str(exc)) from exc
    return [out]


def export_bytes(
    kb: Marsad, fmt: str, *, at: str | None = None, years: int = 3, table: str | None = None, **event_filters: Any
) -> tuple[bytes, str, str]:
    """One export in memory, for the REST API: (content, media type, file name).

    csv and parquet export one table, named by ``table`` (one of ``TABLES``).
    """
    filters = _check_request(fmt, at, years, event_filters)
    if fmt == "gold":
        raise ExportError("gold writes a folder of files, one per document: export it with `marsad export gold -o DIR`")
    try:
        if fmt in TABLE_FORMATS:
            name = check_table(table)
            with tempfile.TemporaryDirectory(prefix="marsad-export-") as folder:
                content = copy_table(kb.con, name, Path(folder) / f"{name}.{fmt}", fmt).read_bytes()
            return content, MEDIA_TYPES[fmt], f"marsad-{name}.{fmt}"
        if fmt == "jsonl":
            text = io.StringIO()
            write_documents(kb.con, text)
            return text.getvalue().encode("utf-8"), MEDIA_TYPES[fmt], "marsad-documents.jsonl"
        if fmt == "plover":
            text = io.StringIO()
            write_plover(kb, text, filters)
            return text.getvalue().encode("utf-8"), MEDIA_TYPES[fmt], "marsad-events-plover.json"
        content = _render(kb, fmt, at, years, filters)
    except QueryError as exc:
        raise ExportError(str(exc)) from exc
    name = f"marsad-network-{at}.{fmt}" if fmt in NETWORK_FORMATS else "marsad-events.geojson"
    return content, MEDIA_TYPES[fmt], name


def _render(kb: Marsad, fmt: str, at: str | None, years: int, filters: dict[str, Any]) -> bytes:
    """The formats built whole in memory: the network, and the GeoJSON collection."""
    if fmt == "geojson":
        return json.dumps(event_features(kb, filters), ensure_ascii=False).encode("utf-8")
    assert at is not None  # checked by _check_request
    network = kb.network(at, years)
    return to_graphml(network) if fmt == "graphml" else to_gexf(network)


def _check_request(fmt: str, at: str | None, years: int, event_filters: dict[str, Any]) -> dict[str, Any]:
    """Refuse a request that cannot be met, before anything is written; returns the filters set."""
    if fmt not in FORMATS:
        raise ExportError(f"format {fmt!r}: choose one of {', '.join(FORMATS)}")
    filters = check_event_filters(event_filters)
    if filters and fmt not in EVENT_FORMATS:
        raise ExportError(
            f"event filters ({', '.join(filters)}) select events for {' and '.join(EVENT_FORMATS)} only; "
            f"drop them for {fmt}"
        )
    if fmt in NETWORK_FORMATS:
        if not at:
            raise ExportError(
                f"{fmt} exports the network at a date: give one as YYYY, YYYY-MM or YYYY-MM-DD (--at 2000)"
            )
        if years < 0:
            raise ExportError(f"years {years}: count interactions over 0 or more years before the date")
    return filters
