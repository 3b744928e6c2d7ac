"""Every word the interface shows exists in both languages: a key a template (or the page
code) uses that i18n.yaml lacks, or an entry missing its Arabic or English, fails here."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from marsad.datafile import load_yaml
from marsad.query.api import DOCUMENT_SORTS, EVENT_ORDERS
from marsad.vocabulary import DATE_SOURCE_NAMES, MEMBERSHIP_STATUS_NAMES, OFFICES, membership_change
from marsad.web import error_pages, inputs
from marsad.web.i18n import Language
from marsad.web.view import arabic_plural_form

WEB = resources.files("marsad.web")
WORDS = load_yaml(WEB.joinpath("i18n.yaml").read_text(encoding="utf-8"))
TEMPLATES = {
    p.name: p.read_text(encoding="utf-8") for p in WEB.joinpath("templates").iterdir() if p.name.endswith(".html")
}
# t('key') and lang.t('key'), not .get('key') (a call whose name merely ends in t)
USED = re.compile(r"(?<![\w.])(?:lang\.)?t\('([a-z0-9_]+)'\)")
COUNTED = re.compile(r"lang\.count\([^)]*?'([a-z_]+)'\)")
# keys the pages choose at run time: each field problem, each status's message, each sort
DYNAMIC = {
    "date_format", "date_month", "date_day", "date_order", "entity_unknown", "query_too_long", "query_no_words",
    "not_found_entity", "not_found_event", "not_found_document", "show_uncertain", "hide_uncertain",
    *error_pages._STATUS_KEYS.values(), "error_500",
    "review_confirmed", "review_corrected", "review_rejected",  # a fact's review standing
    *("sort_" + o.replace("-", "desc_") for o in (*EVENT_ORDERS, *DOCUMENT_SORTS)),
}  # fmt: skip


def _used_keys() -> set[str]:
    return {key for text in TEMPLATES.values() for key in USED.findall(text)} | DYNAMIC


@pytest.mark.parametrize("key", sorted(_used_keys()))
def test_every_key_used_is_in_i18n_yaml_in_both_languages(key: str) -> None:
    entry = WORDS["words"].get(key)
    assert entry is not None, f"i18n.yaml has no words.{key}"
    assert entry.get("ar", "").strip() and entry.get("en", "").strip(), f"words.{key} lacks a language"


def test_every_entry_has_both_languages() -> None:
    missing = [
        f"{section}.{name}"
        for section in ("words", "modalities", "membership_statuses", "event_types", "date_sources",
                        "membership_changes", "offices", "entity_types", "figures")
        for name, entry in WORDS[section].items()
        if not (str(entry.get("ar", "")).strip() and str(entry.get("en", "")).strip())
    ]  # fmt: skip
    assert not missing


def test_the_problem_keys_of_the_input_checks_are_known() -> None:
    for value in ("2022-13", "abc", "2022-02-30"):
        assert inputs.date_problem(value) in DYNAMIC
    assert inputs.check_range("2025", "2020").get("until") == "date_order"


@pytest.mark.parametrize(
    ("section", "names"),
    [
        ("date_sources", DATE_SOURCE_NAMES),
        ("offices", OFFICES),
        ("membership_changes", {membership_change(s) for s in MEMBERSHIP_STATUS_NAMES} | {"left"}),
    ],
)
def test_every_vocabulary_name_the_pages_show_has_a_label(section: str, names: object) -> None:
    assert set(names) <= set(WORDS[section])  # type: ignore[call-overload]


@pytest.mark.parametrize("noun", sorted({n for text in TEMPLATES.values() for n in COUNTED.findall(text)}))
def test_every_counted_noun_has_its_plural_forms(noun: str) -> None:
    forms = WORDS["counts"][noun]
    assert {"one", "other"} <= set(forms["en"])
    assert {"zero", "one", "two", "few", "many", "other"} <= set(forms["ar"])


def test_plurals_read_as_each_language_counts() -> None:
    ar, en = Language("ar"), Language("en")
    assert en.count(1, "sources") == "1 source" and en.count(3, "sources") == "3 sources"
    assert ar.count(1, "sources") == "مصدر واحد" and ar.count(2, "sources") == "مصدران"
    assert ar.count(5, "sources") == "5 مصادر" and ar.count(11, "sources") == "11 مصدرًا"
    assert [arabic_plural_form(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 103)] == [
        "zero", "one", "two", "few", "few", "many", "many", "other", "few",
    ]  # fmt: skip
