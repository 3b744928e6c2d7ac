"""The kinds of fact an analyst reviews, as a table: where each is stored, what identifies
it in its document, and which of its fields a review may correct.

Fact ids: an event «DOC:e3», a membership «DOC:m0», a figure «DOC:f1», a claim «DOC:c2» (as
the store numbers them), a mention «DOC:START-END» (its span).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any


class FieldType(Enum):
    TEXT = "text"  # a string, or None
    LIST = "list"  # a list of entity ids
    NUMBER = "number"  # a float


@dataclass(frozen=True, slots=True)
class Field:
    name: str  # as a review names it (`--set actors=KAZ,RUS`)
    column: str  # in the fact's table
    type: FieldType = FieldType.TEXT
    entity: bool = False  # holds entity ids (checked against the knowledge base)
    date: bool = False  # holds a partial date


@dataclass(frozen=True, slots=True)
class FactKind:
    name: str
    table: str
    id_sql: str  # SQL for the fact id (column names of `table`, constants: never user input)
    start: str  # the evidence span's columns
    end: str
    evidence: str  # the evidence text's column
    identity: tuple[str, ...]  # columns whose values must be equal for a fact to be found again
    at: tuple[str, str] | None  # the fact's own position, nearer than its evidence (an event's trigger)
    fields: tuple[Field, ...]  # what a review may correct
    where: str = "true"  # which rows of the table are facts of this kind

    def field(self, name: str) -> Field:
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)

    def select_sql(self) -> str:
        """The columns :func:`fact_from_row` reads, for ``SELECT … FROM {table}``."""
        at = f"{self.at[0]}, {self.at[1]}" if self.at else "NULL, NULL"
        columns = ", ".join(
            [
                f"{self.id_sql} AS fact_id",
                "doc_id",
                self.start,
                self.end,
                self.evidence,
                at,
                *(f"{column}" for column in self.identity),
                *(field.column for field in self.fields),
                "review",
                "review_id",
            ]
        )
        return f"SELECT {columns} FROM main.{self.table} WHERE {self.where}"  # the table, never a reader's view


KINDS: dict[str, FactKind] = {
    kind.name: kind
    for kind in (
        FactKind(
            "event", "events", "event_id", "start_char", "end_char", "evidence",
            identity=("type",), at=("trigger_start", "trigger_end"),
            fields=(
                Field("type", "type"),
                Field("actors", "actor_ids", FieldType.LIST, entity=True),
                Field("agents", "agent_ids", FieldType.LIST, entity=True),
                Field("date", "date", date=True),
                Field("place", "place", entity=True),
                Field("modality", "modality"),
            ),
        ),
        FactKind(
            "membership", "memberships", "membership_id", "start_char", "end_char", "evidence",
            identity=("member", "org", "status"), at=None, where="origin = 'article'",
            fields=(
                Field("member", "member", entity=True),
                Field("org", "org", entity=True),
                Field("status", "status"),
                Field("since", "since", date=True),
                Field("until", "until", date=True),
            ),
        ),
        FactKind(
            "figure", "figures", "figure_id", "start_char", "end_char", "evidence",
            identity=("value", "unit"), at=None,
            fields=(
                Field("what", "what"),
                Field("value", "value", FieldType.NUMBER),
                Field("unit", "unit"),
                Field("actor", "actor", entity=True),
            ),
        ),
        FactKind(
            "claim", "claims", "claim_id", "start_char", "end_char", "claim",
            identity=(), at=("start_char", "end_char"),
            fields=(
                Field("speaker", "speaker", entity=True),
                Field("speaker_state", "speaker_state", entity=True),
                Field("verb", "verb"),
                Field("date", "date", date=True),
            ),
        ),
        FactKind(
            "mention", "mentions", "doc_id || ':' || start_char || '-' || end_char", "start_char", "end_char", "text",
            identity=("text",), at=("start_char", "end_char"),
            fields=(Field("entity", "entity_id", entity=True), Field("entity_type", "entity_type")),
        ),
    )
}  # fmt: skip


def kind_of(name: str) -> FactKind:
    kind = KINDS.get(name)
    if kind is None:
        raise ValueError(f"no fact kind {name!r}: use one of {', '.join(KINDS)}")
    return kind


@dataclass(frozen=True, slots=True)
class Fact:
    """One stored fact as a review sees it."""

    kind: str
    fact_id: str
    doc_id: str
    start: int
    end: int
    evidence: str
    at: tuple[int, int] | None
    identity: dict[str, Any]
    fields: dict[str, Any]
    review: str | None
    review_id: str | None


def fact_from_row(kind: FactKind, row: tuple[Any, ...]) -> Fact:
    """A row of :meth:`FactKind.select_sql` as a :class:`Fact`."""
    fact_id, doc_id, start, end, evidence, at_start, at_end = row[:7]
    rest = list(row[7:])
    identity_values = rest[: len(kind.identity)]
    field_values = rest[len(kind.identity) : len(kind.identity) + len(kind.fields)]
    review, review_id = rest[-2:]
    identity = dict(zip(kind.identity, identity_values, strict=True))
    if kind.at is not None and at_start is not None and kind.name == "event":
        # an event is found again by its trigger's words, not only by its type
        identity["trigger"] = (evidence or "")[at_start - start : at_end - start]
    return Fact(
        kind.name,
        str(fact_id),
        str(doc_id),
        int(start or 0),
        int(end or 0),
        str(evidence or ""),
        (int(at_start), int(at_end)) if at_start is not None and at_end is not None else None,
        {key: _plain(value) for key, value in identity.items()},
        {field.name: _plain(value) for field, value in zip(kind.fields, field_values, strict=True)},
        review,
        review_id,
    )


def _plain(value: Any) -> Any:
    """A column's value as JSON keeps it (DuckDB lists come back as lists already)."""
    if isinstance(value, tuple):
        return list(value)
    return value
