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
from marsad.extract.spans import ByStart, matches_by_sentence
from marsad.kb.loader import KnowledgeBase
from marsad.lang import Language
from marsad.text.dates import DateMention
from marsad.text.normalize import normalize_key
from marsad.text.regex import first_letters, guarded, word_trie

# A quotation of at least four words: a quoted name («منظمة معاهدة الأمن الجماعي») is no claim.
_QUOTED = re.compile(r"[«\"“]((?:[^«»\"“”\s]+\s+){3,}[^«»\"“”]*?)[»\"”]")
_SPEAKER_AFTER = 60  # characters after the verb where its subject stands (verb–subject order)
_SPEAKER_BEFORE = 40  # ... and before it (subject–verb order)


@lru_cache(maxsize=16)
def _speech_pattern(language: Language) -> re.Pattern[str] | None:
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
    return guarded(
        rf"(?<![^\W_]){optional}(?:(?P<participle>{participle})|(?P<verb>{alternatives}))(?![^\W_])",
        first_letters([*forms, *language.clitics("conjunctions")]),
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
        self._folding = language.offset_folding

    def __call__(self, doc: Document) -> Document:
        assert doc.normalized is not None
        doc.claims = []
        if self._speech is None or self._that is None:
            return doc  # the language has no speech verbs
        norm = doc.normalized
        claims: list[Claim] = []
        by_start = ByStart(doc.mentions)
        about = _About(ByStart(doc.dates), ByStart(doc.events, lambda e: e.trigger.start), doc.events)
        speech = matches_by_sentence(self._speech, norm.text, doc.normalized_sentences)
        for sentence, matches in zip(doc.sentences, speech, strict=True):
            if not matches:
                continue
            mentions = by_start.between(sentence.start, sentence.end)
            for match in matches:
                group = "participle" if match.group("participle") else "verb"
                verb_start, verb_end = norm.to_original(match.start(group), match.end(group))
                if group == "participle":  # «…، قائلاً»: the speaker is the subject named before
                    speaker = _speaker([m for m in mentions if m.end <= verb_start], verb_start, verb_start, far=True)
                else:
                    speaker = _speaker(mentions, verb_start, verb_end)
                words = _reported(doc.text, verb_end, sentence.end, self._that, self._folding)
                if speaker is None or words is None:
                    continue
                verb = doc.text[verb_start:verb_end]
                claims.append(self._claim(doc, about, speaker, verb, words, sentence.start, sentence.end))
        doc.claims = claims
        return doc

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
            return persons[0]
    for group in (after, before[::-1]):
        actors = [m for m in group if m.entity_type in ("country", "organization")]
        if actors:
            return actors[0]
    return None


def _reported(
    text: str, verb_end: int, sentence_end: int, that_pattern: re.Pattern[str], folding: Mapping[int, str]
) -> tuple[int, int] | None:
    """The reported words: a quotation after the verb, else the «أن/إن …» clause."""
    quoted = _QUOTED.search(text, verb_end, sentence_end)
    # hamza seats folded one letter for one, so offsets into the slice stay offsets into text
    that = that_pattern.search(text[verb_end:sentence_end].translate(folding))
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
