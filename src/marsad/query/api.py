"""The analyst's questions, answered from a store: ``kb = marsad.open("marsad.duckdb")``.

Every answer carries where it was read (an article span, or the reference knowledge with
its note). Dates are partial ISO strings at any precision («2000», «2022-10», «2022-10-14»);
a date asked for covers its whole period: «members at 1999» includes whoever was a member
for part of 1999.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from marsad.indicators.compute import figure_points as indicator_figures
from marsad.indicators.compute import format_years as indicator_formats
from marsad.indicators.compute import ties as indicator_ties
from marsad.indicators.definitions import bundled_definitions
from marsad.indicators.records import FigurePoint, FormatYear, TieYear
from marsad.kb.loader import KnowledgeBase, knowledge_base
from marsad.query.records import (
    ClaimRecord,
    DocumentEntity,
    DocumentSummary,
    Edge,
    EventCluster,
    EventReport,
    FigureRecord,
    Member,
    MembershipChange,
    Network,
    Node,
    Profile,
    Records,
    Related,
    Role,
    SearchHit,
    Source,
    TimelineEntry,
)
from marsad.review.quality import Quality, quality
from marsad.review.views import read_reviewed
from marsad.search.index import K1, B, Highlighted, best_sentence, highlight, parse_query
from marsad.store.duck import Store
from marsad.text.normalize import normalize_key
from marsad.values.partial_date import PartialDate, low_sql
from marsad.vocabulary import (
    happened_modalities,
    member_statuses,
    membership_change,
    network_statuses,
    network_weights,
)

# Statuses that make a state a member; the others are standings short of membership.
MEMBER_STATUSES = member_statuses()
# What an interaction edge of the network is made of, and how much one report weighs.
NETWORK_EVENT_WEIGHTS = network_weights()
# Standings drawn as membership edges of the network, and the modalities of events that tie states.
NETWORK_STATUSES = network_statuses()
HAPPENED = happened_modalities()
MAX_LIMIT = 1000
# how a list of events may be ordered, and of documents (constants: the SQL is never built from input)
EVENT_ORDERS = {
    "date": "min(e.date) NULLS LAST",
    "-date": "max(e.date) DESC NULLS LAST",
    "-confidence": "max(e.confidence) DESC NULLS LAST, min(e.date) NULLS LAST",
    "-reports": "count(*) DESC, min(e.date) NULLS LAST",
}
# how a list of documents may be ordered (constants: the SQL is never built from input)
DOCUMENT_SORTS = {
    "-published": "d.published DESC NULLS LAST",
    "published": "d.published NULLS LAST",
    "title": "d.title NULLS LAST",
    "-title": "d.title DESC NULLS LAST",
    "doc_id": "d.doc_id",
}
MAX_OFFSET = 1_000_000_000  # beyond any store; larger numbers overflow DuckDB's OFFSET


class QueryError(ValueError):
    """A question that cannot be asked as put; the message says what to change."""


class UnknownEntity(QueryError):
    """An id or name no entity has: the thing asked about does not exist (404 over HTTP)."""


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events: of these types, with any (or all) of these actors, this person, at
    this place (a state includes its places), between these dates, reported by this
    document, with this modality, reported at least once with this confidence."""

    type: str | list[str] | None = None
    actors: list[str] | None = None
    match: str = "any"
    agent: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    document: str | None = None
    modality: str | None = None
    min_confidence: float | None = None


def date_low(value: str) -> str:
    """The first day a partial date covers: «1999» → «1999-01-01»."""
    return _checked(value).low


def date_high(value: str) -> str:
    """The last day a partial date covers: «1999» → «1999-12-31» (months end on 31: the
    dates compared are strings, where «-31» is after every day of any month)."""
    return _checked(value).high


def _checked(value: str) -> PartialDate:
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise QueryError(str(exc)) from None


# When an article's membership report starts counting: the date it states, else its publication
_REPORTED_FROM = low_sql("coalesce(nullif(m.since, ''), d.published)")


class Marsad:
    """A read-only view of a store that answers the analyst's questions.

    Facts an analyst rejected are left out of every answer: this view's connection reads the
    fact tables through views without them (:mod:`marsad.review.views`), so every question
    reads them the same way. ``include_rejected=True`` reads them all. Each fact's
    review standing comes with it (``Source.review``: confirmed, corrected, rejected, "").
    """

    def __init__(self, path: str | Path, kb: KnowledgeBase | None = None, include_rejected: bool = False) -> None:
        self.store = Store(path, read_only=True)
        self.con = self.store.con
        self._kb = kb
        self.include_rejected = include_rejected
        if not include_rejected:
            read_reviewed(self.con)

    @classmethod
    def from_store(cls, store: Store, kb: KnowledgeBase | None = None, include_rejected: bool = False) -> Marsad:
        """Questions over a store already open (the server's, which also writes), on a cursor
        of their own (the writer's connection keeps the tables themselves)."""
        view = object.__new__(cls)
        view.store = store.reader()
        view.con = view.store.con
        view._kb = kb
        view.include_rejected = include_rejected
        if not include_rejected:
            read_reviewed(view.con)
        return view

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            self._kb = knowledge_base()
        return self._kb

    def cursor(self, include_rejected: bool | None = None) -> Marsad:
        """A view on its own cursor, for one thread (a web request); rejected facts are left
        out as by this view unless ``include_rejected`` says otherwise."""
        view = object.__new__(Marsad)
        view.store = self.store.reader()
        view.con = view.store.con
        view._kb = self._kb
        view.include_rejected = self.include_rejected if include_rejected is None else include_rejected
        if not view.include_rejected:
            read_reviewed(view.con)
        return view

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Marsad:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params or [])
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def _entity_id(self, value: str) -> str:
        """An entity id, or a name of one («CSTO», «kazakhstan», «منظمة معاهدة الأمن الجماعي»)."""
        if value in self.kb.entities:
            return value
        folded = value.strip().casefold()
        for entity in self.kb.entities.values():
            if entity.id.casefold() == folded or folded in (n.casefold() for n in entity.names()):
                return entity.id
        row = self.con.execute(
            "SELECT entity_id FROM provisional_entities WHERE entity_id = ? OR name_ar = ? LIMIT 1", [value, value]
        ).fetchone()
        if row:
            return str(row[0])
        raise UnknownEntity(f"no entity {value!r}: use an id (KAZ, CSTO, kassym-jomart-tokayev) or a name")

    # -- memberships ---------------------------------------------------------------------------
    def members(
        self,
        org: str,
        at: str,
        statuses: tuple[str, ...] = MEMBER_STATUSES,
        min_confidence: float | None = None,
    ) -> Records[Member]:
        """Who belongs to ``org`` at date ``at``, from the reference knowledge and from articles.

        A reference period counts when it overlaps the date asked; an article's report counts
        from the date it states (else its publication date) on, until the date it states.
        With ``min_confidence``, an article's report counts only when the extraction is at
        least that sure of it (the reference always counts).
        """
        self._check_range(None, None, min_confidence)
        org_id = self._entity_id(org)
        low, high = date_low(at), date_high(at)
        reference = self._rows(
            "SELECT m.member, m.status, coalesce(m.since, '') AS since, coalesce(m.until, '') AS until, "
            "coalesce(m.note, '') AS note FROM memberships m WHERE m.origin = 'kb' AND m.org = ? "
            f"AND (m.since IS NULL OR m.since = '' OR {low_sql('m.since')} <= ?) "
            f"AND (m.until IS NULL OR m.until = '' OR {low_sql('m.until')} > ?) ORDER BY m.member, m.since",
            [org_id, high, low],
        )
        reports = self._rows(
            "SELECT m.member, m.status, coalesce(m.since, '') AS since, coalesce(m.until, '') AS until, m.doc_id, "
            "m.start_char, m.end_char, m.evidence, coalesce(m.contradicts_reference, false) AS contradicts, "
            "coalesce(m.confidence, 0.0) AS confidence, m.membership_id AS fact_id, m.review, "
            "coalesce(d.title, '') AS title, coalesce(d.published, '') AS published "
            "FROM memberships m JOIN documents d USING (doc_id) WHERE m.origin = 'article' AND m.org = ? "
            "AND coalesce(nullif(m.since, ''), nullif(d.published, '')) IS NOT NULL "
            f"AND {_REPORTED_FROM} <= ? "
            f"AND (m.until IS NULL OR m.until = '' OR {low_sql('m.until')} > ?) "
            "AND coalesce(m.confidence, 0.0) >= ? ORDER BY m.member, m.doc_id",
            [org_id, high, low, min_confidence or 0.0],
        )
        by_member: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for report in reports:
            by_member[report["member"]].append(report)
        answer: Records[Member] = Records()
        seen = set()
        for row in reference:
            if row["status"] not in statuses:
                continue
            member = row["member"]
            # the latest period overlapping the date is the standing at its end
            later = [r for r in reference if r["member"] == member and r["since"] > row["since"]]
            if any(r["status"] in statuses for r in later):
                continue
            seen.add(member)
            sources = tuple(_source(r) for r in by_member.get(member, []))
            answer.append(
                Member(
                    member,
                    *self._names(member),
                    status=row["status"],
                    since=row["since"],
                    until=row["until"],
                    origin="kb+article" if sources else "kb",
                    note=row["note"],
                    sources=sources,
                    confidence=max((r["confidence"] for r in by_member.get(member, [])), default=None),
                )
            )
        for member, member_reports in by_member.items():
            if member in seen or member_reports[0]["status"] not in statuses:
                continue
            first = member_reports[0]
            answer.append(
                Member(
                    member,
                    *self._names(member),
                    status=first["status"],
                    since=first["since"],
                    until=first["until"],
                    origin="article",
                    sources=tuple(_source(r) for r in member_reports),
                    contradicts_reference=any(r["contradicts"] for r in member_reports),
                    confidence=max(r["confidence"] for r in member_reports),
                )
            )
        answer.sort(key=lambda m: m.member)
        return answer

    def membership_history(self, org: str | None = None, member: str | None = None) -> Records[MembershipChange]:
        """Joins, freezes, suspensions and withdrawals in date order: every reference period's
        start and end, and every membership an article reports, with its evidence."""
        clauses, params = ["true"], []  # neither: every organization's and member's
        if org is not None:
            clauses.append("m.org = ?")
            params.append(self._entity_id(org))
        if member is not None:
            clauses.append("m.member = ?")
            params.append(self._entity_id(member))
        rows = self._rows(
            "SELECT m.origin, m.member, m.org, m.status, coalesce(m.since, '') AS since, "
            "coalesce(m.until, '') AS until, coalesce(m.note, '') AS note, m.doc_id, m.start_char, m.end_char, "
            "m.evidence, m.confidence, m.membership_id AS fact_id, m.review, "
            "coalesce(d.title, '') AS title, coalesce(d.published, '') AS published "
            f"FROM memberships m LEFT JOIN documents d USING (doc_id) WHERE {' AND '.join(clauses)}",
            params,
        )
        changes: Records[MembershipChange] = Records()
        periods: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            if row["origin"] == "kb":
                periods[(row["member"], row["org"])].append(row)
                continue
            date = row["since"] or row["published"]
            change = "left" if row["until"] and not row["since"] else membership_change(row["status"])
            changes.append(
                MembershipChange(
                    date,
                    row["member"],
                    row["org"],
                    change,
                    row["status"],
                    "article",
                    source=_source(row),
                    # the sentence's own date, else the article's (the vocabulary's date sources)
                    date_source="text" if row["since"] else "reference",
                    confidence=row["confidence"],
                )
            )
        for (member_id, org_id), spans in periods.items():
            spans.sort(key=lambda r: r["since"])
            for k, span in enumerate(spans):
                if span["since"]:
                    changes.append(
                        MembershipChange(
                            span["since"],
                            member_id,
                            org_id,
                            membership_change(span["status"]),
                            span["status"],
                            "kb",
                            span["note"],
                        )
                    )
                follows = spans[k + 1] if k + 1 < len(spans) else None
                if span["until"] and (follows is None or follows["since"] != span["until"]):
                    changes.append(MembershipChange(span["until"], member_id, org_id, "left", "", "kb", span["note"]))
        changes.sort(key=lambda c: (c.date, c.member, c.origin))
        return changes

    # -- events ------------------------------------------------------------------------------
    def events(
        self,
        query: EventQuery | None = None,
        /,
        *,
        limit: int = 100,
        offset: int = 0,
        newest_first: bool = False,
        order: str = "date",
        **filters: Any,
    ) -> Records[EventCluster]:
        """Events as clusters of reports, by date (oldest first unless ``newest_first``, or
        in an ``order`` of ``EVENT_ORDERS``). Filters are those of :class:`EventQuery`
        (``type``, ``actors`` with ``match`` any/all, ``agent``, ``place``, ``since``,
        ``until``, ``document``, ``modality``, ``min_confidence``), given as keywords or as
        one EventQuery."""
        where, params = self._event_filters(query or EventQuery(**filters))
        limit = _bounded(limit)
        if order not in EVENT_ORDERS:
            raise QueryError(f"order {order!r}: use one of {', '.join(EVENT_ORDERS)}")
        order = EVENT_ORDERS["-date" if newest_first else order]
        clusters = self._rows(
            f"SELECT e.cluster_id FROM events e WHERE {where} GROUP BY e.cluster_id "
            f"ORDER BY {order}, e.cluster_id LIMIT ? OFFSET ?",
            [*params, limit, _offset(offset)],
        )
        return self._clusters([c["cluster_id"] for c in clusters])

    def active_actors(
        self, query: EventQuery | None = None, /, *, limit: int = 20, **filters: Any
    ) -> list[tuple[str, int]]:
        """The states and organizations taking part in the most events (clusters), with
        their counts, among the events ``query`` selects."""
        where, params = self._event_filters(query or EventQuery(**filters))
        rows = self.con.execute(
            "SELECT actor, count(DISTINCT cluster_id) AS n FROM (SELECT e.cluster_id, unnest(e.actor_ids) AS actor "
            f"FROM events e WHERE {where}) GROUP BY actor ORDER BY n DESC, actor LIMIT ?",
            [*params, _bounded(limit)],
        ).fetchall()
        return [(str(actor), int(n)) for actor, n in rows]

    def event(self, cluster_id: str) -> EventCluster | None:
        """One event by its cluster id (a report's event id names its cluster too)."""
        row = self.con.execute(
            "SELECT cluster_id FROM events WHERE cluster_id = ? OR event_id = ? LIMIT 1", [cluster_id, cluster_id]
        ).fetchone()
        found = self._clusters([row[0]]) if row else Records()
        return found[0] if found else None

    def count_events(self, query: EventQuery | None = None, /, **filters: Any) -> int:
        where, params = self._event_filters(query or EventQuery(**filters))
        row = self.con.execute(f"SELECT count(DISTINCT e.cluster_id) FROM events e WHERE {where}", params).fetchone()
        return int(row[0]) if row else 0

    def _event_filters(self, query: EventQuery) -> tuple[str, list[Any]]:
        type, actors, match, agent, place = query.type, query.actors, query.match, query.agent, query.place
        since, until, document, modality = query.since, query.until, query.document, query.modality
        clauses: list[str] = ["true"]
        params: list[Any] = []
        if type:
            types = [type] if isinstance(type, str) else list(type)
            clauses.append(f"e.type IN ({', '.join('?' for _ in types)})")
            params.extend(t.upper() for t in types)
        if actors:
            ids = [self._entity_id(a) for a in actors]
            if match not in ("any", "all"):
                raise QueryError(f"match {match!r}: use 'any' or 'all'")
            # the event row lists its actors: one scan, no join (list_contains of one value is
            # an order of magnitude faster in DuckDB than list_has_any/list_has_all of a list)
            joiner = " OR " if match == "any" else " AND "
            # a person takes part as an event's agent, never as an actor (states and bodies):
            # asked for as an actor, a person matches the events naming them either way
            parts = [
                "(list_contains(e.actor_ids, ?) OR list_contains(e.agent_ids, ?))"
                if self._is_person(i)
                else "list_contains(e.actor_ids, ?)"
                for i in ids
            ]
            clauses.append("(" + joiner.join(parts) + ")")
            params.extend(p for i in ids for p in ((i, i) if self._is_person(i) else (i,)))
        if agent:
            clauses.append("list_contains(e.agent_ids, ?)")
            params.append(self._entity_id(agent))
        if place:
            place_id = self._entity_id(place)
            places = [
                place_id,
                *(e.id for e in self.kb.entities.values() if e.type == "place" and e.country == place_id),
            ]
            clauses.append(f"e.place IN ({', '.join('?' for _ in places)})")
            params.extend(places)
        _when_and_where(clauses, params, "e", since, until, document)
        if modality:
            clauses.append("e.modality = ?")
            params.append(modality)
        if query.min_confidence:
            if not 0 <= query.min_confidence <= 1:
                raise QueryError(f"min_confidence {query.min_confidence}: give a number from 0 to 1")
            # a cluster stays when one of its reports is that sure; its other reports stay out
            clauses.append("e.confidence >= ?")
            params.append(query.min_confidence)
        return " AND ".join(clauses), params

    def _clusters(self, cluster_ids: list[str]) -> Records[EventCluster]:
        if not cluster_ids:
            return Records()
        marks = ", ".join("?" for _ in cluster_ids)
        rows = self._rows(
            "SELECT e.cluster_id, e.event_id, e.doc_id, e.type, coalesce(e.plover, '') AS plover, "
            "coalesce(e.date, '') AS date, coalesce(e.date_source, '') AS date_source, "
            "coalesce(e.modality, '') AS modality, coalesce(e.place, '') AS place, e.start_char, e.end_char, "
            "e.evidence, e.rule_id, coalesce(d.title, '') AS title, coalesce(d.published, '') AS published, "
            "e.actor_ids AS actors, e.agent_ids AS agents, coalesce(e.confidence, 0) AS confidence, "
            "e.event_id AS fact_id, e.review "
            "FROM events e JOIN documents d USING (doc_id) "
            f"WHERE e.cluster_id IN ({marks}) ORDER BY e.doc_id, e.start_char",
            cluster_ids,
        )
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            grouped[row["cluster_id"]].append(row)
        answer: Records[EventCluster] = Records()
        for cluster_id in cluster_ids:
            reports = grouped.get(cluster_id, [])
            if not reports:
                continue
            # the most precise date a report states, else the first
            stated = [r for r in reports if r["date_source"] != "reference"] or reports
            best = max(stated, key=lambda r: len(r["date"]))
            actors = sorted({a for r in reports for a in (r["actors"] or [])})
            agents = sorted({a for r in reports for a in (r["agents"] or [])})
            answer.append(
                EventCluster(
                    cluster_id,
                    best["type"],
                    best["plover"],
                    best["date"],
                    best["modality"],
                    tuple(actors),
                    tuple(agents),
                    next((r["place"] for r in reports if r["place"]), ""),
                    tuple(
                        EventReport(
                            r["event_id"],
                            _source(r),
                            r["date"],
                            r["date_source"],
                            r["modality"],
                            r["rule_id"],
                            float(r["confidence"]),
                        )
                        for r in reports
                    ),
                    max(float(r["confidence"]) for r in reports),
                    best["date_source"],
                )
            )
        return answer

    # -- timelines, profiles, claims, figures ---------------------------------------------------
    def timeline(self, entity: str, other: str | None = None, limit: int = 500) -> Records[TimelineEntry]:
        """What an entity (or a pair: both take part) did, joined and said, by date."""
        ids = [self._entity_id(entity)] + ([self._entity_id(other)] if other else [])
        entries: Records[TimelineEntry] = Records()
        for cluster in self.events(actors=ids, match="all", limit=_bounded(limit)):
            first = cluster.reports[0].source
            summary = f"{cluster.type}: {', '.join(cluster.actors)}"
            entries.append(TimelineEntry(cluster.date, "event", cluster.type, summary, cluster.actors, first))
        if other:
            a, b = ids
            changes = [c for c in self.membership_history(member=a) if c.org == b]
            changes += [c for c in self.membership_history(member=b) if c.org == a]
        else:
            changes = list(self.membership_history(member=ids[0]))
            if self._is_organization(ids[0]):
                changes += list(self.membership_history(org=ids[0]))
        for change in changes:
            summary = f"{change.member} {change.change} {change.org}"
            entries.append(
                TimelineEntry(
                    change.date, "membership", change.change, summary, (change.member, change.org), change.source
                )
            )
        for claim in self.claims(speaker=ids[0], about=ids[1] if other else None, limit=limit):
            entries.append(TimelineEntry(claim.date, "claim", claim.verb, claim.text, (claim.speaker,), claim.source))
        entries.sort(key=lambda e: (e.date or "9999", e.kind))
        return entries

    def _is_person(self, entity_id: str) -> bool:
        entity = self.kb.entities.get(entity_id)
        return entity is not None and entity.type == "person"

    def _is_organization(self, entity_id: str) -> bool:
        entity = self.kb.entities.get(entity_id)
        return entity is not None and entity.type == "organization"

    def claims(
        self,
        speaker: str | None = None,
        about: str | None = None,
        since: str | None = None,
        until: str | None = None,
        document: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> Records[ClaimRecord]:
        """Reported speech by speaker (a person, or the state they serve), by an entity named
        in the words, by date."""
        clauses, params = ["true"], []
        if speaker:
            speaker_id = self._entity_id(speaker)
            clauses.append("(c.speaker = ? OR c.speaker_state = ?)")
            params += [speaker_id, speaker_id]
        if about:
            clauses.append(
                "EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = c.doc_id AND m.entity_id = ? "
                "AND m.start_char >= c.start_char AND m.end_char <= c.end_char)"
            )
            params.append(self._entity_id(about))
        _when_and_where(clauses, params, "c", since, until, document)
        rows = self._rows(
            "SELECT c.*, coalesce(d.title, '') AS title, coalesce(d.published, '') AS published, "
            "(SELECT list(DISTINCT m.entity_id ORDER BY m.entity_id) FROM mentions m WHERE m.doc_id = c.doc_id "
            "AND m.start_char >= c.start_char AND m.end_char <= c.end_char) AS about "
            f"FROM claims c JOIN documents d USING (doc_id) WHERE {' AND '.join(clauses)} "
            "ORDER BY c.date NULLS LAST, c.claim_id LIMIT ? OFFSET ?",
            [*params, _bounded(limit), _offset(offset)],
        )
        return Records(
            ClaimRecord(
                r["claim_id"],
                r["speaker"],
                r["speaker_state"] or "",
                r["verb"] or "",
                r["date"] or "",
                r["claim"],
                tuple(r["about"] or ()),
                r["event_id"] or "",
                Source(
                    r["doc_id"],
                    r["sentence_start"],
                    r["sentence_end"],
                    r["claim"],
                    r["title"],
                    r["published"],
                    r["claim_id"],
                    r["review"] or "",
                ),
            )
            for r in rows
        )

    def figures(
        self,
        actor: str | None = None,
        what: str | None = None,
        document: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> Records[FigureRecord]:
        """Figures by whose they are and what they measure («military_spending», «troops»)."""
        clauses, params = ["true"], []
        if actor:
            clauses.append("f.actor = ?")
            params.append(self._entity_id(actor))
        if what:
            clauses.append("f.what = ?")
            params.append(what)
        if document:
            clauses.append("f.doc_id = ?")
            params.append(document)
        rows = self._rows(
            "SELECT f.*, f.figure_id AS fact_id, coalesce(d.title, '') AS title, coalesce(d.published, '') AS published "
            f"FROM figures f JOIN documents d USING (doc_id) WHERE {' AND '.join(clauses)} "
            "ORDER BY d.published NULLS LAST, f.doc_id, f.start_char LIMIT ? OFFSET ?",
            [*params, _bounded(limit), _offset(offset)],
        )
        return Records(FigureRecord(r["what"], r["value"], r["unit"] or "", r["actor"] or "", _source(r)) for r in rows)

    # -- indicators (marsad/indicators) --------------------------------------------------------
    def indicators(
        self,
        state: str | None = None,
        partner: str | None = None,
        format: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_confidence: float | None = None,
    ) -> Records[TieYear]:
        """Security cooperation and friction of each state (``state``, else the definitions'
        states: the five of Central Asia) with each partner (``partner``: RUS, CHN, USA, TUR, EU,
        IRN, IND) and within each format (``format``: CSTO, SCO, C5, …), year by year, each
        count with the event clusters behind it and the articles of its year
        (``marsad/indicators/definitions.yaml`` says what counts)."""
        definitions = bundled_definitions()
        state_id = self._entity_id(state) if state else None
        if partner and partner.upper() not in definitions.partners:
            raise QueryError(f"partner {partner!r}: use one of {', '.join(definitions.partners)}")
        format_id = self._entity_id(format) if format else None
        self._check_range(since, until, min_confidence)
        chosen = partner.upper() if partner else None
        return indicator_ties(self.con, definitions, state_id, chosen, format_id, since, until, min_confidence)

    def format_activity(
        self,
        format: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_confidence: float | None = None,
    ) -> Records[FormatYear]:
        """Each format's activity by year (meetings, exercises, statements, …) and its
        members' absences from listed meetings, refusals and exits, with the reference's
        changes of membership that year."""
        format_id = self._entity_id(format) if format else None
        self._check_range(since, until, min_confidence)
        return indicator_formats(self.con, bundled_definitions(), format_id, since, until, min_confidence)

    def figures_by_year(
        self, state: str | None = None, measure: str | None = None, since: str | None = None, until: str | None = None
    ) -> Records[FigurePoint]:
        """A state's military spending, troop numbers and arms deliveries year by year, each
        figure as an article gives it (``measure``: military_spending, troops,
        arms_deliveries), with its evidence and, where the sentence gives it, the sum in US
        dollars; values of one year that disagree are marked ``disputed``."""
        definitions = bundled_definitions()
        if measure and measure not in definitions.figures:
            raise QueryError(f"measure {measure!r}: use one of {', '.join(definitions.figures)}")
        state_id = self._entity_id(state) if state else None
        self._check_range(since, until, None)
        return indicator_figures(self.con, definitions, state_id, measure, since, until)

    # -- reviews -------------------------------------------------------------------------------
    def review_quality(self) -> Records[Quality]:
        """The share of reviewed facts analysts confirmed, per fact kind and event type, with
        its Wilson 95 % interval: a running precision estimate (`marsad eval --reviews`)."""
        return Records(quality(self.con))

    @staticmethod
    def _check_range(since: str | None, until: str | None, min_confidence: float | None) -> None:
        for value in (since, until):
            if value:
                _checked(value)
        if min_confidence is not None and not 0 <= min_confidence <= 1:
            raise QueryError(f"min_confidence {min_confidence}: give a number from 0 to 1")

    def entity(
        self,
        value: str,
        since: str | None = None,
        until: str | None = None,
        min_confidence: float | None = None,
    ) -> Profile:
        """An entity's profile: names, roles over time, memberships, events, claims, the
        entities named with it most, and where it was mentioned. ``since`` and ``until``
        narrow its memberships, events, claims and articles to a date range;
        ``min_confidence`` leaves out the events and article memberships read with less
        certainty (the reference's always count)."""
        entity_id = self._entity_id(value)
        low = date_low(since) if since else ""
        high = date_high(until) if until else ""
        known = self.kb.entities.get(entity_id)
        if known is not None:
            names = (known.type, known.kind, known.name_en, known.name_ar, known.name_ru, known.aliases, known.country)
            roles = tuple(Role(r.office, r.state, r.org, r.start, r.end) for r in known.roles)
        else:
            row = self._rows(
                "SELECT any_value(type) AS type, any_value(name_ar) AS name_ar, any_value(country) AS country "
                "FROM provisional_entities WHERE entity_id = ?",
                [entity_id],
            )[0]
            names = (row["type"], "provisional", "", row["name_ar"], "", (), row["country"] or "")
            roles = ()
        memberships = self.membership_history(member=entity_id)
        if known is not None and known.type == "organization":
            memberships = Records([*memberships, *self.membership_history(org=entity_id)])
        memberships = Records(
            c
            for c in memberships
            if (not low or c.date >= low)
            and (not high or c.date <= high)
            and (min_confidence is None or c.origin == "kb" or (c.confidence or 0.0) >= min_confidence)
        )
        window = EventQuery(since=since, until=until, min_confidence=min_confidence)
        participates = "actors" if known is None or known.type != "person" else None
        events = self.events(
            replace(window, actors=[entity_id]) if participates else replace(window, agent=entity_id), limit=200
        )
        related = self._rows(
            "SELECT o.entity_id, count(DISTINCT o.doc_id) AS documents, any_value(e.name_en) AS name_en, "
            "any_value(e.name_ar) AS name_ar FROM mentions m JOIN mentions o ON o.doc_id = m.doc_id "
            "AND o.entity_id <> m.entity_id LEFT JOIN entities e ON e.entity_id = o.entity_id "
            "WHERE m.entity_id = ? GROUP BY o.entity_id ORDER BY documents DESC, o.entity_id LIMIT 20",
            [entity_id],
        )
        mentioned = self.con.execute(
            "SELECT m.doc_id FROM mentions m JOIN documents d USING (doc_id) WHERE m.entity_id = ? "
            "AND (? = '' OR d.published >= ?) AND (? = '' OR d.published <= ?) "
            "GROUP BY m.doc_id ORDER BY count(*) DESC, m.doc_id",
            [entity_id, low, low, high, high],
        ).fetchall()
        return Profile(
            entity_id,
            *names[:5],
            aliases=tuple(names[5]),
            country=names[6],
            roles=roles,
            memberships=tuple(memberships),
            events=tuple(events),
            claims=tuple(self.claims(speaker=entity_id, since=since, until=until, limit=200)),
            related=tuple(
                Related(r["entity_id"], r["name_en"] or "", r["name_ar"] or "", r["documents"]) for r in related
            ),
            mentioned_in=tuple(r[0] for r in mentioned),
        )

    def _names(self, entity_id: str) -> tuple[str, str]:
        entity = self.kb.entities.get(entity_id)
        return (entity.name_en, entity.name_ar) if entity else ("", "")

    # -- documents -------------------------------------------------------------------------------
    def documents(
        self,
        since: str | None = None,
        until: str | None = None,
        entity: str | None = None,
        sort: str = "-published",
        limit: int = 50,
        offset: int = 0,
    ) -> Records[DocumentSummary]:
        """Stored articles published in a date range (naming ``entity``), a page at a time,
        each with its event count and most mentioned entities: three queries whatever the
        page's length, the texts never read."""
        where, params = self._document_filters(since, until, entity)
        if sort not in DOCUMENT_SORTS:
            raise QueryError(f"sort {sort!r}: use one of {', '.join(DOCUMENT_SORTS)}")
        rows = self._rows(
            "SELECT d.doc_id, coalesce(d.title, '') AS title, coalesce(d.source, '') AS source, "
            "coalesce(d.url, '') AS url, coalesce(d.published, '') AS published, "
            "coalesce(d.language, '') AS language, coalesce(d.n_chars, 0) AS n_chars, d.rowid AS row "
            f"FROM documents d WHERE {where} ORDER BY {DOCUMENT_SORTS[sort]}, d.doc_id LIMIT ? OFFSET ?",
            [*params, _bounded(limit), _offset(offset)],
        )
        ids = [r["doc_id"] for r in rows]
        if not ids:
            return Records()
        # an article without a title is shown by its first words (by row id: DuckDB then reads
        # just these texts)
        leads = dict(
            self.con.execute(
                "SELECT doc_id, left(ltrim(text), 300) FROM documents WHERE rowid IN (SELECT unnest(?))",
                [[r.pop("row") for r in rows]],
            ).fetchall()
        )
        events = dict(
            self.con.execute(
                "SELECT doc_id, count(*) FROM events WHERE doc_id IN (SELECT unnest(?)) GROUP BY doc_id", [ids]
            ).fetchall()
        )
        chips: dict[str, list[DocumentEntity]] = defaultdict(list)
        for doc_id, entity_id, entity_type, name_en, name_ar, n in self.con.execute(
            "SELECT doc_id, entity_id, entity_type, name_en, name_ar, n FROM ("
            "SELECT m.doc_id, m.entity_id, any_value(m.entity_type) AS entity_type, "
            "coalesce(any_value(e.name_en), '') AS name_en, coalesce(any_value(e.name_ar), "
            "any_value(p.name_ar), '') AS name_ar, count(*) AS n, "
            "row_number() OVER (PARTITION BY m.doc_id ORDER BY count(*) DESC, m.entity_id) AS rank "
            "FROM mentions m LEFT JOIN entities e USING (entity_id) "
            "LEFT JOIN provisional_entities p ON p.doc_id = m.doc_id AND p.entity_id = m.entity_id "
            "WHERE m.doc_id IN (SELECT unnest(?)) GROUP BY m.doc_id, m.entity_id) WHERE rank <= 12 "
            "ORDER BY doc_id, rank",
            [ids],
        ).fetchall():
            chips[doc_id].append(DocumentEntity(entity_id, entity_type, name_en, name_ar, int(n)))
        return Records(
            DocumentSummary(
                **r,
                lead=_lead(leads.get(r["doc_id"]) or ""),
                events=int(events.get(r["doc_id"], 0)),
                entities=tuple(chips[r["doc_id"]]),
            )
            for r in rows
        )

    def count_documents(self, since: str | None = None, until: str | None = None, entity: str | None = None) -> int:
        where, params = self._document_filters(since, until, entity)
        row = self.con.execute(f"SELECT count(*) FROM documents d WHERE {where}", params).fetchone()
        return int(row[0]) if row else 0

    def _document_filters(self, since: str | None, until: str | None, entity: str | None) -> tuple[str, list[Any]]:
        clauses, params = ["true"], []
        if since:
            clauses.append("d.published >= ?")
            params.append(date_low(since))
        if until:
            clauses.append("d.published <= ?")
            params.append(date_high(until))
        if entity:
            clauses.append("d.doc_id IN (SELECT doc_id FROM mentions WHERE entity_id = ?)")
            params.append(self._entity_id(entity))
        return " AND ".join(clauses), params

    # -- the network at a date -------------------------------------------------------------------
    def network(self, at: str, years: int = 3, include_events: bool = True) -> Network:
        """States and organizations at date ``at``: membership edges (state → organization,
        from the reference and articles), and interaction edges between the actors of events
        dated in the ``years`` before ``at`` (joint exercises, meetings, clashes, aid,
        sanctions …), weighted by reports."""
        high = date_high(at)
        since = f"{int(at[:4]) - years:04d}{at[4:]}" if years else at
        edges: list[Edge] = []
        low = date_low(at)
        statuses = NETWORK_STATUSES
        # every organization at once: the standing of each (member, organization) pair is its
        # latest period (reference) or report (articles) in force at the date
        standing = self.con.execute(
            "SELECT member, org, arg_max(status, start) FROM ("
            f"SELECT m.member, m.org, m.status, {low_sql('m.since')} AS start, m.until FROM memberships m "
            "WHERE m.origin = 'kb' AND m.since IS NOT NULL AND m.since <> '' "
            "UNION ALL "
            f"SELECT m.member, m.org, m.status, {_REPORTED_FROM} AS start, m.until FROM memberships m "
            "JOIN documents d USING (doc_id) WHERE m.origin = 'article' "
            "AND coalesce(nullif(m.since, ''), nullif(d.published, '')) IS NOT NULL"
            f") WHERE start <= ? AND (until IS NULL OR until = '' OR {low_sql('until')} > ?) GROUP BY member, org",
            [high, low],
        ).fetchall()
        edges.extend(
            Edge(member, org_id, "membership", 1.0, 0, status)
            for member, org_id, status in sorted(standing)
            if status in statuses
        )
        if include_events:
            weights = list(NETWORK_EVENT_WEIGHTS.items())
            cases = " ".join(f"WHEN '{t}' THEN {w}" for t, w in weights)  # constants, not user input
            rows = self.con.execute(
                "WITH taking_part AS (SELECT event_id, cluster_id, type, unnest(actor_ids) AS actor FROM events "
                f"WHERE type IN ({', '.join('?' for _ in weights)}) "
                f"AND modality IN ({', '.join('?' for _ in HAPPENED)}) AND date >= ? AND date <= ?) "
                f"SELECT a.actor, b.actor, a.type, sum(CASE a.type {cases} ELSE 0 END), count(DISTINCT a.cluster_id) "
                "FROM taking_part a JOIN taking_part b ON a.event_id = b.event_id AND a.actor < b.actor "
                "GROUP BY ALL ORDER BY 4 DESC, 1, 2",
                [*(t for t, _ in weights), *HAPPENED, since, high],
            ).fetchall()
            edges.extend(Edge(s, t, kind, float(w), int(n)) for s, t, kind, w, n in rows)
        node_ids = sorted({e.source for e in edges} | {e.target for e in edges})
        nodes = []
        for node_id in node_ids:
            entity = self.kb.entities.get(node_id)
            if entity is None:
                nodes.append(Node(node_id, "organization" if not node_id.isalpha() else "country", "", "", None, None))
                continue
            lat, lon = entity.lat, entity.lon
            if lat is None and entity.type == "country":
                capital = next((p for p in self.kb.entities.values() if p.capital_of == node_id), None)
                lat, lon = (capital.lat, capital.lon) if capital else (None, None)
            nodes.append(Node(node_id, entity.type, entity.name_en, entity.name_ar, lat, lon))
        return Network(at, since, tuple(nodes), tuple(edges))

    # -- search ----------------------------------------------------------------------------------
    def _named(self, query: str) -> str:
        """The entity the whole ``query`` is a name of in the knowledge base, in any of its
        languages and spellings (the preferred one of a shared name), else ""."""
        targets = self.kb.alias_index.get(normalize_key(query.strip()))
        return targets[0].entity_id if targets else ""

    def _mention_spans(self, entity: str, documents: list[str]) -> dict[str, list[tuple[int, int]]]:
        """Where each of ``documents`` names ``entity`` (sorted original offsets)."""
        spans: dict[str, list[tuple[int, int]]] = {}
        if not documents:
            return spans
        for doc_id, start, end in self.con.execute(
            "SELECT doc_id, start_char, end_char FROM mentions WHERE entity_id = ? AND doc_id IN (SELECT unnest(?)) "
            "ORDER BY doc_id, start_char",
            [entity, documents],
        ).fetchall():
            spans.setdefault(doc_id, []).append((start, end))
        return spans

    def search(
        self,
        query: str,
        since: str | None = None,
        until: str | None = None,
        entity: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> Records[SearchHit]:
        """Articles holding every word of ``query`` (matched across hamza, alef, ya and ta
        marbuta forms, diacritics, proclitics and a name's spellings), best first (BM25),
        each with its best sentence and the matched words marked. A query that is a name of
        the knowledge base («Tokayev», «ОДКБ», «توكاييف») also finds the articles that name its
        entity in any language and spelling, shown at the sentence that names it."""
        terms = parse_query(query)
        if not terms:
            raise QueryError("the search query has no words")
        named = self._named(query)
        keys = sorted({key for term in terms for key in term})
        # which term each key stands for (a key shared by two terms counts for the first)
        term_of = {key: next(i for i, term in enumerate(terms) if key in term) for key in keys}
        key_list = ", ".join("?" for _ in keys)
        term_case = "CASE key " + " ".join("WHEN ? THEN ?" for _ in keys) + " END"
        term_params: list[Any] = [x for key in keys for x in (key, term_of[key])]
        filters, filter_params = ["true"], []
        if since:
            date_low(since)
            filters.append("d.published >= ?")
            filter_params.append(since)
        if until:
            filters.append("d.published <= ?")
            filter_params.append(date_high(until))
        if entity:
            filters.append("d.doc_id IN (SELECT doc_id FROM mentions WHERE entity_id = ?)")
            filter_params.append(self._entity_id(entity))
        # 1. documents holding every term, scored by BM25 (the index is sorted by key, so the
        #    IN filter reads only the row groups of these keys)
        ranked = self._rows(
            f"WITH per_doc AS (SELECT doc_id, {term_case} AS term, sum(tf) AS tf FROM search_postings "
            f"WHERE key IN ({key_list}) GROUP BY ALL), "
            "stats AS (SELECT count(*) AS n, avg(n_tokens) AS avgdl FROM search_documents), "
            "df AS (SELECT term, count(*) AS df FROM per_doc GROUP BY term), "
            "scored AS (SELECT h.doc_id, count(*) AS matched, sum(ln(1 + (s.n - df.df + 0.5) / (df.df + 0.5)) "
            f"* h.tf * ({K1} + 1) / (h.tf + {K1} * (1 - {B} + {B} * sd.n_tokens / s.avgdl))) AS score "
            "FROM per_doc h JOIN df USING (term) JOIN search_documents sd USING (doc_id), stats s GROUP BY h.doc_id "
            "HAVING count(*) = ?), "
            # the articles that name the entity the query is a name of, in any language
            + (
                "named AS (SELECT doc_id, count(*) AS n FROM mentions WHERE entity_id = ? GROUP BY doc_id), "
                if named
                else "named AS (SELECT NULL::VARCHAR AS doc_id, 0 AS n WHERE false), "
            )
            + "merged AS (SELECT doc_id, sum(score) AS score, bool_or(by_words) AS by_words FROM ("
            "SELECT doc_id, score, true AS by_words FROM scored "
            "UNION ALL SELECT doc_id, ln(1 + n), false FROM named) GROUP BY doc_id) "
            "SELECT d.doc_id, d.rowid AS row, coalesce(d.title, '') AS title, coalesce(d.published, '') AS published, "
            "sc.score, sc.by_words "
            f"FROM merged sc JOIN documents d USING (doc_id) WHERE {' AND '.join(filters)} "
            "ORDER BY sc.score DESC, d.doc_id LIMIT ? OFFSET ?",
            [
                *term_params,
                *keys,
                len(terms),
                *([named] if named else []),
                *filter_params,
                _bounded(limit),
                _offset(offset),
            ],
        )
        if not ranked:
            return Records()
        # 2. the best sentence of each document shown: the most terms, then the most matches
        shown = [r["doc_id"] for r in ranked]
        texts = {  # by row id: DuckDB then reads just these texts, not every text around them
            r["doc_id"]: r["text"]
            for r in self._rows(
                "SELECT doc_id, text FROM documents WHERE rowid IN (SELECT unnest(?))", [[r["row"] for r in ranked]]
            )
        }
        spans: dict[str, list[tuple[int, int]]] = {doc_id: [] for doc_id in shown}
        for doc_id, start, end in self.con.execute(
            "SELECT doc_id, start_char, end_char FROM sentences WHERE doc_id IN (SELECT unnest(?)) ORDER BY doc_id, idx",
            [shown],
        ).fetchall():
            spans[doc_id].append((start, end))
        names = self._mention_spans(named, [r["doc_id"] for r in ranked if not r["by_words"]]) if named else {}
        rows = []
        for row in ranked:
            text = texts.get(row["doc_id"], "")
            named_at = names.get(row["doc_id"], [])
            if named_at:  # named in another language or spelling: the sentence of the first naming
                start, end = next(((a, b) for a, b in spans[row["doc_id"]] if a <= named_at[0][0] < b), (0, len(text)))
            else:
                start, end = best_sentence(text, spans[row["doc_id"]], terms)
            rows.append(row | {"start_char": start, "end_char": end, "snippet": text[start:end], "named": named_at})
        hits: Records[SearchHit] = Records()
        for row in rows:
            marked = highlight(row["snippet"] or "", terms)
            if row["named"]:
                start = int(row["start_char"] or 0)
                inside = tuple((a - start, b - start) for a, b in row["named"] if start <= a and b <= row["end_char"])
                marked = Highlighted(marked.text, inside)
            hits.append(
                SearchHit(
                    row["doc_id"],
                    row["title"],
                    row["published"],
                    round(float(row["score"]), 4),
                    marked.text,
                    marked.spans,
                    marked.html(),
                    int(row["start_char"] or 0),
                )
            )
        return hits


def _when_and_where(
    clauses: list[str], params: list[Any], alias: str, since: str | None, until: str | None, document: str | None
) -> None:
    """Date-range and document conditions on a table with ``date`` and ``doc_id`` columns
    (``alias`` is a constant of this module, never user input)."""
    if since:
        date_low(since)
        clauses.append(f"{alias}.date >= ?")
        params.append(since)
    if until:
        clauses.append(f"{alias}.date <= ?")
        params.append(date_high(until))
    if document:
        clauses.append(f"{alias}.doc_id = ?")
        params.append(document)


def _source(row: dict[str, Any]) -> Source:
    return Source(
        row["doc_id"],
        int(row["start_char"] or 0),
        int(row["end_char"] or 0),
        row["evidence"] or "",
        row.get("title") or "",
        row.get("published") or "",
        row.get("fact_id") or "",
        row.get("review") or "",
    )


def _lead(text: str, most: int = 140) -> str:
    """An article's first line, cut at a word when longer than ``most`` characters."""
    line = text.split("\n", 1)[0].strip()
    if len(line) <= most:
        return line
    cut = line.rfind(" ", 0, most)
    return line[: cut if cut > most // 2 else most] + "…"


def _offset(offset: int) -> int:
    if offset < 0 or offset > MAX_OFFSET:
        raise QueryError(f"offset {offset}: skip 0 to {MAX_OFFSET:,} answers")
    return offset


def _bounded(limit: int) -> int:
    if limit < 1 or limit > MAX_LIMIT:
        raise QueryError(f"limit {limit}: ask for 1 to {MAX_LIMIT} answers")
    return limit


def open(path: str | Path, include_rejected: bool = False) -> Marsad:
    """Open a store for questions: ``kb = marsad.open("marsad.duckdb")``; facts an analyst
    rejected are left out unless ``include_rejected``."""
    return Marsad(path, include_rejected=include_rejected)
