"""The stage contract holds for a second pack: the same stages read a toy language from its
own data, and a language without a pack is read for names only, with a note."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from marsad.document import Document, DocumentMeta
from marsad.extract.pipeline import build_pipeline, reading_note
from marsad.lang import PACKS, language_for, language_pack


@pytest.fixture
def toy_language() -> Iterator[None]:
    PACKS["xx"] = "tests.lang.toy"
    language_pack.cache_clear()
    yield
    del PACKS["xx"]
    language_pack.cache_clear()


def _read(text: str, language: str) -> Document:
    return build_pipeline()(Document("t", text, DocumentMeta(language=language, published="2024-03-04")))


def test_a_second_pack_finds_events_from_its_own_lexicon(toy_language: None) -> None:
    doc = _read("Kazakhstan and Russia talked in Astana on 3 March 2024.", "xx")
    assert [(e.type, e.actors, e.date, e.rule) for e in doc.events] == [
        ("MEETING", ("KAZ", "RUS"), "2024-03-03", "events.verb:talk")
    ]
    assert doc.events[0].place == "Astana"
    # it has an event lexicon but none for memberships and claims, and says so
    assert doc.notes == [reading_note(language_pack("xx"))]
    assert "memberships and claims were not" in doc.notes[0] and "events" not in doc.notes[0]


def test_a_second_pack_reads_its_clitics(toy_language: None) -> None:
    doc = _read("Kazakhstan u-talked with Russia.", "xx")
    assert [e.type for e in doc.events] == ["MEETING"]


def test_a_second_pack_finds_nothing_it_has_no_word_for(toy_language: None) -> None:
    doc = _read("Kazakhstan and Russia signed a treaty in 2024.", "xx")
    assert doc.events == []
    assert {m.entity_id for m in doc.mentions} >= {"KAZ", "RUS"}


def test_the_arabic_pack_is_untouched_by_a_second_one(toy_language: None) -> None:
    doc = _read("اجتمع رئيسا كازاخستان وروسيا في أستانة يوم 3 مارس 2024.", "ar")
    assert [e.type for e in doc.events] == ["MEETING"]


def test_a_language_without_a_pack_gets_names_and_a_note() -> None:
    doc = _read("Kazakhstan and Russia talked in Astana on 3 March 2024.", "kk")
    assert doc.events == [] and doc.memberships == [] and doc.claims == []
    assert {"KAZ", "RUS"} <= {m.entity_id for m in doc.mentions}
    assert doc.notes == [reading_note(language_pack("kk"))]
    assert doc.notes[0].startswith("no language pack for 'kk'")
    assert doc.search_postings  # stored and searchable


def test_an_undeclared_language_is_taken_from_the_script() -> None:
    doc = build_pipeline()(Document("t", "اجتمع رئيسا كازاخستان وروسيا في أستانة يوم 3 مارس 2024."))
    assert doc.meta.language == "ar"
    assert [e.type for e in doc.events] == ["MEETING"]
    english = build_pipeline()(Document("e", "Kazakhstan and Russia met in Astana."))
    # the English pack reads events too, and has nothing to say it cannot read
    assert english.meta.language == "en" and english.notes == []
    assert [e.type for e in english.events] == ["MEETING"]


@pytest.mark.parametrize(
    ("declared", "text", "expected"),
    [
        ("", "أعلنت موسكو", "ar"),
        ("", "Москва объявила", "ru"),
        ("", "Moscow announced", "en"),
        ("", "2024 — 15%", ""),
        ("RU", "أعلنت موسكو", "ru"),  # what the metadata says wins
        ("  ", "Moscow announced", "en"),
    ],
)
def test_language_for(declared: str, text: str, expected: str) -> None:
    assert language_for(declared, text) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ar", ""),
        ("en", ""),
        ("", "no language pack for 'undetermined': names, places, dates and figures were read; events, "
         "memberships and claims were not"),
    ],
)  # fmt: skip
def test_the_note_says_what_a_pack_cannot_read(code: str, expected: str) -> None:
    assert reading_note(language_pack(code)) == expected
