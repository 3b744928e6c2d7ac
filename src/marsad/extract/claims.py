"""The claims stage: reported speech with its speaker, its words, its date and its event.

«قال الرئيس الروسي فلاديمير بوتين، في 16 يونيو 2022، إن …», «أكدت طشقند أن "…"»: a speech
verb, the speaker standing next to it (a person, else a state or organization), and the
words reported — inside quotes when quoted, else the «أن/إن …» clause to the sentence end.
A language whose pack has them reads more: words reported before their verb («"…", — заявил
министр», the ``said_before`` construction), a phrase before the speaker («По словам X, …»),
a parenthesis («Как сказал X, …») and a pronoun for the speaker just reported («сказал он»).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from marsad.document import Claim, Document, Event, Evidence, Mention
from marsad.extract.lexicon import load_event_lexicon
from marsad.extract.spans import ByStart, WordPattern
from marsad.kb.loader import KnowledgeBase
from marsad.lang import Language, Morphology
from marsad.text.dates import DateMention
from marsad.text.normalize import normalize_key
from marsad.text.regex import first_letters, guarded, word_trie

# A quotation of at least four words: a quoted name («منظمة معاهدة الأمن الجماعي») is no claim.
_QUOTED = re.compile(r"[«\"“„]((?:[^«»\"“”„\s]+\s+){3,}[^«»\"“”„]*?)[»\"”“]")
_SPEAKER_AFTER = 60  # characters after the verb where its subject stands (verb–subject order)
_SPEAKER_BEFORE = 40  # ... and before it (subject–verb order)
# Reported words begin this close after the verb (characters): the verb, a long title and a
# name, a time phrase («قال مدير … في وزارة الدفاع الروسية، اللواء …، خلال المراسم، إن»).
_SAID_WITHIN = 140
_OPENER_REACH = 40  # characters after the speaker where the preposition opening a call's object stands
_MIN_WORDS = 8  # characters: fewer report no words
_WORDS = re.compile(r"[^\W_]+")
_UNNAMED_CHARS = 40  # characters after a speech verb read for a speaker that names nobody
_TITLE_RULE = "context.title-role"  # a person read from a title alone («الرئيس الروسي»)
_NAME_AFTER_TITLE = 3  # characters between a title and the name that follows it
_SAID_BEFORE_GAP = 8  # characters before a verb where the words reported before it end («», — »)
_ADJACENT = 2  # characters between a subject and its verb («Путин заявил»)
_PRONOUN_WORDS = 2  # words before a verb read for a pronoun subject («Он также отметил»)
_CLOSING = {"»": "«", '"': '"', "”": "“", "“": "„"}  # a closing quote and its opening one
_CLAUSE_WORDS = 3  # words at least in a clause reported unquoted before its verb
_ACCORDING_REACH = 80  # characters from «По словам» to the comma that closes the speaker


@lru_cache(maxsize=16)
def _speech_pattern(language: Language) -> WordPattern | None:
    """Speech verbs in every person, and the participles that report speech («قائلا»)."""
    raw = language.data("claims")
    forms = {f for verb in raw.get("verbs", ()) for f in language.morphology.past_forms(verb)}
    participles = {normalize_key(p) for p in raw.get("participles", ())}
    participles |= {f for verb in raw.get("adverbial", ()) for f in language.morphology.adverbial_participles(verb)}
    if not forms or not participles:
        return None
    forms |= participles
    alternatives = word_trie(forms)
    participle = word_trie(participles)
    conjunction = language.pattern("cue_conjunction")
    optional = conjunction.pattern if conjunction else ""
    pattern = guarded(
        rf"(?<![^\W_]){optional}(?:(?P<participle>{participle})|(?P<verb>{alternatives}))(?![^\W_])",
        first_letters([*forms, *language.clitics("conjunctions")]),
    )
    return WordPattern(pattern, forms)


@lru_cache(maxsize=16)
def _calls(language: Language) -> tuple[frozenset[str], re.Pattern[str] | None]:
    """The forms of the verbs whose words are their object («دعا إلى …»), and the
    prepositions that open that object."""
    raw = language.data("claims")
    forms = frozenset(f for verb in raw.get("calls", ()) for f in language.morphology.past_forms(verb))
    openers = raw.get("openers", ())
    if not openers:
        return forms, None
    alternatives = "|".join(re.escape(o) for o in sorted(openers, key=len, reverse=True))
    return forms, re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


@dataclass(frozen=True)
class _Cues:
    """The pack's constructions beyond a verb and its «that» clause (claims.yaml)."""

    opener_calls: frozenset[str]  # forms of the call verbs whose words need an opener right after
    according: re.Pattern[str] | None  # «По словам X, …»; a group ``pronoun`` for «По его словам»
    as_said: frozenset[str]  # «Как сказал X, …»
    pronouns: frozenset[str]  # «сказал он»: the speaker just reported
    subject_first: bool  # a name right before a speech verb is its subject («Путин заявил»)
    anaphora: tuple[str, ...]  # «Об этом сообщил …»: the words are the sentence before


@lru_cache(maxsize=16)
def _cues(language: Language) -> _Cues:
    raw = language.data("claims")
    according = raw.get("according_to")
    return _Cues(
        opener_calls=frozenset(f for verb in raw.get("opener_calls", ()) for f in language.morphology.past_forms(verb)),
        according=re.compile(according) if according else None,
        as_said=frozenset(normalize_key(w) for w in raw.get("as_said", ())),
        pronouns=frozenset(normalize_key(w) for w in raw.get("pronouns", ())),
        subject_first=raw.get("subject_first", "") == "yes",
        anaphora=tuple(normalize_key(w) for w in raw.get("anaphora", ())),
    )


class _About:
    """What a claim of the document is dated by and may be about."""

    def __init__(self, dates: ByStart[DateMention], events: ByStart[Event], all_events: list[Event]) -> None:
        self.dates = dates
        self.events = events
        self.index = {id(e): i for i, e in enumerate(all_events)}


class ClaimStage:
    name = "claims"
    requires = ("normalized", "sentences", "normalized_sentences", "mentions", "dates", "events")
    assigns = ("claims",)

    def __init__(self, kb: KnowledgeBase, language: Language) -> None:
        self._kb = kb
        self._speech = _speech_pattern(language)
        self._that = language.pattern("that")
        self._said_before = language.pattern("said_before")
        self._folding = language.offset_folding
        self._morphology: Morphology = language.morphology
        self._call_forms, self._openers = _calls(language)
        self._cues = _cues(language)
        lexicon = load_event_lexicon(language)
        self._unnamed_speakers = lexicon.unnamed_speakers
        self._unnamed_speakers_before = lexicon.unnamed_speakers_before

    def __call__(self, doc: Document) -> Document:
        assert doc.normalized is not None
        doc.claims = []
        if self._speech is None or self._that is None:
            return doc  # the language has no speech verbs
        norm = doc.normalized
        claims: list[Claim] = []
        by_start = ByStart(doc.mentions)
        about = _About(ByStart(doc.dates), ByStart(doc.events, lambda e: e.trigger.start), doc.events)
        speech = self._speech.by_sentence(norm.text, doc.normalized_sentences)
        last: tuple[int, Mention] | None = None  # the sentence and speaker of the claim just read
        for index, (sentence, bounds, matches) in enumerate(
            zip(doc.sentences, doc.normalized_sentences, speech, strict=True)
        ):
            according = self._according(norm.text, bounds)
            if not matches and not according:
                continue
            mentions = by_start.between(sentence.start, sentence.end)
            just_before = last[1] if last is not None and index - last[0] <= 1 else None
            cues = sorted([*((m.start(), m, False) for m in according), *((m.start(), m, True) for m in matches)])
            for _, match, is_verb in cues:
                if is_verb:
                    previous = (doc.sentences[index - 1].start, doc.sentences[index - 1].end) if index else None
                    found = self._by_verb(
                        doc, match, bounds, sentence.start, sentence.end, mentions, just_before, previous
                    )
                else:
                    found = self._by_phrase(doc, match, sentence.end, mentions, just_before)
                if found is None:
                    continue
                speaker, verb, words, rule = found
                start = min(sentence.start, words[0])  # the sentence before, when the words are there
                claims.append(self._claim(doc, about, speaker, verb, words, start, sentence.end, rule))
                last, just_before = (index, speaker), speaker
        doc.claims = claims
        return doc

    def _by_verb(
        self,
        doc: Document,
        match: re.Match[str],
        bounds: tuple[int, int],
        sentence_start: int,
        sentence_end: int,
        mentions: list[Mention],
        just_before: Mention | None,
        previous: tuple[int, int] | None = None,
    ) -> tuple[Mention, str, tuple[int, int], str] | None:
        """The speaker, verb, words and rule of a speech verb (or participle), or None;
        ``previous`` is the sentence before (original offsets), which «Об этом» points back to."""
        assert doc.normalized is not None
        norm = doc.normalized
        group = "participle" if match.group("participle") else "verb"
        verb_start, verb_end = norm.to_original(match.start(group), match.end(group))
        if self._unnamed(norm.text, match.end(group)) or self._unnamed_before(norm.text, bounds[0], match.start(group)):
            return None  # «وقالت مصادر …», «источник сообщил»: nobody named speaks
        verb = doc.text[verb_start:verb_end]
        rule = "claims.speech-verb"
        first = self._cues.subject_first
        earlier = _WORDS.findall(norm.text, max(bounds[0], match.start(group) - 40), match.start(group))
        following = _WORDS.findall(norm.text, match.end(group), match.end(group) + 20)[:1]
        pronoun = any(w in self._cues.pronouns for w in [*earlier[-_PRONOUN_WORDS:], *following])
        if group == "participle":  # «…، قائلاً»: the speaker is the subject named before
            speaker = _speaker([m for m in mentions if m.end <= verb_start], verb_start, verb_start, far=True)
            words = _reported(doc.text, verb_end, sentence_end, self._that, self._folding)
        elif earlier and earlier[-1] in self._cues.as_said:
            # «Как сказал министр, …»: the words follow the comma after the speaker; a parenthesis
            # inside a sentence («…, как сказал министр.») is left unread
            if _WORDS.findall(norm.text, bounds[0], match.start(group))[:-1]:
                return None
            comma = doc.text.find(",", verb_end, sentence_end)
            if comma < 0:
                return None
            named = [m for m in mentions if m.start >= verb_end and m.end <= comma]
            speaker = just_before if pronoun else _speaker(named, verb_start, verb_end)
            words = _trimmed(doc.text, comma + 1, sentence_end)
            rule = "claims.as-said"
        elif match.group(group) in self._call_forms:
            # «دعا خلالها الرئيس إلى …»: what was called for is the claim; «انتقد الرئيس
            # موسكو لعدم …»: without a preposition, the object follows the speaker
            speaker = just_before if pronoun else _speaker(mentions, verb_start, verb_end, subject_first=first)
            words = None
            if speaker is not None:
                adjacent = match.group(group) in self._cues.opener_calls
                words = _object(doc.text, verb_end, speaker, sentence_end, self._openers, adjacent)
                if not adjacent:
                    words = words or _object(doc.text, verb_end, speaker, sentence_end, None)
        else:
            words = _reported(doc.text, verb_end, sentence_end, self._that, self._folding)
            # who speaks is named before the words reported, not inside them
            before = [m for m in mentions if words is None or m.end <= words[0]]
            speaker = just_before if pronoun else _speaker(before, verb_start, verb_end, subject_first=first)
            if words is None and self._before(doc.text, sentence_start, verb_start):
                # «"…", — заявил министр», «…, сообщил министр»: the words reported before the
                # verb, its speaker after it, before any comma
                words = _reported_before(doc.text, sentence_start, verb_start, verb_end, sentence_end)
                clause = doc.text.find(",", verb_end, sentence_end)
                after = [m for m in mentions if m.start >= verb_end and (clause < 0 or m.end <= clause)]
                # the speaker's long title before his name ends at the comma: «— заявил
                # начальник главного управления … Минобороны РФ, генерал-лейтенант …»
                speaker = just_before if pronoun else _speaker(after, verb_start, verb_end, after_reach=_SAID_WITHIN)
                rule = "claims.said-before"
            if words is None and previous is not None and self._anaphora(norm.text, bounds[0], match.start(group)):
                # «Об этом сообщил министр»: the words are the sentence before
                words = _trimmed(doc.text, *previous)
                after = [m for m in mentions if m.start >= verb_end]
                speaker = just_before if pronoun else _speaker(after, verb_start, verb_end, after_reach=_SAID_WITHIN)
                rule = "claims.anaphora"
        if speaker is None or words is None:
            return None
        return speaker, verb, words, rule

    def _before(self, text: str, sentence_start: int, verb_start: int) -> bool:
        """Whether words reported end right before the verb (the language's ``said_before``)."""
        if self._said_before is None:
            return False
        return (
            self._said_before.search(text, max(sentence_start, verb_start - _SAID_BEFORE_GAP), verb_start) is not None
        )

    def _anaphora(self, text: str, sentence_start: int, verb_start: int) -> bool:
        """Whether the sentence opens with a phrase that points back to the sentence before
        (claims ``anaphora``: «Об этом сообщил …») and the verb follows it within a few words
        and no comma."""
        opening = " ".join(_WORDS.findall(text, sentence_start, verb_start))
        return "," not in text[sentence_start:verb_start] and any(
            opening == phrase or (opening.startswith(phrase + " ") and len(opening) - len(phrase) < _UNNAMED_CHARS)
            for phrase in self._cues.anaphora
        )

    def _according(self, text: str, bounds: tuple[int, int]) -> list[re.Match[str]]:
        """«По словам X, …» opening a sentence (normalized ``text``): the phrase's matches."""
        pattern = self._cues.according
        if pattern is None:
            return []
        match = pattern.search(text, bounds[0], bounds[1])
        if match is None or _WORDS.search(text[bounds[0] : match.start()]):
            return []  # inside a sentence, the words it reports are not the rest of the sentence
        return [match]

    def _by_phrase(
        self,
        doc: Document,
        match: re.Match[str],
        sentence_end: int,
        mentions: list[Mention],
        just_before: Mention | None,
    ) -> tuple[Mention, str, tuple[int, int], str] | None:
        """«По словам министра, …»: the speaker before the comma, the words after it."""
        assert doc.normalized is not None
        start, end = doc.normalized.to_original(match.start(), match.end())
        comma = doc.text.find(",", end, min(sentence_end, end + _ACCORDING_REACH))
        if comma < 0:
            return None
        if match.groupdict().get("pronoun"):
            speaker = just_before
        elif self._unnamed(doc.normalized.text, match.end()):
            return None  # «По словам источника, …»
        else:
            speaker = _speaker([m for m in mentions if m.start >= end and m.end <= comma], end, end)
        words = _trimmed(doc.text, comma + 1, sentence_end)
        if speaker is None or words is None:
            return None
        return speaker, doc.text[start:end], words, "claims.according-to"

    def _nobody(self, word: str, unnamed: frozenset[str]) -> bool:
        """Whether ``word``, or a reading of it («источника» → «источник»), names no one."""
        return word in unnamed or any(r.stem in unnamed for r in self._morphology.readings(word))

    def _unnamed(self, text: str, end: int) -> bool:
        """Whether the words right after a speech verb (normalized ``text`` from ``end``) name
        no speaker («مصادر», «تقارير»): the events lexicon's ``unnamed_speakers``."""
        following = _WORDS.findall(text, end, end + _UNNAMED_CHARS)[:2]
        unnamed = self._unnamed_speakers
        return bool(following) and (self._nobody(following[0], unnamed) or " ".join(following) in unnamed)

    def _unnamed_before(self, text: str, start: int, end: int) -> bool:
        """Whether the words right before a speech verb name no speaker («sources said»,
        «источник сообщил»): the events lexicon's ``unnamed_speakers_before``."""
        unnamed = self._unnamed_speakers_before
        if not unnamed:
            return False
        earlier = _WORDS.findall(text, max(start, end - _UNNAMED_CHARS), end)[-2:]
        return bool(earlier) and (self._nobody(earlier[-1], unnamed) or " ".join(earlier) in unnamed)

    def _claim(
        self,
        doc: Document,
        known: _About,
        speaker: Mention,
        verb: str,
        words: tuple[int, int],
        start: int,
        end: int,
        rule: str,
    ) -> Claim:
        entity = self._kb.entities.get(speaker.entity_id)
        state = ""
        if entity is not None and entity.type == "person":
            state = next((r.state for r in reversed(entity.roles) if r.state), "")
        elif speaker.entity_type == "country":
            state = speaker.entity_id
        dates = [d for d in known.dates.between(start, end) if not d.relative]
        about = known.events.first_from(words[0])
        event = known.index[id(about)] if about is not None and about.trigger.start < words[1] else None
        return Claim(
            speaker=speaker.entity_id,
            speaker_state=state,
            verb=verb,
            date=dates[0].value if dates else doc.meta.published,
            claim=Evidence(words[0], words[1], doc.text[words[0] : words[1]]),
            evidence=Evidence(start, end, doc.text[start:end]),
            rule=rule,
            event=event,
        )


def _speaker(
    mentions: list[Mention],
    verb_start: int,
    verb_end: int,
    far: bool = False,
    subject_first: bool = False,
    after_reach: int = _SPEAKER_AFTER,
) -> Mention | None:
    """The subject of a speech verb: a person first, else a state or organization, next to it;
    where the language puts its subject first (``subject_first``), a name standing right
    before the verb («Путин заявил») is its subject."""
    adjacent = [
        m
        for m in mentions
        if subject_first
        and 0 <= verb_start - m.end <= _ADJACENT
        and m.entity_type in ("person", "country", "organization")
    ]
    if adjacent:
        persons = [m for m in adjacent if m.entity_type == "person"]
        return persons[-1] if persons else adjacent[-1]
    after = [m for m in mentions if 0 <= m.start - verb_end < after_reach]
    reach = verb_start if far else _SPEAKER_BEFORE
    before = [m for m in mentions if 0 <= verb_start - m.end < reach]
    for group in (after, before[::-1]):
        persons = [m for m in group if m.entity_type == "person"]
        if persons:
            return _named(persons)
    for group in (after, before[::-1]):
        actors = [m for m in group if m.entity_type in ("country", "organization")]
        if actors:
            return actors[0]
    return None


def _named(persons: list[Mention]) -> Mention:
    """«الرئيس الروسي دميتري ميدفيديف»: the name after a title says who speaks, not the holder
    the title alone was read as."""
    first = persons[0]
    if first.rule != _TITLE_RULE:
        return first
    return next((p for p in persons[1:] if p.rule != _TITLE_RULE and p.start - first.end <= _NAME_AFTER_TITLE), first)


def _object(
    text: str,
    verb_end: int,
    speaker: Mention,
    sentence_end: int,
    openers: re.Pattern[str] | None,
    adjacent: bool = False,
) -> tuple[int, int] | None:
    """The object of a call, after the speaker named after the verb, to the end of the
    sentence: from the preposition that opens it (None when ``openers`` find none close by,
    or, when ``adjacent``, none right there), else (``openers`` None) right after the speaker."""
    start = max(verb_end, speaker.end) if speaker.start >= verb_end else verb_end
    if openers is None:
        return _trimmed(text, start, sentence_end)
    opener = openers.search(text, start, min(sentence_end, start + _OPENER_REACH))
    if opener is None or (adjacent and text[start : opener.start()].strip()):
        return None
    return _trimmed(text, opener.end(), sentence_end)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` without the spaces and punctuation around it; None when too short."""
    while end > start and not text[end - 1].isalnum():
        end -= 1
    while start < end and not text[start].isalnum():
        start += 1
    return (start, end) if end - start >= _MIN_WORDS else None


def _reported_before(
    text: str, sentence_start: int, verb_start: int, verb_end: int, sentence_end: int
) -> tuple[int, int] | None:
    """The words reported before their verb: the quotation that closes right before it (from
    its opening quote, or from the sentence start when it opened in a sentence before), else
    the clause from the sentence start to the comma before the verb, when no comma follows the
    verb (a parenthesis, «…, сообщил министр, …», cuts the words in two)."""
    end = verb_start
    while end > sentence_start and not text[end - 1].isalnum() and text[end - 1] not in _CLOSING:
        end -= 1
    if end > sentence_start and text[end - 1] in _CLOSING:
        close = end - 1
        opening, depth, start = _CLOSING[text[close]], 0, sentence_start
        for i in range(close - 1, sentence_start - 1, -1):
            closes = text[i] == text[close] and (
                # a straight quote closes where it follows a word («"Талибан" (»), else opens
                text[close] != opening or (i > sentence_start and (text[i - 1].isalnum() or text[i - 1] in ".!?)"))
            )
            if closes:
                depth += 1  # a quotation inside: «… «Талибан» …», «"… "Талибан" …"»
            elif text[i] == opening:
                if depth == 0:
                    start = i + 1
                    break
                depth -= 1
        return _trimmed(text, start, close)
    if "," in text[verb_end:sentence_end]:
        return None
    words = _trimmed(text, sentence_start, end)
    if words is None or len(_WORDS.findall(text, *words)) < _CLAUSE_WORDS:
        return None
    return words


def _reported(
    text: str, verb_end: int, sentence_end: int, that_pattern: re.Pattern[str], folding: Mapping[int, str]
) -> tuple[int, int] | None:
    """The reported words: a quotation after the verb, else the «أن/إن …» clause."""
    quoted = _QUOTED.search(text, verb_end, sentence_end)
    # hamza seats folded one letter for one, so offsets into the slice stay offsets into text
    that = that_pattern.search(text[verb_end:sentence_end].translate(folding))
    if that is not None and that.start() > _SAID_WITHIN:
        that = None  # a «أن» far on opens someone else's words, or a clause of the story
    if quoted is not None and quoted.start() - verb_end > _SAID_WITHIN:
        quoted = None
    if quoted and (that is None or quoted.start() - verb_end < that.start()):
        return quoted.start(1), quoted.end(1)
    if that is not None:
        start = verb_end + that.end()
        while start < sentence_end and text[start].isspace():
            start += 1
        end = sentence_end
        while end > start and not text[end - 1].isalnum():
            end -= 1
        while start < end and not text[start].isalnum():
            start += 1  # an opening quote: «إن «…»» reports the words inside
        return (start, end) if end - start >= 8 else None
    return None
