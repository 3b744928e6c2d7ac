"""The closed sets of the domain — event types with their PLOVER category, modalities,
membership statuses, date sources, offices — read once from ``vocabulary.yaml``.

Every consumer (REST, queries, the store, the web app and its words) asks this module,
so a new event type or status is added in one file. The file is validated when it is
loaded: an unknown or missing field, a wrong type, a PLOVER category outside the PLOVER
set or a colour that is not ``#rrggbb`` raises :class:`VocabularyError` naming the file
and the entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, TypeVar

from marsad.datafile import load_yaml

FILE = "vocabulary.yaml"
_COLOUR = re.compile(r"^#[0-9a-f]{6}$")
_T = TypeVar("_T")


class VocabularyError(ValueError):
    """The vocabulary file is malformed, or a name is not in one of its sets."""


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    plover: str
    colour: str  # #rrggbb, as the web app draws it
    network_weight: float  # per report, on an interaction edge; 0: not an interaction


@dataclass(frozen=True, slots=True)
class Modality:
    name: str
    happened: bool  # the article states the event took place
    recorded: bool  # an event of the record: one that happened or is planned or proposed
    meaning: str


@dataclass(frozen=True, slots=True)
class MembershipStatus:
    name: str
    counts_as_member: bool
    in_network: bool
    in_reference: bool  # allowed in the reference knowledge's memberships
    change: str  # what a period starting with it is called in a history


@dataclass(frozen=True, slots=True)
class DateSource:
    name: str
    stated: bool  # the text gives the date for this event (not just the article's time)
    meaning: str


@dataclass(frozen=True, slots=True)
class Vocabulary:
    plover: tuple[str, ...]
    event_types: tuple[EventType, ...]
    modalities: tuple[Modality, ...]
    membership_statuses: tuple[MembershipStatus, ...]
    date_sources: tuple[DateSource, ...]
    offices: tuple[str, ...]


_FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "event_types": {"plover": str, "colour": str, "network_weight": (int, float)},
    "modalities": {"happened": bool, "recorded": bool, "meaning": str},
    "membership_statuses": {"counts_as_member": bool, "in_network": bool, "in_reference": bool, "change": str},
    "date_sources": {"stated": bool, "meaning": str},
}
_TOP = {"source", "licence", "plover", "offices", *_FIELDS}


def parse_vocabulary(text: str, name: str = FILE) -> Vocabulary:
    """The vocabulary written in ``text`` (``name`` is the file the errors name)."""
    data = load_yaml(text)
    if not isinstance(data, dict):
        raise VocabularyError(f"{name}: the top level must be a mapping")
    _exact_keys(data, _TOP, name)
    plover = _names(data["plover"], f"{name}: plover")
    event_types = _entries(data, "event_types", name, lambda n, e: EventType(n, **e))
    for event_type in event_types:
        where = f"{name}: event_types.{event_type.name}"
        if event_type.plover not in plover:
            raise VocabularyError(f"{where}: plover {event_type.plover!r} is not a PLOVER category {list(plover)}")
        if not _COLOUR.match(event_type.colour):
            raise VocabularyError(f"{where}: colour {event_type.colour!r} must be #rrggbb (lower case)")
        if isinstance(event_type.network_weight, bool) or event_type.network_weight < 0:
            raise VocabularyError(f"{where}: network_weight must be a number, 0 or more")
    return Vocabulary(
        plover=plover,
        event_types=event_types,
        modalities=_entries(data, "modalities", name, lambda n, e: Modality(n, **e)),
        membership_statuses=_entries(data, "membership_statuses", name, lambda n, e: MembershipStatus(n, **e)),
        date_sources=_entries(data, "date_sources", name, lambda n, e: DateSource(n, **e)),
        offices=_names(data["offices"], f"{name}: offices"),
    )


def _exact_keys(found: Mapping[str, Any], expected: Iterable[str], where: str) -> None:
    expected = set(expected)
    unknown, missing = sorted(set(found) - expected), sorted(expected - set(found))
    if unknown:
        raise VocabularyError(f"{where}: unknown key(s) {unknown}; allowed: {sorted(expected)}")
    if missing:
        raise VocabularyError(f"{where}: missing key(s) {missing}")


def _names(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise VocabularyError(f"{where}: must be a list of names")
    if len(set(value)) != len(value):
        raise VocabularyError(f"{where}: a name is listed twice")
    return tuple(value)


def _entries(
    data: dict[str, Any], section: str, name: str, build: Callable[[str, dict[str, Any]], _T]
) -> tuple[_T, ...]:
    entries = data[section]
    if not isinstance(entries, dict) or not entries:
        raise VocabularyError(f"{name}: {section} must be a mapping of names to their fields")
    fields = _FIELDS[section]
    built = []
    for entry_name, entry in entries.items():
        where = f"{name}: {section}.{entry_name}"
        if not isinstance(entry, dict):
            raise VocabularyError(f"{where}: must be a mapping of {sorted(fields)}")
        _exact_keys(entry, fields, where)
        for key, kind in fields.items():
            # a bool is an int to Python: 'true' is no weight, and 1 is no flag
            if not isinstance(entry[key], kind) or (kind is not bool and isinstance(entry[key], bool)):
                raise VocabularyError(f"{where}: {key} must be {_kind_name(kind)}, found {entry[key]!r}")
        built.append(build(str(entry_name), entry))
    return tuple(built)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    if kind is str:
        return "a string"
    return "true or false" if kind is bool else "a number"


def _bundled() -> Vocabulary:
    return parse_vocabulary(resources.files("marsad").joinpath(FILE).read_text(encoding="utf-8"))


VOCABULARY = _bundled()
PLOVER_CATEGORIES: tuple[str, ...] = VOCABULARY.plover
EVENT_TYPES: tuple[EventType, ...] = VOCABULARY.event_types
MODALITIES: tuple[Modality, ...] = VOCABULARY.modalities
MEMBERSHIP_STATUSES: tuple[MembershipStatus, ...] = VOCABULARY.membership_statuses
DATE_SOURCES: tuple[DateSource, ...] = VOCABULARY.date_sources
OFFICES: tuple[str, ...] = VOCABULARY.offices

EVENT_TYPE_NAMES: tuple[str, ...] = tuple(t.name for t in EVENT_TYPES)
MODALITY_NAMES: tuple[str, ...] = tuple(m.name for m in MODALITIES)
MEMBERSHIP_STATUS_NAMES: tuple[str, ...] = tuple(s.name for s in MEMBERSHIP_STATUSES)
DATE_SOURCE_NAMES: tuple[str, ...] = tuple(s.name for s in DATE_SOURCES)

_EVENT_TYPES = {t.name: t for t in EVENT_TYPES}
_MODALITIES = {m.name: m for m in MODALITIES}
_STATUSES = {s.name: s for s in MEMBERSHIP_STATUSES}
_DATE_SOURCES = {s.name: s for s in DATE_SOURCES}


def event_type(name: str) -> EventType:
    """The event type called ``name`` («MEETING»); VocabularyError if there is none."""
    return _lookup(_EVENT_TYPES, name, "event type")


def modality(name: str) -> Modality:
    return _lookup(_MODALITIES, name, "modality")


def membership_status(name: str) -> MembershipStatus:
    return _lookup(_STATUSES, name, "membership status")


def date_source(name: str) -> DateSource:
    return _lookup(_DATE_SOURCES, name, "date source")


def _lookup(table: dict[str, _T], name: str, what: str) -> _T:
    found = table.get(name)
    if found is None:
        raise VocabularyError(f"no {what} {name!r} in {FILE}: one of {list(table)}")
    return found


def is_stated(source: str) -> bool:
    """Whether a date from ``source`` was stated for its event. A source this vocabulary
    does not know (an empty column of an old store) counts as stated, as it always has."""
    found = _DATE_SOURCES.get(source)
    return found is None or found.stated


def membership_change(status: str) -> str:
    """What a membership history calls a period starting with ``status`` («joined» for a
    member); a status outside the vocabulary is named as it is."""
    found = _STATUSES.get(status)
    return found.change if found else status


def member_statuses() -> tuple[str, ...]:
    """The statuses that make a state a member at a date (frozen and suspended included)."""
    return tuple(s.name for s in MEMBERSHIP_STATUSES if s.counts_as_member)


def network_statuses() -> tuple[str, ...]:
    """The standings drawn as membership edges of the alliance network."""
    return tuple(s.name for s in MEMBERSHIP_STATUSES if s.in_network)


def recorded_modalities() -> frozenset[str]:
    """The modalities of the events kept: not a negated or a hypothetical one."""
    return frozenset(m.name for m in MODALITIES if m.recorded)


def happened_modalities() -> tuple[str, ...]:
    """The modalities of events the article states took place."""
    return tuple(m.name for m in MODALITIES if m.happened)


def network_weights() -> dict[str, float]:
    """Event type → weight of one report on an interaction edge, for the types that count."""
    return {t.name: float(t.network_weight) for t in EVENT_TYPES if t.network_weight > 0}
