"""The indicators' definitions (``definitions.yaml``), checked when they are read."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from marsad.datafile import load_yaml
from marsad.vocabulary import EVENT_TYPES

FILE = "definitions.yaml"
_KEYS = {
    "source": str,
    "licence": str,
    "states": list,
    "cooperation": dict,
    "friction": dict,
    "partners": dict,
    "formats": list,
    "activity": list,
    "absence_min_named": int,
    "figures": dict,
}


class DefinitionError(ValueError):
    """The indicators' definitions are malformed."""


@dataclass(frozen=True, slots=True)
class Definitions:
    states: tuple[str, ...]
    cooperation: dict[str, float]  # event type -> weight
    friction: dict[str, float]
    partners: dict[str, tuple[str, ...]]  # partner -> the ids that stand for it
    formats: tuple[str, ...]
    activity: tuple[str, ...]  # event types counted as a format's activity
    absence_min_named: int
    figures: dict[str, tuple[str, ...]]  # measure -> the figure kinds it gathers

    @property
    def counted_types(self) -> tuple[str, ...]:
        return (*self.cooperation, *self.friction)


def parse_definitions(text: str, name: str = FILE) -> Definitions:
    """The definitions in ``text``; :class:`DefinitionError` naming ``name`` and the key when
    a key is unknown or missing, a value of the wrong kind, an event type unknown."""
    raw = load_yaml(text)
    if not isinstance(raw, dict):
        raise DefinitionError(f"{name}: expected a mapping at the top level")
    unknown, missing = sorted(set(raw) - set(_KEYS)), sorted(set(_KEYS) - set(raw))
    if unknown:
        raise DefinitionError(f"{name}: unknown key(s) {unknown}; known: {sorted(_KEYS)}")
    if missing:
        raise DefinitionError(f"{name}: missing key(s) {missing}")
    for key, kind in _KEYS.items():
        if not isinstance(raw[key], kind) or isinstance(raw[key], bool):
            raise DefinitionError(f"{name}: '{key}' must be a {kind.__name__}, not {type(raw[key]).__name__}")
    types = {t.name for t in EVENT_TYPES}
    weights: dict[str, dict[str, float]] = {}
    for key in ("cooperation", "friction"):
        weights[key] = {}
        for event_type, weight in raw[key].items():
            if event_type not in types:
                raise DefinitionError(f"{name}: '{key}.{event_type}' is no event type; known: {sorted(types)}")
            if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
                raise DefinitionError(f"{name}: '{key}.{event_type}' must be a positive number, not {weight!r}")
            weights[key][event_type] = float(weight)
    both = sorted(set(weights["cooperation"]) & set(weights["friction"]))
    if both:
        raise DefinitionError(f"{name}: {both} count as both cooperation and friction")
    for event_type in raw["activity"]:
        if event_type not in types:
            raise DefinitionError(f"{name}: 'activity' lists {event_type!r}, no event type")
    if raw["absence_min_named"] < 1:
        raise DefinitionError(f"{name}: 'absence_min_named' must be at least 1")
    return Definitions(
        states=_ids(raw["states"], f"{name}: 'states'"),
        cooperation=weights["cooperation"],
        friction=weights["friction"],
        partners={str(k): _ids(v, f"{name}: 'partners.{k}'") for k, v in raw["partners"].items()},
        formats=_ids(raw["formats"], f"{name}: 'formats'"),
        activity=tuple(raw["activity"]),
        absence_min_named=raw["absence_min_named"],
        figures={str(k): _ids(v, f"{name}: 'figures.{k}'") for k, v in raw["figures"].items()},
    )


def _ids(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise DefinitionError(f"{where} must be a non-empty list of names")
    return tuple(value)


@lru_cache(maxsize=1)
def bundled_definitions() -> Definitions:
    return parse_definitions(resources.files("marsad.indicators").joinpath(FILE).read_text(encoding="utf-8"))
