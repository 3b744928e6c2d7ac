"""Anchors: which fact of a re-extracted document a review points at."""

from __future__ import annotations

import pytest

from marsad.review.anchor import Anchor, match
from marsad.review.kinds import Fact


def _event(
    fact_id: str, start: int, end: int, trigger: tuple[int, int], type: str = "EXERCISE", evidence: str = "words"
) -> Fact:
    return Fact("event", fact_id, "d", start, end, evidence, trigger, {"type": type, "trigger": "held"}, {}, None, None)


ANCHOR = Anchor("event", "d", 10, 60, "words", (20, 24), {"type": "EXERCISE", "trigger": "held"})


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ([_event("d:e0", 10, 60, (20, 24))], "d:e0"),  # the same fact under the same id
        ([_event("d:e0", 0, 9, (2, 6)), _event("d:e1", 10, 60, (20, 24))], "d:e1"),  # another id
        ([_event("d:e0", 12, 58, (40, 44)), _event("d:e1", 15, 60, (20, 24))], "d:e1"),  # the same trigger wins
        ([_event("d:e0", 5, 70, (30, 34))], "d:e0"),  # a wider sentence now, the evidence overlaps
        ([_event("d:e0", 10, 60, (20, 24), type="MEETING")], None),  # read as another type: not this fact
        ([_event("d:e0", 100, 160, (120, 124), evidence="other words")], None),  # elsewhere in the article
        ([_event("d:e0", 100, 150, (110, 114))], "d:e0"),  # the same sentence, moved by an edit of the text
        ([Fact("event", "x:e0", "x", 10, 60, "words", (20, 24), ANCHOR.identity, {}, None, None)], None),  # another doc
    ],
)
def test_the_fact_at_the_anchor_is_found_again(facts: list[Fact], expected: str | None) -> None:
    found = match([ANCHOR], facts)
    assert (found[ANCHOR.key].fact_id if ANCHOR.key in found else None) == expected


def test_one_fact_answers_one_anchor() -> None:
    near = Anchor("event", "d", 10, 60, "words", (30, 34), {"type": "EXERCISE", "trigger": "held"})
    found = match([ANCHOR, near], [_event("d:e0", 10, 60, (20, 24))])
    assert list(found) == [ANCHOR.key]  # the one at its trigger; the other is unmatched


def test_the_key_depends_on_everything_that_places_the_fact() -> None:
    assert ANCHOR.key == Anchor("event", "d", 10, 60, "words", (20, 24), {"trigger": "held", "type": "EXERCISE"}).key
    moved = Anchor("event", "d", 10, 60, "words", (21, 24), dict(ANCHOR.identity))
    assert moved.key != ANCHOR.key
