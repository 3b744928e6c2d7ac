"""The clauses of a sentence: where they break, who each is about, and which trigger
runs belong together. The breaks and the coordination of names are the language's
constructions (its pack's ``clause_break`` and ``coordination`` patterns)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from marsad.document import Mention
from marsad.lang import Language
from marsad.text.normalize import normalize_key
from marsad.text.regex import NEVER
from marsad.text.segment import Span

if TYPE_CHECKING:
    from marsad.extract.events.triggers import Found

# How many words open a clause: where its subject is named, after a verb or «كما».
SUBJECT_WORDS = 3
_WORD = re.compile(r"\S+")
# How far before a verb its relative pronoun stands (characters), and what may separate the
# pronoun from the name it follows: a comma and spaces.
_PRONOUN_REACH = 12
_ANTECEDENT_GAP = 3
# How far after an event noun a relative clause saying who conducts it may begin (characters):
# the noun's own name stands between («مناورات "الأخوة الثابتة 2024"، التي تنفذها …»).
_CONDUCTED_GAP = 40
_PARTIES = ("country", "organization", "person")


@dataclass(frozen=True, slots=True)
class ClauseSubject:
    start: int
    end: int
    own: tuple[Mention, ...]  # named at the head of the clause
    subject: tuple[Mention, ...]  # its own, else the one carried from the clause before


class Clauses:
    """The clause constructions of one language."""

    def __init__(self, language: Language, conducting: frozenset[str] = frozenset()) -> None:
        """``conducting``: the normalized forms of the verbs whose subject, in a relative
        clause right after an event noun, takes part in the event."""
        self._conducting = conducting
        self._without_conjunction = language.morphology.without_conjunction
        self.breaks = language.pattern("clause_break") or NEVER
        self._subordinate = language.pattern("subordinate_opening") or NEVER
        self._relative = language.pattern("relative_clause") or NEVER
        self._relative_pronoun = language.pattern("relative_pronoun") or NEVER
        self._comma = language.pattern("phrase_end") or NEVER
        self._coordination = language.pattern("coordination") or NEVER
        # a sentence is asked several times (a Python string keeps its hash, so the whole
        # text as a key costs nothing after the first)
        self.break_spans = lru_cache(maxsize=1024)(self._break_spans)

    def outside_relatives(
        self, text: str, window: list[Mention], start: int, end: int, trigger: tuple[int, int]
    ) -> list[Mention]:
        """The mentions of ``window`` outside the relative clauses of ``[start, end)`` set off by
        a comma, except the one holding the ``trigger`` (its span) and one that says who
        conducts the event right after its noun («مناورات …، التي تنفذها دول المنظمة»): what
        describes a name takes no part."""
        spans = [(m.start(), m.end()) for m in self._relative.finditer(text, start, end)]
        spans = [
            (a, b) for a, b in spans if not a <= trigger[0] < b and not self._conducted(text, window, trigger[1], a, b)
        ]
        if not spans:
            return window
        return [m for m in window if not any(a <= m.start < b for a, b in spans)]

    def _conducted(self, text: str, window: list[Mention], trigger_end: int, start: int, end: int) -> bool:
        """Whether the relative clause ``[start, end)`` follows the event noun ending at
        ``trigger_end`` with no name between (a quoted title may stand there) and opens with
        a verb of conducting or taking part: its subject is the event's party."""
        if not self._conducting or not 0 <= start - trigger_end <= _CONDUCTED_GAP:
            return False
        if any(trigger_end <= m.start < start and m.entity_type in _PARTIES for m in window):
            return False
        words = _WORD.findall(text, start, end)[:3]
        # the comma, the pronoun, then the verb (a comma written apart is a word of its own)
        verbs = [w for w in words[1:3] if w[0].isalpha()][1:2]
        return bool(verbs) and self._without_conjunction(normalize_key(verbs[0])) in self._conducting

    def antecedent(self, text: str, mentions: list[Mention], trigger: int) -> Mention | None:
        """The name a relative pronoun right before the verb at ``trigger`` follows
        («أذربيجان، التي انضمت»): the verb's subject, who begins its participants."""
        pronoun = self._relative_pronoun.search(text, max(0, trigger - _PRONOUN_REACH), trigger)
        if pronoun is None:
            return None
        index = bisect_left(mentions, pronoun.start(), key=lambda m: m.start) - 1
        if index < 0:
            return None
        named = mentions[index]
        if named.entity_type not in ("country", "organization", "person"):
            return None
        between = text[named.end : pronoun.start()]
        return named if len(between) <= _ANTECEDENT_GAP and not self._comma.sub("", between).strip() else None

    def list_end(self, text: str, mentions: list[Mention], end: int, limit: int) -> int:
        """``end``, or past it to the end of a list of names it cuts («بمشاركة قوات من أوزبكستان
        وكازاخستان | وأذربيجان»): a list is read whole, up to ``limit``."""
        inside = [m for m in mentions if m.end <= end and m.entity_type in ("country", "organization")]
        if not inside:
            return end
        last = inside[-1]
        for mention in mentions:
            if mention.start < last.end or mention.entity_type not in ("country", "organization"):
                continue
            if mention.end > limit or not self._coordination.fullmatch(text, last.end, mention.start):
                break
            last, end = mention, mention.end
        return end

    def _break_spans(self, text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
        """Where the clauses of ``text[start:end]`` break: at the language's clause breaks,
        and after a subordinate clause that opens the sentence."""
        spans = [(m.start(), m.end()) for m in self.breaks.finditer(text, start, end)]
        opening = self._subordinate.match(text, start, end)
        if opening:
            comma = self._comma.search(text, opening.end(), end)
            if comma and not any(a <= comma.start() < b for a, b in spans):
                spans = sorted([*spans, (comma.start(), comma.end())])
        return tuple(spans)

    def in_opening(self, text: str, sentence: Span, position: int) -> bool:
        """Whether ``position`` stands in a subordinate clause that opens the sentence, up to
        its comma («بعد يوم من اجتماع سمرقند، …»)."""
        opening = self._subordinate.match(text, sentence.start, sentence.end)
        if not opening or position < opening.start():
            return False
        comma = self._comma.search(text, opening.end(), sentence.end)
        return comma is not None and position < comma.start()

    def clause(self, text: str, sentence: Span, start: int, end: int) -> tuple[int, int]:
        """The clause of the sentence that holds ``[start, end)``."""
        clause_start, clause_end = sentence.start, sentence.end
        for brk_start, brk_end in self.break_spans(text, sentence.start, sentence.end):
            if brk_end <= start:
                clause_start = brk_end
            elif brk_start >= end:
                clause_end = brk_start
                break
        return clause_start, clause_end

    def subjects(self, text: str, sentence: Span, mentions: list[Mention]) -> list[ClauseSubject]:
        """Each clause of the sentence with who it is about: the states, organizations or persons
        named among its first words («كما أصرت كازاخستان وأوزبكستان …»), else those of the clause
        before (an Arabic clause joined by «و» or «كما» leaves a shared subject unsaid)."""
        bounds = [sentence.start, *(end for _, end in self.break_spans(text, sentence.start, sentence.end))]
        clauses = []
        carried: tuple[Mention, ...] = ()
        actors = [m for m in mentions if m.entity_type in ("country", "organization", "person")]
        starts = [m.start for m in actors]  # the sentence's mentions come sorted by start
        for k, start in enumerate(bounds):
            end = bounds[k + 1] if k + 1 < len(bounds) else sentence.end
            head_end = word_end(text, start, end, SUBJECT_WORDS)
            own: list[Mention] = []
            for index in range(bisect_left(starts, start), bisect_left(starts, end)):
                mention = actors[index]
                joined = own and self._coordination.fullmatch(text, own[-1].end, mention.start)
                if (not own and mention.start < head_end) or joined:
                    own.append(mention)
                elif own:
                    break
            if own:
                carried = tuple(own)
            clauses.append(ClauseSubject(start, end, tuple(own), carried))
        return clauses


def inherited_subject(
    text: str, clauses: list[ClauseSubject], trigger: int, window: list[Mention]
) -> tuple[Mention, ...]:
    """The subject carried into the trigger's clause when the clause names none before the
    trigger and the trigger opens it (the verb, or the verb's object: «وأعلنتا وقف التعامل»)."""
    clause = next((c for c in clauses if c.start <= trigger < c.end), None)
    if clause is None or clause.own or not clause.subject:
        return ()
    if any(clause.start <= m.start < trigger and m.entity_type != "place" for m in window):
        return ()
    if word_end(text, clause.start, clause.end, SUBJECT_WORDS - 1) <= trigger:
        return ()
    return clause.subject


def word_end(text: str, start: int, end: int, words: int) -> int:
    """Where the first ``words`` words after ``start`` end (at most ``end``)."""
    position = start
    for _ in range(words):
        match = _WORD.search(text, position, end)
        if match is None:
            return end
        position = match.end()
    return position


def merge_same_type(found: list[Found], same_clause: Callable[[Found, Found], bool]) -> list[tuple[Found, Found]]:
    """Consecutive triggers of one type in one clause are one event: (first, last) of each run."""
    runs: list[tuple[Found, Found]] = []
    for f in found:
        if runs and runs[-1][1].trigger.type == f.trigger.type and same_clause(runs[-1][1], f):
            runs[-1] = (runs[-1][0], f)
        else:
            runs.append((f, f))
    return runs
