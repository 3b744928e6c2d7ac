"""Phrases that name several states at once («الدول الخمس», «глав государств Центральной
Азии», "the leaders of Central Asia"): a language pack's ``groups.yaml``, read by the events'
participants and by the memberships alike."""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.extract.lexicon import GAP
from marsad.lang import Language
from marsad.text.normalize import normalize_key
from marsad.text.regex import NEVER

# A gap of a phrase (the lexicons' «…»: «جمهوريات … الخمس … آسيا الوسطى») stands for at most
# this many words.
_GAP_WORDS = 3


def _pattern(phrase: str) -> str:
    """The regular expression of a group phrase in normalized text: its words as written, a
    gap («…») standing for a few words of any kind («جمهوريات الاتحاد السوفياتي الخمس»)."""
    parts = [re.escape(normalize_key(part.strip())) for part in phrase.split(GAP)]
    return rf"(?:\s+\S+){{0,{_GAP_WORDS}}}?\s+".join(parts)


@dataclass(frozen=True, slots=True)
class GroupFound:
    members: tuple[str, ...]  # the states the phrase names when the text named none before
    start: int  # where the phrase begins in the normalized text
    refers_back: int  # «الدول الخمس»: it is the last this many states the text named (0: never)


class StateGroups:
    """The group phrases of one language, longest first, matched in normalized text."""

    def __init__(self, language: Language) -> None:
        groups = language.data("groups")
        entries = sorted(groups.get("entries", []), key=lambda e: -len(e["phrase"]))
        # a language that writes its small words apart matches a phrase as whole words («и
        # государств …» is not the end of «главами государств …»); Arabic attaches them
        left, right = (r"(?<![^\W_])", r"(?![^\W_])") if groups.get("whole_words") else ("", "")
        phrases = [left + _pattern(e["phrase"]) + right for e in entries]
        self._groups = tuple(
            (re.compile(p), tuple(e["members"]), int(e.get("refers_back", 0)))
            for p, e in zip(phrases, entries, strict=True)
        )
        # one search says whether any group phrase is there at all (most texts hold none)
        self._any = re.compile("|".join(phrases)) if entries else NEVER

    def in_span(self, text: str, start: int, end: int) -> GroupFound | None:
        """The longest group phrase in ``text[start:end]`` (normalized); None for none."""
        if not self._any.search(text, start, end):
            return None
        for pattern, members, back in self._groups:
            found = pattern.search(text, start, end)
            if found:
                return GroupFound(members, found.start(), back)
        return None

    def at(self, text: str, position: int) -> tuple[int, tuple[str, ...]] | None:
        """The longest group phrase that names its states itself and begins at ``position`` of
        the normalized ``text``: where it ends and its states; None for none. A phrase that
        refers back («الدول الخمس») is not guessed at here."""
        for pattern, members, back in self._groups:
            found = pattern.match(text, position)
            if found:
                return None if back else (found.end(), members)
        return None
