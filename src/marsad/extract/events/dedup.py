"""One event reported twice in an article is one event."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from marsad.document import Event
from marsad.values.partial_date import agree
from marsad.vocabulary import is_stated

# The signal of a document signed in a list of documents («اتفاقية … واتفاقية …»): each is an
# agreement of its own, whatever parties and date it shares with the others.
LISTED = "listed"
# The type whose reports of one organization's gathering on one date are one (``bodies``).
_MEETING = "MEETING"
# How many earlier events of a type a repeated mention is compared with.
_REPEAT_WINDOW = 50


def deduplicate(
    events: list[Event],
    distinct: frozenset[str] = frozenset(),
    continuing: frozenset[str] = frozenset(),
    title_end: int = 0,
    bodies: Callable[[tuple[str, ...]], frozenset[str]] = lambda actors: frozenset(),
    acts: frozenset[str] = frozenset(),
) -> list[Event]:
    """An article that mentions one event again (same type, compatible dates, and mostly the
    same actors or some of them) reports it once: the first report stays, with the actors of
    all and the best date any report states (a headline's event is dated in the lead).

    Events of a ``distinct`` type (statements) are each their own — a speaker says several
    things in one article — except those whose trigger lemma is ``continuing`` («أضاف»,
    «أوضح»): they go on with the statement of the same speaker told just before; and one
    with the very actors and date of one told before is that one again. A document signed in
    a list (signal :data:`LISTED`) is its own agreement too.

    Of the ``acts`` types, what one state's people did, told by other words, is another act
    (see :func:`_another_act`).

    The title (ending at ``title_end``) tells its statement again in the body: the first
    statement after it by the same speaker, naming some of its parties or more, is that one."""
    kept: list[Event] = []
    by_type: dict[str, list[int]] = {}  # indexes into kept, per event type
    titled: dict[str, int] = {}  # the title's statements not yet told again: speaker -> index into kept
    for event in events:
        same_type = by_type.setdefault(event.type, [])
        if event.type in distinct:
            last = kept[same_type[-1]] if same_type else None
            if event.lemma in continuing and last is not None and set(event.actors) & set(last.actors):
                continue  # the same statement going on
            # «أوزبكستان تدعو …» in the title, «ودعت أوزبكستان …» in the body: one statement told
            # twice has the same actors on the same day
            actors = set(event.actors)
            if any(set(kept[i].actors) == actors and kept[i].date == event.date for i in same_type[-_REPEAT_WINDOW:]):
                continue
            speaker = event.actors[0] if event.actors else ""
            title = titled.pop(speaker, None) if event.trigger.start >= title_end else None
            if title is not None and (actors <= set(kept[title].actors) or set(kept[title].actors) <= actors):
                told = kept[title]
                kept[title] = replace(told, actors=tuple(dict.fromkeys((*told.actors, *event.actors))))
                continue  # «وزير الدفاع يؤكد …» in the title, «أكد وزير الدفاع …» in the lead
            if event.trigger.end <= title_end and speaker:
                titled.setdefault(speaker, len(kept))
            same_type.append(len(kept))
            kept.append(event)
            continue
        if LISTED in event.signals:
            same_type.append(len(kept))
            kept.append(event)
            continue
        # the organizations whose meeting this is, read once for all the reports before it
        gathering = bodies(event.actors) if event.type == _MEETING else frozenset()
        # an article repeats an event some paragraphs on, not a thousand events later
        for i in same_type[-_REPEAT_WINDOW:]:
            if LISTED in kept[i].signals:
                continue
            other = kept[i]
            # a date known only from the article's own time agrees with any
            dates_agree = agree(other.date, event.date) or not (
                is_stated(other.date_source) and is_stated(event.date_source)
            )
            overlap = len(set(other.actors) & set(event.actors)) / len(set(other.actors) | set(event.actors))
            # «قمة منظمة شنغهاي» told with Russia, then with Kazakhstan: an organization's
            # meeting on one date is one
            held = bool(gathering) and bool(gathering & bodies(other.actors))
            # «فإن الاجتماع، الذي ترأسه وزير الدفاع الأوزبكي»: the meeting told before, again
            same = (
                other.type == event.type
                and dates_agree
                and not _another_act(other, event, acts, title_end)
                and (overlap >= 0.5 or set(event.actors) <= set(other.actors) or held)
            )
            if same:
                actors = tuple(dict.fromkeys((*other.actors, *event.actors)))
                agents = tuple(dict.fromkeys((*other.agents, *event.agents)))
                date, source = _better_date(other, event)
                repeated = other.signals if "repeated" in other.signals else (*other.signals, "repeated")
                kept[i] = replace(other, actors=actors, agents=agents, date=date, date_source=source, signals=repeated)
                break
        else:
            same_type.append(len(kept))
            kept.append(event)
    return kept


def _another_act(told: Event, again: Event, acts: frozenset[str], title_end: int) -> bool:
    """Whether ``again``, of one of the ``acts`` types, is another act of the one state that
    ``told`` has for its party: told by other words after the title («اقتحم المحتجون البرلمان»,
    then «صدامات بين الأمن ومحتجين»; «اعتقل» and «أدين»)."""
    return (
        again.type in acts
        and len(again.actors) == 1
        and again.actors == told.actors
        and again.lemma != told.lemma
        and told.trigger.end > title_end
    )


def _better_date(kept: Event, again: Event) -> tuple[str, str]:
    """The date of the two reports of one event to keep: one the text states over the
    article's own date, then the more precise of two that agree."""
    if is_stated(again.date_source) and not is_stated(kept.date_source):
        return again.date, again.date_source
    if is_stated(again.date_source) and agree(kept.date, again.date) and len(again.date) > len(kept.date):
        return again.date, again.date_source
    return kept.date, kept.date_source
