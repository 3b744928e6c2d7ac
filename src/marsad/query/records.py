"""Typed answers of the query API; every list of them turns into a pandas DataFrame."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, is_dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Records(list[T], Generic[T]):
    """A list of answers; ``to_pandas()`` makes a DataFrame with one row per answer."""

    def to_pandas(self) -> Any:
        try:
            import pandas as pd
        except ImportError as exc:  # pandas is optional: notebooks have it, servers need not
            raise ImportError("to_pandas() needs pandas: pip install 'marsad[notebook]'") from exc
        return pd.DataFrame([asdict(r) if is_dataclass(r) else dict(r) for r in self])  # type: ignore[arg-type]

    def to_dicts(self) -> list[dict[str, Any]]:
        return [asdict(r) if is_dataclass(r) else dict(r) for r in self]  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Source:
    """Where an answer was read: the article, the span in its original text, the words."""

    doc_id: str
    start: int
    end: int
    evidence: str
    title: str = ""
    published: str = ""
    fact_id: str = ""  # the fact's id, to review it (`marsad review … KIND FACT_ID`); "" for the reference
    review: str = ""  # an analyst's review of it: confirmed, corrected, rejected; "" when none


@dataclass(frozen=True, slots=True)
class Member:
    """A state's standing in an organization at the date asked."""

    member: str
    name_en: str
    name_ar: str
    status: str  # member, founding-member, frozen, suspended, observer, ...
    since: str
    until: str
    origin: str  # kb: reference knowledge; article: only articles report it; kb+article: both
    note: str = ""  # the reference's note on the period
    sources: tuple[Source, ...] = ()  # articles that report it
    contradicts_reference: bool = False
    confidence: float | None = None  # of the surest article report; None when none reports it


@dataclass(frozen=True, slots=True)
class MembershipChange:
    """A join, freeze, suspension or withdrawal, from the reference or from an article."""

    date: str
    member: str
    org: str
    change: str  # joined, left, frozen, suspended, observer, ...
    status: str
    origin: str  # kb | article
    note: str = ""
    source: Source | None = None
    # where an article's date came from: «text» (the sentence states it) or «reference» (the
    # article's own date); "" for the reference knowledge
    date_source: str = ""
    confidence: float | None = None  # of an article's report; None for the reference


@dataclass(frozen=True, slots=True)
class EventReport:
    event_id: str
    source: Source
    date: str
    date_source: str
    modality: str
    rule: str
    confidence: float = 0.0  # how sure the extraction is of this report (0–1)


@dataclass(frozen=True, slots=True)
class EventCluster:
    """One real-world event with every article that reports it."""

    cluster_id: str
    type: str
    plover: str
    date: str
    modality: str
    actors: tuple[str, ...]
    agents: tuple[str, ...]
    place: str
    reports: tuple[EventReport, ...] = field(default_factory=tuple)
    confidence: float = 0.0  # its most confident report's
    date_source: str = ""  # where its date came from: text, context, anchored, reference (the article's)


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    claim_id: str
    speaker: str
    speaker_state: str
    verb: str
    date: str
    text: str
    about: tuple[str, ...]  # entities named in the claim
    event_id: str
    source: Source


@dataclass(frozen=True, slots=True)
class FigureRecord:
    what: str
    value: float
    unit: str
    actor: str
    source: Source


@dataclass(frozen=True, slots=True)
class Role:
    office: str
    state: str
    org: str
    since: str
    until: str


@dataclass(frozen=True, slots=True)
class Related:
    entity_id: str
    name_en: str
    name_ar: str
    documents: int  # articles that name both


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything the knowledge base knows of one entity."""

    entity_id: str
    type: str
    kind: str
    name_en: str
    name_ar: str
    name_ru: str
    aliases: tuple[str, ...]
    country: str
    roles: tuple[Role, ...]
    memberships: tuple[MembershipChange, ...]
    events: tuple[EventCluster, ...]
    claims: tuple[ClaimRecord, ...]
    related: tuple[Related, ...]
    mentioned_in: tuple[str, ...]  # document ids, most mentions first


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str
    kind: str  # event, membership, claim
    type: str
    summary: str
    entities: tuple[str, ...]
    source: Source | None


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    type: str  # country | organization
    name_en: str
    name_ar: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: str  # membership, or an event type (EXERCISE, MEETING, CLASH, AID, SANCTION, ...)
    weight: float
    events: int  # reports behind an interaction edge; 0 for membership
    status: str = ""  # the membership status


@dataclass(frozen=True, slots=True)
class Network:
    at: str
    since: str  # the window of interactions counted
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: str
    title: str
    published: str
    score: float
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # offsets in the snippet of the matched words
    snippet_html: str
    sentence_start: int  # where the snippet sentence starts in the article


@dataclass(frozen=True, slots=True)
class DocumentEntity:
    entity_id: str
    entity_type: str
    name_en: str
    name_ar: str
    mentions: int


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A stored article without its text: what a list of articles shows."""

    doc_id: str
    title: str
    source: str
    url: str
    published: str
    language: str
    n_chars: int
    lead: str  # its first line: what shows it when it has no title
    events: int  # event reports read in it
    entities: tuple[DocumentEntity, ...]  # the most mentioned first (at most 12)
