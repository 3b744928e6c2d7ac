"""Statements and claims: who said what, with the states and organizations it is about.

Short sentences written for the tests: a positive and a negative case for each construction."""

from __future__ import annotations

import pytest

from marsad.document import Document, DocumentMeta
from marsad.extract.events.stage import _clip
from marsad.extract.pipeline import build_pipeline


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


def _doc(pipeline, text: str, published: str = "2024-03-04") -> Document:
    doc = pipeline(Document("t", text, DocumentMeta(published=published)))
    for fact in [*doc.events, *doc.claims]:
        assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.text
    return doc


def _statements(doc: Document) -> list[set[str]]:
    return [set(e.actors) for e in doc.events if e.type == "STATEMENT"]


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # a warning, a welcome, a criticism, a call: the speaker's state and whom it is about
        ("حذر وزير الخارجية الروسي سيرغي لافروف من تصعيد التوتر على حدود طاجيكستان.", {"RUS", "TJK"}),
        ("رحبت كازاخستان بقرار قيرغيزستان فتح الحدود.", {"KAZ", "KGZ"}),
        ("انتقد الرئيس القيرغيزي موسكو لعدم تدخلها.", {"KGZ", "RUS"}),
        ("وحثت الأمم المتحدة روسيا على وقف تهريب المخدرات.", {"UN", "RUS"}),
        ("أعلنت طاجيكستان أنها تدعم المبادرة الصينية.", {"TJK", "CHN"}),
        # the speaker's description stands between the verb and what he said
        (
            "وقال سيرغي شويغو، وزير الدفاع الروسي في حكومة البلاد منذ سنوات طويلة، إن موسكو ستدعم دوشنبه.",
            {"RUS", "TJK"},
        ),
    ],
)
def test_speech_verbs_report_a_statement_with_what_it_is_about(pipeline, text: str, actors: set[str]) -> None:
    assert _statements(_doc(pipeline, text)) == [actors]


@pytest.mark.parametrize(
    "text",
    [
        "وقالت مصادر روسية إن الجيش يستعد لمناورات في طاجيكستان.",  # nobody named speaks
        "وذكرت وكالة الأنباء الروسية أن الرئيس الطاجيكي يزور موسكو.",  # the press that reports
        "زار الرئيس الأوزبكي بكين بدعوة من الرئيس الصيني.",  # an invitation, not a call
        "ووصل الوفد إلى موسكو بعد طلب كازاخستان عقد الاجتماع.",  # a request told as background
        "أعلنت وزارة الداخلية الطاجيكية اعتقال عشرة أشخاص في دوشنبه أمس.",  # the arrest is the news
    ],
)
def test_what_is_no_statement(pipeline, text: str) -> None:
    assert _statements(_doc(pipeline, text)) == []


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # «أضاف» goes on with the statement of the same speaker
        ("قال بوتين إن روسيا ستدعم طاجيكستان. وأضاف بوتين أن التعاون مع طاجيكستان مهم.", 1),
        # a new speech verb on another subject is a new statement
        ("قال بوتين إن روسيا ستدعم طاجيكستان. وأكد بوتين أن العلاقات مع الصين قوية.", 2),
    ],
)
def test_routine_verbs_continue_one_statement(pipeline, text: str, count: int) -> None:
    assert len(_statements(_doc(pipeline, text))) == count


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        # a call keeps what was called for
        (
            "ودعا خلالها الرئيس الكازاخستاني قاسم جومارت توكاييف إلى تعزيز التعاون الإقليمي.",
            "kassym-jomart-tokayev",
            "تعزيز التعاون الإقليمي",
        ),
        ("وحثت الأمم المتحدة روسيا على وقف تهريب المخدرات.", "UN", "وقف تهريب المخدرات"),
        # reported words after «أن»; the speaker stands before them, not inside them
        (
            "قال وزير الدفاع الروسي سيرغي شويغو إن طالبان تسيطر على الحدود.",
            "sergei-shoigu",
            "طالبان تسيطر على الحدود",
        ),
    ],
)
def test_claims_keep_the_words_of_a_call(pipeline, text: str, speaker: str, words: str) -> None:
    claims = _doc(pipeline, text).claims
    assert [(c.speaker, c.claim.text) for c in claims] == [(speaker, words)]


@pytest.mark.parametrize(
    "text",
    [
        "وقالت مصادر روسية إن الجيش يستعد لمناورات في طاجيكستان.",
        "وذكرت وكالة الأنباء الروسية أن الرئيس الطاجيكي يزور موسكو.",
    ],
)
def test_no_claim_without_a_named_speaker(pipeline, text: str) -> None:
    assert _doc(pipeline, text).claims == []


@pytest.mark.parametrize(
    ("start", "end", "evidence"),
    [
        (8, 20, "beta gamma delta"),  # a reach in characters cut «beta» and «delta»: kept whole
        (6, 17, "beta gamma"),  # on word boundaries already: unchanged
    ],
)
def test_evidence_keeps_whole_words(start: int, end: int, evidence: str) -> None:
    text = "alpha, beta gamma delta."
    trigger = text.index("gamma")
    clipped = _clip(text, start, end, trigger, trigger + len("gamma"))
    assert text[clipped[0] : clipped[1]] == evidence


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        # a body reporting what happened is its source: the arrest is the news
        ("وقالت وزارة الداخلية الطاجيكية إن قوات الأمن اعتقلت خمسة مسلحين في دوشنبه.", False),
        # a state's body named by its noun and the state's nisba is a body too
        ("وقالت السفارة الأميركية إن آخر الجنود الأمريكيين غادروا القاعدة مساء أمس.", False),
        # the state itself reporting is a statement
        ("وقالت الولايات المتحدة إن آخر الجنود الأمريكيين غادروا القاعدة مساء أمس.", True),
        # a person's words stay a statement, whatever they report
        ("وقال إمام علي رحمن إن قوات الأمن اعتقلت خمسة مسلحين في دوشنبه.", True),
        # a body's warning is a statement: only plain reporting verbs report
        ("وحذرت وزارة الدفاع الطاجيكية من هجمات جديدة على الحدود مع أفغانستان.", True),
    ],
)
def test_a_body_reporting_an_event_is_its_source(pipeline, text: str, statement: bool) -> None:
    doc = _doc(pipeline, text)
    assert bool(_statements(doc)) is statement


@pytest.mark.parametrize(
    ("text", "event_type", "actors"),
    [
        # who condemns or welcomes an event takes no part in it
        ("ورحبت الصين بتوقيع اتفاقية الحدود بين قيرغيزستان وطاجيكستان.", "AGREEMENT", {"KGZ", "TJK"}),
        ("وأدانت روسيا الهجوم الذي شنته جماعة مسلحة على مواقع في قيرغيزستان.", "CLASH", {"KGZ"}),
        # ... unless it is their own: an event with another party, or an act they announce
        ("ورحبت طاجيكستان بإنشاء منظومة دفاع جوي مشتركة مع روسيا.", "AGREEMENT", {"TJK", "RUS"}),
        ("وأعلنت أوزبكستان انسحابها من منظمة معاهدة الأمن الجماعي.", "LEAVE", {"UZB", "CSTO"}),
    ],
)
def test_who_speaks_of_an_event_is_no_party_to_it(pipeline, text: str, event_type: str, actors: set[str]) -> None:
    doc = _doc(pipeline, text)
    assert [set(e.actors) for e in doc.events if e.type == event_type] == [actors]


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # a quoted organization name: its quote opens no reported words, its name is the speaker
        ('رحبت منظمة "شنغهاي للتعاون" بتوقيع اتفاقية بين أوزبكستان وطاجيكستان.', {"SCO", "UZB", "TJK"}),
        # the present of a headline
        ("منظمة شنغهاي للتعاون ترحب بالاتفاق الحدودي بين أوزبكستان وطاجيكستان", {"SCO", "UZB", "TJK"}),
        # a position affirmed with no words reported: «أكد … أهمية», «شدد … على»
        ("وأكد وزير الخارجية الأمريكي من جديد أهمية التعاون مع كازاخستان.", {"USA", "KAZ"}),
        ("وشدد الرئيس الطاجيكي على ضرورة الحوار مع قيرغيزستان.", {"TJK", "KGZ"}),
    ],
)
def test_a_statement_whatever_words_open_it(pipeline, text: str, actors: set[str]) -> None:
    assert actors in _statements(_doc(pipeline, text))


@pytest.mark.parametrize(
    "text",
    [
        # confirmed the news: no position stated, no words reported
        "وأكد وزير الخارجية الأمريكي النبأ في كازاخستان.",
        # «شدد» with no «على»: tightened, not stressed
        "وشدد حرس الحدود الطاجيكي الحراسة في المنطقة.",
    ],
)
def test_an_affirming_verb_with_no_position_is_no_statement(pipeline, text: str) -> None:
    assert _statements(_doc(pipeline, text)) == []


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # «يعتبر» reports a view with what is said after it
        ("ويعتبر الرئيس الروسي أن طاجيكستان شريك أساسي لروسيا.", True),
        # unvocalized, it is mostly «يُعتبر» (is counted among), which names no speaker
        ("كما يعتبر الرئيس الطاجيكي من الزعماء المعتدلين في المنطقة.", False),
        # after a relative pronoun with its conjunction: what a thing is, not someone speaking
        ("وتمر المخدرات عبر قيرغيزستان والتي تعتبر من الطرق الرئيسية إلى روسيا.", False),
    ],
)
def test_a_view_is_reported_with_its_words(pipeline, text: str, said: bool) -> None:
    assert bool(_statements(_doc(pipeline, text))) is said


def _types(doc: Document) -> list[str]:
    return [e.type for e in doc.events]


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        # an announcement that an act will not come is a refusal of it
        ("وأعلن وزير الدفاع الروسي أن موسكو لا تنوي إرسال قوات إلى طاجيكستان.", True),
        ("وقال الرئيس الكازاخي إن بلاده لن ترسل قوات إلى قيرغيزستان.", True),
        # a fact denied («لم»), no act refused
        ("وقال وزير الدفاع الروسي إن القوات الروسية لم تنسحب من طاجيكستان.", False),
    ],
)
def test_an_announced_refusal_is_a_reject(pipeline, text: str, refused: bool) -> None:
    types = _types(_doc(pipeline, text))
    assert ("REJECT" in types) is refused
    assert ("STATEMENT" in types) is not refused


@pytest.mark.parametrize(
    ("text", "statements"),
    [
        # a call told inside the words another reports, after «إن»: its own speaker's statement
        ("وأوضحت الوزارة أمس أن الصين حثت طاجيكستان على ضبط الحدود.", [{"CHN", "TJK"}]),
        # two verbs of one speaker with no complementizer between: one statement
        ("وحذر وزير الخارجية الروسي طاجيكستان ودعا إلى الحوار مع قيرغيزستان.", [{"RUS", "TJK", "KGZ"}]),
    ],
)
def test_a_statement_inside_reported_words_is_its_own(pipeline, text: str, statements: list[set[str]]) -> None:
    assert _statements(_doc(pipeline, text)) == statements


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # a speaker's name in quotes of its own names the speaker
        ('وقال الوزير "سيرغي لافروف" إن بلاده ستدعم الحوار.', [{"RUS"}]),
        ("وقال الوزير «سيرغي لافروف» إن بلاده ستدعم الحوار.", [{"RUS"}]),
        # quotes that open the words said name nobody: no speaker, no statement
        ('وقال الوزير: "سيرغي لافروف سيزور طشقند".', []),
    ],
)
def test_a_speakers_name_in_quotes(pipeline, text: str, actors: list[set[str]]) -> None:
    assert _statements(_doc(pipeline, text)) == actors


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # an allegation's parties are those its words name, whoever alleges it
        ("وزعمت الصحيفة أن الصين أقامت قاعدة سرية في طاجيكستان.", [{"CHN", "TJK"}]),
        ("وزعمت الصحيفة بأنه، تم اكتشاف قاعدة صينية سرية في طاجيكستان.", [{"CHN", "TJK"}]),
    ],
)
def test_an_allegation_names_its_parties_in_its_words(pipeline, text: str, actors: list[set[str]]) -> None:
    doc = _doc(pipeline, text)
    assert [set(e.actors) for e in doc.events if e.type == "ACCUSE"] == actors


@pytest.mark.parametrize(
    ("text", "accused"),
    [
        # the name a relative clause describes did accuse: its past verb tells the accusation
        ("وأعلنت الحكومة الطاجيكية التي اتهمت حزب النهضة الإسلامية بتدبير الهجوم حالة الطوارئ.", True),
        ("وقالت الشرطة الأوزبكية التي نسبت التفجيرات إلى متطرفين إن التحقيق مستمر.", True),
        # the present after the pronoun tells what a thing stands accused of, no one accusing
        ("وناقش المجلس الانتهاكات التي تتهم الصين بارتكابها في المنطقة.", False),
    ],
)
def test_an_accusation_in_a_relative_clause(pipeline, text: str, accused: bool) -> None:
    assert ("ACCUSE" in _types(_doc(pipeline, text))) is accused


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # a plural verb follows its subject: who is named after it is spoken of, no speaker
        ("وأيدوا دور روسيا في المنطقة.", []),
        # a singular verb opens the clause, its speaker right after it
        ("وأيد الرئيس الروسي دور كازاخستان في المنطقة.", [{"RUS", "KAZ"}]),
    ],
)
def test_a_plural_speech_verb_has_its_speaker_before_it(pipeline, text: str, actors: list[set[str]]) -> None:
    assert _statements(_doc(pipeline, text)) == actors


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # the verb of a relative clause carries the noun before as its object: its speaker follows
        ("وناقش المؤتمر المعاهدة التي اقترحها الرئيس الأوزبكي عام 1993.", [{"UZB"}]),
        # a clause that leaves a speech verb unsaid goes on with what was said, no statement of its own
        ("ودعا الرئيس الروسي عام 2020 إلى الحوار مع كازاخستان، وفي عام 2021 طاجيكستان.", [{"RUS", "KAZ", "TJK"}]),
    ],
)
def test_a_speaker_after_a_verb_holding_its_object(pipeline, text: str, actors: list[set[str]]) -> None:
    assert _statements(_doc(pipeline, text)) == actors


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        # «تابع لـ»: affiliated to, no one going on speaking, inside what the minister said
        ("وقال الوزير الروسي إن المركز تابع للأمم المتحدة في طاجيكستان.", [{"RUS", "UN", "TJK"}]),
        # «وتابع» with its speaker: he went on; a name may open with the lam
        ("وتابع لافروف: إن روسيا تدعم طاجيكستان.", [{"RUS", "TJK"}]),
    ],
)
def test_affiliated_to_is_no_speech(pipeline, text: str, actors: list[set[str]]) -> None:
    assert _statements(_doc(pipeline, text)) == actors
