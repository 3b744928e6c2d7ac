"""Offset-preserving normalization of text for matching.

The character rules live in data: ``charmap.json`` holds the folds that belong to no one
script, and each language pack adds the folds of its script
(``lang/xx/data/normalization.yaml``); this module only applies them. A text is
normalized with the tables of every pack, whatever its language: an article quotes other
scripts, and the scripts' code points do not overlap. Every
character of the normalized text remembers the span of original characters it came
from, so a span found in normalized text maps back to ``original[start:end]`` exactly.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from marsad.datafile import load_yaml


def _code_point(spec: str) -> str:
    if not spec.startswith("U+"):
        raise ValueError(f"expected a code point like 'U+0627', got {spec!r}")
    return chr(int(spec[2:], 16))


@dataclass(frozen=True)
class CharMap:
    """The compiled character rules.

    ``single`` maps a code point to exactly one character (length-preserving, applied
    with ``str.translate``); ``other`` maps to zero or several characters; ``attached``
    holds the deleted marks that belong to the character before them.
    """

    single: dict[int, str]
    other: dict[str, str]
    attached: frozenset[str]
    special_pattern: re.Pattern[str]


def _table_entries(table: dict) -> dict[str, str]:
    if "digits_from" in table:
        zero = ord(_code_point(table["digits_from"]))
        return {chr(zero + i): str(i) for i in range(10)}
    if "lowercase_ranges" in table:
        out = {}
        for lo, hi in table["lowercase_ranges"]:
            for cp in range(ord(_code_point(lo)), ord(_code_point(hi)) + 1):
                ch = chr(cp)
                low = ch.lower()
                if low != ch and len(low) == 1:
                    out[ch] = low
        return out
    if "nfkc_ranges" in table:
        out = {}
        for lo, hi in table["nfkc_ranges"]:
            for cp in range(ord(_code_point(lo)), ord(_code_point(hi)) + 1):
                ch = chr(cp)
                if unicodedata.category(ch) == "Cn":
                    continue
                folded = unicodedata.normalize("NFKC", ch)
                if folded != ch:
                    out[ch] = folded.strip() or folded
        return out
    target = "".join(_code_point(t) for t in table["to"].split()) if table["to"] else ""
    return {_code_point(src): target for src in table["from"]}


def _pack_tables() -> list[tuple[str, list[dict[str, Any]]]]:
    """Each language pack's normalization tables, with the file they come from. Read from
    the pack's folder, not through its :class:`~marsad.lang.Language`: building a pack
    normalizes its words, which needs these tables first."""
    from marsad.lang import PACKS
    from marsad.lang.base import check_data

    found = []
    for code, module in PACKS.items():
        source = resources.files(module).joinpath("data", "normalization.yaml")
        if source.is_file():
            raw = check_data("normalization.yaml", load_yaml(source.read_text(encoding="utf-8")))
            found.append((f"lang/{code}/data/normalization.yaml", raw.get("tables", [])))
    return found


def normalization_sources() -> list[Traversable]:
    """The files the normalization table is built from (a cache of normalized keys depends on them)."""
    from marsad.lang import PACKS

    sources = [resources.files("marsad.text").joinpath("charmap.json")]
    for module in PACKS.values():
        source = resources.files(module).joinpath("data", "normalization.yaml")
        if source.is_file():
            sources.append(source)
    return sources


@lru_cache(maxsize=1)
def load_charmap() -> CharMap:
    raw = json.loads(resources.files("marsad.text").joinpath("charmap.json").read_text(encoding="utf-8"))
    single: dict[int, str] = {}
    other: dict[str, str] = {}
    attached: set[str] = set()
    for file, tables in [("text/charmap.json", raw["tables"]), *_pack_tables()]:
        for table in tables:
            try:
                entries = _table_entries(table)
            except (KeyError, TypeError, ValueError) as error:
                raise ValueError(f"{file}: table {table.get('name', '?')!r} is malformed: {error}") from None
            for src, dst in entries.items():
                if len(dst) == 1:
                    single[ord(src)] = dst
                else:
                    other[src] = dst
                    if table.get("attach"):
                        attached.add(src)
    special = re.compile("[" + "".join(re.escape(c) for c in sorted(other)) + "]+")
    return CharMap(single=single, other=other, attached=frozenset(attached), special_pattern=special)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalized text plus a sparse map back to the original characters.

    The map is a list of runs: run ``k`` starts at normalized offset ``run_starts[k]`` and
    original offset ``run_origins[k]``; inside an ordinary run offsets advance together,
    inside an expanded run (a ligature written as two letters) every character maps to
    the one original character. No runs means normalization kept every offset.
    """

    original: str
    text: str
    run_starts: tuple[int, ...] = ()
    run_origins: tuple[int, ...] = ()
    expanded: frozenset[int] = frozenset()
    attached: frozenset[str] = frozenset()

    def _origin(self, index: int) -> int:
        if not self.run_starts:
            return index
        run = bisect_right(self.run_starts, index) - 1
        if run in self.expanded:
            return self.run_origins[run]
        return self.run_origins[run] + index - self.run_starts[run]

    def to_normalized(self, offset: int) -> int:
        """The normalized offset of original offset ``offset`` (deleted marks map forward)."""
        if not self.run_starts:
            return offset
        return self._in_run(bisect_right(self.run_origins, offset) - 1, offset)

    def to_normalized_sorted(self, offsets: list[int]) -> list[int]:
        """:meth:`to_normalized` of each of ``offsets`` (ascending), walking the runs once."""
        if not self.run_starts:
            return list(offsets)
        origins, out, run = self.run_origins, [], 0
        for offset in offsets:
            run = bisect_right(origins, offset, run) - 1  # never before the run of the offset before
            out.append(self._in_run(run, offset))
        return out

    def _in_run(self, run: int, offset: int) -> int:
        """The normalized offset of ``offset``, which lies in run ``run``."""
        if run in self.expanded:
            return self.run_starts[run] if offset == self.run_origins[run] else self.run_starts[run + 1]
        position = self.run_starts[run] + offset - self.run_origins[run]
        if run + 1 < len(self.run_starts):
            position = min(position, self.run_starts[run + 1])
        return min(position, len(self.text))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalized span ``[start, end)`` to the original text.

        Marks deleted by normalization (diacritics, tatweel) right after the last
        character belong to it, so «الكازاخستانيّ» keeps its shadda.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) is outside the normalized text of length {len(self.text)}")
        if start == end:
            pos = self._origin(start) if start < len(self.text) else len(self.original)
            return pos, pos
        o_start, o_end = self._origin(start), self._origin(end - 1) + 1
        while o_end < len(self.original) and self.original[o_end] in self.attached:
            o_end += 1
        return o_start, o_end


def normalize(original: str) -> NormalizedText:
    """Normalize ``original`` for matching, keeping a map back to original offsets."""
    charmap = load_charmap()
    translated = original.translate(charmap.single)
    if charmap.special_pattern.search(translated) is None:
        return NormalizedText(original, translated)
    pieces: list[str] = []
    run_starts: list[int] = [0]
    run_origins: list[int] = [0]
    expanded: set[int] = set()
    length = 0  # of the normalized text so far
    pos = 0
    for match in charmap.special_pattern.finditer(translated):
        kept = translated[pos : match.start()]
        pieces.append(kept)
        length += len(kept)
        for offset, ch in enumerate(match.group(), start=match.start()):
            replacement = charmap.other[ch]
            if replacement:
                expanded.add(len(run_starts))
                run_starts.append(length)
                run_origins.append(offset)
                pieces.append(replacement)
                length += len(replacement)
        pos = match.end()
        run_starts.append(length)
        run_origins.append(pos)
    pieces.append(translated[pos:])
    return NormalizedText(
        original, "".join(pieces), tuple(run_starts), tuple(run_origins), frozenset(expanded), charmap.attached
    )


def normalize_key(text: str) -> str:
    """Normalize a lexicon entry (an alias, a trigger) the same way as running text."""
    if len(text) <= _CACHED_KEY_LENGTH:
        return _short_key(text)
    return _key(text)


# Words and names are normalized again and again (every mention of a surname, a place, a
# verb); a whole article never goes into the cache.
_CACHED_KEY_LENGTH = 64


@lru_cache(maxsize=65_536)
def _short_key(text: str) -> str:
    return _key(text)


def _key(text: str) -> str:
    # the normalized text alone: a key needs no map back to the original offsets
    charmap = load_charmap()
    translated = text.translate(charmap.single)
    if charmap.special_pattern.search(translated) is not None:
        other = charmap.other
        translated = charmap.special_pattern.sub(lambda m: "".join(other[c] for c in m.group()), translated)
    return " ".join(translated.split())
