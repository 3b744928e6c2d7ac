"""Which of a sentence's dates dates an event, and the day an article's news happened."""

from __future__ import annotations

import pytest

from marsad.document import Document, DocumentMeta
from marsad.extract.events.timing import Timing, event_date
from marsad.extract.pipeline import build_pipeline
from marsad.text.dates import DateMention

REFERENCE = "2024-03-08"


def _timing(*dates: DateMention, context: str = "") -> Timing:
    return Timing(list(dates), REFERENCE, context, [])


def test_a_planned_event_is_not_dated_by_the_words_that_announce_it() -> None:
    # «والثلاثاء، أعلنت الحكومة أنها تعتزم شراء …»: Tuesday is when it was announced
    tuesday = DateMention(0, 8, "2024-03-05", relative=True, upcoming="2024-03-12")
    assert event_date(_timing(tuesday), 40, 0, 60, planned=True) == (REFERENCE, "reference")
    assert event_date(_timing(tuesday), 40, 0, 60, planned=False) == ("2024-03-05", "text")
    # «ومن المقرر أن يشارك الوزير الأربعاء في القمة»: a weekday after a word of the future
    wednesday = DateMention(20, 28, "2024-03-13", relative=True, ahead=True)
    assert event_date(_timing(wednesday), 40, 0, 60, planned=True) == ("2024-03-13", "text")
    # after the trigger, a weekday alone is the next one
    later = DateMention(50, 58, "2024-03-06", relative=True, upcoming="2024-03-13")
    assert event_date(_timing(later), 40, 0, 60, planned=True) == ("2024-03-13", "text")


def test_a_date_after_the_article_before_a_planned_event_is_its_date() -> None:
    # «В 2025 году запланированы учения» in a 2024 article: words are said by then
    next_year = DateMention(2, 14, "2025")
    assert event_date(_timing(next_year), 40, 0, 60, planned=True) == ("2025", "text")
    # a year already begun is when it may have been announced
    this_year = DateMention(2, 14, "2024")
    assert event_date(_timing(this_year), 40, 0, 60, planned=True) == (REFERENCE, "reference")


def test_a_reported_clause_keeps_its_dates() -> None:
    # «وقال الوزير أمس إن بلاده ستستضيف القمة في 10 مايو»: the complementizer at 20
    yesterday = DateMention(12, 15, "2024-03-07", relative=True, reporting=20)
    may = DateMention(45, 52, "2024-05-10", relative=True, reported=20)
    timing = _timing(yesterday, may)
    assert event_date(timing, 5, 0, 60) == ("2024-03-07", "text")  # «قال»: when it was said
    assert event_date(timing, 38, 0, 60) == ("2024-05-10", "text")  # «القمة»: what was said


def test_the_present_yields_to_any_other_date() -> None:
    now = DateMention(10, 15, REFERENCE, relative=True, weak=True)
    year = DateMention(40, 44, "2021")
    assert event_date(_timing(now, year), 12, 0, 60) == ("2021", "text")
    assert event_date(_timing(now), 12, 0, 60) == (REFERENCE, "text")


def test_a_relative_clause_dates_the_noun_it_describes() -> None:
    # «القلعة التي بناها الأمراء في عام 1220», the clause opening at 10, outside the event's part
    built = DateMention(30, 38, "1220", clause=10)
    assert event_date(_timing(built, context="2024-03"), 60, 50, 80) == ("2024-03", "context")  # told after it
    assert event_date(_timing(built, context="2024-03"), 2, 50, 80) == ("1220", "text")  # the castle itself


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


def _events(pipeline, text: str, published: str) -> list[tuple[str, str]]:
    doc = pipeline(Document("t", text, DocumentMeta(published=published)))
    return [(e.type, e.date) for e in doc.events]


def test_the_news_day_of_the_lead_dates_what_it_leaves_undated(pipeline) -> None:
    told = "وقعت روسيا وكازاخستان اتفاقا للتعاون العسكري.\nوأوضح مسؤولون أن الاتفاق وقع {} في موسكو."
    assert _events(pipeline, told.format("أمس الأربعاء"), "2024-03-07") == [("AGREEMENT", "2024-03-06")]
    assert _events(pipeline, told.format("اليوم"), "2024-03-07") == [("AGREEMENT", "2024-03-07")]
    # a day more than a week before the paper is no news day; the signing told again with it
    # is dated by it, however long before the paper
    assert _events(pipeline, told.format("في 20 فبراير"), "2024-03-07") == [("AGREEMENT", "2024-02-20")]
    again = "وقعت روسيا وكازاخستان اتفاقا للتعاون العسكري.\nوأوضح مسؤولون أن المحادثات جرت في 20 فبراير في موسكو."
    assert ("AGREEMENT", "2024-03-07") in _events(pipeline, again, "2024-03-07")


def test_a_date_opening_the_sentence_dates_all_its_clauses(pipeline) -> None:
    text = "وفي آذار، أعلنت قيرغيزستان أنها أحبطت هجوما، إلا أن طاجيكستان نفت ذلك."
    assert ("REJECT", "2024-03") in _events(pipeline, text, "2024-05-20")


def test_a_presence_since_a_year(pipeline) -> None:
    assert _events(pipeline, "وتملك روسيا منذ 2005 قاعدة عسكرية في طاجيكستان.", "2024-03-07") == [
        ("DEPLOYMENT", "2005")
    ]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("ووقعت قيرغيزستان وطاجيكستان اتفاقية تعاون للفترة 2025-2027.", "2024-03-07"),  # a programme's years
        ("ووقعت قيرغيزستان وطاجيكستان اتفاقية تعاون في 2023.", "2023"),
        ("ووقعت روسيا وطاجيكستان اتفاقا ينص على إخلاء القاعدة بحلول 2030.", "2024-03-07"),  # a deadline
        ("ووقعت روسيا وطاجيكستان اتفاقا ينص على إخلاء القاعدة في 2030.", "2030"),
    ],
)
def test_years_that_do_not_date_an_event(pipeline, text: str, date: str) -> None:
    assert _events(pipeline, text, "2024-03-07") == [("AGREEMENT", date)]
