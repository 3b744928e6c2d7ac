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
