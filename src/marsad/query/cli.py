"""``marsad query …``: the analyst's questions from the command line, as tables or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from marsad.query.api import Marsad, QueryError
from marsad.store.duck import StoreError
from marsad.values.figure_value import readable

query_app = typer.Typer(help="Ask the store: members at a date, profiles, events, timelines, network, claims, search.")
_out = Console()
_err = Console(stderr=True)

Db = Annotated[Path, typer.Option("--db", help="The DuckDB store file.")]
AsJson = Annotated[bool, typer.Option("--json", help="JSON instead of a table.")]
Limit = Annotated[int, typer.Option(help="How many answers.")]


@contextmanager
def _opened(db: Path) -> Iterator[Marsad]:
    try:
        kb = Marsad(db)
    except StoreError as exc:
        _err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    try:
        yield kb
    except QueryError as exc:
        _err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    finally:
        kb.close()


def _plain(value: Any) -> Any:
    return asdict(value) if is_dataclass(value) and not isinstance(value, type) else value


def _emit(rows: Sequence[Any], as_json: bool, title: str, columns: dict[str, Callable[[Any], object]]) -> None:
    if as_json:
        for row in rows:
            typer.echo(json.dumps(_plain(row), ensure_ascii=False))
        return
    table = Table(title=title)
    for name in columns:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(str(get(row)) for get in columns.values()))
    _out.print(table)


@query_app.command("members")
def members(
    org: Annotated[str, typer.Argument(help="An organization id or name (CSTO, SCO, «منظمة معاهدة الأمن الجماعي»).")],
    at: Annotated[str, typer.Option("--at", help="The date: YYYY, YYYY-MM or YYYY-MM-DD.")],
    db: Db = Path("marsad.duckdb"),
    history: Annotated[bool, typer.Option("--history", help="Also list every join, freeze and withdrawal.")] = False,
    min_confidence: Annotated[
        float | None,
        typer.Option("--min-confidence", min=0.0, max=1.0, help="Only article reports with at least this confidence."),
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Who belongs to ORG at a date, from the reference knowledge and from articles.

    Example: marsad query members CSTO --at 2000 --history
    """
    with _opened(db) as kb:
        rows = kb.members(org, at, min_confidence=min_confidence)
        _emit(
            rows,
            as_json,
            f"Members of {org} at {at}",
            {
                "member": lambda m: m.member,
                "name": lambda m: m.name_en,
                "status": lambda m: m.status,
                "since": lambda m: m.since,
                "until": lambda m: m.until,
                "from": lambda m: m.origin,
                "confidence": lambda m: "" if m.confidence is None else f"{m.confidence:.2f}",
                "articles": lambda m: ", ".join(sorted({s.doc_id for s in m.sources})),
            },
        )
        if history:
            _emit(
                kb.membership_history(org=org),
                as_json,
                f"History of {org}",
                {
                    "date": lambda c: c.date,
                    "member": lambda c: c.member,
                    "change": lambda c: c.change,
                    "from": lambda c: c.origin,
                    "evidence": lambda c: c.source.evidence if c.source else c.note,
                },
            )


@query_app.command("events")
def events(
    db: Db = Path("marsad.duckdb"),
    event_type: Annotated[list[str] | None, typer.Option("--type", help="Event type (repeatable).")] = None,
    actor: Annotated[list[str] | None, typer.Option("--actor", help="Actor id or name (repeatable).")] = None,
    all_actors: Annotated[bool, typer.Option("--all", help="Every --actor takes part (default: any).")] = False,
    agent: Annotated[str | None, typer.Option(help="A person taking part.")] = None,
    place: Annotated[str | None, typer.Option(help="A place, or a state and its places.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    modality: Annotated[str | None, typer.Option(help="asserted, planned, proposed, denied, hypothetical.")] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option("--min-confidence", min=0.0, max=1.0, help="Only events reported with at least this confidence."),
    ] = None,
    limit: Limit = 50,
    as_json: AsJson = False,
) -> None:
    """Events (one per real-world event, with all its sources), by date.

    Example: marsad query events --type EXERCISE --place TJK --since 2021
    """
    with _opened(db) as kb:
        rows = kb.events(
            type=event_type,
            actors=actor,
            match="all" if all_actors else "any",
            agent=agent,
            place=place,
            since=since,
            until=until,
            modality=modality,
            min_confidence=min_confidence,
            limit=limit,
        )
        _emit(
            rows,
            as_json,
            "Events",
            {
                "date": lambda e: e.date,
                "type": lambda e: e.type,
                "actors": lambda e: ", ".join(e.actors),
                "place": lambda e: e.place,
                "modality": lambda e: e.modality,
                "confidence": lambda e: f"{e.confidence:.2f}",
                "sources": lambda e: len(e.reports),
                "evidence": lambda e: e.reports[0].source.evidence,
            },
        )


@query_app.command("entity")
def entity(
    name: Annotated[str, typer.Argument(help="An entity id or name (KAZ, «توكاييف», kassym-jomart-tokayev).")],
    db: Db = Path("marsad.duckdb"),
    as_json: AsJson = False,
) -> None:
    """An entity's profile: names, roles, memberships, events, claims, related entities.

    Example: marsad query entity KAZ
    """
    with _opened(db) as kb:
        profile = kb.entity(name)
    if as_json:
        typer.echo(json.dumps(asdict(profile), ensure_ascii=False))
        return
    _out.print(f"[bold]{profile.entity_id}[/bold]  {profile.name_en} · {profile.name_ar} · {profile.name_ru}")
    for role in profile.roles:
        _out.print(f"  role: {role.office} {role.state or role.org} {role.since}–{role.until}")
    for change in profile.memberships:
        _out.print(f"  {change.date}: {change.member} {change.change} {change.org} ({change.origin})")
    _out.print(f"  {len(profile.events)} events, {len(profile.claims)} claims, in {len(profile.mentioned_in)} articles")
    _out.print("  named with: " + ", ".join(f"{r.entity_id} ({r.documents})" for r in profile.related[:10]))


@query_app.command("timeline")
def timeline(
    name: Annotated[str, typer.Argument(help="An entity id or name.")],
    other: Annotated[str | None, typer.Option("--with", help="A second entity: events of both.")] = None,
    db: Db = Path("marsad.duckdb"),
    as_json: AsJson = False,
) -> None:
    """What an entity, or a pair, did, joined and said, by date.

    Example: marsad query timeline KAZ --with RUS
    """
    with _opened(db) as kb:
        rows = kb.timeline(name, other)
    _emit(
        rows,
        as_json,
        f"Timeline of {name}" + (f" and {other}" if other else ""),
        {
            "date": lambda t: t.date,
            "kind": lambda t: t.kind,
            "what": lambda t: t.summary,
            "source": lambda t: t.source.doc_id if t.source else "reference",
        },
    )


@query_app.command("network")
def network(
    at: Annotated[str, typer.Option("--at", help="The date: YYYY, YYYY-MM or YYYY-MM-DD.")],
    years: Annotated[int, typer.Option(help="Years of events before --at that make interaction edges.")] = 3,
    db: Db = Path("marsad.duckdb"),
    as_json: AsJson = False,
) -> None:
    """The alliance network at a date: membership and interaction edges.

    Example: marsad query network --at 2008 --years 2
    """
    with _opened(db) as kb:
        result = kb.network(at, years=years)
    if as_json:
        typer.echo(json.dumps(asdict(result), ensure_ascii=False))
        return
    _emit(
        result.edges,
        False,
        f"Network at {at} ({len(result.nodes)} nodes; interactions since {result.since})",
        {
            "source": lambda e: e.source,
            "target": lambda e: e.target,
            "kind": lambda e: e.kind,
            "status": lambda e: e.status,
            "weight": lambda e: e.weight,
        },
    )


@query_app.command("claims")
def claims(
    db: Db = Path("marsad.duckdb"),
    speaker: Annotated[str | None, typer.Option(help="A person, or the state they speak for.")] = None,
    about: Annotated[str | None, typer.Option(help="An entity named in the claim.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    limit: Limit = 50,
    as_json: AsJson = False,
) -> None:
    """Who said what, with the article and sentence it was reported in.

    Example: marsad query claims --speaker «توكاييف»
    """
    with _opened(db) as kb:
        rows = kb.claims(speaker=speaker, about=about, since=since, until=until, limit=limit)
    _emit(
        rows,
        as_json,
        "Claims",
        {
            "date": lambda c: c.date,
            "speaker": lambda c: c.speaker,
            "verb": lambda c: c.verb,
            "claim": lambda c: c.text,
            "article": lambda c: c.source.doc_id,
        },
    )


@query_app.command("figures")
def figures(
    db: Db = Path("marsad.duckdb"),
    actor: Annotated[str | None, typer.Option(help="Whose figure.")] = None,
    what: Annotated[str | None, typer.Option(help="What it measures: military_spending, troops, aid, …")] = None,
    limit: Limit = 50,
    as_json: AsJson = False,
) -> None:
    """Figures with what they measure, whose they are and their evidence.

    Example: marsad query figures --actor KGZ --what military_spending
    """
    with _opened(db) as kb:
        rows = kb.figures(actor=actor, what=what, limit=limit)
    _emit(
        rows,
        as_json,
        "Figures",
        {
            "what": lambda f: f.what,
            "value": lambda f: f"{f.value:,.10g}",
            "unit": lambda f: f.unit,
            "actor": lambda f: f.actor,
            "evidence": lambda f: f.source.evidence,
            "article": lambda f: f.source.doc_id,
        },
    )


@query_app.command("search")
def search(
    words: Annotated[str, typer.Argument(help="Words to find, in Arabic or any language.")],
    db: Db = Path("marsad.duckdb"),
    since: Annotated[str | None, typer.Option(help="Articles published from this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Articles published up to this date.")] = None,
    entity_name: Annotated[str | None, typer.Option("--entity", help="Only articles naming this entity.")] = None,
    limit: Limit = 20,
    as_json: AsJson = False,
) -> None:
    """Full-text search, Arabic-aware: hamza/alef/ya/ta marbuta forms, diacritics, proclitics
    and a name's spellings («منظمة شنغهاي» finds «لمنظمة شنجهاي»).

    Example: marsad query search "منظمة شنغهاي" --since 2022
    """
    with _opened(db) as kb:
        hits = kb.search(words, since=since, until=until, entity=entity_name, limit=limit)
    if as_json:
        for hit in hits:
            typer.echo(json.dumps(asdict(hit), ensure_ascii=False))
        return
    for hit in hits:
        marked, pos = [], 0
        for start, end in hit.highlights:
            marked.append(hit.snippet[pos:start].replace("[", r"\["))
            marked.append(f"[bold yellow]{hit.snippet[start:end]}[/bold yellow]")
            pos = end
        marked.append(hit.snippet[pos:].replace("[", r"\["))
        _out.print(f"[bold]{hit.doc_id}[/bold] {hit.published} score {hit.score}\n  {''.join(marked)}\n")


@query_app.command("indicators")
def indicators(
    db: Db = Path("marsad.duckdb"),
    view: Annotated[
        str, typer.Option(help="ties: cooperation and friction; formats: activity and members; figures: over time.")
    ] = "ties",
    state: Annotated[str | None, typer.Option(help="One state (default: the five of Central Asia).")] = None,
    partner: Annotated[str | None, typer.Option(help="One partner: RUS, CHN, USA, TUR, EU, IRN, IND.")] = None,
    format: Annotated[str | None, typer.Option("--format", help="One format: CSTO, SCO, C5, OTS, CIS, …")] = None,
    measure: Annotated[
        str | None, typer.Option(help="With --view figures: military_spending, troops, arms_deliveries.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="From this date.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date.")] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option("--min-confidence", min=0.0, max=1.0, help="Only events reported with at least this confidence."),
    ] = None,
    csv: Annotated[Path | None, typer.Option("--csv", help="Write the answers to this CSV file.")] = None,
    as_json: AsJson = False,
) -> None:
    """Indicators year by year, each count with the events behind it (README: "Indicators").

    Examples: marsad query indicators --format C5;
    marsad query indicators --view formats --format CSTO;
    marsad query indicators --view figures --state KAZ --measure military_spending
    """
    views = ("ties", "formats", "figures")
    if view not in views:
        _err.print(f"[red]error:[/red] --view {view!r}: use one of {', '.join(views)}")
        raise typer.Exit(2)
    with _opened(db) as kb:
        rows: Sequence[Any]
        if view == "ties":
            rows = kb.indicators(state, partner, format, since, until, min_confidence)
        elif view == "formats":
            rows = kb.format_activity(format, since, until, min_confidence)
        else:
            rows = kb.figures_by_year(state, measure, since, until)
    if csv is not None:
        from marsad.indicators.export import save_csv

        written = save_csv(rows, csv)
        _err.print(f"{written} rows written to {csv}")
        return
    columns: dict[str, dict[str, Callable[[Any], object]]] = {
        "ties": {
            "state": lambda r: r.state,
            "with": lambda r: r.partner,
            "year": lambda r: r.year,
            "cooperation": lambda r: r.cooperation,
            "friction": lambda r: r.friction,
            "balance": lambda r: f"{r.balance:+g}",
            "by type": lambda r: ", ".join(f"{t} {n}" for t, n in r.by_type),
            "articles": lambda r: r.articles,
            "events": lambda r: " ".join(r.events[:5]) + (" …" if len(r.events) > 5 else ""),
        },
        "formats": {
            "format": lambda r: r.format,
            "year": lambda r: r.year,
            "activity": lambda r: ", ".join(f"{t} {n}" for t, n in r.activity),
            "absent": lambda r: ", ".join(f"{a.member} {a.count}" for a in r.absences),
            "refused": lambda r: ", ".join(f"{a.member} {a.count}" for a in r.refusals),
            "left": lambda r: ", ".join(f"{a.member} {a.count}" for a in r.exits),
            "reference": lambda r: "; ".join(r.reference_changes),
            "articles": lambda r: r.articles,
        },
        "figures": {
            "state": lambda r: r.state,
            "measure": lambda r: r.measure,
            "year": lambda r: r.year,
            "value": lambda r: f"{readable(r.value)} {r.unit}",
            "USD": lambda r: readable(r.usd) if r.usd is not None else "",
            "disputed": lambda r: "yes" if r.disputed else "",
            "sentence": lambda r: r.sentence or r.source.evidence,
            "article": lambda r: r.source.doc_id,
        },
    }
    _emit(rows, as_json, f"Indicators: {view}", columns[view])
