"""Sentence and token segmentation for Arabic news text, with offsets into the input."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.datafile import load_yaml

# A run of terminators, with any closing quotes or brackets that belong to the sentence.
_TERMINATOR = re.compile(r"(?:[.!?؟؛;]+|…)[\"'»”’)\]\u200f]*|\n+")
_WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*", re.UNICODE)
_LAST_TOKEN = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)\s*$")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class SegmentationRules:
    abbreviations: frozenset[str]
    conjunctions: tuple[str, ...]
    prepositions: tuple[str, ...]
    article: str
    lam_article: str


@lru_cache(maxsize=1)
def load_rules() -> SegmentationRules:
    raw = load_yaml(resources.files("marsad.text").joinpath("segmentation.yaml").read_text(encoding="utf-8"))
    abbreviations = {a.lower() for group in raw["abbreviations"].values() for a in group}
    pro = raw["proclitics"]
    return SegmentationRules(
        abbreviations=frozenset(abbreviations),
        conjunctions=tuple(pro["conjunctions"]),
        prepositions=tuple(pro["prepositions"]),
        article=pro["article"],
        lam_article=pro["lam_article"],
    )


def _is_abbreviation(text: str, stop: int, rules: SegmentationRules) -> bool:
    """True when the full stop at ``stop`` closes an abbreviation such as «د.» or «U.S.»."""
    match = _LAST_TOKEN.search(text, max(0, stop - 12), stop)
    if match is None:
        return False
    token = match.group(1).lower()
    return token in rules.abbreviations or (len(token) == 1 and token.isalpha() and token.isascii())


def sentence_spans(text: str) -> list[Span]:
    """Split ``text`` into sentences; spans are trimmed of surrounding whitespace."""
    rules = load_rules()
    spans: list[Span] = []
    start = 0
    for match in _TERMINATOR.finditer(text):
        if match.group().startswith("."):
            before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
            # 1.3 and 2.500: a full stop between digits is a decimal or thousands mark.
            if before.isdigit() and after.isdigit():
                continue
            if match.group() == "." and _is_abbreviation(text, match.start(), rules):
                continue
        _append_trimmed(text, start, match.end(), spans)
        start = match.end()
    _append_trimmed(text, start, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


@dataclass(frozen=True, slots=True)
class Token:
    """A word with its offsets; ``stem_start`` is where it begins after its proclitics."""

    start: int
    end: int
    stem_start: int


def proclitic_prefixes() -> frozenset[str]:
    """Every proclitic sequence that may stand before a word: و، ف، ب، ل، ك، ال، لل and their chains."""
    return _proclitic_prefixes(load_rules())


@lru_cache(maxsize=1)
def _proclitic_prefixes(rules: SegmentationRules) -> frozenset[str]:
    out = {""}
    for conj in ("", *rules.conjunctions):
        for prep in ("", *rules.prepositions):
            out.add(conj + prep)
            out.add(conj + prep + rules.article)
        out.add(conj + rules.lam_article)
    return frozenset(out)


def split_proclitics(word: str, known_stems: frozenset[str] | None = None) -> list[tuple[str, str]]:
    """All (proclitics, stem) readings of ``word``, longest proclitic chain first.

    With ``known_stems`` only readings whose stem is known are returned, which is how the
    matcher decides that «وبموسكو» is و+ب+موسكو while «بلغاريا» is not ب+لغاريا.
    """
    readings = []
    for size in range(min(len(word) - 1, 5), -1, -1):
        prefix, stem = word[:size], word[size:]
        if prefix in proclitic_prefixes() and (known_stems is None or stem in known_stems):
            readings.append((prefix, stem))
    return readings


def tokens(text: str) -> list[Token]:
    """Word tokens of (normalized) text; ``stem_start`` skips a leading conjunction only.

    Deeper proclitic analysis depends on the lexicon and is done by the matcher with
    :func:`split_proclitics`.
    """
    rules = load_rules()
    out = []
    for match in _WORD.finditer(text):
        word = match.group()
        skip = 1 if len(word) > 3 and word[0] in rules.conjunctions else 0
        out.append(Token(match.start(), match.end(), match.start() + skip))
    return out
