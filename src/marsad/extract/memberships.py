"""The membership stage: who an article says belongs (or belonged) to which organization.

Three readings: a composition («وتتألف المعاهدة من أرمينيا وجورجيا …»), a membership
phrase («أرمينيا عضو فيها», «عضوية روسيا في مجلس حقوق الإنسان»), and asserted join or
leave events («انضمت بولندا … إلى حلف الناتو في عام 1999»). Each is compared with the
reference memberships of the knowledge base; a contradiction is flagged, not dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.datafile import load_yaml
from marsad.document import Document, Evidence, Membership, Mention
from marsad.extract.spans import ByStart
from marsad.kb.loader import KnowledgeBase, dates_ordered
from marsad.text.normalize import normalize_key
from marsad.text.regex import first_letters, guarded

_LIST_GAP = re.compile(r"^[\s,،و\"'«»“”()]*$")  # what may stand between the items of a list
_NEAR = 50
_COPULAS = frozenset({"هي", "هو", "انها", "انه", "بانها", "بانه"})


@dataclass(frozen=True)
class _Cues:
    composition: re.Pattern[str]
    member: re.Pattern[str]
    back_references: frozenset[str]
    join_triggers: frozenset[str]
    leave_triggers: frozenset[str]


def _words(words: list[str]) -> re.Pattern[str]:
    keys = sorted({normalize_key(w) for w in words}, key=len, reverse=True)
    alternatives = "|".join(re.escape(key) for key in keys)
    return guarded(rf"(?<![^\W_])[وف]?(?:{alternatives})(?![^\W_])", first_letters([*keys, "و", "ف"]))


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    raw = load_yaml(resources.files("marsad.extract").joinpath("data", "memberships.yaml").read_text(encoding="utf-8"))
    return _Cues(
        _words(raw["composition"]),
        _words(raw["member_words"]),
        frozenset(normalize_key(w) for w in raw["back_references"]),
        frozenset(raw["join_triggers"]),
        frozenset(raw["leave_triggers"]),
    )


class MembershipStage:
    name = "memberships"
    requires = ("normalized", "sentences", "mentions", "dates", "events")
    assigns = ("memberships",)

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb

    def __call__(self, doc: Document) -> Document:
        assert doc.normalized is not None
        found: list[Membership] = []
        orgs_so_far: list[Mention] = []  # the last organization named so far (what «فيها» points to)
        self._mentions = ByStart(doc.mentions)
        self._dates = ByStart(doc.dates)
        for sentence in doc.sentences:
            mentions = self._mentions.between(sentence.start, sentence.end)
            date = self._sentence_date(doc, sentence.start, sentence.end)
            found += self._compositions(doc, sentence.start, sentence.end, mentions, date)
            found += self._member_phrases(doc, sentence.start, sentence.end, mentions, orgs_so_far, date)
            orgs_so_far = (orgs_so_far + [m for m in mentions if self._is_org(m)])[-1:]
        found += self._from_events(doc)
        doc.memberships = self._unique(found)
        return doc

    # -- readings -------------------------------------------------------------------------
    def _compositions(
        self, doc: Document, start: int, end: int, mentions: list[Mention], date: str
    ) -> list[Membership]:
        out = []
        for _cue_start, cue_end in self._cue_spans(doc, start, end, _cues().composition):
            orgs = [m for m in mentions if self._is_org(m) and abs(m.start - cue_end) < _NEAR]
            members = _list_after(doc.text, [m for m in mentions if m.entity_type == "country"], cue_end)
            if orgs and len(members) >= 2:
                org = min(orgs, key=lambda m: abs(m.start - cue_end))
                out += [
                    self._membership(doc, c.entity_id, org.entity_id, date, "", start, end, "composition")
                    for c in members
                ]
        return out

    def _member_phrases(
        self, doc: Document, start: int, end: int, mentions: list[Mention], orgs_before: list[Mention], date: str
    ) -> list[Membership]:
        out = []
        countries = [m for m in mentions if m.entity_type == "country"]
        for cue_start, cue_end in self._cue_spans(doc, start, end, _cues().member):
            members = _list_before(doc.text, countries, cue_start) or _list_after(doc.text, countries, cue_end)[:1]
            org = self._org_after(doc, mentions, cue_end) or self._back_reference(doc, cue_end, orgs_before, mentions)
            if org is None:
                continue
            out += [
                self._membership(doc, c.entity_id, org.entity_id, date, "", start, end, "member-phrase")
                for c in members
            ]
        return out

    def _from_events(self, doc: Document) -> list[Membership]:
        cues = _cues()
        countries = [m for m in doc.mentions if m.entity_type == "country"]
        sentences = ByStart(doc.sentences)
        out = []
        for event in doc.events:
            lemma = event.rule.split(":", 1)[-1]
            joined, left = lemma in cues.join_triggers, lemma in cues.leave_triggers
            if event.modality != "asserted" or not (joined or left):
                continue
            sentence = sentences.items[max(0, bisect_right(sentences.starts, event.trigger.start) - 1)]
            org = self._joined_org(doc, sentence.start, sentence.end, event.trigger.end, "الي" if joined else "من")
            if org is None:
                continue
            # the states that join or leave stand in a list right before or after the trigger
            members = _list_before(doc.text, countries, event.trigger.start) or _list_after(
                doc.text, countries, event.trigger.end
            )
            groups = [(event.date, members)]
            if joined and members:
                groups += _elided_joins(doc, countries, members[-1].end if members else event.trigger.end, sentence.end)
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
    def _joined_org(self, doc: Document, start: int, end: int, trigger_end: int, preposition: str) -> str | None:
        """The organization joined or left: the one named after «إلى» (joining) or «من» (leaving)
        after the trigger, else the first named after it, else the last named before it."""
        orgs = [m for m in self._mentions.between(start, end) if self._is_org(m)]
        after = [m for m in orgs if m.start >= trigger_end]
        marked = [m for m in after if normalize_key(doc.text[max(start, m.start - 6) : m.start]).endswith(preposition)]
        after = marked + after
        before = [m for m in orgs if m.start < trigger_end]
        chosen = after[0] if after else before[-1] if before else None
        return chosen.entity_id if chosen else None

    def _is_org(self, mention: Mention) -> bool:
        entity = self._kb.entities.get(mention.entity_id)
        return entity is not None and entity.type == "organization"

    def _cue_spans(self, doc: Document, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        assert doc.normalized is not None
        norm = doc.normalized
        n_start, n_end = norm.to_normalized(start), norm.to_normalized(end)
        return [norm.to_original(m.start(), m.end()) for m in pattern.finditer(norm.text, n_start, n_end)]

    def _org_after(self, doc: Document, mentions: list[Mention], position: int) -> Mention | None:
        after = [m for m in mentions if self._is_org(m) and 0 <= m.start - position < _NEAR]
        return after[0] if after else None

    def _back_reference(
        self, doc: Document, position: int, orgs_before: list[Mention], mentions: list[Mention]
    ) -> Mention | None:
        following = re.findall(r"[^\W_]+", doc.text[position : position + 12])
        if not following or normalize_key(following[0]) not in _cues().back_references:
            return None
        earlier = orgs_before + [m for m in mentions if self._is_org(m) and m.end <= position]
        return max(earlier, key=lambda m: m.start) if earlier else None

    def _sentence_date(self, doc: Document, start: int, end: int) -> str:
        years = {d.value[:4] for d in self._dates.between(start, end) if not d.relative}
        return years.pop() if len(years) == 1 else ""

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
        periods = [m for m in self._kb.memberships if m.org == org]
        if not periods:
            return False
        mine = [m for m in periods if m.member == member]
        when_from, when_to = since or until, until or since
        return not any(
            dates_ordered(p.since, when_to or p.since) and dates_ordered(when_from or p.since, p.until) for p in mine
        )

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


def _list_after(text: str, countries: list[Mention], position: int) -> list[Mention]:
    """The list of states right after ``position``: «من أرمينيا وجورجيا وبيلاروسيا …»."""
    items: list[Mention] = []
    cursor = position
    for mention in sorted((m for m in countries if m.start >= position), key=lambda m: m.start):
        gap = normalize_key(text[cursor : mention.start])
        if items and not _LIST_GAP.match(gap):
            break
        if not items and len(gap) > 20:
            break
        items.append(mention)
        cursor = mention.end
    return items


def _list_before(text: str, countries: list[Mention], position: int) -> list[Mention]:
    """The list of states right before ``position``: «كازاخستان وأوزبكستان العضوتان»."""
    items: list[Mention] = []
    cursor = position
    for mention in sorted((m for m in countries if m.end <= position), key=lambda m: -m.start):
        gap = normalize_key(text[mention.end : cursor])
        # «الصين أنها عضو», «أرمينيا هي عضو»: a pronoun may stand between the state and the cue
        if not _LIST_GAP.match(gap) and not (not items and gap in _COPULAS):
            break
        items.append(mention)
        cursor = mention.start
    return items[::-1]


def _elided_joins(doc: Document, countries: list[Mention], start: int, end: int) -> list[tuple[str, list[Mention]]]:
    """«انضمت بولندا … في عام 1999، وفي عام 2004 سلوفاكيا ورومانيا، وألبانيا في عام 2009»:
    clauses after a join that drop the verb name more members, each with its own date."""
    groups = []
    for clause in re.finditer(r"[،,]\s*و([^،,.;؛]+)", doc.text[start:end]):
        c_start, c_end = start + clause.start(1), start + clause.end(1)
        states = [m for m in countries if c_start <= m.start and m.end <= c_end]
        dates = [d for d in ByStart(doc.dates).between(c_start, c_end) if not d.relative]
        if not states or len(dates) != 1:
            break
        groups.append((dates[0].value, states))
    return groups
