"""English morphology for the stages: no clitics, and the forms of a lemma from LemmInflect's
dictionary (irregular verbs and plurals included: «hold» → held, «withdraw» → withdrew,
withdrawn), with its rules for a word the dictionary lacks. The negations a refusal is said
with come from the pack's ``grammar.yaml``."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import lemminflect

from marsad.lang.base import Reading
from marsad.text.normalize import normalize_key

# Penn tags of the verb forms: past, past participle, present 3rd person, gerund, base.
_PAST = ("VBD", "VBN")
_PRESENT = ("VB", "VBP", "VBZ", "VBG")
_PLURAL = "NNS"


@lru_cache(maxsize=4096)
def _inflections(lemma: str, upos: str) -> dict[str, tuple[str, ...]]:
    """Every inflection of ``lemma`` by tag: the dictionary's, with the rules' for the tags
    it leaves out («detain» has no past participle listed there)."""
    found = dict(lemminflect.getAllInflections(lemma, upos=upos))
    for tag, forms in lemminflect.getAllInflectionsOOV(lemma, upos=upos).items():
        found.setdefault(tag, forms)
    return found


class EnglishMorphology:
    proclitic_chains: frozenset[str] = frozenset({""})

    def __init__(self, grammar: dict[str, Any]) -> None:
        forms = grammar.get("verb_forms", {})
        self._negation: tuple[str, ...] = tuple(normalize_key(w) for w in forms.get("negation", ()))

    def readings(self, word: str, min_stem: int = 1) -> tuple[Reading, ...]:
        return (Reading("", word),) if len(word) >= min_stem else ()

    def without_conjunction(self, word: str) -> str:
        return word

    def _verb(self, lemma: str, tags: tuple[str, ...]) -> set[str]:
        base = normalize_key(lemma)
        inflected = _inflections(base, "VERB")
        return {normalize_key(f) for tag in tags for f in inflected.get(tag, ())}

    def past_forms(self, lemma: str) -> set[str]:
        """The forms a report tells a speech or an act in: past, participle, and the present
        of the 3rd person, which English news uses as much («says», «joins»)."""
        return self._verb(lemma, (*_PAST, "VBZ"))

    def present_forms(self, lemma: str) -> set[str]:
        """«meet» → meet, meets, meeting."""
        return {normalize_key(lemma)} | self._verb(lemma, _PRESENT)

    def adverbial_participles(self, lemma: str) -> set[str]:
        """«add» → adding (the pack lists the few it reads as ``participles``)."""
        return self._verb(lemma, ("VBG",))

    def verb_forms(self, lemma: str, present: bool = False, passive: bool = True) -> set[str]:
        """Every form of the verb: English spells its tenses with auxiliaries apart (the
        modality cues read them), so a past lemma stands for all its forms. Without
        ``passive``, the participle is left out where it differs from the past («was said»
        names no speaker; «said» itself stays)."""
        if present:
            return self.present_forms(lemma)
        forms = self._verb(lemma, ("VBD",)) | self.present_forms(lemma)
        return forms | self._verb(lemma, ("VBN",)) if passive else forms

    def participles(self, lemma: str) -> set[str]:
        """«sign» → signed (the agreement signed), «deploy» → deployed."""
        return self._verb(lemma, ("VBN",))

    def negated(self, lemma: str) -> set[str]:
        """«recognize» → «not recognize», «will not recognize», «did not recognize» …: the
        base form behind each negation of the pack."""
        base = normalize_key(lemma)
        return {f"{particle} {base}" for particle in self._negation}

    def noun_forms(self, noun: str) -> set[str]:
        """A noun with its plural («summit» → summits); a phrase is kept as written."""
        base = normalize_key(noun)
        if " " in base:
            return {base}
        return {base} | {normalize_key(f) for f in _inflections(base, "NOUN").get(_PLURAL, ())}

    def carries_pronoun(self, word: str, noun: str) -> bool:
        return False  # possessives are words of their own

    def may_be_verb(self, written: str) -> bool:
        return True  # the normalized text keeps what tells a verb from a noun

    def carries_object(self, form: str, lemma: str) -> bool:
        return False  # object pronouns are words of their own

    def subject_before(self, form: str, lemma: str) -> bool:
        return False  # the subject stands before the verb whatever its number

    def skeleton(self, word: str) -> str:
        # English spellings of one name differ in more than their vowels («Rakhmon», «Rahmon»):
        # the knowledge base lists the variants, and a name is matched as written
        return word
