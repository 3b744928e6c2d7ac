"""The claims stage: reported speech with its speaker, its words, its date and its event.

«قال الرئيس الروسي فلاديمير بوتين، في 16 يونيو 2022، إن …», «أكدت طشقند أن "…"»: a speech
verb, the speaker standing next to it (a person, else a state or organization), and the
words reported — inside quotes when quoted, else the «أن/إن …» clause to the sentence end.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from marsad.datafile import load_yaml
from marsad.document import Claim, Document, Evidence, Mention
from marsad.extract.lexicon import past_forms
from marsad.extract.spans import ByStart
from marsad.kb.loader import KnowledgeBase
from marsad.text.normalize import normalize_key
from marsad.text.regex import first_letters, guarded

# A quotation of at least four words: a quoted name («منظمة معاهدة الأمن الجماعي») is no claim.
_QUOTED = re.compile(r"[«\"“]((?:[^«»\"“”\s]+\s+){3,}[^«»\"“”]*?)[»\"”]")
_THAT = re.compile(r"(?<![^\W_])(?:[أإا]ن|[أإا]نه|[أإا]نها|ب[أا]ن)(?![^\W_])")
_SPEAKER_AFTER = 60  # characters after the verb where its subject stands (verb–subject order)
_SPEAKER_BEFORE = 40  # ... and before it (subject–verb order)


@lru_cache(maxsize=1)
def _speech_pattern() -> re.Pattern[str]:
    raw = load_yaml(resources.files("marsad.extract").joinpath("data", "claims.yaml").read_text(encoding="utf-8"))
    forms = {f for verb in raw["verbs"] for f in past_forms(verb)}
    participles = {normalize_key(p) for p in raw["participles"]}
    forms |= participles
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    participle = "|".join(re.escape(p) for p in sorted(participles, key=len, reverse=True))
    return guarded(
        rf"(?<![^\W_])[وف]?(?:(?P<participle>{participle})|(?P<verb>{alternatives}))(?![^\W_])",
        first_letters([*forms, "و", "ف"]),
    )


class ClaimStage:
    name = "claims"
    requires = ("normalized", "sentences", "mentions", "dates", "events")
    assigns = ("claims",)

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb

    def __call__(self, doc: Document) -> Document:
        assert doc.normalized is not None
        norm = doc.normalized
        claims: list[Claim] = []
        by_start = ByStart(doc.mentions)
        self._dates = ByStart(doc.dates)
        self._events = ByStart(doc.events, lambda e: e.trigger.start)
        self._event_index = {id(e): i for i, e in enumerate(doc.events)}
        for sentence in doc.sentences:
            n_start, n_end = norm.to_normalized(sentence.start), norm.to_normalized(sentence.end)
            mentions = by_start.between(sentence.start, sentence.end)
            for match in _speech_pattern().finditer(norm.text, n_start, n_end):
                group = "participle" if match.group("participle") else "verb"
                verb_start, verb_end = norm.to_original(match.start(group), match.end(group))
                if group == "participle":  # «…، قائلاً»: the speaker is the subject named before
                    speaker = _speaker([m for m in mentions if m.end <= verb_start], verb_start, verb_start, far=True)
                else:
                    speaker = _speaker(mentions, verb_start, verb_end)
                words = _reported(doc.text, verb_end, sentence.end)
                if speaker is None or words is None:
                    continue
                verb = doc.text[verb_start:verb_end]
                claims.append(self._claim(doc, speaker, verb, words, sentence.start, sentence.end))
        doc.claims = claims
        return doc

    def _claim(self, doc: Document, speaker: Mention, verb: str, words: tuple[int, int], start: int, end: int) -> Claim:
        entity = self._kb.entities.get(speaker.entity_id)
        state = ""
        if entity is not None and entity.type == "person":
            state = next((r.state for r in reversed(entity.roles) if r.state), "")
        elif speaker.entity_type == "country":
            state = speaker.entity_id
        dates = [d for d in self._dates.between(start, end) if not d.relative]
        about = self._events.first_from(words[0])
        event = self._event_index[id(about)] if about is not None and about.trigger.start < words[1] else None
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


def _reported(text: str, verb_end: int, sentence_end: int) -> tuple[int, int] | None:
    """The reported words: a quotation after the verb, else the «أن/إن …» clause."""
    quoted = _QUOTED.search(text, verb_end, sentence_end)
    that = _THAT.search(normalize_key_preserving(text, verb_end, sentence_end))
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


def normalize_key_preserving(text: str, start: int, end: int) -> str:
    """The slice with hamza forms folded but every offset kept (only one-to-one replacements)."""
    return text[start:end].translate(_HAMZA)


_HAMZA = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})
