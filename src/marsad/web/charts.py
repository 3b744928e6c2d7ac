"""The charts of the overview, events and entity pages, and the map's groups, as the data
blocks the bundled scripts draw (charts.js, map.js): counts from one SQL aggregate each,
labels in the page's language, and what a bar's link asks of the events page."""

from __future__ import annotations

from typing import Any

from marsad.query.aggregates import PERIODS, event_counts, map_groups, period_range
from marsad.query.api import EventQuery, Marsad
from marsad.web.i18n import Language
from marsad.web.view import query_string

__all__ = ["PERIODS", "charts", "map_data"]


def charts(
    kb: Marsad,
    lang: Language,
    query: EventQuery,
    base: dict[str, str],
    period: str = "",
    entity: str = "",
) -> list[dict[str, Any]]:
    """Two charts: events by type and by actor. A bar links to ``/events`` with ``base``
    (the page's filters), the bar's key and its months. On an entity's page the actors
    are the others taking part with it (``with``)."""
    out = []
    for by in ("type", "actor"):
        counts = event_counts(kb, query, by=by, period=period, exclude=entity)
        labels = (
            {k: lang.event_type(k) for k in counts.keys}
            if by == "type"
            else {k: lang.name(*kb._names(k)[::-1], fallback=k) for k in counts.keys}
        )
        data = counts.as_json()
        data |= {
            "id": f"chart-{by}",
            "title": lang.t(f"chart_by_{by}"),
            "labels": labels,
            "ranges": {p: period_range(p) for p in counts.periods},
            "base": query_string(base),
            "param": "with" if by == "actor" and entity else by,
            "undated_note": lang.count(counts.undated, "undated_events") if counts.undated else "",
            "rest_note": lang.count(counts.rest, "other_actors_events") if counts.rest else "",
            "quarter": lang.t("quarter_letter"),
            "events": lang.t("events"),
        }
        out.append(data)
    return out


def map_data(kb: Marsad, lang: Language, query: EventQuery) -> dict[str, Any]:
    """The map's groups with their names in the page's language, and every state's name in
    it (the boundaries carry English names only) keyed by its English name."""
    data = map_groups(kb, query)
    for group in data["groups"]:
        name_en, name_ar = kb._names(group["key"])
        group["name"] = lang.name(name_ar, name_en, group["key"])
        group["name_en"] = name_en
    states = {e.name_en: lang.name(e.name_ar, e.name_en, e.id) for e in kb.kb.entities.values() if e.type == "country"}
    return data | {"states": states}
