"""The event trigger lexicon: forms generated from a language pack's ``events.yaml``, looked up by word."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from marsad import vocabulary
from marsad.lang import Language, LanguageDataError
from marsad.lang.base import Morphology
from marsad.text.normalize import normalize_key

# The form of a lexicon phrase that is no trigger: it only keeps the words inside it from
# being read as one.
BLOCK = "block"
# The form of a lexicon phrase told of the event noun right before it («المعاهدة الموقعة»):
# a trigger there, and elsewhere none.
AFTER_NOUN = "after_noun"
# A lexicon phrase's word standing for up to a few words of the text («نشر … قوات»).
GAP = "…"


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    words: tuple[str, ...]  # normalized words of the trigger
    form: str  # noun | verb | block | after_noun
    lemma: str  # the form as written in the lexicon

    @property
    def head(self) -> str:
        """The lemma's first word, normalized: the verb or noun its forms are made from."""
        return normalize_key(self.lemma.split()[0])


@dataclass(frozen=True)
class EventLexicon:
    plover: dict[str, str]
    statement_plover: dict[str, str]  # normalized trigger lemma -> PLOVER
    by_first_word: dict[str, tuple[Trigger, ...]]  # longest trigger first
    modality: tuple[tuple[str, str], ...]  # (normalized cue, modality)
    anaphora: frozenset[str]
    trigger_modality: dict[str, str]  # lexicon lemma -> modality
    governing: frozenset[str]  # lexicon lemmas whose object is another event
    time_phrase: tuple[str, ...]  # normalized prepositions that set an event in the background
    prepositions: frozenset[str]  # normalized words after which a verb form is a noun
    describing: tuple[str, ...]  # normalized openings of a clause describing a name
    rehearsal: tuple[str, ...]  # normalized words saying that the fighting after them is rehearsed
    support_verbs: tuple[str, ...]  # past verbs (lemmas) whose object noun tells the event as a verb would
    conducting_verbs: tuple[str, ...]  # past verbs (lemmas) whose subject in a relative after an event noun takes part
    conducting_present: tuple[str, ...]  # the same verbs by their present lemmas
    reporting_verbs: frozenset[str]  # lexicon lemmas of STATEMENT that only report what the words tell
    body_nouns: frozenset[str]  # normalized nouns of a state's body, before its nisba
    founding: frozenset[str]  # lexicon lemmas of AGREEMENT that found an organization
    nisba_heads: frozenset[str]  # normalized nouns that a nisba after them describes
    needs_content: frozenset[str]  # lexicon lemmas that report a statement only with its content
    framing: tuple[str, ...]  # normalized phrases after which an event noun frames the event before
    observer_kinds: frozenset[str]  # organization kinds that never take part in events
    own_party_kinds: frozenset[str]  # organization kinds of a state that act as themselves, not as it
    place_retreat: frozenset[str]  # lexicon lemmas of LEAVE that withdraw forces when a place follows
    dissolution: frozenset[str] = frozenset()  # lexicon lemmas that say a state or body ceased to exist
    continuing: frozenset[str] = frozenset()  # lexicon lemmas of STATEMENT that go on with the one before
    unnamed_speakers: frozenset[str] = frozenset()  # normalized words after a speech verb that name no one
    unnamed_speakers_before: frozenset[str] = frozenset()  # the same, right before the verb
    reports_event: frozenset[str] = frozenset()  # lexicon lemmas of STATEMENT that announce the event after them
    other_senses: dict[str, frozenset[str]] | None = None  # lexicon lemma -> normalized next words of another sense
    body_leave: frozenset[str] = frozenset()  # lexicon lemmas of LEAVE that leave a body only when one follows
    members_act: frozenset[str] = frozenset()  # event types besides meetings where «the states of X» are X's members
    press_attribution: frozenset[str] = frozenset()  # normalized speech-verb forms that credit a report to the press
    held_by_members: frozenset[str] = frozenset()  # event types an organization alone holds with all its members
    two_parties: frozenset[str] = frozenset()  # event types a single state does not make on its own in this language
    refusal_cues: tuple[str, ...] = ()  # normalized words that deny an act to come in reported words
    stance_objects: dict[str, tuple[str, ...]] | None = None  # needs_content lemma -> normalized words of a stance
    approving: frozenset[str] = frozenset()  # lexicon lemmas that approve the event told right after them
    documents: frozenset[str] = frozenset()  # lexicon lemmas of AGREEMENT that name one signed document
    installations: frozenset[str] = frozenset()  # lexicon lemmas of DEPLOYMENT that name a standing base or presence
    including: tuple[str, ...] = ()  # normalized phrases ending in an anaphor that open what is included
    decided_closing: frozenset[str] = frozenset()  # lexicon lemmas of RETREAT that, decided, end a host's arrangement
    blame: frozenset[str] = frozenset()  # lexicon lemmas of ACCUSE that name who is to blame, no accuser
    present: frozenset[str] = frozenset()  # lexicon lemmas of the present-tense verbs, of every type
    conditions: tuple[str, ...] = ()  # normalized words that open a condition


@lru_cache(maxsize=16)
def load_event_lexicon(language: Language) -> EventLexicon:
    """The event lexicon of ``language`` (its pack's ``events.yaml``): every form of every
    trigger, generated by the language's morphology. Empty for a language without a pack."""
    raw = language.data("events")
    morphology = language.morphology
    triggers: dict[str, list[Trigger]] = {}

    def add(event_type: str, surface: str, form: str, lemma: str) -> None:
        words = tuple(surface.split())
        triggers.setdefault(words[0], []).append(Trigger(event_type, words, form, lemma))

    no_passive = frozenset(raw.get("no_passive", ()))
    for event_type, spec in raw.get("types", {}).items():
        for noun in spec.get("nouns") or ():
            # a phrase of several words reads its first word as the morphology says: an Arabic
            # construct («اتفاق سلام») as written, a Russian adjective declined
            heads = morphology.noun_forms if " " not in noun else _phrase_heads(morphology)
            for form in _inflected(noun, heads):
                add(event_type, form, "noun", noun)
            # «عمليتين انتحاريتين», «هجوما انتحاريا»: a noun and its adjectives declined together
            for form in _agreeing(morphology)(noun) if " " in noun else ():
                add(event_type, form, "noun", noun)
        # a pack that names no such type keeps the plain call (its morphology may not take the flag)
        past = _without_passive(morphology) if event_type in no_passive else morphology.verb_forms
        for verb in spec.get("verbs") or ():
            for form in _inflected(verb, past):
                add(event_type, form, "verb", verb)
        for verb in spec.get("present") or ():
            for form in _inflected(verb, lambda head: morphology.verb_forms(head, present=True)):
                add(event_type, form, "verb", verb)
        # forms the generation does not reach, kept as written
        for form in spec.get("forms") or ():
            add(event_type, normalize_key(form), "verb", form)
        # «المعاهدة المبرمة», «القوات المتمركزة»: a participle describes the event's result
        for verb in spec.get("participles") or ():
            for form in _inflected(verb, morphology.participles):
                add(event_type, form, "noun", verb)
        # «لن تعترف»: a refusal said by negating the verb of acceptance
        for verb in spec.get("negated") or ():
            for form in morphology.negated(verb):
                add(event_type, form, "verb", verb)
        # «المعاهدة التي وقعت في 1992», «اتفاق السلام الموقع عام 1997»: a verb told of the noun
        # before it, in a relative clause or as its participle; read only there (elsewhere
        # «التي وقعت» tells that something happened), so before the phrases that block it
        participles = getattr(morphology, "head_participles", morphology.participles)
        for verb in spec.get("after_noun") or ():
            for relative in raw.get("relatives") or ():
                for form in morphology.verb_forms(verb):
                    add(event_type, f"{normalize_key(relative)} {normalize_key(form)}", AFTER_NOUN, verb)
            for form in participles(verb):
                add(event_type, normalize_key(form), AFTER_NOUN, verb)
        # phrases that open like a trigger of the type but name something else («هجوم
        # إلكتروني»): read as a whole, they keep the shorter trigger inside them from firing
        for phrase in spec.get("not") or ():
            add(event_type, normalize_key(phrase), BLOCK, phrase)
    by_first = {w: tuple(sorted(ts, key=lambda t: -len(t.words))) for w, ts in triggers.items()}
    statement = {normalize_key(t): plover for plover, forms in raw.get("statement_plover", {}).items() for t in forms}
    modality = tuple(
        sorted(
            ((normalize_key(cue), name) for name, cues in raw.get("modality", {}).items() for cue in cues),
            key=lambda item: -len(item[0]),
        )
    )
    plover = {t: _vocabulary_type(language, t).plover for t in raw.get("types", {})}
    for category in statement.values():
        if category not in vocabulary.PLOVER_CATEGORIES:
            raise LanguageDataError(
                f"events.yaml of '{language.code}': statement_plover {category!r} is no PLOVER category"
            )
    for _cue, name in modality:
        if name not in vocabulary.MODALITY_NAMES:
            raise LanguageDataError(
                f"events.yaml of '{language.code}': modality {name!r} is not one of the vocabulary's"
            )

    def keys(name: str) -> tuple[str, ...]:
        return tuple(normalize_key(w) for w in raw.get(name, ()))

    return EventLexicon(
        plover,
        statement,
        by_first,
        modality,
        frozenset(keys("anaphora")),
        dict(raw.get("trigger_modality", {})),
        frozenset(raw.get("governing", ())),
        time_phrase=keys("time_phrase"),
        prepositions=frozenset(keys("prepositions")),
        describing=keys("describing"),
        rehearsal=keys("rehearsal"),
        support_verbs=tuple(raw.get("support_verbs", ())),
        conducting_verbs=tuple(raw.get("conducting_verbs", ())),
        conducting_present=tuple(raw.get("conducting_present", ())),
        reporting_verbs=frozenset(raw.get("reporting_verbs", ())),
        body_nouns=frozenset(keys("body_nouns")),
        founding=frozenset(raw.get("founding", ())),
        nisba_heads=frozenset(keys("nisba_heads")),
        needs_content=frozenset(raw.get("needs_content", ())),
        framing=keys("framing"),
        observer_kinds=frozenset(raw.get("observer_kinds", ())),
        own_party_kinds=frozenset(raw.get("own_party_kinds", ())),
        place_retreat=frozenset(raw.get("place_retreat", ())),
        dissolution=frozenset(raw.get("dissolution", ())),
        continuing=frozenset(raw.get("continuing", ())),
        unnamed_speakers=frozenset(keys("unnamed_speakers")),
        unnamed_speakers_before=frozenset(keys("unnamed_speakers_before")),
        reports_event=frozenset(raw.get("reports_event", ())),
        body_leave=frozenset(raw.get("body_leave", ())),
        members_act=frozenset(raw.get("members_act", ())),
        press_attribution=frozenset(keys("press_attribution")),
        held_by_members=frozenset(raw.get("held_by_members", ())),
        two_parties=frozenset(raw.get("two_parties", ())),
        refusal_cues=keys("refusal_cues"),
        stance_objects={
            lemma: tuple(normalize_key(w) for w in words) for lemma, words in (raw.get("stance_objects") or {}).items()
        },
        approving=frozenset(raw.get("approving", ())),
        documents=frozenset(raw.get("documents", ())),
        installations=frozenset(raw.get("installations", ())),
        decided_closing=frozenset(raw.get("decided_closing", ())),
        including=keys("including"),
        blame=frozenset(raw.get("blame", ())),
        present=frozenset(verb for spec in raw.get("types", {}).values() for verb in spec.get("present") or ()),
        conditions=keys("conditions"),
        other_senses={
            lemma: frozenset(normalize_key(w) for w in following)
            for lemma, following in (raw.get("other_senses") or {}).items()
        },
    )


def _inflected(entry: str, forms: Callable[[str], set[str]]) -> set[str]:
    """The normalized surface forms of a lexicon entry: its first word inflected by ``forms``
    (a morphology's), the rest as written; a gap word is kept as it is."""
    words = [GAP if w == GAP else normalize_key(w) for w in entry.split()]
    heads = {normalize_key(head) for head in forms(entry.split()[0])}
    return {" ".join((head, *words[1:])) for head in heads}


def _phrase_heads(morphology: Morphology) -> Callable[[str], set[str]]:
    """How the morphology reads a phrase's first word; as written where it does not say."""
    heads: Callable[[str], set[str]] | None = getattr(morphology, "phrase_head_forms", None)
    return heads if heads is not None else _as_written


def _agreeing(morphology: Morphology) -> Callable[[str], set[str]]:
    """The forms of a noun phrase whose words all take the same ending, where the morphology
    has them; none elsewhere."""
    forms: Callable[[str], set[str]] | None = getattr(morphology, "agreeing_forms", None)
    return forms if forms is not None else _none


def _none(phrase: str) -> set[str]:
    return set()


def _as_written(word: str) -> set[str]:
    return {word}


def _without_passive(morphology: Morphology) -> Callable[[str], set[str]]:
    return lambda head: morphology.verb_forms(head, passive=False)


def _vocabulary_type(language: Language, name: str) -> vocabulary.EventType:
    """The vocabulary's event type ``name``: a pack's lexicon names only those."""
    try:
        return vocabulary.event_type(name)
    except vocabulary.VocabularyError as error:
        raise LanguageDataError(f"events.yaml of '{language.code}': types: {error}") from None
