from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.extract.gazetteer import GazetteerMatch, _ancestors, _longest_first, _origin, _squeezed


def _reference(candidates: list[GazetteerMatch], kb) -> list[GazetteerMatch]:
    """The resolution as first written: each nested candidate scans every match chosen."""
    chosen: list[GazetteerMatch] = []
    taken = bytearray(max((c.end for c in candidates), default=0))
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if not any(taken[cand.start : cand.end]):
            taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
            chosen.append(cand)
            continue
        outers = [c for c in chosen if c.start <= cand.start and cand.end <= c.end and c is not cand]
        if len(outers) == 1 and cand.targets[0].entity_id in _ancestors(kb, outers[0].targets[0].entity_id):
            chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return chosen


# e0 … e5: a chain of parents, e6 and e7 apart, e3 a national body of e7
_ENTITIES = {
    f"e{i}": SimpleNamespace(
        id=f"e{i}",
        type="organization",
        kind="",
        parent=f"e{i - 1}" if 0 < i < 6 else "",
        country="e7" if i == 3 else "",
    )
    for i in range(8)
}
_KB = SimpleNamespace(entities=_ENTITIES)


@st.composite
def _candidates(draw) -> list[GazetteerMatch]:
    """Many spans over a short text, nested and overlapping, at most one per (start, end)."""
    spans = draw(
        st.lists(
            st.tuples(st.integers(0, 60), st.integers(1, 25)).map(lambda t: (t[0], t[0] + t[1])),
            max_size=80,
            unique=True,
        )
    )
    found = []
    for start, end in spans:
        entity = draw(st.sampled_from(sorted(_ENTITIES)))
        found.append(GazetteerMatch(start, end, (SimpleNamespace(entity_id=entity),)))
    return found


@settings(max_examples=400, deadline=None)
@given(_candidates())
def test_longest_first_agrees_with_a_scan_of_the_chosen_matches(candidates: list[GazetteerMatch]) -> None:
    assert _longest_first(candidates, _KB) == _reference(candidates, _KB)  # type: ignore[arg-type]


def test_longest_first_keeps_a_parent_nested_in_its_organ_once() -> None:
    def m(start: int, end: int, entity: str) -> GazetteerMatch:
        return GazetteerMatch(start, end, (SimpleNamespace(entity_id=entity),))  # type: ignore[arg-type]

    # e4 is e5's parent and e7 the state of e3, up e5's chain: both stay inside e5; e3 lies
    # inside e5 and e4 both, and goes; e6 is no ancestor of e5
    outer, parent, inner, state, stranger = (
        m(0, 20, "e5"),
        m(10, 20, "e4"),
        m(12, 20, "e3"),
        m(2, 8, "e7"),
        m(3, 6, "e6"),
    )
    assert _longest_first([inner, state, stranger, parent, outer], _KB) == [outer, state, parent]


@given(st.text(alphabet='ab \n\t-\u2013"\u00ab\u00bb', max_size=40))
def test_squeezed_text_maps_back_to_each_word_character(text: str) -> None:
    squeezed, starts, origins = _squeezed(text)
    for i, ch in enumerate(squeezed):
        if ch.isalnum():
            assert text[_origin(starts, origins, i) if starts else i] == ch
    assert "  " not in squeezed and "\n" not in squeezed


def test_squeezed_text_reads_separators_as_one() -> None:
    assert _squeezed("a\n b  c")[0] == "a b c"
    assert _squeezed("a - b -c")[0] == "a-b-c"
    assert _squeezed("a, b")[0] == "a, b"  # a comma stays
    assert _squeezed("ab", (1,))[0] == "a b"
