"""A pack's data files are checked on load: what is wrong is said with the file and the key."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from marsad.lang import Language, LanguageDataError, language_pack
from marsad.lang.base import check_data

_GRAMMAR: dict[str, Any] = {"source": "s", "licence": "CC0-1.0", "script_ranges": [["a", "z"]]}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({**_GRAMMAR, "grammer": {}}, "grammar.yaml: unknown key(s) ['grammer']"),
        ({"licence": "CC0-1.0", "script_ranges": []}, "grammar.yaml: missing required key 'source'"),
        ({**_GRAMMAR, "words": {"copulas": "هو"}}, "grammar.yaml: 'words.copulas' must be a list of non-empty strings"),
        ({**_GRAMMAR, "words": {"copula": ["هو"]}}, "grammar.yaml: unknown key(s) ['copula'] under 'words'"),
        ({**_GRAMMAR, "patterns": {"between": "(?<!"}}, "grammar.yaml: 'patterns.between' is not a valid regular"),
        ({**_GRAMMAR, "clitics": ["و"]}, "grammar.yaml: 'clitics' must be a mapping"),
        (["not", "a", "mapping"], "grammar.yaml: expected a mapping at the top level"),
    ],
)
def test_a_broken_grammar_is_refused_with_its_file_and_key(raw: Any, message: str) -> None:
    with pytest.raises(LanguageDataError) as error:
        check_data("grammar.yaml", raw)
    assert str(error.value).startswith(message)


def test_a_well_formed_grammar_is_accepted() -> None:
    raw = {**_GRAMMAR, "words": {"copulas": ["هو"]}, "patterns": {"between": "x"}}
    assert check_data("grammar.yaml", raw) is raw


def test_an_unknown_data_file_is_refused() -> None:
    with pytest.raises(LanguageDataError, match=r"lexicon\.yaml: no such language data file"):
        language_pack("ar").data("lexicon")


def test_a_language_without_a_pack_has_no_words_and_no_constructions() -> None:
    bare = Language("kk")
    assert not bare.has_pack
    assert bare.words("copulas") == () and bare.pattern("clause_break") is None
    assert bare.clitic("article") == "" and bare.data("events") == {}
    assert bare.morphology.readings("وموسكو") == (bare.morphology.readings("وموسكو")[0],)
    assert not bare.in_script("a")


def test_the_arabic_pack_checks_every_file_it_ships() -> None:
    arabic = language_pack("ar")
    for name in ("grammar", "events", "groups", "memberships", "claims", "titles", "context", "names"):
        assert arabic.data(name)["licence"]


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ("types: {PICNIC: {nouns: [picnic]}}", "types: "),
        ("types: {MEETING: {nouns: [summit]}}\nstatement_plover: {CHAT: [said]}", "statement_plover 'CHAT'"),
        ("types: {MEETING: {nouns: [summit]}}\nmodality: {maybe: [perhaps]}", "modality 'maybe'"),
    ],
)
def test_a_lexicon_names_only_the_vocabularys_types_categories_and_modalities(
    tmp_path: Path, events: str, message: str
) -> None:
    from marsad.extract.lexicon import load_event_lexicon

    (tmp_path / "events.yaml").write_text(f"source: s\nlicence: CC0-1.0\n{events}\n", encoding="utf-8")
    with pytest.raises(LanguageDataError, match=re.escape(f"events.yaml of 'xx': {message}")):
        load_event_lexicon(Language("xx", root=tmp_path))


def test_a_lexicon_of_the_vocabularys_types_loads() -> None:
    from marsad.extract.lexicon import load_event_lexicon

    assert load_event_lexicon(language_pack("ar")).plover["CLASH"] == "FIGHT"
