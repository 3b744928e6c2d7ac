"""Typed records of the reference knowledge base."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a record was defined: the file and the 1-based line of its entry."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Role:
    office: str
    start: str
    end: str
    state: str = ""
    org: str = ""


@dataclass(frozen=True)
class Entity:
    """A state, organization, person or place, with every name it goes by."""

    id: str
    type: str  # country | organization | person | place
    name_en: str
    name_ar: str
    name_ru: str
    aliases: tuple[str, ...]
    origin: SourceRef
    country: str = ""
    kind: str = ""
    parent: str = ""
    valid_from: str = ""
    valid_until: str = ""
    nisba: tuple[str, ...] = ()
    demonym_plurals: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    lat: float | None = None
    lon: float | None = None
    capital_of: str = ""
    predecessor: str = ""  # a state: the one it succeeded, before its valid_from

    def names(self) -> tuple[str, ...]:
        """Canonical names followed by aliases, without empties."""
        return tuple(n for n in (self.name_ar, self.name_en, self.name_ru, *self.aliases) if n)


@dataclass(frozen=True, slots=True)
class Membership:
    member: str
    org: str
    status: str
    since: str
    until: str
    origin: SourceRef
    note: str = ""


@dataclass(frozen=True, slots=True)
class AliasRule:
    """How to read a surface form that names several entities."""

    alias: str
    prefer: str
    others: tuple[str, ...]
    origin: SourceRef
