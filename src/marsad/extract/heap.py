"""The cyclic garbage collector, set for a long extraction run.

The knowledge base, the language packs' tables and the matchers built from them are some
300,000 container objects that live as long as the process, and every full collection of the
cyclic collector walked all of them again (about 0.1 s a time, many times a corpus).
Extraction makes many short-lived containers and almost no reference cycles. So once the
pipeline is built, what it holds is moved out of the collector's generations (``gc.freeze``,
which also keeps a forked worker from writing to, and so copying, its parent's pages), and the
young generation is collected every :data:`YOUNG_THRESHOLD` allocations instead of every 700.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000


def settle_after_loading() -> None:
    """Call once the pipeline is built, before documents are read (the extraction commands,
    each ingest worker, the extraction benchmark)."""
    gc.collect()
    gc.freeze()
    young, older, oldest = gc.get_threshold()
    gc.set_threshold(max(YOUNG_THRESHOLD, young), older, oldest)
