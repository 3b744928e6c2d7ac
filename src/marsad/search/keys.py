"""Search keys: what a word of an article or of a query is looked up by.

A word is normalized (hamza and alef forms, ya and alef maqsura, ta marbuta, diacritics and
tatweel: ``text/charmap.json``) and read with and without its proclitics («لمنظمة» is also
«منظمة»). A word that belongs to a name in the knowledge base also gets a key with the
letters that transliterate one foreign sound folded together (``name_fold.yaml``: «شنغهاي»,
«شنجهاي» and «شنقهاي» share one), so every spelling of a name finds the others; everyday
words are not folded, so «غاز» never finds «جاز». A query looks a name's word up by its
folded name key only, so an article's name word is indexed under that key alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from marsad.datafile import load_yaml
from marsad.lang import Language, language_pack
from marsad.text.normalize import NormalizedText, normalize, normalize_key

if TYPE_CHECKING:
    from marsad.kb.loader import KnowledgeBase

WORD = re.compile(r"[^\W_]+")
_MIN_STEM = 2  # a proclitic reading must leave at least this many letters
NAME_KEY = "~"  # marks a folded name key, which no word key can equal


@dataclass(frozen=True, slots=True)
class Token:
    start: int  # offsets in the original text
    end: int
    keys: frozenset[str]


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    raw = load_yaml(resources.files("marsad.search").joinpath("name_fold.yaml").read_text(encoding="utf-8"))
    table: dict[int, str] = {}
    for target, letters in raw["fold"].items():
        for letter in letters:
            table[ord(normalize_key(letter) or letter)] = normalize_key(target)
    return table


def fold_name(word: str) -> str:
    return word.translate(_fold_table())


class SearchKeys:
    """The keys of words for one knowledge base (whose names are folded) and one language
    (whose clitic analysis gives a word's readings)."""

    def __init__(self, kb: KnowledgeBase, language: Language) -> None:
        self._morphology = language.morphology
        words: set[str] = set()
        for entity in kb.entities.values():
            for name in (entity.name_ar, *entity.aliases):
                for word in WORD.findall(normalize_key(name or "")):
                    if len(word) > _MIN_STEM:
                        words.add(fold_name(word))
        self._names = frozenset(words)
        self.word_keys = lru_cache(maxsize=500_000)(self._word_keys)  # type: ignore[method-assign]

    def _readings(self, word: str) -> set[str]:
        """A normalized word and its readings without proclitics."""
        readings = {word}
        for reading in self._morphology.readings(word, min_stem=_MIN_STEM):
            if reading.prefix and not reading.future:
                readings.add(reading.stem)
        return readings

    def _word_keys(self, word: str) -> frozenset[str]:
        keys = set()
        for reading in self._readings(word):
            folded = fold_name(reading)
            keys.add(NAME_KEY + folded if folded in self._names else reading)
        return frozenset(keys)

    def word_keys(self, word: str) -> frozenset[str]:  # replaced by the cached one
        """The keys a word of an article is indexed under: each of its readings (the word and
        the word without proclitics); a reading that is a name's word under its folded name key
        alone, since a query looks a name's word up by that key only."""
        return self._word_keys(word)


@lru_cache(maxsize=1)
def default_keys() -> SearchKeys:
    """The keys of the bundled knowledge base, read as Arabic: what queries are looked up by."""
    from marsad.kb.loader import bundled_knowledge_base

    return SearchKeys(bundled_knowledge_base(), language_pack("ar"))


def word_keys(word: str) -> frozenset[str]:
    """:meth:`SearchKeys.word_keys` of the bundled knowledge base."""
    return default_keys().word_keys(word)


def tokens(text: str, norm: NormalizedText | None = None) -> list[Token]:
    """The words of ``text`` with their original offsets and search keys (``norm``: the
    text already normalized, when the pipeline has done it)."""
    norm = norm or normalize(text)
    keys_of = default_keys().word_keys
    found = []
    for match in WORD.finditer(norm.text):
        start, end = norm.to_original(match.start(), match.end())
        found.append(Token(start, end, keys_of(match.group())))
    return found


def query_terms(query: str) -> list[frozenset[str]]:
    """Each word of a query as the keys any of which it matches. A folded name key stands
    alone for a name's word (every spelling); otherwise the word's own readings."""
    terms = []
    for token in tokens(query):
        named = {k for k in token.keys if k.startswith(NAME_KEY)}
        terms.append(frozenset(named) if named else token.keys)
    return terms
