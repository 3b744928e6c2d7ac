"""Where an event took place, as coordinates from the knowledge base."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.kb.loader import KnowledgeBase


@dataclass(frozen=True, slots=True)
class Location:
    place: str  # the event's place id: a place or a state
    name_en: str
    name_ar: str
    lat: float
    lon: float
    located_by: str  # place: its own coordinates; capital: a state placed at its capital
    capital: str = ""  # the capital's id when located_by is "capital"


class Locator:
    """Coordinates of a place id: the place's own, else a state's capital's."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._entities = kb.entities
        self._capitals = {e.capital_of: e for e in kb.entities.values() if e.capital_of and e.lat is not None}

    def locate(self, place_id: str) -> Location | None:
        entity = self._entities.get(place_id) if place_id else None
        if entity is None:
            return None
        if entity.lat is not None and entity.lon is not None:
            return Location(entity.id, entity.name_en, entity.name_ar, entity.lat, entity.lon, "place")
        capital = self._capitals.get(entity.id) if entity.type == "country" else None
        if capital is None or capital.lon is None or capital.lat is None:
            return None  # a region without coordinates is not guessed from its state
        return Location(entity.id, entity.name_en, entity.name_ar, capital.lat, capital.lon, "capital", capital.id)
