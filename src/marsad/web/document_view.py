"""An article cut into segments, each knowing which mention, events and figure cover it, so
the template can mark them (escaped) however they nest or overlap."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any


@dataclass
class Segment:
    text: str
    mention: dict[str, Any] | None = None
    events: list[str] = field(default_factory=list)  # ids of the events whose evidence covers it
    figure: Any = None
    focus: bool = False  # part of the evidence of the event asked for
    anchors: list[str] = field(default_factory=list)  # ids starting here («ev-…»)


def annotated_segments(
    text: str,
    mentions: list[dict[str, Any]],
    events: list[dict[str, Any]],
    figures: list[Any],
    focus: str = "",
) -> list[Segment]:
    spans: list[tuple[int, int, str, Any]] = []
    spans += [(m["start_char"], m["end_char"], "mention", m) for m in mentions]
    spans += [(e["start_char"], e["end_char"], "event", e) for e in events]
    spans += [(f.source.start, f.source.end, "figure", f) for f in figures]
    cuts = sorted({0, len(text), *(max(0, min(len(text), p)) for s in spans for p in s[:2])})
    segments = [Segment(text[a:b]) for a, b in pairwise(cuts)]
    starts = cuts[:-1]
    for start, end, kind, value in spans:
        first = bisect_right(starts, start) - 1
        for index in range(first, len(segments)):
            if starts[index] >= end:
                break
            segment = segments[index]
            if kind == "mention":
                segment.mention = segment.mention or value
            elif kind == "figure":
                segment.figure = value
            else:
                segment.events.append(value["event_id"])
                segment.focus = segment.focus or value["event_id"] == focus
                if index == first:
                    segment.anchors.append(f"ev-{value['event_id']}")
    return [s for s in segments if s.text]
