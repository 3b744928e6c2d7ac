"""Who takes part in an event: parties named by their number, those gathered, the members of
an organization named as a whole, and the single party of what one state does alone."""

from __future__ import annotations

import pytest

from marsad.document import Document, DocumentMeta
from marsad.extract.pipeline import build_pipeline


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


def _events(pipeline, text: str, event_type: str) -> list[tuple[str, ...]]:
    doc = pipeline(Document("t", text, DocumentMeta(published="2015-05-20")))
    return [e.actors for e in doc.events if e.type == event_type]


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        # a protest in a state is a whole event with one party, undated or not
        ("وشهدت قيرغيزستان احتجاجات واسعة على نتائج الانتخابات.", "PROTEST", [{"KGZ"}]),
        # aid ties a giver to a receiver: an undated noun with one party is background talk
        ("وتحدث التقرير عن المساعدات الأمريكية الكبيرة.", "AID", []),
        # the founding of an organization is its event, the organization its party
        ("وتحتفل الدول الأعضاء بذكرى تأسيس منظمة شنغهاي للتعاون.", "AGREEMENT", [{"SCO"}]),
        # a state's own plan named by a noun is still talk: only an organization is founded so
        ("وتحدث التقرير عن إنشاء كازاخستان مصانع جديدة.", "AGREEMENT", []),
        # ... unless a verb tells it through the noun, its object
        ("وقامت تركيا بتوريد طائرات مسيرة.", "AID", [{"TUR"}]),
        ("وأصدرت الحكومة الأوزبكية أمس بيانا تدعم فيه الحوار.", "STATEMENT", [{"UZB"}]),
    ],
)
def test_one_party_is_a_whole_event_only_for_what_a_state_does_alone(
    pipeline, text: str, event_type: str, expected: list[set[str]]
) -> None:
    assert [set(a) for a in _events(pipeline, text, event_type)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the heads of the member states are its members at the date
        (
            "عقد رؤساء الدول الأعضاء في منظمة معاهدة الأمن الجماعي اجتماعا في موسكو في 10 مايو 2015.",
            {"CSTO", "RUS", "KAZ", "KGZ", "TJK", "BLR", "ARM"},
        ),
        # its ministers' meeting is told by the organization alone
        ("عقد وزراء دفاع الدول الأعضاء في منظمة معاهدة الأمن الجماعي اجتماعا في موسكو في 10 مايو 2015.", {"CSTO"}),
        # the text names who came: nobody else is added
        (
            "انطلقت قمة قادة دول منظمة شنغهاي للتعاون روسيا والصين وكازاخستان في 10 يونيو 2015.",
            {"SCO", "RUS", "CHN", "KAZ"},
        ),
    ],
)
def test_the_heads_of_the_member_states_are_the_members(pipeline, text: str, expected: set[str]) -> None:
    assert [set(a) for a in _events(pipeline, text, "MEETING")] == [expected]


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        # «الجانبان»: the two states named just before
        (
            "استقبل الرئيس الكازاخي نظيره الأوزبكي في أستانا. ووقع الجانبان اتفاقية للتعاون العسكري.",
            "AGREEMENT",
            [{"KAZ", "UZB"}],
        ),
        # with no state named before, the two are not known
        ("وأعلنت الخارجية أن الطرفين وقعا اتفاقية للتعاون العسكري.", "AGREEMENT", []),
        # «البلدان» is as often the plural: no two states are read into it
        ("وأكد المسؤول أن بلاده لن تشارك في أي حرب بين البلدان الأخرى.", "CLASH", []),
    ],
)
def test_two_parties_named_by_their_number(pipeline, text: str, event_type: str, expected: list[set[str]]) -> None:
    assert [set(a) for a in _events(pipeline, text, event_type)] == expected


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # «الرؤساء» as the subject: those gathered at the summit told before
        ("واتفق الرؤساء على تعزيز التعاون الأمني.", {"RUS", "KAZ", "KGZ"}),
        # «الأطراف المشاركة»: the parties gathered, by their common noun, with the one they sign with
        ("وتبنت الأطراف المشاركة إعلانا مشتركا مع الصين.", {"CHN", "RUS", "KAZ", "KGZ"}),
        # leaders named further on, not as the subject, are others
        ("وقالت أوزبكستان إنها وقعت مع طاجيكستان اتفاقية تخدم مصالح المواطنين والقادة في المنطقة.", {"UZB", "TJK"}),
    ],
)
def test_those_gathered_are_the_parties_of_the_meeting_before(pipeline, second: str, expected: set[str]) -> None:
    text = "عقد رؤساء روسيا وكازاخستان وقيرغيزستان قمة في موسكو يوم 5 مايو 2015. " + second
    assert [set(a) for a in _events(pipeline, text, "AGREEMENT")] == [expected]


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        # the state across a border says where the forces went
        ("ونشرت طاجيكستان قوات إضافية على الحدود مع أفغانستان في 5 مايو 2015.", "DEPLOYMENT", [{"TJK"}]),
        # a state the forces went into is a party
        ("ونشرت طاجيكستان قوات إضافية في أفغانستان في 5 مايو 2015.", "DEPLOYMENT", [{"TJK", "AFG"}]),
        # the nisbas of a border say where, not who
        ("واندلعت اشتباكات على الحدود الطاجيكية الأفغانية في 5 مايو 2015.", "CLASH", []),
        # the nisba of a border body is the state it serves
        ("وقال حرس الحدود الروسي إن اشتباكات اندلعت في 5 مايو 2015.", "CLASH", [{"RUS"}]),
    ],
)
def test_a_border_says_where(pipeline, text: str, event_type: str, expected: list[set[str]]) -> None:
    assert [set(a) for a in _events(pipeline, text, event_type)] == expected


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        # «لقائه»: his meeting, with the subject of the clause
        ("وقال الرئيس الكازاخي خلال لقائه مع نظيره الصيني إن العلاقات ممتازة.", "MEETING", [{"KAZ", "CHN"}]),
        # a meeting nobody owns, with one party named, is no news of a meeting
        ("وقال الرئيس الكازاخي خلال الاجتماع مع الوفد إن العلاقات ممتازة.", "MEETING", []),
        # what one party does alone, with its party named, is news even in a time phrase
        ("وأعلنت كازاخستان أنها تدعم الحوار بعد الصراع في أفغانستان.", "CLASH", [{"AFG"}]),
        # a time phrase opening the sentence keeps its names: the main clause's parties are its own
        (
            "وخلال القمة التي جمعت قادة روسيا والصين، وقعت كازاخستان اتفاقية مع أوزبكستان.",
            "AGREEMENT",
            [{"KAZ", "UZB"}],
        ),
    ],
)
def test_what_a_time_phrase_holds(pipeline, text: str, event_type: str, expected: list[set[str]]) -> None:
    assert [set(a) for a in _events(pipeline, text, event_type)] == expected


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        # while he held the organization's office he acted for it, for no state
        ("2010-05-20", {"CSTO", "TJK"}),
        # while he held the state's office he served it
        ("1999-01-20", {"RUS", "TJK"}),
    ],
)
def test_a_person_acts_for_the_state_of_the_role_held_then(pipeline, published: str, expected: set[str]) -> None:
    text = "وصرح بورديوجا بعد لقائه الرئيس الطاجيكي بأن الطرفين متفقان."
    doc = pipeline(Document("t", text, DocumentMeta(published=published)))
    assert [set(e.actors) for e in doc.events if e.type == "MEETING"] == [expected]


C5 = {"KAZ", "KGZ", "TJK", "TKM", "UZB"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a war in the time phrase has its own parties; the main clause's are not in it
        (
            "وفي خضم الحرب الروسية في أوكرانيا، وقعت تركيا اتفاقية للتعاون العسكري مع دول آسيا الوسطى.",
            {"CLASH": [{"RUS", "UKR"}], "AGREEMENT": [{"TUR", *C5}]},
        ),
        # the Central Asian states as a party «مع دول آسيا الوسطى»
        ("ووقعت تركيا اتفاقية للتعاون العسكري مع دول آسيا الوسطى.", {"CLASH": [], "AGREEMENT": [{"TUR", *C5}]}),
        ("ووقعت تركيا اتفاقية للتعاون العسكري مع جمهوريات آسيا الوسطى.", {"CLASH": [], "AGREEMENT": [{"TUR", *C5}]}),
        # the region talked about is no party
        ("وتحدث الخبراء عن الأوضاع في دول آسيا الوسطى.", {"CLASH": [], "AGREEMENT": []}),
        ("وتحدث الخبراء عن الأوضاع في جمهوريات آسيا الوسطى.", {"CLASH": [], "AGREEMENT": []}),
    ],
)
def test_a_backdrop_keeps_its_parties_and_a_region_is_no_party(pipeline, text: str, expected: dict) -> None:
    for event_type, actors in expected.items():
        assert [set(a) for a in _events(pipeline, text, event_type)] == actors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the verb after a relative pronoun has the name before it as subject
        ("ورحبت الصين بأذربيجان، التي انضمت إلى منظمة شنغهاي للتعاون في عام 2015.", [{"AZE", "SCO"}]),
        # a relative pronoun after a noun that names nobody leaves the verb's subject after it
        ("وأشاد الرئيس بالاتفاقية التي وقعتها كازاخستان مع روسيا في عام 2015.", []),
    ],
)
def test_a_relative_verb_is_about_the_name_before_it(pipeline, text: str, expected: list[set[str]]) -> None:
    assert [set(a) for a in _events(pipeline, text, "JOIN")] == expected
    if not expected:
        assert [set(a) for a in _events(pipeline, text, "AGREEMENT")] == [{"KAZ", "RUS"}]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a body the knowledge base lacks acts as the state named with it
        ("وأعلنت وكالة مكافحة المخدرات الطاجيكية اعتقال 5 أشخاص في 5 مايو 2015.", [{"TJK"}]),
        # a known national body acts as its state too (it stays an entity)
        ("وأعلنت لجنة الأمن القومي الحكومية في كازاخستان اعتقال 5 أشخاص في 5 مايو 2015.", [{"KAZ"}]),
    ],
)
def test_a_national_body_acts_as_its_state(pipeline, text: str, expected: list[set[str]]) -> None:
    assert [set(a) for a in _events(pipeline, text, "ARREST")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a meeting of exactly a format's members is the format's meeting
        ("وعقد رؤساء روسيا وكازاخستان وقيرغيزستان وطاجيكستان وتركمانستان وأوزبكستان قمة في 5 مايو 2015.", "RUS+C5"),
        # with one of them missing it is not
        ("وعقد رؤساء روسيا وكازاخستان وقيرغيزستان وطاجيكستان وأوزبكستان قمة في 5 مايو 2015.", None),
    ],
)
def test_a_meeting_of_a_formats_members_is_the_formats(pipeline, text: str, expected: str | None) -> None:
    (actors,) = _events(pipeline, text, "MEETING")
    formats = [a for a in actors if "+" in a or a == "C5"]
    assert formats == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        # no party named: the state of the place where it happened
        ("واندلعت مواجهات عنيفة في مدينة أوش مساء الثلاثاء.", "CLASH", [{"KGZ"}]),
        ("واعتقلت الشرطة خمسة رجال في دوشنبه أمس.", "ARREST", [{"TJK"}]),
        # the article is about one state: what happens with no party named happens there
        (
            "أعلنت أوزبكستان خطة جديدة للطاقة. وقالت طشقند إن أوزبكستان ستبني محطتين. "
            "وفي المساء اشتبك مسلحون مع الحراس قرب السوق.",
            "CLASH",
            [{"UZB"}],
        ),
        # the passive told with a verbal noun tells what happened as a verb does
        (
            "أعلنت أوزبكستان خطة جديدة للطاقة. وقالت طشقند إن أوزبكستان ستبني محطتين. "
            "وتم اعتقال ثلاثة أشخاص قرب السوق.",
            "ARREST",
            [{"UZB"}],
        ),
        # named in passing by a noun, with no place: not given the article's state
        (
            "أعلنت أوزبكستان خطة جديدة للطاقة. وقالت طشقند إن أوزبكستان ستبني محطتين. وتحدث الكاتب عن المواجهات.",
            "CLASH",
            [],
        ),
        # no place, no state the article is about: nobody is guessed
        ("وفي المساء اشتبك مسلحون مع الحراس قرب السوق.", "CLASH", []),
        # a meeting is never given a party this way
        ("وعقد اجتماع مطول في مدينة أوش.", "MEETING", []),
    ],
)
def test_what_happens_with_no_party_named_happens_in_a_state(
    pipeline, text: str, event_type: str, expected: list[set[str]]
) -> None:
    assert [set(a) for a in _events(pipeline, text, event_type)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an armed group based in a state fights as itself, not as that state
        ("هاجمت حركة طالبان مواقع للجيش الأفغاني في ولاية بلخ.", "TALIBAN"),
        # a ministry acts as its state
        ("واعتقلت وزارة الداخلية الطاجيكية ثلاثة مشتبه بهم.", "TJK"),
    ],
)
def test_an_armed_group_acts_as_itself(pipeline, text: str, expected: str) -> None:
    assert any(
        expected in actors for event_type in ("CLASH", "ARREST") for actors in _events(pipeline, text, event_type)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a visit to a city is a meeting with its state
        ("ووصل الرئيس الأوزبكي شوكت ميرزيوييف أمس إلى دوشنبه في زيارة رسمية.", {"UZB", "TJK"}),
        # an organization's meeting is its own wherever it is held
        ("وعقدت منظمة معاهدة الأمن الجماعي اجتماعا لوزرائها في مدينة أوش.", {"CSTO"}),
    ],
)
def test_the_state_a_meeting_is_held_in_hosts_it(pipeline, text: str, expected: set[str]) -> None:
    assert [set(a) for a in _events(pipeline, text, "MEETING")] == [expected]


def test_the_two_parties_told_before_are_the_pair_named_by_number(pipeline) -> None:
    text = (
        "ووقعت الصين وكازاخستان اتفاقية لترسيم الحدود في مايو 2015. وتحدد الاتفاقية خطا طوله مئات الكيلومترات. "
        "وتقول الصحف إن الخرائط نشرت كاملة. وعقد الرئيسان لقاء مطولا في القصر الرئاسي."
    )
    assert [set(a) for a in _events(pipeline, text, "MEETING")] == [{"CHN", "KAZ"}]
    # with no event of two told before, the number names no one
    alone = "وتقول الصحف إن الخرائط نشرت كاملة. وعقد الرئيسان لقاء مطولا في القصر الرئاسي."
    assert _events(pipeline, alone, "MEETING") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a spokesman of a ministry speaks for the ministry's state
        ("وقال فريدون محمد علييف إن الوضع على الحدود هادئ تماما.", [{"TJK"}]),
        # an office in a body above states makes its holder speak for no state
        ("وقال يوري خاتشاتوروف إن القوات جاهزة تماما.", []),
    ],
)
def test_an_office_in_a_national_body_serves_its_state(pipeline, text: str, expected: list[set[str]]) -> None:
    assert [set(a) for a in _events(pipeline, text, "STATEMENT")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a relative clause right after the exercise says who conducts it
        ('بدأت في قرغيزستان مناورات "الجبال 2019"، التي تنفذها دول منظمة معاهدة الأمن الجماعي.', [{"KGZ", "CSTO"}]),
        # one after a name describes the name: who it names takes no part
        ("أجرت روسيا مناورات مع كازاخستان، التي تستضيف قاعدة صينية منذ سنوات.", [{"RUS", "KAZ"}]),
    ],
)
def test_a_relative_clause_of_conducting_names_the_events_party(pipeline, text: str, expected: list[set[str]]) -> None:
    assert [set(a) for a in _events(pipeline, text, "EXERCISE")] == expected


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        # the nisba of a state gone, followed by "former", says what a state once was
        ("وتبنت داعش هجوما على مخفر في طاجيكستان، الجمهورية السوفيتية السابقة.", "CLASH", {"ISIS", "TJK"}),
        # a nisba of a state in being, with "former", is not touched
        ("والتقى وزير الخارجية الصيني السابق نظيره الطاجيكي في دوشنبه أمس.", "MEETING", {"CHN", "TJK"}),
    ],
)
def test_a_former_states_nisba_describes(pipeline, text: str, event_type: str, expected: set[str]) -> None:
    # undated: no date tells that the state was gone by then
    doc = pipeline(Document("t", text, DocumentMeta(published="")))
    assert [set(e.actors) for e in doc.events if e.type == event_type] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the heads of the region's states, with «بلدان», are the five
        ("وبدأت أمس في أستانا قمة زعماء بلدان آسيا الوسطى لبحث الأمن.", {"KAZ", "KGZ", "TJK", "TKM", "UZB"}),
        # five former Soviet republics of the region, named by their number, are the five too
        (
            "وعقدت الصين قمة مع خمس من الجمهوريات السوفيتية السابقة في آسيا الوسطى أمس.",
            {"CHN", "KAZ", "KGZ", "TJK", "TKM", "UZB"},
        ),
    ],
)
def test_the_regions_states_named_as_a_group(pipeline, text: str, expected: set[str]) -> None:
    assert any(expected <= set(a) for a in _events(pipeline, text, "MEETING"))


@pytest.mark.parametrize(
    ("text", "meetings"),
    [
        # a press conference held is where words were said, not a meeting
        ("وقال الوزير الروسي في مؤتمر صحفي عقده في موسكو إن بلاده لن تتدخل.", 0),
        # a meeting held is one
        ("وعقد الوزير الروسي اجتماعا مع نظيره الكازاخي في موسكو أمس.", 1),
    ],
)
def test_a_press_conference_held_is_no_meeting(pipeline, text: str, meetings: int) -> None:
    assert len(_events(pipeline, text, "MEETING")) == meetings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # «البلدان» right after the bare past verb is the dual subject: the two states named before
        (
            "وتعززت العلاقات بين روسيا والصين. وأجرى البلدان مناورات بحرية مشتركة في العام الماضي.",
            [{"RUS", "CHN"}],
        ),
        # after the feminine verb it is a plural of things: no pair is read
        (
            "وتعززت العلاقات بين روسيا والصين. وأجرت البلدان مناورات بحرية مشتركة في العام الماضي.",
            [],
        ),
    ],
)
def test_a_dual_spelt_as_a_plural_after_its_verb(pipeline, text: str, expected: list[set[str]]) -> None:
    assert [set(a) for a in _events(pipeline, text, "EXERCISE")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a time phrase ends where the words its clause's verb reports begin
        ("وقال الوزير الكازاخي خلال اجتماع لمنظمة شنغهاي مع الصين أن أفغانستان تواجه أزمة.", [{"SCO", "CHN"}]),
        # a state named inside the phrase, before the reported words, takes part
        ("وقال الوزير الكازاخي خلال اجتماع لمنظمة شنغهاي مع أفغانستان أن الأزمة تتفاقم.", [{"SCO", "AFG"}]),
    ],
)
def test_a_time_phrase_ends_where_reported_words_begin(pipeline, text: str, expected: list[set[str]]) -> None:
    assert [set(a) for a in _events(pipeline, text, "MEETING")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the describing verb carries the pronoun of the name it describes: who it counts is not who left
        ("وأعلنت قيرغيزستان انسحابها من منظمة شنغهاي التي تضمها مع روسيا والصين.", [{"KGZ", "SCO"}]),
        # without it, the states after «مع» are named with the event
        ("وأعلنت قيرغيزستان انسحابها من منظمة شنغهاي مع روسيا والصين.", [{"KGZ", "SCO", "RUS", "CHN"}]),
    ],
)
def test_a_describing_verb_with_a_pronoun_describes(pipeline, text: str, expected: list[set[str]]) -> None:
    assert [set(a) for a in _events(pipeline, text, "LEAVE")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the state hosting the bases, the antecedent of the verb whose object they are, takes part
        ("وقالت قرغيزستان التي تستضيف قاعدة عسكرية روسية إنها لن تغلقها.", [{"KGZ", "RUS"}]),
        # a verb that neither conducts nor hosts: the nisba alone says whose the base is
        ("وقالت قرغيزستان التي تنتقد قاعدة عسكرية روسية إنها لن تقبلها.", [{"RUS"}]),
    ],
)
def test_the_subject_of_a_hosting_verb_takes_part(pipeline, text: str, expected: list[set[str]]) -> None:
    assert [set(a) for a in _events(pipeline, text, "DEPLOYMENT")] == expected


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        # nobody named near the verb: the parties of the event told just before act again
        (
            "وأرسلت أوزبكستان قوات إلى الحدود مع قرغيزستان في مايو 2015. واعتقلت القوات عشرات المسلحين.",
            "ARREST",
            [("UZB",)],
        ),
        (
            "اجتمع رئيسا كازاخستان وأوزبكستان في طشقند يوم الاثنين. ووقعا اتفاقية للتعاون العسكري.",
            "AGREEMENT",
            [("KAZ", "UZB")],
        ),
        # a statement needs its speaker named
        ("وأرسلت أوزبكستان قوات إلى الحدود مع قرغيزستان في مايو 2015. وأكد أن الوضع هادئ.", "STATEMENT", []),
        # too far from the event before, the narrative has moved on
        (
            "وأرسلت أوزبكستان قوات إلى الحدود مع قرغيزستان في مايو 2015. ويقول التقرير إن القوات بقيت في"
            " المنطقة شهورا طويلة بعد ذلك، وإن السكان في القرى المجاورة لم يلاحظوا أي تغيير في حياتهم"
            " اليومية طوال تلك الفترة، ثم اعتقلت عشرات المسلحين.",
            "ARREST",
            [],
        ),
        # what the event before provides for is no act of its parties
        ("ووقعت روسيا وطاجيكستان اتفاقا ينص على إخلاء القاعدة.", "RETREAT", []),
        # a time phrase opening the sentence points back at the event told
        (
            "اجتمع وزراء دفاع كازاخستان وأوزبكستان في سمرقند يوم 20 أكتوبر. بعد يوم من اجتماع سمرقند،"
            " شهدت أوزبكستان انطلاق مناورات.",
            "MEETING",
            [("KAZ", "UZB")],
        ),
        # English names its subjects: no parties carried over
        ("Uzbekistan sent troops to the border in May 2015. Dozens of militants were detained.", "ARREST", []),
    ],
)
def test_the_parties_of_the_event_before_go_on(pipeline, text: str, event_type: str, expected: list) -> None:
    assert _events(pipeline, text, event_type) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two states' bases in one host: a deployment each, with the host
        (
            "وقالت الحكومة في قرغيزستان، التي تستضيف قاعدتين جويتين واحدة أمريكية وأخرى روسية، إن الوضع مستقر.",
            [{"USA", "KGZ"}, {"RUS", "KGZ"}],
        ),
        # one state's bases in two hosts: one in each
        (
            "وتتبع للمنطقة القاعدة العسكرية الروسية على أراضي طاجيكستان والقاعدة العسكرية المشتركة في قرغيزستان.",
            [{"RUS", "TJK"}, {"RUS", "KGZ"}],
        ),
        # one owner, one host: one deployment
        ("وزار الوزير القاعدة العسكرية الروسية في طاجيكستان.", [{"RUS", "TJK"}]),
        # the states named by name before the noun are the parties of a lease, no owners: as told
        (
            "وأنهت الولايات المتحدة وقرغيزستان جدلا حول تأجير قاعدة عسكرية تستخدم لدعم العمليات في أفغانستان.",
            [{"USA", "KGZ", "AFG"}],
        ),
    ],
)
def test_each_states_base_in_each_host_is_a_deployment(pipeline, text: str, expected: list[set[str]]) -> None:
    assert [set(a) for a in _events(pipeline, text, "DEPLOYMENT")] == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the secretary-general of an alliance speaks for it while in office
        ("صرح بورديوجا بأن التعاون مع حلف شمال الأطلسي غير مطروح الآن.", "2006-02-10", [{"CSTO", "NATO"}]),
        # years after his term he speaks for no party: no statement of one
        ("صرح بورديوجا بأن التعاون مع حلف شمال الأطلسي غير مطروح الآن.", "2020-02-10", []),
    ],
)
def test_an_office_in_an_organization_above_states_is_held_for_it(
    pipeline, text: str, published: str, expected: list[set[str]]
) -> None:
    doc = pipeline(Document("t", text, DocumentMeta(published=published)))
    assert [set(e.actors) for e in doc.events if e.type == "STATEMENT"] == expected


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        # a host deciding to close a foreign base ends the arrangement
        ("وقررت قرغيزستان إغلاق القاعدة الأمريكية في العام الماضي.", "LEAVE"),
        ("وصادق البرلمان القرغيزي الخميس على إقفال القاعدة الأمريكية.", "LEAVE"),
        # the closing done is the owner's withdrawal
        ("واكتمل أمس إغلاق القاعدة الأمريكية قرب العاصمة بشكيك.", "RETREAT"),
    ],
)
def test_a_base_closed_by_its_hosts_decision_ends_the_arrangement(pipeline, text: str, event_type: str) -> None:
    doc = pipeline(Document("t", text, DocumentMeta(published="2014-06-03")))
    assert [e.type for e in doc.events if e.type in ("LEAVE", "RETREAT")] == [event_type]


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        # what one party said or alleged, told in a time phrase, is still said
        ("وتصاعد التوتر بعد اتهام وزير الخارجية الروسي سيرغي لافروف للغرب بالتدخل.", "ACCUSE", [{"RUS"}]),
        # a war of one party named as the backdrop is not news
        ("وارتفعت أسعار القمح في كازاخستان أثناء الحرب الأوكرانية.", "CLASH", []),
    ],
)
def test_words_told_in_a_time_phrase_are_said(pipeline, text: str, event_type: str, expected: list[set[str]]) -> None:
    assert [set(a) for a in _events(pipeline, text, event_type)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # people joining an armed group: the group is the one party
        ("وأعلن ضابط في الشرطة الطاجيكية في شريط مصور انضمامه لتنظيم داعش في سوريا.", [{"ISIS"}]),
        # a state joining an organization: both
        ("وانضمت أوزبكستان إلى منظمة معاهدة الأمن الجماعي في عام 2006.", [{"UZB", "CSTO"}]),
    ],
)
def test_people_joining_an_armed_group(pipeline, text: str, expected: list[set[str]]) -> None:
    assert [set(a) for a in _events(pipeline, text, "JOIN")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # in Arabic a single state makes no agreement: the trigger tells its other sense
        # («وقع» it happened, «وافق على» it approved)
        ("والانفجار الثاني وقع بمحاذاة سفارة إسرائيل في طشقند.", []),
        ("ووافق برلمان قيرغيزستان على مشروع قانون جديد للانتخابات.", []),
        # two states sign, an organization is founded: agreements
        ("ووقعت روسيا وكازاخستان اتفاقية للتعاون العسكري في موسكو.", [{"RUS", "KAZ"}]),
        ("وتأسست منظمة شنغهاي للتعاون عام 2001.", [{"SCO"}]),
        # English signing has no other sense: the pack leaves one state's agreement told
        ("Kazakhstan signed a defence agreement on Monday.", [{"KAZ"}]),
    ],
)
def test_an_agreement_needs_two_parties_where_the_pack_says(pipeline, text: str, expected: list[set[str]]) -> None:
    assert [set(a) for a in _events(pipeline, text, "AGREEMENT")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the pronoun of «عضويتها» is the subject's: not the state the meeting before it is held in
        (
            "واعتذرت قيرغيزستان عن حضور قمة منظمة شنغهاي للتعاون التي تعقد غدا في طاجيكستان، "
            "بعد إعلانها تعليق عضويتها في الاتحاد الاقتصادي الأوراسي.",
            {"KGZ", "EAEU"},
        ),
        # a name in the noun's own phrase is the one it refers to
        ("وأعلنت أرمينيا قبل أيام تجميد عضويتها في منظمة معاهدة الأمن الجماعي.", {"ARM", "CSTO"}),
    ],
)
def test_the_pronoun_of_a_membership_noun_is_its_agent(pipeline, text: str, expected: set[str]) -> None:
    assert [set(a) for a in _events(pipeline, text, "LEAVE")][-1:] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        # an accusative noun is no noun with a pronoun: «عدوانا» is not «عدو» + «انا»
        "وقالت بيلاروسيا إن الغرب يشن، منذ أشهر، عدوانا واسعا ضد روسيا.",
    ],
)
def test_a_noun_without_a_pronoun_keeps_the_names_before_it(pipeline, text: str) -> None:
    doc = pipeline(Document("t", text, DocumentMeta(published="2015-05-20")))
    assert any("RUS" in e.actors for e in doc.events if e.type == "CLASH")


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        # the noun of a departure names its agent after it; the state named before is another's
        (
            "وتسعى أوزبكستان لتعزيز روابطها مع روسيا رغم انسحاب طشقند من منظمة معاهدة الأمن الجماعي.",
            "LEAVE",
            [{"UZB", "CSTO"}],
        ),
        # forces withdrawn from a base leave no body
        ("وبدأ انسحاب القوات الأمريكية من قاعدة ماناس في قرغيزستان.", "LEAVE", []),
        # a transitive act's noun names its object after it: the one named before acts
        ("وشنت روسيا عملية عسكرية لإرغام جورجيا على السلام.", "CLASH", [{"RUS", "GEO"}]),
    ],
)
def test_the_name_after_a_noun_of_departure_is_its_agent(
    pipeline, text: str, event_type: str, expected: list[set[str]]
) -> None:
    assert [set(a) for a in _events(pipeline, text, event_type)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # «الدول الخمس» points back at the five states just named
        (
            "واجتمع مبعوثو روسيا وإيران والهند وطاجيكستان وأوزبكستان في دوشنبه. "
            "وبحثت الدول الخمس التنسيق لمواجهة الأزمة.",
            {"RUS", "IRN", "IND", "TJK", "UZB"},
        ),
        # with none named before, the five of Central Asia
        ("وبحثت الدول الخمس في اجتماع طارئ التنسيق لمواجهة الأزمة.", {"KAZ", "KGZ", "TJK", "TKM", "UZB"}),
    ],
)
def test_the_five_states_are_those_just_named(pipeline, text: str, expected: set[str]) -> None:
    doc = pipeline(Document("t", text, DocumentMeta(published="2001-06-14")))
    meetings = [set(e.actors) for e in doc.events if e.type == "MEETING"]
    assert meetings and expected <= meetings[-1] and not (meetings[-1] - expected - {"C5"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the circumstances an event is told against name the backdrop's parties, not its own
        ("أجرت طاجيكستان مناورات عسكرية واسعة فى ظل تصاعد التوتر مع أفغانستان.", [{"TJK"}]),
        # a party named with the event itself stays
        ("أجرت طاجيكستان مناورات عسكرية واسعة مع روسيا قرب الحدود.", [{"TJK", "RUS"}]),
    ],
)
def test_a_backdrop_after_the_event_names_none_of_its_parties(pipeline, text: str, expected: list) -> None:
    assert [set(a) for a in _events(pipeline, text, "EXERCISE")] == expected


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # the country an article is about, by its common noun, behind proclitics or none
        ("وتتواصل الاحتجاجات في البلاد منذ أسبوع", "KGZ"),
        ("وتتواصل الاحتجاجات بالبلاد منذ أسبوع", "KGZ"),
        ("وتتواصل الاحتجاجات في شرق هذا البلد", "KGZ"),
        # no such noun; an indefinite «بلاد» in a construct is another land
        ("وتتواصل الاحتجاجات منذ أسبوع", ""),
        ("وتتواصل الاحتجاجات في بلاد الشام", ""),
    ],
)
def test_the_country_named_by_a_common_noun_is_the_articles_state(pipeline, text: str, state: str) -> None:
    from marsad.extract.events.stage import EventStage

    stage = next(s for s in pipeline.stages_for("ar") if isinstance(s, EventStage))
    doc = Document("t", text)
    doc.article_state = "KGZ"
    assert stage._participants.state_where(doc, [], False, (0, len(text))) == state


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an agreement «مع» one state was made with the subject of its clause
        ("وحصلت روسيا على حق استخدام المطار إثر اتفاقية عسكرية مع قرغيزستان في 2012.", [{"RUS", "KGZ"}]),
        # with no «مع», the one party named makes no agreement
        ("وحصلت روسيا على حق استخدام المطار إثر اتفاقية عسكرية في 2012.", []),
    ],
)
def test_an_agreement_with_a_state_is_the_clause_subjects(pipeline, text: str, expected: list[set[str]]) -> None:
    assert [set(a) for a in _events(pipeline, text, "AGREEMENT")] == expected


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        # after the host's title set off by commas, a noun whose first letter is «و» is the
        # object, no clause of its own: who was received takes part
        ("استقبل شوكت ميرزيوييف، رئيس أوزبكستان، وزير الخارجية الروسي في طشقند.", "MEETING", [{"UZB", "RUS"}]),
        ("استقبل شوكت ميرزيوييف، رئيس أوزبكستان، وفدا صينيا في طشقند.", "MEETING", [{"UZB", "CHN"}]),
        # … and one whose first letter is «ف» («، فرنسا وألمانيا»)
        ("وقعت كازاخستان اتفاقية مع عدة دول، فرنسا وألمانيا وإيطاليا.", "AGREEMENT", [{"KAZ", "FRA", "DEU", "ITA"}]),
        # the conjunction after a comma still opens a clause of its own
        ("أرسلت روسيا قوات إلى طاجيكستان، وأعلنت كازاخستان دعمها للخطوة.", "DEPLOYMENT", [{"RUS", "TJK"}]),
    ],
)
def test_a_word_opening_with_waw_after_a_comma(pipeline, text: str, event_type: str, expected: list[set[str]]) -> None:
    assert [set(a) for a in _events(pipeline, text, event_type)] == expected


def test_a_formats_meeting_told_in_the_title_and_the_body_is_one(pipeline) -> None:
    # a format's meeting on one date, named alone in the title and with its states after
    text = "خماسي شنغهاي يبحث مكافحة الإرهاب في آسيا الوسطى\nواجتمع زعماء خماسي شنغهاي اليوم بمشاركة روسيا والصين."
    doc = pipeline(Document("t", text, DocumentMeta(published="2001-06-14")))
    meetings = [set(e.actors) for e in doc.events if e.type == "MEETING"]
    assert len(meetings) == 1
    assert {"SHANGHAI-FIVE", "CHN", "RUS"} <= meetings[0]
