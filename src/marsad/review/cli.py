"""``marsad review …``: confirm, correct or reject a stored fact, list the log, share it."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from marsad.kb.overlay import overlay_path
from marsad.review.exchange import PREFERENCES, import_reviews
from marsad.review.exchange import export_reviews as export_log
from marsad.review.kinds import KINDS
from marsad.review.merging import merge_entity, promote_entity
from marsad.review.service import ReviewError, entity_types, listed, review_fact
from marsad.store.duck import Store, StoreError

review_app = typer.Typer(
    help="Confirm, correct or reject extracted facts, merge or promote provisional entities; reviews are kept "
    "through re-extraction.",
    no_args_is_help=True,
)
_out = Console()
_err = Console(stderr=True)
EXIT_ERROR = 2

Db = Annotated[Path, typer.Option("--db", help="The DuckDB store file.")]
Kind = Annotated[str, typer.Argument(help=f"What is reviewed: {', '.join(KINDS)}.")]
FactId = Annotated[
    str,
    typer.Argument(help="The fact's id (DOC:e3, DOC:m0, DOC:f1, DOC:c0; a mention DOC:START-END), as "
    "`marsad query … --json` shows it (fact_id)."),
]  # fmt: skip
Reviewer = Annotated[
    str | None, typer.Option("--reviewer", help="Who reviews (else the MARSAD_REVIEWER environment variable).")
]
Reason = Annotated[str, typer.Option("--reason", help="Why: kept in the log with the review.")]


def _fail(message: str) -> typer.Exit:
    _err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(EXIT_ERROR)


@contextmanager
def _opened(db: Path) -> Iterator[Store]:
    if not db.exists():
        raise _fail(f"{db}: no store here; create one with `marsad ingest PATH --db {db}`")
    try:
        store = Store(db)
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    try:
        yield store
    except (ReviewError, StoreError) as exc:
        raise _fail(str(exc)) from exc
    finally:
        store.close()


def _reviewer(given: str | None) -> str:
    name = (given or os.environ.get("MARSAD_REVIEWER") or "").strip()
    if not name:
        raise _fail("who is reviewing? give --reviewer NAME or set MARSAD_REVIEWER=NAME")
    return name


def _review(
    action: str, kind: str, fact_id: str, db: Path, reviewer: str | None, reason: str, sets: list[str] | None = None
) -> None:
    name = _reviewer(reviewer)
    changes: dict[str, str] = {}
    for item in sets or []:
        field, equals, value = item.partition("=")
        if not equals or not field.strip():
            raise _fail(f"--set {item!r}: write FIELD=VALUE (a list: actors=KAZ,RUS)")
        changes[field.strip()] = value
    with _opened(db) as store:
        review = review_fact(store, kind, fact_id, action, name, reason, changes, entity_types(store))
    changed = {k: v for k, v in review.after.items() if review.before.get(k) != v}
    detail = "; ".join(f"{k}: {review.before.get(k)!r} → {v!r}" for k, v in changed.items())
    _out.print(f"{review.action} {review.kind} {review.fact_id} by {review.reviewer} (review {review.review_id})")
    if detail:
        _out.print(detail)


@review_app.command("confirm")
def confirm(
    kind: Kind, fact_id: FactId, db: Db = Path("marsad.duckdb"), reviewer: Reviewer = None, reason: Reason = ""
) -> None:
    """Confirm a fact as extracted.

    Example: marsad review confirm event 001_c6f2d8ba9e7b2ca0:e0 --reviewer layla
    """
    _review("confirm", kind, fact_id, db, reviewer, reason)


@review_app.command("reject")
def reject(
    kind: Kind,
    fact_id: FactId,
    reason: Annotated[str, typer.Option("--reason", help="Why the fact is wrong: kept in the log.")],
    db: Db = Path("marsad.duckdb"),
    reviewer: Reviewer = None,
) -> None:
    """Reject a wrong fact: queries leave it out (`include_rejected=True` shows it).

    Example: marsad review reject membership 003_9ffee1fcac2a99ef:m1 --reason "Kazakhstan never left the CSTO"
    """
    _review("reject", kind, fact_id, db, reviewer, reason)


@review_app.command("correct")
def correct(
    kind: Kind,
    fact_id: FactId,
    sets: Annotated[
        list[str],
        typer.Option("--set", help="FIELD=VALUE, repeatable (lists with commas: actors=KAZ,RUS; empty: no value)."),
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why: kept in the log.")],
    db: Db = Path("marsad.duckdb"),
    reviewer: Reviewer = None,
) -> None:
    """Correct a fact's fields: event type, actors, agents, date, place, modality; membership
    member, org, status, since, until; figure what, value, unit, actor; claim speaker,
    speaker_state, verb, date; mention entity.

    Example: marsad review correct event 001_c6f2d8ba9e7b2ca0:e2 --set actors=KAZ,RUS --set date=2022-01 --reason "…"
    """
    _review("correct", kind, fact_id, db, reviewer, reason, sets)


NewId = Annotated[
    str, typer.Argument(help="The provisional entity's id (new-…), as `marsad kb candidates` and its page show it.")
]


@review_app.command("merge")
def merge(
    entity_id: NewId,
    into: Annotated[str, typer.Option("--into", help="The known entity: its id or a name of it.")],
    reason: Annotated[str, typer.Option("--reason", help="Why they are one: kept in the log.")],
    db: Db = Path("marsad.duckdb"),
    reviewer: Reviewer = None,
) -> None:
    """Merge a provisional entity into a known one: every mention, actor, agent and speaker
    it was names the known entity, and stays so through re-extraction.

    Example: marsad review merge new-timor-bikof --into murat-nurtleu --reason "the same man"
    """
    name = _reviewer(reviewer)
    with _opened(db) as store:
        review = merge_entity(store, entity_id, into, name, reason)
    _out.print(f"merged {entity_id} into {review.after['entity']} by {review.reviewer} (review {review.review_id})")


@review_app.command("promote")
def promote(
    entity_id: NewId,
    new_id: Annotated[str, typer.Option("--id", help="The id of the new entry (a person: arslan-nurozov).")],
    reason: Annotated[str, typer.Option("--reason", help="Why: kept in the log.")],
    name_en: Annotated[str, typer.Option("--name-en", help="The English name.")],
    name_ar: Annotated[str | None, typer.Option("--name-ar", help="The Arabic name (default: as read).")] = None,
    name_ru: Annotated[str | None, typer.Option("--name-ru", help="The Russian name.")] = None,
    entity_type: Annotated[
        str | None, typer.Option("--type", help="person or organization (default: the provisional entity's).")
    ] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="The state (ISO3) it belongs to (default: as read).")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="An organization's kind (ministry, armed-forces …).")
    ] = None,
    aliases: Annotated[list[str] | None, typer.Option("--alias", help="Another name, repeatable.")] = None,
    roles: Annotated[
        list[str] | None,
        typer.Option("--role", help="A person's office OFFICE:START[:END] (in --country), repeatable: aide:2023."),
    ] = None,
    db: Db = Path("marsad.duckdb"),
    reviewer: Reviewer = None,
) -> None:
    """Promote a provisional entity into the local knowledge base (the overlay file,
    MARSAD_KB_OVERLAY or ~/.local/share/marsad/kb-overlay.yaml): checked as the bundled
    entries are, linked by the next extractions, and its mentions in the store name it now.

    Example: marsad review promote new-arslan-norozof --id arslan-nurozov --name-en "Arslan Nurozov"
    --country KGZ --role aide:2023 --reason "deputy defence minister since 2023"
    """
    name = _reviewer(reviewer)
    fields: dict[str, object] = {
        "type": entity_type, "id": new_id, "name_en": name_en, "name_ar": name_ar, "name_ru": name_ru,
        "country": country, "kind": kind, "aliases": list(aliases or []),
        "roles": [_role(text, country) for text in roles or []],
    }  # fmt: skip
    with _opened(db) as store:
        review, _ = promote_entity(store, entity_id, fields, name, reason)
    _out.print(
        f"promoted {entity_id} to {review.after['entity']} in {overlay_path()} by {review.reviewer} "
        f"(review {review.review_id})"
    )


def _role(text: str, country: str | None) -> dict[str, str]:
    office, _, dates = text.partition(":")
    start, _, end = dates.partition(":")
    if not office.strip() or not start.strip():
        raise _fail(f"--role {text!r}: write OFFICE:START[:END] (aide:2023, envoy:2021-05:2024)")
    role = {"office": office.strip(), "start": start.strip(), "end": end.strip()}
    return role | ({"state": country} if country else {})


@review_app.command("list")
def list_reviews(
    db: Db = Path("marsad.duckdb"),
    unmatched: Annotated[
        bool, typer.Option("--unmatched", help="Only the reviews whose fact a re-extraction did not find again.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
) -> None:
    """The review log, oldest first, with what became of each review: applied (to a stored
    fact), unmatched (its fact was not found again), superseded (a later review of the fact).

    Example: marsad review list --unmatched
    """
    with _opened(db) as store:
        rows = listed(store, unmatched_only=unmatched)
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row.review.to_dict() | {"state": row.state}, ensure_ascii=False))
        return
    table = Table(title="unmatched reviews" if unmatched else "reviews")
    for column in ("time", "reviewer", "action", "kind", "fact", "state", "reason", "evidence"):
        table.add_column(column, overflow="fold")
    for row in rows:
        r = row.review
        evidence = r.anchor.evidence if len(r.anchor.evidence) <= 60 else r.anchor.evidence[:59] + "…"
        table.add_row(
            r.reviewed_at.strftime("%Y-%m-%d %H:%M"),
            r.reviewer,
            r.action,
            r.kind,
            r.fact_id,
            row.state,
            r.reason,
            evidence,
        )
    _out.print(table)


@review_app.command("export")
def export_reviews(
    output: Annotated[Path, typer.Option("-o", "--output", help="The JSON Lines file to write.")],
    db: Db = Path("marsad.duckdb"),
) -> None:
    """Write the review log as JSON Lines, one review a line, to share it.

    Example: marsad review export -o reviews.jsonl
    """
    with _opened(db) as store:
        count = export_log(store, output)
    _out.print(f"{count} reviews written to {output}")


@review_app.command("import")
def import_command(
    path: Annotated[Path, typer.Argument(help="A JSON Lines file of reviews (`marsad review export`).")],
    db: Db = Path("marsad.duckdb"),
    prefer: Annotated[
        str,
        typer.Option("--prefer", help="Which side wins a conflict: later (the default), mine or theirs."),
    ] = "later",
) -> None:
    """Merge another analyst's reviews into the log: reviews already in it are skipped, two
    reviews of one fact with different outcomes are listed as conflicts (the later wins
    unless --prefer mine|theirs), and the new reviews are applied.

    Example: marsad review import colleague.jsonl --prefer mine
    """
    if prefer not in PREFERENCES:
        raise _fail(f"--prefer {prefer!r}: use one of {', '.join(PREFERENCES)}")
    if not path.is_file():
        raise _fail(f"{path}: no such file")
    with _opened(db) as store:
        report = import_reviews(store, path, prefer)
    for problem in report.problems:
        _err.print(f"skipped {problem}")
    for conflict in report.conflicts:
        mine, theirs = conflict.mine, conflict.theirs
        _out.print(
            f"conflict on {theirs.kind} {theirs.fact_id or mine.fact_id}: mine {mine.action} by {mine.reviewer} "
            f"({mine.reviewed_at:%Y-%m-%d %H:%M}), theirs {theirs.action} by {theirs.reviewer} "
            f"({theirs.reviewed_at:%Y-%m-%d %H:%M}): kept {conflict.kept}"
        )
    _out.print(
        f"{report.added} reviews added, {report.skipped} already in the log, {len(report.conflicts)} conflicts; "
        f"{report.applied} applied, {report.unmatched} unmatched"
    )
    if report.problems:
        raise typer.Exit(1)
