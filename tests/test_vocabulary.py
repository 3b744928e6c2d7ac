"""The vocabulary is the one list of the domain's closed sets: every consumer has an entry
for every name in it (a label, a colour, a weight …), and a malformed file says where."""

from __future__ import annotations

import typing
from importlib import resources

import pytest

from marsad import vocabulary
from marsad.datafile import load_yaml
from marsad.vocabulary import (
    DATE_SOURCE_NAMES,
    EVENT_TYPE_NAMES,
    EVENT_TYPES,
    MEMBERSHIP_STATUS_NAMES,
    MODALITY_NAMES,
    OFFICES,
    PLOVER_CATEGORIES,
    VocabularyError,
    event_type,
    parse_vocabulary,
)


def _data(package: str, name: str) -> typing.Any:
    return load_yaml(resources.files(package).joinpath(name).read_text(encoding="utf-8"))


I18N = _data("marsad.web", "i18n.yaml")
EVENTS = _data("marsad.lang.ar", "data/events.yaml")
KB_SCHEMA = _data("marsad.kb", "data/schema.yaml")
TITLES = _data("marsad.lang.ar", "data/titles.yaml")
BUNDLED = resources.files("marsad").joinpath("vocabulary.yaml").read_text(encoding="utf-8")


# -- every consumer has every name -------------------------------------------------------------
@pytest.mark.parametrize("name", EVENT_TYPE_NAMES)
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_event_type_has_a_label(name: str, lang: str) -> None:
    assert I18N["event_types"][name][lang].strip()


@pytest.mark.parametrize("name", MODALITY_NAMES)
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_modality_has_a_label(name: str, lang: str) -> None:
    assert I18N["modalities"][name][lang].strip()


@pytest.mark.parametrize("name", MEMBERSHIP_STATUS_NAMES)
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_membership_status_has_a_label(name: str, lang: str) -> None:
    assert I18N["membership_statuses"][name][lang].strip()


@pytest.mark.parametrize("section", ["event_types", "modalities", "membership_statuses"])
def test_the_interface_labels_nothing_the_vocabulary_lacks(section: str) -> None:
    names = {"event_types": EVENT_TYPE_NAMES, "modalities": MODALITY_NAMES}.get(section, MEMBERSHIP_STATUS_NAMES)
    assert set(I18N[section]) == set(names)


@pytest.mark.parametrize("name", EVENT_TYPE_NAMES)
def test_every_event_type_has_a_plover_category_a_colour_and_a_weight(name: str) -> None:
    found = event_type(name)
    assert found.plover in PLOVER_CATEGORIES
    assert found.colour.startswith("#") and len(found.colour) == 7
    assert found.network_weight >= 0


def test_extraction_writes_the_vocabularys_event_types_and_categories() -> None:
    """The Arabic pack's lexicon has triggers for every type, and extraction writes each
    type's PLOVER category from the vocabulary (a STATEMENT may refine it)."""
    from marsad.extract.lexicon import load_event_lexicon
    from marsad.lang import language_pack

    assert list(EVENTS["types"]) == list(EVENT_TYPE_NAMES)
    lexicon = load_event_lexicon(language_pack("ar"))
    assert lexicon.plover == {t.name: t.plover for t in EVENT_TYPES}


def test_extraction_refines_statements_and_modalities_within_the_vocabulary() -> None:
    assert set(EVENTS["statement_plover"]) <= set(PLOVER_CATEGORIES)
    assert set(EVENTS["modality"]) | set(EVENTS["trigger_modality"].values()) <= set(MODALITY_NAMES)


def test_the_knowledge_schema_takes_statuses_and_offices_from_the_vocabulary() -> None:
    assert KB_SCHEMA["files"]["memberships.yaml"]["keys"]["status"]["vocabulary"] == "membership_statuses"
    assert KB_SCHEMA["roles"]["keys"]["office"]["vocabulary"] == "offices"


def test_the_titles_extraction_knows_name_vocabulary_offices() -> None:
    assert set(TITLES["offices"]) <= set(OFFICES)


def test_rest_accepts_the_vocabularys_event_types_and_modalities() -> None:
    from marsad.web.api import events

    assert typing.get_args(events.EventType) == EVENT_TYPE_NAMES
    assert events.MODALITY_PATTERN == "^(asserted|planned|proposed|denied|hypothetical)$"


def test_the_network_weighs_what_the_queries_weighed() -> None:
    from marsad.query.api import MEMBER_STATUSES, NETWORK_EVENT_WEIGHTS, NETWORK_STATUSES

    assert NETWORK_EVENT_WEIGHTS == {
        "EXERCISE": 1.0,
        "MEETING": 0.5,
        "AGREEMENT": 1.0,
        "CLASH": 1.0,
        "AID": 1.0,
        "SANCTION": 1.0,
        "DEPLOYMENT": 1.0,
        "CEASEFIRE": 0.5,
        "JOIN": 1.0,
        "LEAVE": 1.0,
    }
    assert set(MEMBER_STATUSES) == {"member", "founding-member", "frozen", "suspended"}
    assert set(NETWORK_STATUSES) == {*MEMBER_STATUSES, "observer"}


def test_the_web_app_draws_the_vocabularys_colours() -> None:
    from marsad.web.pages import templates

    assert templates.env.globals["event_colours"] == {t.name: t.colour for t in EVENT_TYPES}
    script = resources.files("marsad.web").joinpath("static/js/common.js").read_text(encoding="utf-8")
    css = resources.files("marsad.web").joinpath("static/marsad.css").read_text(encoding="utf-8")
    for t in EVENT_TYPES:  # no list of their own left behind
        assert t.name not in script
        assert f"--{t.name}:" not in css and f".type-{t.name}" not in css


# -- lookups and helpers ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lookup", "name"),
    [
        (vocabulary.event_type, "WAR"),
        (vocabulary.modality, "rumoured"),
        (vocabulary.membership_status, "ally"),
        (vocabulary.date_source, "guess"),
    ],
)
def test_a_name_outside_the_vocabulary_is_refused_with_the_set(
    lookup: typing.Callable[[str], object], name: str
) -> None:
    with pytest.raises(VocabularyError, match=f"{name!r} in vocabulary.yaml: one of"):
        lookup(name)


@pytest.mark.parametrize(
    ("source", "stated"), [("text", True), ("context", True), ("anchored", True), ("reference", False), ("", True)]
)
def test_only_the_articles_own_time_is_not_stated(source: str, stated: bool) -> None:
    assert vocabulary.is_stated(source) is stated


@pytest.mark.parametrize(
    ("status", "change"), [("member", "joined"), ("founding-member", "joined"), ("frozen", "frozen"), ("", "")]
)
def test_membership_change(status: str, change: str) -> None:
    assert vocabulary.membership_change(status) == change


def test_date_sources_are_those_extraction_writes() -> None:
    assert set(DATE_SOURCE_NAMES) == {"text", "context", "anchored", "reference"}


def test_the_accessors_are_frozen() -> None:
    with pytest.raises(AttributeError):
        event_type("MEETING").plover = "FIGHT"  # type: ignore[misc]
    assert isinstance(EVENT_TYPES, tuple) and isinstance(OFFICES, tuple)


# -- a malformed file says where -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("MEETING: {plover: CONSULT,", "MEETING: {plover: CHAT,", r"event_types\.MEETING: plover 'CHAT'"),
        ('colour: "#2563eb"', 'colour: "blue"', r"event_types\.MEETING: colour 'blue'"),
        ("network_weight: 0.5}", "network_weight: 0.5, size: 3}", r"event_types\.MEETING: unknown key\(s\) \['size'\]"),
        (
            ", network_weight: 0.5}\n  EXERCISE",
            "}\n  EXERCISE",
            r"event_types\.MEETING: missing key\(s\) \['network_weight'\]",
        ),
        (
            "asserted: {happened: true,",
            "asserted: {happened: yes please,",
            r"modalities\.asserted: happened must be true or false",
        ),
        (
            "member: {counts_as_member: true,",
            "member: {counts_as_member: 1,",
            r"membership_statuses\.member: counts_as_member",
        ),
        ("network_weight: 0.5}", "network_weight: true}", r"event_types\.MEETING: network_weight must be a number"),
        (
            "network_weight: 0.5}",
            "network_weight: -1}",
            r"event_types\.MEETING: network_weight must be a number, 0 or more",
        ),
        ("licence:", "licence_: x\nlicence:", r"unknown key\(s\) \['licence_'\]"),
        ("offices:\n", "offices_:\n", r"unknown key\(s\) \['offices_'\].*"),
        ("  [president,", "  [president, president,", r"offices: a name is listed twice"),
    ],
)
def test_a_malformed_vocabulary_names_the_file_and_the_entry(old: str, new: str, message: str) -> None:
    assert old in BUNDLED
    with pytest.raises(VocabularyError, match=f"^broken.yaml: {message}"):
        parse_vocabulary(BUNDLED.replace(old, new, 1), "broken.yaml")


def test_the_bundled_vocabulary_parses_to_the_module_constants() -> None:
    assert parse_vocabulary(BUNDLED) == vocabulary.VOCABULARY
