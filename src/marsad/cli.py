"""The `marsad` command line: a thin layer over the library (see `marsad --help`)."""

from __future__ import annotations

import errno
import json
import os
import socket
import sys
import time
import traceback
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from marsad.export.cli import export_app
from marsad.extract.pipeline import build_pipeline
from marsad.heap import settle_after_loading
from marsad.ingest import service
from marsad.ingest.readers import ReadProblem, ReadWarning, iter_paths
from marsad.kb.loader import KnowledgeBaseError
from marsad.query.cli import query_app
from marsad.review.cli import review_app
from marsad.store.duck import Store, StoreError

EXIT_SKIPPED = 1
EXIT_ERROR = 2
DEFAULT_DB = "marsad.duckdb"


class _Command(typer.Typer):
    """The app, run as the `marsad` command: an exception nothing caught (a bug, a failure no
    message was written for) exits 2 with its traceback, never 1, which says "input skipped"."""

    def __call__(self, *args: object, **kwargs: object) -> object:
        try:
            return super().__call__(*args, **kwargs)
        except Exception:
            traceback.print_exc()
            print("error: marsad stopped on an unexpected error (above); nothing after it was done", file=sys.stderr)
            raise SystemExit(EXIT_ERROR) from None


app = _Command(
    help="Marsad (مرصد): read Arabic articles on Eurasian security and turn them into a sourced knowledge base.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)

PathsArg = Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively): .txt, .html, .jsonl.")]
DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB store file.")]


def _fail(message: str) -> typer.Exit:
    console.print(f"[bold red]error:[/] {message}")
    return typer.Exit(EXIT_ERROR)


def _count_documents(paths: list[Path]) -> int:
    """How many documents the paths hold (a JSON Lines file holds one per line), for the ETA;
    a file that cannot be read counts as one (its problem is reported when it is read)."""
    total = 0
    for item in iter_paths(paths):
        if isinstance(item, ReadProblem):
            continue
        if item.path.suffix.lower() in (".jsonl", ".ndjson"):
            try:
                with item.opened.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def _report_problems(problems: list[ReadProblem]) -> None:
    for problem in problems:
        label = "[yellow]read in part[/]" if isinstance(problem, ReadWarning) else "[yellow]skipped[/]"
        console.print(f"{label} {problem.where}: {problem.reason}", markup=True, highlight=False)


def run_ingest(paths: list[Path], db: Path, quiet: bool = False, workers: int = 1) -> service.IngestReport:
    pipeline = build_pipeline()
    settle_after_loading()
    with Store(db) as store:
        store.sync_reference(pipeline.kb)
        total = _count_documents(paths)
        progress = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[current]}"),
            console=console,
            disable=quiet,
            transient=False,
        )
        report_so_far: list[service.IngestReport] = []
        started = time.monotonic()
        with progress if not quiet else nullcontext():
            task = progress.add_task("ingest", total=total or None, current="", rate="")

            def advance(name: str) -> None:
                elapsed = max(time.monotonic() - started, 1e-6)
                done = progress.tasks[0].completed + 1
                sentences = report_so_far[0].sentences if report_so_far else 0
                rate = f"{done / elapsed:,.1f} docs/s · {sentences / elapsed:,.0f} sentences/s"
                progress.update(task, advance=1, current=Path(name).name[:30], rate=rate)

            report = service.IngestReport()
            report_so_far.append(report)
            service.ingest(paths, store, pipeline, on_item=advance, workers=workers, report=report)
        store.optimize_search_index()
        counts = store.counts()
    if not quiet:
        _print_summary(report, counts, db)
    _report_problems(report.problems)
    return report


def _print_summary(report: service.IngestReport, counts: dict[str, int], db: Path) -> None:
    table = Table(title=f"Marsad store {db}", show_header=True)
    table.add_column("this run")
    table.add_column("", justify="right")
    table.add_column("store total")
    table.add_column("", justify="right")
    rows = [
        ("documents added", report.outcomes["added"], "documents", counts["documents"]),
        ("documents updated", report.outcomes["updated"], "sentences", counts["sentences"]),
        ("unchanged", report.outcomes["unchanged"], "entities", counts["entities"]),
        ("duplicates", report.outcomes["duplicate"], "mentions", counts["mentions"]),
        ("skipped (errors)", len(report.skipped), "events", counts["events"]),
        ("read in part", len(report.problems) - len(report.skipped), "claims", counts["claims"]),
    ]
    for a, b, c, d in rows:
        table.add_row(a, str(b), c, str(d))
    console.print(table)
    for doc_id, original in report.duplicates:
        console.print(f"duplicate: {doc_id} has the same text as {original}; stored once", highlight=False)


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders: .txt, .html, .jsonl.")] = None,
    db: DbOption = Path(DEFAULT_DB),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    workers: Annotated[
        int, typer.Option("--workers", "-j", min=1, help="Extraction processes (default: every core).")
    ] = os.cpu_count() or 1,
) -> None:
    """Read, extract and store articles in a DuckDB store, on every core.

    Example: marsad ingest examples/corpus --db marsad.duckdb --workers 4
    """
    try:
        report = run_ingest(paths or [], db, quiet, workers)
    except (StoreError, KnowledgeBaseError, service.WorkerStartError) as exc:
        raise _fail(str(exc)) from exc
    if report.problems:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def extract(
    paths: PathsArg,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="JSON Lines file; default stdout.")] = None,
) -> None:
    """Extract entities (and, as stages are added, events and facts) to document-format v1 JSON Lines.

    Example: marsad extract examples/corpus -o out.jsonl
    """
    from marsad.output import document_record, write_jsonl

    try:
        pipeline = build_pipeline()
    except KnowledgeBaseError as exc:
        raise _fail(str(exc)) from exc
    settle_after_loading()
    problems: list[ReadProblem] = []
    with open(output, "w", encoding="utf-8") if output else nullcontext(sys.stdout) as out:
        for item in service.extract(paths, pipeline):
            if isinstance(item, ReadProblem):
                problems.append(item)
            else:
                write_jsonl(document_record(item, pipeline.kb), out)
    _report_problems(problems)
    if problems:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to bind; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    protect_reads: Annotated[
        bool,
        typer.Option(
            "--protect-reads", help="Every page and reading endpoint needs the token too (MARSAD_PROTECT_READS=1)."
        ),
    ] = False,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="A name clients may use in Host, besides localhost and --host (repeatable; MARSAD_ALLOWED_HOSTS=a,b; '*' for any).",
        ),
    ] = None,
) -> None:
    """Serve the web app, the REST API (/api, docs at /docs) and ingest (token needed).

    The token is MARSAD_TOKEN, else a new one printed at start.
    Example: marsad serve --db marsad.duckdb --port 8000
    """
    import uvicorn

    from marsad.web.app import create_app
    from marsad.web.settings import Settings, allowed_hosts

    settings = Settings.from_environment(
        db, protect_reads=protect_reads or None, allowed_hosts=allowed_hosts(host, allowed_host)
    )
    listening = _bind(host, port)  # before anything is printed: no token for a server that never starts
    try:
        Store(db).close()  # creates or migrates it; fails here, clearly, if another process holds it
    except StoreError as exc:
        listening.close()
        raise _fail(str(exc)) from exc
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print(
            f"[yellow]warning:[/yellow] binding to {host} exposes the store beyond this machine"
            + ("" if settings.token_from_environment else "; set MARSAD_TOKEN and consider --protect-reads")
            + "; clients elsewhere must use a name it answers to: --allowed-host NAME"
        )
    console.print(f"Marsad is serving {db} on http://{host}:{port}  (API docs: /docs; Ctrl+C stops it)")
    if not settings.token_from_environment:
        console.print(f"Token for POST /api/ingest this session: {settings.token}")
    if settings.protect_reads:
        console.print(f"Reads are protected: open http://{host}:{port}/?token=<token> once in the browser")
    # uvicorn serves on the socket bound above, so no other process can take the port between
    # the check and the start; on SIGTERM or Ctrl+C, the requests in progress get
    # SHUTDOWN_GRACE_SECONDS to finish, then are cancelled: uvicorn's default is to wait for
    # them forever (a client sending its body a byte at a time, or a long ingest, kept the
    # server from stopping)
    config = uvicorn.Config(create_app(settings), log_level="warning", timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS)
    uvicorn.Server(config).run(sockets=[listening])


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``, or the command's error (exit 2) saying what to do."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        listening = socket.socket(family, socket.SOCK_STREAM)
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind((host, port))
        listening.listen(2048)
    except OSError as exc:
        busy = getattr(exc, "errno", None) == errno.EADDRINUSE
        raise _fail(
            f"port {port} on {host} is already in use: stop what serves there, or choose another with --port"
            if busy
            else f"cannot listen on {host}:{port}: {exc.strerror or exc}; check --host and --port"
        ) from exc
    return listening


# how long `marsad serve` lets the requests in progress finish once told to stop
SHUTDOWN_GRACE_SECONDS = 3


def demo_corpus() -> Path:
    """The bundled demo corpus: ./examples/corpus, else the one beside the source tree."""
    for candidate in (Path.cwd() / "examples" / "corpus", Path(__file__).resolve().parents[2] / "examples" / "corpus"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("examples/corpus not found: run `marsad demo` from the repository root")


@app.command()
def demo(
    db: DbOption = Path(DEFAULT_DB),
    port: Annotated[int, typer.Option(help="TCP port for the web app.")] = 8000,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Ingest only; do not start the web app.")] = False,
) -> None:
    """Ingest the bundled demo corpus, print a summary, then serve the app on localhost.

    Example: marsad demo --db marsad.duckdb --port 8000
    """
    try:
        corpus = demo_corpus()
        report = run_ingest([corpus], db)
    except (FileNotFoundError, StoreError, KnowledgeBaseError) as exc:
        raise _fail(str(exc)) from exc
    if report.problems:
        raise typer.Exit(EXIT_SKIPPED)
    if not no_serve:
        serve(db=db, host="127.0.0.1", port=port)


@app.command("spark-extract")
def spark_extract(
    source: Annotated[str, typer.Argument(help="Text files (a folder or glob), JSON Lines or Parquet; a path or URI.")],
    output: Annotated[str, typer.Argument(help="Folder for the Parquet tables (one sub-folder per table).")],
    master: Annotated[str, typer.Option(help="Spark master: local[N], spark://host:7077, yarn …")] = "local[*]",
    kind: Annotated[str | None, typer.Option(help="text, jsonl or parquet (default: from the name).")] = None,
    partitions: Annotated[int | None, typer.Option(help="Partitions to spread the documents over.")] = None,
) -> None:
    """Extract on Apache Spark into Parquet tables in the store's schema (pip install 'marsad[spark]').

    Load them with `marsad load-parquet`, or query them with DuckDB directly.
    Example: marsad spark-extract "corpus/*.jsonl" out/ --master local[4]
    """
    try:
        from marsad.spark.job import PROBLEMS, WARNINGS, run, session

        spark = session(master)
    except ImportError as exc:
        raise _fail(f"Spark is not installed: pip install 'marsad[spark]' ({exc})") from exc
    try:
        counts = run(spark, source, output, kind, partitions)
    finally:
        spark.stop()
    for table, count in counts.items():
        console.print(f"{table}: {count:,} rows")
    if counts.get(PROBLEMS):
        console.print(f"[yellow]{counts[PROBLEMS]} documents skipped[/]: see {output}/{PROBLEMS}")
    if counts.get(WARNINGS):
        console.print(
            f"[yellow]{counts[WARNINGS]} values dropped from documents read in part[/]: see {output}/{WARNINGS}"
        )
    if counts.get(PROBLEMS) or counts.get(WARNINGS):
        raise typer.Exit(EXIT_SKIPPED)


@app.command("load-parquet")
def load_parquet_command(
    folder: Annotated[Path, typer.Argument(help="The output folder of `marsad spark-extract`.")],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Load the Parquet tables of a Spark extraction into a DuckDB store.

    Example: marsad load-parquet out/ --db marsad.duckdb
    """
    from marsad.spark.load import LoadError, load_parquet

    try:
        kb = build_pipeline().kb
        with Store(db) as store:
            store.sync_reference(kb)
            counts = load_parquet(folder, store)
    except (LoadError, StoreError, KnowledgeBaseError) as exc:
        raise _fail(str(exc)) from exc
    for table, count in counts.items():
        console.print(f"{table}: {count:,} rows")


kb_app = typer.Typer(help="The reference knowledge base: check it, and grow it from what articles name.")
app.add_typer(kb_app, name="kb")
app.add_typer(query_app, name="query")
app.add_typer(export_app, name="export")
app.add_typer(review_app, name="review")


@kb_app.command("check")
def kb_check(
    directory: Annotated[Path | None, typer.Argument(help="A knowledge folder; default: the bundled one.")] = None,
    overlay: Annotated[
        Path | None,
        typer.Option(
            "--overlay",
            help="The local overlay to check on top (default: MARSAD_KB_OVERLAY, else "
            "~/.local/share/marsad/kb-overlay.yaml, when it exists).",
        ),
    ] = None,
) -> None:
    """Validate the knowledge files, and the local overlay on top of them, and print what
    they hold; a name an overlay entry shares with a bundled entity is reported.

    Example: marsad kb check src/marsad/kb/data
    """
    from marsad.kb.loader import load_knowledge_base
    from marsad.kb.overlay import overlay_entries, overlay_path

    if overlay is not None and not overlay.is_file():
        raise _fail(f"{overlay}: no such file")
    path = overlay if overlay is not None else overlay_path()
    try:
        kb = load_knowledge_base(directory, path if path.is_file() else None)
    except (KnowledgeBaseError, OSError) as exc:
        raise _fail(str(exc)) from exc
    counts = {t: len(kb.of_type(t)) for t in ("country", "organization", "person", "place")}
    typer.echo(
        f"knowledge base {kb.version}: {counts['country']} states, {counts['organization']} organizations, "
        f"{counts['person']} persons, {counts['place']} places, {len(kb.memberships)} membership periods, "
        f"{len(kb.alias_index)} surface forms"
    )
    if path.is_file():
        typer.echo(f"overlay {path}: {len(overlay_entries(path))} entries")


def _snippet(text: str, needle: str, width: int = 40) -> str:
    at = max(text.find(needle), 0)
    start, end = max(0, at - width), min(len(text), at + len(needle) + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


@kb_app.command("candidates")
def kb_candidates(
    db: DbOption = Path(DEFAULT_DB),
    limit: Annotated[int, typer.Option(help="How many to list.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
) -> None:
    """List persons and organizations that articles name but the knowledge base lacks.

    Example: marsad kb candidates --db marsad.duckdb --limit 20
    """
    try:
        with Store(db, read_only=True) as store:
            rows = store.candidates(limit)
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table(title=f"New names in {db} (not in the knowledge base)")
    for column in ("provisional id", "type", "Arabic name", "state", "docs", "mentions", "evidence"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row["entity_id"],
            row["type"],
            row["name_ar"],
            row["country"] or "",
            str(row["documents"]),
            str(row["mentions"]),
            _snippet(row["evidence"], row["name_ar"]),
        )
    Console().print(table)


@app.command(name="eval")
def evaluate(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders to extract and score (not with --reviews).")
    ] = None,
    gold: Annotated[Path | None, typer.Option("--gold", help="Folder of gold <doc>.json files.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print all scores as JSON.")] = False,
    language: Annotated[
        str | None, typer.Option("--language", help="Score only the gold documents in this language (ar, en, ru).")
    ] = None,
    by_type: Annotated[bool, typer.Option("--by-type", help="Also score events per event type.")] = False,
    thresholds: Annotated[
        bool,
        typer.Option("--thresholds", help="Also score events and memberships kept at confidence thresholds."),
    ] = False,
    reviews: Annotated[
        bool,
        typer.Option("--reviews", help="Instead: the precision the analysts' reviews in the store --db estimate."),
    ] = False,
    db: Annotated[Path, typer.Option("--db", help="The DuckDB store file (with --reviews).")] = Path(DEFAULT_DB),
) -> None:
    """Extract PATHs and score the result against gold annotations; or, with --reviews, the
    share of reviewed facts confirmed, per fact kind and event type.

    Example: marsad eval --gold tests/fixtures/gold examples/corpus
    Example: marsad eval --reviews --db marsad.duckdb
    """
    if reviews:
        if paths or gold is not None:
            raise _fail("--reviews reads the store's reviews: give no PATHS and no --gold")
        _evaluate_reviews(db, as_json)
        return
    if not paths or gold is None:
        raise _fail("give PATHS to extract and --gold FOLDER to score them against (or --reviews)")
    from marsad.evaluation.score import (
        at_confidence,
        by_event_type,
        format_table,
        format_thresholds,
        format_types,
        load_gold,
        of_language,
        score,
    )
    from marsad.output import document_record

    try:
        gold_docs = of_language(load_gold(gold), language)
        pipeline = build_pipeline()
    except (FileNotFoundError, KnowledgeBaseError) as exc:
        raise _fail(str(exc)) from exc
    settle_after_loading()
    predictions, problems = [], []
    for item in service.extract(paths, pipeline):
        if isinstance(item, ReadProblem):
            problems.append(item)
        else:
            predictions.append(document_record(item, pipeline.kb))
    result = score(predictions, gold_docs)
    if by_type:
        result["events_by_type"] = by_event_type(predictions, gold_docs)
    if thresholds:
        result["at_confidence"] = at_confidence(predictions, gold_docs)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        typer.echo(format_table(result))
        if by_type:
            typer.echo("\n" + format_types(result["events_by_type"]))
        if thresholds:
            typer.echo("\n" + format_thresholds(result["at_confidence"]))
    _report_problems(problems)
    if problems:
        raise typer.Exit(EXIT_SKIPPED)


def _evaluate_reviews(db: Path, as_json: bool) -> None:
    from dataclasses import asdict

    from marsad.review.quality import COUNTS, format_quality, quality

    if not db.exists():
        raise _fail(f"{db}: no store here; create one with `marsad ingest PATH --db {db}`")
    try:
        with Store(db, read_only=True) as store:
            rows = quality(store.con)
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        typer.echo(json.dumps({"counts": COUNTS, "rows": [asdict(row) for row in rows]}, ensure_ascii=False, indent=1))
    else:
        typer.echo(format_quality(rows))
