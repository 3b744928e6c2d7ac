"""Events, memberships, figures and claims on real Arabic sentences of the region's news."""

from __future__ import annotations

import pytest

from marsad.document import Document, DocumentMeta
from marsad.extract.pipeline import build_pipeline


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


def _doc(pipeline, text: str, published: str = "") -> Document:
    doc = pipeline(Document("t", text, DocumentMeta(published=published)))
    for fact in [*doc.events, *doc.memberships, *doc.figures]:
        assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.text
    return doc


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "اختتمت، يوم 14 أكتوبر 2022، بالعاصمة الكازاخية أستانة قمة “روسيا – آسيا الوسطى” التي جمعت بين الرئيس الروسي فلاديمير بوتين ونظرائه الخمس.",
            "2022-10",
            ("MEETING", {"RUS+C5", "RUS"}, "2022-10-14", "Astana"),
        ),
        (
            "في 28 أيار/مايو 2025، عقدت في مدينة بشكيك الجلسة الدورية لمجلس وزراء دفاع الدول الأعضاء في منظمة معاهدة الأمن الجماعي.",
            "",
            ("MEETING", {"CSTO"}, "2025-05-28", "Bishkek"),
        ),
        (
            "في كانون الثاني/يناير 2022، أرسلت قوات المنظمة إلى كازاخستان لقمع الاحتجاجات، بطلب من منظمة معاهدة الأمن الجماعي.",
            "",
            ("DEPLOYMENT", {"KAZ"}, "2022-01", ""),
        ),
        (
            "انسحاب قوات حلف شمال الأطلسي من أفغانستان في سبتمبر2021.",
            "",
            ("RETREAT", {"NATO", "AFG"}, "2021-09", ""),
        ),
        (
            "ورحبت واشنطن بوقف إطلاق النار بين قيرغيزستان وطاجيكستان.",
            "2022-10",
            ("CEASEFIRE", {"KGZ", "TJK"}, "2022-10", ""),
        ),
        (
            "أعلنت لجنة الأمن القومي الحكومية في كازاخستان عن إلقاء القبض على عدد من أفراد القوات المسلحة.",
            "2024-09-07",
            ("ARREST", {"KAZ"}, "2024-09-07", "KAZ"),
        ),
        (
            "أعلنت واشنطن تقديم 60 مليون دولار كمساعدات أمنية لطاجيكستان.",
            "2022-10",
            ("AID", {"USA", "TJK"}, "2022-10", ""),
        ),
        (
            # a clause that goes on with the subject of the one before
            "وأعلنت واشنطن تقديم 60 مليون دولار كمساعدات أمنية لطاجيكستان، وقدمت مساعدات زراعية لقيرغيزستان.",
            "2022-10",
            ("AID", {"USA", "KGZ"}, "2022-10", ""),
        ),
        (
            # a capital's nisba says where, not who
            "حيث عقد بالعاصمة الكازاخية أستانة خلال شهر أكتوبر الحالي قمة رابطة الدول المستقلة التي تضم روسيا و12 من الجمهوريات السوفييتية السابقة.",
            "2022-10-20",
            ("MEETING", {"CIS"}, "2022-10", "Astana"),
        ),
    ],
)
def test_events(pipeline, text: str, published: str, expected: tuple[str, set[str], str, str]) -> None:
    doc = _doc(pipeline, text, published)
    event_type, actors, date, place = expected
    matching = [e for e in doc.events if e.type == event_type and actors <= set(e.actors)]
    assert matching, [(e.type, e.actors) for e in doc.events]
    event = matching[0]
    assert event.date == date
    assert event.date_source == ("text" if any(d.value == date for d in doc.dates) else "reference")
    assert event.place == place
    assert event.modality == "asserted"


@pytest.mark.parametrize(
    ("text", "event_type", "modality"),
    [
        ("اتجهت فنلندا والسويد، في منتصف 2022، لطلب الانضمام إلى حلف الناتو.", "JOIN", "proposed"),
        ("سعت روسيا لتأسيس حلف عسكري بديل لحلف الناتو.", "AGREEMENT", "planned"),
        ("ستعقد منظمة شنغهاي للتعاون قمتها المقبلة في أستانة.", "MEETING", "planned"),
        # negated or prevented: not an event at all (the rulebook)
        ("لم ترسل كازاخستان قوات عسكرية إلى أوكرانيا.", "DEPLOYMENT", None),
        ("هدفت العملية إلى منع انضمام أوكرانيا إلى حلف الناتو.", "JOIN", None),
        ("أرسلت كازاخستان قوات عسكرية إلى قيرغيزستان.", "DEPLOYMENT", "asserted"),
        # an aim denied is no plan; one stated is
        ("وأكدت موسكو أنها لا تخطط لإرسال قوات إلى طاجيكستان.", "DEPLOYMENT", None),
        ("وأكدت موسكو أنها تخطط لإرسال قوات إلى طاجيكستان.", "DEPLOYMENT", "planned"),
        # «لا تزال»: still, no negation
        ("ولا تزال القوات الروسية تتمركز في طاجيكستان منذ سنوات.", "DEPLOYMENT", "asserted"),
        # «أي»: any, never one event
        ("ولم تقم المنظمة بأي عمليات عسكرية في أوكرانيا.", "CLASH", None),
        # a sentence that opens with a plan or a condition says it of what it tells after
        ("ومن المقرر أن يشارك الرئيس التركي الخميس في قمة منظمة الدول التركية.", "MEETING", "planned"),
        ("وإذا هاجمت روسيا أوكرانيا فستفرض الولايات المتحدة عقوبات عليها.", "SANCTION", None),
        # a discourse word may open the sentence before its cue
        ("كما يمكن لروسيا أن ترسل قوات إلى طاجيكستان.", "DEPLOYMENT", None),
        ("كما أرسلت روسيا قوات إلى طاجيكستان.", "DEPLOYMENT", "asserted"),
        ("وأكدت الوزارة أن الرئيس التركي شارك في قمة منظمة الدول التركية.", "MEETING", "asserted"),
        # a cue stands a few words off, past a time phrase; a cue of another clause says nothing
        ("وقالت طاجيكستان إنها لا تعتزم خلال العام المقبل الانضمام إلى منظمة شنغهاي للتعاون.", "JOIN", None),
        ("لن يحضر الوزير الاجتماع، بينما صرح رئيس الوزراء الأرميني بأن بلاده باقية.", "STATEMENT", "asserted"),
        # what one does not rule out is only possible
        ("ولا تستبعد أرمينيا تجميد عضويتها في منظمة معاهدة الأمن الجماعي.", "LEAVE", None),
        # what a charge alleges is not told as having happened
        ("واعتقلت السلطات الطاجيكية ثلاثة رجال بتهمة الهجوم على مركز للشرطة.", "CLASH", None),
        ("وشن مسلحون هجوما على مركز للشرطة في طاجيكستان.", "CLASH", "asserted"),
        # a plot foiled did not happen; a seizure of power told did
        ("وأعلنت السلطات القرغيزية إحباط محاولة للاستيلاء على السلطة في بشكيك.", "CLASH", None),
        ("واستولى المسلحون على السلطة في العاصمة القرغيزية بشكيك.", "CLASH", "asserted"),
        # a plan with a condition after it in its clause is only supposed; so is a request
        # under the condition
        ("وقالت روسيا إنها ستبيع أسلحة لكازاخستان إذا طلبت ذلك.", "AID", None),
        ("وقالت روسيا إنها ستبيع أسلحة لكازاخستان العام المقبل.", "AID", "planned"),
        ("وقال الرئيس الروسي إن موسكو سترد إذا طالبت أستانا بذلك.", "STATEMENT", "asserted"),
    ],
)
def test_modality_of_what_did_not_happen(pipeline, text: str, event_type: str, modality: str | None) -> None:
    events = [e for e in _doc(pipeline, text).events if e.type == event_type]
    assert [e.modality for e in events] == ([modality] if modality else [])


def test_who_is_described_or_in_the_background_does_not_take_part(pipeline) -> None:
    doc = _doc(
        pipeline,
        "حيث عقد بالعاصمة الكازاخية أستانة قمة رابطة الدول المستقلة التي تضم روسيا و12 من الجمهوريات السوفييتية السابقة. "
        "غير أنه في أعقاب الانسحاب الأمريكي من هناك في منتصف عام 2021، بدأت روسيا في القيام بدور أمني متزايد.",
        "2022-10-20",
    )
    by_type = {e.type: e for e in doc.events}
    assert set(by_type["MEETING"].actors) == {"CIS"}
    assert set(by_type["RETREAT"].actors) == {"USA"}
    assert by_type["RETREAT"].date == "2021"


def test_a_date_counted_from_an_earlier_event(pipeline) -> None:
    text = (
        "اجتمع وزراء دفاع كازاخستان وقيرغيزستان وطاجيكستان وتركمانستان وأوزبكستان في مدينة سمرقند يوم 20 أكتوبر/تشرين الأول.\n"
        "بعد يوم واحد فقط من اجتماع سمرقند، شهدت أوزبكستان انطلاق مناورات بمشاركة قوات من كازاخستان وأذربيجان.\n"
        "وبينما كانت أوزبكستان تستضيف تلك المناورات، أطلقت منظمة معاهدة الأمن الجماعي في طاجيكستان تدريبات جديدة."
    )
    events = _doc(pipeline, text, "2025-10-25").events
    assert [(e.type, e.date, e.date_source) for e in events] == [
        ("MEETING", "2025-10-20", "text"),
        ("EXERCISE", "2025-10-21", "anchored"),
        ("EXERCISE", "2025-10-21", "context"),
    ]


def test_clauses_without_their_verb_report_the_same_kind_of_event(pipeline) -> None:
    text = "حيث انضمت بولندا وجمهورية التشيك والمجر في عام 1999، وفي عام 2004 سلوفاكيا ورومانيا وبلغاريا، وألبانيا في عام 2009."
    joins = [(set(e.actors), e.date) for e in _doc(pipeline, text, "2022-06-30").events if e.type == "JOIN"]
    assert joins == [({"POL", "CZE", "HUN"}, "1999"), ({"SVK", "ROU", "BGR"}, "2004"), ({"ALB"}, "2009")]


@pytest.mark.parametrize(
    ("text", "not_a_trigger"),
    [
        # a stance affirmed is not a statement of words
        ("وأكد بوتين الشراكة الاستراتيجية مع الجمهوريات السوفييتية السابقة.", "أكد"),
        # the frame of an exercise is not a deployment
        (
            "أطلقت منظمة معاهدة الأمن الجماعي تدريبات بمشاركة جيوش بيلاروسيا وروسيا، في إطار عمليات حفظ السلام.",
            "DEPLOYMENT",
        ),
        # a numbered section title names a topic
        ("1 - تأسيس «معاهدة الأمن الجماعي»\nوقعت الدول على المعاهدة في عام 1992.", "تأسيس"),
        # the backdrop of the news
        ("وأعلنت المنظمة أثناء الحرب الأوكرانية أنها مستعدة للحوار.", "الحرب"),
    ],
)
def test_what_is_not_an_event(pipeline, text: str, not_a_trigger: str) -> None:
    events = _doc(pipeline, text, "2022-06-20").events
    assert all(not_a_trigger not in e.trigger.text for e in events), [(e.type, e.trigger.text) for e in events]


def test_a_speaker_named_just_before_and_a_state_organ_acting_for_its_state(pipeline) -> None:
    doc = _doc(
        pipeline,
        "وجاء الموقف على لسان الرئيس البيلاروسي، ألكسندر لوكاشينكو، فقد خاطب القمة قائلاً إنه «لا بد من جبهة موحدة». "
        "كما اتهم مجلس الأمن الروسي واشنطن بتأجيج التوتر.",
        "2022-06-20",
    )
    by_type = {e.type: e for e in doc.events}
    assert by_type["STATEMENT"].actors == ("BLR",)
    assert by_type["STATEMENT"].agents == ("alexander-lukashenko",)
    assert {"RUS", "USA"} <= set(by_type["ACCUSE"].actors)
    assert "SECURITY-COUNCIL-RUS" not in by_type["ACCUSE"].actors


def test_a_demonstrative_points_back_instead_of_reporting_anew(pipeline) -> None:
    doc = _doc(pipeline, "وعلى الرغم من أن هذه الاحتجاجات الشعبية في كازاخستان لا تستوفي الشرط.")
    assert [e for e in doc.events if e.type == "PROTEST"] == []


def test_composition_and_joins_make_memberships(pipeline) -> None:
    text = (
        "وقعت الدول على تأسيس «معاهدة الأمن الجماعي» في عام 1992. وتتألف المعاهدة من أرمينيا وكازاخستان "
        "وقيرغيزستان وروسيا. انضمت بولندا وجمهورية التشيك والمجر إلى حلف الناتو في عام 1999، وفي عام 2004 "
        "سلوفاكيا ورومانيا وبلغاريا، وألبانيا في عام 2009."
    )
    found = {(m.member, m.org, m.since) for m in _doc(pipeline, text).memberships}
    assert {("ARM", "CSTO", ""), ("KAZ", "CSTO", ""), ("RUS", "CSTO", "")} <= found
    assert {("POL", "NATO", "1999"), ("SVK", "NATO", "2004"), ("ALB", "NATO", "2009")} <= found


def test_member_phrase_and_reference_comparison(pipeline) -> None:
    text = "لم تتخذ منظمة معاهدة الأمن الجماعي أي رد فعل، رغم أن أرمينيا عضو فيها. وأعلنت الصين أنها عضو في حلف الناتو."
    memberships = {(m.member, m.org): m for m in _doc(pipeline, text).memberships}
    assert memberships[("ARM", "CSTO")].contradicts_reference is False
    assert memberships[("CHN", "NATO")].contradicts_reference is True


def test_figures_carry_their_owner(pipeline) -> None:
    doc = _doc(
        pipeline, "وأعلن تاشييف أن قرغيزستان أنفقت أكثر من 1.3 مليار دولار على تحديث الجيش. وصل 98 ألف مواطن روسي."
    )
    figures = {(f.value, f.unit, f.actor, f.what) for f in doc.figures}
    assert (1.3e9, "USD", "KGZ", "military_spending") in figures
    assert (98000, "persons", "RUS", "persons") in figures


def test_claims_have_speaker_words_and_date(pipeline) -> None:
    text = (
        "قال الرئيس الروسي فلاديمير بوتين، في 16 يونيو 2022، إن «منظمة معاهدة الأمن الجماعي تلعب دوراً مهماً "
        "للغاية في تحقيق الاستقرار»."
    )
    (claim,) = _doc(pipeline, text).claims
    assert claim.speaker == "vladimir-putin" and claim.speaker_state == "RUS"
    assert claim.date == "2022-06-16"
    assert claim.claim.text.startswith("منظمة معاهدة الأمن الجماعي تلعب دوراً")


@pytest.mark.parametrize(
    ("text", "outer", "inner"),
    [
        ("رفضت دول آسيا الوسطى الخمس فرض أي عقوبات اقتصادية على روسيا.", "REJECT", ("SANCTION", "denied")),
        ("نفت كازاخستان إرسال قوات عسكرية إلى أوكرانيا.", "REJECT", ("DEPLOYMENT", "denied")),
        (
            "ودعا الرئيس الكازاخستاني توكاييف إلى إنشاء منظمة دولية لدعم اللغة الروسية.",
            "STATEMENT",
            ("AGREEMENT", "proposed"),
        ),
    ],
)
def test_what_is_refused_or_called_for_stays_with_the_statement(
    pipeline, text: str, outer: str, inner: tuple[str, str]
) -> None:
    events = _doc(pipeline, text, "2022-10").events
    assert [e.type for e in events] == [outer]
    assert events[0].content == inner


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("وقع الرئيسان مذكرة تفاهم بين كازاخستان وأوزبكستان.", ["AGREEMENT"]),  # a trigger of two words
        ("وقع الرئيسان مذكرة بين كازاخستان وأوزبكستان.", ["AGREEMENT"]),  # the verb alone
        ("أعلنت كازاخستان وأوزبكستان وقف إطلاق النار.", ["CEASEFIRE"]),  # three words
        ("أعلنت كازاخستان وأوزبكستان وقف إطلاق.", []),  # a trigger cut short is none
    ],
)
def test_a_trigger_of_several_words_is_read_as_one(pipeline, text: str, types: list[str]) -> None:
    doc = pipeline(Document("t", text, DocumentMeta(published="2024-03-04")))
    assert [e.type for e in doc.events if e.type != "STATEMENT"] == types


@pytest.mark.parametrize(
    ("text", "date", "modality"),
    [
        ("سيزور الرئيس الكازاخستاني موسكو الأربعاء لبحث التعاون مع روسيا.", "2024-03-13", "planned"),
        ("زار الرئيس الكازاخستاني موسكو الأربعاء وبحث التعاون مع روسيا.", "2024-03-06", "asserted"),
    ],
)
def test_a_weekday_dates_a_report_on_the_last_such_day_and_a_plan_on_the_next(
    pipeline, text: str, date: str, modality: str
) -> None:
    (event,) = _doc(pipeline, text, "2024-03-08").events  # a Friday
    assert (event.type, event.date, event.modality) == ("MEETING", date, modality)


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # a state that had ceased to exist is in the time phrase, not a party
        ("وقعت روسيا وبيلاروسيا اتفاقية دفاعية عام 1995 بعد انهيار الاتحاد السوفييتي.", {"RUS", "BLR"}),
        # while it existed, it was one
        ("وقع الاتحاد السوفييتي والولايات المتحدة معاهدة عام 1987.", {"SUN", "USA"}),
    ],
)
def test_a_dissolved_state_takes_no_part_in_what_came_after(pipeline, text: str, actors: set[str]) -> None:
    (event,) = [e for e in _doc(pipeline, text).events if e.type == "AGREEMENT"]
    assert set(event.actors) == actors


@pytest.mark.parametrize(
    ("text", "event_type", "actors"),
    [
        # a list of names the reach of a trigger cuts is read whole
        (
            "انطلقت مناورات \"الوحدة\" الكبرى في المنطقة الجبلية بمشاركة قوات من أوزبكستان وكازاخستان وقيرغيزستان وطاجيكستان وأذربيجان وتركيا.",
            "EXERCISE",
            {"UZB", "KAZ", "KGZ", "TJK", "AZE", "TUR"},
        ),
        # ... but not past the end of the list
        (
            "انطلقت مناورات \"الوحدة\" الكبرى في المنطقة الجبلية بمشاركة قوات من أوزبكستان وكازاخستان وقيرغيزستان، في حين رفضت تركيا المشاركة.",
            "EXERCISE",
            {"UZB", "KAZ", "KGZ"},
        ),
        # who a relative clause set off by a comma names describes, and takes no part
        ("بدأت تدريبات عسكرية بمشاركة قوات من كازاخستان وأذربيجان، التي حلت محل تركمانستان.", "EXERCISE", {"KAZ", "AZE"}),
        # a relative clause after «و» does not end the clause: where the forces went follows it
        (
            "نشرت روسيا قوات منظمة معاهدة الأمن الجماعي، والتي ضمت وحدات روسية في معظمها، إلى كازاخستان في 6 يناير 2022.",
            "DEPLOYMENT",
            {"RUS", "CSTO", "KAZ"},
        ),
        # a subordinate clause that opens the sentence ends at its comma
        ("وبينما كانت أوزبكستان تستضيف القمة، أطلقت روسيا وطاجيكستان مناورات مشتركة.", "EXERCISE", {"RUS", "TJK"}),
        ("أطلقت روسيا وطاجيكستان مناورات مشتركة، بينما استضافت أوزبكستان القمة.", "EXERCISE", {"RUS", "TJK"}),
        # the event noun a relative clause's verb governs is its antecedent's, not who came before
        ("رفضت أوكرانيا الضم، وزاد التعاون مع واشنطن التي قادت مناورات في طاجيكستان.", "EXERCISE", {"USA", "TJK"}),
        # a people is not its state; a people's plural after a definite noun is the state's
        ("اندلعت اشتباكات عنيفة بين قيرغيزستان وطاجيكستان في المناطق التي يسكنها الأوزبك.", "CLASH", {"KGZ", "TJK"}),
        ("فرض الاتحاد الأوروبي عقوبات على المسؤولين الأوزبك.", "SANCTION", {"EU", "UZB"}),
    ],
)  # fmt: skip
def test_who_takes_part_is_read_with_the_clause(pipeline, text: str, event_type: str, actors: set[str]) -> None:
    events = [e for e in _doc(pipeline, text, "2024-03-08").events if e.type == event_type]
    assert [set(e.actors) for e in events] == [actors]


def test_the_last_word_of_a_title_is_no_surname(pipeline) -> None:
    doc = _doc(
        pipeline,
        "التقى الرئيس الروسي نظيره الكازاخستاني. وأشار المحلل إلى تراجع النفوذ الروسي في المنطقة.",
        "2024-03-08",
    )
    people = [(m.text, m.entity_id) for m in doc.mentions if m.entity_type == "person"]
    assert people == [("الرئيس الروسي", "vladimir-putin")]


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # the alliance named before that ended then, past one still in being named last
        ("نشأ حلف وارسو في مواجهة حلف الناتو، ثم تفكك الحلف في يوليو 1991.", [{"WARSAW-PACT"}]),
        ("وسرعان ما تفكك حلف وارسو في يوليو 1991.", [{"WARSAW-PACT"}]),
        # none named ended then: which body ended cannot be told
        ("نشأ حلف الناتو في مواجهة موسكو، ثم تفكك الحلف في يوليو 1991.", []),
        # the dissolution a time phrase tells is its own event, not part of the one it dates
        ("وتفكك حلف وارسو في يوليو 1991، بعد تفكك الاتحاد السوفييتي.", [{"WARSAW-PACT"}, {"SUN"}]),
    ],
)
def test_a_dissolution_is_of_what_ended_then(pipeline, text: str, actors: list[set[str]]) -> None:
    leaves = [e for e in _doc(pipeline, text).events if e.type == "LEAVE"]
    assert [set(e.actors) for e in leaves] == actors


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # undated, a dissolution its trigger names is of that body
        ("وشهدت المنطقة انهيار الاتحاد السوفيتي ونالت طاجيكستان استقلالها.", [{"SUN"}]),
        # undated, «الحلف» may be any alliance named before: none is told
        ("نشأ حلف وارسو في مواجهة حلف الناتو، ثم تفكك الحلف.", []),
    ],
)
def test_an_undated_dissolution_keeps_the_body_its_trigger_names(pipeline, text: str, actors: list[set[str]]) -> None:
    leaves = [e for e in _doc(pipeline, text, "").events if e.type == "LEAVE" and e.lemma != "نال … استقلالها"]
    assert [set(e.actors) for e in leaves] == actors
