"""Offset-preserving normalization of Arabic text for matching.

The character rules live in ``charmap.json``; this module only applies them. Every
character of the normalized text remembers the span of original characters it came
from, so a span found in normalized text maps back to ``original[start:end]`` exactly.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _code_point(spec: str) -> str:
    if not spec.startswith("U+"):
        raise ValueError(f"charmap.json: expected a code point like 'U+0627', got {spec!r}")
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


@lru_cache(maxsize=1)
def load_charmap() -> CharMap:
    raw = json.loads(resources.files("marsad.text").joinpath("charmap.json").read_text(encoding="utf-8"))
    single: dict[int, str] = {}
    other: dict[str, str] = {}
    attached: set[str] = set()
    for table in raw["tables"]:
        for src, dst in _table_entries(table).items():
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
    """Normalized text plus, for each of its characters, the original span it came from.

    ``starts``/``ends`` are ``None`` when normalization kept every offset (the common case
    for clean text), which saves two lists per document.
    """

    original: str
    text: str
    starts: list[int] | None = None
    ends: list[int] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalized span ``[start, end)`` to the original text."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) is outside the normalized text of length {len(self.text)}")
        if self.starts is None or self.ends is None:
            return start, end
        if start == end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def normalize(original: str) -> NormalizedText:
    """Normalize ``original`` for matching, keeping a map back to original offsets."""
    charmap = load_charmap()
    translated = original.translate(charmap.single)
    if charmap.special_pattern.search(translated) is None:
        return NormalizedText(original, translated)
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for match in charmap.special_pattern.finditer(translated):
        kept = translated[pos : match.start()]
        pieces.append(kept)
        starts.extend(range(pos, match.start()))
        ends.extend(range(pos + 1, match.start() + 1))
        for offset, ch in enumerate(match.group(), start=match.start()):
            replacement = charmap.other[ch]
            if replacement:
                pieces.append(replacement)
                starts.extend([offset] * len(replacement))
                ends.extend([offset + 1] * len(replacement))
            elif ch in charmap.attached and ends and ends[-1] == offset:
                ends[-1] = offset + 1
        pos = match.end()
    pieces.append(translated[pos:])
    starts.extend(range(pos, len(translated)))
    ends.extend(range(pos + 1, len(translated) + 1))
    return NormalizedText(original, "".join(pieces), starts, ends)


def normalize_key(text: str) -> str:
    """Normalize a lexicon entry (an alias, a trigger) the same way as running text."""
    return " ".join(normalize(text).text.split())
