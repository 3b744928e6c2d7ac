"""Items with a start offset, found by range in logarithmic time: a stage that looks at each
sentence's mentions or dates must not read the whole document's list for every sentence (a
10 MB article has 100,000 sentences)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class ByStart(Generic[T]):
    def __init__(self, items: Sequence[T], start: Callable[[T], int] = lambda item: item.start) -> None:  # type: ignore[attr-defined]
        self.items = sorted(items, key=start)
        self.starts = [start(item) for item in self.items]

    def between(self, start: int, end: int) -> list[T]:
        """The items starting in ``[start, end)``, in order."""
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def first_from(self, start: int) -> T | None:
        index = bisect_left(self.starts, start)
        return self.items[index] if index < len(self.items) else None
