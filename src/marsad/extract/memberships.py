"""The membership stage: who an article says belongs (or belonged) to which organization.

Three readings: a composition («وتتألف المعاهدة من أرمينيا وجورجيا …»), a membership
phrase («أرمينيا عضو فيها», «عضوية روسيا في مجلس حقوق الإنسان»), and asserted join or
leave events («انضمت بولندا … إلى حلف الناتو في عام 1999»). Each is compared with the
reference memberships of the knowledge base; a contradiction is flagged, not dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from marsad.document import Document, Evidence, Membership, Mention
from marsad.extract.spans import ByStart, matches_by_sentence
from marsad.kb.loader import KnowledgeBase
from marsad.kb.model import Membership as KbMembership
from marsad.lang import Language
from marsad.text.normalize import normalize_key
from marsad.text.regex import NEVER, first_letters, guarded, word_trie
from marsad.text.segment import Span
from marsad.values.partial_date import dates_ordered

_NEAR = 50


@dataclass(frozen=True)
class _Cues:
    composition: re.Pattern[str]
    member: re.Pattern[str]
    back_references: frozenset[str]
    join_triggers: frozenset[str]
    leave_triggers: frozenset[str]
    list_gap: re.Pattern[str]  # what may stand between the items of a list
    copulas: frozenset[str]  # a pronoun between a state and the cue («أرمينيا هي عضو»)
    join_preposition: str  # normalized: what stands before the body joined
    leave_preposition: str  # ... and before the body left
    elided_clause: re.Pattern[str]  # a clause that leaves the join verb out


def _words(words: list[str], language: Language) -> re.Pattern[str]:
    keys = sorted({normalize_key(w) for w in words}, key=len, reverse=True)
    if not keys:
        return NEVER
    alternatives = word_trie(keys)
    conjunction = language.pattern("cue_conjunction")
    optional = conjunction.pattern if conjunction else ""
    first = first_letters([*keys, *language.clitics("conjunctions")])
    return guarded(rf"(?<![^\W_]){optional}(?:{alternatives})(?![^\W_])", first)


@lru_cache(maxsize=16)
def _cues(language: Language) -> _Cues:
    raw = language.data("memberships")

    def first_key(name: str) -> str:
        words = language.words(name)
        return normalize_key(words[0]) if words else ""

    return _Cues(
        _words(raw.get("composition", []), language),
        _words(raw.get("member_words", []), language),
        frozenset(normalize_key(w) for w in raw.get("back_references", ())),
        frozenset(raw.get("join_triggers", ())),
        frozenset(raw.get("leave_triggers", ())),
        language.pattern("list_gap") or NEVER,
        frozenset(normalize_key(w) for w in language.words("copulas")),
        first_key("join_prepositions"),
        first_key("leave_prepositions"),
        language.pattern("elided_clause") or NEVER,
    )


class MembershipStage:
    name = "memberships"
    requires = ("normalized", "sentences", "normalized_sentences", "mentions", "dates", "events")
    assigns = ("memberships",)

    def __init__(self, kb: KnowledgeBase, language: Language) -> None:
        self._kb = kb
        self._cues = _cues(language)
        # the reference periods by organization: each article report is compared with them
        self._periods: dict[str, list[KbMembership]] = {}
        for period in kb.memberships:
            self._periods.setdefault(period.org, []).append(period)

    def __call__(self, doc: Document) -> Document:
        assert doc.normalized is not None
        found: list[Membership] = []
        by_start = ByStart(doc.mentions)
        orgs = ByStart([m for m in doc.mentions if self._is_org(m)])
        dates = ByStart(doc.dates)
        text, bounds = doc.normalized.text, doc.normalized_sentences
        compositions = matches_by_sentence(self._cues.composition, text, bounds)
        member_words = matches_by_sentence(self._cues.member, text, bounds)
        for index, sentence in enumerate(doc.sentences):
            if not compositions[index] and not member_words[index]:
                continue  # most sentences name no membership
            mentions = by_start.between(sentence.start, sentence.end)
            date = _sentence_date(dates, sentence.start, sentence.end)
            # the last organization named before the sentence (what «فيها» points to)
            before = bisect_left(orgs.starts, sentence.start)
            orgs_before = orgs.items[before - 1 : before]
            found += self._compositions(doc, sentence, self._spans(doc, compositions[index]), mentions, date)
            found += self._member_phrases(
                doc, sentence, self._spans(doc, member_words[index]), mentions, orgs_before, date
            )
        found += self._from_events(doc, by_start, dates)
        doc.memberships = self._unique(found)
        return doc

    # -- readings -------------------------------------------------------------------------
    def _compositions(
        self, doc: Document, sentence: Span, cues: list[tuple[int, int]], mentions: list[Mention], date: str
    ) -> list[Membership]:
        out = []
        start, end = sentence.start, sentence.end
        for _cue_start, cue_end in cues:
            orgs = [m for m in mentions if self._is_org(m) and abs(m.start - cue_end) < _NEAR]
            members = self._list_after(doc.text, ByStart([m for m in mentions if m.entity_type == "country"]), cue_end)
            if orgs and len(members) >= 2:
                org = min(orgs, key=lambda m: abs(m.start - cue_end))
                out += [
                    self._membership(doc, c.entity_id, org.entity_id, date, "", start, end, "composition")
                    for c in members
                ]
        return out

    def _member_phrases(
        self,
        doc: Document,
        sentence: Span,
        cues: list[tuple[int, int]],
        mentions: list[Mention],
        orgs_before: list[Mention],
        date: str,
    ) -> list[Membership]:
        out = []
        start, end = sentence.start, sentence.end
        countries = ByStart([m for m in mentions if m.entity_type == "country"])
        for cue_start, cue_end in cues:
            members = (
                self._list_before(doc.text, countries, cue_start) or self._list_after(doc.text, countries, cue_end)[:1]
            )
            org = self._org_after(doc, mentions, cue_end) or self._back_reference(doc, cue_end, orgs_before, mentions)
            if org is None:
                continue
            out += [
                self._membership(doc, c.entity_id, org.entity_id, date, "", start, end, "member-phrase")
                for c in members
            ]
        return out

    def _from_events(self, doc: Document, mentions: ByStart[Mention], dates: ByStart) -> list[Membership]:
        cues = self._cues
        countries = ByStart([m for m in doc.mentions if m.entity_type == "country"])
        sentences = ByStart(doc.sentences)
        out = []
        for event in doc.events:
            joined, left = event.lemma in cues.join_triggers, event.lemma in cues.leave_triggers
            if event.modality != "asserted" or not (joined or left):
                continue
            sentence = sentences.items[max(0, bisect_right(sentences.starts, event.trigger.start) - 1)]
            preposition = cues.join_preposition if joined else cues.leave_preposition
            org = self._joined_org(doc, mentions, sentence.start, sentence.end, event.trigger.end, preposition)
            if org is None:
                continue
            # the states that join or leave stand in a list right before or after the trigger
            members = self._list_before(doc.text, countries, event.trigger.start) or self._list_after(
                doc.text, countries, event.trigger.end
            )
            groups = [(event.date, members)]
            if joined and members:
                end = members[-1].end if members else event.trigger.end
                groups += self._elided_joins(doc, dates, countries, end, sentence.end)
            for date, states in groups:
                for state in states:
                    since, until = (date, "") if joined else ("", date)
                    out.append(
                        self._membership(
                            doc,
                            state.entity_id,
                            org,
                            since,
                            until,
                            event.evidence.start,
                            event.evidence.end,
                            "event-join" if joined else "event-leave",
                        )
                    )
        return out

    # -- helpers --------------------------------------------------------------------------
    def _joined_org(
        self, doc: Document, mentions: ByStart[Mention], start: int, end: int, trigger_end: int, preposition: str
    ) -> str | None:
        """The organization joined or left: the one named after «إلى» (joining) or «من» (leaving)
        after the trigger, else the first named after it, else the last named before it."""
        orgs = [m for m in mentions.between(start, end) if self._is_org(m)]
        after = [m for m in orgs if m.start >= trigger_end]
        marked = [
            m
            for m in after
            if preposition and normalize_key(doc.text[max(start, m.start - 6) : m.start]).endswith(preposition)
        ]
        after = marked + after
        before = [m for m in orgs if m.start < trigger_end]
        chosen = after[0] if after else before[-1] if before else None
        return chosen.entity_id if chosen else None

    def _is_org(self, mention: Mention) -> bool:
        entity = self._kb.entities.get(mention.entity_id)
        return entity is not None and entity.type == "organization"

    @staticmethod
    def _spans(doc: Document, matches: list[re.Match[str]]) -> list[tuple[int, int]]:
        """The original spans of cue matches in the normalized text."""
        assert doc.normalized is not None
        return [doc.normalized.to_original(m.start(), m.end()) for m in matches]

    def _org_after(self, doc: Document, mentions: list[Mention], position: int) -> Mention | None:
        after = [m for m in mentions if self._is_org(m) and 0 <= m.start - position < _NEAR]
        return after[0] if after else None

    def _back_reference(
        self, doc: Document, position: int, orgs_before: list[Mention], mentions: list[Mention]
    ) -> Mention | None:
        following = re.findall(r"[^\W_]+", doc.text[position : position + 12])
        if not following or normalize_key(following[0]) not in self._cues.back_references:
            return None
        earlier = orgs_before + [m for m in mentions if self._is_org(m) and m.end <= position]
        return max(earlier, key=lambda m: m.start) if earlier else None

    def _membership(
        self, doc: Document, member: str, org: str, since: str, until: str, start: int, end: int, rule: str
    ) -> Membership:
        status = "former" if until else "member"
        return Membership(
            member,
            org,
            status,
            since,
            until,
            Evidence(start, end, doc.text[start:end]),
            f"memberships.{rule}",
            self._contradicts(member, org, since, until),
        )

    def _contradicts(self, member: str, org: str, since: str, until: str) -> bool:
        """True when the knowledge base knows the organization's members and has no period of
        this member's that the article's dates fit."""
        periods = self._periods.get(org, [])
        if not periods:
            return False
        mine = [m for m in periods if m.member == member]
        when_from, when_to = since or until, until or since
        return not any(
            dates_ordered(p.since, when_to or p.since) and dates_ordered(when_from or p.since, p.until) for p in mine
        )

    def _list_after(self, text: str, countries: ByStart[Mention], position: int) -> list[Mention]:
        return _list_after(text, countries, position, self._cues)

    def _list_before(self, text: str, countries: ByStart[Mention], position: int) -> list[Mention]:
        return _list_before(text, countries, position, self._cues)

    def _elided_joins(
        self, doc: Document, dates: ByStart, countries: ByStart[Mention], start: int, end: int
    ) -> list[tuple[str, list[Mention]]]:
        return _elided_joins(doc, dates, countries, start, end, self._cues)

    @staticmethod
    def _unique(found: list[Membership]) -> list[Membership]:
        seen: dict[tuple[str, str], Membership] = {}
        for m in found:
            key = (m.member, m.org)
            if key not in seen:
                seen[key] = m
            elif m.until and not seen[key].until:
                seen[key] = Membership(
                    m.member,
                    m.org,
                    "former",
                    seen[key].since or m.since,
                    m.until,
                    seen[key].evidence,
                    seen[key].rule,
                    m.contradicts_reference,
                )
        return list(seen.values())


def _sentence_date(dates: ByStart, start: int, end: int) -> str:
    years = {d.value[:4] for d in dates.between(start, end) if not d.relative}
    return years.pop() if len(years) == 1 else ""


def _list_after(text: str, countries: ByStart[Mention], position: int, cues: _Cues) -> list[Mention]:
    """The list of states right after ``position``: «من أرمينيا وجورجيا وبيلاروسيا …»."""
    items: list[Mention] = []
    cursor = position
    found = countries.items
    for index in range(bisect_left(countries.starts, position), len(found)):  # walked until the list ends
        mention = found[index]
        gap = normalize_key(text[cursor : mention.start])
        if items and not cues.list_gap.match(gap):
            break
        if not items and len(gap) > 20:
            break
        items.append(mention)
        cursor = mention.end
    return items


def _list_before(text: str, countries: ByStart[Mention], position: int, cues: _Cues) -> list[Mention]:
    """The list of states right before ``position``: «كازاخستان وأوزبكستان العضوتان»."""
    items: list[Mention] = []
    cursor = position
    found = countries.items
    for index in range(bisect_left(countries.starts, position) - 1, -1, -1):  # walked back until the list ends
        mention = found[index]
        if mention.end > position:
            continue  # a state named inside a longer name that reaches past the position
        gap = normalize_key(text[mention.end : cursor])
        # «الصين أنها عضو», «أرمينيا هي عضو»: a pronoun may stand between the state and the cue
        if not cues.list_gap.match(gap) and not (not items and gap in cues.copulas):
            break
        items.append(mention)
        cursor = mention.start
    return items[::-1]


def _elided_joins(
    doc: Document, dates: ByStart, countries: ByStart[Mention], start: int, end: int, cues: _Cues
) -> list[tuple[str, list[Mention]]]:
    """«انضمت بولندا … في عام 1999، وفي عام 2004 سلوفاكيا ورومانيا، وألبانيا في عام 2009»:
    clauses after a join that drop the verb name more members, each with its own date."""
    groups = []
    for clause in cues.elided_clause.finditer(doc.text[start:end]):
        c_start, c_end = start + clause.start(1), start + clause.end(1)
        states = [m for m in countries.between(c_start, c_end) if m.end <= c_end]
        stated = [d for d in dates.between(c_start, c_end) if not d.relative]
        if not states or len(stated) != 1:
            break
        groups.append((stated[0].value, states))
    return groups
