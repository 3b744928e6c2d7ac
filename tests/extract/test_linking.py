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
        # a language or a currency named by a state's nisba is not the state
        ("وكتب الشعار باللغة الروسية على الجدار", "RUS", None),
        ("بلغت قيمة الصفقة مليار دولار أمريكي", "USA", None),
        ("وقال المسؤول الأمريكي إن الصفقة تمت", None, "USA"),
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


@pytest.mark.parametrize(
    ("text", "published", "present", "absent"),
    [
        # the person named right after the title holds it there, whoever held it on the day
        ("وأعلن الرئيس القرغيزي كرمانبك باكييف حالة الطوارئ", "2005-02-01", "kurmanbek-bakiyev", "askar-akayev"),
        ("وقال الرئيس القرغيزي السابق عسكر أكاييف إنه لن يعود", "2006-02-01", "askar-akayev", "kurmanbek-bakiyev"),
        # with no name after it, the title is its holder on the day
        ("وأعلن الرئيس القرغيزي حالة الطوارئ", "2005-02-01", "askar-akayev", "kurmanbek-bakiyev"),
    ],
)
def test_a_name_after_a_title_is_its_holder(pipeline, text: str, published: str, present: str, absent: str) -> None:
    ids = _ids(pipeline, text, published)
    assert present in ids and absent not in ids


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


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        # after the preposition lam the article loses its alif: still the organization named before
        ("انضمت أرمينيا إلى منظمة معاهدة الأمن الجماعي عام 1992، وقال الأمين العام للمنظمة إن القوات جاهزة.", True),
        # without the article it is some organization, not the one named before
        ("انضمت أرمينيا إلى منظمة معاهدة الأمن الجماعي عام 1992، ثم دعت لمنظمة جديدة في المنطقة.", False),
    ],
)
def test_short_reference_after_the_preposition_lam(pipeline, text: str, linked: bool) -> None:
    assert (("لمنظمة", "CSTO", "organization") in _links(pipeline, text)) is linked


def test_parent_named_inside_an_organ_is_kept(pipeline) -> None:
    ids = _ids(pipeline, "فتح نقاشات بمجلس حقوق الإنسان التابع للأمم المتحدة")
    assert {"UNHRC", "UN"} <= ids


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a place inside a national body's name is where the body is; the body stays
        ("زار الوفد مديرية الشؤون الداخلية في طشقند", {"TASHKENT-INTERIOR-DIRECTORATE", "Tashkent"}),
        ("نظرت محكمة أستانا في القضية", {"ASTANA-CITY-COURT", "Astana"}),
        # a unit's force named inside it: its parent
        ("أبحرت سفن أسطول الشمال لجيش التحرير الشعبي الصيني", {"NORTH-SEA-FLEET-CHN", "PLA"}),
    ],
)
def test_place_or_state_inside_a_national_body_is_kept(pipeline, text: str, kept: set[str]) -> None:
    assert kept <= _ids(pipeline, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a city an international organization or an institute is named after is no place
        ("انعقدت قمة منظمة شنغهاي للتعاون", {"Shanghai"}),
        ("نشر معهد ستوكهولم الدولي لأبحاث السلام تقريره", {"Stockholm"}),
        # a host state inside an embassy's name is no party to what the embassy does
        ("أعلنت سفارة أوزبكستان في روسيا", {"RUS"}),
    ],
)
def test_city_inside_an_international_name_or_a_host_state_is_hidden(pipeline, text: str, absent: set[str]) -> None:
    assert not absent & _ids(pipeline, text)


@pytest.mark.parametrize(
    ("text", "name", "entity"),
    [
        ("يشبه الاتحاد\nالأوروبي في بنيته", "الاتحاد\nالأوروبي", "EU"),
        ("عقدت قمة الصين -آسيا الوسطى في العاصمة", "قمة الصين -آسيا الوسطى", "C5+CHN"),
        ("عقدت قمة الصين–  آسيا الوسطى في العاصمة", "قمة الصين–  آسيا الوسطى", "C5+CHN"),
        ("أغلقت القوات قاعدة«ماناس»الأميركية", "قاعدة«ماناس»الأميركية", "Manas"),
        ('تعمل مؤسسة "آغا خان" في المنطقة', 'مؤسسة "آغا خان', "AGA-KHAN-DEVELOPMENT-NETWORK"),
    ],
)
def test_line_breaks_quotes_and_dashes_inside_a_name_keep_it(pipeline, text: str, name: str, entity: str) -> None:
    assert any(surface == name and found == entity for surface, found, _ in _links(pipeline, text))


@pytest.mark.parametrize(
    ("text", "bodies"),
    [
        # one head in the dual, two bodies, the adjective they share
        ("اجتمع ممثلو وزارتي الدفاع والداخلية الكازاخيتين", {"MOD-KAZ", "MVD-KAZ"}),
        (
            "اعترفت باستقلال جمهوريتي دونيتسك ولوغانسك الشعبيتين",
            {"DONETSK-PEOPLES-REPUBLIC", "LUHANSK-PEOPLES-REPUBLIC"},
        ),
        # without the adjective, two bare bodies of the state the sentence names
        ("زار ميدفيديف موسكو. وأوعز الرئيس الروسي لوزارتي الطوارئ والخارجية بالمساعدة", {"MES-RUS", "MFA-RUS"}),
    ],
)
def test_two_bodies_named_with_one_head_in_the_dual(pipeline, text: str, bodies: set[str]) -> None:
    assert bodies <= _ids(pipeline, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("زار الوفد وزارتي الدفاع والداخلية", {"MOD-KAZ", "MVD-KAZ", "MOD-RUS"}),  # no state: none
        ("زار الوفد مدينتي دونيتسك ولوغانسك", {"DONETSK-PEOPLES-REPUBLIC", "LUHANSK-PEOPLES-REPUBLIC"}),
    ],
)
def test_a_dual_without_a_body_s_head_or_state_names_no_body(pipeline, text: str, absent: set[str]) -> None:
    assert not absent & _ids(pipeline, text)


@pytest.mark.parametrize(
    ("text", "council"),
    [
        # a story about one state: the short name is that state's council
        ("أعلنت كازاخستان حالة الطوارئ. وترأس توكاييف اجتماع مجلس الأمن في أستانا", "SECURITY-COUNCIL-KAZ"),
        # the UN named: the UN Security Council
        ("دعت الأمم المتحدة إلى التهدئة. وعقد مجلس الأمن جلسة بشأن كازاخستان", "UNSC"),
        # no clear state: the international body, as the alias says
        ("عقد مجلس الأمن جلسة طارئة", "UNSC"),
        # the full name says which
        ("أعلنت كازاخستان أن مجلس الأمن الدولي سيجتمع", "UNSC"),
    ],
)
def test_a_short_council_name_is_the_clear_state_s_unless_the_un_is_named(pipeline, text: str, council: str) -> None:
    ids = _ids(pipeline, text)
    assert council in ids
    assert not {"UNSC", "SECURITY-COUNCIL-KAZ"} - {council} & ids


@pytest.mark.parametrize(
    "text",
    [
        "وكالة الأنباء الفرنسية\nقتل جنود في طاجيكستان",
        "قتل جنود في اشتباك. وقال مصدر أمني لوكالة فرانس برس إن الحكومة أرسلت قوات",
    ],
)
def test_a_news_agency_cited_names_no_state(pipeline, text: str) -> None:
    ids = _ids(pipeline, text)
    assert "AFP" in ids
    assert "FRA" not in ids


def test_a_ministry_still_names_its_state(pipeline) -> None:
    assert {"MOD-RUS", "RUS"} <= _ids(pipeline, "أعلنت وزارة الدفاع الروسية انتهاء التدريبات")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks were held in Moscow last week", ("Moscow", "Moscow", "place")),
        ("Moscow said the talks had failed", ("Moscow", "RUS", "country")),
        ("Переговоры прошли в Москве на прошлой неделе", ("Москве", "Moscow", "place")),
        ("Москва заявила о провале переговоров", ("Москва", "RUS", "country")),
    ],
)
def test_capitals_act_or_locate_in_english_and_russian(pipeline, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _links(pipeline, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("عقدت القمة في عاصمة كازاخستان أستانا", ("أستانا", "Astana", "place")),
        ("عقدت القمة في عاصمة كازاخستان (أستانا) أمس", ("أستانا", "Astana", "place")),
        # a sentence ends between the state and the capital: the capital acts
        ("هاجمت القوات في كازاخستان. أستانا ترفض", ("أستانا", "KAZ", "country")),
    ],
)
def test_a_capital_after_its_state_s_name_is_read_past_it(pipeline, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _links(pipeline, text)


def test_an_ordinal_inside_a_name_keeps_it(pipeline) -> None:
    links = _links(pipeline, "عقدت القمة السادسة لدول بحر قزوين في عشق آباد")
    assert ("القمة السادسة لدول بحر قزوين", "CASPIAN-SUMMIT", "organization") in links


def test_an_ordinal_after_a_head_alone_names_nothing(pipeline) -> None:
    assert not _links(pipeline, "عقدت القمة السادسة في المدينة")


@pytest.mark.parametrize("text", ["تحدث عن الاتحاد، الأوروبي", "انتقد الاتحاد. الأوروبي رفض"])
def test_a_comma_or_a_full_stop_breaks_a_name(pipeline, text: str) -> None:
    assert "EU" not in _ids(pipeline, text)


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("موسكو - أ ف ب\nأعلنت الحكومة خطة جديدة", ("موسكو", "Moscow", "place")),
        ("عنوان الخبر\n\nبشكيك، 5 مايو (شينخوا) أعلنت الحكومة خطة", ("بشكيك", "Bishkek", "place")),
        ("دوشنبه - بشكيك - وكالات\nاندلعت اشتباكات", ("بشكيك", "Bishkek", "place")),
    ],
)
def test_dateline_city_is_the_place_reported_from(pipeline, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _links(pipeline, text)


def test_capital_heading_a_line_without_a_dateline_mark_still_acts(pipeline) -> None:
    links = _links(pipeline, "موسكو تحذر من توسع الحلف\nقال مسؤول إن")
    assert ("موسكو", "RUS", "country") in links


def test_capital_in_a_list_of_cities_is_a_place(pipeline) -> None:
    links = _links(pipeline, "اعتقل أفراد في مدن نور سلطان وشيمكنت وأتيراو")
    assert ("نور سلطان", "Astana", "place") in links


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("أعلنت وزارة الثقافة الطاجيكية إقامة مهرجان في القرى الحدودية", "وزارة الثقافة الطاجيكية", "TJK"),
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
    [
        "وقالت وزارة الدفاع الروسية إن",
        "اندلعت حرب بالوكالة في روسيا",
        "تشكيل حركة روسية جديدة",
        "ونقلت وكالة الأنباء الكورية الجنوبية عن المتحدث أن",  # a source cited, not a body
    ],
)
def test_known_or_unnamed_bodies_are_not_provisional(pipeline, text: str) -> None:
    assert pipeline(Document("t", text)).new_entities == {}


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # the article's state: named again and again before the bare body
        (
            "تعزز طاجيكستان حدودها. وزار رئيس طاجيكستان دوشنبه. وقالت وزارة الدفاع إن الجنود وصلوا.",
            ("وزارة الدفاع", "MOD-TJK"),
        ),
        # the one state the sentence names before it, in an article about no one state
        ("اعتقلت السلطات في قرغيزستان عشرة أشخاص بالتعاون مع وزارة الداخلية.", ("وزارة الداخلية", "MVD-KGZ")),
        # the state right after the name closes it
        ("وأعلن حرس الحدود القرغيزية إغلاق المعبر.", ("حرس الحدود القرغيزية", "BORDER-SERVICE-KGZ")),
    ],
)
def test_bare_national_body_is_the_body_of_the_clear_state(pipeline, text: str, body: tuple[str, str]) -> None:
    assert (*body, "organization") in _links(pipeline, text)


@pytest.mark.parametrize(
    "text",
    [
        "وقالت وزارة الدفاع إن الجنود وصلوا إلى الحدود.",  # no state at all
        # two states, neither the article's: whose ministry is not said
        "التقى وفد من روسيا وآخر من الصين بممثلي وزارة الخارجية.",
        # the states disagree: the article's is Tajikistan, the sentence names Afghanistan
        "تعزز طاجيكستان حدودها. وزار رئيس طاجيكستان دوشنبه. ومع تقدم القتال في أفغانستان قالت وزارة الدفاع إن",
        "تعزز طاجيكستان حدودها. وزار رئيس طاجيكستان دوشنبه. ويستمر تطوير القوات المسلحة.",  # too general
    ],
)
def test_bare_national_body_without_a_clear_state_stays_unlinked(pipeline, text: str) -> None:
    assert not any(kind == "organization" for _, _, kind in _links(pipeline, text))


def test_bare_body_inside_a_title_is_the_title(pipeline) -> None:
    text = "تعزز قرغيزستان حدودها مع قرغيزستان. والتقى نائب رئيس مجلس الوزراء الوفد."
    assert "CABINET-KGZ" not in _ids(pipeline, text)


def test_title_after_a_title_is_no_name(pipeline) -> None:
    doc = pipeline(Document("t", "واستقبل السفير الكازاخي رئيس أركان الجيش في العاصمة."))
    assert not any(e.type == "person" for e in doc.new_entities.values())


def test_name_after_a_title_is_a_provisional_person(pipeline) -> None:
    doc = pipeline(Document("t", "وقال السفير الكازاخي أرمان بيكوف إن العلاقات قوية."))
    assert [e.name_ar for e in doc.new_entities.values() if e.type == "person"] == ["أرمان بيكوف"]


def test_name_after_a_speech_verb_is_a_person(pipeline) -> None:
    doc = pipeline(Document("t", "وقال أولان نيازبيكوف إن التحقيق مستمر في قرغيزستان."))
    people = [(m.text, m.entity_id) for m in doc.mentions if m.entity_type == "person"]
    assert [p[0] for p in people] == ["أولان نيازبيكوف"]
    assert people[0][1].startswith("new-")


def test_speech_verb_without_a_name_adds_nobody(pipeline) -> None:
    doc = pipeline(Document("t", "وقال مسؤول رفيع إن الحدود مغلقة بين قرغيزستان وطاجيكستان."))
    assert not any(m.entity_type == "person" for m in doc.mentions)


# -- the linear look-ups agree with the scans they replace ----------------------------------------

from functools import lru_cache as _lru_cache  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from marsad.extract.linking import _REFERENCE_WINDOW, _YEAR, LinkStage, Token, _View  # noqa: E402
from marsad.text.normalize import normalize_key  # noqa: E402
from marsad.text.segment import sentence_spans  # noqa: E402

_EXTRA = [
    "وأعلنت منظمة معاهدة الأمن الجماعي عام 2022 أن المعاهدة تبقى قائمة، وقال الحلف إن المنظمة مستعدة.",
    "وقال وزير الدفاع الأوزبكي في 2021 إن المنظمة والحلف والمعاهدة ومنظمة شنغهاي للتعاون شركاء.",
    "واجتمع الأمين العام لمنظمة معاهدة الأمن الجماعي مع وزير الخارجية الروسي سيرغي لافروف عام 2019 وعام 2020.",
    "وأكد الرئيس الكازاخستاني قاسم جومارت توكاييف أن رابطة الدول المستقلة والمنظمة تعملان معا.",
]


@_lru_cache(maxsize=1)
def _material() -> tuple[object, tuple[str, ...]]:
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[2] / "examples" / "corpus"
    sentences = [
        text[s.start : s.end]
        for p in sorted(corpus.glob("*.txt"))
        for text in [p.read_text(encoding="utf-8")]
        for s in sentence_spans(text)
    ]
    return build_pipeline(), tuple(sentences + _EXTRA * 5)


def _prepared(text: str) -> tuple[LinkStage, Document, _View]:
    """``text`` through the stages before linking."""
    pipeline, _ = _material()
    doc = Document("t", text, DocumentMeta(published="2024-05-01"))
    for stage in pipeline.stages:
        if stage.name == "link":
            return stage, doc, _View(doc)
        stage(doc)
    raise AssertionError("no link stage")


def _from_sentences(indexes: list[int], paragraphs: bool) -> str:
    _, sentences = _material()
    return ("\n\n" if paragraphs else " ").join(sentences[i % len(sentences)] for i in indexes)


_PHRASES = [
    "منظمة معاهدة الأمن الجماعي",
    "منظمة شنغهاي للتعاون",
    "رابطة الدول المستقلة",
    "حلف الناتو",
    "المنظمة",
    "والمنظمة",
    "الحلف",
    "المعاهدة",
    "للمنظمة",
    "وزير الخارجية الروسي سيرغي لافروف",
    "سيرغي لافروف",
    "وزير الدفاع الأوزبكي",
    "الأمين العام لمنظمة معاهدة الأمن الجماعي",
    "الرئيس الكازاخستاني قاسم جومارت توكاييف",
    "وقال الرئيس القرغيزي صادر جباروف",
    "عام 2021.",
    "في 2019 و2020.",
]


@st.composite
def _phrase_texts(draw) -> str:
    """Names, titles and short references, apart by fillers of up to a little more than the
    window of a reference: some fall just inside it, some just outside."""
    parts = []
    for _ in range(draw(st.integers(min_value=2, max_value=40))):
        parts.append(draw(st.sampled_from(_PHRASES)))
        gap = draw(st.one_of(st.integers(0, 40), st.integers(_REFERENCE_WINDOW - 50, _REFERENCE_WINDOW)))
        parts.append(" ".join(["هنا"] * (gap // 4)) + " " * (gap % 4))
    return " ".join(parts)


_TEXTS = st.one_of(
    st.builds(
        _from_sentences, st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=80), st.booleans()
    ),
    _phrase_texts(),
)


def _old_org_references(stage: LinkStage, view: _View, mentions: list) -> list:
    orgs = sorted(
        (view.norm(m.start), m.entity_id, normalize_key(m.text).split())
        for m in mentions
        if m.entity_type == "organization" and m.entity_id in stage._kb.entities
    )
    if not orgs:
        return []
    refs = stage._rules.org_references
    covered = view.covered(mentions)
    added = []
    for start, end, word in view.find(stage._reference_words):
        token = Token(start, end, view.text[start:end])
        if covered[token.start]:
            continue
        before = [(o, words) for p, o, words in orgs if token.start - _REFERENCE_WINDOW < p < token.start]
        fitting = [(o, words) for o, words in before if stage._kb.entities[o].kind in refs[word]]
        named = [o for o, words in fitting if word.removeprefix("ال") in words]
        choice = named or [o for o, _ in fitting]
        if choice:
            length = len(word) if view.text.endswith(word, 0, token.end) else len(word) - 1
            added.append((view.span(token.end - length, token.end), choice[-1]))
    return added


def _old_reference_date(view: _View, position: int) -> str:
    doc = view.doc
    o_position = view.span(position, position)[0]
    for sentence in doc.sentences:
        if sentence.start <= o_position < sentence.end:
            years = set(_YEAR.findall(doc.text[sentence.start : sentence.end]))
            if len(years) == 1:
                return years.pop()
            break
    return doc.meta.published


@settings(max_examples=100, deadline=None)
@given(_TEXTS)
def test_org_references_agree_with_a_scan_of_every_organization(text: str) -> None:
    """Many organizations and short references, some farther apart than the window."""
    stage, doc, view = _prepared(text)
    mentions = stage._context_filter(view, doc.mentions)
    expected = _old_org_references(stage, view, mentions)
    got = [((m.start, m.end, m.text), m.entity_id) for m in stage._org_references(view, mentions)]
    assert got == expected


@settings(max_examples=40, deadline=None)
@given(_TEXTS, st.data())
def test_reference_date_agrees_with_a_walk_over_the_sentences(text: str, data) -> None:
    stage, doc, view = _prepared(text)
    positions = data.draw(st.lists(st.integers(min_value=0, max_value=len(view.text)), max_size=50))
    # every sentence edge and the characters around it, where an off-by-one would show
    edges = {p + d for s in doc.sentences for p in (s.start, s.end) for d in (-1, 0, 1)}
    positions += [view.norm(e) for e in edges if 0 <= e <= len(doc.text)]
    for position in sorted(set(positions)):
        assert stage._reference_date(view, position) == _old_reference_date(view, position)


@given(st.text(alphabet="بفي ال،.«»-_1 ", max_size=400), st.data())
def test_the_context_before_a_position_is_read_as_letter_by_letter(text: str, data) -> None:  # type: ignore[no-untyped-def]
    from marsad.extract.linking import _View
    from marsad.text.normalize import normalize

    view = _View(Document("t", text, normalized=normalize(text)))
    position = data.draw(st.integers(0, len(view.text)))
    word_start = view._word_start(position)
    start, end = view._previous_word(word_start)
    assert view.context_before(position) == (view.text[word_start:position], view.text[start:end])


@pytest.mark.parametrize(
    "text", ["ب" * 300 + " في " + "ل" * 10, "ل" * 10 + "." * 200 + "ب" * 50, "في" + " " * 45 + "وبموسكو"]
)
def test_the_context_before_a_position_holds_for_long_words_and_gaps(text: str) -> None:
    from marsad.extract.linking import _View
    from marsad.text.normalize import normalize

    view = _View(Document("t", text, normalized=normalize(text)))
    for position in (p for p in (len(text), len(text) - 3, 305, 100) if p <= len(view.text)):
        word_start = view._word_start(position)
        start, end = view._previous_word(word_start)
        assert view.context_before(position) == (view.text[word_start:position], view.text[start:end])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # both names in another spelling (a dropped alif, «ض» for «ز»): the known person
        ("وقال الرئيس صدير جاباروف إن بلاده مستعدة.", ("صدير جاباروف", "sadyr-japarov")),
        ("واستقبل وشوكت ميرضيايف الوفد.", ("شوكت ميرضيايف", "shavkat-mirziyoyev")),
    ],
)
def test_a_known_person_in_another_spelling_of_both_names(pipeline, text: str, expected: tuple[str, str]) -> None:
    doc = pipeline(Document("t", text, DocumentMeta(published="2024-03-08")))
    assert expected in [(m.text, m.entity_id) for m in doc.mentions if m.entity_type == "person"]


def test_a_known_surname_with_another_first_name_is_someone_else(pipeline) -> None:
    doc = pipeline(Document("t", "وقال إيفان جاباروف إن التحقيق مستمر.", DocumentMeta(published="2024-03-08")))
    assert "sadyr-japarov" not in {m.entity_id for m in doc.mentions}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the authorities of the state the article is about
        ("شهدت كازاخستان احتجاجات. وأكدت كازاخستان الاستقرار. وأعلنت السلطات اعتقال 20 شخصا.", "KAZ"),
        # the state named just before, in an article about none in particular
        ("وصل الوفد إلى قيرغيزستان أمس. وقالت الحكومة إن المحادثات بدأت.", "KGZ"),
        # two states and no article's state: nobody
        ("التقى وزيرا خارجية روسيا والصين. وقالت الحكومة إن المحادثات بدأت.", None),
        # its own state named after it: that one
        ("شهدت كازاخستان احتجاجات. وأكدت كازاخستان الاستقرار. وأعلنت السلطات الأوزبكية اعتقال 20 شخصا.", None),
    ],
)
def test_the_authorities_of_no_named_state_are_the_article_s_state(pipeline, text: str, expected: str | None) -> None:
    doc = pipeline(Document("t", text, DocumentMeta(published="2024-11-01")))
    found = [m.entity_id for m in doc.mentions if m.rule == "context.state-institution"]
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a nisba in the indefinite accusative («وفدًا سعوديًا») names its state, and the noun
        # it qualifies is no person's name after the title before it
        ("استقبل الرئيس الأوزبكي وفدًا سعوديًا برئاسة وزير الطاقة.", "SAU", "new-"),
        ("استقبل الرئيس الأوزبكي وفدا صينيا في طشقند.", "CHN", "new-"),
    ],
)
def test_a_nisba_in_the_accusative(pipeline, text: str, present: str, absent: str) -> None:
    ids = _ids(pipeline, text, "2023-01-01")
    assert present in ids
    assert not any(i.startswith(absent) for i in ids)
