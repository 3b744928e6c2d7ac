"""Whether an event happened, is planned, proposed, denied or only supposed: the trigger
itself, the future marker, or a cue word just before it (the lexicon's ``modality``)."""

from __future__ import annotations

import re

from marsad.document import Document
from marsad.extract.events.triggers import SPEECH, Found
from marsad.extract.lexicon import EventLexicon
from marsad.lang import Language
from marsad.text.normalize import normalize_key
from marsad.text.segment import load_rules

_DENIED = "denied"
# what makes words unsaid: denied («لم يعلن»), or under a condition («إذا طلبت ذلك»)
_UNSAID = frozenset({_DENIED, "hypothetical"})
_MODALITY_WINDOW = 40  # characters before a trigger where a modality cue counts
_CUE_WORDS = 5  # ... and the words of them read: a cue and a time phrase («لا تنوي في الوقت الراهن»)
# A sentence that opens with a cue of these says it of all it tells after it («ومن المقرر
# أن يشارك الرئيس … في قمة …»): read in the opening words of a sentence up to this far before.
_OPENING_SCOPE = ("planned", "hypothetical")
_OPENING_REACH = 120
# How far after a planned act (characters) a condition on it is read, within its clause.
_CONDITION_REACH = 80


class Modality:
    def __init__(self, lexicon: EventLexicon, language: Language) -> None:
        self._lexicon = lexicon
        # where a clause ends in any script: the segmenter's sentence and clause marks
        rules = load_rules()
        marks = "".join(re.escape(m) for m in sorted(rules.phrase_ends))
        self._clause_mark = re.compile(f"[{marks}]" if marks else r"(?!)")
        # a cue may carry a conjunction («ومن المقرر»)
        conjunction = "|".join(re.escape(c) for c in language.clitics("conjunctions"))
        lead = rf"(?:{conjunction})?" if conjunction else ""
        self._cues = [
            (name, re.compile(rf"(?<![^\W_]){lead}(?:{'|'.join(re.escape(c) for c in cues)})(?![^\W_])"))
            for name, cues in _group_cues(lexicon.modality)
        ]
        self._denied = next((pattern for name, pattern in self._cues if name == _DENIED), None)
        conditions = "|".join(re.escape(c) for c in lexicon.conditions)
        self._condition = re.compile(rf"(?<![^\W_])(?:{lead})?(?:{conditions})(?![^\W_])") if conditions else None
        # «كما يمكن لروسيا أن …»: a discourse word may open the sentence before its cue
        openers = "|".join(re.escape(normalize_key(w)) for w in language.words("sentence_openers"))
        lead_in = rf"(?:(?:{openers})\s+)?" if openers else ""
        self._openings = [
            (name, re.compile(rf"\s*{lead_in}{p.pattern}")) for name, p in self._cues if name in _OPENING_SCOPE
        ]

    def of(self, doc: Document, found: Found, sentence_start: int) -> str:
        if found.trigger.lemma in self._lexicon.trigger_modality:
            return self._lexicon.trigger_modality[found.trigger.lemma]
        opened = self._opening(doc, found, sentence_start)
        if opened == "hypothetical":
            return opened  # «وإذا هاجمت …، فستفرض …»: what follows a condition is supposed too
        before = normalize_key(doc.text[max(sentence_start, found.start - _MODALITY_WINDOW) : found.start])
        # a cue of another clause says nothing of this one («لن يشارك …، فيما صرح»)
        tail = " ".join(self._clause_mark.split(before)[-1].split()[-_CUE_WORDS:])
        if found.future:
            # «لا تخطط لإرسال قوات»: an aim denied is no plan
            if self._denied is not None and self._denied.search(tail):
                return _DENIED
            return "hypothetical" if self._conditioned(doc, found) else "planned"
        for modality, pattern in self._cues:
            # a statement that proposes or plans still happened; only a denial or a condition
            # changes it
            applies = found.trigger.type not in SPEECH or modality in _UNSAID
            if applies and pattern.search(tail):
                return modality
        return opened or "asserted"

    def _conditioned(self, doc: Document, found: Found) -> bool:
        """Whether a condition opens after a planned act, in its clause («وسيبيعه للدول
        الأعضاء إذا لم تستطع شراءه»): what is planned then is only supposed."""
        if self._condition is None:
            return False
        after = normalize_key(doc.text[found.end : found.end + _CONDITION_REACH])
        return self._condition.search(self._clause_mark.split(after)[0]) is not None

    def _opening(self, doc: Document, found: Found, sentence_start: int) -> str:
        """The modality a sentence opens with, when it scopes over this trigger, else ""."""
        if found.trigger.type in SPEECH or found.start - sentence_start > _OPENING_REACH:
            return ""
        opening = normalize_key(doc.text[sentence_start : found.start])
        return next((modality for modality, pattern in self._openings if pattern.match(opening)), "")


def _group_cues(cues: tuple[tuple[str, str], ...]) -> list[tuple[str, list[str]]]:
    """(modality, its cues) in the lexicon's order of first appearance, longest cue first."""
    grouped: dict[str, list[str]] = {}
    for cue, modality in cues:
        grouped.setdefault(modality, []).append(cue)
    return list(grouped.items())
