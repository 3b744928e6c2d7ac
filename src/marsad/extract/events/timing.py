"""When an event happened: the date stated in its part of the sentence, a span counted
from an earlier event, the date the paragraph was speaking of, or the article's date."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from marsad.document import Document, Event
from marsad.extract.spans import ByStart
from marsad.lang import Language
from marsad.text.dates import AnchoredSpan, DateMention, compares_since, ends_a_span, shift_date
from marsad.text.normalize import normalize_key
from marsad.text.regex import NEVER
from marsad.values.partial_date import agree

if TYPE_CHECKING:
    from marsad.extract.events.triggers import Found

# «2023-2024», «2022 - 2025»: the year after a year in a period
_YEAR_RANGE = re.compile(r"\s?[-\u2013/]\s?(?:19|20)\d\d(?!\d)")
# How many characters before a date a relative pronoun may open the clause it stands in.
_CLAUSE_REACH = 48
# How many words may stand before a date that opens its sentence («وفي نيسان/أبريل، …»).
_OPENING_WORDS = 2
_SENTENCE_END = re.compile(r"[.!?\n\u061f]")
# a character inside one clause: not a stop, a comma (Arabic ones too) or a bracket
_IN_CLAUSE = r"[^.,;:!?()\n\u060c\u061b\u061f]"
# How many characters a trigger may start before the relative clause that describes it.
_DESCRIBED = 40
# How many sentences back a stated date still dates what is told.
CONTEXT_SENTENCES = 4
CLOSING_QUOTES = frozenset("\"»”'")
OPENING_QUOTES = frozenset("\"«“'")


@dataclass(frozen=True, slots=True)
class Timing:
    """What can date the events of one sentence."""

    dates: list[DateMention]  # stated in the sentence (or in the sentence that elaborates it)
    reference: str  # the publication date, else the article's own time
    context: str  # the date the paragraph was just speaking of
    spans: list[AnchoredSpan]  # spans counted from another event, in the sentence


class Dating:
    """The dating constructions of one language."""

    def __init__(self, language: Language) -> None:
        self.may_anchor = language.pattern("may_anchor") or NEVER
        self._elaboration = language.pattern("elaboration") or NEVER
        self._language = language
        self._year_words = [normalize_key(w) for w in language.words("year_words")]
        raw = language.data("dates")
        self._deadline_words = frozenset(normalize_key(w) for w in raw.get("deadline_words", ()))
        that = "|".join(re.escape(w) for w in raw.get("complementizers", ()))
        conjunctions = "".join(language.clitics("conjunctions"))
        # a complementizer, as written («إنه تم أمس …»)
        self._reported = re.compile(rf"(?<![^\W_])[{conjunctions}]?(?:{that})(?![^\W_])") if that else NEVER
        pronouns = [normalize_key(w) for w in raw.get("relative_pronouns", ())]
        # a relative pronoun and the words after it up to a date, in one clause
        self._relative = (
            re.compile(rf"(?<![^\W_])[{conjunctions}]?(?:{'|'.join(pronouns)})(?![^\W_]){_IN_CLAUSE}*$")
            if pronouns
            else NEVER
        )

    def event_dates(self, doc: Document) -> list[DateMention]:
        """The dates that can date an event: not an end date («حتى أغسطس 2023») nor a year inside a
        quoted name («مناورات "بيرليك 2025"»), a deadline year («بحلول 2014») or a year that
        opens or closes a period («للفترة 2023-2024»: a programme's years)."""
        kept = []
        complementizers = [m.start() for m in self._reported.finditer(doc.text)]
        starts = [s.start for s in doc.sentences] or [0]
        for date in doc.dates:
            if ends_a_span(doc.text, date.start, self._language) or compares_since(
                doc.text, date.start, self._language
            ):
                continue  # «حتى أغسطس 2023»; «الأسوأ منذ 2010»: it did not happen then
            before = normalize_key(doc.text[max(0, date.start - 12) : date.start]).split()
            after = doc.text[date.end : date.end + 1]
            if len(date.value) == 4 and after in CLOSING_QUOTES and before[-1:] not in ([w] for w in self._year_words):
                continue
            if len(date.value) == 4 and (
                (before[-1:] and before[-1] in self._deadline_words) or _YEAR_RANGE.match(doc.text, date.end)
            ):
                continue
            kept.append(self._in_clause(doc, date, complementizers, starts))
        return kept

    def _in_clause(
        self, doc: Document, date: DateMention, complementizers: list[int], starts: list[int]
    ) -> DateMention:
        """``date`` with the clauses it stands in: where the relative clause opens, when it
        stands in one («الأسطول الذي أسسه القيصر في عام 1722»: it dates what that clause
        tells), and the complementizers around it in its sentence (``complementizers``: where
        each of the document's opens; ``starts``: where its sentences start)."""
        norm = doc.normalized
        if norm is None:
            return date
        end = norm.to_normalized(date.start)
        match = self._relative.search(norm.text, max(0, end - _CLAUSE_REACH), end)
        if match:
            date = replace(date, clause=norm.to_original(match.start(), match.start())[0])
        # the complementizers before and after the date, in its sentence; a date that opens
        # the sentence dates all its clauses («وفي نيسان، أكد التنظيم أنه … إلا أن السلطات نفت»)
        opening = doc.text[starts[max(0, bisect_left(starts, date.start + 1) - 1)] : date.start]
        if len(opening.split()) <= _OPENING_WORDS:
            return date
        at = bisect_left(complementizers, date.start)
        before = complementizers[at - 1] if at else -1
        after = complementizers[at] if at < len(complementizers) else -1
        if before >= 0 and _SENTENCE_END.search(doc.text, before, date.start):
            before = -1
        if after >= 0 and _SENTENCE_END.search(doc.text, date.end, after):
            after = -1
        return replace(date, reported=before, reporting=after) if before >= 0 or after >= 0 else date

    def elaboration_dates(self, doc: Document, dates: ByStart[DateMention], index: int) -> list[DateMention]:
        """The dates of the next sentence when it only elaborates this one («…؛ وذلك على هامش …
        بنهاية سبتمبر 2022»): they date what this sentence reports."""
        if index + 1 >= len(doc.sentences):
            return []
        following = doc.sentences[index + 1]
        if not self._elaboration.match(doc.text, following.start):
            return []
        return dates.between(following.start, following.end)


def _after(value: str, reference: str) -> bool:
    """Whether a date lies wholly after the article's date (compared at the coarser precision)."""
    if not value or not reference:
        return False
    size = min(len(value), len(reference))
    return value[:size] > reference[:size]


def event_date(timing: Timing, trigger: int, start: int, end: int, planned: bool = False) -> tuple[str, str]:
    """The date in the trigger's part of the sentence nearest the trigger; else the sentence's
    only date; else the date the paragraph was just speaking of (``context``); else the
    article's date (news reports an undated event as of its own day, as GDELT and ICEWS do;
    ``date_source`` says so). The sentence's dates count as one when they all agree («في 6
    يناير 2022، … في يناير 2022»): the most precise. A ``planned`` event named with a weekday
    alone after its trigger is on the next one («من المقرر أن يزور … الأربعاء»); a weekday
    before it dates the words that announce it («والخميس، أعلن … أنها تقدمت بطلب لشراء»)."""
    dates = timing.dates
    if planned:
        # a date before a planned event's trigger dates the words that plan or announce it
        # («اجتمعوا في 4 أبريل للتخطيط للتدريب», «والخميس، أعلن … أنها تقدمت بطلب لشراء»)
        # — unless it lies after the article's own date: words are said by then, the date is
        # the event's («В 2021 году запланированы учения» in a 2019 article)
        dates = [d for d in dates if d.start > trigger or d.ahead or _after(d.value, timing.reference)]
    # what a speaker reports and the words that report it are told apart by the complementizer
    # («وقال الوزير أمس إن بلاده ستستضيف القمة يومي 16 و17 سبتمبر»): a date dates only what
    # stands on its side of it
    dates = [d for d in dates if d.reported <= trigger and (d.reporting < 0 or trigger < d.reporting)]
    # «حاليا» dates only a sentence that states no other date
    dates = [d for d in dates if not d.weak] or dates
    inside = [d for d in dates if start <= d.start < end]
    if inside:
        nearest = min(inside, key=lambda d: abs(d.start - trigger))
        return _weekday_of(nearest, trigger, planned), "text"
    # a date in a relative clause dates the noun the clause describes: not an event told
    # elsewhere in the sentence («أسطول بحر قزوين الذي أسسه القيصر في عام 1722 … الصراع»)
    dates = [d for d in dates if d.clause < 0 or 0 <= d.clause - trigger <= _DESCRIBED]
    if dates and all(agree(d.value, e.value) for d in dates for e in dates):
        only = max(dates, key=lambda d: len(d.value))
        return _weekday_of(only, trigger, planned), "text"
    if timing.context:
        return timing.context, "context"
    return timing.reference, "reference"


def _weekday_of(date: DateMention, trigger: int, planned: bool) -> str:
    return date.upcoming if planned and date.upcoming and date.start > trigger else date.value


# The event type whose parties later words may call «those gathered».
_GATHERING = "MEETING"


class Told:
    """The events told so far in a document, as dating needs them: those dated from another
    event, by where they stand, and the last stated date of each type."""

    def __init__(self) -> None:
        self.anchored: list[Event] = []  # in document order
        self._anchored_starts: list[int] = []
        self._last: dict[str | None, str] = {}  # event type (None: any) -> its last date not the article's
        self.gathered: tuple[str, ...] = ()  # the parties of the last meeting of several
        self.pair: tuple[str, ...] = ()  # the two parties of the last event of exactly two
        self.last: Event | None = None  # the last event told

    def add(self, events: list[Event]) -> None:
        for event in events:
            if event.date_source == "anchored":
                self.anchored.append(event)
                self._anchored_starts.append(event.trigger.start)
            if event.date_source != "reference":
                self._last[event.type] = self._last[None] = event.date
            if event.type == _GATHERING and len(event.actors) >= 2:
                self.gathered = event.actors
            if len(event.actors) == 2:
                self.pair = event.actors
            self.last = event

    def anchored_in(self, start: int, end: int) -> list[Event]:
        """The events dated from another whose trigger stands in ``[start, end)``."""
        return self.anchored[bisect_left(self._anchored_starts, start) : bisect_left(self._anchored_starts, end)]

    def last_date(self, event_type: str | None) -> str:
        """The date of the last event told of ``event_type`` (None: of any type) dated by more
        than the article's own date; "" when there is none."""
        return self._last.get(event_type, "")


def context_date(doc: Document, dates: ByStart[DateMention], index: int, told: Told, news: str) -> str:
    """The last date to the month stated in the few sentences before, inside the same
    paragraph, or given there to an event counted from another: a narrative keeps speaking of
    the day it named («في 28 أيار/مايو 2025، عقدت … وشارك …»). A date ahead of the article
    (what is planned) does not date what is told after it. Without one, the article's news
    day ``news`` (:func:`news_day`, the same for every sentence of it)."""
    sentence = doc.sentences[index]
    published = doc.meta.published  # an article's own time (article_time) is no bound
    for previous in reversed(doc.sentences[max(0, index - CONTEXT_SENTENCES) : index]):
        if "\n\n" in doc.text[previous.end : sentence.start]:
            break
        stated = [
            (d.start, d.value)
            for d in dates.between(previous.start, previous.end)
            if len(d.value) >= 7 and not d.weak and not (published and d.value[: len(published)] > published)
        ]
        stated += [
            (e.trigger.start, e.date) for e in told.anchored_in(previous.start, previous.end) if len(e.date) >= 7
        ]
        if stated:
            return max(stated)[1]
    return news


# How many sentences open an article: its lead, which says when the news happened.
LEAD_SENTENCES = 3
# How many days before its publication an article's news may have happened.
NEWS_DAYS = 7


def news_day(doc: Document, dates: ByStart[DateMention]) -> str:
    """The day an article's news happened, as its lead states it: the earliest date to the day
    its first sentences give, when all of them lie in the week up to the publication date
    («وقعت الولايات المتحدة وقرغيزستان اتفاقا … وأوضحت مصادر … أن الاتفاق وقع أمس الاثنين»).
    A paper dated the morning after reports the day before, and what the article leaves
    undated happened then, not on the day it was printed; a lead that says «اليوم» states
    the publication day itself. The earliest day is where the story begins («… الهجوم الذي
    شنه المسلحون أمس الأول الأحد»). "" without a publication day, when the lead names no
    day, or names one outside that week."""
    reference = doc.reference_date
    if len(reference) != 10 or not doc.sentences:
        return ""
    lead = doc.sentences[:LEAD_SENTENCES][-1].end
    earliest = shift_date(reference, "day", -NEWS_DAYS)
    days = [d.value for d in dates.between(0, lead) if len(d.value) == 10 and not d.weak]
    return min(days) if days and all(earliest <= d <= reference for d in days) else ""


def anchored_date(spans: list[AnchoredSpan], trigger: int, found: list[Found], told: Told) -> tuple[str, str] | None:
    """«بعد يوم واحد من اجتماع سمرقند، شهدت … مناورات»: the date of the event counted
    from (the last earlier event of the type named after «من»; for «في اليوم التالي», the
    last dated event), moved by the span."""
    span = next((a for a in reversed(spans) if a.end <= trigger), None)
    if span is None:
        return None
    named = next((f.trigger.type for f in found if span.anchor >= 0 and 0 <= f.start - span.anchor <= 2), None)
    if span.anchor >= 0 and named is None:
        return None
    base = told.last_date(named)
    if not base:
        return None
    return (shift_date(base, span.unit, span.amount) or base), "anchored"
