"""Groups of states named at once, from a language pack's groups.yaml."""

from __future__ import annotations

import pytest

from marsad.extract.groups import StateGroups
from marsad.lang import language_pack
from marsad.text.normalize import normalize_key

C5 = ("KAZ", "KGZ", "TJK", "TKM", "UZB")


@pytest.mark.parametrize(
    ("language", "text", "states"),
    [
        ("ar", "واجتمع قادة دول آسيا الوسطى في سمرقند", C5),
        ("ar", "وتحدث الخبراء عن دول آسيا الوسطى", ()),  # the region alone
        ("ru", "встреча с главами государств Центральной Азии", C5),
        ("ru", "после встречи стран Центральной Азии", ()),  # «и стран …» only as whole words
        ("en", "a summit with the leaders of Central Asia", C5),
        # a gap of a few words in a phrase: the republics named by what they were
        ("ar", "واجتمع المبعوث بممثلي جمهوريات الاتحاد السوفيتي الخمس سابقا في آسيا الوسطى", C5),
        ("ar", "مع الجمهوريات السوفيتية الخمس في آسيا الوسطى", C5),
        # ... but no more than a few: a sentence that goes on is not one phrase
        ("ar", "وزار جمهوريات البلطيق ثم التقى الرؤساء الخمس في العاصمة الروسية قبل جولة في آسيا الوسطى", ()),
    ],
)
def test_the_states_of_a_group_in_a_span(language: str, text: str, states: tuple[str, ...]) -> None:
    key = normalize_key(text)
    found = StateGroups(language_pack(language)).in_span(key, 0, len(key))
    assert set(found.members if found else ()) == set(states)


def test_a_group_begins_where_it_is_asked() -> None:
    groups = StateGroups(language_pack("ar"))
    key = normalize_key("الهند وباكستان بالإضافة إلى الدول الخمس السوفيتية السابقة")
    at = key.index(normalize_key("الدول الخمس"))
    found = groups.at(key, at)
    assert found is not None and set(found[1]) == set(C5)
    assert groups.at(key, 0) is None
    # a phrase that points back at states named before is not guessed at
    bare = normalize_key("الهند وباكستان بالإضافة إلى الدول الخمس")
    assert groups.at(bare, bare.index(normalize_key("الدول الخمس"))) is None
