"""Whether an event happened, is planned, proposed, denied or only supposed: the trigger
itself, the future marker, or a cue word just before it (the lexicon's ``modality``)."""

from __future__ import annotations

import re

from marsad.document import Document
from marsad.extract.events.triggers import SPEECH, Found
from marsad.extract.lexicon import EventLexicon
from marsad.text.normalize import normalize_key

_MODALITY_WINDOW = 40  # characters before a trigger where a modality cue counts
_CUE_WORDS = 4  # ... and the words of them read


class Modality:
    def __init__(self, lexicon: EventLexicon) -> None:
        self._lexicon = lexicon
        self._cues = [
            (name, re.compile(rf"(?<![^\W_])(?:{'|'.join(re.escape(c) for c in cues)})(?![^\W_])"))
            for name, cues in _group_cues(lexicon.modality)
        ]

    def of(self, doc: Document, found: Found, sentence_start: int) -> str:
        if found.trigger.lemma in self._lexicon.trigger_modality:
            return self._lexicon.trigger_modality[found.trigger.lemma]
        if found.future:
            return "planned"
        before = normalize_key(doc.text[max(sentence_start, found.start - _MODALITY_WINDOW) : found.start])
        tail = " ".join(before.split()[-_CUE_WORDS:])
        for modality, pattern in self._cues:
            # a statement that proposes or plans still happened; only a denial changes it
            applies = found.trigger.type not in SPEECH or modality == "denied"
            if applies and pattern.search(tail):
                return modality
        return "asserted"


def _group_cues(cues: tuple[tuple[str, str], ...]) -> list[tuple[str, list[str]]]:
    """(modality, its cues) in the lexicon's order of first appearance, longest cue first."""
    grouped: dict[str, list[str]] = {}
    for cue, modality in cues:
        grouped.setdefault(modality, []).append(cue)
    return list(grouped.items())
