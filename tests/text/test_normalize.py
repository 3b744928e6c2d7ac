from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.normalize import normalize, normalize_key

SEEDS = sorted((Path(__file__).resolve().parents[2] / "examples" / "corpus").glob("*.txt"))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("\u0623", "\u0627"),  # أ alef with hamza above
        ("\u0625", "\u0627"),  # إ alef with hamza below
        ("\u0622", "\u0627"),  # آ alef with madda
        ("\u0671", "\u0627"),  # ٱ alef wasla
        ("\u0649", "\u064a"),  # ى alef maqsura -> ya
        ("\u06cc", "\u064a"),  # ی Farsi ya
        ("\u0629", "\u0647"),  # ة ta marbuta -> ha
        ("\u0624", "\u0648"),  # ؤ
        ("\u0626", "\u064a"),  # ئ
        ("\u06a4", "\u0641"),  # ڤ veh -> fa (كييڤ)
        ("\u06a9", "\u0643"),  # ک keheh
        ("\u0640", ""),  # tatweel
        ("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652", ""),  # tanwin, harakat, shadda, sukun
        ("\u0670", ""),  # superscript alef
        ("\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669", "0123456789"),
        ("\u06f0\u06f4\u06f9", "049"),  # Persian digits
        ("\u00ab\u00bb\u201c\u201d\u2033\u0022", ""),  # quotes are deleted: a quoted word inside a name still matches
        ("\u060c\u061b\u061f\u066a\u066b", ",;?%."),
        ("\u200b\u200c\u200d\u200e\u200f\u202b\u202c\u2066\u2069\u061c\ufeff", ""),
        ("\u00a0", " "),
        ("\ufefb", "\u0644\u0627"),  # lam-alef ligature -> two letters
        ("CSTO Россия", "csto россия"),
    ],
)
def test_character_tables(source: str, expected: str) -> None:
    assert normalize(source).text == expected


@pytest.mark.parametrize(
    ("text", "needle", "original"),
    [
        ("الرئيس الكازاخستانيّ قاسم", "الكازاخستاني", "الكازاخستانيّ"),
        ("وزارة الدفاع الأُوزبكية", "الاوزبكيه", "الأُوزبكية"),
        ("عاصمة كييڤ", "كييف", "كييڤ"),
        ("بلغ \u200fالإنفاق ١٫٣ مليار", "1.3", "١٫٣"),
        ("مـنـظـمـة شنغهاي", "منظمه", "مـنـظـمـة"),
    ],
)
def test_span_maps_back_to_original(text: str, needle: str, original: str) -> None:
    norm = normalize(text)
    start = norm.text.index(needle)
    o_start, o_end = norm.to_original(start, start + len(needle))
    assert text[o_start:o_end] == original


def test_normalize_key_collapses_whitespace() -> None:
    assert normalize_key("  منظمة   شنغهاي\n للتعاون ") == "منظمه شنغهاي للتعاون"


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_random_spans_of_seed_text_round_trip(data: st.DataObject) -> None:
    """For any span of normalized text, the mapped original span normalizes back to it."""
    path = data.draw(st.sampled_from(SEEDS))
    text = path.read_text(encoding="utf-8")
    norm = normalize(text)
    start = data.draw(st.integers(0, len(norm.text) - 1))
    end = data.draw(st.integers(start + 1, min(len(norm.text), start + 200)))
    o_start, o_end = norm.to_original(start, end)
    assert 0 <= o_start < o_end <= len(text)
    assert normalize(text[o_start:o_end]).text == norm.text[start:end]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("كازخستنأإآةىيؤئـًٌٍَُِّْ٠١٢ «»\u200f\ufefbab.")), min_size=1, max_size=40))
def test_arbitrary_text_maps_every_character(text: str) -> None:
    norm = normalize(text)
    for i in range(len(norm.text)):
        o_start, o_end = norm.to_original(i, i + 1)
        # a ligature (ﻻ) expands to two letters that both map to it
        assert norm.text[i] in normalize(text[o_start:o_end]).text


@given(st.text(alphabet="أإآىةـًٌٍَُِّْ ﻻ كازخستان.,", max_size=60), st.data())
def test_sorted_offsets_map_as_one_by_one(text: str, data: st.DataObject) -> None:
    norm = normalize(text)
    offsets = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=20)))
    expected = [normalize(text).to_normalized(o) for o in offsets]  # a fresh text: nothing remembered
    assert norm.to_normalized_sorted(offsets) == expected
    assert [norm.to_normalized(o) for o in offsets] == expected
