"""Merging a provisional entity into a known one, or promoting it into the local knowledge
base: the review recorded in the log and applied to every document that names it
(``review/entities.py``); a promotion also writes its entry to the overlay
(``kb/overlay.py``), which the next extractions load."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from marsad.kb.loader import KnowledgeBase, KnowledgeBaseError, knowledge_base
from marsad.kb.model import Entity
from marsad.kb.overlay import overlay_entries, overlay_path, overlay_text, write_overlay
from marsad.review.entities import Provisional, apply_entity_reviews, merged_into, provisional
from marsad.review.log import Review, append, new_review
from marsad.review.service import ReviewError, UnknownFact
from marsad.store.duck import Store
from marsad.text.normalize import normalize_key

# what a promotion writes besides the names it is given: the keys of the type's file
PROMOTED_KEYS = ("id", "name_en", "name_ar", "name_ru", "country", "kind", "aliases", "roles")


def merge_entity(store: Store, entity_id: str, into: str, reviewer: str, reason: str) -> Review:
    """Merge the provisional entity ``entity_id`` into the known entity ``into`` (an id or a
    name of the knowledge base)."""
    found = _provisional(store, entity_id, reviewer)
    kb = knowledge_base()
    target = known_entity(kb, into)
    if target is None:
        raise ReviewError(f"no entity {into!r} in the knowledge base: give a known entity's id or name")
    if target.type != found.type:
        raise ReviewError(f"{entity_id} is a {found.type}, {target.id} a {target.type}: merge a {found.type}")
    return _record(store, "merge", found, {"entity": target.id}, reviewer, reason)


def promote_entity(
    store: Store, entity_id: str, fields: Mapping[str, Any], reviewer: str, reason: str
) -> tuple[Review, KnowledgeBase]:
    """Add the provisional entity ``entity_id`` to the local knowledge base as an entry of
    ``fields`` (id, names, country, roles …; the name it was read as is its Arabic name or an
    alias), checked as the bundled entries are; returns the review and the knowledge base
    with the entry."""
    found = _provisional(store, entity_id, reviewer)
    entry = promoted_entry(found, fields)
    path = overlay_path()
    entries = [e for e in overlay_entries(path) if not (isinstance(e, dict) and e.get("id") == entry["id"])]
    try:
        kb = _overlay_written(path, [*entries, entry])
    except KnowledgeBaseError as exc:
        raise ReviewError(f"the entry was not added to {path}: {exc}") from None
    review = _record(store, "promote", found, {"entity": entry["id"], "entry": entry}, reviewer, reason)
    store.sync_reference(kb)
    return review, kb


def _overlay_written(path: Path, entries: list[Any]) -> KnowledgeBase:
    """The knowledge base with the overlay at ``path`` holding ``entries``; when the checks
    refuse it (:class:`KnowledgeBaseError`), the overlay is left as it was."""
    before = path.read_text(encoding="utf-8") if path.is_file() else None
    write_overlay(path, overlay_text(entries, path))
    try:
        return knowledge_base()
    except KnowledgeBaseError:
        if before is None:
            path.unlink()
        else:
            write_overlay(path, before)
        raise


def adopt_promotions(store: Store, reviews: Iterable[Review]) -> list[str]:
    """The entries of promotions imported from another analyst's log, added to the local
    overlay where the knowledge base lacks their id; a problem for entries the checks refuse
    (then none is added)."""
    kb = knowledge_base()
    entries = {
        str(r.after["entry"]["id"]): dict(r.after["entry"])
        for r in reviews
        if r.action == "promote" and isinstance(r.after.get("entry"), dict) and r.after["entry"].get("id")
    }
    entries = {entry_id: entry for entry_id, entry in entries.items() if entry_id not in kb.entities}
    if not entries:
        return []
    path = overlay_path()
    try:
        kb = _overlay_written(path, [*overlay_entries(path), *entries.values()])
    except KnowledgeBaseError as exc:
        return [f"promotions of {', '.join(sorted(entries))}: not added to {path}: {exc}"]
    store.sync_reference(kb)
    return []


def promoted_entry(found: Provisional, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The overlay entry: the fields given, with the provisional entity's type, country and
    names where they are left out (its Arabic name, else an alias)."""
    given = {key: value for key, value in fields.items() if value not in (None, "", [])}
    unknown = sorted(set(given) - {"type", *PROMOTED_KEYS})
    if unknown:
        raise ReviewError(f"a promotion does not set {', '.join(unknown)}: use {', '.join(PROMOTED_KEYS)}")
    entity_type = str(given.pop("type", found.type))
    if entity_type != found.type:
        raise ReviewError(f"{found.entity_id} is a {found.type}: promote it as a {found.type}")
    if "id" not in given:
        raise ReviewError("a promotion needs the new entry's id (--id)")
    entry: dict[str, Any] = {"type": entity_type, **given}
    if found.country and "country" not in entry and entity_type in ("person", "organization"):
        entry["country"] = found.country
    if entry.get("country") and entry.get("roles"):  # an office held in the entity's own state
        entry["roles"] = [
            role
            if not isinstance(role, dict) or role.get("state") or role.get("org")
            else role | {"state": entry["country"]}
            for role in entry["roles"]
        ]
    written = [name for language, _, name in found.names if language == "ar"]
    if "name_ar" not in entry and written:
        entry["name_ar"] = written[0]
    named = {normalize_key(str(entry.get(k) or "")) for k in ("name_en", "name_ar", "name_ru")}
    aliases = list(entry.get("aliases") or [])
    for _, key, name in found.names:
        if key not in named and key not in {normalize_key(a) for a in aliases}:
            aliases.append(name)
    if aliases:
        entry["aliases"] = aliases
    return {key: entry[key] for key in ("type", *PROMOTED_KEYS) if key in entry}


def known_entity(kb: KnowledgeBase, value: str) -> Entity | None:
    """The entity of the knowledge base an id or a name («Tokayev», «توكاييف») names, when
    only one does."""
    text = value.strip()
    if text in kb.entities:
        return kb.entities[text]
    folded = text.casefold()
    for entity in kb.entities.values():
        if entity.id.casefold() == folded:
            return entity
    targets = kb.alias_index.get(normalize_key(text), ())
    return kb.entities.get(targets[0].entity_id) if len(targets) == 1 else None


def _provisional(store: Store, entity_id: str, reviewer: str) -> Provisional:
    if not reviewer.strip():
        raise ReviewError("a review needs a reviewer's name: give --reviewer NAME or set MARSAD_REVIEWER")
    found = provisional(store.con, entity_id)
    if found is None:
        into = merged_into(store.con, entity_id)
        if into:
            raise ReviewError(f"{entity_id} was merged into {into} already")
        raise UnknownFact(f"no provisional entity {entity_id!r} in {store.path} (`marsad kb candidates` lists them)")
    return found


def _record(store: Store, action: str, found: Provisional, after: dict[str, Any], reviewer: str, reason: str) -> Review:
    review = new_review(
        reviewer.strip(), action, found.anchor(), found.entity_id, {"entity": found.entity_id}, after, reason.strip()
    )
    with store._transaction():
        append(store.con, [review])
        apply_entity_reviews(store.con)
    return review
