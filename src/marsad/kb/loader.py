"""Load and validate the reference knowledge files.

Validation follows ``data/schema.yaml``: unknown or missing keys, wrong types, dates out
of order, dangling references and a surface form naming two entities without a rule in
``alias_rules.yaml`` are all rejected with the file and line of the offending entry.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from marsad.datafile import compose_yaml, load_yaml
from marsad.kb.inflections import INFLECTION, function_words, inflected_names
from marsad.kb.model import AliasRule, Entity, Membership, Role, SourceRef
from marsad.kb.overlay import overlay_digest, overlay_path
from marsad.text.normalize import normalize_key
from marsad.values.partial_date import PartialDate, dates_ordered
from marsad.vocabulary import MEMBERSHIP_STATUSES, OFFICES

_JOINER = re.compile(r"\s*([-+])\s*")


class KnowledgeBaseError(ValueError):
    """A knowledge file is malformed; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class AliasTarget:
    entity_id: str
    form: str  # name | alias | nisba | demonym
    surface: str
    case_sensitive: bool


@dataclass(frozen=True)
class KnowledgeBase:
    version: str
    entities: dict[str, Entity]
    memberships: tuple[Membership, ...]
    alias_index: dict[str, tuple[AliasTarget, ...]]
    alias_rules: dict[str, AliasRule]
    common_words: frozenset[str] = frozenset()

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def of_type(self, entity_type: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.type == entity_type]


class _FileReader:
    """Validates the entries of one knowledge file against its schema."""

    def __init__(self, name: str, text: str, spec: dict[str, Any], role_spec: dict[str, Any]) -> None:
        self.name = name
        self.spec = spec
        self.role_spec = role_spec
        try:
            root = compose_yaml(text)
            data = load_yaml(text)
        except yaml.YAMLError as exc:
            raise KnowledgeBaseError(f"{name}: not valid YAML: {exc}") from exc
        if not isinstance(data, dict) or set(data) != {"source", "licence", "entries"}:
            found = sorted(data) if isinstance(data, dict) else type(data).__name__
            raise KnowledgeBaseError(f"{name}:1: top level must have exactly source, licence, entries; found {found}")
        if not isinstance(data["entries"], list):
            raise KnowledgeBaseError(f"{name}:1: 'entries' must be a list")
        entries_node = next(v for k, v in root.value if k.value == "entries")
        self.items: list[tuple[dict[str, Any], SourceRef]] = [
            (entry, SourceRef(name, node.start_mark.line + 1))
            for entry, node in zip(data["entries"], entries_node.value, strict=True)
        ]

    @classmethod
    def of_items(
        cls, name: str, spec: dict[str, Any], role_spec: dict[str, Any], items: list[tuple[dict[str, Any], SourceRef]]
    ) -> _FileReader:
        """A reader of entries already read (those of one type in the overlay)."""
        reader = cls.__new__(cls)
        reader.name, reader.spec, reader.role_spec, reader.items = name, spec, role_spec, items
        return reader

    def fail(self, where: SourceRef, message: str) -> KnowledgeBaseError:
        return KnowledgeBaseError(f"{where}: {message}")

    def check(self, entry: Any, where: SourceRef, keys: dict[str, Any]) -> None:
        if not isinstance(entry, dict):
            raise self.fail(where, f"an entry must be a mapping, found {type(entry).__name__}")
        unknown = sorted(set(entry) - set(keys))
        if unknown:
            raise self.fail(where, f"unknown key(s) {unknown}; allowed: {sorted(keys)}")
        for key, rule in keys.items():
            value = entry.get(key)
            if value is None or (value == "" and rule["type"] != "date"):
                if rule.get("required") and value is None:
                    raise self.fail(where, f"missing required key '{key}'")
                continue
            self._check_value(key, value, rule, where)

    def _check_value(self, key: str, value: Any, rule: dict[str, Any], where: SourceRef) -> None:
        kind = rule["type"]
        if kind == "str" and not isinstance(value, str):
            raise self.fail(where, f"'{key}' must be a string, found {value!r}")
        if kind == "date" and not (value == "" or (isinstance(value, str) and PartialDate.is_valid(value))):
            raise self.fail(where, f"'{key}' must be a quoted date YYYY, YYYY-MM or YYYY-MM-DD, found {value!r}")
        if kind == "float":
            if not isinstance(value, int | float):
                raise self.fail(where, f"'{key}' must be a number, found {value!r}")
            if not rule.get("min", -1e18) <= value <= rule.get("max", 1e18):
                raise self.fail(where, f"'{key}' = {value} is outside [{rule.get('min')}, {rule.get('max')}]")
        if kind == "list" and not (isinstance(value, list) and all(isinstance(v, str) and v for v in value)):
            raise self.fail(where, f"'{key}' must be a list of non-empty strings")
        if kind == "roles":
            if not isinstance(value, list) or not value:
                raise self.fail(where, f"'{key}' must be a non-empty list of roles")
            for role in value:
                self.check(role, where, self.role_spec["keys"])
                if not dates_ordered(role["start"], role["end"]):
                    raise self.fail(
                        where, f"role {role['office']} ends ({role['end']}) before it starts ({role['start']})"
                    )
        allowed = _allowed(rule)
        if allowed is not None and value not in allowed:
            raise self.fail(where, f"'{key}' = {value!r} is not one of {allowed}")
        if "pattern" in rule and not re.match(rule["pattern"], value):
            raise self.fail(where, f"'{key}' = {value!r} does not match {rule['pattern']}")


# Closed sets the schema names instead of listing them (``vocabulary: <set>``): the
# vocabulary module is where every consumer reads them.
_VOCABULARY_SETS: dict[str, list[str]] = {
    "membership_statuses": [s.name for s in MEMBERSHIP_STATUSES if s.in_reference],
    "offices": list(OFFICES),
}


def _allowed(rule: dict[str, Any]) -> list[str] | None:
    if "vocabulary" in rule:
        return _VOCABULARY_SETS[rule["vocabulary"]]
    return rule.get("enum")


def _text(entry: dict[str, Any], key: str) -> str:
    return str(entry.get(key) or "")


def _entity(entry: dict[str, Any], entity_type: str, where: SourceRef) -> Entity:
    roles = tuple(
        Role(office=r["office"], start=r["start"], end=r["end"], state=r.get("state") or "", org=r.get("org") or "")
        for r in entry.get("roles") or ()
    )
    return Entity(
        id=entry["id"],
        type=entity_type,
        name_en=entry["name_en"],
        name_ar=entry["name_ar"],
        name_ru=_text(entry, "name_ru"),
        aliases=tuple(entry.get("aliases") or ()),
        origin=where,
        country=_text(entry, "country"),
        kind=_text(entry, "kind"),
        parent=_text(entry, "parent"),
        valid_from=_text(entry, "valid_from") or _text(entry, "founded"),
        valid_until=_text(entry, "valid_until") or _text(entry, "dissolved"),
        nisba=tuple(entry.get("nisba") or ()),
        demonym_plurals=tuple(entry.get("demonym_plurals") or ()),
        roles=roles,
        lat=entry.get("lat"),
        lon=entry.get("lon"),
        capital_of=_text(entry, "capital_of"),
        predecessor=_text(entry, "predecessor"),
    )


def _is_acronym(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return bool(letters) and not any("\u0600" <= c <= "\u06ff" for c in letters) and surface.upper() == surface


def _surface_forms(entity: Entity, nisba_suffixes: list[str]) -> list[tuple[str, str]]:
    forms = [(name, "name") for name in (entity.name_ar, entity.name_en, entity.name_ru) if name]
    forms += [(alias, "alias") for alias in entity.aliases]
    forms += [(base + suffix, "nisba") for base in entity.nisba for suffix in nisba_suffixes]
    forms += [(plural, "demonym") for plural in entity.demonym_plurals]
    return forms


def _build_alias_index(
    entities: dict[str, Entity], rules: dict[str, AliasRule], nisba_suffixes: list[str]
) -> dict[str, tuple[AliasTarget, ...]]:
    index: dict[str, dict[str, AliasTarget]] = defaultdict(dict)
    for entity in entities.values():
        for surface, form in _surface_forms(entity, nisba_suffixes):
            key = normalize_key(surface)
            # «C5+1» is also written «C5 + 1», «الصين – آسيا الوسطى» also «الصين-آسيا الوسطى»
            for variant in {key, _JOINER.sub(r"\1", key), _JOINER.sub(r" \1 ", key)}:
                if variant and entity.id not in index[variant]:
                    index[variant][entity.id] = AliasTarget(entity.id, form, surface, _is_acronym(surface))
    conflicts = []
    out: dict[str, tuple[AliasTarget, ...]] = {}
    for key, targets in index.items():
        if len(targets) > 1:
            rule = rules.get(key)
            if rule is None or set(targets) - {rule.prefer, *rule.others}:
                where = ", ".join(f"{t} ({entities[t].origin})" for t in sorted(targets))
                conflicts.append(f"alias «{key}» names {where}")
                continue
            ordered = [targets[rule.prefer], *(t for i, t in sorted(targets.items()) if i != rule.prefer)]
            out[key] = tuple(ordered)
        else:
            out[key] = tuple(targets.values())
    if conflicts:
        shown = "\n  ".join(conflicts[:20])
        more = f"\n  ... and {len(conflicts) - 20} more" if len(conflicts) > 20 else ""
        raise KnowledgeBaseError(
            f"{len(conflicts)} surface form(s) name two entities and alias_rules.yaml has no rule for them:\n  "
            f"{shown}{more}\nAdd a rule (alias, prefer, others, why) or remove the alias from one entry."
        )
    return out


def _with_inflections(
    index: dict[str, tuple[AliasTarget, ...]], entities: dict[str, Entity]
) -> dict[str, tuple[AliasTarget, ...]]:
    """``index`` with the inflected forms of its names (kb/inflections.py) where no written
    name holds the form and only one entity generates it."""
    out = dict(index)
    for key, sources in inflected_names(entities).items():
        if key in out or len(sources) != 1:
            continue
        ((entity_id, surface),) = sources.items()
        out[key] = (AliasTarget(entity_id, INFLECTION, surface, False),)
    return out


def _resolve_ref(value: str, target_type: str, entities: dict[str, Entity]) -> bool:
    entity = entities.get(value)
    return entity is not None and (target_type == "any" or entity.type == target_type)


def _overlay_readers(path: Path, schema: dict[str, Any]) -> dict[str, _FileReader]:
    """The overlay's entries, a reader per entity type: each entry checked with the keys of
    its type's file and ``type``."""
    files = {spec["entity_type"]: (name, spec) for name, spec in schema["files"].items() if spec.get("entity_type")}
    text = path.read_text(encoding="utf-8")
    whole = _FileReader(str(path), text, {"keys": {}}, schema["roles"])
    by_type: dict[str, list[tuple[dict[str, Any], SourceRef]]] = defaultdict(list)
    for entry, where in whole.items:
        entity_type = str(entry.get("type")) if isinstance(entry, dict) else ""
        if entity_type not in files:
            raise whole.fail(where, f"'type' must be one of {sorted(files)}, found {entity_type!r}")
        by_type[entity_type].append((entry, where))
    readers: dict[str, _FileReader] = {}
    for entity_type, items in by_type.items():
        spec = files[entity_type][1]
        type_rule = {"type": "str", "required": True, "enum": [entity_type]}
        keys = {"type": type_rule, **spec["keys"]}
        readers[f"{path}#{entity_type}"] = _FileReader.of_items(
            str(path), spec | {"keys": keys}, schema["roles"], items
        )
    return readers


def load_knowledge_base(directory: Path | Traversable | None = None, overlay: Path | None = None) -> KnowledgeBase:
    """Read, validate and index the knowledge files in ``directory`` (default: the bundled
    data), and the entries of a local ``overlay`` file on top of them (``kb/overlay.py``),
    checked alike: a name an overlay entry shares with another entity is reported as a
    bundled file's would be."""
    root: Path | Traversable = directory if directory is not None else resources.files("marsad.kb").joinpath("data")
    schema = load_yaml(root.joinpath("schema.yaml").read_text(encoding="utf-8"))
    catalogue = load_yaml(root.joinpath("catalogue.yaml").read_text(encoding="utf-8"))
    morphology = load_yaml(root.joinpath("morphology.yaml").read_text(encoding="utf-8"))
    readers = {}
    for name in catalogue["files"]:
        if name not in schema["files"]:
            raise KnowledgeBaseError(f"catalogue.yaml lists {name}, which schema.yaml does not describe")
        text = root.joinpath(name).read_text(encoding="utf-8")
        readers[name] = _FileReader(name, text, schema["files"][name], schema["roles"])
    version = str(catalogue["version"])
    if overlay is not None and overlay_digest(overlay) is not None:
        readers |= _overlay_readers(overlay, schema)
        version += f"+overlay-{overlay_digest(overlay)[:12]}"  # type: ignore[index]

    # Pass 1: shapes and entities.
    entities: dict[str, Entity] = {}
    for reader in readers.values():
        keys = reader.spec["keys"]
        for entry, where in reader.items:
            reader.check(entry, where, keys)
            entity_type = reader.spec.get("entity_type")
            if entity_type is None:
                continue
            entity = _entity(entry, entity_type, where)
            if entity.id in entities:
                raise reader.fail(where, f"id {entity.id!r} is already defined at {entities[entity.id].origin}")
            if not dates_ordered(entity.valid_from, entity.valid_until):
                raise reader.fail(
                    where, f"{entity.id} ends ({entity.valid_until}) before it begins ({entity.valid_from})"
                )
            entities[entity.id] = entity

    # Pass 2: references, memberships, alias rules.
    memberships: list[Membership] = []
    rules: dict[str, AliasRule] = {}
    common_words: set[str] = set()
    for name, reader in readers.items():
        keys = reader.spec["keys"]
        for entry, where in reader.items:
            _check_refs(reader, entry, where, keys, entities)
            for role in entry.get("roles") or ():
                _check_refs(reader, role, where, schema["roles"]["keys"], entities)
            if name == "memberships.yaml":
                if not dates_ordered(entry["since"], entry["until"]):
                    raise reader.fail(where, f"membership of {entry['member']} in {entry['org']} ends before it begins")
                memberships.append(
                    Membership(
                        entry["member"],
                        entry["org"],
                        entry["status"],
                        entry["since"],
                        entry["until"],
                        where,
                        _text(entry, "note"),
                    )
                )
            elif name == "common_words.yaml":
                common_words.add(normalize_key(entry["form"]))
            elif name == "alias_rules.yaml":
                for other in entry["others"]:
                    if other not in entities:
                        raise reader.fail(where, f"'others' names unknown entity {other!r}")
                rules[normalize_key(entry["alias"])] = AliasRule(
                    entry["alias"], entry["prefer"], tuple(entry["others"]), where
                )
    index = _build_alias_index(entities, rules, morphology["nisba_suffixes"])
    index = _with_inflections(index, entities)
    # A name that is also an everyday word («كيف» how / Kyiv) is never matched alone; nor
    # is a language's function word («того», «или»).
    never = common_words | function_words()
    index = {key: targets for key, targets in index.items() if key not in never}
    return KnowledgeBase(version, entities, tuple(memberships), index, rules, frozenset(common_words))


def _check_refs(
    reader: _FileReader, entry: dict[str, Any], where: SourceRef, keys: dict[str, Any], entities: dict[str, Entity]
) -> None:
    for key, rule in keys.items():
        value = entry.get(key)
        if "ref" in rule and value and not _resolve_ref(value, rule["ref"], entities):
            raise reader.fail(where, f"'{key}' = {value!r} is not a known {rule['ref']} id")


@lru_cache(maxsize=1)
def bundled_knowledge_base() -> KnowledgeBase:
    """The knowledge base shipped with the package, loaded once per process: from the
    compiled copy on disk when one matches the knowledge files (``kb/cache.py``)."""
    from marsad.kb.cache import cached_knowledge_base

    return cached_knowledge_base(resources.files("marsad.kb").joinpath("data"), load_knowledge_base)


def knowledge_base() -> KnowledgeBase:
    """The knowledge base extractions use: the bundled one with the local overlay on top
    (``kb/overlay.py``) when there is one. Loaded once per overlay content: an overlay
    changed (a promotion) is read again by the next call."""
    path = overlay_path()
    digest = overlay_digest(path)
    if digest is None:
        return bundled_knowledge_base()
    return _with_overlay(str(path), digest)


@lru_cache(maxsize=4)
def _with_overlay(path: str, digest: str) -> KnowledgeBase:
    from marsad.kb.cache import cached_knowledge_base

    root = resources.files("marsad.kb").joinpath("data")
    return cached_knowledge_base(root, lambda: load_knowledge_base(None, Path(path)), extra=digest)
