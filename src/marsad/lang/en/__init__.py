"""The English language pack: for now its month names and abbreviations (``data/``), read
with no morphology; its event, membership and claim lexicons are yet to come."""

from __future__ import annotations

from importlib import resources

from marsad.lang.base import Language


def pack() -> Language:
    return Language("en", root=resources.files("marsad.lang.en").joinpath("data"))
