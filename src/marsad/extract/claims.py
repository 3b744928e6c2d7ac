"""The claims stage: reported speech with its speaker, its words, its date and its event.

«قال الرئيس الروسي فلاديمير بوتين، في 16 يونيو 2022، إن …», «أكدت طشقند أن "…"»: a speech
verb, the speaker standing next to it (a person, else a state or organization), and the
words reported — inside quotes when quoted, else the «أن/إن …» clause to the sentence end.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from marsad.document import Claim, Document, Event, Evidence, Mention
from marsad.extract.lexicon import load_event_lexicon
from marsad.extract.spans import ByStart, WordPattern
from marsad.kb.loader import KnowledgeBase
from marsad.lang import Language
from marsad.text.dates import DateMention
from marsad.text.normalize import normalize_key
from marsad.text.regex import first_letters, guarded, word_trie

# A quotation of at least four words: a quoted name («منظمة معاهدة الأمن الجماعي») is no claim.
_QUOTED = re.compile(r"[«\"“]((?:[^«»\"“”\s]+\s+){3,}[^«»\"“”]*?)[»\"”]")
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


@lru_cache(maxsize=16)
def _speech_pattern(language: Language) -> WordPattern | None:
    """Speech verbs in every person, and the participles that report speech («قائلا»)."""
    raw = language.data("claims")
    forms = {f for verb in raw.get("verbs", ()) for f in language.morphology.past_forms(verb)}
    participles = {normalize_key(p) for p in raw.get("participles", ())}
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
        self._folding = language.offset_folding
        self._call_forms, self._openers = _calls(language)
        self._unnamed_speakers = load_event_lexicon(language).unnamed_speakers

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
        for sentence, matches in zip(doc.sentences, speech, strict=True):
            if not matches:
                continue
            mentions = by_start.between(sentence.start, sentence.end)
            for match in matches:
                group = "participle" if match.group("participle") else "verb"
                verb_start, verb_end = norm.to_original(match.start(group), match.end(group))
                if self._unnamed(norm.text, match.end(group)):
                    continue  # «وقالت مصادر …»: nobody named speaks
                if group == "participle":  # «…، قائلاً»: the speaker is the subject named before
                    speaker = _speaker([m for m in mentions if m.end <= verb_start], verb_start, verb_start, far=True)
                    words = _reported(doc.text, verb_end, sentence.end, self._that, self._folding)
                elif match.group(group) in self._call_forms:
                    # «دعا خلالها الرئيس إلى …»: what was called for is the claim; «انتقد الرئيس
                    # موسكو لعدم …»: without a preposition, the object follows the speaker
                    speaker = _speaker(mentions, verb_start, verb_end)
                    words = None
                    if speaker is not None:
                        words = _object(doc.text, verb_end, speaker, sentence.end, self._openers)
                        words = words or _object(doc.text, verb_end, speaker, sentence.end, None)
                else:
                    words = _reported(doc.text, verb_end, sentence.end, self._that, self._folding)
                    # who speaks is named before the words reported, not inside them
                    before = [m for m in mentions if words is None or m.end <= words[0]]
                    speaker = _speaker(before, verb_start, verb_end)
                if speaker is None or words is None:
                    continue
                verb = doc.text[verb_start:verb_end]
                claims.append(self._claim(doc, about, speaker, verb, words, sentence.start, sentence.end))
        doc.claims = claims
        return doc

    def _unnamed(self, text: str, end: int) -> bool:
        """Whether the words right after a speech verb (normalized ``text`` from ``end``) name
        no speaker («مصادر», «تقارير»): the events lexicon's ``unnamed_speakers``."""
        following = _WORDS.findall(text, end, end + _UNNAMED_CHARS)[:2]
        unnamed = self._unnamed_speakers
        return bool(following) and (following[0] in unnamed or " ".join(following) in unnamed)

    def _claim(
        self,
        doc: Document,
        known: _About,
        speaker: Mention,
        verb: str,
        words: tuple[int, int],
        start: int,
        end: int,
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
            rule="claims.speech-verb",
            event=event,
        )


def _speaker(mentions: list[Mention], verb_start: int, verb_end: int, far: bool = False) -> Mention | None:
    """The subject of a speech verb: a person first, else a state or organization, next to it."""
    after = [m for m in mentions if 0 <= m.start - verb_end < _SPEAKER_AFTER]
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
    text: str, verb_end: int, speaker: Mention, sentence_end: int, openers: re.Pattern[str] | None
) -> tuple[int, int] | None:
    """The object of a call, after the speaker named after the verb, to the end of the
    sentence: from the preposition that opens it (None when ``openers`` find none close by),
    else (``openers`` None) right after the speaker."""
    start = max(verb_end, speaker.end) if speaker.start >= verb_end else verb_end
    if openers is None:
        return _trimmed(text, start, sentence_end)
    opener = openers.search(text, start, min(sentence_end, start + _OPENER_REACH))
    return _trimmed(text, opener.end(), sentence_end) if opener else None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` without the spaces and punctuation around it; None when too short."""
    while end > start and not text[end - 1].isalnum():
        end -= 1
    while start < end and not text[start].isalnum():
        start += 1
    return (start, end) if end - start >= _MIN_WORDS else None


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
