"""Reviewing facts in a store: confirm, correct or reject one, and list the log with what
became of each review (applied to a fact, unmatched, or superseded by a later one)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from marsad.review.anchor import Anchor
from marsad.review.apply import apply, facts
from marsad.review.kinds import KINDS, FactKind, FieldType, kind_of
from marsad.review.log import FACT_ACTIONS, Review, append, in_force, new_review, read
from marsad.store.duck import Store
from marsad.values.partial_date import PartialDate
from marsad.vocabulary import VocabularyError, event_type, membership_status, modality

# an entity id's type («country», «person» …), None when no entity has the id
EntityType = Callable[[str], str | None]
# checks of a corrected value beyond its entity ids and dates: (kind, field) → check
_VOCABULARY: dict[tuple[str, str], Callable[[str], object]] = {
    ("event", "type"): event_type,
    ("event", "modality"): modality,
    ("membership", "status"): membership_status,
}


class ReviewError(ValueError):
    """A review that cannot be made as asked; the message says what to change."""


class UnknownFact(ReviewError):
    """No stored fact has the id given (404 over HTTP)."""


@dataclass(frozen=True, slots=True)
class Listed:
    review: Review
    state: str  # applied (to a stored fact), unmatched (no fact found at its anchor), superseded


def review_fact(
    store: Store,
    kind_name: str,
    fact_id: str,
    action: str,
    reviewer: str,
    reason: str,
    changes: Mapping[str, str] | None = None,
    entity_type: EntityType | None = None,
) -> Review:
    """Record a review of one stored fact and apply it: ``changes`` (field → value as typed:
    ``actors="KAZ,RUS"``) only with ``correct``."""
    if not reviewer.strip():
        raise ReviewError("a review needs a reviewer's name: give --reviewer NAME or set MARSAD_REVIEWER")
    if action not in FACT_ACTIONS:
        raise ReviewError(f"action {action!r}: use one of {', '.join(FACT_ACTIONS)}")
    try:
        kind = kind_of(kind_name)
    except ValueError as exc:
        raise ReviewError(str(exc)) from None
    found = facts(store.con, kind, fact_id=fact_id)
    if not found:
        raise UnknownFact(f"no {kind.name} {fact_id!r} in {store.path}: {_id_help(kind)}")
    if action == "correct" and not changes:
        raise ReviewError(f"a correction says what to set: --set FIELD=VALUE, a field of {', '.join(kind.field_names)}")
    if action != "correct" and changes:
        raise ReviewError(f"--set goes with `correct` only, not `{action}`")
    fact = found[0]
    before = dict(fact.fields)
    after = before | parse_changes(kind, changes or {}, entity_type)
    anchor = _anchor_carried(store, fact.review_id) or Anchor.of(fact)
    review = new_review(reviewer.strip(), action, anchor, fact.fact_id, before, after, reason.strip())
    with store._transaction():
        append(store.con, [review])
        apply(store.con, review, fact)
    return review


def parse_changes(kind: FactKind, changes: Mapping[str, str], entity_type: EntityType | None) -> dict[str, Any]:
    """Typed, checked field values from what was typed; ReviewError names a bad one."""
    parsed: dict[str, Any] = {}
    for name, raw in changes.items():
        try:
            field = kind.field(name)
        except KeyError:
            raise ReviewError(
                f"a {kind.name} has no field {name!r}: use one of {', '.join(kind.field_names)}"
            ) from None
        text = raw.strip()
        value: Any
        if field.type is FieldType.LIST:
            value = sorted({item.strip() for item in text.split(",") if item.strip()})
        elif field.type is FieldType.NUMBER:
            try:
                value = float(text)
            except ValueError:
                raise ReviewError(f"{name}={raw!r}: give a number") from None
        else:
            value = text or None
        for item in value if isinstance(value, list) else [value]:
            if item is None or isinstance(item, float):
                continue
            if field.entity and entity_type is not None and entity_type(item) is None:
                raise ReviewError(
                    f"{name}={raw!r}: no entity {item!r} in the knowledge base or the store (give its id)"
                )
            if field.date:
                try:
                    PartialDate.parse(item)
                except ValueError as exc:
                    raise ReviewError(f"{name}={raw!r}: {exc}") from None
            check = _VOCABULARY.get((kind.name, name))
            if check is not None:
                try:
                    check(item)
                except VocabularyError as exc:
                    raise ReviewError(f"{name}={raw!r}: {exc}") from None
        parsed[name] = value
    if kind.name == "mention" and parsed.get("entity") and "entity_type" not in parsed and entity_type is not None:
        parsed["entity_type"] = entity_type(parsed["entity"])  # a mention's type is its entity's
    return parsed


def listed(store: Store, unmatched_only: bool = False) -> list[Listed]:
    """The log, oldest first, each review with what became of it."""
    reviews = read(store.con)
    force = {review.review_id for review in in_force(reviews).values()}
    carried = {row[0] for row in store.con.execute("SELECT DISTINCT review_id FROM main.entity_merges").fetchall()}
    for kind in KINDS.values():
        carried.update(
            row[0]
            for row in store.con.execute(
                f"SELECT DISTINCT review_id FROM main.{kind.table} WHERE review_id IS NOT NULL AND {kind.where}"
            ).fetchall()
        )
    if any(r.action == "promote" for r in reviews):  # in force while the knowledge base holds its entry
        from marsad.kb.loader import knowledge_base

        known = knowledge_base().entities
        carried.update(r.review_id for r in reviews if r.action == "promote" and r.after.get("entity") in known)
    found = []
    for review in reviews:
        state = (
            "superseded" if review.review_id not in force else "applied" if review.review_id in carried else "unmatched"
        )
        if not unmatched_only or state == "unmatched":
            found.append(Listed(review, state))
    return found


def entity_types(store: Store) -> EntityType:
    """An entity id's type from the knowledge base (with the local overlay), else from the
    store's provisional entities."""
    from marsad.kb.loader import knowledge_base

    kb = knowledge_base()

    def entity_type(entity_id: str) -> str | None:
        known = kb.entities.get(entity_id)
        if known is not None:
            return known.type
        row = store.con.execute(
            "SELECT any_value(type) FROM provisional_entities WHERE entity_id = ?", [entity_id]
        ).fetchone()
        return str(row[0]) if row and row[0] else None

    return entity_type


def _anchor_carried(store: Store, review_id: str | None) -> Anchor | None:
    """The anchor of the review a fact carries: a second review of a fact already reviewed
    (maybe corrected) keeps pointing where the first did."""
    if not review_id:
        return None
    row = store.con.execute("SELECT doc_id FROM reviews WHERE review_id = ?", [review_id]).fetchone()
    if not row:
        return None
    return next((r.anchor for r in read(store.con, [row[0]]) if r.review_id == review_id), None)


def _id_help(kind: FactKind) -> str:
    shapes = {
        "event": "an event id looks like DOC:e3",
        "membership": "a membership id looks like DOC:m0",
        "figure": "a figure id looks like DOC:f1",
        "claim": "a claim id looks like DOC:c0",
        "mention": "a mention is named DOC:START-END",
    }
    return shapes[kind.name] + " (`marsad query … --json` shows each fact's fact_id)"
