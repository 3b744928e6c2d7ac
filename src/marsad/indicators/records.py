"""The indicators' answers; every list of them turns into a DataFrame (``Records``)."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.query.records import Source


@dataclass(frozen=True, slots=True)
class TieYear:
    """Security cooperation and friction of one state with one partner (a state, the EU) or
    within one format, in one year: counts of events, weighted scores and their balance,
    beside the articles of that year in the store (coverage, not a trend)."""

    state: str
    partner: str  # a partner's name (definitions.yaml) or a format id
    kind: str  # partner | format
    year: str
    cooperation: int  # events
    friction: int
    cooperation_score: float  # the events weighted by type (definitions.yaml)
    friction_score: float
    balance: float  # cooperation_score - friction_score
    by_type: tuple[tuple[str, int], ...]  # (event type, events), the most first
    articles: int  # articles of that year in the store
    cooperation_per_100: float | None  # per 100 articles of the year; None without any
    friction_per_100: float | None
    events: tuple[str, ...]  # the event clusters counted, by date


@dataclass(frozen=True, slots=True)
class MemberCount:
    member: str
    count: int
    events: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FormatYear:
    """What a format did in a year, and what its members did not: absences from the
    meetings whose participants the article lists, refusals, exits."""

    format: str
    year: str
    activity: tuple[tuple[str, int], ...]  # (event type, events)
    events: tuple[str, ...]  # the activity's event clusters
    absences: tuple[MemberCount, ...]  # members not named among a listed meeting's participants
    refusals: tuple[MemberCount, ...]  # REJECT events of a member with the format
    exits: tuple[MemberCount, ...]  # LEAVE events of a member with the format
    reference_changes: tuple[str, ...]  # the reference's changes that year: "ARM frozen 2024-02"
    articles: int


@dataclass(frozen=True, slots=True)
class FigurePoint:
    """A figure of a state's military spending, troops or arms deliveries, as one article
    gives it; ``usd`` where the same sentence gives the sum in US dollars too."""

    state: str
    measure: str  # a measure of definitions.yaml: military_spending, troops, arms_deliveries
    year: str
    value: float
    unit: str
    usd: float | None
    date_source: str  # text: its sentence dates it; reference: the article's date
    disputed: bool  # another article gives another value in the same unit for that year
    source: Source  # the figure's own words
    sentence: str = ""  # the sentence it stands in
