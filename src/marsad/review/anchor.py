"""Where a review points: the document, the fact's evidence span and text, its own position
(an event's trigger, a claim's or a mention's span) and the fields that identify it (an
event's type and trigger words, a membership's member and organization, a figure's value
and unit, a mention's words).

A fact id is not an anchor: a re-extraction numbers the facts again. The same document
re-extracted gives the reviewed fact back when a fact of the same kind has the same
identifying fields and its evidence overlaps the anchor's span (or reads the same words);
of several, the one at the same position wins, then the one whose evidence overlaps most.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from marsad.review.kinds import Fact


@dataclass(frozen=True, slots=True)
class Anchor:
    kind: str
    doc_id: str
    start: int
    end: int
    evidence: str
    at: tuple[int, int] | None
    identity: dict[str, Any]

    @classmethod
    def of(cls, fact: Fact) -> Anchor:
        return cls(fact.kind, fact.doc_id, fact.start, fact.end, fact.evidence, fact.at, dict(fact.identity))

    @property
    def key(self) -> str:
        """The same anchor, the same key (two analysts reviewing one fact share it)."""
        canonical = json.dumps(
            [self.kind, self.doc_id, self.start, self.end, list(self.at) if self.at else None, self.identity],
            ensure_ascii=False,
            sort_keys=True,
        )
        return hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:20]


def _score(anchor: Anchor, fact: Fact) -> tuple[int, int, int, int] | None:
    """How well ``fact`` sits at ``anchor`` (larger is better); None: not this fact."""
    if fact.kind != anchor.kind or fact.doc_id != anchor.doc_id or fact.identity != anchor.identity:
        return None
    overlap = min(anchor.end, fact.end) - max(anchor.start, fact.start)
    if overlap <= 0 and fact.evidence != anchor.evidence:
        return None
    same_place = int(anchor.at is not None and fact.at == anchor.at)
    same_span = int((fact.start, fact.end) == (anchor.start, anchor.end))
    return (same_place, same_span, max(overlap, 0), -abs(fact.start - anchor.start))


def match(anchors: Iterable[Anchor], facts: Iterable[Fact]) -> dict[str, Fact]:
    """Each anchor's fact (by anchor key), each fact to one anchor at most: the best-placed
    pairs first. Anchors that find no fact are left out (unmatched)."""
    pairs = []
    facts = list(facts)
    for anchor in anchors:
        for index, fact in enumerate(facts):
            score = _score(anchor, fact)
            if score is not None:
                pairs.append((score, anchor.key, index))
    pairs.sort(key=lambda pair: (pair[0], pair[1]), reverse=True)
    found: dict[str, Fact] = {}
    taken: set[int] = set()
    for _, key, index in pairs:
        if key in found or index in taken:
            continue
        found[key] = facts[index]
        taken.add(index)
    return found
