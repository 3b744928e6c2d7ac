"""Marsad: an Arabic-first security-intelligence engine for Central Asia.

``kb = marsad.open("marsad.duckdb")`` answers questions from a store built by
``marsad ingest``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from marsad.query.api import Marsad


def open(path: str | Path, include_rejected: bool = False) -> Marsad:
    """Open a store for questions (imported lazily: the CLI need not load the query layer);
    facts an analyst rejected are left out unless ``include_rejected``."""
    from marsad.query.api import Marsad

    return Marsad(path, include_rejected=include_rejected)
