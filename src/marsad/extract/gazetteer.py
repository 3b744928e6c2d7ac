"""Find knowledge-base names in normalized text with one Aho-Corasick pass.

A match counts only at a word boundary: what stands before it inside the word must be a
chain of the language's proclitics (Arabic: و ف ب ل ك ال لل), and it must end where the word ends. Overlapping
matches are resolved longest first.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

from marsad.kb.loader import AliasTarget, KnowledgeBase
from marsad.lang import Language
from marsad.text.normalize import NormalizedText, normalize_key

_MAX_PROCLITICS = 5
# The shortest word of a name still read when the text runs the name's words together.
_GLUED_WORD = 4

# What may stand between the words of a name without breaking it: a line break, a run of
# spaces, quotation marks («بعد«…»», «منظمة "…" …»); a dash with any spacing around it
# («… -…», «… – …») is one dash. Names and text are read alike after this.
# The lookahead first: a separator opens with a line break, a quotation mark or a dash, or
# with a space followed by one of those or by another space; the single space between two
# words (most of the text's non-letters) is passed over at once instead of being tried
# against each alternative in turn.
_SEPARATORS = re.compile(
    r"(?=[\t\r\n\u00ab\u00bb\u201c-\u201f\"\-\u2010-\u2015]| [ \t\r\n\u00ab\u00bb\u201c-\u201f\"\-\u2010-\u2015])"
    r"(?:[ \t\r\n]*[-\u2010-\u2015]+[ \t\r\n]*"
    r"|[ \t\r\n\u00ab\u00bb\u201c-\u201f\"]*[\t\r\n\u00ab\u00bb\u201c-\u201f\"][ \t\r\n\u00ab\u00bb\u201c-\u201f\"]*"
    r"| {2,})"
)
_QUOTES = frozenset('\u00ab\u00bb\u201c\u201d\u201e\u201f"')
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015")


def _squeezed(text: str, breaks: tuple[int, ...] = ()) -> tuple[str, list[int], list[int]]:
    """``text`` with its separators read as :data:`_SEPARATORS` says, and a space at each of
    ``breaks`` (where normalization deleted quotation marks between two words), with the runs
    mapping it back: run ``k`` starts at ``starts[k]`` in the result and ``origins[k]`` in ``text``."""
    edits = [(found.start(), found.end(), found.group()) for found in _SEPARATORS.finditer(text)]
    if breaks:
        edits = sorted(edits + [(b, b, "") for b in breaks])
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    kept = length = 0
    for start, end, run in edits:
        one = "-" if any(c in _DASHES for c in run) else " "
        if run == one or start < kept:
            continue
        pieces.append(text[kept:start])
        length += start - kept
        starts.append(length)
        origins.append(start)
        pieces.append(one)
        length += 1
        kept = end
        starts.append(length)
        origins.append(kept)
    if not starts:
        return text, starts, origins
    pieces.append(text[kept:])
    return "".join(pieces), starts, origins


def _deleted_quotes(normalized: NormalizedText) -> tuple[int, ...]:
    """The offsets in normalized text between two word characters where normalization
    deleted a quotation mark («قاعدة«…»…» reads as three words)."""
    text, found = normalized.text, []
    for position in normalized.run_starts[1:]:
        if not 0 < position < len(text) or not (_is_word_char(text[position - 1]) and _is_word_char(text[position])):
            continue
        gap = normalized.original[
            normalized.to_original(position - 1, position)[1] : normalized.to_original(position, position + 1)[0]
        ]
        if any(c in _QUOTES for c in gap):
            found.append(position)
    return tuple(found)


def _origin(starts: list[int], origins: list[int], index: int) -> int:
    run = bisect_right(starts, index) - 1
    return index if run < 0 else origins[run] + index - starts[run]


@dataclass(frozen=True, slots=True)
class Pattern:
    key: str
    targets: tuple[AliasTarget, ...]
    # True for the form of an «ال…» name after ل, whose alef drops: «للصين» = ل + الصين.
    after_lam: bool


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    start: int  # in normalized text, without proclitics
    end: int
    targets: tuple[AliasTarget, ...]
    # A place named inside a national body's name («محكمة مدينة …»): where the body is,
    # a place as it stands, never the state its capital stands for.
    located: bool = False


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


class DualBody(NamedTuple):
    start: int  # where its words start, after proclitics (the head's, for the first)
    word_end: int  # the end of its own word
    end: int  # the end of the adjective the two share, or its own word's
    name: str  # the singular head, its word and the adjective in the singular; "" without one
    bare: str  # the singular head and its word


class DualReader:
    """Two bodies named with one head in the dual and one adjective in the dual they share
    («وزارتي X وY الـ…يتين» = «وزارة X الـ…ية» and «وزارة Y الـ…ية»)."""

    def __init__(self, language: Language) -> None:
        context = language.data("context")
        self._heads = {normalize_key(k): normalize_key(v) for k, v in context.get("dual_heads", {}).items()}
        self._endings = sorted(
            ((normalize_key(k), normalize_key(v)) for k, v in context.get("dual_endings", {}).items()),
            key=lambda e: -len(e[0]),
        )
        conjunctions = language.clitics("conjunctions")
        self._pattern = None
        if self._heads and conjunctions:
            chains = sorted((p for p in language.morphology.proclitic_chains if p), key=len, reverse=True)
            prefixes = "|".join(map(re.escape, chains))
            heads = "|".join(map(re.escape, sorted(self._heads, key=len, reverse=True)))
            joined = "|".join(map(re.escape, conjunctions))
            self._pattern = re.compile(
                rf"(?<![^\W_])(?:{prefixes})?({heads}) ([^\W_]+) (?:{joined})([^\W_]+)(?: ([^\W_]+))?"
            )

    def read(self, text: str) -> list[tuple[DualBody, DualBody]]:
        # the pattern opens with a lookbehind, so it is tried at every position of the text;
        # the heads are a handful of words most articles never write, found at C speed
        if self._pattern is None or not any(head in text for head in self._heads):
            return []
        found = []
        for match in self._pattern.finditer(text):
            head = self._heads[match.group(1)]
            adjective = match.group(4) or ""
            single = next(
                (
                    adjective[: -len(e)] + s
                    for e, s in self._endings
                    if adjective.endswith(e) and len(adjective) > len(e) + 1
                ),
                "",
            )
            first, second = match.group(2), match.group(3)
            found.append(
                (
                    DualBody(
                        match.start(1),
                        match.end(2),
                        match.end(2),
                        f"{head} {first} {single}" if single else "",
                        f"{head} {first}",
                    ),
                    DualBody(
                        match.start(3),
                        match.end(3),
                        match.end(4) if single else match.end(3),
                        f"{head} {second} {single}" if single else "",
                        f"{head} {second}",
                    ),
                )
            )
        return found


class Gazetteer:
    def __init__(self, kb: KnowledgeBase, language: Language) -> None:
        self._kb = kb
        self._script = language.script_letters
        self._prefixes = language.morphology.proclitic_chains
        lam = language.clitic("lam")
        self._lam_prefixes = frozenset(c + lam for c in ("", *language.clitics("conjunctions"))) if lam else frozenset()
        self._article = language.clitic("article")
        patterns: dict[str, list[Pattern]] = {}
        for key, targets in kb.alias_index.items():
            key = _squeezed(key)[0].strip()
            patterns.setdefault(key, []).append(Pattern(key, targets, after_lam=False))
            if self._article and key.startswith(self._article) and len(key) > 3:
                dropped = key[1:]
                patterns.setdefault(dropped, []).append(Pattern(key, targets, after_lam=True))
        # «الولاياتالمتحدة», «روسياالبيضاء»: text taken from web pages loses the space between
        # the words of a name; a name of long words run together is no other word
        for key, targets in kb.alias_index.items():
            words = _squeezed(key)[0].split()
            glued = "".join(words)
            if len(words) > 1 and min(map(len, words)) >= _GLUED_WORD and glued not in patterns:
                patterns[glued] = [Pattern(glued, targets, after_lam=False)]
        self._names = {key: group[0].targets for key, group in patterns.items() if not group[0].after_lam}
        self._duals = DualReader(language)
        self._ordinal_reader = self._ordinals(language)
        self._automaton = ahocorasick.Automaton()
        for key, group in patterns.items():
            self._automaton.add_word(key, (len(key), tuple(group)))
        self._automaton.make_automaton()

    def _ordinals(self, language: Language) -> re.Pattern[str] | None:
        """«الـX <ordinal> لـY…»: the name «X Y…» counted (see :meth:`_ordinal_candidates`)."""
        ordinals = [normalize_key(w) for w in language.data("context").get("name_ordinals", [])]
        lam, article = language.clitic("lam"), self._article
        if not ordinals or not lam or not article:
            return None
        words = "|".join(map(re.escape, sorted(ordinals, key=len, reverse=True)))
        return re.compile(
            rf"(?<![^\W_]){re.escape(article)}([^\W_]+) (?:{words}) {re.escape(lam)}((?:[^\W_]+)(?: [^\W_]+){{0,3}})"
        )

    def _ordinal_candidates(self, text: str) -> list[tuple[int, int, tuple[AliasTarget, ...]]]:
        """The longest name «X Y…» read from «الـX <ordinal> لـY…»; «لل» stands for ل + the article."""
        if self._ordinal_reader is None:
            return []
        found = []
        for match in self._ordinal_reader.finditer(text):
            head, rest = match.group(1), match.group(2)
            words = rest.split(" ")
            for n in range(len(words), 0, -1):
                name = " ".join(words[:n])
                # «للمجلس»: ل + «المجلس» with its alef dropped
                readings = (self._article[0] + name, name) if name.startswith(self._article[1:]) else (name,)
                targets = next((t for r in readings if (t := self._names.get(f"{head} {r}"))), None)
                if targets:
                    found.append((match.start(), match.start(2) + len(name), targets))
                    break
        return found

    def _dual_candidates(self, text: str) -> list[tuple[int, int, tuple[AliasTarget, ...]]]:
        """Each body of two named with one head in the dual, by the full name of each alone
        (:class:`DualReader`); both or neither."""
        found = []
        for pair in self._duals.read(text):
            names = []
            for body in pair:
                targets = self._names.get(body.name) if body.name else None
                end = body.end
                if targets is None:
                    targets, end = self._names.get(body.bare), body.word_end
                names.append((body.start, end, targets))
            if all(t is not None for _, _, t in names):
                found.extend(names)  # type: ignore[arg-type]
        return found

    def _accepts(self, text: str, start: int, end: int, pattern: Pattern) -> bool:
        if end < len(text) and _is_word_char(text[end]):
            return False
        word_start = start
        while word_start > 0 and _is_word_char(text[word_start - 1]):
            word_start -= 1
            if start - word_start > _MAX_PROCLITICS:
                return False
        prefix = text[word_start:start]
        if pattern.after_lam:
            return prefix in self._lam_prefixes
        if not prefix:
            return True
        if text[start] not in self._script:
            return False  # proclitics attach to words of the language's own script
        if self._article and pattern.key.startswith(self._article) and prefix.endswith(self._article):
            return False
        return prefix in self._prefixes

    def find(self, normalized: NormalizedText) -> list[GazetteerMatch]:
        text, starts, origins = _squeezed(normalized.text, _deleted_quotes(normalized))
        candidates: list[GazetteerMatch] = []
        for start, end, targets in self._dual_candidates(text) + self._ordinal_candidates(text):
            if starts:
                start, end = _origin(starts, origins, start), _origin(starts, origins, end - 1) + 1
            targets = self._case_checked(normalized, start, end, targets)
            if targets:
                candidates.append(GazetteerMatch(start, end, targets))
        for last, (length, group) in self._automaton.iter(text):
            start, end = last - length + 1, last + 1
            for pattern in group:
                if not self._accepts(text, start, end, pattern):
                    continue
                if starts:
                    start, end = _origin(starts, origins, start), _origin(starts, origins, end - 1) + 1
                targets = self._case_checked(normalized, start, end, pattern.targets)
                if targets:
                    candidates.append(GazetteerMatch(start, end, targets))
                    break
        return _longest_first(candidates, self._kb)

    @staticmethod
    def _case_checked(
        normalized: NormalizedText, start: int, end: int, targets: tuple[AliasTarget, ...]
    ) -> tuple[AliasTarget, ...]:
        """Acronyms (CSTO, ОДКБ, US) match only in their own case: «us» is not the USA."""
        if not any(t.case_sensitive for t in targets):
            return targets
        o_start, o_end = normalized.to_original(start, end)
        surface = normalized.original[o_start:o_end]
        return tuple(t for t in targets if not t.case_sensitive or surface.upper() == surface)


# The kinds of organization that are a state's own bodies: a place or a state named inside
# their name is where the body sits or works («محكمة مدينة …», «سفارة … في …»). An
# international organization or an institute named after a city («منظمة شنغهاي») is not there.
_NATIONAL_BODY_KINDS = frozenset({"organ", "ministry", "security-service", "armed-forces"})
# Organizations that report the news: the state in their name is no state of the story.
_SOURCE_KINDS = frozenset({"media"})
# Places that are not where something happens (document-format.md): a sea, not a place.
_NOT_LOCATIONS = frozenset({"sea"})


def _longest_first(candidates: list[GazetteerMatch], kb: KnowledgeBase) -> list[GazetteerMatch]:
    """Non-overlapping matches, longest first; a name nested in a longer one survives only when
    it is the outer body's parent organization or state («مجلس حقوق الإنسان التابع للأمم المتحدة»),
    or a place inside a national body's name (:func:`_located_in`)."""
    chosen: list[GazetteerMatch] = []
    size = max((c.end for c in candidates), default=0)
    # The matches chosen first never overlap; every one chosen later lies inside one of them.
    # So the chosen matches around a candidate are the first-chosen one covering its start, if
    # it covers the candidate, and those chosen later inside that one. ``owner`` says, for each
    # position, which first-chosen match covers it (0: none; k: the k-th), filled at C speed.
    owner = array("i", bytes(4 * size))
    outer: list[GazetteerMatch] = []  # the first-chosen matches
    inside: dict[int, list[GazetteerMatch]] = {}  # index in ``outer`` -> the matches chosen inside it
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        span = cand.end - cand.start
        if not any(owner[cand.start : cand.end]):
            chosen.append(cand)
            outer.append(cand)
            owner[cand.start : cand.end] = array("i", [len(outer)]) * span
            continue
        index = owner[cand.start]
        if not index:
            continue
        body, nested = outer[index - 1], inside.get(index, ())
        if cand.end > body.end or any(c.start <= cand.start and cand.end <= c.end for c in nested):
            continue  # not inside one chosen match only
        inner_id, outer_id = cand.targets[0].entity_id, body.targets[0].entity_id
        if inner_id in _ancestors(kb, outer_id):
            chosen.append(cand)
            inside.setdefault(index, []).append(cand)
        elif _located_in(kb, inner_id, outer_id):
            cand = GazetteerMatch(cand.start, cand.end, cand.targets, located=True)
            chosen.append(cand)
            inside.setdefault(index, []).append(cand)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _located_in(kb: KnowledgeBase, inner_id: str, outer_id: str) -> bool:
    """A place named inside a national body's name is where the body is: its own mention."""
    inner, outer = kb.entities.get(inner_id), kb.entities.get(outer_id)
    if inner is None or outer is None or outer.type != "organization" or not outer.country:
        return False
    if outer.kind not in _NATIONAL_BODY_KINDS:
        return False
    # A state inside one («سفارة … في روسيا») stays hidden: the events stage would read the
    # host state as a party to what the body does.
    return inner.type == "place" and inner.kind not in _NOT_LOCATIONS


def _ancestors(kb: KnowledgeBase, entity_id: str) -> set[str]:
    """The organizations an organ belongs to, up the chain, and the state of a national body
    (not of a news agency: «وكالة الأنباء الفرنسية» cites a source, France takes no part)."""
    found: set[str] = set()
    entity = kb.entities.get(entity_id)
    while entity is not None and entity.id not in found:
        found.add(entity.id)
        if entity.country and entity.kind not in _SOURCE_KINDS:
            found.add(entity.country)
        entity = kb.entities.get(entity.parent) if entity.parent else None
    found.discard(entity_id)
    return found
