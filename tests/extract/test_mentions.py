from __future__ import annotations

import pytest

from marsad.document import Document
from marsad.extract.pipeline import PipelineError, build_pipeline


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


def _linked(pipeline, text: str) -> list[tuple[str, str]]:
    doc = pipeline(Document("t", text))
    for m in doc.mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.entity_id) for m in doc.mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plain names and spelling variants
        (
            "اجتمع وزراء دفاع كازاخستان وقيرغيزستان وطاجيكستان",
            [("كازاخستان", "KAZ"), ("قيرغيزستان", "KGZ"), ("طاجيكستان", "TJK")],
        ),
        ("الإنفاق العسكري في قرغيزستان", [("قرغيزستان", "KGZ")]),
        ("تطورات في طاجكستان", [("طاجكستان", "TJK")]),
        # proclitics: و ف ب ل ك ال لل
        ("علاقات وبكازاخستان", [("كازاخستان", "KAZ")]),
        ("الدعم للصين", [("لصين", "CHN")]),  # the article's lam stays in the name, the preposition does not
        ("فالولايات المتحدة", [("الولايات المتحدة", "USA")]),
        # nisba in its forms, with and without the article
        ("الرئيس الكازاخستاني", [("كازاخستاني", "KAZ")]),
        ("وزارة الدفاع الطاجيكستانية", [("وزارة الدفاع الطاجيكستانية", "MOD-TJK"), ("طاجيكستانية", "TJK")]),
        ("الصواريخ الروسية", [("روسية", "RUS")]),
        ("وزير الدفاع الأوزبكي", [("أوزبكي", "UZB")]),
        # organizations, with variants and acronyms
        ("قمة منظمة شنغهاي للتعاون", [("منظمة شنغهاي للتعاون", "SCO")]),
        ("أعضاء «منظمة معاهدة الأمن الجماعي»", [("منظمة معاهدة الأمن الجماعي", "CSTO")]),
        ("توسع حلف شمال الأطلسي", [("حلف شمال الأطلسي", "NATO")]),
        ("the CSTO summit", [("CSTO", "CSTO")]),
        ("саммит ОДКБ", [("ОДКБ", "CSTO")]),
        # historical states
        ("بعد تفكك الاتحاد السوفييتي", [("الاتحاد السوفييتي", "SUN")]),
    ],
)
def test_phrases_link_to_entities(pipeline, text: str, expected: list[tuple[str, str]]) -> None:
    assert _linked(pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "let us go",  # an English pronoun, not the USA
        "بلغت الميزانية مليار دولار",  # no entity
        "مروسيا",  # a prefix that is no proclitic
    ],
)
def test_no_false_matches(pipeline, text: str) -> None:
    assert _linked(pipeline, text) == []


def test_longest_match_wins(pipeline) -> None:
    linked = _linked(pipeline, "انضمت إلى منظمة معاهدة الأمن الجماعي")
    assert linked == [("منظمة معاهدة الأمن الجماعي", "CSTO")]


def test_pipeline_checks_stage_order() -> None:
    with pytest.raises(PipelineError, match="stage 'mentions' needs \\['normalized'\\]"):
        build_pipeline(["mentions"])
    with pytest.raises(
        PipelineError, match="stage 'events' needs \\['sentences', 'normalized_sentences', 'mentions', 'dates'\\]"
    ):
        build_pipeline(["normalize", "events"])
    with pytest.raises(PipelineError, match="unknown stage"):
        build_pipeline(["normalize", "events-from-the-future"])


def test_seed_article_entities(pipeline, seed_texts: dict[str, str]) -> None:
    doc = pipeline(Document("000", seed_texts["000_f44bbeda982aca56"]))
    found = {m.entity_id for m in doc.mentions}
    assert {"KAZ", "KGZ", "UZB", "TJK", "RUS", "CHN", "UKR", "CSTO", "SCO", "SIPRI"} <= found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name two entities share: the one whose state the article names
        ("اعتقلت السلطات في طاجيكستان عشرة من أعضاء جماعة أنصار الله قرب الحدود مع طاجيكستان.", "JAMAAT-ANSARULLAH"),
        ("أطلقت جماعة أنصار الله صواريخ من اليمن.", "HOUTHIS"),
        # none named: the knowledge base's preferred reading
        ("أصدرت جماعة أنصار الله بيانا.", "HOUTHIS"),
    ],
)
def test_a_shared_name_reads_as_the_entity_of_the_state_the_article_names(pipeline, text: str, expected: str) -> None:
    linked = dict(_linked(pipeline, text))
    assert linked["جماعة أنصار الله"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a page that lost the spaces between a name's words still names it
        ("وتدير الولاياتالمتحدة قاعدة جوية", [("الولاياتالمتحدة", "USA")]),
        ("اجتمع الرؤساء في مينسك عاصمة روسياالبيضاء", [("مينسك", "Minsk"), ("روسياالبيضاء", "BLR")]),
        # a name's words run into the next word are not read
        ("وتدير الولاياتالمتحدةوروسيا قاعدة جوية", []),
    ],
)
def test_a_name_with_its_words_run_together(pipeline, text: str, expected: list[tuple[str, str]]) -> None:
    assert _linked(pipeline, text) == expected
