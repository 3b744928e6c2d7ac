"""The event stage: triggers from the lexicon, with actors, agents, place, date and modality.

Each sentence is cut at its triggers: a trigger takes the mentions, dates and places from
the end of the previous trigger to the start of the next one. Triggers of one type next to
each other in a sentence («قمة … الاجتماع») report one event.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import ahocorasick

from marsad.datafile import load_yaml
from marsad.document import Document, Event, Evidence, Mention
from marsad.extract.lexicon import EventLexicon, Trigger, load_event_lexicon
from marsad.extract.spans import ByStart
from marsad.kb.loader import KnowledgeBase, dates_ordered
from marsad.text.dates import AnchoredSpan, DateMention, anchored_spans, shift_date
from marsad.text.normalize import NormalizedText, normalize_key
from marsad.text.segment import Span, proclitic_prefixes

_TOKEN = re.compile(r"[^\W_]+")
_LOCATIVE = frozenset({"في", "بمدينة", "بالعاصمة", "مدينة", "العاصمة", "داخل", "قرب"})
_MODALITY_WINDOW = 40  # characters before a trigger where a modality cue counts
# A trigger in a sentence without any state or organization is too often generic talk.
_MIN_ACTORS = 1
# ... and some state, organization or person must stand this close to the trigger (characters).
_NEAR = 60
_SPEECH = frozenset({"STATEMENT", "ACCUSE", "REJECT"})
_GOVERNED_WORDS = 8  # at most this many words between a governing verb and what it governs
_UNTIL = frozenset(normalize_key(w) for w in ("حتى", "لغاية", "غاية"))
_CLOSING_QUOTES = frozenset("\"»”'")
_RELATIVE = frozenset({"ما", "مما", "بما", "وهو", "وهي", "الذي", "التي"})
# Where a clause ends inside a sentence: «؛», «:», or a comma before a conjunction.
# «في» after a comma opens a phrase of the same clause («اتجهت فنلندا والسويد، في منتصف 2022، لطلب …»).
_CLAUSE_BREAK = re.compile(r"[؛;:]|[،,]\s*(?=(?:و|ف(?!ي(?![^\W_]))|كما|فيما|بينما|حيث|ثم|إذ|لكن|غير أن|في حين)\S*)")
# How far from its trigger an actor may stand (characters), and before a speech verb.
_ACTOR_REACH = 90
_SPEECH_BEFORE = 35
# Where reported words begin after a speech verb: «أن», «إن», a quote or a colon.
# How many sentences back a stated date still dates what is told.
_CONTEXT_SENTENCES = 4
# A sentence that opens this way says more about the one before it.
_ELABORATION = re.compile(r"\s*(?:وذلك|و?جاء ذلك|و?كان ذلك)(?![^\W_])")
# Only a text with one of these words can count a span from another event.
_MAY_ANCHOR = re.compile(r"بعد|عقب|قبل|التالي|السابق|نفسه|ذاته|نفس|عشية")
# How far after an event noun a nisba still says whose event it is (characters).
_OWNER_GAP = 12
# How many words open a clause: where its subject is named, after a verb or «كما».
_SUBJECT_WORDS = 3
_WORD = re.compile(r"\S+")
# What may stand between the names of a list of subjects: «كازاخستان وأوزبكستان», «كل من».
_COORDINATION = re.compile(r"\s*(?:[،,]\s*)?و?\s*")
# A numbered section title at the start of a line: «1 - », «2- », «3) ».
_NUMBERED = re.compile(r"\s*\d{1,2}\s*[-–.)]\s+")
_HEADING_WORDS = 10
# How far after what was refused its author may stand (characters).
_REFUSED_REACH = 15
# Reported words begin this close after the speech verb (characters): the verb, a title and a
# name («أكد الرئيس الروسي فلاديمير بوتين أن»); a quote further on is someone else's word.
_SAID_WITHIN = 60
_BETWEEN = re.compile(r"(?<![^\W_])بين(?![^\W_])")
# How far a time phrase reaches past its event noun without a comma (characters).
_PHRASE_REACH = 45
# A quote closing this close before a speech verb is what was said (characters).
_QUOTE_GAP = 4
# How far before a speech verb with no subject of its own its speaker may be named (characters).
_SPEAKER_BEFORE = 40
# How many earlier events of a type a repeated mention is compared with.
_REPEAT_WINDOW = 50
_COMMA = re.compile(r"[،,؛;]")
_REPORTED = re.compile(r"\s(?:[وف]?ب?[أإا]ن|[أإا]نه|[أإا]نها)\s|[«\"“:]")


@dataclass(frozen=True, slots=True)
class _Found:
    trigger: Trigger
    start: int  # original offsets of the trigger words
    end: int
    future: bool  # «سيعقد»: the future prefix س
    background: bool = False  # «في أعقاب الانسحاب …،»: set in a time phrase of the main clause
    complement: bool = False  # «بطرد السفير»: behind «ب» or «ل», completing a word before it


@lru_cache(maxsize=1)
def _groups() -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    raw = load_yaml(resources.files("marsad.extract").joinpath("data", "groups.yaml").read_text(encoding="utf-8"))
    entries = sorted(raw["entries"], key=lambda e: -len(e["phrase"]))
    return tuple((re.compile(re.escape(normalize_key(e["phrase"]))), tuple(e["members"])) for e in entries)


class EventStage:
    name = "events"
    requires = ("normalized", "sentences", "mentions", "dates")
    assigns = ("events",)

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        self._lexicon: EventLexicon = load_event_lexicon()
        self._prefixes = proclitic_prefixes()
        # words recur across a corpus: each is analysed once per process
        self._stems = lru_cache(maxsize=200_000)(self._trigger_stems)
        # every trigger's first word, to skip at once the sentences that hold none (most do)
        self._first_words = ahocorasick.Automaton()
        for word in self._lexicon.by_first_word:
            self._first_words.add_word(word, len(word))
        self._first_words.make_automaton()
        self._describing = re.compile(
            rf"(?<![^\W_])(?:{'|'.join(re.escape(p) for p in self._lexicon.describing)})(?![^\W_])"
        )
        self._modality_cues = [
            (name, re.compile(rf"(?<![^\W_])(?:{'|'.join(re.escape(c) for c in cues)})(?![^\W_])"))
            for name, cues in _group_cues(self._lexicon.modality)
        ]

    def __call__(self, doc: Document) -> Document:
        if doc.normalized is None:
            raise ValueError(f"document {doc.id}: the events stage needs the normalize stage before it")
        reference = doc.reference_date
        # where a trigger's first word could end a word: the only tokens worth a closer look
        word_ends = {end + 1 for end, _ in self._first_words.iter(doc.normalized.text)}
        candidates = sorted(word_ends)
        dates = ByStart(_event_dates(doc))
        spans = ByStart(anchored_spans(doc.text, doc.normalized) if _MAY_ANCHOR.search(doc.text) else [])
        mentions = sorted(doc.mentions, key=lambda m: m.start)
        starts = [m.start for m in mentions]
        events: list[Event] = []
        anchored: list[Event] = []  # events dated from another event: they date the narrative too
        for index, sentence in enumerate(doc.sentences):
            if not _holds_any(candidates, doc.normalized, sentence):
                continue
            found = [f for f in self._triggers(doc, sentence, word_ends) if self._free(f, mentions, starts)]
            if not found:
                continue
            lo, hi = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
            in_sentence = mentions[lo:hi]
            sentence_dates = dates.between(sentence.start, sentence.end)
            context = _context_date(doc, dates, index, anchored)
            sentence_dates.extend(_elaboration_dates(doc, dates, index))
            timing = _Timing(sentence_dates, reference, context, spans.between(sentence.start, sentence.end))
            told = self._events(doc, sentence, found, in_sentence, timing, events)
            events.extend(told)
            anchored.extend(e for e in told if e.date_source == "anchored")
            events.extend(self._gapped(doc, sentence, told, found, in_sentence, sentence_dates))
        doc.events = _deduplicate(events)
        return doc

    # -- triggers ---------------------------------------------------------------------------
    def _free(self, found: _Found, mentions: list[Mention], starts: list[int]) -> bool:
        """A trigger inside a name («معاهدة» in «منظمة معاهدة الأمن الجماعي») is part of the name,
        except a summit's name, which reports the summit («قمة روسيا – آسيا الوسطى»)."""
        index = bisect_left(starts, found.start + 1) - 1
        for mention in mentions[max(0, index - 3) : index + 1]:
            if mention.start <= found.start < mention.end:
                entity = self._kb.entities.get(mention.entity_id)
                return entity is not None and entity.kind == "format" and found.trigger.type == "MEETING"
        return True

    def _triggers(self, doc: Document, sentence: Span, word_ends: set[int]) -> list[_Found]:
        assert doc.normalized is not None
        norm = doc.normalized
        n_start, n_end = norm.to_normalized(sentence.start), norm.to_normalized(sentence.end)
        text = norm.text
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, n_start, n_end)]
        found: list[_Found] = []
        heading_end = _heading_end(doc.text, sentence)
        i = 0
        while i < len(tokens):
            match = self._trigger_at(tokens, i) if tokens[i][1] in word_ends else None
            if match is None:
                i += 1
                continue
            trigger, future, size = match
            previous = tokens[i - 1][2] if i > 0 else ""
            if trigger.type in _SPEECH and trigger.form == "verb" and previous in _RELATIVE:
                i += size  # «ما يؤكد حرصهما»: what the facts show, not someone speaking
                continue
            if trigger.form == "noun" and previous in self._lexicon.anaphora:
                i += size  # «هذه الاحتجاجات»: the event reported before, not a new one
                continue
            if trigger.form == "verb" and _strip_conjunction(previous) in self._lexicon.prepositions:
                trigger = replace(trigger, form="noun")  # «بعد طلب فنلندا»: a verbal noun, not a verb
            o_start, o_end = norm.to_original(tokens[i][0], tokens[i + size - 1][1])
            purpose = trigger.form == "noun" and _purpose_lam(tokens[i][2], trigger.words[0])
            before = " ".join(_strip_conjunction(t[2]) for t in tokens[max(0, i - 2) : i])
            background = trigger.form == "noun" and any(
                before == p or before.endswith(" " + p) for p in self._lexicon.time_phrase
            )
            framed = " " + " ".join(_strip_conjunction(t[2]) for t in tokens[max(0, i - 3) : i]) + " "
            if trigger.form == "noun" and any(f" {p} " in framed for p in self._lexicon.framing):
                i += size  # «في إطار عمليات حفظ السلام»: the frame of the event told before
                continue
            if o_start < heading_end:
                i += size  # «1 - تأسيس معاهدة الأمن الجماعي»: a section's title names a topic
                continue
            prefix = tokens[i][2][: len(tokens[i][2]) - len(trigger.words[0])].lstrip("وف")
            complement = prefix[:1] in ("ب", "ل")
            found.append(_Found(trigger, o_start, o_end, future or purpose, background, complement))
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
        the future prefix س stands before it («سيعقد», «وستجري»)."""
        readings = []
        for size in range(0, min(5, len(word) - 1)):
            prefix, stem = word[:size], word[size:]
            if stem not in self._lexicon.by_first_word:
                continue
            if prefix in self._prefixes:
                readings.append((stem, False))
            elif prefix.endswith("س") and prefix[:-1] in self._prefixes:
                readings.append((stem, True))
        return tuple(readings)

    # -- events ------------------------------------------------------------------------------
    def _events(
        self,
        doc: Document,
        sentence: Span,
        found: list[_Found],
        mentions: list[Mention],
        timing: _Timing,
        earlier: list[Event],
    ) -> list[Event]:
        events: list[Event] = []
        merged = _merge_same_type(found, lambda a, b: _clause(doc.text, sentence, a.start, a.end)[1] >= b.end)
        subjects = _clause_subjects(doc.text, sentence, mentions)
        governed = self._governed(doc, merged)
        for k, (first, last) in enumerate(merged):
            if k in governed:
                continue  # «رفضت … فرض عقوبات», «دعا إلى إنشاء …»: the content of a refusal or a call
            about = None
            if k + 1 in governed:
                inner = merged[k + 1][0].trigger.type
                about = (inner, "denied" if first.trigger.type == "REJECT" else "proposed")
            window_start = merged[k - 1][1].end if k > 0 else sentence.start
            window_end = merged[k + 1][0].start if k + 1 < len(merged) else sentence.end
            if about and first.trigger.type == "REJECT":
                # «نفت كازاخستان وقيرغيزستان طلب موسكو منهما»: whose request was refused takes part
                window_end = min(sentence.end, merged[k + 1][1].end + _REFUSED_REACH)
            if first.trigger.type in _SPEECH:
                # who spoke, not what they spoke about: stop where the reported words begin
                said_end = min(window_end, _clause(doc.text, sentence, first.start, last.end)[1])
                content = (
                    None if about else _REPORTED.search(doc.text, last.end, min(said_end, last.end + _SAID_WITHIN))
                )
                just_before = doc.text[max(sentence.start, first.start - _QUOTE_GAP) : first.start]
                quoted_before = any(q in just_before for q in _CLOSING_QUOTES)  # «"…"، قال بوتين»
                if first.trigger.lemma in self._lexicon.needs_content and not (content or quoted_before):
                    continue  # «وأكد بوتين الشراكة الاستراتيجية»: a stance affirmed, no words reported
                window_end = content.start() if content else window_end
            if first.trigger.type == "STATEMENT":
                # «وطرح توكاييف وساطته بين موسكو وكييف»: between whom is what was said, not who said it
                between = _BETWEEN.search(doc.text, last.end, window_end)
                window_end = between.start() if between else window_end
            reach = _SPEECH_BEFORE if first.trigger.type in _SPEECH else _ACTOR_REACH
            clause_start, clause_end = _clause(doc.text, sentence, first.start, last.end)
            window_start = max(window_start, first.start - reach, clause_start)
            window_end = min(window_end, last.end + _ACTOR_REACH, clause_end)
            if first.background or (not first.complement and self._owned(mentions, last.end)):
                # «في أعقاب الانسحاب الأمريكي من هناك …،»: who is named inside the phrase
                window_start = max(window_start, first.start)
            if first.background:
                # the time phrase ends at a comma, after its date, or a few words on
                comma = _COMMA.search(doc.text, last.end, window_end)
                window_end = min(comma.start() if comma else window_end, last.end + _PHRASE_REACH)
                dated = [d.end for d in timing.dates if last.end <= d.start < window_end]
                window_end = min(dated[:1] or [window_end])
            window_end = self._before_description(doc, last.end, window_end)
            window = [m for m in mentions if window_start <= m.start and m.end <= window_end]
            # «وأعلنت واشنطن …، وقدمت مساعدات زراعية لقيرغيزستان»: the clause goes on with the
            # subject of the one before
            inherited = () if first.background else _inherited_subject(doc.text, subjects, first.start, window)
            if not inherited and first.trigger.type in _SPEECH and not window:
                # «… على لسان الرئيس البيلاروسي، ألكسندر لوكاشينكو، فقد خاطب القمة»: the speaker
                # was named just before, in the clause that introduces him
                inherited = tuple(
                    m
                    for m in mentions
                    if first.start - _SPEAKER_BEFORE <= m.start < first.start and m.entity_type == "person"
                )[-1:]
            near = [*inherited, *(m for m in window if m.start < last.end + _NEAR and m.end > first.start - _NEAR)]
            window = [*inherited, *window]
            actors = self._actors(doc, [m for m in window if not self._describes(doc, m)], window_start, window_end)
            actors = self._with_agent_states(actors, window, timing.reference)
            grouped = len(actors) > len({m.entity_id for m in window})
            if not grouped and not any(m.entity_type in ("country", "organization", "person") for m in near):
                continue
            if len(actors) < _MIN_ACTORS:
                continue
            agents = tuple(dict.fromkeys(m.entity_id for m in window if m.entity_type == "person"))
            date, date_source = _event_date(timing, first.start, window_start, window_end)
            if date_source != "text":
                date, date_source = self._anchored_date(timing.spans, first.start, found, earlier) or (
                    date,
                    date_source,
                )
            if first.trigger.form == "noun" and date_source != "text" and len(actors) < 2 and not agents:
                continue  # an undated noun with one participant and no person is background talk
            if first.complement and first.future and len(actors) < 2 and not agents:
                continue  # «لتأسيس تحالف لتطويق الصين»: an aim ascribed to someone, with no party named
            if (
                first.background
                and len(actors) < 2
                and not any(window_start <= d.start < window_end for d in timing.dates)
            ):
                continue  # «أثناء الحرب الأوكرانية»: the backdrop of the news, not news
            trigger = first.trigger
            event_type = self._retreat_or_leave(trigger.type, doc.text[first.start : last.end], last.end, mentions)
            evidence_start, evidence_end = _clip(doc.text, window_start, window_end, first.start, last.end)
            events.append(
                Event(
                    type=event_type,
                    plover=self._plover(trigger),
                    actors=actors,
                    agents=agents,
                    date=date,
                    date_source=date_source,
                    place=self._place(doc, window),
                    modality=self._modality(doc, first, sentence.start),
                    evidence=Evidence(evidence_start, evidence_end, doc.text[evidence_start:evidence_end]),
                    trigger=Evidence(first.start, last.end, doc.text[first.start : last.end]),
                    confidence=round(min(0.95, 0.5 + 0.1 * len(actors) + (0.1 if agents else 0.0)), 2),
                    rule=f"events.{trigger.form}:{trigger.lemma}",
                    content=about,
                )
            )
        return events

    def _gapped(
        self,
        doc: Document,
        sentence: Span,
        told: list[Event],
        found: list[_Found],
        mentions: list[Mention],
        dates: list[DateMention],
    ) -> list[Event]:
        """«انضمت بولندا والتشيك والمجر في عام 1999، وفي عام 2004 سلوفاكيا ورومانيا، وألبانيا
        في عام 2009»: clauses that leave the verb unsaid report the same kind of event, with
        their own states and date."""
        gapped: list[Event] = []
        for event in told:
            if event.date_source != "text" or not event.trigger.text or event.rule.startswith("events.noun"):
                continue
            limit = min((f.start for f in found if f.start > event.trigger.end), default=sentence.end)
            organizations = tuple(
                a for a in event.actors if (e := self._kb.entities.get(a)) is not None and e.type == "organization"
            )
            breaks = [b.end() for b in _CLAUSE_BREAK.finditer(doc.text, event.evidence.end, limit)]
            for k, start in enumerate(breaks):
                end = breaks[k + 1] if k + 1 < len(breaks) else limit
                states = tuple(
                    dict.fromkeys(
                        m.entity_id for m in mentions if start <= m.start < end and m.entity_type == "country"
                    )
                )
                stated = {d.value for d in dates if start <= d.start < end}
                if not states or len(stated) != 1 or event.date in stated:
                    break  # the list of gapped clauses ends where one says something else
                clip_start, clip_end = _clip(doc.text, start, end, end, end)
                gapped.append(
                    replace(
                        event,
                        actors=tuple(dict.fromkeys((*states, *organizations))),
                        agents=(),
                        date=stated.pop(),
                        evidence=Evidence(clip_start, clip_end, doc.text[clip_start:clip_end]),
                        rule=f"{event.rule}+gapped",
                    )
                )
        return gapped

    def _owned(self, mentions: list[Mention], trigger_end: int) -> bool:
        """«الانسحاب الأمريكي», «العملية العسكرية الروسية»: a nisba right after the event noun
        says whose event it is, so nobody named before the noun takes part in it."""
        after = next((m for m in mentions if m.start >= trigger_end), None)
        return after is not None and after.rule == "gazetteer.nisba" and after.start - trigger_end <= _OWNER_GAP

    def _describes(self, doc: Document, mention: Mention) -> bool:
        """«بالعاصمة الكازاخية أستانة», «وسائل إعلام روسية»: the nisba describes the noun before
        it (where the capital is, whose press), it does not name who acted."""
        if mention.rule != "gazetteer.nisba":
            return False
        before = doc.text[max(0, mention.start - 18) : mention.start].removesuffix("ال").split()
        return bool(before) and normalize_key(before[-1]) in self._lexicon.nisba_heads

    def _before_description(self, doc: Document, start: int, end: int) -> int:
        """Where a clause describing a name begins («… التي تضم روسيا و12 …»), else ``end``."""
        assert doc.normalized is not None
        norm = doc.normalized
        n_start, n_end = norm.to_normalized(start), norm.to_normalized(end)
        found = self._describing.search(norm.text, n_start, n_end)
        return norm.to_original(found.start(), found.start())[0] if found else end

    def _anchored_date(
        self, spans: list[AnchoredSpan], trigger: int, found: list[_Found], earlier: list[Event]
    ) -> tuple[str, str] | None:
        """«بعد يوم واحد من اجتماع سمرقند، شهدت … مناورات»: the date of the event counted
        from (the last earlier event of the type named after «من»; for «في اليوم التالي», the
        last dated event), moved by the span."""
        span = next((a for a in reversed(spans) if a.end <= trigger), None)
        if span is None:
            return None
        named = next((f.trigger.type for f in found if span.anchor >= 0 and 0 <= f.start - span.anchor <= 2), None)
        if span.anchor >= 0 and named is None:
            return None
        base = next((e.date for e in reversed(earlier) if e.date_source != "reference" and named in (None, e.type)), "")
        if not base:
            return None
        return (shift_date(base, span.unit, span.amount) or base), "anchored"

    def _actors(self, doc: Document, window: list[Mention], start: int, end: int) -> tuple[str, ...]:
        actors = [m.entity_id for m in window if m.entity_type in ("country", "organization")]
        assert doc.normalized is not None
        norm = doc.normalized
        segment = norm.text[norm.to_normalized(start) : norm.to_normalized(end)]
        for pattern, members in _groups():
            if pattern.search(segment):
                actors.extend(members)
                break
        # an organ acts for its organization: «مجلس وزراء دفاع … منظمة معاهدة الأمن الجماعي» → CSTO
        known = []
        for actor in actors:
            entity = self._kb.entities.get(actor)
            if entity is None and not actor.startswith("new-"):
                continue
            if entity is not None and entity.kind in self._lexicon.observer_kinds:
                continue  # «وبحسب مجلة The Diplomat»: who reports it does not take part
            if entity is not None and entity.kind == "organ":
                # a council of a state or of an organization acts as that state or organization
                actor = entity.country or entity.parent or actor
            known.append(actor)
            if entity is not None and entity.type == "organization" and entity.country:
                known.append(entity.country)  # «لجنة الأمن القومي في كازاخستان» acts for Kazakhstan
            if entity is not None and entity.kind == "format" and "+" in entity.id:
                known.extend(self._format_members(entity.id))
        return tuple(dict.fromkeys(known))

    def _governed(self, doc: Document, runs: list[tuple[_Found, _Found]]) -> set[int]:
        """Runs that are the content of the refusal, call or proposal right before them in the
        same clause: recorded with that statement, not as events that happened."""
        governed = set()
        for k in range(1, len(runs)):
            head, event = runs[k - 1][1], runs[k][0]
            if head.trigger.lemma not in self._lexicon.governing:
                continue
            between = doc.text[head.end : event.start]
            if len(between.split()) <= _GOVERNED_WORDS and not _CLAUSE_BREAK.search(between):
                governed.add(k)
        return governed

    def _retreat_or_leave(self, event_type: str, trigger_text: str, trigger_end: int, mentions: list[Mention]) -> str:
        """«الانسحاب من المعاهدة» leaves a body; «الانسحاب من كازاخستان» withdraws forces."""
        if event_type != "LEAVE" or "نسحاب" not in trigger_text:
            return event_type  # «تفكك الاتحاد السوفييتي» is a dissolution, not a withdrawal
        after = [m for m in mentions if 0 <= m.start - trigger_end < 25]
        if after and after[0].entity_type in ("country", "place"):
            return "RETREAT"
        return event_type

    def _with_agent_states(self, actors: tuple[str, ...], window: list[Mention], when: str) -> tuple[str, ...]:
        """A person acts for the state they serve («أكد بوتين» → RUS), at the article's date."""
        states = []
        for mention in window:
            person = self._kb.entities.get(mention.entity_id)
            if person is None or person.type != "person":
                continue
            serving = [r.state for r in person.roles if r.state and (not when or dates_ordered(r.start, when))]
            if serving:
                states.append(serving[-1])
        return tuple(dict.fromkeys((*actors, *states)))

    def _format_members(self, org: str) -> list[str]:
        """«قمة روسيا – آسيا الوسطى» (RUS+C5) meets as its members: Russia and the five."""
        return [m.member for m in self._kb.memberships if m.org == org and not m.until]

    def _place(self, doc: Document, window: list[Mention]) -> str:
        for mention in window:
            before = doc.text[max(0, mention.start - 12) : mention.start].split()
            previous = normalize_key(before[-1]) if before else ""
            proclitic = doc.text[mention.start - 1 : mention.start] if mention.start else ""
            located = previous in _LOCATIVE or proclitic == "ب"
            if mention.entity_type == "place" and (located or mention.rule != "context.capital-as-state"):
                return mention.entity_id
            if mention.entity_type == "country" and previous == "في" and mention.rule != "gazetteer.nisba":
                return mention.entity_id
        return ""

    def _plover(self, trigger: Trigger) -> str:
        if trigger.type == "STATEMENT":
            return self._lexicon.statement_plover.get(normalize_key(trigger.lemma), "SUPPORT")
        return self._lexicon.plover[trigger.type]

    def _modality(self, doc: Document, found: _Found, sentence_start: int) -> str:
        if found.trigger.lemma in self._lexicon.trigger_modality:
            return self._lexicon.trigger_modality[found.trigger.lemma]
        if found.future:
            return "planned"
        before = normalize_key(doc.text[max(sentence_start, found.start - _MODALITY_WINDOW) : found.start])
        words = before.split()
        tail = " ".join(words[-4:])
        for modality, pattern in self._modality_cues:
            # a statement that proposes or plans still happened; only a denial changes it
            applies = found.trigger.type not in _SPEECH or modality == "denied"
            if applies and pattern.search(tail):
                return modality
        return "asserted"


def _group_cues(cues: tuple[tuple[str, str], ...]) -> list[tuple[str, list[str]]]:
    """(modality, its cues) in the lexicon's order of first appearance, longest cue first."""
    grouped: dict[str, list[str]] = {}
    for cue, modality in cues:
        grouped.setdefault(modality, []).append(cue)
    return list(grouped.items())


@dataclass(frozen=True, slots=True)
class _ClauseSubject:
    start: int
    end: int
    own: tuple[Mention, ...]  # named at the head of the clause
    subject: tuple[Mention, ...]  # its own, else the one carried from the clause before


def _clause_subjects(text: str, sentence: Span, mentions: list[Mention]) -> list[_ClauseSubject]:
    """Each clause of the sentence with who it is about: the states, organizations or persons
    named among its first words («كما أصرت كازاخستان وأوزبكستان …»), else those of the clause
    before (an Arabic clause joined by «و» or «كما» leaves a shared subject unsaid)."""
    bounds = [sentence.start, *(b.end() for b in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end))]
    clauses = []
    carried: tuple[Mention, ...] = ()
    actors = [m for m in mentions if m.entity_type in ("country", "organization", "person")]
    for k, start in enumerate(bounds):
        end = bounds[k + 1] if k + 1 < len(bounds) else sentence.end
        head_end = _word_end(text, start, end, _SUBJECT_WORDS)
        own: list[Mention] = []
        for mention in actors:
            if not start <= mention.start < end:
                continue
            joined = own and _COORDINATION.fullmatch(text, own[-1].end, mention.start)
            if (not own and mention.start < head_end) or joined:
                own.append(mention)
            elif own:
                break
        if own:
            carried = tuple(own)
        clauses.append(_ClauseSubject(start, end, tuple(own), carried))
    return clauses


def _inherited_subject(
    text: str, clauses: list[_ClauseSubject], trigger: int, window: list[Mention]
) -> tuple[Mention, ...]:
    """The subject carried into the trigger's clause when the clause names none before the
    trigger and the trigger opens it (the verb, or the verb's object: «وأعلنتا وقف التعامل»)."""
    clause = next((c for c in clauses if c.start <= trigger < c.end), None)
    if clause is None or clause.own or not clause.subject:
        return ()
    if any(clause.start <= m.start < trigger and m.entity_type != "place" for m in window):
        return ()
    if _word_end(text, clause.start, clause.end, _SUBJECT_WORDS - 1) <= trigger:
        return ()
    return clause.subject


def _holds_any(candidates: list[int], norm: NormalizedText, sentence: Span) -> bool:
    """Whether a trigger's first word ends (at sorted normalized offsets ``candidates``)
    inside ``sentence``."""
    index = bisect_left(candidates, norm.to_normalized(sentence.start))
    return index < len(candidates) and candidates[index] <= norm.to_normalized(sentence.end)


def _word_end(text: str, start: int, end: int, words: int) -> int:
    """Where the first ``words`` words after ``start`` end (at most ``end``)."""
    position = start
    for _ in range(words):
        match = _WORD.search(text, position, end)
        if match is None:
            return end
        position = match.end()
    return position


def _clause(text: str, sentence: Span, start: int, end: int) -> tuple[int, int]:
    """The clause of the sentence that holds ``[start, end)``."""
    clause_start, clause_end = sentence.start, sentence.end
    for brk_start, brk_end in _clause_breaks(text, sentence.start, sentence.end):
        if brk_end <= start:
            clause_start = brk_end
        elif brk_start >= end:
            clause_end = brk_start
            break
    return clause_start, clause_end


@lru_cache(maxsize=1024)
def _clause_breaks(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Where the clauses of ``text[start:end]`` break: a sentence is asked several times (a
    Python string keeps its hash, so the whole text as a key costs nothing after the first)."""
    return tuple((m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text, start, end))


def _heading_end(text: str, sentence: Span) -> int:
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


def _strip_conjunction(word: str) -> str:
    return word[1:] if len(word) > 2 and word[0] in "وف" else word


def _purpose_lam(word: str, stem: str) -> bool:
    """«لتأسيس حلف»: a verbal noun after the purpose lam is what someone means to do."""
    prefix = word[: len(word) - len(stem)]
    return prefix in ("ل", "ول", "فل")  # not the article «ال»


def _merge_same_type(found: list[_Found], same_clause: Callable[[_Found, _Found], bool]) -> list[tuple[_Found, _Found]]:
    """Consecutive triggers of one type in one clause are one event: (first, last) of each run."""
    runs: list[tuple[_Found, _Found]] = []
    for f in found:
        if runs and runs[-1][1].trigger.type == f.trigger.type and same_clause(runs[-1][1], f):
            runs[-1] = (runs[-1][0], f)
        else:
            runs.append((f, f))
    return runs


@dataclass(frozen=True, slots=True)
class _Timing:
    """What can date the events of one sentence."""

    dates: list[DateMention]  # stated in the sentence (or in the sentence that elaborates it)
    reference: str  # the publication date, else the article's own time
    context: str  # the date the paragraph was just speaking of
    spans: list[AnchoredSpan]  # spans counted from another event, in the sentence


def _event_date(timing: _Timing, trigger: int, start: int, end: int) -> tuple[str, str]:
    """The date in the trigger's part of the sentence nearest the trigger; else the sentence's
    only date; else the date the paragraph was just speaking of (``context``); else the
    article's date (news reports an undated event as of its own day, as GDELT and ICEWS do;
    ``date_source`` says so)."""
    dates = timing.dates
    inside = [d for d in dates if start <= d.start < end]
    if inside:
        return min(inside, key=lambda d: abs(d.start - trigger)).value, "text"
    if len({d.value for d in dates}) == 1:
        return dates[0].value, "text"
    if timing.context:
        return timing.context, "context"
    return timing.reference, "reference"


def _elaboration_dates(doc: Document, dates: ByStart[DateMention], index: int) -> list[DateMention]:
    """The dates of the next sentence when it only elaborates this one («…؛ وذلك على هامش …
    بنهاية سبتمبر 2022»): they date what this sentence reports."""
    if index + 1 >= len(doc.sentences):
        return []
    following = doc.sentences[index + 1]
    if not _ELABORATION.match(doc.text, following.start):
        return []
    return dates.between(following.start, following.end)


def _context_date(doc: Document, dates: ByStart[DateMention], index: int, earlier: list[Event]) -> str:
    """The last date to the month stated in the few sentences before, inside the same
    paragraph, or given there to an event counted from another: a narrative keeps speaking of
    the day it named («في 28 أيار/مايو 2025، عقدت … وشارك …»)."""
    sentence = doc.sentences[index]
    for previous in reversed(doc.sentences[max(0, index - _CONTEXT_SENTENCES) : index]):
        if "\n\n" in doc.text[previous.end : sentence.start]:
            return ""
        stated = [(d.start, d.value) for d in dates.between(previous.start, previous.end) if len(d.value) >= 7]
        stated += [
            (e.trigger.start, e.date)
            for e in earlier
            if e.date_source == "anchored" and previous.start <= e.trigger.start < previous.end and len(e.date) >= 7
        ]
        if stated:
            return max(stated)[1]
    return ""


def _event_dates(doc: Document) -> list[DateMention]:
    """The dates that can date an event: not an end date («حتى أغسطس 2023») nor a year inside a
    quoted name («مناورات "بيرليك 2025"»)."""
    kept = []
    for date in doc.dates:
        before = normalize_key(doc.text[max(0, date.start - 12) : date.start]).split()
        if before and before[-1] in _UNTIL:
            continue
        after = doc.text[date.end : date.end + 1]
        if len(date.value) == 4 and after in _CLOSING_QUOTES and before[-1:] != ["عام"]:
            continue
        kept.append(date)
    return kept


def _clip(text: str, start: int, end: int, trigger_start: int, trigger_end: int) -> tuple[int, int]:
    """The evidence: the trigger's part of the sentence, trimmed of spaces and punctuation."""
    while start < trigger_start and not text[start].isalnum():
        start += 1
    while end > trigger_end and not text[end - 1].isalnum() and text[end - 1] not in '»”")':
        end -= 1
    return start, end


def _deduplicate(events: list[Event]) -> list[Event]:
    """An article that mentions one event again (same type, compatible dates, and mostly the
    same actors or some of them) reports it once: the first report stays, with the actors of all."""
    kept: list[Event] = []
    by_type: dict[str, list[int]] = {}  # indexes into kept, per event type
    for event in events:
        same_type = by_type.setdefault(event.type, [])
        # an article repeats an event some paragraphs on, not a thousand events later
        for i in (kept_index for kept_index in same_type[-_REPEAT_WINDOW:]):
            other = kept[i]
            dates_agree = (
                other.date.startswith(event.date)
                or event.date.startswith(other.date)
                or "reference" in (other.date_source, event.date_source)
            )
            same = other.type == event.type and dates_agree
            overlap = len(set(other.actors) & set(event.actors)) / len(set(other.actors) | set(event.actors))
            # «فإن الاجتماع، الذي ترأسه وزير الدفاع الأوزبكي»: the meeting told before, again
            if same and (overlap >= 0.5 or set(event.actors) <= set(other.actors)):
                actors = tuple(dict.fromkeys((*other.actors, *event.actors)))
                agents = tuple(dict.fromkeys((*other.agents, *event.agents)))
                kept[i] = replace(other, actors=actors, agents=agents)
                break
        else:
            same_type.append(len(kept))
            kept.append(event)
    return kept
