from __future__ import annotations

import pytest

from marsad.document import Document, DocumentMeta
from marsad.extract.linking import names_match
from marsad.extract.pipeline import build_pipeline
from marsad.lang import language_pack


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


def _links(pipeline, text: str, published: str = "") -> list[tuple[str, str, str]]:
    doc = pipeline(Document("t", text, DocumentMeta(published=published)))
    for m in doc.mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.entity_id, m.entity_type) for m in doc.mentions]


def _ids(pipeline, text: str, published: str = "") -> set[str]:
    return {entity_id for _, entity_id, _ in _links(pipeline, text, published)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a capital acting stands for its state
        ("وقد انتقدت موسكو هذه المواقف واعتبرتها تمرداً", ("موسكو", "RUS", "country")),
        ("أدركت واشنطن خطأ انسحابها العسكري من أفغانستان", ("واشنطن", "USA", "country")),
        ("أكدت طشقند أن العلاقات بين دول آسيا الوسطى قائمة على الثقة", ("طشقند", "UZB", "country")),
        # ... and stays a place where something happens
        ("عقد الاجتماع في موسكو الأسبوع الماضي", ("موسكو", "Moscow", "place")),
        ("اختتمت بالعاصمة الكازاخية أستانة قمة روسيا", ("أستانة", "Astana", "place")),
        ("والتقى الوزراء بطشقند", ("طشقند", "Tashkent", "place")),
    ],
)
def test_capitals_act_or_locate(pipeline, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _links(pipeline, text)


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("تجري المناورات في بحر الصين الجنوبي", "CHN", "South China Sea"),
        ("وتعني الوحدة في اللغات التركية", "TUR", None),
        ("وأرسلت القوات التركية تعزيزات", None, "TUR"),
        ("تشمل منظمة الدول التركية خمس دول", "TUR", "OTS"),
    ],
)
def test_ambiguous_names(pipeline, text: str, absent: str | None, present: str | None) -> None:
    ids = _ids(pipeline, text)
    if absent:
        assert absent not in ids
    if present:
        assert present in ids


@pytest.mark.parametrize(
    ("text", "published", "person"),
    [
        ("قال الرئيس الكازاخستاني إن بلاده لن تعترف بالاستفتاء", "2024-03", "kassym-jomart-tokayev"),
        ("قال الرئيس الكازاخستاني إن بلاده لن تعترف بالاستفتاء", "2010-06", "nursultan-nazarbayev"),
        ("وصرح وزير الخارجية الروسي بأن موسكو لن تتراجع", "2020", "sergey-lavrov"),
        ("في عام 2015 زار الرئيس الأمريكي آسيا الوسطى", "2022", "barack-obama"),
        ("حضر وزير الدفاع الأوزبكي الفريق شوخرت خولمحمدوف الاجتماع", "", "shukhrat-kholmukhamedov"),
        ("انتقد الرئيس القيرغيزي “صادر جباروف” موسكو", "", "sadyr-japarov"),
        ("وقال الأمين العام لمنظمة معاهدة الأمن الجماعي إن المنظمة مستعدة", "2023-05", "imangali-tasmagambetov"),
    ],
)
def test_titles_resolve_through_dated_roles(pipeline, text: str, published: str, person: str) -> None:
    assert person in _ids(pipeline, text, published)


def test_title_without_date_links_nobody(pipeline) -> None:
    assert not any(t == "person" for _, _, t in _links(pipeline, "قال الرئيس الكازاخستاني إن بلاده لن تعترف"))


def test_new_person_after_title_then_by_surname(pipeline) -> None:
    text = "أعلن وزير الداخلية القيرغيزي أولان نيازبيكوف توقيف عشرة أشخاص. وأكد نيازبيكوف أن التحقيق مستمر."
    doc = pipeline(Document("t", text, DocumentMeta(published="2023-05")))
    people = [(m.text, m.entity_id, m.rule) for m in doc.mentions if m.entity_type == "person"]
    assert [p[0] for p in people] == ["أولان نيازبيكوف", "نيازبيكوف"]
    (new_id,) = {p[1] for p in people}
    assert new_id.startswith("new-") and doc.new_entities[new_id].country == "KGZ"
    assert doc.new_entities[new_id].name_ar == "أولان نيازبيكوف"


def test_surname_alone_links_to_person_named_before(pipeline) -> None:
    text = "التقى قاسم جومارت توكاييف نظراءه. وأوضح توكاييف أن المنطقة تواجه تهديدات."
    links = [(t, e) for t, e, kind in _links(pipeline, text) if kind == "person"]
    assert links == [("قاسم جومارت توكاييف", "kassym-jomart-tokayev"), ("توكاييف", "kassym-jomart-tokayev")]


def test_short_reference_links_to_organization_named_before(pipeline) -> None:
    text = "انضمت أرمينيا إلى منظمة معاهدة الأمن الجماعي عام 1992، لكن المنظمة لم تتدخل في النزاع."
    links = _links(pipeline, text)
    assert ("المنظمة", "CSTO", "organization") in links


def test_parent_named_inside_an_organ_is_kept(pipeline) -> None:
    ids = _ids(pipeline, "فتح نقاشات بمجلس حقوق الإنسان التابع للأمم المتحدة")
    assert {"UNHRC", "UN"} <= ids


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("خولمحمدوف", "خالمحمدوف", True), ("جباروف", "جاباروف", True), ("بوتين", "توكاييف", False)],
)
def test_names_match_on_consonant_skeleton(a: str, b: str, same: bool) -> None:
    morphology = language_pack("ar").morphology
    assert names_match(a, b, morphology) is same
    assert morphology.skeleton("خولمحمدوف") == "خلمحمدف"


@pytest.mark.parametrize(
    ("text", "absent"),
    [("تتناول مدرسة كوبنهاجن الأمن بمفهوم واسع", {"DNK", "Copenhagen"})],
)
def test_capital_inside_an_institution_name_is_neither(pipeline, text: str, absent: set[str]) -> None:
    assert not absent & _ids(pipeline, text)


def test_capital_in_a_list_of_cities_is_a_place(pipeline) -> None:
    links = _links(pipeline, "اعتقل أفراد في مدن نور سلطان وشيمكنت وأتيراو")
    assert ("نور سلطان", "Astana", "place") in links


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("أعلنت وزارة الطوارئ الطاجيكية إجلاء السكان من القرى الحدودية", "وزارة الطوارئ الطاجيكية", "TJK"),
        ("قالت لجنة مكافحة الفساد في قرغيزستان إنها اعتقلت مسؤولين", "لجنة مكافحة الفساد في قرغيزستان", "KGZ"),
    ],
)
def test_unknown_body_becomes_a_provisional_organization(pipeline, text: str, name: str, country: str) -> None:
    doc = pipeline(Document("t", text))
    (new,) = doc.new_entities.values()
    assert (new.type, new.name_ar, new.country) == ("organization", name, country)
    assert any(m.entity_id == new.id and m.text == name for m in doc.mentions)


@pytest.mark.parametrize(
    "text",
    ["وقالت وزارة الدفاع الروسية إن", "اندلعت حرب بالوكالة في روسيا", "تشكيل حركة روسية جديدة"],
)
def test_known_or_unnamed_bodies_are_not_provisional(pipeline, text: str) -> None:
    assert pipeline(Document("t", text)).new_entities == {}


def test_name_after_a_speech_verb_is_a_person(pipeline) -> None:
    doc = pipeline(Document("t", "وقال أولان نيازبيكوف إن التحقيق مستمر في قرغيزستان."))
    people = [(m.text, m.entity_id) for m in doc.mentions if m.entity_type == "person"]
    assert [p[0] for p in people] == ["أولان نيازبيكوف"]
    assert people[0][1].startswith("new-")


def test_speech_verb_without_a_name_adds_nobody(pipeline) -> None:
    doc = pipeline(Document("t", "وقال مسؤول رفيع إن الحدود مغلقة بين قرغيزستان وطاجيكستان."))
    assert not any(m.entity_type == "person" for m in doc.mentions)
