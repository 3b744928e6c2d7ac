"""Where a sentence names an event: the lexicon's triggers, read through the language's
clitic analysis, with what the words around a trigger say of it (a noun behind a
preposition, a time phrase, a frame, a section title)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

import ahocorasick

from marsad.document import Document, Mention
from marsad.extract.lexicon import EventLexicon, Trigger
from marsad.kb.loader import KnowledgeBase
from marsad.lang import Language
from marsad.text.normalize import normalize_key
from marsad.text.segment import Span

SPEECH = frozenset({"STATEMENT", "ACCUSE", "REJECT"})
_TOKEN = re.compile(r"[^\W_]+")
# A numbered section title at the start of a line: «1 - », «2- », «3) ».
_NUMBERED = re.compile(r"\s*\d{1,2}\s*[-–.)]\s+")
_HEADING_WORDS = 10
_MIN_STEM = 2  # a trigger's first word keeps at least this many letters after its proclitics


@dataclass(frozen=True, slots=True)
class Found:
    trigger: Trigger
    start: int  # original offsets of the trigger words
    end: int
    future: bool  # «سيعقد»: the future prefix س
    background: bool = False  # «في أعقاب الانسحاب …،»: set in a time phrase of the main clause
    complement: bool = False  # «بطرد السفير»: behind «ب» or «ل», completing a word before it


class TriggerFinder:
    def __init__(self, kb: KnowledgeBase, language: Language, lexicon: EventLexicon) -> None:
        self._kb = kb
        self._lexicon = lexicon
        self._morphology = language.morphology
        self._relative = frozenset(normalize_key(w) for w in language.words("relative_words"))
        self._purpose = frozenset(language.clitics("purpose"))
        self._complement = frozenset(language.clitics("complement"))
        self._conjunctions = "".join(language.clitics("conjunctions"))
        # words recur across a corpus: each is analysed once per process
        self._stems = lru_cache(maxsize=200_000)(self._trigger_stems)
        # every trigger's first word, to skip at once the sentences that hold none (most do)
        self.first_words = ahocorasick.Automaton()
        for word in lexicon.by_first_word:
            self.first_words.add_word(word, len(word))
        if lexicon.by_first_word:
            self.first_words.make_automaton()

    def word_ends(self, text: str) -> set[int]:
        """Where a trigger's first word could end a word: the only tokens worth a closer look."""
        if not self._lexicon.by_first_word:
            return set()
        # a token ends only where no letter or digit follows: a first word that ends inside a
        # longer word is no candidate, so a sentence holding only such matches is skipped at once
        size = len(text)
        return {end + 1 for end, _ in self.first_words.iter(text) if end + 1 == size or not text[end + 1].isalnum()}

    def free(self, found: Found, mentions: list[Mention], starts: list[int]) -> bool:
        """A trigger inside a name («معاهدة» in «منظمة معاهدة الأمن الجماعي») is part of the name,
        except a summit's name, which reports the summit («قمة روسيا – آسيا الوسطى»)."""
        index = bisect_left(starts, found.start + 1) - 1
        for mention in mentions[max(0, index - 3) : index + 1]:
            if mention.start <= found.start < mention.end:
                entity = self._kb.entities.get(mention.entity_id)
                return entity is not None and entity.kind == "format" and found.trigger.type == "MEETING"
        return True

    def find(self, doc: Document, sentence: Span, bounds: Span, word_ends: set[int]) -> list[Found]:
        """The triggers of ``sentence`` (``bounds``: its span in the normalized text)."""
        assert doc.normalized is not None
        norm = doc.normalized
        lexicon = self._lexicon
        without_conjunction = self._morphology.without_conjunction
        n_start, n_end = bounds.start, bounds.end
        text = norm.text
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, n_start, n_end)]
        found: list[Found] = []
        heading = heading_end(doc.text, sentence)
        i = 0
        while i < len(tokens):
            match = self._trigger_at(tokens, i) if tokens[i][1] in word_ends else None
            if match is None:
                i += 1
                continue
            trigger, future, size = match
            previous = tokens[i - 1][2] if i > 0 else ""
            if trigger.type in SPEECH and trigger.form == "verb" and previous in self._relative:
                i += size  # «ما يؤكد حرصهما»: what the facts show, not someone speaking
                continue
            if trigger.form == "noun" and previous in lexicon.anaphora:
                i += size  # «هذه الاحتجاجات»: the event reported before, not a new one
                continue
            if trigger.form == "verb" and without_conjunction(previous) in lexicon.prepositions:
                trigger = replace(trigger, form="noun")  # «بعد طلب فنلندا»: a verbal noun, not a verb
            o_start, o_end = norm.to_original(tokens[i][0], tokens[i + size - 1][1])
            prefix = tokens[i][2][: len(tokens[i][2]) - len(trigger.words[0])]
            purpose = trigger.form == "noun" and prefix in self._purpose  # «لتأسيس حلف»: an aim
            before = " ".join(without_conjunction(t[2]) for t in tokens[max(0, i - 2) : i])
            background = trigger.form == "noun" and any(
                before == p or before.endswith(" " + p) for p in lexicon.time_phrase
            )
            framed = " " + " ".join(without_conjunction(t[2]) for t in tokens[max(0, i - 3) : i]) + " "
            if trigger.form == "noun" and any(f" {p} " in framed for p in lexicon.framing):
                i += size  # «في إطار عمليات حفظ السلام»: the frame of the event told before
                continue
            if o_start < heading:
                i += size  # «1 - تأسيس معاهدة الأمن الجماعي»: a section's title names a topic
                continue
            complement = prefix.lstrip(self._conjunctions)[:1] in self._complement
            found.append(Found(trigger, o_start, o_end, future or purpose, background, complement))
            i += size
        return found

    def _trigger_at(self, tokens: list[tuple[int, int, str]], i: int) -> tuple[Trigger, bool, int] | None:
        for stem, future in self._stems(tokens[i][2]):
            for trigger in self._lexicon.by_first_word[stem]:
                rest = trigger.words[1:]
                if all(i + 1 + k < len(tokens) and tokens[i + 1 + k][2] == w for k, w in enumerate(rest)):
                    if future and trigger.form != "verb":
                        continue
                    return trigger, future, len(trigger.words)
        return None

    def _trigger_stems(self, word: str) -> tuple[tuple[str, bool], ...]:
        """The readings of ``word`` as proclitics + the first word of a trigger, with whether
        the future prefix stands before it («سيعقد», «وستجري»)."""
        first = self._lexicon.by_first_word
        return tuple(
            (r.stem, r.future) for r in self._morphology.readings(word, min_stem=_MIN_STEM) if r.stem in first
        )


def holds_any(candidates: list[int], bounds: Span) -> bool:
    """Whether a trigger's first word ends (at sorted normalized offsets ``candidates``)
    inside the sentence of normalized span ``bounds``."""
    index = bisect_left(candidates, bounds.start)
    return index < len(candidates) and candidates[index] <= bounds.end


def heading_end(text: str, sentence: Span) -> int:
    """Where the title of a numbered section ends when the sentence opens with one («1 -
    تأسيس «معاهدة الأمن الجماعي»», «2- تصاعد القضايا الخلافية …: …»), else the sentence start."""
    label = _NUMBERED.match(text, sentence.start, sentence.end)
    if label is None:
        return sentence.start
    colon = text.find(":", label.end(), sentence.end)
    if colon >= 0:
        return colon
    line_end = text.find("\n", label.end(), sentence.end)
    line_end = sentence.end if line_end < 0 else line_end
    return line_end if len(text[label.end() : line_end].split()) <= _HEADING_WORDS else sentence.start
