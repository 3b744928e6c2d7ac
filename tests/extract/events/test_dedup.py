"""One event reported twice in an article is kept once, with the best date any report states."""

from __future__ import annotations

from dataclasses import replace

import pytest

from marsad.document import Event, Evidence
from marsad.extract.events.dedup import deduplicate


def _event(date: str, source: str, actors: tuple[str, ...] = ("KAZ", "RUS"), at: int = 0) -> Event:
    span = Evidence(at, at + 5, "xxxxx")
    return Event("MEETING", "CONSULT", actors, (), date, "", "asserted", span, span, 0.8, "r", source)


@pytest.mark.parametrize(
    ("first", "again", "kept"),
    [
        # a headline dated by the article, its lead by the text: the text's date is kept
        (("2024-03-08", "reference"), ("2024-03-07", "text"), ("2024-03-07", "text")),
        # two stated dates that agree: the more precise
        (("2024-03", "text"), ("2024-03-07", "context"), ("2024-03-07", "context")),
        # the first stated date stays against the article's own
        (("2024-03-07", "text"), ("2024-03-08", "reference"), ("2024-03-07", "text")),
        # a less precise repetition changes nothing
        (("2024-03-07", "text"), ("2024", "text"), ("2024-03-07", "text")),
    ],
)
def test_the_repeated_event_keeps_the_best_stated_date(
    first: tuple[str, str], again: tuple[str, str], kept: tuple[str, str]
) -> None:
    (event,) = deduplicate([_event(*first), _event(*again, at=100)])
    assert (event.date, event.date_source) == kept
    assert event.evidence.start == 0  # the first report stays


def test_two_stated_dates_that_disagree_are_two_events() -> None:
    events = deduplicate([_event("2022-01", "text"), _event("2024-03", "text", at=100)])
    assert [e.date for e in events] == ["2022-01", "2024-03"]


@pytest.mark.parametrize(("signals", "kept"), [(("listed",), 2), ((), 1)])
def test_a_document_signed_in_a_list_is_its_own_agreement(signals: tuple[str, ...], kept: int) -> None:
    first = replace(_event("2024-03-07", "text"), type="AGREEMENT", signals=signals)
    again = replace(_event("2024-03-07", "text", at=100), type="AGREEMENT", signals=signals)
    assert len(deduplicate([first, again])) == kept


def _statement(actors: tuple[str, ...], at: int) -> Event:
    return replace(_event("2024-03-07", "reference", actors, at), type="STATEMENT")


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        # the title's statement told again in the lead, with fewer of its parties or more
        ((("IRN",), 100), [("IRN", "TJK")]),
        ((("IRN", "TJK", "AFG"), 100), [("IRN", "TJK", "AFG")]),
        # another speaker's words are their own
        ((("TJK",), 100), [("IRN", "TJK"), ("TJK",)]),
    ],
)
def test_the_titles_statement_is_told_again_in_the_lead(
    body: tuple[tuple[str, ...], int], kept: list[tuple[str, ...]]
) -> None:
    events = [_statement(("IRN", "TJK"), 0), _statement(*body)]
    assert [e.actors for e in deduplicate(events, frozenset({"STATEMENT"}), title_end=50)] == kept


def test_without_a_title_two_statements_of_one_speaker_stay_two() -> None:
    events = [_statement(("IRN", "TJK"), 0), _statement(("IRN",), 100)]
    assert len(deduplicate(events, frozenset({"STATEMENT"}))) == 2
    # only the first statement after the title repeats it
    events = [_statement(("IRN", "TJK"), 0), _statement(("IRN",), 100), _statement(("IRN",), 200)]
    assert len(deduplicate(events, frozenset({"STATEMENT"}), title_end=50)) == 2


def _bodies(actors: tuple[str, ...]) -> frozenset[str]:
    return frozenset(a for a in actors if a in {"SCO", "CSTO"})


@pytest.mark.parametrize(
    ("again", "kept"),
    [
        # the organization's summit told again with another state taking part: one meeting
        (("SCO", "KAZ"), [("SCO", "RUS", "KAZ")]),
        # another organization's meeting is another meeting
        (("CSTO", "KAZ"), [("SCO", "RUS"), ("CSTO", "KAZ")]),
    ],
)
def test_an_organizations_meeting_told_again_with_others(again: tuple[str, ...], kept: list[tuple[str, ...]]) -> None:
    events = [_event("2024-07-04", "text", ("SCO", "RUS")), _event("2024-07-04", "text", again, at=100)]
    assert [e.actors for e in deduplicate(events, bodies=_bodies)] == kept


@pytest.mark.parametrize(
    ("lemma", "kept"),
    [
        # the protesters' storming, then their clashes with the police: two acts of the unrest
        ("محتجين", 2),
        # the protest told again by its own word is the one told
        ("احتجاجات", 1),
    ],
)
def test_one_states_unrest_told_by_other_words_is_another_act(lemma: str, kept: int) -> None:
    first = replace(_event("2024-03-07", "text", ("KGZ",)), type="PROTEST", lemma="احتجاجات")
    again = replace(_event("2024-03-07", "text", ("KGZ",), at=100), type="PROTEST", lemma=lemma)
    assert len(deduplicate([first, again], acts=frozenset({"PROTEST"}))) == kept
    # without the type among the acts, the article tells one event again
    assert len(deduplicate([first, again])) == 1
