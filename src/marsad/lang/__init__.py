"""Language packs: each language's grammar and lexicons as data, with a small morphology.

The extraction stages are the same for every language; they ask the pack of a document's
language. :func:`language_for` picks it: the document's ``language`` metadata, else the
script its letters are written in (:func:`detect_language`). A language without a pack is
read with no grammar: its names, places, dates and figures are found, its events,
memberships and claims are not, and the document carries a note that says so.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from marsad.lang.base import NO_MORPHOLOGY, Language, LanguageDataError, Morphology, Reading
from marsad.lang.detect import detect_language

__all__ = [
    "NO_MORPHOLOGY",
    "PACKS",
    "Language",
    "LanguageDataError",
    "Morphology",
    "Reading",
    "detect_language",
    "language_for",
    "language_pack",
]

# language code -> the module whose ``pack()`` builds its pack
PACKS: dict[str, str] = {"ar": "marsad.lang.ar", "en": "marsad.lang.en", "ru": "marsad.lang.ru"}


@lru_cache(maxsize=32)
def language_pack(code: str) -> Language:
    """The pack of language ``code``; a language without one gets an empty pack of its code."""
    module = PACKS.get(code)
    if module is None:
        return Language(code)
    return importlib.import_module(module).pack()  # type: ignore[no-any-return]


def language_for(declared: str, text: str) -> str:
    """The language a document is read in: as declared, else as its script shows ("" when
    the text has no letters at all)."""
    return declared.strip().lower() if declared and declared.strip() else detect_language(text)
