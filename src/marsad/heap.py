"""The cyclic garbage collector, set for a long extraction run and paused while a large
answer is built.

The knowledge base, the language packs' tables and the matchers built from them are some
300,000 container objects that live as long as the process, and every full collection of the
cyclic collector walked all of them again (about 0.1 s a time, many times a corpus).
Extraction makes many short-lived containers and almost no reference cycles. So once the
pipeline is built, what it holds is moved out of the collector's generations (``gc.freeze``,
which also keeps a forked worker from writing to, and so copying, its parent's pages), and the
young generation is collected every :data:`YOUNG_THRESHOLD` allocations instead of every 700.

A query answer that lists every event behind every count (the indicators of every state,
partner and format: 700,000 ids on the million-event store) is a few thousand containers
holding hundreds of thousands of strings, made at once and kept: each collection of the
young generation on the way walks those fresh lists again, which made one call in ten take
twice as long as the others. Building them makes no reference cycle, so the collector waits
(:func:`collector_paused`) until the answer is made.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 10_000


def settle_after_loading() -> None:
    """Call once the pipeline is built, before documents are read (the extraction commands,
    each ingest worker, the extraction benchmark)."""
    gc.collect()
    gc.freeze()
    young, older, oldest = gc.get_threshold()
    gc.set_threshold(max(YOUNG_THRESHOLD, young), older, oldest)


_pause_lock = threading.Lock()
_pausing = 0  # the callers inside collector_paused, in every thread
_enabled_before = False  # whether the collector ran when the first of them came in


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic collection inside; the collector runs again once the last caller in any
    thread is out, unless it was off before the first came in."""
    global _pausing, _enabled_before
    with _pause_lock:
        if _pausing == 0:
            _enabled_before = gc.isenabled()
            gc.disable()
        _pausing += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pausing -= 1
            if _pausing == 0 and _enabled_before:
                gc.enable()
