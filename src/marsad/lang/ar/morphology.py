"""Arabic morphology for the stages: the one clitic analysis (proclitic chains and the
future marker) and the verb forms generated from a lemma. Every letter comes from the
pack's ``grammar.yaml``; this module only says how they combine."""

from __future__ import annotations

from typing import Any

from marsad.lang.base import Reading
from marsad.text.normalize import normalize_key

# A proclitic chain is at most conjunction + preposition + article («وبال»), four letters,
# or conjunction + future marker; a reading looks this far into a word.
_MAX_PREFIX = 5


class ArabicMorphology:
    def __init__(self, grammar: dict[str, Any]) -> None:
        clitics = grammar["clitics"]
        self._conjunctions: tuple[str, ...] = tuple(clitics["conjunctions"])
        prepositions: tuple[str, ...] = tuple(clitics["prepositions"])
        article, lam_article = clitics["article"], clitics["lam_article"]
        chains = {""}
        for conj in ("", *self._conjunctions):
            for prep in ("", *prepositions):
                chains.add(conj + prep)
                chains.add(conj + prep + article)
            chains.add(conj + lam_article)
        self.proclitic_chains = frozenset(chains)
        self._future = clitics["future"]
        # the future marker follows a conjunction only («وسيعقد»), never a preposition
        self._future_chains = frozenset(conj + self._future for conj in ("", *self._conjunctions))
        forms = grammar["verb_forms"]
        self._past_endings: tuple[str, ...] = tuple(forms["past_endings"])
        self._present_prefixes: tuple[str, ...] = tuple(forms["present_prefixes"])
        self._present_endings: tuple[str, ...] = tuple(forms["present_endings"])
        self._weak_past: tuple[str, ...] = tuple(forms["weak_past_finals"])
        self._weak_past_endings: tuple[str, ...] = tuple(forms["weak_past_endings"])
        self._weak_present: tuple[str, ...] = tuple(forms["weak_present_finals"])
        self._weak_present_endings: tuple[str, ...] = tuple(forms["weak_present_endings"])
        self._skeleton = str.maketrans("", "", grammar["skeleton_drop"])

    # Not cached here: the stages that read many words keep what they derive from the
    # readings (the events' trigger stems, the search keys), and objects kept by the million
    # would slow every pass of the cycle collector.
    def readings(self, word: str, min_stem: int = 1) -> tuple[Reading, ...]:
        out = []
        for size in range(0, min(_MAX_PREFIX, len(word) - min_stem) + 1):
            prefix, stem = word[:size], word[size:]
            if prefix in self.proclitic_chains:
                out.append(Reading(prefix, stem))
            elif prefix in self._future_chains:
                out.append(Reading(prefix, stem, future=True))
        return tuple(out)

    def without_conjunction(self, word: str) -> str:
        return word[1:] if len(word) > 2 and word[0] in self._conjunctions else word

    def past_forms(self, lemma: str) -> set[str]:
        """«اجتمع» → اجتمعت، اجتمعا، اجتمعوا …; weak endings: «التقى» → التقت، التقيا، التقوا."""
        base = normalize_key(lemma)
        if base.endswith(self._weak_past):
            stem = base[:-1]
            return {base, *(stem + ending for ending in self._weak_past_endings)}
        return {base + ending for ending in self._past_endings}

    def present_forms(self, lemma: str) -> set[str]:
        """«يجتمع» → تجتمع، نجتمع، يجتمعون، يجتمعان …; «يلتقي» → تلتقي، يلتقون …"""
        base = normalize_key(lemma)
        third = self._present_prefixes[0]  # the lexicon writes the 3rd person masculine
        stem = base[len(third) :] if base.startswith(third) else base
        forms = set()
        for prefix in self._present_prefixes:
            if base.endswith(self._weak_present):
                forms |= {prefix + stem[:-1] + ending for ending in self._weak_present_endings}
            else:
                forms |= {prefix + stem + ending for ending in self._present_endings}
        return forms

    def skeleton(self, word: str) -> str:
        return word.translate(self._skeleton)
