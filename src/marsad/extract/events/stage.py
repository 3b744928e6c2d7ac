"""The event stage: triggers from the lexicon, with actors, agents, place, date and modality.

Each sentence is cut at its triggers: a trigger takes the mentions, dates and places from
the end of the previous trigger to the start of the next one. Triggers of one type next to
each other in a sentence («قمة … الاجتماع») report one event. What is language-specific —
the lexicon, the grammar words, the constructions — comes from the language pack.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import pairwise

from marsad.document import Document, Event, Evidence, Mention
from marsad.extract.events.clauses import Clauses, ClauseSubject, inherited_subject, merge_same_type, word_end
from marsad.extract.events.confidence import TOLD_BEFORE, load_model, signals, telling, told_before
from marsad.extract.events.dedup import LISTED, deduplicate
from marsad.extract.events.joined import JOIN, JoinedOrganization
from marsad.extract.events.modality import Modality
from marsad.extract.events.participants import Participants
from marsad.extract.events.timing import (
    CLOSING_QUOTES,
    OPENING_QUOTES,
    Dating,
    Timing,
    Told,
    anchored_date,
    context_date,
    event_date,
    news_day,
)
from marsad.extract.events.triggers import SPEECH, Found, TriggerFinder, holds_any
from marsad.extract.lexicon import GAP, EventLexicon, Trigger, load_event_lexicon
from marsad.extract.spans import ByStart
from marsad.kb.loader import KnowledgeBase
from marsad.kb.model import Entity
from marsad.lang import Language
from marsad.text.dates import DateMention, anchored_spans
from marsad.text.normalize import normalize_key
from marsad.text.regex import NEVER
from marsad.text.segment import Span, title_end
from marsad.vocabulary import recorded_modalities

# A trigger in a sentence without any state or organization is too often generic talk.
_MIN_ACTORS = 1
_LEAD_SENTENCES = 2  # a title and the lead: where a report states its news
_CROWDED = 4  # more states and organizations than this in a sentence make it crowded
# ... and some state, organization or person must stand this close to the trigger (characters).
_NEAR = 60
# the signal of an event whose parties are those of the event told before
CARRIED_OVER = "carried_over"
_GOVERNED_WORDS = 8  # at most this many words between a governing verb and what it governs
_APPROVED_WORDS = 4  # at most this many words between an approving verb and the event it approves
# How far from its trigger an actor may stand (characters), and before a speech verb.
_ACTOR_REACH = 90
_SPEECH_BEFORE = 35
# How far after what was refused its author may stand (characters).
_REFUSED_REACH = 15
# Reported words begin this close after the speech verb (characters): the verb, a title and a
# name and what describes him («وقال X، نائب وزير الدفاع، إن»); a quote further on is
# someone else's word. The clause may end before them (at the comma of that description).
_SAID_WITHIN = 100
# How far a time phrase reaches past its event noun without a comma (characters).
_PHRASE_REACH = 45
# A quote closing this close before a speech verb is what was said (characters).
_QUOTE_GAP = 4
# How far before a speech verb the words that end what it reports may begin (characters):
# «»,  — заявил», «…, заявил министр» (the language's ``said_before`` pattern).
_SAID_BEFORE_GAP = 8
# How far before a speech verb with no subject of its own its speaker may be named (characters).
_SPEAKER_BEFORE = 40
# How many words after a verb its own subject may begin («قال رئيس كازاخستان»)
_SUBJECT_AFTER_VERB = 2
# How far after a statement's verb the states and organizations it is about may be named
# (characters): «انتقد جباروف موسكو», «قال لافروف إن … أوزبكستان من المنظمة».
_ABOUT_REACH = 160
# Event types one state or organization carries out alone (a protest in it, arrests by its
# police, its forces sent or fighting, its leaving a bloc): a single party is the whole event.
# A meeting, an agreement, aid, a sanction or a drill ties two parties, and a noun of one with
# only one party named and no date is mostly background talk.
# A meeting in a time phrase («خلال لقائه مع …») is the occasion of the news, so it happened
# then; a war or a crisis there is the backdrop.
_OCCASIONS = frozenset({"MEETING"})
# The event type whose parties, when they are exactly a format's members, are that format.
_FORMAT_MEETING = "MEETING"
# How many sentences back the two states «البلدين» refers to may be named.
_PAIR_SENTENCES = 2
# What the heads of an organization's states do together, as its members: meet and agree.
# What one of them says is not said by all.
_GATHERED_ACTS = frozenset({"MEETING", "AGREEMENT"})
_ONE_PARTY = frozenset({"PROTEST", "ARREST", "DEPLOYMENT", "CLASH", "LEAVE", "JOIN", "RETREAT"})
# The acts whose event noun takes its agent as the name after it («انسحاب طشقند من»,
# «انضمام فنلندا إلى»): they have no object. A transitive act's noun takes its object so
# («إرغام جورجيا على السلام»: Georgia is forced, someone named before forces it).
_AGENT_AFTER_NOUN = frozenset({"LEAVE", "JOIN", "RETREAT"})
# The events a state's own people, police or army take part in inside it: named with no
# party («اندلعت اشتباكات في أوش», «اعتقل ثلاثة»), the state they happen in is the party.
_WITHIN_A_STATE = frozenset({"PROTEST", "ARREST", "CLASH"})
# The signal of a statement a body makes («وقالت الوزارة»), and the rules of the words that
# name a state's body without naming the state («السلطات», «وزارة الدفاع» alone).
_BODY_SPEAKS = "speaker=body"
_BODY_RULES = frozenset({"context.state-institution", "context.bare-body"})
_NISBA = "gazetteer.nisba"
# How far before a nisba the noun of the body it qualifies may begin (characters): two words.
_BODY_NOUN_REACH = 30
# a body named again by its common noun alone («وقالت الوزارة»), resolved to the one named before
_BODY_REFERENCE = "context.org-reference"
# How far after an event noun «مع» may name the party it is told with (characters).
_WITH_REACH = 60
# How far after a reporting verb the event it reports may be told (characters): its
# speaker, a time, «أن», and the first words of what was said.
_REPORTED_REACH = 120
# How far before an event noun its support verb may stand («أجرت قوات من روسيا وثلاث
# دول أخرى مناورات»): characters, and words.
_SUPPORT_REACH, _SUPPORT_WORDS = 80, 8
# How far after an event noun the verb telling it in a passive may stand («a meeting of the
# security council of the organization will be held»): characters.
_TOLD_AFTER_REACH = 120
_DENIED = "denied"
_ACCUSE = "ACCUSE"
# How many words (its speaker's) may stand between an allegation's verb and the words it reports.
_ALLEGED_AFTER = 4
# How far after a trigger verb its subject may end (characters), and what a word is.
_DUAL_AFTER = 20
_WORD = re.compile(r"[^\W_]+")
# An exercise, and the fighting its forces rehearse after it in a sentence.
_EXERCISE = "EXERCISE"
_REHEARSED = frozenset({"CLASH"})
# How many words may stand between an accession and the treaty it joins («انضمت إلى»).
_JOINED_WORDS = 1
# The types of which one state's unrest holds several acts, each told by its own words: the
# protesters storming a building and their clashes with the police; arrests and a conviction.
_SEVERAL_ACTS = frozenset({"PROTEST", "ARREST"})


class EventStage:
    name = "events"
    requires = ("normalized", "sentences", "normalized_sentences", "mentions", "dates")
    assigns = ("events",)

    def __init__(self, kb: KnowledgeBase, language: Language) -> None:
        self._kb = kb
        self._language = language
        self._confidence = load_model()
        self._lexicon: EventLexicon = load_event_lexicon(language)
        self._triggers = TriggerFinder(kb, language, self._lexicon)
        morphology = language.morphology
        conducting = frozenset(
            morphology.without_conjunction(form)
            for verb in self._lexicon.conducting_verbs
            for form in (*morphology.verb_forms(verb), *morphology.verb_forms(verb, present=True))
        ) | frozenset(
            morphology.without_conjunction(form)
            for verb in self._lexicon.conducting_present
            for form in morphology.verb_forms(verb, present=True)
        )
        self._clauses = Clauses(language, conducting)
        self._conducting = conducting
        self._dating = Dating(language)
        self._participants = Participants(kb, language, self._lexicon)
        self._joined = JoinedOrganization(kb, language)
        self._modality = Modality(self._lexicon, language)
        self._phrase_end = language.pattern("phrase_end") or NEVER
        self._backdrop = language.pattern("backdrop") or NEVER
        self._caption = language.pattern("photo_caption") or NEVER
        self._reported = language.pattern("reported") or NEVER
        self._said_before = language.pattern("said_before") or NEVER
        self._responsibility = language.pattern("responsibility") or NEVER
        self._carried_reach: int = language.grammar("carried_reach", 0)
        self._content_of = language.pattern("content_of") or NEVER
        self._that = language.pattern("that") or NEVER
        # the speech verbs that report words: what follows their complementizer is what was said
        self._told_after = language.pattern("told_after") or NEVER
        self._conjunctions = frozenset(language.clitics("conjunctions"))
        self._with = frozenset(normalize_key(w) for w in language.words("with_prepositions"))
        self._support_forms = frozenset(
            morphology.without_conjunction(form)
            for verb in self._lexicon.support_verbs
            for form in morphology.verb_forms(verb)
        )
        # on the normalized text: a proclitic («و», «ف», «ب», «ل») and the article may stand before
        article = re.escape(language.clitic("article") or "")
        proclitics = "".join(
            re.escape(c) for c in (*language.clitics("conjunctions"), *language.clitics("prepositions"))
        )
        # a language without proclitics (English) opens the word with none
        leading = rf"[{proclitics}]{{0,2}}" if proclitics else ""
        self._rehearsal = (
            re.compile(
                rf"(?<![^\W_]){leading}(?:{article})?"
                rf"(?:{'|'.join(re.escape(w) for w in self._lexicon.rehearsal)})(?![^\W_])"
            )
            if self._lexicon.rehearsal
            else NEVER
        )
        # «أجرى البلدان …»: the verb in its bare past form, and the duals spelt as plurals after it
        self._bare_support = frozenset(normalize_key(v) for v in self._lexicon.support_verbs if " " not in v)
        self._dual_subjects = frozenset(normalize_key(w) for w in language.words("dual_subjects"))
        self._article = normalize_key(language.clitic("article") or "")

    def __call__(self, doc: Document) -> Document:
        if doc.normalized is None:
            raise ValueError(f"document {doc.id}: the events stage needs the normalize stage before it")
        reference = doc.reference_date
        word_ends = self._triggers.word_ends(doc.normalized.text)
        candidates = sorted(word_ends)
        dates = ByStart(self._dating.event_dates(doc))
        may_anchor = self._dating.may_anchor.search(doc.text)
        spans = ByStart(anchored_spans(doc.text, doc.normalized, self._language) if may_anchor else [])
        mentions = sorted(doc.mentions, key=lambda m: m.start)
        starts = [m.start for m in mentions]
        events: list[Event] = []
        told_so_far = Told()  # what dates the narrative: events dated from another, the last dates
        news = news_day(doc, dates)
        for index, sentence in enumerate(doc.sentences):
            bounds = doc.normalized_sentences[index]
            if not holds_any(candidates, bounds):
                continue
            if self._caption.search(doc.text, sentence.start, sentence.end):
                continue  # a photo's caption shows what the article reports
            found = [
                f
                for f in self._triggers.find(doc, sentence, bounds, candidates)
                if self._triggers.free(f, mentions, starts)
            ]
            if not found:
                continue
            lo, hi = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
            in_sentence = mentions[lo:hi]
            sentence_dates = dates.between(sentence.start, sentence.end)
            context = context_date(doc, dates, index, told_so_far, news)
            sentence_dates.extend(self._dating.elaboration_dates(doc, dates, index))
            timing = Timing(sentence_dates, reference, context, spans.between(sentence.start, sentence.end))
            since = doc.sentences[max(0, index - _PAIR_SENTENCES)].start
            told = self._events(doc, sentence, found, in_sentence, timing, told_so_far, (mentions, starts, since))
            gapped = self._gapped(doc, sentence, told, found, in_sentence, sentence_dates)
            events.extend(told)
            events.extend(gapped)
            told_so_far.add(told)
            told_so_far.add(gapped)
        # a negated or hypothetical event is not one: what denies it is (a REJECT, a STATEMENT)
        recorded = recorded_modalities()
        events = self._refusals(doc, events)
        events = self._accusations(doc, events)
        kept = [
            e
            for e in deduplicate(
                events,
                frozenset({"STATEMENT"}),
                self._lexicon.continuing,
                title_end(doc.text, doc.sentences),
                self._participants.organizations,
                _SEVERAL_ACTS,
            )
            if e.modality in recorded
        ]
        kept = self._without_mere_reports(doc, kept, events)
        salient = _salient(mentions)
        sentence_starts = [s.start for s in doc.sentences]
        doc.events = []
        for e in kept:
            sentence = doc.sentences[max(0, bisect_right(sentence_starts, e.trigger.start) - 1)]
            earlier = [(o.type, o.actors) for o in kept if o.trigger.start < e.trigger.start]
            signals_ = (
                *e.signals,
                _salience(e.actors, salient),
                *telling(doc.text[sentence.start : sentence.end], e.trigger.start - sentence.start, e.evidence.text),
                *((TOLD_BEFORE,) if told_before(e.type, e.actors, earlier) else ()),
            )
            doc.events.append(replace(e, signals=signals_, confidence=self._confidence(signals_)))
        return doc

    def _events(
        self,
        doc: Document,
        sentence: Span,
        found: list[Found],
        mentions: list[Mention],
        timing: Timing,
        earlier: Told,
        before: tuple[list[Mention], list[int], int],
    ) -> list[Event]:
        """The events of the triggers ``found`` in ``sentence``; ``before`` holds the document's
        mentions with their starts and where the text a reference may point back into begins."""
        events: list[Event] = []
        clauses, people = self._clauses, self._participants
        # «انحل الحلف سنة 1991، بعد زوال الدولة التي قادته»: a time phrase's event is
        # its own, never one with the event it sets in time
        merged = merge_same_type(
            found,
            lambda a, b: (
                not (b.background and not a.background)
                and not self._listed_after(doc, a, b)
                and clauses.clause(doc.text, sentence, a.start, a.end)[1] >= b.end
                # «قالت إن الصين حثت طاجيكستان …»: a statement inside the words a speech verb
                # reports after its complementizer has a speaker of its own
                and not (
                    a.trigger.type in SPEECH
                    and a.trigger.form == "verb"
                    and self._that.search(doc.text, a.end, b.start)
                )
            ),
        )
        # «وانضمت إلى الاتفاقية كل من …»: the treaty joined is the accession's object, no
        # agreement of its own; who joins it may be named after it
        merged = [run for k, run in enumerate(merged) if not self._joined_document(doc, merged, k)]
        # «وقع الطرفان اتفاقية … واتفاقية …»: the documents of a list, each signed
        listed = {k for k in range(1, len(merged)) if self._listed_after(doc, merged[k - 1][1], merged[k][0])}
        listed |= {k - 1 for k in listed}
        subjects = clauses.subjects(doc.text, sentence, mentions)
        governed = self._governed(doc, merged)
        rehearsed = self._rehearsed(doc, sentence, merged)
        # for the confidence: the article's opening (its title and lead), a crowded sentence
        lead_end = doc.sentences[min(_LEAD_SENTENCES, len(doc.sentences)) - 1].end if doc.sentences else 0
        crowded = len({m.entity_id for m in mentions if m.entity_type in ("country", "organization")}) > _CROWDED
        for k, (first, last) in enumerate(merged):
            if k in governed:
                continue  # «رفضت … فرض عقوبات», «دعا إلى إنشاء …»: the content of a refusal or a call
            if k in rehearsed:
                continue  # «ستتدرب القوات على صد هجوم»: the scenario of an exercise
            if self._approves(doc, merged, k):
                continue  # «وافق البرلمان على نشر قوات»: the deployment is the news, not an agreement
            about = None
            if k + 1 in governed:
                inner = merged[k + 1][0].trigger.type
                about = (inner, "denied" if first.trigger.type == "REJECT" else "proposed")
            window_start = merged[k - 1][1].end if k > 0 else sentence.start
            spoken_of = (
                k > 0
                and merged[k - 1][0].trigger.type in SPEECH
                and first.trigger.type not in SPEECH
                # «أعلنت … انسحابها»: what one announces is one's own act
                and merged[k - 1][0].trigger.lemma not in self._lexicon.reports_event
                # «رحبت طاجيكستان بإقامة منظومة مع روسيا»: an event with another is one's own too
                and not self._with_party(
                    doc, first.start, merged[k + 1][0].start if k + 1 < len(merged) else sentence.end
                )
                # «قالت روسيا إنها …»: in reported words the speaker may well be the one acting
                and not self._reported.search(doc.text, window_start, first.start)
            )
            if spoken_of:
                # «أدانت روسيا استخدام القوة ضد …», «رحبت الصين بتوقيع اتفاقية بين …»: the event
                # a speaker condemns or welcomes is the object of the words; who takes part is
                # named after the event noun
                window_start = first.start
            if k > 0 and merged[k - 1][0].background:
                # «خلال الاجتماع … لقادة دول آسيا الوسطى، تم طرح …»: the time phrase before
                # ends at its comma, and who it names is its own
                comma = self._phrase_end.search(doc.text, window_start, first.start)
                window_start = comma.end() if comma else window_start
            window_end = merged[k + 1][0].start if k + 1 < len(merged) else sentence.end
            if about and first.trigger.type == "REJECT":
                # «نفت كازاخستان وقيرغيزستان طلب موسكو منهما»: whose request was refused takes part
                window_end = min(sentence.end, merged[k + 1][1].end + _REFUSED_REACH)
            if first.trigger.type in SPEECH:
                # who spoke, not what they spoke about: stop where the reported words begin;
                # «وقال … خلال لقائه مع نظيره إن …»: the words follow the time phrase
                said_end = clauses.clause(doc.text, sentence, first.start, last.end)[1]
                next_background = k + 1 < len(merged) and merged[k + 1][0].background
                said_end = said_end if next_background else min(window_end, said_end)
                content = (
                    None
                    if about
                    else self._reported_words(doc.text, mentions, last.end, min(sentence.end, last.end + _SAID_WITHIN))
                )
                just_before = doc.text[max(sentence.start, first.start - _QUOTE_GAP) : first.start]
                quoted_before = any(q in just_before for q in CLOSING_QUOTES)  # «"…"، قال بوتين»
                # «…», — заявил министр; «…, заявил министр»: the words were reported first
                said_before = self._said_before.search(
                    doc.text, max(sentence.start, first.start - _SAID_BEFORE_GAP), first.start
                )
                if said_before and normalize_key(doc.text[first.start : last.end]) in self._lexicon.press_attribution:
                    continue  # «…, сообщает агентство»: the press credited with the report, no statement
                if (
                    first.trigger.lemma in self._lexicon.needs_content
                    and not (content or quoted_before or said_before)
                    and not self._states_a_stance(doc, first.trigger.lemma, last.end, min(sentence.end, said_end))
                ):
                    continue  # «وأكد بوتين الشراكة الاستراتيجية»: a stance affirmed, no words reported
                window_end = min(content.start(), window_end) if content else window_end
                if first.trigger.type == "STATEMENT" and self._fronted_subject(first):
                    window_end = first.start  # «وأيدوا دور روسيا»: Russia is what they backed
            reach = _SPEECH_BEFORE if first.trigger.type in SPEECH else _ACTOR_REACH
            clause_start, clause_end = clauses.clause(doc.text, sentence, first.start, last.end)
            window_start = max(window_start, first.start - reach, clause_start)
            # «ورحبت الصين بأذربيجان، التي انضمت …»: the verb after a relative pronoun
            # describes the name before it, which is its subject; so does the verb whose object
            # the event noun is («واشنطن التي قادت مناورات»)
            verb_start = first.start if first.trigger.form == "verb" else _word_before(doc.text, first.start)
            named = clauses.antecedent(doc.text, mentions, verb_start) if verb_start >= 0 else None
            if named and spoken_of:
                window_start = named.start  # «ورحبت الصين بأذربيجان، التي انضمت …»: the name it describes
            window_start = max(window_start, named.start) if named else window_start
            limit = min(window_end, clause_end)
            window_end = clauses.list_end(doc.text, mentions, min(limit, last.end + _ACTOR_REACH), limit)
            if first.background or (not first.complement and people.owned(mentions, last.end)):
                # «في أعقاب الانسحاب الأمريكي من هناك …،»: who is named inside the phrase
                window_start = max(window_start, first.start)
            if first.background:
                # the time phrase ends at a comma, after its date, or a few words on
                comma = self._phrase_end.search(doc.text, last.end, window_end)
                window_end = min(comma.start() if comma else window_end, last.end + _PHRASE_REACH)
                # «وقال … خلال اجتماع قمة لدول الرابطة أن أفغانستان …»: or where the words the
                # clause's verb reports begin
                that = self._that.search(doc.text, last.end, window_end)
                window_end = that.start() if that else window_end
                dated = [d.end for d in timing.dates if last.end <= d.start < window_end]
                window_end = min(dated[:1] or [window_end])
            backdrop = self._backdrop.search(doc.text, last.end, window_end)
            window_end = backdrop.start() if backdrop else window_end  # «… في ظل تقدم طالبان»: the backdrop's names
            window_end = people.before_description(doc, last.end, window_end)
            window = [m for m in mentions if window_start <= m.start and m.end <= window_end]
            window = clauses.outside_relatives(doc.text, window, window_start, window_end, (first.start, last.end))
            if named and named not in window and self._conducted(doc.text, verb_start, first):
                # «قرغيزستان التي تستضيف قاعدة جوية أمريكية»: whose the base is
                # says who deployed it; the subject of the verb conducting or hosting it takes part
                window = [named, *window]
            # «وأعلنت واشنطن …، وقدمت مساعدات زراعية لقيرغيزستان»: the clause goes on with the
            # subject of the one before
            if first.background:
                # «وقال توكاييف خلال لقائه مع …»: the owner of a possessed event noun is the
                # subject of the clause it stands in
                inherited = self._owner(doc.text, first, subjects)
            elif spoken_of:
                inherited = ()  # the clause's subject is the speaker
            else:
                inherited = inherited_subject(doc.text, subjects, first.start, window)
                if (
                    inherited
                    and first.trigger.form == "verb"
                    and self._subject_after(doc.text, first, window, clause_end)
                ):
                    inherited = ()  # «، فيما قال رئيس كازاخستان …»: the verb's own subject follows it
            if not inherited and first.trigger.type in SPEECH and not window:
                # «… على لسان الرئيس البيلاروسي، ألكسندر لوكاشينكو، فقد خاطب القمة»: the speaker
                # was named just before, in the clause that introduces him
                inherited = tuple(
                    m
                    for m in mentions
                    if first.start - _SPEAKER_BEFORE <= m.start < first.start and m.entity_type == "person"
                )[-1:]
            # the pronoun an event noun carries names its agent: a name in its own phrase
            # («بقرار طاجيكستان تعليق عضويتها»), else the clause's subject («أعلنت أوزبكستان …
            # في كازاخستان، بعد إعلانها تجميد عضويتها في …»), not a name of the phrase before
            named_before = [m for m in window if m.start < first.start and m.entity_type != "place"]
            if (
                named_before
                and not first.background
                and self._phrase_end.search(doc.text, named_before[-1].end, first.start)
                and self._possessed(doc.text, first, last)
                and (owner := self._subject_before(subjects, first.start))
            ):
                window = _from(window, first.start)
                inherited = tuple(m for m in owner if m not in inherited) + inherited
            if (
                first.trigger.type in _AGENT_AFTER_NOUN
                and first.trigger.form == "noun"
                and GAP in first.trigger.words
                and self._names_inside(window, first)
            ):
                # «رغم انسحاب طشقند الأخير من المنظمة»: the event noun's agent is the name in
                # its gap, the genitive after it; who was named before it is not
                window = _from(window, first.start)
                inherited = ()
            near = [*inherited, *(m for m in window if m.start < last.end + _NEAR and m.end > first.start - _NEAR)]
            window = [*inherited, *window]
            actors = people.actors(doc, people.undescribed(doc, window), window_start, window_end)
            actors = people.with_agent_states(actors, window, timing.reference)
            # «البلدين», «الرؤساء»: parties named by their number or as those gathered
            all_mentions, all_starts, since = before
            span = (window_start, window_end)
            dual = self._dual_subject(doc, first, clause_start)
            actors = people.with_pair(
                doc, all_mentions, all_starts, actors, span, since, timing.reference, earlier.pair, dual
            )
            actors = people.with_gathered(doc, actors, (first.start, last.end), earlier.gathered)
            if first.trigger.type == "STATEMENT" and self._not_a_statement(doc, merged, k, window):
                continue
            alleged = (
                self._reported_words(doc.text, mentions, last.end, min(sentence.end, last.end + _SAID_WITHIN))
                if first.trigger.type == _ACCUSE and first.trigger.form == "verb"
                else None
            )
            if alleged and len(doc.text[last.end : alleged.start()].split()) <= _ALLEGED_AFTER:
                # «وزعمت الصحيفة أن الصين أقامت قاعدة»: an allegation's parties are those its words
                # name, whoever alleges it
                actors = tuple(
                    dict.fromkeys((*actors, *self._about(doc, sentence, merged, k, governed, mentions, window_end)))
                )
            if first.trigger.type == "STATEMENT" and actors:
                # a statement's actors are its speaker's and the states and organizations it is
                # about or addressed to («رحبت واشنطن بوقف إطلاق النار بين قيرغيزستان وطاجيكستان»)
                actors = (*actors, *self._about(doc, sentence, merged, k, governed, mentions, window_end))
                if said_before:
                    # what was said stands before its speaker: the states and bodies it names
                    actors = (*actors, *self._said_first(doc, sentence, merged, k, mentions))
                actors = tuple(dict.fromkeys(actors))
            where = ""
            if not actors and first.trigger.type in _WITHIN_A_STATE:
                told = first.trigger.form == "verb" or self._supported(doc, first.start, clause_start)
                where = people.state_where(doc, window, told, (window_start, window_end))
                actors = (where,) if where else actors
            grouped = len(actors) > len({m.entity_id for m in window})
            if (
                not actors
                and k in listed
                and k - 1 in listed
                and events
                and events[-1].trigger.start == merged[k - 1][0].start
            ):
                # «… اتفاقية لتفادي الحوادث واتفاقية حول التعاون»: a document of the list with no
                # party of its own is signed by those who signed the one before
                actors, grouped = events[-1].actors, True
            carried_over = False
            if (
                not grouped
                and not where
                and not any(m.entity_type in ("country", "organization", "person") for m in near)
            ):
                before_it = events[-1] if events else earlier.last
                if before_it is None or not self._goes_on(doc, sentence, first, before_it):
                    continue
                actors, carried_over = before_it.actors, True
            if len(actors) < _MIN_ACTORS:
                continue
            agents = tuple(dict.fromkeys(m.entity_id for m in window if m.entity_type == "person"))
            modality = self._modality.of(doc, first, sentence.start)
            date, date_source = event_date(timing, first.start, window_start, window_end, modality == "planned")
            if date_source != "text":
                date, date_source = anchored_date(timing.spans, first.start, found, earlier) or (date, date_source)
            trigger = first.trigger
            actors = people.existing(actors, date)
            if first.trigger.lemma in self._lexicon.dissolution:
                inside = [m for m in mentions if first.start <= m.start and m.end <= last.end]
                actors = people.ended_then(actors, date, [m for m in mentions if m.end <= first.start], inside)
            if trigger.type in _GATHERED_ACTS:
                actors = people.with_members(doc, actors, window_start, window_end, date or timing.reference)
            elif trigger.type in self._lexicon.members_act:
                # "an exercise of the SCO states": the organization's members hold it
                actors = people.with_members(
                    doc, actors, window_start, window_end, date or timing.reference, whole=True
                )
            if trigger.type in self._lexicon.held_by_members:
                actors = people.with_all_members(actors, date or timing.reference)
            if trigger.type == _FORMAT_MEETING:
                actors = people.with_format(people.with_host(doc, actors, window))
            if len(actors) < _MIN_ACTORS:
                continue
            if trigger.type in self._lexicon.two_parties and self._one_state(actors):
                actors = self._with_subject(doc, first, last, subjects, actors, window_end)
            if trigger.type in self._lexicon.two_parties and self._one_state(actors):
                continue  # «انفجار ثان وقع قرب السفارة»: one state alone makes no agreement told so
            if (
                first.trigger.form == "noun"
                and not self._supported(doc, first.start, clause_start)
                and not self._told_after.search(doc.text, last.end, min(clause_end, last.end + _TOLD_AFTER_REACH))
                and date_source != "text"
                and len(actors) < 2
                and not agents
                and trigger.type not in _ONE_PARTY
                and not self._founds_an_organization(first.trigger.lemma, actors)
                and not self._blame_reported(doc, merged, k)
            ):
                continue  # an undated noun of a relation with one party and no person is background talk
            if (
                first.background
                and trigger.type not in _OCCASIONS
                and trigger.type not in SPEECH
                and len(actors) < 2
                and (trigger.type not in _ONE_PARTY or people.owned(mentions, last.end))
                and not any(window_start <= d.start < window_end for d in timing.dates)
            ):
                # «أثناء الحرب الأوكرانية»: the backdrop of the news, not news; «بعد الصراع في
                # أفغانستان», «منذ سيطرة طالبان» name who did what one party does alone
                continue
            if first.complement and first.future and len(actors) < 2 and not agents:
                continue  # «لتأسيس تحالف لتطويق الصين»: an aim ascribed to someone, with no party named
            run_lemmas = {f.trigger.lemma for f in found if first.start <= f.start and f.end <= last.end}
            event_type = people.retreat_or_leave(doc, trigger.type, run_lemmas, (first.start, last.end), mentions)
            actors = people.joining_a_group(event_type, actors, last.end, mentions)
            if event_type == JOIN:
                # an accession names what it joins: said later, referred back to, or no accession
                joined = self._joined.completed(
                    doc, actors, (first.start, last.end), clause_end, (all_mentions, all_starts)
                )
                if joined is None:
                    continue
                actors = joined
            evidence_start, evidence_end = _clip(doc.text, window_start, window_end, first.start, last.end)
            event = Event(
                type=event_type,
                plover=self._plover(trigger),
                actors=actors,
                agents=agents,
                date=date,
                date_source=date_source,
                place=people.place(doc, window),
                modality=modality,
                evidence=Evidence(evidence_start, evidence_end, doc.text[evidence_start:evidence_end]),
                trigger=Evidence(first.start, last.end, doc.text[first.start : last.end]),
                confidence=0.0,  # weighed once the article's reports of it are folded together
                signals=signals(
                    event_type,
                    trigger.form,
                    len(trigger.words),
                    len(actors),
                    bool(agents),
                    date_source,
                    modality,
                    min((abs(m.start - first.start) for m in window if m.entity_id in actors), default=999),
                    bool(inherited),
                    first.background,
                    sentence.start < lead_end,
                    crowded,
                )
                + ((_BODY_SPEAKS,) if event_type == "STATEMENT" and self._body_speaks(doc.text, window, agents) else ())
                + ((CARRIED_OVER,) if carried_over else ())
                + ((LISTED,) if k in listed else ()),
                rule=f"events.{trigger.form}:{trigger.lemma}",
                content=about,
                lemma=trigger.lemma,
            )
            parties = people.per_installation(doc, trigger.lemma, actors, window)
            events.extend(replace(event, actors=pair) if pair is not actors else event for pair in parties)
        return events

    def _blame_reported(self, doc: Document, merged: list[tuple[Found, Found]], k: int) -> bool:
        """Whether the blame of run ``k`` («وراء الحادث») is in the words a speech verb before it
        reports after its complementizer («وأشار كريموف إلى أن إسلاميين … وراء الحادث»): the
        speaker is the accuser, a party the noun's own window does not hold."""
        if k == 0 or merged[k][0].trigger.lemma not in self._lexicon.blame:
            return False
        speech = merged[k - 1][1]
        return merged[k - 1][0].trigger.type in SPEECH and bool(
            self._that.search(doc.text, speech.end, merged[k][0].start)
        )

    @staticmethod
    def _subject_after(text: str, first: Found, window: list[Mention], clause_end: int) -> bool:
        """Whether a state, an organization or a person is named among the words right after
        the verb of ``first`` (its subject, in a clause that opens with the verb)."""
        verb_end = word_end(text, first.start, clause_end, 1)
        subject_end = word_end(text, verb_end, clause_end, _SUBJECT_AFTER_VERB)
        return any(
            verb_end <= m.start < subject_end and m.entity_type in ("country", "organization", "person") for m in window
        )

    def _fronted_subject(self, found: Found) -> bool:
        """Whether a speech verb agrees with a plural or dual subject, which then stands before
        it (the morphology's ``subject_before``): who is named after it is spoken of, no speaker."""
        trigger = found.trigger
        return trigger.form == "verb" and self._language.morphology.subject_before(trigger.words[0], trigger.head)

    def _one_state(self, actors: tuple[str, ...]) -> bool:
        """Whether the only party is a state (not an organization founded or acting)."""
        entity = self._kb.entities.get(actors[0]) if len(actors) == 1 else None
        return entity is not None and entity.type == "country"

    def _states_a_stance(self, doc: Document, lemma: str, start: int, end: int) -> bool:
        """Whether a word of the lexicon's ``stance_objects`` of ``lemma`` stands a few words
        after the verb, in its clause (``[start, end)``): «أكد كيري من جديد أهمية …»,
        «شدد الرئيس على ضرورة …» state a position with no words reported."""
        stances = (self._lexicon.stance_objects or {}).get(lemma)
        if not stances:
            return False
        morphology = self._language.morphology
        article = normalize_key(self._language.clitic("article") or "")
        # as near as reported words begin: a speaker, a title, a time («خلال قمته مع …»)
        for word in doc.text[start : min(end, start + _SAID_WITHIN)].split():
            bare = morphology.without_conjunction(normalize_key(word))
            if bare in stances or (article and bare.startswith(article) and bare[len(article) :] in stances):
                return True
        return False

    def _reported_words(self, text: str, mentions: list[Mention], start: int, end: int) -> re.Match[str] | None:
        """Where the words a speech verb reports begin in ``[start, end)``: a quote inside a
        name («رحبت منظمة "معاهدة الأمن الجماعي" بـ…», «حركة "طالبان"») is the name's, not
        the start of what was said."""
        found = self._reported.search(text, start, end)
        while found is not None:
            holder = next((m for m in mentions if m.start <= found.start() < m.end), None)
            # «وقال الوزير "جو هيون" إن …»: a person's name in quotes of its own is the speaker's
            holder = holder or next(
                (
                    m
                    for m in mentions
                    if m.start == found.end()
                    and m.entity_type == "person"
                    and text[m.end : m.end + 1] in CLOSING_QUOTES
                    and found.group() in OPENING_QUOTES
                ),
                None,
            )
            if holder is None:
                return found
            # a closing quote right after the name is the name's too
            resume = holder.end + 1 if text[holder.end : holder.end + 1] in CLOSING_QUOTES else holder.end
            found = self._reported.search(text, max(resume, found.end()), end)
        return None

    def _not_a_statement(self, doc: Document, runs: list[tuple[Found, Found]], k: int, window: list[Mention]) -> bool:
        """A statement trigger that tells no statement: its speaker is the press that reports
        it («وذكرت وكالة …»), or it announces the event told right after it («أعلنت السلطات
        مقتل …»: that event is reported in its own right) — unless it claims it («أعلن
        التنظيم مسؤوليته عن الهجوم»)."""
        first, last = runs[k]
        speaker = next((m for m in window if m.start >= last.end and m.entity_type != "place"), None)
        speaker = speaker or next((m for m in reversed(window) if m.end <= first.start), None)
        entity = self._kb.entities.get(speaker.entity_id) if speaker is not None else None
        if entity is not None and entity.kind in self._lexicon.observer_kinds:
            return True
        if self._body_goes_on(speaker, entity, window):
            return True
        if first.trigger.lemma not in self._lexicon.reports_event or k + 1 >= len(runs):
            return False
        told = runs[k + 1][0]
        between = doc.text[last.end : told.start]
        return (
            told.trigger.type not in SPEECH
            and len(between.split()) <= _GOVERNED_WORDS
            and not self._clauses.breaks.search(between)
            and not self._reported.search(between)
            and not self._claims(doc.text, last.end, told.start)  # a claim of the event is a statement
        )

    def _body_goes_on(self, speaker: Mention | None, entity: Entity | None, window: list[Mention]) -> bool:
        """Whether the one speaking is a state's body named again by its common noun alone, with
        nobody named («وقالت الوزارة إن الوضع مستقر», «وأضافت الوزارة أنه تم …»): the body's report
        goes on with what it was introduced reporting, no new statement of a named speaker."""
        if speaker is None or entity is None or speaker.rule != _BODY_REFERENCE:
            return False
        if any(m.entity_type == "person" for m in window):
            return False
        return (
            entity.type == "organization" and bool(entity.country) and entity.kind not in self._lexicon.own_party_kinds
        )

    def _said_first(
        self, doc: Document, sentence: Span, runs: list[tuple[Found, Found]], k: int, mentions: list[Mention]
    ) -> tuple[str, ...]:
        """The known states and organizations named in words reported before their speech verb
        («…», — заявил министр), from the statement before it (or the sentence's start) on."""
        first = runs[k][0]
        start = next(
            (runs[i][1].end for i in range(k - 1, -1, -1) if runs[i][0].trigger.type in SPEECH), sentence.start
        )
        people = self._participants
        known = [
            m
            for m in mentions
            if start <= m.start
            and m.end <= first.start
            and m.entity_type in ("country", "organization")
            and m.entity_id in self._kb.entities
            and not people.describes(doc, m)
        ]
        return people.actors(doc, known, start, first.start)

    def _about(
        self,
        doc: Document,
        sentence: Span,
        runs: list[tuple[Found, Found]],
        k: int,
        governed: set[int],
        mentions: list[Mention],
        start: int,
    ) -> tuple[str, ...]:
        """The states and organizations a statement is about: named in what it says, from the
        end of its speaker's window up to the next statement of the sentence (another speaker)."""
        end = min(sentence.end, runs[k][1].end + _ABOUT_REACH)
        if k + 1 < len(runs) and self._claims(doc.text, runs[k][1].end, runs[k + 1][0].start):
            return ()  # «أعلن التنظيم مسؤوليته عن الهجوم على …»: the claimed attack has parties of its own
        for index in range(k + 1, len(runs)):
            first = runs[index][0]
            if first.trigger.type in SPEECH and index not in governed:
                end = min(end, first.start)
                break
        people = self._participants
        # a name the speaker's window cuts («… مع الاتحاد | الأوروبي») is what was said
        window = [
            m for m in mentions if start < m.end and m.end <= end and m.entity_type in ("country", "organization")
        ]
        # «أعلن السكرتير العام للمنظمة، التي تضم روسيا و…، أن …»: what describes a name is no topic
        window = people.outside_descriptions(doc, window, start, end)
        # a name the knowledge base does not hold, inside what was said, is too often a phrase
        # read as a name («منظمة دولية لدعم …»): only known states and organizations count
        known = [m for m in window if m.entity_id in self._kb.entities and not people.describes(doc, m)]
        return people.actors(doc, known, start, end)

    def _owner(self, text: str, found: Found, subjects: list[ClauseSubject]) -> tuple[Mention, ...]:
        """The subject of the clause before an event noun carrying a pronoun («لقائه»,
        «زيارتها»); () for a noun without one («خلال الأزمة»)."""
        if len(found.trigger.words) != 1:
            return ()
        word = normalize_key(text[found.start : found.end])
        if not self._language.morphology.carries_pronoun(word, normalize_key(found.trigger.lemma)):
            return ()
        return self._subject_before(subjects, found.start)

    def _possessed(self, text: str, first: Found, last: Found) -> bool:
        """Whether a word of the event noun run ``[first, last]`` carries a pronoun (the
        language's morphology says: «انسحابها» of «انسحاب», «تعليق عضويتها»). The noun names its
        agent so."""
        if first.trigger.form != "noun":
            return False
        words = normalize_key(text[first.start : last.end]).split()
        lemma = normalize_key(first.trigger.lemma).split()
        if len(lemma) != len(words):
            lemma = list(first.trigger.words) if len(first.trigger.words) == len(words) else []
        carries = self._language.morphology.carries_pronoun
        return any(carries(word, bare) for word, bare in zip(words, lemma, strict=False))

    @staticmethod
    def _names_inside(window: list[Mention], found: Found) -> bool:
        """Whether a state or an organization is named inside the trigger's words."""
        return any(
            found.start <= m.start and m.end <= found.end and m.entity_type in ("country", "organization")
            for m in window
        )

    @staticmethod
    def _subject_before(subjects: list[ClauseSubject], start: int) -> tuple[Mention, ...]:
        """The subject of the clause holding ``start``, named before it."""
        clause = next((c for c in subjects if c.start <= start < c.end), None)
        return tuple(m for m in clause.subject if m.end <= start) if clause else ()

    def _gapped(
        self,
        doc: Document,
        sentence: Span,
        told: list[Event],
        found: list[Found],
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
            if event.type in SPEECH:
                continue  # what a speaker said goes on in the clauses after it, no other statements
            limit = min((f.start for f in found if f.start > event.trigger.end), default=sentence.end)
            organizations = tuple(
                a for a in event.actors if (e := self._kb.entities.get(a)) is not None and e.type == "organization"
            )
            breaks = [b.end() for b in self._clauses.breaks.finditer(doc.text, event.evidence.end, limit)]
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
                        signals=(*event.signals, "gapped"),
                    )
                )
        return gapped

    def _joined_document(self, doc: Document, runs: list[tuple[Found, Found]], k: int) -> bool:
        """Whether run ``k`` names the treaty the accession right before it joins («انضمت إلى
        المعاهدة»): a document noun at most ``_JOINED_WORDS`` words (its preposition) after the
        JOIN trigger, in its clause."""
        if k == 0 or runs[k - 1][0].trigger.type != JOIN or runs[k][0].trigger.lemma not in self._lexicon.documents:
            return False
        between = doc.text[runs[k - 1][1].end : runs[k][0].start]
        return len(between.split()) <= _JOINED_WORDS and not self._clauses.breaks.search(between)

    def _governed(self, doc: Document, runs: list[tuple[Found, Found]]) -> set[int]:
        """Runs that are the content of the refusal, call or proposal right before them in the
        same clause: recorded with that statement, not as events that happened."""
        governed = set()
        for k in range(1, len(runs)):
            head, event = runs[k - 1][1], runs[k][0]
            if head.trigger.lemma not in self._lexicon.governing:
                continue
            between = doc.text[head.end : event.start]
            if len(between.split()) <= _GOVERNED_WORDS and not self._clauses.breaks.search(between):
                governed.add(k)
        return governed

    def _refusals(self, doc: Document, events: list[Event]) -> list[Event]:
        """The announcements whose reported words deny an act to come («أعلن … أن المنظمة لا
        تخطط لإرسال جنود إلى …», «… بأن موسكو لن تضع قيودا على …»): a refusal (REJECT) of that
        act, with its parties, no mere statement."""
        cues = self._lexicon.refusal_cues
        if not cues:
            return events
        ends = [s.end for s in doc.sentences]
        denied = sorted(
            (e.trigger.start, i) for i, e in enumerate(events) if e.type not in SPEECH and e.modality == _DENIED
        )
        if not denied:
            return events
        starts = [start for start, _ in denied]
        speech = sorted(e.trigger.start for e in events if e.type in SPEECH)
        out = list(events)
        for i, event in enumerate(events):
            if event.type != "STATEMENT" or event.lemma not in self._lexicon.reporting_verbs:
                continue
            sentence_end = ends[min(bisect_left(ends, event.trigger.end), len(ends) - 1)]
            end = min(sentence_end, event.trigger.end + _REPORTED_REACH)
            k = bisect_left(starts, event.trigger.end)
            if k >= len(starts) or starts[k] >= end:
                continue
            inner = events[denied[k][1]]
            # another speaker between says the words, not this one
            j = bisect_left(speech, event.trigger.end)
            if j < len(speech) and speech[j] < inner.trigger.start:
                continue
            before = normalize_key(doc.text[event.trigger.end : inner.trigger.start])
            if not any(f" {cue} " in f" {before} " for cue in cues):
                continue  # «قال إن القوات لم تنسحب»: a fact denied, no act refused
            out[i] = replace(
                event,
                type="REJECT",
                plover=self._lexicon.plover["REJECT"],
                actors=tuple(dict.fromkeys((*event.actors, *inner.actors))),
                content=(inner.type, _DENIED),
                rule=f"{event.rule}+refusal",
            )
        return out

    def _accusations(self, doc: Document, events: list[Event]) -> list[Event]:
        """The statements whose reported words, after their complementizer, lay the blame
        («قال الوزير إن حركة … وراء الهجوم», «أكد أن متشددين يقفون وراء التفجير»): one
        accusation by the speaker, with the speaker's parties and those blamed, not a statement
        and an accusation beside it."""
        blame = self._lexicon.blame
        accusations = sorted(
            (e.trigger.start, i) for i, e in enumerate(events) if e.type == _ACCUSE and e.lemma in blame
        )
        if not accusations:
            return events
        starts = [start for start, _ in accusations]
        ends = [s.end for s in doc.sentences]
        speech = sorted(e.trigger.start for e in events if e.type in SPEECH and e.lemma not in blame)
        out: list[Event | None] = list(events)
        for i, event in enumerate(events):
            if event.type != "STATEMENT" or not event.rule.startswith("events.verb:"):
                continue
            sentence_end = ends[min(bisect_left(ends, event.trigger.end), len(ends) - 1)]
            end = min(sentence_end, event.trigger.end + _REPORTED_REACH)
            k = bisect_left(starts, event.trigger.end)
            if k >= len(starts) or starts[k] >= end or out[accusations[k][1]] is None:
                continue
            inner = events[accusations[k][1]]
            j = bisect_left(speech, event.trigger.end)
            if j < len(speech) and speech[j] < inner.trigger.start:
                continue  # another speaker between says the words, not this one
            if not self._that.search(doc.text, event.trigger.end, inner.trigger.start):
                continue  # «قال … وراء الهجوم» with no «أن»: not the words reported
            out[i] = replace(
                event,
                type=_ACCUSE,
                plover=self._lexicon.plover[_ACCUSE],
                actors=tuple(dict.fromkeys((*event.actors, *inner.actors))),
                rule=f"{event.rule}+accusation",
            )
            out[accusations[k][1]] = None
        return [e for e in out if e is not None]

    def _listed_after(self, doc: Document, before: Found, found: Found) -> bool:
        """Whether ``found`` is a signed document joined by a conjunction to the document told
        right before it («اتفاقية لتفادي الحوادث واتفاقية حول التعاون»): another document."""
        documents = self._lexicon.documents
        if before.trigger.lemma not in documents or found.trigger.lemma not in documents:
            return False
        if before.trigger.form != "noun" or found.trigger.form != "noun":
            return False
        word = doc.text[found.start : found.end]
        return word[:1] in self._conjunctions and not normalize_key(word).startswith(found.trigger.words[0])

    def _approves(self, doc: Document, runs: list[tuple[Found, Found]], k: int) -> bool:
        """Whether run ``k`` approves the event of another type told right after it in the same
        clause («وافق الاتحاد الأوروبي على حزمة عقوبات»): that event is what happened."""
        head = runs[k][0]
        if head.trigger.lemma not in self._lexicon.approving or head is not runs[k][1] or k + 1 >= len(runs):
            return False  # «وافقت روسيا على الاتفاقية»: the agreement approved is told in the run
        event = runs[k + 1][0]
        if event.trigger.type == head.trigger.type:
            return False  # «وافق على تشكيل قوة»: the approval is the agreement
        between = doc.text[head.end : event.start]
        return len(between.split()) <= _APPROVED_WORDS and not self._clauses.breaks.search(between)

    def _without_mere_reports(self, doc: Document, events: list[Event], reported: list[Event]) -> list[Event]:
        """The events but the statements by a body (no person speaks) that only report another
        event read in their words («وقالت الوزارة إن خمسة أشخاص قتلوا …»: the clash is the news,
        the ministry its source). What a person says stays a statement: the gold and the
        rulebook count a named speaker's announcement as one; so does a body's claim of the
        event («أعلن التنظيم مسؤوليته عن الهجوم»). ``reported``: every report before the
        repeated ones were folded, since the event a body reports may be one told before
        (the headline's clash, the ministry's words on it)."""
        told = sorted(e.trigger.start for e in reported if e.type not in SPEECH)
        ends = [s.end for s in doc.sentences]
        kept = []
        for event in events:
            if event.lemma in self._lexicon.reporting_verbs and _BODY_SPEAKS in event.signals:
                # the event's trigger in the words reported: the same sentence, a few words on
                sentence_end = ends[min(bisect_left(ends, event.trigger.end), len(ends) - 1)]
                end = min(sentence_end, event.trigger.end + _REPORTED_REACH)
                k = bisect_left(told, event.trigger.end)
                if k < len(told) and told[k] < end and not self._claims(doc.text, event.trigger.end, told[k]):
                    continue
            kept.append(event)
        return kept

    def _claims(self, text: str, start: int, end: int) -> bool:
        """Whether the words between a speech verb and the event after it (``[start, end)``)
        claim that event («أعلن التنظيم مسؤوليته عن الهجوم»): the language's ``responsibility``."""
        return self._responsibility.search(text, start, end) is not None

    def _goes_on(self, doc: Document, sentence: Span, found: Found, before: Event) -> bool:
        """Whether an event with nobody named near it goes on with the parties of the event
        told just before it, ending at most the language's ``carried_reach`` characters before:
        the narrative's parties act again («… وأرسلت قوات خاصة إلى المنطقة»). Not a statement,
        which needs its speaker named, nor what follows one (most often what was said: «وتحدث
        الكاتب عن المواجهات»); not what the event before provides for or aims at (the
        language's ``content_of``); not an event in a time phrase or an opening subordinate
        clause, which points back at one told («بعد يوم من اجتماع سمرقند، …»)."""
        if found.trigger.type == "STATEMENT" or before.type == "STATEMENT" or found.background:
            return False
        if not 0 <= found.start - before.trigger.end <= self._carried_reach:
            return False
        if self._content_of.search(doc.text, before.trigger.end, found.start):
            return False  # «اتفاقا ينص على إخلاء القاعدة»: what the event before provides for
        return not self._clauses.in_opening(doc.text, sentence, found.start)

    def _body_speaks(self, text: str, window: list[Mention], agents: tuple[str, ...]) -> bool:
        """Whether a body speaks — a ministry, a service, «السلطات», a state's body named by a
        noun and the state's nisba («السفارة الأميركية») — and no person or state."""
        if agents:
            return False
        as_body = [m.entity_type == "organization" or m.rule in _BODY_RULES or self._of_body(text, m) for m in window]
        bodies = [m for m, body in zip(window, as_body, strict=True) if body]
        states = [m for m, body in zip(window, as_body, strict=True) if m.entity_type == "country" and not body]
        return bool(bodies) and not (states and states[0].start < bodies[0].start)

    def _of_body(self, text: str, mention: Mention) -> bool:
        """Whether a state's nisba follows a noun of a state's body («السفارة الأميركية»)."""
        if mention.rule != _NISBA or not self._lexicon.body_nouns:
            return False
        words = normalize_key(text[max(0, mention.start - _BODY_NOUN_REACH) : mention.start]).split()
        if words and words[-1] == self._article:
            words.pop()  # the nisba's own article, outside its mention («الأميركية»)
        nouns = self._lexicon.body_nouns
        return bool(words) and (words[-1] in nouns or " ".join(words[-2:]) in nouns)

    def _founds_an_organization(self, lemma: str, actors: tuple[str, ...]) -> bool:
        """«تأسيس المنظمة», «إنشاء الحلف»: the founding of one organization is an event of its own,
        with the organization as its one party."""
        entity = self._kb.entities.get(actors[0]) if len(actors) == 1 else None
        return lemma in self._lexicon.founding and entity is not None and entity.type == "organization"

    def _with_subject(
        self,
        doc: Document,
        first: Found,
        last: Found,
        subjects: list[ClauseSubject],
        actors: tuple[str, ...],
        end: int,
    ) -> tuple[str, ...]:
        """«حصلت روسيا على القاعدة بعد اتفاقية أمنية مع طاجيكستان»: an agreement noun whose one
        party is named after «مع» was made with the subject of its clause, named before it."""
        if first.trigger.form != "noun" or not self._with_party(doc, last.end, end):
            return actors
        clause = next((c for c in subjects if c.start <= first.start < c.end), None)
        partners = [
            m.entity_id
            for m in (clause.own if clause is not None else ())
            if m.start < first.start and m.entity_type in ("country", "organization") and m.entity_id not in actors
        ]
        return tuple(dict.fromkeys((*partners, *actors)))

    def _with_party(self, doc: Document, start: int, end: int) -> bool:
        """Whether the event told from ``start`` names a party after «مع» before ``end``."""
        words = doc.text[start : min(end, start + _WITH_REACH)].split()
        return any(normalize_key(w) in self._with for w in words)

    def _conducted(self, text: str, verb_start: int, first: Found) -> bool:
        """Whether the word at ``verb_start``, right before the event noun ``first``, is a
        verb conducting or hosting it («تستضيف», «أجرت»)."""
        if first.trigger.form != "noun" or verb_start < 0:
            return False
        word = text[verb_start : first.start].strip()
        return self._language.morphology.without_conjunction(normalize_key(word)) in self._conducting

    def _dual_subject(self, doc: Document, first: Found, clause_start: int) -> int:
        """Where a dual spelt as a plural stands as the subject right after the event's verb in
        its bare past form (the trigger verb, or the support verb before an event noun):
        «اتفق البلدان على …», «أجرى البلدان مناورات» (-1 when none does). A masculine singular
        verb before it says it is the two; a plural of things takes the feminine verb."""
        if not self._dual_subjects:
            return -1
        if first.trigger.form == "verb":
            verbs = frozenset({first.trigger.head})
            start, end = first.start, min(len(doc.text), first.end + _DUAL_AFTER)
        else:
            verbs = self._bare_support
            start, end = max(clause_start, first.start - _SUPPORT_REACH), first.start
        norm = doc.normalized
        assert norm is not None
        # the document's normalized text, already there: a window normalized again is a string
        # built, translated and split for every trigger (and a miss in the key cache)
        window = norm.text[norm.to_normalized(start) : norm.to_normalized(end)]
        if not any(dual in window for dual in self._dual_subjects):
            return -1  # most windows hold none: no word is read
        morphology = self._language.morphology
        words = list(_WORD.finditer(doc.text, start, end))
        for before, word in pairwise(words):
            if (
                morphology.without_conjunction(normalize_key(before.group())) in verbs
                and morphology.without_conjunction(normalize_key(word.group())) in self._dual_subjects
            ):
                return word.start()
        return -1

    def _supported(self, doc: Document, noun_start: int, clause_start: int) -> bool:
        """Whether a support verb stands a few words before the event noun in its clause
        («أجرت قوات من روسيا … مناورات»): the noun tells the event as a verb would."""
        words = doc.text[max(clause_start, noun_start - _SUPPORT_REACH) : noun_start].split()
        morphology = self._language.morphology
        return any(
            morphology.without_conjunction(normalize_key(w)) in self._support_forms for w in words[-_SUPPORT_WORDS:]
        )

    def _rehearsed(self, doc: Document, sentence: Span, runs: list[tuple[Found, Found]]) -> set[int]:
        """Runs of fighting told after an exercise or a word of rehearsal in their sentence
        («مناورات … لصد هجوم», «التدريب على تدمير جماعات مسلحة»): what the forces practise."""
        norm = doc.normalized
        assert norm is not None
        rehearsed: set[int] = set()
        exercise_before = False
        for k, (first, _last) in enumerate(runs):
            if first.trigger.type == _EXERCISE:
                exercise_before = True
            elif first.trigger.type in _REHEARSED and (
                exercise_before
                or self._rehearsal.search(
                    norm.text, norm.to_normalized(sentence.start), norm.to_normalized(first.start)
                )
            ):
                rehearsed.add(k)
        return rehearsed

    def _plover(self, trigger: Trigger) -> str:
        if trigger.type == "STATEMENT":
            return self._lexicon.statement_plover.get(normalize_key(trigger.lemma), "SUPPORT")
        return self._lexicon.plover[trigger.type]


def _clip(text: str, start: int, end: int, trigger_start: int, trigger_end: int) -> tuple[int, int]:
    """The evidence: the trigger's part of the sentence, trimmed of spaces and punctuation,
    on word boundaries."""
    while start < trigger_start and not text[start].isalnum():
        start += 1
    while end > trigger_end and not text[end - 1].isalnum() and text[end - 1] not in '»”")':
        end -= 1
    # a window bounded by a reach in characters may cut a word: the evidence keeps it whole
    while start > 0 and text[start].isalnum() and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


def _salient(mentions: list[Mention]) -> frozenset[str]:
    """The states and organizations an article keeps naming (three times or more)."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.entity_type in ("country", "organization"):
            counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
    return frozenset(k for k, n in counts.items() if n >= 3)


def _salience(actors: tuple[str, ...], salient: frozenset[str]) -> str:
    """The confidence signal of how many of an event's actors the article keeps naming."""
    named = sum(a in salient for a in actors)
    return "salient=all" if named == len(actors) else "salient=none" if not named else "salient=some"


def _word_before(text: str, position: int) -> int:
    """Where the word right before ``position`` begins (-1 when none stands there: the
    noun opens its sentence, or punctuation comes between)."""
    end = position
    while end > 0 and text[end - 1] == " ":
        end -= 1
    start = end
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    return start if start < end else -1


def _from(window: list[Mention], start: int) -> list[Mention]:
    """The mentions of ``window`` from ``start`` on, and the places before it (where, not who)."""
    return [m for m in window if m.start >= start or m.entity_type == "place"]
