"""What the charts and the map draw, as SQL aggregates: one query per chart, never the
events themselves fetched into a page.

- ``event_counts``: events (clusters) per month or quarter, by type or by actor.
- ``map_groups``: events per map position — a place's own coordinates, else its state's
  (drawn at the state's centre, marked approximate); an event naming no place is put at the
  states taking part in it, also approximate.
- ``located_events``: the events of one map position (the list a map group opens).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from marsad.kb.loader import KnowledgeBase
from marsad.query.api import EventQuery, Marsad
from marsad.query.records import EventCluster, Records

PERIODS = ("month", "quarter")
# more months than this on the axis and the chart counts quarters (bars stay a few pixels wide)
MOST_MONTHS = 48
# actors drawn in a chart by actor; the others are counted in ``rest``
TOP_ACTORS = 8

# one row per cluster: its most precise date and its type (as the events list shows them),
# its actors (every report's), its places
_CLUSTERS = (
    "SELECT e.cluster_id, arg_max(e.date, length(coalesce(e.date, ''))) AS date, "
    "arg_max(e.type, length(coalesce(e.date, ''))) AS type, list_distinct(flatten(list(e.actor_ids))) AS actors "
    "FROM events e WHERE {where} GROUP BY e.cluster_id"
)


@dataclass
class EventCounts:
    """Bars of a chart: ``bars[period][key] = events``; ``keys`` in the legend's order."""

    by: str
    period: str
    periods: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    bars: dict[str, dict[str, int]] = field(default_factory=dict)
    undated: int = 0  # events dated by year only (or not at all): no month to count them in
    rest: int = 0  # events of actors beyond the top ones

    def as_json(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "period": self.period,
            "periods": self.periods,
            "keys": self.keys,
            "bars": [[p, k, n] for p in self.periods for k, n in self.bars.get(p, {}).items()],
            "undated": self.undated,
            "rest": self.rest,
        }


def event_counts(
    kb: Marsad, query: EventQuery, by: str = "type", period: str = "", exclude: str = "", top: int = TOP_ACTORS
) -> EventCounts:
    """Events per month (or quarter: ``period``, else chosen by the span) by type or by
    actor (the ``top`` most active, ``exclude`` left out: the entity a page is about)."""
    where, params = kb._event_filters(query)
    clusters = _CLUSTERS.format(where=where)
    if by == "type":
        sql = f"WITH c AS ({clusters}) SELECT left(date, 7) AS month, type, count(*) FROM c GROUP BY ALL ORDER BY 1, 2"
    else:
        sql = (
            f"WITH c AS ({clusters}) SELECT left(date, 7) AS month, actor, count(*) FROM "
            "(SELECT date, unnest(actors) AS actor FROM c) GROUP BY ALL ORDER BY 1, 2"
        )
    rows = kb.con.execute(sql, params).fetchall()
    monthly = [(m, k, int(n)) for m, k, n in rows if m and len(m) == 7 and k != exclude]
    counts = EventCounts(by, period)
    # by type each event is one row: those without a month are counted from the same rows
    # (the chart by actor leaves the note to the chart by type: no second query)
    counts.undated = sum(int(n) for m, _, n in rows if not m or len(m) < 7) if by == "type" else 0
    if not monthly:
        counts.period = period or "month"
        return counts
    first, last = monthly[0][0], monthly[-1][0]
    if not period:
        period = "quarter" if _months_between(first, last) > MOST_MONTHS else "month"
    counts.period = period
    totals: dict[str, int] = defaultdict(int)
    bars: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for month, key, n in monthly:
        bars[_period_of(month, period)][key] += n
        totals[key] += n
    if by == "type":
        counts.keys = sorted(totals, key=lambda k: (-totals[k], k))
    else:
        counts.keys = sorted(totals, key=lambda k: (-totals[k], k))[:top]
        kept = set(counts.keys)
        counts.rest = sum(n for k, n in totals.items() if k not in kept)
        bars = defaultdict(dict, {p: {k: n for k, n in b.items() if k in kept} for p, b in bars.items()})
    counts.periods = _every_period(_period_of(first, period), _period_of(last, period), period)
    counts.bars = {p: dict(bars[p]) for p in counts.periods if bars.get(p)}
    return counts


def _months_between(first: str, last: str) -> int:
    return (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7])


def _period_of(month: str, period: str) -> str:
    """«2022-05» as a month, or its quarter «2022-Q2»."""
    return month if period == "month" else f"{month[:4]}-Q{(int(month[5:7]) + 2) // 3}"


def _every_period(first: str, last: str, period: str) -> list[str]:
    """Every month (or quarter) from ``first`` to ``last``: an empty one is a gap on the axis."""
    out = []
    year, step = int(first[:4]), int(first[5:7] if period == "month" else first[6])
    per_year = 12 if period == "month" else 4
    while True:
        label = f"{year}-{step:02d}" if period == "month" else f"{year}-Q{step}"
        out.append(label)
        if label == last or len(out) > 2000:
            return out
        step += 1
        if step > per_year:
            year, step = year + 1, 1


def period_range(label: str) -> tuple[str, str]:
    """The dates a bar covers, as the events page's since/until: «2022-Q2» → 2022-04, 2022-06."""
    if "-Q" in label:
        year, quarter = label[:4], int(label[-1])
        return f"{year}-{3 * quarter - 2:02d}", f"{year}-{3 * quarter:02d}"
    return label, label


# -- the map -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Position:
    key: str  # the place's id, or the state's when the place has no coordinates of its own
    lat: float | None  # None: the state's centre, found by the map in its boundaries
    lon: float | None


_positions: dict[int, tuple[dict[str, Position], list[str]]] = {}


def positions(kb: KnowledgeBase) -> tuple[dict[str, Position], list[str]]:
    """Where each place or state id is drawn, and the ids of states (once per knowledge base)."""
    cached = _positions.get(id(kb))
    if cached is None:
        where: dict[str, Position] = {}
        for entity in kb.entities.values():
            if entity.type == "country":
                where[entity.id] = Position(entity.id, None, None)
            elif entity.type == "place" and entity.lat is not None and entity.lon is not None:
                where[entity.id] = Position(entity.id, entity.lat, entity.lon)
            elif entity.type == "place" and entity.country:
                where[entity.id] = Position(entity.country, None, None)
        states = sorted(e.id for e in kb.entities.values() if e.type == "country")
        cached = _positions[id(kb)] = (where, states)
    return cached


def _placed(kb: Marsad, where: str) -> str:
    """Each selected cluster at its map position: its first report's place that has one, else
    each state taking part (``by_actor``)."""
    return (
        "WITH loc AS (SELECT unnest(?::VARCHAR[]) AS id, unnest(?::VARCHAR[]) AS key), "
        "r AS (SELECT e.cluster_id, e.date, e.type, e.actor_ids, l.key FROM events e "
        f"LEFT JOIN loc l ON l.id = e.place WHERE {where}), "
        "c AS (SELECT cluster_id, arg_max(type, length(coalesce(date, ''))) AS type, min(key) AS key, "
        "list_distinct(flatten(list(actor_ids))) AS actors, min(date) AS date FROM r GROUP BY cluster_id), "
        "placed AS (SELECT cluster_id, type, key, false AS by_actor, date FROM c WHERE key IS NOT NULL "
        "UNION ALL SELECT cluster_id, type, actor AS key, true AS by_actor, date FROM "
        "(SELECT cluster_id, type, date, unnest(actors) AS actor FROM c WHERE key IS NULL) "
        "WHERE list_contains(?::VARCHAR[], actor)) "
    )


def _location_params(kb: Marsad, params: list[Any]) -> list[Any]:
    where, states = positions(kb.kb)
    return [list(where), [p.key for p in where.values()], *params, states]


def map_groups(kb: Marsad, query: EventQuery) -> dict[str, Any]:
    """Events per map position, by type: ``groups`` (key, lat, lon, approximate, by_actor,
    total, types) and how many of the selected events are placed (an event with several
    states taking part is at each of them, and counted once)."""
    where_sql, params = kb._event_filters(query)
    # per position and type, and (the empty grouping set) how many events are placed at all
    rows = kb.con.execute(
        _placed(kb, where_sql) + "SELECT key, bool_and(by_actor), type, count(DISTINCT cluster_id), grouping(key) "
        "FROM placed GROUP BY GROUPING SETS ((key, type), ()) ORDER BY key, type",
        _location_params(kb, params),
    ).fetchall()
    placed = sum(int(r[3]) for r in rows if r[4])
    rows = [r[:4] for r in rows if not r[4]]
    where, _ = positions(kb.kb)
    groups: dict[str, dict[str, Any]] = {}
    for key, by_actor, type_, n in rows:
        position = where.get(key) or Position(key, None, None)
        group = groups.setdefault(
            key,
            {
                "key": key,
                "lat": position.lat,
                "lon": position.lon,
                "approximate": position.lat is None,
                "by_actor": True,
                "total": 0,
                "types": {},
            },
        )
        group["by_actor"] = group["by_actor"] and bool(by_actor)
        group["types"][type_] = int(n)
    for group in groups.values():  # a cluster has one type: the types' counts add up
        group["total"] = sum(group["types"].values())
    return {"groups": sorted(groups.values(), key=lambda g: -g["total"]), "placed": placed}


def located_events(
    kb: Marsad, query: EventQuery, key: str, limit: int = 50, offset: int = 0
) -> tuple[Records[EventCluster], int]:
    """The events a map group stands for (newest first), and how many there are."""
    where_sql, params = kb._event_filters(query)
    sql = _placed(kb, where_sql)
    args = [*_location_params(kb, params), key]
    total = kb.con.execute(sql + "SELECT count(DISTINCT cluster_id) FROM placed WHERE key = ?", args).fetchone()
    ids = kb.con.execute(
        sql + "SELECT cluster_id FROM placed WHERE key = ? GROUP BY cluster_id "
        "ORDER BY max(date) DESC NULLS LAST, cluster_id LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    return kb._clusters([r[0] for r in ids]), int(total[0]) if total else 0
