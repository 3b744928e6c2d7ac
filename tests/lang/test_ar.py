"""The Arabic pack: its one clitic analysis, its verb forms and its constructions."""

from __future__ import annotations

import pytest

from marsad.lang import Reading, language_pack
from marsad.lang.base import _schema

ARABIC = language_pack("ar")
MORPHOLOGY = ARABIC.morphology


@pytest.mark.parametrize(
    ("word", "stem", "prefix", "future"),
    [
        ("وبموسكو", "موسكو", "وب", False),
        ("للمنظمه", "منظمه", "لل", False),
        ("والصين", "صين", "وال", False),
        ("والصين", "الصين", "و", False),
        ("فالروسية", "روسية", "فال", False),
        ("سيعقد", "يعقد", "س", True),
        ("وستجري", "تجري", "وس", True),
    ],
)
def test_a_word_is_read_with_its_proclitics(word: str, stem: str, prefix: str, future: bool) -> None:
    assert Reading(prefix, stem, future) in MORPHOLOGY.readings(word)


@pytest.mark.parametrize(
    ("word", "not_stem"),
    [
        ("بلغاريا", "غاريا"),  # «بل» is no proclitic chain
        ("بسحب", "حب"),  # the future marker follows a conjunction, never a preposition
        ("سيعقد", ""),  # a reading keeps a stem
    ],
)
def test_what_is_no_proclitic_is_not_read_as_one(word: str, not_stem: str) -> None:
    assert not_stem not in {r.stem for r in MORPHOLOGY.readings(word)}


def test_readings_go_from_the_shortest_prefix_and_keep_a_stem() -> None:
    readings = MORPHOLOGY.readings("وبالعاصمة", min_stem=2)
    assert [r.prefix for r in readings] == ["", "و", "وب", "وبال"]
    assert all(len(r.stem) >= 2 for r in readings)


@pytest.mark.parametrize(("word", "bare"), [("وأكد", "أكد"), ("فقال", "قال"), ("وو", "وو"), ("مصر", "مصر")])
def test_without_conjunction(word: str, bare: str) -> None:
    assert MORPHOLOGY.without_conjunction(word) == bare


@pytest.mark.parametrize(
    ("lemma", "form", "present"),
    [
        ("اجتمع", "اجتمعوا", False),
        ("اجتمع", "اجتمعت", False),
        ("التقى", "التقيا", False),
        ("التقى", "التقوا", False),
        ("يجتمع", "تجتمعان", True),
        ("يجتمع", "يجتمعون", True),
        ("يلتقي", "يلتقون", True),
        ("يلتقي", "نلتقي", True),
    ],
)
def test_verb_forms_are_generated_from_the_lemma(lemma: str, form: str, present: bool) -> None:
    forms = MORPHOLOGY.present_forms(lemma) if present else MORPHOLOGY.past_forms(lemma)
    assert form in forms


def test_a_weak_verb_has_no_strong_forms() -> None:
    assert "التقيوا" not in MORPHOLOGY.past_forms("التقى")
    assert "يلتقيون" not in MORPHOLOGY.present_forms("يلتقي")


def test_skeleton_drops_long_vowels_and_hamza() -> None:
    assert MORPHOLOGY.skeleton("خولمحمدوف") == MORPHOLOGY.skeleton("خالمحمدوف") == "خلمحمدف"


def test_the_pack_has_every_construction_and_word_list_the_schema_names() -> None:
    spec = _schema()["files"]["grammar.yaml"]["keys"]
    assert all(ARABIC.pattern(name) is not None for name in spec["patterns"]["keys"])
    assert all(ARABIC.words(name) for name in spec["words"]["keys"])


@pytest.mark.parametrize(
    ("text", "breaks"),
    [
        ("أعلنت موسكو الخبر، وقالت إن", True),  # a comma before «و»
        ("أعلنت موسكو الخبر؛ ثم", True),
        ("اتجهت فنلندا، في منتصف 2022، لطلب", False),  # «في» after a comma stays in the clause
        ("قال، في حين", True),
    ],
)
def test_clause_break(text: str, breaks: bool) -> None:
    pattern = ARABIC.pattern("clause_break")
    assert pattern is not None
    assert bool(pattern.search(text)) is breaks


def test_offset_folding_keeps_length() -> None:
    text = "أكد إن آخر"
    assert len(text.translate(ARABIC.offset_folding)) == len(text)
    assert text.translate(ARABIC.offset_folding) == "اكد ان اخر"
