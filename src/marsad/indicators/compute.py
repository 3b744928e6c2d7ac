"""The indicators, counted in the store: one SQL pass per question, the events counted as
clusters (one real event however many articles report it), only those the articles state
took place, each count with the clusters behind it.

An event's year is that of its cluster's most precise stated date (else the article's date,
as the events query gives it). Coverage is given beside every count: the store's articles
published that year, so that more reporting is not read as more cooperation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import duckdb

from marsad.heap import collector_paused
from marsad.indicators import cells, pairs
from marsad.indicators.definitions import Definitions
from marsad.indicators.records import FigurePoint, FormatYear, MemberCount, TieYear
from marsad.query.records import Records, Source
from marsad.review.views import reads_reviewed
from marsad.values.partial_date import PartialDate, high, low
from marsad.vocabulary import happened_modalities, member_statuses

# a figure in another currency and one in US dollars within this many characters of each
# other, in one sentence, give one sum twice («… مليار تنغي (… مليون دولار)»)
_SAME_SUM_REACH = 80
# values of one unit that differ by more than this share disagree; percentages are left out:
# a share of the budget, of GDP and a year's growth are all percentages
_DISAGREE = 0.01
_SEPARATOR = "\x1f"  # between the event ids of a count read as one string


def _marks(values: Iterable[Any]) -> str:
    return ", ".join("?" for _ in values)


def _bounds(since: str | None, until: str | None) -> tuple[str, str]:
    """The dates ``[since, until]`` as the SQL compares them (a partial date checked)."""
    for value in (since, until):
        if value:
            PartialDate.parse(value)
    return (since or ""), (high(until) if until else "9999-12-31")


def articles_by_year(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """How many articles of each year of publication the store holds."""
    rows = con.execute(
        "SELECT left(published, 4) AS year, count(*) FROM documents "
        "WHERE published IS NOT NULL AND length(published) >= 4 GROUP BY year"
    ).fetchall()
    return {str(year): int(n) for year, n in rows}


def _per_100(count: int, articles: int) -> float | None:
    return round(100 * count / articles, 3) if articles else None


def _reports(types: Iterable[str], min_confidence: float | None) -> tuple[str, list[Any]]:
    """The CTE ``reports``: every report of an event of ``types`` the article states took
    place, with a date (and at least ``min_confidence``), and its parameters."""
    types, modalities = list(types), happened_modalities()
    confidence = "AND e.confidence >= ?" if min_confidence else ""
    # not materialized: the questions read it twice, and a copy of its million rows (with their
    # actor lists) cost a format's activity three quarters of its time (measured 438 -> 100 ms)
    sql = f"""reports AS NOT MATERIALIZED (
            SELECT e.event_id, e.cluster_id, e.type, e.date, coalesce(e.date_source, '') AS date_source, e.actor_ids
            FROM events e
            WHERE e.type IN ({_marks(types)}) AND e.modality IN ({_marks(modalities)})
              AND e.date IS NOT NULL AND e.date <> '' {confidence}
        )"""
    return sql, [*types, *modalities, *([min_confidence] if min_confidence else [])]


@collector_paused()  # its answer lists every event of every count (marsad/heap.py)
def ties(
    con: duckdb.DuckDBPyConnection,
    definitions: Definitions,
    state: str | None = None,
    partner: str | None = None,
    format: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
) -> Records[TieYear]:
    """Cooperation and friction of each state with each partner and within each format, year
    by year (``partner``: a partner's name of the definitions; ``format``: a format id; neither:
    all of both; ``state``: one state, else the definitions' states)."""
    states = (state,) if state else definitions.states
    groups: list[tuple[str, str, str]] = []  # (partner, kind, entity id)
    if partner or not format:
        chosen = {partner: definitions.partners[partner]} if partner else definitions.partners
        groups += [(name, "partner", i) for name, ids in chosen.items() for i in ids]
    if format or not partner:
        groups += [(f, "format", f) for f in ((format,) if format else definitions.formats)]
    weights = [
        *((t, "cooperation", w) for t, w in definitions.cooperation.items()),
        *((t, "friction", w) for t, w in definitions.friction.items()),
    ]
    low_date, high_date = _bounds(since, until)
    if (
        not min_confidence
        and all(s in definitions.states for s in states)
        and (not format or format in definitions.formats)
        and pairs.is_current(con, definitions)
    ):
        if all(bound is None or len(bound) == 4 for bound in (since, until)):  # whole years
            chosen = sorted({(name, kind) for name, kind, _ in groups})
            rows = cells.read(con, "reviewed" if reads_reviewed(con) else "all", states, chosen, since, until)
        else:
            rows = _kept_ties(con, states, groups, weights, low_date, high_date)
    else:
        rows = _counted_ties(con, states, groups, weights, low_date, high_date, min_confidence)
    articles = articles_by_year(con)
    answer: Records[TieYear] = Records()
    for state_id, name, kind, year, n_coop, n_friction, coop_score, friction_score, types, counts, events in rows:
        n_articles = articles.get(year, 0)
        answer.append(
            TieYear(
                state_id,
                name,
                kind,
                year,
                n_coop,
                n_friction,
                round(coop_score, 3),
                round(friction_score, 3),
                round(coop_score - friction_score, 3),
                tuple(sorted(zip(types, counts, strict=True), key=lambda x: (-x[1], x[0]))),
                n_articles,
                _per_100(n_coop, n_articles),
                _per_100(n_friction, n_articles),
                tuple(events),
            )
        )
    return answer


def _counted_ties(
    con: duckdb.DuckDBPyConnection,
    states: tuple[str, ...],
    groups: list[tuple[str, str, str]],
    weights: list[tuple[str, str, float]],
    low_date: str,
    high_date: str,
    min_confidence: float | None,
) -> list[tuple[Any, ...]]:
    """The ties' rows counted from the reports themselves (a minimum confidence, a state or
    format outside the definitions, or pairs kept for other definitions)."""
    reports, reports_params = _reports((w[0] for w in weights), min_confidence)
    # the pairs (cluster, state, partner) first, from the actors of every report; then each
    # cluster's type and date, only for the clusters of a pair
    return con.execute(
        f"""
        WITH {reports}, groups(name, kind, entity_id) AS (VALUES {", ".join("(?, ?, ?)" for _ in groups)}
        ), weights(type, side, weight) AS (VALUES {", ".join("(?, ?, ?)" for _ in weights)}
        ), named AS (
            SELECT cluster_id, unnest(actor_ids) AS actor FROM reports
        ), states AS (
            SELECT DISTINCT cluster_id, actor FROM named WHERE actor IN ({_marks(states)})
        ), partners AS (
            SELECT DISTINCT n.cluster_id, n.actor, g.name, g.kind FROM named n JOIN groups g ON g.entity_id = n.actor
        ), pairs AS (
            SELECT DISTINCT s.cluster_id, s.actor AS state, p.name, p.kind
            FROM states s JOIN partners p ON p.cluster_id = s.cluster_id AND p.actor <> s.actor
        ), clusters AS (
            SELECT cluster_id, arg_max(type, {pairs.CLUSTER_KEY}) AS type, arg_max(date, {pairs.CLUSTER_KEY}) AS date
            FROM reports SEMI JOIN (SELECT DISTINCT cluster_id FROM pairs) paired USING (cluster_id)
            GROUP BY cluster_id
        )
        SELECT p.state, p.name, p.kind, left(c.date, 4) AS year,
               count(*) FILTER (WHERE w.side = 'cooperation') AS cooperation,
               count(*) FILTER (WHERE w.side = 'friction') AS friction,
               coalesce(sum(w.weight) FILTER (WHERE w.side = 'cooperation'), 0) AS cooperation_score,
               coalesce(sum(w.weight) FILTER (WHERE w.side = 'friction'), 0) AS friction_score,
               map_keys(histogram(c.type)) AS types, map_values(histogram(c.type)) AS type_counts, list(p.cluster_id ORDER BY c.date, p.cluster_id) AS events
        FROM pairs p JOIN clusters c USING (cluster_id) JOIN weights w ON w.type = c.type
        WHERE c.date >= ? AND c.date <= ?
        GROUP BY ALL ORDER BY 1, 2, 3, 4""",
        [
            *reports_params,
            *(v for g in groups for v in g),
            *(v for w in weights for v in w),
            *states,
            low_date,
            high_date,
        ],
    ).fetchall()


def _kept_ties(
    con: duckdb.DuckDBPyConnection,
    states: tuple[str, ...],
    groups: list[tuple[str, str, str]],
    weights: list[tuple[str, str, float]],
    low_date: str,
    high_date: str,
) -> list[tuple[Any, ...]]:
    """The ties' rows from the pairs kept per cluster (marsad/indicators/pairs.py): the same
    counts as :func:`_counted_ties`, in one GROUP BY over a narrow table."""
    chosen = sorted({(name, kind) for name, kind, _ in groups})
    view = "reviewed" if reads_reviewed(con) else "all"
    # the events of a count as one string, split here: a list of a million ids turned into
    # Python strings by str.split, not one by one by the driver (no id holds a control
    # character, see ingest/readers.py; a count whose pieces are not its events is read again
    # as a list)
    sql = f"""
        WITH weights(type, side, weight) AS (VALUES {", ".join("(?, ?, ?)" for _ in weights)}
        ), chosen(name, kind) AS (VALUES {", ".join("(?, ?)" for _ in chosen)})
        SELECT p.state, p.name, p.kind, left(p.date, 4) AS year,
               count(*) FILTER (WHERE w.side = 'cooperation') AS cooperation,
               count(*) FILTER (WHERE w.side = 'friction') AS friction,
               coalesce(sum(w.weight) FILTER (WHERE w.side = 'cooperation'), 0) AS cooperation_score,
               coalesce(sum(w.weight) FILTER (WHERE w.side = 'friction'), 0) AS friction_score,
               map_keys(histogram(p.type)) AS types, map_values(histogram(p.type)) AS type_counts, EVENTS AS events
        FROM indicator_pairs p SEMI JOIN chosen USING (name, kind) JOIN weights w ON w.type = p.type
        WHERE p.view IN ('both', ?) AND p.state IN ({_marks(states)}) AND p.date >= ? AND p.date <= ?
        GROUP BY ALL ORDER BY 1, 2, 3, 4"""
    params = [*(v for w in weights for v in w), *(v for c in chosen for v in c), view, *states, low_date, high_date]
    joined = f"string_agg(p.cluster_id, chr({ord(_SEPARATOR)}) ORDER BY p.date, p.cluster_id)"
    rows = [
        (*row[:-1], tuple(row[-1].split(_SEPARATOR)))
        for row in con.execute(sql.replace("EVENTS", joined), params).fetchall()
    ]
    if all(len(row[-1]) == row[4] + row[5] for row in rows):
        return rows
    return con.execute(sql.replace("EVENTS", "list(p.cluster_id ORDER BY p.date, p.cluster_id)"), params).fetchall()


def _reference_periods(con: duckdb.DuckDBPyConnection, org: str) -> list[tuple[str, str, str, str]]:
    """(member, status, since, until) of the reference's periods in ``org``."""
    rows = con.execute(
        "SELECT member, status, coalesce(since, ''), coalesce(until, '') FROM memberships "
        "WHERE origin = 'kb' AND org = ? ORDER BY member, since",
        [org],
    ).fetchall()
    return [(str(m), str(s), str(a), str(b)) for m, s, a, b in rows]


def _members_at(periods: list[tuple[str, str, str, str]], date: str) -> set[str]:
    """The members at ``date`` (a partial date: any overlap counts) by the reference."""
    counted = set(member_statuses())
    start, end = low(date), high(date)
    return {
        member
        for member, status, since, until in periods
        if status in counted and (not since or low(since) <= end) and (not until or low(until) > start)
    }


def format_years(
    con: duckdb.DuckDBPyConnection,
    definitions: Definitions,
    format: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
) -> Records[FormatYear]:
    """Each format's activity by year, with its members' absences, refusals and exits."""
    formats = (format,) if format else definitions.formats
    types = tuple(dict.fromkeys((*definitions.activity, "MEETING", "REJECT", "LEAVE")))
    reports, reports_params = _reports(types, min_confidence)
    low_date, high_date = _bounds(since, until)
    # the clusters naming a format first (only the reports that name one unnested: list_contains
    # of a constant is a fast scan); then, for those only, their type, date and actors
    rows = con.execute(
        f"""
        WITH {reports}, named AS (
            SELECT DISTINCT cluster_id, actor FROM (
                SELECT cluster_id, unnest(actor_ids) AS actor FROM reports
                WHERE {" OR ".join("list_contains(actor_ids, ?)" for _ in formats)}
            ) WHERE actor IN ({_marks(formats)})
        ), clusters AS (
            SELECT cluster_id, any_value(type) AS type,
                   arg_max(date, (date_source <> 'reference')::INTEGER * 100 + length(date)) AS date,
                   list_distinct(flatten(list(actor_ids))) AS actors
            FROM reports SEMI JOIN (SELECT DISTINCT cluster_id FROM named) n USING (cluster_id)
            GROUP BY cluster_id
        )
        SELECT n.actor AS format, c.cluster_id, c.type, c.date, c.actors
        FROM named n JOIN clusters c USING (cluster_id)
        WHERE c.date >= ? AND c.date <= ?
        ORDER BY c.date, c.cluster_id""",
        [*reports_params, *formats, *formats, low_date, high_date],
    ).fetchall()
    articles = articles_by_year(con)
    periods = {f: _reference_periods(con, f) for f in formats}
    years: dict[tuple[str, str], list[tuple[str, str, str, list[str]]]] = defaultdict(list)
    for org, cluster, event_type, date, actors in rows:
        years[(org, date[:4])].append((cluster, event_type, date, list(actors or [])))
    changes = _reference_changes(periods, low_date, high_date)
    for org, year in changes:
        years.setdefault((org, year), [])
    answer: Records[FormatYear] = Records()
    for (org, year), found in sorted(years.items()):
        activity: dict[str, list[str]] = defaultdict(list)
        absences: dict[str, list[str]] = defaultdict(list)
        refusals: dict[str, list[str]] = defaultdict(list)
        exits: dict[str, list[str]] = defaultdict(list)
        for cluster, event_type, date, actors in found:
            if event_type in definitions.activity:
                activity[event_type].append(cluster)
            members = _members_at(periods[org], date)
            named = members.intersection(actors)
            if event_type == "MEETING" and len(named) >= definitions.absence_min_named:
                for member in sorted(members - named):
                    absences[member].append(cluster)
            for member in sorted(named):
                if event_type == "REJECT":
                    refusals[member].append(cluster)
                elif event_type == "LEAVE":
                    exits[member].append(cluster)
        answer.append(
            FormatYear(
                org,
                year,
                tuple(sorted(((t, len(c)) for t, c in activity.items()), key=lambda x: (-x[1], x[0]))),
                tuple(dict.fromkeys(c for cs in activity.values() for c in cs)),
                _counts(absences),
                _counts(refusals),
                _counts(exits),
                tuple(changes.get((org, year), ())),
                articles.get(year, 0),
            )
        )
    return answer


def _counts(by_member: dict[str, list[str]]) -> tuple[MemberCount, ...]:
    return tuple(
        MemberCount(m, len(c), tuple(c)) for m, c in sorted(by_member.items(), key=lambda x: (-len(x[1]), x[0]))
    )


def _reference_changes(
    periods: dict[str, list[tuple[str, str, str, str]]], low_date: str, high_date: str
) -> dict[tuple[str, str], list[str]]:
    """The reference's joins, freezes, suspensions and exits, by format and year: «ARM frozen
    from 2024-02-22», «UZB member until 2012-12-20»."""
    changes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for org, rows in periods.items():
        for member, status, since, until in rows:
            if since and low_date <= since <= high_date:
                changes[(org, since[:4])].append(f"{member} {status} from {since}")
            if until and low_date <= until <= high_date:
                changes[(org, until[:4])].append(f"{member} {status} until {until}")
    return changes


def figure_points(
    con: duckdb.DuckDBPyConnection,
    definitions: Definitions,
    state: str | None = None,
    measure: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Records[FigurePoint]:
    """A state's military spending, troops and arms deliveries by year, one point per figure
    an article gives, with its evidence; values of one year that disagree are marked."""
    measures = {measure: definitions.figures[measure]} if measure else definitions.figures
    kinds = {kind: name for name, ks in measures.items() for kind in ks}
    states = (state,) if state else definitions.states
    low_date, high_date = _bounds(since, until)
    when = "coalesce(nullif(f.date, ''), d.published)"
    rows = con.execute(
        f"SELECT f.doc_id, f.what, f.value, coalesce(f.unit, '') AS unit, f.actor, f.start_char, f.end_char, "
        f"f.evidence, {when} AS date, coalesce(nullif(f.date_source, ''), 'reference') AS date_source, "
        "coalesce(d.title, '') AS title, coalesce(d.published, '') AS published, "
        # the sentence the figure stands in: what the article says of it (sentences never overlap)
        "coalesce(substr(d.text, s.start_char + 1, s.end_char - s.start_char), f.evidence) AS sentence, s.idx, "
        "f.figure_id, coalesce(f.review, '') AS review "  # to review the figure (`Source.fact_id`)
        "FROM figures f JOIN documents d USING (doc_id) LEFT JOIN sentences s "
        "ON s.doc_id = f.doc_id AND s.start_char <= f.start_char AND f.start_char < s.end_char "
        f"WHERE f.what IN ({_marks(kinds)}) AND f.actor IN ({_marks(states)}) "
        f"AND {when} IS NOT NULL AND {when} <> '' AND {when} >= ? AND {when} <= ? "
        "ORDER BY f.actor, date, f.doc_id, f.start_char",
        [*kinds, *states, low_date, high_date],
    ).fetchall()
    columns = ("doc_id", "what", "value", "unit", "actor", "start", "end", "evidence", "date", "source", "title")
    found = [
        dict(zip((*columns, "published", "sentence", "sentence_idx", "fact_id", "review"), r, strict=True))
        for r in rows
    ]
    usd = _dollar_sums(con, found)
    by_year: dict[tuple[str, str, str, str], set[float]] = defaultdict(set)
    for f in found:
        by_year[(f["actor"], kinds[f["what"]], f["date"][:4], f["unit"])].add(float(f["value"]))
    answer: Records[FigurePoint] = Records()
    for f in found:
        values = by_year[(f["actor"], kinds[f["what"]], f["date"][:4], f["unit"])]
        value = float(f["value"])
        answer.append(
            FigurePoint(
                f["actor"],
                kinds[f["what"]],
                f["date"][:4],
                value,
                f["unit"],
                value if f["unit"] == "USD" else usd.get((f["doc_id"], f["start"])),
                f["source"],
                f["unit"] != "percent" and any(abs(v - value) > _DISAGREE * max(abs(v), abs(value)) for v in values),
                Source(
                    f["doc_id"],
                    f["start"],
                    f["end"],
                    f["evidence"],
                    f["title"],
                    f["published"],
                    f["fact_id"] or "",
                    f["review"],
                ),
                f["sentence"],
            )
        )
    return answer


def _dollar_sums(con: duckdb.DuckDBPyConnection, found: list[dict[str, Any]]) -> dict[tuple[str, int], float]:
    """(document, start) of each figure in another currency -> the sum in US dollars the same
    sentence gives right beside it."""
    documents = sorted({f["doc_id"] for f in found if _other_currency(f["unit"])})
    if not documents:
        return {}
    dollars: dict[tuple[str, int], list[tuple[int, float]]] = defaultdict(list)  # (document, sentence)
    for doc_id, start, value, idx in con.execute(
        "SELECT f.doc_id, f.start_char, f.value, s.idx FROM figures f JOIN sentences s "
        "ON s.doc_id = f.doc_id AND f.start_char >= s.start_char AND f.start_char < s.end_char "
        "WHERE f.unit = 'USD' AND f.doc_id IN (SELECT unnest(?))",
        [documents],
    ).fetchall():
        dollars[(doc_id, idx)].append((int(start), float(value)))
    pairs: dict[tuple[str, int], float] = {}
    for f in found:
        if not _other_currency(f["unit"]) or f["sentence_idx"] is None:
            continue  # a percentage or a count beside a sum in dollars is no sum of its own
        near = [
            (abs(start - f["start"]), value)
            for start, value in dollars.get((f["doc_id"], f["sentence_idx"]), ())
            if abs(start - f["start"]) <= _SAME_SUM_REACH
        ]
        if near:
            pairs[(f["doc_id"], f["start"])] = min(near)[1]
    return pairs


def _other_currency(unit: str) -> bool:
    """Whether ``unit`` is a currency code other than the US dollar (codes are three capitals;
    "percent" and count units are not)."""
    return len(unit) == 3 and unit.isupper() and unit != "USD"
