"""Who speaks and what kind of speech it is: the words a speech verb reports that lay the
blame make one accusation; a body named again by its common noun, or a verb that credits the
report told before it, is no new statement."""

from __future__ import annotations

import pytest

from marsad.document import Document, DocumentMeta
from marsad.extract.pipeline import build_pipeline


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


def _typed(pipeline, text: str) -> list[tuple[str, set[str]]]:
    doc = pipeline(Document("t", text, DocumentMeta(published="2015-05-20")))
    return [(e.type, set(e.actors)) for e in doc.events if e.type in ("STATEMENT", "ACCUSE", "REJECT")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the blame in the reported words: the speaker accuses, once
        (
            "قال وزير الداخلية الأوزبكي إن حركة طالبان وراء الهجوم على المركز الحدودي.",
            [("ACCUSE", {"UZB", "TALIBAN"})],
        ),
        (
            "وأكد الرئيس الطاجيكي أن متشددين من أفغانستان يقفون وراء التفجير.",
            [("ACCUSE", {"TJK", "AFG"})],
        ),
        # any speech verb reporting words after its complementizer; the blame alone names the accused
        (
            "وأشار الرئيس الأوزبكي إلى أن متطرفين من أفغانستان وراء الحادث.",
            [("ACCUSE", {"UZB", "AFG"})],
        ),
        # with no complementizer the blame is not in the words reported
        ("وأشار الرئيس الأوزبكي إلى التفجير في كابل ومن وراء الحادث.", [("STATEMENT", {"UZB"})]),
        # words that blame no one stay a statement
        ("قال وزير الداخلية الأوزبكي إن الحدود مع أفغانستان آمنة.", [("STATEMENT", {"UZB"})]),
        # an accuser of its own in the reported words: the speaker only reports the accusation
        (
            "قال وزير الداخلية الأوزبكي إن طاجيكستان اتهمت حركة طالبان بالهجوم.",
            [("STATEMENT", {"UZB", "TJK"}), ("ACCUSE", {"UZB", "TJK", "TALIBAN"})],
        ),
    ],
)
def test_reported_blame_is_one_accusation(pipeline, text: str, expected: list[tuple[str, set[str]]]) -> None:
    assert _typed(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "statements"),
    [
        # «أفادت بذلك …»: the source of the report told before, not a statement
        ("وقع الوزيران في بيشكيك اتفاقا للتعاون. أفادت بذلك وزارة الخارجية القرغيزية.", 0),
        ("وأفاد الرئيس القرغيزي بأن العلاقات مع أوزبكستان جيدة.", 1),
        # a ministry named again by «الوزارة» alone goes on with its report
        (
            "وأعلنت وزارة الداخلية الكازاخية اعتقال خمسة مسلحين. وقالت الوزارة إن الوضع في المدينة هادئ.",
            0,
        ),
        ("وقالت وزارة الداخلية الكازاخية إن الوضع في المدينة هادئ.", 1),
        # a body's words that report the clash the headline told: its source, though the two
        # reports of the clash are one event by then; a person saying it makes a statement
        (
            "مقتل ستة من عناصر الأمن في هجوم على مركز حدودي في طاجيكستان.\n"
            "وقالت وزارة الداخلية الطاجيكية إن ستة من عناصر الأمن لقوا حتفهم في الهجوم على المركز.",
            0,
        ),
        (
            "مقتل ستة من عناصر الأمن في هجوم على مركز حدودي في طاجيكستان.\n"
            "وقال وزير الداخلية الطاجيكي رمضان رحيم زاده إن ستة من عناصر الأمن لقوا حتفهم في الهجوم على المركز.",
            1,
        ),
    ],
)
def test_no_statement_of_a_source_or_a_body_named_again(pipeline, text: str, statements: int) -> None:
    assert [t for t, _ in _typed(pipeline, text)].count("STATEMENT") == statements


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a group claiming the attack makes a statement of its own, by the group alone
        (
            "وأعلنت حركة طالبان مسؤوليتها عن الهجوم على مركز الشرطة في قندوز.",
            [("STATEMENT", {"TALIBAN"}), ("CLASH", {"TALIBAN", "AFG"})],
        ),
        ("وأعلن تنظيم داعش المسؤولية الكاملة عن التفجير.", [("STATEMENT", {"ISIS"}), ("CLASH", {"ISIS"})]),
        # the claim in a relative clause is the claim of the name before it
        (
            "وقتل ثلاثة في الهجوم الذي نفذته حركة طالبان، التي أعلنت مسؤوليتها عن الهجوم.",
            [("CLASH", {"TALIBAN"}), ("STATEMENT", {"TALIBAN"})],
        ),
        # a relative clause that states what a document says is no one speaking
        ("وقعت روسيا وكازاخستان الاتفاق الذي أكد أهمية التعاون.", [("AGREEMENT", {"RUS", "KAZ"})]),
        # a body announcing the attack only reports it: the attack is the news
        ("وأعلنت حركة طالبان الهجوم على مركز الشرطة في قندوز.", [("CLASH", {"TALIBAN", "AFG"})]),
    ],
)
def test_a_claim_of_responsibility_is_a_statement(pipeline, text: str, expected: list[tuple[str, set[str]]]) -> None:
    doc = pipeline(Document("t", text, DocumentMeta(published="2015-05-20")))
    assert [(e.type, set(e.actors)) for e in doc.events] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the members a clause lists to describe the organization are not what was said
        (
            "وأعلن أمين عام منظمة شنغهاي للتعاون، التي تضم الصين وروسيا والهند، أن إيران ستصبح عضوا كاملا في المنظمة.",
            [("STATEMENT", {"SCO", "IRN"})],
        ),
        # states named in the words themselves are what it is about
        (
            "وأعلن أمين عام منظمة شنغهاي للتعاون أن الصين والهند ستدعمان إيران.",
            [("STATEMENT", {"SCO", "CHN", "IND", "IRN"})],
        ),
    ],
)
def test_a_description_inside_the_speaker_is_no_topic(pipeline, text: str, expected: list) -> None:
    assert _typed(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name the speaker's window cuts is still in what was said
        (
            "وأكد رئيس قرغيزستان صادر جباروف على أهمية توسيع التعاون الاقتصادي والتجاري والأمني مع الاتحاد الأوروبي.",
            [("STATEMENT", {"KGZ", "EU"})],
        ),
        # a clause opening with its verb, its own subject after it, carries no subject from before
        (
            "وأكد رئيس قرغيزستان صادر جباروف على أهمية التعاون الأمني، "
            "فيما قال رئيس كازاخستان قاسم جومارت توكاييف إن بلاده ستعمل مع الاتحاد الأوروبي.",
            [("STATEMENT", {"KGZ"}), ("STATEMENT", {"KAZ", "EU"})],
        ),
        # with no subject of its own, the clause goes on with the one before
        (
            "وأكد رئيس قرغيزستان صادر جباروف على أهمية التعاون الأمني، وقال إن بلاده ستعمل مع الاتحاد الأوروبي.",
            [("STATEMENT", {"KGZ"}), ("STATEMENT", {"KGZ", "EU"})],
        ),
    ],
)
def test_what_was_said_and_by_whom_at_the_edges_of_a_window(pipeline, text: str, expected: list) -> None:
    assert _typed(pipeline, text) == expected
