"""Sentence segmentation for news text in any script, with offsets into the input (a
word's clitics are its language pack's business: ``marsad.lang``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.datafile import load_yaml

_LAST_TOKEN = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)\s*$")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class SegmentationRules:
    abbreviations: frozenset[str]
    terminator: re.Pattern[str]
    max_chars: int
    clause_marks: frozenset[str]
    sentence_marks: frozenset[str] = frozenset()  # every script's marks that end a sentence

    @property
    def phrase_ends(self) -> frozenset[str]:
        """The single characters that end a sentence or a clause in any script: what a phrase
        is not read across."""
        return frozenset(m for m in self.sentence_marks | self.clause_marks if len(m) == 1)


@lru_cache(maxsize=1)
def load_rules() -> SegmentationRules:
    """The terminators of every script and the abbreviations of every pack, pooled: an
    article quotes other scripts, and a full stop after «U.S.» ends no Arabic sentence."""
    from marsad.lang import PACKS, language_pack

    shared = load_yaml(resources.files("marsad.text").joinpath("segmentation.yaml").read_text(encoding="utf-8"))
    marks = list(shared["terminators"])
    abbreviations: set[str] = set()
    for code in PACKS:
        data = language_pack(code).data("segmentation")
        marks += data.get("terminators", [])
        abbreviations.update(a.lower() for a in data.get("abbreviations", []))
    # A run of terminators, with any closing quotes or brackets that belong to the sentence.
    run = "".join(re.escape(m) for m in dict.fromkeys(marks))
    terminator = re.compile(rf"[{run}]+[\"'»”’)\]\u200f]*|\n+")
    return SegmentationRules(
        frozenset(abbreviations),
        terminator,
        int(shared["max_sentence_chars"]),
        frozenset(shared["clause_marks"]),
        frozenset(marks),
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
    for match in rules.terminator.finditer(text):
        if match.group().startswith("."):
            before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
            # 1.3 and 2.500: a full stop between digits is a decimal or thousands mark.
            if before.isdigit() and after.isdigit():
                continue
            if match.group() == "." and _is_abbreviation(text, match.start(), rules):
                continue
        _append_bounded(text, start, match.end(), spans, rules)
        start = match.end()
    _append_bounded(text, start, len(text), spans, rules)
    return spans


def _append_bounded(text: str, start: int, end: int, spans: list[Span], rules: SegmentationRules) -> None:
    """Append ``[start, end)`` as one sentence, or as several when it is longer than the
    rules' limit: each cut after the last clause mark before the limit, else at the last
    space, else at the limit itself."""
    limit = rules.max_chars
    while end - start > limit:
        window = text[start : start + limit]
        cut = max((window.rfind(mark) + len(mark) for mark in rules.clause_marks if mark in window), default=0)
        if cut <= limit // 2:
            cut = max(cut, window.rfind(" ") + 1)
        if cut <= 0:
            cut = limit
        _append_trimmed(text, start, start + cut, spans)
        start += cut
    _append_trimmed(text, start, end, spans)


def _append_trimmed(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


def title_end(text: str, sentences: list[Span]) -> int:
    """Where the article's title ends: its first sentence when that is a line of its own
    closed by no mark that ends a sentence (a headline, «أوزبكستان ترحب بـ…»), with more
    text after it; else 0, the text opening with its lead."""
    if len(sentences) < 2:
        return 0
    first = sentences[0]
    line_break = text.find("\n", first.end, sentences[1].start)
    if line_break < 0 or text[first.end - 1 : first.end] in load_rules().sentence_marks:
        return 0
    return first.end
