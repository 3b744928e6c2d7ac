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
            "بدأت قمة قادة دول منظمة شنغهاي للتعاون روسيا والصين وكازاخستان في 10 يونيو 2015.",
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
        # leaders named further on, not as the subject, are others
        ("وقالت أوزبكستان إنها وقعت اتفاقية تخدم مصالح المواطنين والقادة في المنطقة.", {"UZB"}),
    ],
)
def test_those_gathered_are_the_parties_of_the_meeting_before(pipeline, second: str, expected: set[str]) -> None:
    text = "عقد رؤساء روسيا وكازاخستان وقيرغيزستان قمة في موسكو يوم 5 مايو 2015. " + second
    assert [set(a) for a in _events(pipeline, text, "AGREEMENT")] == [expected]
