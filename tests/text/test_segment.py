from __future__ import annotations

import itertools

import pytest

from marsad.text.segment import load_rules, sentence_spans, title_end


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "أنفقت أكثر من 1.3 مليار دولار على تحديث الجيش. وأعلنت اللجنة عن اعتقال عدد من الأفراد.",
            ["أنفقت أكثر من 1.3 مليار دولار على تحديث الجيش.", "وأعلنت اللجنة عن اعتقال عدد من الأفراد."],
        ),
        (
            "هل تحتاج دول آسيا الوسطى إلى منظمة معاهدة الأمن الجماعي؟\n\nالخبر:",
            ["هل تحتاج دول آسيا الوسطى إلى منظمة معاهدة الأمن الجماعي؟", "الخبر:"],
        ),
        (
            "قال د. شادي عبدالوهاب إن الحلف باقٍ! وأضاف: «لا بديل عنه».",
            ["قال د. شادي عبدالوهاب إن الحلف باقٍ!", "وأضاف: «لا بديل عنه»."],
        ),
        ("The U.S. Army joined. Then it left.", ["The U.S. Army joined.", "Then it left."]),
        ("أولاً؛ التهديدات الأمنية. ثانياً", ["أولاً؛", "التهديدات الأمنية.", "ثانياً"]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_seed_paragraph_splits_into_its_sentences(seed_texts: dict[str, str]) -> None:
    text = seed_texts["000_f44bbeda982aca56"]
    sentences = _sentences(text)
    assert "هل ستتمكن دول آسيا الوسطى من تشكيل تحالف دفاعي؟" in sentences
    assert any(s.startswith("ولكن في سياق الاجتماع التشاوري السادس") and s.endswith("بجدية.") for s in sentences)
    assert all(s == s.strip() for s in sentences)


def test_spans_are_ordered_and_disjoint(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        spans = sentence_spans(text)
        assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize(
    ("piece", "cut_after"),
    [
        ("قال الوزير إن القوات وصلت إلى الحدود، ", "،"),  # a clause mark before the limit
        ("the ministers met in the capital and talked ", " "),  # no mark: the last space
        ("ب" * 97, None),  # one endless word: the limit itself
    ],
)
def test_an_unpunctuated_sentence_is_cut_below_the_limit(piece: str, cut_after: str | None) -> None:
    limit = load_rules().max_chars
    text = piece * (3 * limit // len(piece) + 1)
    spans = sentence_spans(text)
    assert len(spans) >= 3
    assert all(s.end - s.start <= limit for s in spans)
    assert "".join(text[s.start : s.end] for s in spans).replace(" ", "") == text.replace(" ", "")
    if cut_after is not None:
        assert all(text[s.end - 1] == cut_after.strip() or text[s.end] == cut_after for s in spans[:-1])


def test_a_long_sentence_below_the_limit_stays_whole() -> None:
    sentence = "وأكد الرئيس، في كلمته أمام القمة، أن التعاون مستمر" * 30 + "."
    assert len(sentence) < load_rules().max_chars
    assert _sentences(sentence) == [sentence]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a headline: a line of its own, with no mark ending it
        ("أوزبكستان ترحب بالاتفاق\nرحبت أوزبكستان أمس بالاتفاق.", "أوزبكستان ترحب بالاتفاق"),
        # a lead closed by its full stop, then the next paragraph: no title
        ("رحبت أوزبكستان أمس بالاتفاق.\nوقال الوزير إنه مهم.", ""),
        # one line of two sentences: no title
        ("أوزبكستان ترحب بالاتفاق. وقال الوزير إنه مهم.", ""),
        ("أوزبكستان ترحب بالاتفاق", ""),
    ],
)
def test_the_title_is_an_unpunctuated_first_line(text: str, title: str) -> None:
    assert text[: title_end(text, sentence_spans(text))] == title
