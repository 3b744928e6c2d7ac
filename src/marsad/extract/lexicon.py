"""The event trigger lexicon: forms generated from ``data/events.yaml``, looked up by word."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.datafile import load_yaml
from marsad.text.normalize import normalize_key

PAST_ENDINGS = ("", "ت", "ا", "تا", "وا", "ن", "نا")
PRESENT_PREFIXES = ("ي", "ت", "ن")
PRESENT_ENDINGS = ("", "ون", "ان", "ن")


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    words: tuple[str, ...]  # normalized words of the trigger
    form: str  # noun | verb
    lemma: str  # the form as written in the lexicon


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
    nisba_heads: frozenset[str]  # normalized nouns that a nisba after them describes
    needs_content: frozenset[str]  # lexicon lemmas that report a statement only with its content
    framing: tuple[str, ...]  # normalized phrases after which an event noun frames the event before
    observer_kinds: frozenset[str]  # organization kinds that never take part in events


def past_forms(verb: str) -> set[str]:
    """«اجتمع» → اجتمعت، اجتمعا، اجتمعوا …; weak endings: «التقى» → التقت، التقيا، التقوا."""
    base = normalize_key(verb)
    if base.endswith(("ي", "ا")):
        stem = base[:-1]
        return {base, stem + "ت", stem + "يا", stem + "وا", stem + "تا", stem + "ينا", stem + "وا"}
    return {base + ending for ending in PAST_ENDINGS}


def present_forms(verb: str) -> set[str]:
    """«يجتمع» → تجتمع، نجتمع، يجتمعون، يجتمعان …"""
    base = normalize_key(verb)
    stem = base[1:] if base.startswith("ي") else base
    forms = set()
    for prefix in PRESENT_PREFIXES:
        if base.endswith("ي"):  # «يلتقي» → يلتقون
            forms |= {prefix + stem, prefix + stem[:-1] + "ون", prefix + stem + "ان"}
        else:
            forms |= {prefix + stem + ending for ending in PRESENT_ENDINGS}
    return forms


@lru_cache(maxsize=1)
def load_event_lexicon() -> EventLexicon:
    raw = load_yaml(resources.files("marsad.extract").joinpath("data", "events.yaml").read_text(encoding="utf-8"))
    triggers: dict[str, list[Trigger]] = {}

    def add(event_type: str, surface: str, form: str, lemma: str) -> None:
        words = tuple(surface.split())
        triggers.setdefault(words[0], []).append(Trigger(event_type, words, form, lemma))

    for event_type, spec in raw["types"].items():
        for noun in spec.get("nouns") or ():
            add(event_type, normalize_key(noun), "noun", noun)
        for verb in spec.get("verbs") or ():
            words = normalize_key(verb).split()
            for head in past_forms(words[0]):
                add(event_type, " ".join((head, *words[1:])), "verb", verb)
        for verb in spec.get("present") or ():
            for form in present_forms(verb):
                add(event_type, form, "verb", verb)
    by_first = {w: tuple(sorted(ts, key=lambda t: -len(t.words))) for w, ts in triggers.items()}
    statement = {normalize_key(t): plover for plover, forms in raw["statement_plover"].items() for t in forms}
    modality = tuple(
        sorted(
            ((normalize_key(cue), name) for name, cues in raw["modality"].items() for cue in cues),
            key=lambda item: -len(item[0]),
        )
    )
    plover = {t: spec["plover"] for t, spec in raw["types"].items()}
    anaphora = frozenset(normalize_key(w) for w in raw["anaphora"])
    return EventLexicon(
        plover,
        statement,
        by_first,
        modality,
        anaphora,
        dict(raw["trigger_modality"]),
        frozenset(raw["governing"]),
        time_phrase=tuple(normalize_key(w) for w in raw["time_phrase"]),
        prepositions=frozenset(normalize_key(w) for w in raw["prepositions"]),
        describing=tuple(normalize_key(w) for w in raw["describing"]),
        nisba_heads=frozenset(normalize_key(w) for w in raw["nisba_heads"]),
        needs_content=frozenset(raw["needs_content"]),
        framing=tuple(normalize_key(w) for w in raw["framing"]),
        observer_kinds=frozenset(raw["observer_kinds"]),
    )
