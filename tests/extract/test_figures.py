from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.document import Mention
from marsad.extract.figures import _AFTER, _owner


def _reference(actors: list[Mention], starts: list[int], start: int, end: int, sentence_start: int) -> str:
    """The owner as first written: a list of every actor before the quantity."""
    from bisect import bisect_left

    index = bisect_left(starts, end)
    if index < len(actors) and actors[index].start - end <= _AFTER and actors[index].rule == "gazetteer.nisba":
        return actors[index].entity_id
    before = [m for m in actors[:index] if m.start >= sentence_start and m.end <= start]
    return before[-1].entity_id if before else ""


@st.composite
def _actors(draw) -> list[Mention]:
    """Many actors, some overlapping or nested (a long name around a short one)."""
    found = []
    for n, (start, size) in enumerate(draw(st.lists(st.tuples(st.integers(0, 300), st.integers(1, 40)), max_size=60))):
        rule = draw(st.sampled_from(["gazetteer.name", "gazetteer.nisba"]))
        found.append(Mention(start, start + size, "x" * size, f"e{n}", "country", rule))
    return sorted(found, key=lambda m: m.start)


@settings(max_examples=300, deadline=None)
@given(_actors(), st.integers(0, 340), st.integers(0, 30), st.integers(0, 340))
def test_owner_agrees_with_a_list_of_every_actor_before(actors, start, size, sentence_start) -> None:
    starts = [m.start for m in actors]
    end = start + size
    assert _owner(actors, starts, start, end, sentence_start) == _reference(actors, starts, start, end, sentence_start)


# -- a figure told again is one figure -------------------------------------------------------------

import pytest  # noqa: E402

from marsad.document import Document, DocumentMeta  # noqa: E402
from marsad.extract.pipeline import build_pipeline  # noqa: E402


@pytest.fixture(scope="module")
def pipeline():
    return build_pipeline()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the same people counted again with another noun: one figure
        ("قتل 12 شخصا في الهجوم. وكان بين القتلى الـ12 مدنيون. وبلغ عدد القتلى 12 قتيلا.", [(12, "persons")]),
        # the same number of different things: two figures
        ("صادرت الشرطة 3 بنادق و3 مسدسات.", [(3, "rifles"), (3, "pistols")]),
        # a sum in two currencies: two figures
        ("بلغت المنحة 100 مليون دولار أي نحو 90 مليون يورو.", [(1e8, "USD"), (9e7, "EUR")]),
    ],
)
def test_a_figure_told_again_is_one(pipeline, text: str, expected: list[tuple[float, str]]) -> None:
    doc = pipeline(Document("t", text, DocumentMeta()))
    assert [(f.value, f.unit) for f in doc.figures] == expected


@pytest.mark.parametrize(
    ("text", "language", "sentence"),
    [
        # told first alone (a headline), then beside the same sum in another currency: it is told
        # in the second sentence, where an indicator can pair the two currencies
        ("ميزانية الدفاع تبلغ ملياري دولار\n\nوستنفق الحكومة 900 مليار تنغي (ملياري دولار) على الجيش.", "ar", 1),
        (
            "Defence budget reaches $2 billion\n\nThe government will spend 900 billion tenge ($2 billion) on its army.",
            "en",
            1,
        ),
        (
            "Бюджет обороны достиг 2 млрд долларов\n\nПравительство потратит 900 млрд тенге (2 млрд долларов) на армию.",
            "ru",
            1,
        ),
        # told again with no other currency beside it: it stays where it was first told
        ("ميزانية الدفاع تبلغ ملياري دولار\n\nوستنفق الحكومة ملياري دولار على الجيش خلال عام.", "ar", 0),
        (
            "Defence budget reaches $2 billion\n\nThe government will spend $2 billion on its army, and 900 soldiers.",
            "en",
            0,
        ),
    ],
)
def test_a_sum_told_again_in_two_currencies_is_told_there(pipeline, text: str, language: str, sentence: int) -> None:
    doc = pipeline(Document("t", text, DocumentMeta(language=language)))
    dollars = [f for f in doc.figures if f.unit == "USD"]
    assert [f.value for f in dollars] == [2e9]
    starts = [s.start for s in doc.sentences]
    assert max(i for i, start in enumerate(starts) if start <= dollars[0].evidence.start) == sentence
    assert sorted(f.unit for f in doc.figures if f.value != 2e9) == (
        ["KZT"] if sentence else ["soldiers"] if language == "en" else []
    )


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the year its sentence states
        ("أنفقت كازاخستان في عام 2023 نحو 1.5 مليار دولار على الدفاع.", "2024-05-01", ("2023", "text")),
        ("Kazakhstan spent $1.5 billion on defence in 2022.", "2024-05-01", ("2022", "text")),
        # of two dates in the sentence, the nearer one
        ("في عام 2019 وقعت الاتفاقية، وفي عام 2021 أرسلت روسيا 300 جندي.", "2024-05-01", ("2021", "text")),
        # none stated: the article's date
        ("وأرسلت روسيا 300 جندي إلى طاجيكستان.", "2024-05-01", ("2024-05-01", "reference")),
        # no date at all
        ("وأرسلت روسيا 300 جندي إلى طاجيكستان.", "", ("", "")),
    ],
)
def test_a_figure_is_dated_by_its_sentence_else_by_the_article(
    pipeline, text: str, published: str, expected: tuple[str, str]
) -> None:
    (figure,) = pipeline(Document("t", text, DocumentMeta(published=published))).figures
    assert (figure.date, figure.date_source) == expected
