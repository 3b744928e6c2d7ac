"""`marsad export FORMAT OUT`: the export sub-application, added to the main CLI with
``app.add_typer(export_app, name="export")``.

It is one command, written as the sub-application's callback so that it runs as
``marsad export FORMAT OUT`` with no sub-command name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

EXIT_ERROR = 2
DEFAULT_DB = "marsad.duckdb"
HELP = (
    "Write the store in a format analysts' tools read.\n\n"
    "FORMAT is one of: jsonl (every document in document format v1), csv or parquet (every table, one file each, "
    "into the folder OUT), plover (events as PLOVER-style JSON; an OUT ending in .jsonl gets one event a line), "
    "graphml or gexf (the network at --at, for Gephi), geojson (events with coordinates), gold (each reviewed "
    "document as a gold <doc>.json file for the scorer, into the folder OUT).\n\n"
    "Example: marsad export gexf network-2000.gexf --db marsad.duckdb --at 2000\n\n"
    "Example: marsad export gold -o gold/ --db marsad.duckdb --reviewed-only"
)

export_app = typer.Typer(help=HELP, add_completion=False)
console = Console(stderr=True)


def _fail(message: str) -> typer.Exit:
    console.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(EXIT_ERROR)


@export_app.callback(
    invoke_without_command=True,
    no_args_is_help=True,
    subcommand_metavar="",
    # options may follow FORMAT and OUT, as in every other marsad command
    context_settings={"allow_interspersed_args": True},
)
def export_command(
    fmt: Annotated[
        str, typer.Argument(metavar="FORMAT", help="jsonl, csv, parquet, plover, graphml, gexf, geojson or gold.")
    ],
    out: Annotated[
        Path | None, typer.Argument(metavar="OUT", help="The file to write; a folder for csv, parquet and gold.")
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="OUT, given as an option.")] = None,
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store file.")] = Path(DEFAULT_DB),
    at: Annotated[
        str | None, typer.Option(help="graphml/gexf: the date of the network (YYYY, YYYY-MM or YYYY-MM-DD).")
    ] = None,
    years: Annotated[int, typer.Option(help="graphml/gexf: years of events before --at that make interactions.")] = 3,
    event_type: Annotated[
        list[str] | None, typer.Option("--type", help="plover/geojson: event type (EXERCISE, MEETING …); repeatable.")
    ] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option("--actor", help="plover/geojson: a state or organization taking part; repeatable."),
    ] = None,
    match: Annotated[str, typer.Option(help="plover/geojson: events with 'any' or 'all' of the actors.")] = "any",
    agent: Annotated[str | None, typer.Option(help="plover/geojson: a person acting.")] = None,
    place: Annotated[str | None, typer.Option(help="plover/geojson: a place, or a state and its places.")] = None,
    since: Annotated[str | None, typer.Option(help="plover/geojson: events from this date on.")] = None,
    until: Annotated[str | None, typer.Option(help="plover/geojson: events up to this date.")] = None,
    modality: Annotated[str | None, typer.Option(help="plover/geojson: asserted, planned, proposed, denied …")] = None,
    reviewed_only: Annotated[
        bool, typer.Option("--reviewed-only", help="gold: only the facts an analyst confirmed or corrected.")
    ] = False,
) -> None:
    """Write the store in a format analysts' tools read.

    Example: marsad export gexf network-2000.gexf --db marsad.duckdb --at 2000
    """
    import marsad
    from marsad.export import ExportError, export
    from marsad.kb.loader import KnowledgeBaseError
    from marsad.query.api import QueryError
    from marsad.store.duck import StoreError

    if (out is None) == (output is None):
        raise _fail("say where to write: OUT or -o OUT, once")
    target = out if out is not None else output
    assert target is not None
    filters = {
        "type": event_type,
        "actors": actor,
        "match": match if match != "any" else None,  # the default is no filter of its own
        "agent": agent,
        "place": place,
        "since": since,
        "until": until,
        "modality": modality,
    }
    try:
        with marsad.open(db) as kb:
            written = export(kb, fmt, target, at=at, years=years, reviewed_only=reviewed_only, **filters)
    except (ExportError, QueryError, StoreError, KnowledgeBaseError, OSError) as exc:
        raise _fail(str(exc)) from exc
    stdout = Console()
    for path in written:
        stdout.print(f"[green]wrote[/] {path}", highlight=False, soft_wrap=True)
