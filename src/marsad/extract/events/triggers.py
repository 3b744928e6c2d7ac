"""Where a sentence names an event: the lexicon's triggers, read through the language's
clitic analysis, with what the words around a trigger say of it (a noun behind a
preposition, a time phrase, a frame, a section title)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

import ahocorasick

from marsad.document import Document, Mention
from marsad.extract.lexicon import AFTER_NOUN, BLOCK, GAP, EventLexicon, Trigger
from marsad.kb.loader import KnowledgeBase
from marsad.lang import Language
from marsad.text.normalize import NormalizedText, normalize_key
from marsad.text.regex import NEVER
from marsad.text.segment import Span

SPEECH = frozenset({"STATEMENT", "ACCUSE", "REJECT"})
# How far after a speech verb its claim of an event may begin (characters).
_CLAIM_REACH = 40
_TOKEN = re.compile(r"[^\W_]+")
# A numbered section title at the start of a line: «1 - », «2- », «3) ».
_NUMBERED = re.compile(r"\s*\d{1,2}\s*[-–.)]\s+")
_HEADING_WORDS = 10
_MIN_STEM = 2  # a trigger's first word keeps at least this many letters after its proclitics
_GAP_WORDS = 4  # a lexicon gap («نشر … قوات») stands for at most this many words
_GAP_MENTION_WORDS = 8  # the words of names a gap may hold beyond those it counts
_ASIDE_WORDS = 3  # an aside between two commas inside a gap has at most this many words
_COMMA = frozenset(",")  # the normalized text writes every comma so
# How many words (of the noun's name) may stand between an event noun and the verb told of it
# after it («معاهدة الأمن الجماعي التي وقعت»).
_AFTER_NOUN_WORDS = 6
_QUOTES = frozenset("«»\"“”'")  # a name quoted stays one: «معاهدة «الأمن الجماعي» الموقعة»


@dataclass(frozen=True, slots=True)
class Found:
    trigger: Trigger
    start: int  # original offsets of the trigger words
    end: int
    future: bool  # «سيعقد»: the future prefix س
    background: bool = False  # «في أعقاب الانسحاب …،»: set in a time phrase of the main clause
    complement: bool = False  # «بطرد السفير»: behind «ب» or «ل», completing a word before it


@dataclass(frozen=True, slots=True)
class _Opening:
    """The triggers that open with one word, in the lexicon's order (longest first), indexed by
    their second word: a word opens hundreds of phrases («لا»), of which only those whose
    second word the text's next word reads as can follow, so the rest are never looked at."""

    triggers: tuple[Trigger, ...]
    always: tuple[int, ...]  # of one word, or a gap after the first: read whatever follows
    then: dict[str, tuple[int, ...]]  # second word -> the triggers it continues


def _opening(triggers: tuple[Trigger, ...]) -> _Opening:
    always: list[int] = []
    then: dict[str, list[int]] = {}
    for index, trigger in enumerate(triggers):
        if len(trigger.words) < 2 or trigger.words[1] == GAP:
            always.append(index)
        else:
            then.setdefault(trigger.words[1], []).append(index)
    return _Opening(triggers, tuple(always), {word: tuple(ids) for word, ids in then.items()})


class TriggerFinder:
    def __init__(self, kb: KnowledgeBase, language: Language, lexicon: EventLexicon) -> None:
        self._kb = kb
        self._lexicon = lexicon
        self._morphology = language.morphology
        self._relative = frozenset(normalize_key(w) for w in language.words("relative_words"))
        self._purpose = frozenset(language.clitics("purpose"))
        self._complement = frozenset(language.clitics("complement"))
        self._conjunctions = "".join(language.clitics("conjunctions"))
        self._clause_break = language.pattern("clause_break") or NEVER
        self._responsibility = language.pattern("responsibility") or NEVER
        # the names of the document read last, normalized: the document itself is kept, not its
        # id, which a later document may reuse
        self._doc_spans: tuple[Document | None, list[int], list[int]] = (None, [], [])
        # words recur across a corpus: each is analysed once per process
        self._stems = lru_cache(maxsize=200_000)(self._trigger_stems)
        self._word_stems = lru_cache(maxsize=100_000)(self._following_stems)
        self._matched_by = lru_cache(maxsize=100_000)(self._lexicon_words_matching)
        self._second_words = lru_cache(maxsize=200_000)(self._possible_second_words)
        self._article = next((normalize_key(a) for a in language.clitics("article")), "")
        self._articles = tuple(a for a in (self._article, *language.clitics("lam_article")) if a) or ("\0",)
        self._lam_article = tuple(language.clitics("lam_article")) or ("\0",)
        # how many words after its first the longest trigger has, a gap counted at its widest
        self._longest = max(
            (
                sum(_GAP_WORDS if w == GAP else 1 for w in t.words[1:])
                for ts in lexicon.by_first_word.values()
                for t in ts
            ),
            default=0,
        )
        self._openings = {word: _opening(triggers) for word, triggers in lexicon.by_first_word.items()}
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

    def find(self, doc: Document, sentence: Span, bounds: tuple[int, int], candidates: list[int]) -> list[Found]:
        """The triggers of ``sentence`` (``bounds``: its span in the normalized text;
        ``candidates``: the sorted normalized offsets where a trigger's first word ends a word).
        Only the words at a candidate are read, with the few words around them a rule asks
        about: most words of a sentence are never looked at."""
        assert doc.normalized is not None
        norm = doc.normalized
        lexicon = self._lexicon
        without_conjunction = self._morphology.without_conjunction
        n_start, n_end = bounds
        words = _Words(norm.text, n_start, n_end, lambda: self._names(doc), self._conjunctions)
        found: list[Found] = []
        heading = heading_end(doc.text, sentence)
        consumed = n_start  # the words before this belong to a trigger already read
        blocked = ("", n_start)  # the type a phrase naming something else blocks, up to where
        nouns: dict[str, int] = {}  # where the last noun trigger of each type ends (normalized)
        lo, hi = bisect_left(candidates, n_start + 1), bisect_right(candidates, n_end)
        for index in range(lo, hi):
            end = candidates[index]
            token = words.ending_at(end)
            if token[0] < consumed:
                continue
            second_words = self._second_words(token[2])
            if second_words is not None:
                # most first words open only phrases of several words («the cold war», «لا …»),
                # and most of their tokens are followed by no word such a phrase goes on with
                if not second_words:
                    continue  # no trigger opens with any reading of the word
                next_word = words.next_word(token[1])
                if not next_word or second_words.isdisjoint(self._matched_by(next_word)):
                    continue
            match = self._trigger_at(token, words, (doc.text, norm))
            if match is None:
                continue
            trigger, future, last_end = match
            if trigger.form == BLOCK:
                # «هجوم إلكتروني», «مركز للتدريب»: the phrase names something else, and no word of
                # it tells an event of its type; one of another type inside it is told («وقعت
                # اشتباكات»: no signing, but clashes)
                consumed, blocked = token[1], (trigger.type, last_end)
                continue
            if token[0] < blocked[1] and trigger.type == blocked[0]:
                consumed = max(consumed, token[1])
                continue
            consumed = last_end
            if trigger.form == AFTER_NOUN:
                if not self._after_noun(trigger, token[0], nouns, words):
                    continue  # «الانفجار الذي وقع»: no noun of the type before it
                trigger = replace(trigger, form="verb")  # «المعاهدة التي وقعت»: it was signed
            earlier = words.before(token[0], 3)  # the nearest first
            previous = earlier[0] if earlier else ""
            if without_conjunction(previous) in self._relative and self._nobody_speaks(
                trigger, doc.text, norm.to_original(token[0], last_end)[1]
            ):
                continue  # «ما يؤكد حرصهما», «والتي تعتبر من …»: what the facts show
            if (
                trigger.form == "noun"
                and previous in lexicon.anaphora
                and not _opens_inclusion(earlier, lexicon.including)
            ):
                continue  # «هذه الاحتجاجات»: the event reported before, not a new one
            after_preposition = without_conjunction(previous) in lexicon.prepositions
            if trigger.type == "STATEMENT" and self._other_sense(trigger, last_end, words, prefix_of(token, trigger)):
                continue  # «بدعوة من», «وقالت مصادر»: an invitation, or nobody named speaking
            if trigger.type == "STATEMENT" and trigger.form == "verb" and self._unnamed_before(earlier):
                continue  # «experts have said»: where the subject stands before its verb
            if trigger.type == "STATEMENT" and trigger.form == "verb" and after_preposition:
                continue  # «بعد طلب فنلندا»: a request told as background; the statement nouns are listed
            if trigger.form == "verb" and after_preposition:
                trigger = replace(trigger, form="noun")  # «بعد طلب فنلندا»: a verbal noun, not a verb
            o_start, o_end = norm.to_original(token[0], last_end)
            prefix = prefix_of(token, trigger)
            purpose = trigger.form == "noun" and prefix in self._purpose  # «لتأسيس حلف»: an aim
            before = " ".join(without_conjunction(w) for w in reversed(earlier[:2]))
            background = trigger.form == "noun" and any(
                before == p or before.endswith(" " + p) for p in lexicon.time_phrase
            )
            framed = " " + " ".join(without_conjunction(w) for w in reversed(earlier)) + " "
            if trigger.form == "noun" and any(f" {p} " in framed for p in lexicon.framing):
                continue  # «في إطار عمليات حفظ السلام»: the frame of the event told before
            if o_start < heading:
                continue  # «1 - تأسيس معاهدة الأمن الجماعي»: a section's title names a topic
            complement = prefix.lstrip(self._conjunctions)[:1] in self._complement
            found.append(Found(trigger, o_start, o_end, future or purpose, background, complement))
            if trigger.form == "noun":
                nouns[trigger.type] = last_end
        return found

    def _nobody_speaks(self, trigger: Trigger, text: str, verb_end: int) -> bool:
        """Whether a speech verb right after a relative pronoun (ending at ``verb_end``) tells
        what the facts show or what a thing stands accused of, no one speaking: a statement
        verb («ما يؤكد حرصهما», «والتي تعتبر من …») or a present one («الانتهاكات التي تتهم بها
        الصين»). Not a past accusation or refusal of the name before («الحكومة التي اتهمت …»,
        «التي رفضت …»), a claim («التنظيم، الذي أعلن مسؤوليته عن …»), nor a verb holding the
        noun before as its object, its speaker after it («المعاهدة التي اقترحها الرئيس»)."""
        return (
            trigger.type in SPEECH
            and trigger.form == "verb"
            and (trigger.type == "STATEMENT" or trigger.lemma in self._lexicon.present)
            and not self._claims(text, verb_end)
            and not self._morphology.carries_object(trigger.words[0], trigger.head)
        )

    def _claims(self, text: str, verb_end: int) -> bool:
        """Whether the verb ending at ``verb_end`` claims an event («التنظيم، الذي أعلن
        مسؤوليته عن الهجوم»): a relative clause then tells the claim of the name before it."""
        found = self._responsibility.search(text, verb_end, verb_end + _CLAIM_REACH)
        return found is not None and not text[verb_end : found.start()].strip(" \t")

    def _after_noun(self, trigger: Trigger, start: int, nouns: dict[str, int], words: _Words) -> bool:
        """Whether a noun of the type of ``trigger`` (a verb told of the noun before it) ends a few
        words before ``start`` (normalized offsets) with no clause end between: «معاهدة الأمن
        الجماعي الموقعة في», «الاتفاقية، التي وقعت عام 1992»; a comma may stand right before."""
        end = nouns.get(trigger.type)
        if end is None:
            return False
        between = words.between(end, start).rstrip()
        between = between[:-1] if between.endswith(tuple(_COMMA)) else between
        if any(not c.isalnum() and not c.isspace() and c not in _QUOTES for c in between):
            return False
        return len(_TOKEN.findall(between)) <= _AFTER_NOUN_WORDS

    def _unnamed_before(self, earlier: list[str]) -> bool:
        """Whether the words right before a speech verb (the nearest first) name nobody."""
        unnamed = self._lexicon.unnamed_speakers_before
        if not unnamed or not earlier:
            return False
        return earlier[0] in unnamed or (len(earlier) > 1 and f"{earlier[1]} {earlier[0]}" in unnamed)

    def _other_sense(self, trigger: Trigger, end: int, words: _Words, prefix: str) -> bool:
        """A statement trigger that says something else here: a verb form read as a noun
        («بطلب من», «لطلب»: the statement nouns are listed as such), a noun followed by a word
        of another sense («دعوة لزيارة»), a verb followed by a speaker who is nobody named."""
        lexicon = self._lexicon
        following = [w for _, _, w in words.after(end, 2)]
        after = following[0] if following else ""
        if trigger.form == "verb" and prefix.lstrip(self._conjunctions)[:1] in self._complement:
            return True
        if trigger.form == "verb" and (
            after in lexicon.unnamed_speakers or " ".join(following) in lexicon.unnamed_speakers
        ):
            return True
        senses = (lexicon.other_senses or {}).get(trigger.lemma)
        if not senses or not after:
            return False
        # the preposition fused with the article may open the next word («تابع للأمم المتحدة»);
        # a lone proclitic of a sense is too often a name's first letter («وتابع لافروف»)
        fused = senses.intersection(self._lam_article)
        return after in senses or any(r.prefix in fused for r in self._morphology.readings(after, _MIN_STEM))

    def _trigger_at(
        self, token: tuple[int, int, str], words: _Words, written: tuple[str, NormalizedText]
    ) -> tuple[Trigger, bool, int] | None:
        """The trigger that starts with ``token``, whether the future marker stands before it,
        and where its last word ends; a verb's only where the word as the text writes it
        (``written``: the text and its normalization) can be one."""
        # the words a trigger of several words may reach: read only when one is tried, and only
        # as many as it can reach (its own words; with a gap, the widest a gap stands for)
        following: list[tuple[int, int, str]] = []
        fetched = 0  # how many words were asked for
        second: frozenset[str] | None = None  # the lexicon words the next word can be read as
        verb: bool | None = None  # whether the word as written can be a verb, once a verb is tried
        for stem, future, article in self._stems(token[2]):
            opening = self._openings[stem]
            order = opening.always
            if opening.then:
                # without a gap the second word is the next one: most phrases fail there, and
                # one look-up of what that word reads as says which can follow
                if second is None:
                    next_word = words.next_word(token[1])
                    second = self._matched_by(next_word) if next_word else frozenset()
                then = [i for word in second if (ids := opening.then.get(word)) for i in ids]
                order = tuple(sorted((*order, *then))) if then else order
            for index in order:
                trigger = opening.triggers[index]
                if (future and trigger.form != "verb") or (article and trigger.form == "verb"):
                    continue  # the future marker stands on verbs only, the article on nouns only
                if trigger.form == "verb" and verb is None:
                    start, end = written[1].to_original(token[0], token[1])
                    verb = self._morphology.may_be_verb(written[0][start:end])
                if trigger.form == "verb" and not verb:
                    continue  # «إضافة إلى», «تابعة لـ»: a noun the normalized text spells as a verb
                rest = trigger.words[1:]
                if not rest:
                    return trigger, future, token[1]
                reach = self._longest + _GAP_MENTION_WORDS if GAP in rest else len(rest)
                if reach > fetched:
                    following, fetched = words.after(token[1], reach), reach
                last = self._rest_at(rest, following, words, token[1])
                if last is not None:
                    return trigger, future, following[last][1]
        return None

    def _rest_at(
        self, rest: tuple[str, ...], following: list[tuple[int, int, str]], words: _Words, origin: int
    ) -> int | None:
        """Where the words of a trigger after its first end among the ``following`` words
        (their index), or None where they do not follow. A word may carry proclitics and the
        article («وقف لإطلاق النار», «أعمال الشغب»); a gap lets a few words stand between
        («نشر … قوات»): a name of several words counts as one («تلقت وزارة الدفاع … الدفعة»),
        an aside between two commas as none («أوقفت الدولة، الجمعة، تشغيل»); a gap never
        crosses a clause break."""
        k, gap = 0, False
        for word in rest:
            if word == GAP:
                gap = True
                continue
            if not gap:
                if k >= len(following) or not self._follows(word, following[k][2]):
                    return None
                k += 1
                continue
            # most gaps fail because the word after them never comes: say so before reading
            # the breaks, commas and names between
            matched_by = self._matched_by
            if not any(word in matched_by(f[2]) for f in following[k:]):
                return None
            counted, aside_end = 0, -1
            while k < len(following):
                previous_end = following[k - 1][1] if k else origin
                if self._breaks(words, previous_end, following[k]):
                    return None
                # a comma opens an aside the next comma closes; a gap crosses no other comma
                closing = aside_end >= 0 and k == aside_end + 1
                if k > aside_end and not closing and _COMMA.intersection(words.between(previous_end, following[k][0])):
                    aside_end = words.aside_end(following, k, _ASIDE_WORDS)
                    if aside_end < 0:
                        return None
                if self._follows(word, following[k][2]):
                    break
                if k > aside_end and not words.same_name(following, k):
                    counted += 1
                    if counted > _GAP_WORDS:
                        return None
                k += 1
            if k >= len(following):
                return None
            k, gap = k + 1, False
        return k - 1

    def _breaks(self, words: _Words, previous_end: int, word: tuple[int, int, str]) -> bool:
        """Whether a clause break stands before ``word`` (after ``previous_end``)."""
        if not words.between(previous_end, word[0]).strip():
            return False
        found = self._clause_break.search(words.between(previous_end, word[1]))
        return found is not None and found.start() < word[0] - previous_end

    def _names(self, doc: Document) -> tuple[list[int], list[int]]:
        """The normalized spans of the document's names (starts, ends), sorted: computed once a
        document, when a gap is first read."""
        if self._doc_spans[0] is not doc:
            assert doc.normalized is not None
            norm = doc.normalized
            spans = sorted((norm.to_normalized(m.start), norm.to_normalized(m.end)) for m in doc.mentions)
            self._doc_spans = (doc, [a for a, _ in spans], [b for _, b in spans])
        return self._doc_spans[1], self._doc_spans[2]

    def _follows(self, word: str, text_word: str) -> bool:
        """Whether the lexicon word ``word`` reads ``text_word``: one look-up in the cached set of
        what the text word reads as, not a comparison, a stem set and an article strip a call."""
        return word in self._matched_by(text_word)

    def _lexicon_words_matching(self, text_word: str) -> frozenset[str]:
        """Every lexicon word :meth:`_follows` accepts for ``text_word``: itself, its stems, and
        its stems with the article."""
        stems = self._word_stems(text_word)
        article = self._article
        return frozenset({text_word, *stems, *((article + s for s in stems) if article else ())})

    def _following_stems(self, word: str) -> frozenset[str]:
        return frozenset(r.stem for r in self._morphology.readings(word, min_stem=_MIN_STEM))

    def _possible_second_words(self, word: str) -> frozenset[str] | None:
        """The lexicon words a trigger opened by ``word`` (in any of its readings) can go on
        with, where every such trigger needs one right after its first word; None where a
        trigger may be ``word`` alone or have a gap after it. An empty set: no trigger opens
        with it."""
        seconds: set[str] = set()
        for stem, _future, _article in self._stems(word):
            opening = self._openings[stem]
            if opening.always:
                return None
            seconds.update(opening.then)
        return frozenset(seconds)

    def _trigger_stems(self, word: str) -> tuple[tuple[str, bool, bool], ...]:
        """The readings of ``word`` as proclitics + the first word of a trigger, with whether
        the future prefix stands before it («سيعقد», «وستجري») and whether the article does
        («العقد» is a contract, never «he held»)."""
        first, articles, article = self._lexicon.by_first_word, self._articles, self._article
        out = []
        for r in self._morphology.readings(word, min_stem=_MIN_STEM):
            if r.stem in first:
                out.append((r.stem, r.future, r.prefix.endswith(articles)))
            # «للخروج من»: the article's alef dropped after «ل», where the lexicon writes the
            # trigger with its article («الخروج من»)
            if article and r.prefix.endswith(self._lam_article) and article + r.stem in first:
                out.append((article + r.stem, r.future, True))
        return tuple(out)


def _opens_inclusion(earlier: list[str], phrases: tuple[str, ...]) -> bool:
    """Whether the words before a trigger (``earlier``, the nearest first) end with one of the
    ``phrases`` that open what is included («بما في ذلك»)."""
    told = " ".join(reversed(earlier))
    return any(told == p or told.endswith(" " + p) for p in phrases)


def prefix_of(token: tuple[int, int, str], trigger: Trigger) -> str:
    """The proclitics of ``token`` before the first word of ``trigger``."""
    return token[2][: len(token[2]) - len(trigger.words[0])]


def holds_any(candidates: list[int], bounds: tuple[int, int]) -> bool:
    """Whether a trigger's first word ends (at sorted normalized offsets ``candidates``)
    inside the sentence of normalized span ``bounds``."""
    index = bisect_left(candidates, bounds[0])
    return index < len(candidates) and candidates[index] <= bounds[1]


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


class _Words:
    """The words of one sentence of the normalized text (``[start, end)``), read only where
    asked: the word ending at an offset, the words before one, the words after one."""

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        names: Callable[[], tuple[list[int], list[int]]] | None = None,
        conjunctions: str | None = None,
    ) -> None:
        self._text, self._start, self._end = text, start, end
        self._names = names
        self._conjunctions: str | None = conjunctions

    def between(self, start: int, end: int) -> str:
        return self._text[start:end]

    def same_name(self, following: list[tuple[int, int, str]], k: int) -> bool:
        """Whether word ``k`` of ``following`` belongs to the name word ``k - 1`` belongs to."""
        if k == 0 or self._names is None:
            return False
        starts, ends = self._names()
        first, second = self._name_of(following[k - 1], starts, ends), self._name_of(following[k], starts, ends)
        # names may nest («وزارة الدفاع في قيرغيزستان» holds the state); names joined by a
        # conjunction are one subject («قرغيزستان وأوزبكستان»)
        return second is not None and first is not None and (first == second or self._conjoined(following[k]))

    def _name_of(self, word: tuple[int, int, str], starts: list[int], ends: list[int]) -> int | None:
        """The outermost of the few names holding ``word`` (its index), None where none does."""
        index = bisect_right(starts, word[1] - 1) - 1
        found = None
        for i in range(index, max(-1, index - 4), -1):
            if starts[i] <= word[1] - 1 and word[0] < ends[i]:
                found = i if found is None or ends[i] >= ends[found] else found
        return found

    def _conjoined(self, word: tuple[int, int, str]) -> bool:
        return self._conjunctions is not None and word[2][:1] in self._conjunctions

    def aside_end(self, following: list[tuple[int, int, str]], k: int, size: int) -> int:
        """The index of the last word of an aside opened by a comma before word ``k`` and
        closed by a comma within ``size`` words («، الجمعة،»); -1 where none closes."""
        for j in range(k + 1, min(len(following), k + size + 1)):
            if _COMMA.intersection(self._text[following[j - 1][1] : following[j][0]]):
                return j - 1
        return -1

    def ending_at(self, end: int) -> tuple[int, int, str]:
        text, start = self._text, end
        while start > self._start and text[start - 1].isalnum():
            start -= 1
        return start, end, text[start:end]

    def before(self, position: int, count: int) -> list[str]:
        """Up to ``count`` words before ``position``, the nearest first."""
        text, floor, out = self._text, self._start, []
        while len(out) < count:
            while position > floor and not text[position - 1].isalnum():
                position -= 1
            end = position
            while position > floor and text[position - 1].isalnum():
                position -= 1
            if end == position:
                break
            out.append(text[position:end])
        return out

    def next_word(self, position: int) -> str:
        """The word after ``position`` ("" at the sentence's end): one search, no list."""
        match = _TOKEN.search(self._text, position, self._end)
        return match.group() if match else ""

    def after(self, position: int, count: int) -> list[tuple[int, int, str]]:
        """Up to ``count`` words after ``position``: (start, end, word)."""
        out = []
        for match in _TOKEN.finditer(self._text, position, self._end):
            out.append((match.start(), match.end(), match.group()))
            if len(out) == count:
                break
        return out
