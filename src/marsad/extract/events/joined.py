"""What an accession joins. The rulebook's JOIN is an accession to an organization or a
treaty, so a JOIN whose parties hold none is incomplete: the organization is named further
on, behind the preposition of joining («انضمت في العام الماضي رسميا إلى الاتحاد …»), or
referred back to («انضمت إليها», "joined the alliance", «в свой состав»), or left unsaid
where the article is about it; a JOIN whose object is something else («انضموا إلى جماعات»,
"joined Kazakh leaders in …") is no accession at all. The constructions are the pack's
``joined_back_reference``, ``joined_ranks`` and ``joined_object`` patterns and its
``join_prepositions``."""

from __future__ import annotations

import re
from bisect import bisect_left

from marsad.document import Document, Mention
from marsad.kb.loader import KnowledgeBase
from marsad.lang import Language
from marsad.text.normalize import normalize_key
from marsad.text.regex import NEVER
from marsad.text.segment import load_rules

JOIN = "JOIN"
_ORGANIZATION = "organization"
# who joins, named between the verb and its object («انضمت أذربيجان إلى …»): skipped
_JOINERS = ("country", "person")
_JOINER_GAP = 3  # what may stand between the joiners of a list (a comma, «و»), in characters
_PREPOSITION_REACH = 12  # characters before a name in which its preposition is read
# the words an object begins within: a preposition, an article, then the name
_OBJECT_WORDS = 3
# how far back (characters) the body an accession refers back to («انضمت إليها») is looked for
_REFERRED_REACH = 400
_WORD = re.compile(r"[^\W_]+")


class JoinedOrganization:
    """The organization a JOIN joins, for the JOINs whose parties name none."""

    def __init__(self, kb: KnowledgeBase, language: Language) -> None:
        self._kb = kb
        self._back_reference = language.pattern("joined_back_reference") or NEVER
        self._object = language.pattern("joined_object") or NEVER
        self._ranks = language.pattern("joined_ranks") or NEVER
        self._object_words: int = language.grammar("joined_object_words", 0)
        self._prepositions = frozenset(normalize_key(w) for w in language.words("join_prepositions"))
        # an object is not read across the end of a sentence or clause (quotes and brackets it is)
        self._phrase_ends = load_rules().phrase_ends

    def completed(
        self,
        doc: Document,
        actors: tuple[str, ...],
        trigger: tuple[int, int],
        clause_end: int,
        mentions: tuple[list[Mention], list[int]],
    ) -> tuple[str, ...] | None:
        """The parties of a JOIN at ``trigger`` (its span) with the organization it joins, or
        None where it names something else joined. ``mentions``: the document's, sorted by
        start, with their starts."""
        if self._object is NEVER:
            return actors  # a language without the constructions: the parties as found
        every, starts = mentions
        text = doc.text
        index = bisect_left(starts, trigger[1])
        for position, first in self._object_positions(text, every, index, trigger[1], clause_end):
            if self._back_reference.match(text, position):
                # «انضمت إليها الهند», "joined it": the body named last before it is meant
                if any(self._is_organization(a) for a in actors):
                    return actors
                before = next(
                    (
                        m
                        for m in reversed(every[: bisect_left(starts, trigger[0])])
                        if trigger[0] - m.end <= _REFERRED_REACH and self._joinable(m.entity_id)
                    ),
                    None,
                )
                return actors if before is None else (*actors, before.entity_id)
            ranks = self._ranks.match(text, position)
            if ranks:
                # «в ряды террористической организации «…»», «إلى صفوف تنظيم …»: the body whose
                # ranks are joined is named next in the clause, or none is
                named = next(
                    (
                        m
                        for m in every[index:]
                        if ranks.end() <= m.start < clause_end and self._is_organization(m.entity_id)
                    ),
                    None,
                )
                return None if named is None else tuple(dict.fromkeys((*actors, named.entity_id)))
            opens = bool(self._object.match(text, position))
            if not first and not opens:
                continue  # further on, only a preposition of joining opens the object
            at_object = next((m for m in every[index:] if m.start >= position), None)
            if at_object is not None and self._names_object(text, position, at_object):
                if not self._is_organization(at_object.entity_id):
                    return None  # "joined Kazakh leaders in …": whom one goes along with, no body
                # «انضمت إلى منظمة …»; another body named before is no joiner («انسحبت من
                # المعاهدة لتنضم إلى منظمة …»: the one left)
                return (*(a for a in actors if not self._is_organization(a)), at_object.entity_id)
            if opens:
                return None  # «انضموا إلى جماعات متطرفة»: what is joined is no organization named
        if any(self._is_organization(a) for a in actors):
            return actors
        # «انضمت في العام الماضي رسميا إلى الاتحاد …»: named further on in the clause, behind
        # the preposition of joining
        later = next(
            (
                m
                for m in every[index:]
                if m.start < clause_end and self._joinable(m.entity_id) and self._after_preposition(text, m)
            ),
            None,
        )
        if later is not None:
            return (*actors, later.entity_id)
        return actors  # left unsaid («ثم انضمت جورجيا لاحقا»): as referred back to

    def _object_positions(
        self, text: str, mentions: list[Mention], index: int, trigger_end: int, clause_end: int
    ) -> list[tuple[int, bool]]:
        """Where the object may open: right after the trigger and the states named after it
        (``True``), then, in a language whose subject may stand between the verb and its object
        («انضم آلاف المتطوعين إلى القتال»), after each of up to the pack's ``joined_object_words``
        words more of the clause, up to a punctuation mark (``False``)."""
        position = self._past_joiners(text, mentions, index, trigger_end)
        positions = [(position, True)]
        for _, word in zip(range(self._object_words), _WORD.finditer(text, position, clause_end), strict=False):
            if self._phrase_ends.intersection(text[positions[-1][0] : word.start()]):
                break
            positions.append((word.end(), False))
        return positions

    def _names_object(self, text: str, position: int, mention: Mention) -> bool:
        """Whether ``mention`` is the object right at ``position``: it begins within the first
        words there («إلى منظمة «جووام»», "the SCO", «в ОДКБ»), with no sentence or clause mark
        before it (quotes and brackets may stand there)."""
        words = _WORD.finditer(text, position, mention.start + 1)
        opening = [w for _, w in zip(range(_OBJECT_WORDS), words, strict=False)]
        if not opening or mention.start > opening[-1].end():
            return False
        return not self._phrase_ends.intersection(text[position : mention.start])

    def _after_preposition(self, text: str, mention: Mention) -> bool:
        """Whether the preposition of joining stands right before ``mention``, as a word of its
        own or a proclitic on the name («لتنظيم»)."""
        if mention.start and text[mention.start - 1].isalnum():
            return True
        words = text[max(0, mention.start - _PREPOSITION_REACH) : mention.start].split()
        return bool(words) and normalize_key(words[-1]) in self._prepositions

    @staticmethod
    def _past_joiners(text: str, mentions: list[Mention], index: int, position: int) -> int:
        """Where the words after the trigger go on past the states or persons named right after
        it (the subject after a verb, a list of them)."""
        for mention in mentions[index:]:
            gap = text[position : mention.start]
            if mention.entity_type not in _JOINERS or len(gap.strip()) > _JOINER_GAP or len(gap) > 2 * _JOINER_GAP:
                break
            position = max(position, mention.end)
        return position

    def _is_organization(self, entity_id: str) -> bool:
        entity = self._kb.entities.get(entity_id)
        return entity is not None and entity.type == _ORGANIZATION

    def _joinable(self, entity_id: str) -> bool:
        """Whether a state may join ``entity_id``: an organization of the knowledge base that is
        no state's own body (a parliament, a ministry)."""
        entity = self._kb.entities.get(entity_id)
        return entity is not None and entity.type == _ORGANIZATION and not entity.country
