from __future__ import annotations

from importlib import resources

import pytest

from marsad.datafile import load_yaml
from marsad.indicators.definitions import DefinitionError, bundled_definitions, parse_definitions
from marsad.kb.loader import bundled_knowledge_base
from marsad.vocabulary import EVENT_TYPES

BUNDLED = resources.files("marsad.indicators").joinpath("definitions.yaml").read_text(encoding="utf-8")


def test_every_id_the_definitions_name_is_in_the_knowledge_base() -> None:
    definitions, kb = bundled_definitions(), bundled_knowledge_base()
    named = {*definitions.states, *definitions.formats, *(i for ids in definitions.partners.values() for i in ids)}
    assert sorted(i for i in named if i not in kb.entities) == []


def test_the_counted_types_are_event_types_and_none_counts_both_ways() -> None:
    definitions = bundled_definitions()
    assert set(definitions.counted_types) <= {t.name for t in EVENT_TYPES}
    assert not set(definitions.cooperation) & set(definitions.friction)


def _edited(**changes: object) -> str:
    import yaml

    raw = load_yaml(BUNDLED)
    raw.update(changes)
    return yaml.safe_dump(raw, allow_unicode=True)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_edited(colours=1), "unknown key"),
        (_edited(cooperation={"PICNIC": 1}), "PICNIC"),
        (_edited(cooperation={"MEETING": -1}), "positive number"),
        (_edited(friction={"MEETING": 1.0, "CLASH": 1.0}), "both cooperation and friction"),
        (_edited(partners={"RUS": []}), "partners.RUS"),
        (_edited(states="KAZ"), "'states' must be a list"),
        (_edited(absence_min_named=0), "absence_min_named"),
        ("- a list", "mapping"),
    ],
)
def test_a_malformed_file_names_the_key(text: str, message: str) -> None:
    with pytest.raises(DefinitionError, match=message):
        parse_definitions(text, "edited.yaml")


def test_the_bundled_file_parses() -> None:
    assert parse_definitions(BUNDLED).states == bundled_definitions().states
