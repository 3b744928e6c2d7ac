"""The membership stage: who an article says belongs (or belonged) to which organization.

The readings, each a construction of the language's pack (``memberships.yaml``):

- a composition: «وتتألف المعاهدة من أرمينيا وجورجيا …», «وتضم منظمة … كلا من …»,
  «المنظمة، التي تضم 6 دول هي: …» (the organization before the cue or right after it);
- a membership phrase: «أرمينيا عضو فيها», «عضوية روسيا في مجلس …», «أصبحت … عضوا في …»;
- the member states of an organization in apposition: «دول حلف الناتو، وهي …», and a list
  followed by «وغيرها من دول …»;
- the signatories of a founding treaty: «المعاهدة التي وقعت … من قبل أرمينيا، …»;
- asserted join and leave events («انضمت بولندا … إلى حلف الناتو في عام 1999»), and a
  withdrawal from an organization («انسحاب … من منظمة …»).

A present «عضو» is a standing membership (no date: the sentence's date is not when it began);
a departure, a freeze or a suspension is only read where the text says so. Each report is
compared with the reference memberships of the knowledge base; a contradiction is flagged,
not dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from marsad.document import Document, Event, Evidence, Membership, Mention
from marsad.extract.groups import StateGroups
from marsad.extract.membership_confidence import load_model, with_confidence
from marsad.extract.spans import ByStart, WordPattern, matches_by_sentence
from marsad.kb.loader import KnowledgeBase
from marsad.kb.model import Membership as KbMembership
from marsad.lang import Language
from marsad.text.normalize import normalize_key
from marsad.text.regex import NEVER, first_letters, guarded, word_trie
from marsad.text.segment import Span
from marsad.values.partial_date import dates_ordered

_NEAR = 50
# How far before a composition cue its organization may be named («منظمة …، وهي هيئة دولية
# أمنية تضم …»), with no other name between them.
_ORG_BEFORE = 80
# The words shortly before a join or leave trigger that may say it has not happened.
_UNREALIZED_WINDOW = 3
# How far after «انضمامها» its body may be named («… في 25 كانون الثاني 2006 رسميا إلى …»),
# and how far before it the state the pronoun points to.
_PRONOUN_BODY = 60
_PRONOUN_BACK = 80
# How far back a treaty pointed to by a pronoun («وقع عليها») may be named.
_TREATY_BACK = 400
# How far after a founded organization the date of its founding may begin (characters).
_FOUNDED_DATE = 16
# How far before an organization «الأعضاء السابقين في» may begin (characters).
_FORMER_HEAD = 40
_WORD = re.compile(r"[^\W_]+")
# The reference statuses that are a membership (an observer or a partner is not one).
_MEMBER_STATUSES = frozenset({"member", "founding-member", "frozen", "suspended"})
# The event types the join and leave triggers belong to; a RETREAT is read only as a
# withdrawal from an organization named right after its preposition.
_JOIN, _LEAVE, _RETREAT = "JOIN", "LEAVE", "RETREAT"
# The kinds of organization a reference word opening a sentence may stand for («the group»).
_ABOVE_STATES = frozenset({"alliance", "intergovernmental", "format"})
# How far before the sentence the organization a reference word stands for may be named (characters).
_REFERRED_BEFORE = 400


@dataclass(frozen=True)
class _Cues:
    composition: WordPattern
    member: WordPattern
    back_references: frozenset[str]
    join_triggers: frozenset[str]
    leave_status: dict[str, str]  # a leave trigger's lemma → the status it leaves behind
    withdrawal_triggers: frozenset[str]
    list_gap: re.Pattern[str]  # what may stand between the items of a list
    copulas: frozenset[str]  # a pronoun between a state and the cue («أرمينيا هي عضو»)
    join_preposition: str  # normalized: what stands before the body joined
    leave_preposition: str  # ... and before the body left
    elided_clause: re.Pattern[str]  # a clause that leaves the join verb out
    list_opener: re.Pattern[str]  # between a composition cue and its first member
    list_more: re.Pattern[str]  # after a list: more members, uncounted
    non_member: frozenset[str]  # «مراقب»: the states are not members
    become: frozenset[str]  # «أصبحت»: a new membership
    status_words: dict[str, str]  # «تجميد» → frozen
    states_of: re.Pattern[str]  # «دول» before an organization
    appositive: re.Pattern[str]  # «، وهي» after it
    others_of: re.Pattern[str]  # «وغيرها من دول» between a list and an organization
    signing: WordPattern
    treaty_heads: frozenset[str]
    signatory_opener: re.Pattern[str]
    unrealized: frozenset[str]
    pronoun_suffixes: tuple[str, ...]
    pronoun_joins: WordPattern  # «انضمامها»: a verbal noun with a pronoun for who joins
    pronoun_leaves: WordPattern  # «انسحابها»
    bare: Callable[[str], str]  # a word without its conjunction («وعارضت» → عارضت)
    clause_mark: re.Pattern[str]  # what an organization may not stand behind to be a cue's subject
    founding: WordPattern  # «أنشأت», «تأسيس»: a state founding the organization after it
    founder_gap: re.Pattern[str]  # what may stand between the cue, the founder and the body
    founded_date_gap: re.Pattern[str]  # ... and between the body and the date of its founding
    former_members: re.Pattern[str]  # «الأعضاء السابقين في» right before an organization
    states_heads: frozenset[str]  # «الدول» right before a membership word: the states of a body
    member_list_opener: re.Pattern[str]  # between «الدول الأعضاء» and the list of them
    joiners_opener: re.Pattern[str]  # after the body joined: what opens the list of who joined
    # «The SCO was founded in 2001 by China, Russia …»: between a body and the states that
    # founded it, told in the passive
    founded_by: re.Pattern[str] = NEVER
    # «The group, which was founded in 2001, comprises …»: a clause opening with one of these
    # before a composition cue is said of the organization the sentence before named
    subject_references: re.Pattern[str] = NEVER
    # «وتضم المنظمة الهند وباكستان بالإضافة إلى الدول الخمس …»: after a list, what joins a group of states to it
    group_joiner: re.Pattern[str] = NEVER

    def says_unrealized(self, text: str, position: int) -> bool:
        """Whether one of the few words before ``position`` says what follows has not
        happened: «خطط انضمام», «لا تنوي الانضمام», «وعارضت … انضمامها»."""
        words = _WORD.findall(text[max(0, position - 40) : position])[-_UNREALIZED_WINDOW:]
        return any(self.bare(normalize_key(w)) in self.unrealized or normalize_key(w) in self.unrealized for w in words)


def _words(words: list[str] | tuple[str, ...] | set[str], language: Language) -> WordPattern:
    keys = sorted({normalize_key(w) for w in words}, key=len, reverse=True)
    if not keys:
        return WordPattern(NEVER, ())
    alternatives = word_trie(keys)
    conjunction = language.pattern("cue_conjunction")
    optional = conjunction.pattern if conjunction else ""
    first = first_letters([*keys, *language.clitics("conjunctions")])
    return WordPattern(guarded(rf"(?<![^\W_]){optional}(?:{alternatives})(?![^\W_])", first), keys)


def _regex(source: str | None) -> re.Pattern[str]:
    return re.compile(source) if source else NEVER


def _keys(words: list[str] | tuple[str, ...] | set[str]) -> frozenset[str]:
    return frozenset(normalize_key(w) for w in words)


@lru_cache(maxsize=16)
def _cues(language: Language) -> _Cues:
    raw = language.data("memberships")
    morphology = language.morphology

    def first_key(name: str) -> str:
        words = language.words(name)
        return normalize_key(words[0]) if words else ""

    leave_status = {w: "former" for w in raw.get("leave_triggers", ())}
    leave_status |= {w: "frozen" for w in raw.get("frozen_triggers", ())}
    leave_status |= {w: "suspended" for w in raw.get("suspended_triggers", ())}
    become = {form for verb in raw.get("become", ()) for form in morphology.past_forms(verb)}
    status_words = {
        normalize_key(word): status for status, words in raw.get("status_words", {}).items() for word in words
    }
    signing = {form for verb in raw.get("signing_verbs", ()) for form in morphology.past_forms(verb)}
    signing |= {normalize_key(w) for w in raw.get("signing_words", ())}
    suffixes = [normalize_key(s) for s in raw.get("pronoun_suffixes", ())]

    def with_pronouns(name: str) -> WordPattern:
        return _words({normalize_key(noun) + suffix for noun in raw.get(name, ()) for suffix in suffixes}, language)

    return _Cues(
        _words(raw.get("composition", []), language),
        _words(raw.get("member_words", []), language),
        _keys(raw.get("back_references", ())),
        frozenset(raw.get("join_triggers", ())),
        leave_status,
        frozenset(raw.get("withdrawal_triggers", ())),
        language.pattern("list_gap") or NEVER,
        _keys(language.words("copulas")),
        first_key("join_prepositions"),
        first_key("leave_prepositions"),
        language.pattern("elided_clause") or NEVER,
        _regex(raw.get("list_opener")),
        _regex(raw.get("list_more")),
        _keys(raw.get("non_member", ())),
        frozenset(become),
        status_words,
        _regex(raw.get("states_of")),
        _regex(raw.get("appositive")),
        _regex(raw.get("others_of")),
        _words(sorted(signing), language),
        _keys(raw.get("treaty_heads", ())),
        _regex(raw.get("signatory_opener")),
        _keys(raw.get("unrealized", ())),
        tuple(sorted(suffixes, key=len, reverse=True)),
        with_pronouns("join_nouns"),
        with_pronouns("leave_nouns"),
        morphology.without_conjunction,
        _regex(raw.get("clause_mark")),
        _words(
            sorted(
                {form for verb in raw.get("founding_verbs", ()) for form in morphology.past_forms(verb)}
                | {normalize_key(w) for w in raw.get("founding_nouns", ())}
            ),
            language,
        ),
        _regex(raw.get("founder_gap")),
        _regex(raw.get("founded_date_gap")),
        _regex(raw.get("former_members")),
        _keys(raw.get("states_heads", ())),
        _regex(raw.get("member_list_opener")),
        _regex(raw.get("joiners_opener")),
        _regex(raw.get("founded_by")),
        _regex(raw.get("subject_references")),
        _regex(raw.get("group_joiner")),
    )


class MembershipStage:
    name = "memberships"
    requires = ("normalized", "sentences", "normalized_sentences", "mentions", "dates", "events")
    assigns = ("memberships",)

    def __init__(self, kb: KnowledgeBase, language: Language) -> None:
        self._kb = kb
        self._cues = _cues(language)
        self._groups = StateGroups(language)
        self._confidence = load_model()
        # the reference periods by organization: each article report is compared with them
        self._periods: dict[str, list[KbMembership]] = {}
        for period in kb.memberships:
            self._periods.setdefault(period.org, []).append(period)

    def __call__(self, doc: Document) -> Document:
        assert doc.normalized is not None
        found: list[Membership] = []
        by_start = ByStart(doc.mentions)
        orgs = ByStart([m for m in doc.mentions if self._is_org(m)])
        countries = ByStart(_states(doc.mentions))
        dates = ByStart(doc.dates)
        text, bounds = doc.normalized.text, doc.normalized_sentences
        compositions = self._cues.composition.by_sentence(text, bounds)
        member_words = self._cues.member.by_sentence(text, bounds)
        others = matches_by_sentence(self._cues.others_of, text, bounds)
        signings = self._cues.signing.by_sentence(text, bounds)
        pronoun_joins = self._cues.pronoun_joins.by_sentence(text, bounds)
        pronoun_leaves = self._cues.pronoun_leaves.by_sentence(text, bounds)
        foundings = self._cues.founding.by_sentence(text, bounds)
        for index, sentence in enumerate(doc.sentences):
            mentions = by_start.between(sentence.start, sentence.end)
            sentence_orgs = orgs.between(sentence.start, sentence.end)
            # the last organization named before the sentence (what «فيها» points to)
            before = bisect_left(orgs.starts, sentence.start)
            orgs_before = orgs.items[before - 1 : before]
            if sentence_orgs:
                found += self._appositions(doc, sentence, sentence_orgs, countries)
            if foundings[index]:
                found += self._founders(doc, self._spans(doc, foundings[index]), mentions, dates)
            if sentence_orgs:
                found += self._founded_by(doc, sentence, sentence_orgs, countries, dates)
            cued = compositions[index] or member_words[index] or others[index] or signings[index]
            if not (cued or pronoun_joins[index] or pronoun_leaves[index]):
                continue  # most sentences name no membership
            date = _sentence_date(dates, sentence.start, sentence.end)
            found += self._compositions(doc, sentence, self._spans(doc, compositions[index]), mentions, countries)
            found += self._member_phrases(
                doc, sentence, self._spans(doc, member_words[index]), mentions, orgs_before, date
            )
            found += self._others_of(doc, sentence, self._spans(doc, others[index]), sentence_orgs, countries)
            found += self._signatories(
                doc, sentence, self._spans(doc, signings[index]), sentence_orgs, orgs, countries, date
            )
            for matches, joined in ((pronoun_joins[index], True), (pronoun_leaves[index], False)):
                found += self._pronoun_events(
                    doc, sentence, self._spans(doc, matches), sentence_orgs, countries, dates, joined
                )
        found += self._from_events(doc, by_start, dates)
        doc.memberships = [with_confidence(m, self._confidence) for m in self._unique(found)]
        return doc

    # -- readings -------------------------------------------------------------------------
    def _compositions(
        self,
        doc: Document,
        sentence: Span,
        cues: list[tuple[int, int]],
        mentions: list[Mention],
        countries: ByStart[Mention],
    ) -> list[Membership]:
        """«وتضم منظمة … كلا من أ وب», «المنظمة، التي تضم أ وب»: the organization is the
        subject, right after the cue or before it in the same clause; its members follow."""
        out = []
        text = doc.text
        orgs = [m for m in mentions if self._is_org(m)]
        for cue_start, cue_end in cues:
            after = [m for m in orgs if m.start >= cue_end and _blank(text[cue_end : m.start])]
            if after:
                org, list_from = after[0], after[0].end
            else:
                org = self._org_before(doc, orgs, mentions, cue_start) or self._referred(doc, sentence, cue_start)
                list_from = cue_end
            if org is None:
                continue
            members = self._list_after(text, countries, list_from, sentence.end, self._cues.list_opener)
            # one state is a list only when more follow uncounted («تضم روسيا و12 من …»)
            if not members or (len(members) < 2 and not self._list_goes_on(text, members[-1].end)):
                continue
            out += self._members(doc, members, org.entity_id, "member", "", sentence, "composition")
            out += [
                self._membership(doc, state, org.entity_id, "member", "", "", sentence, "composition")
                for state in self._group_after(doc, members[-1].end, sentence.end)
            ]
        return out

    def _group_after(self, doc: Document, position: int, end: int) -> tuple[str, ...]:
        """The states of a group phrase that goes on with the list ending at ``position``
        («… الهند وباكستان بالإضافة إلى الدول الخمس السوفيتية السابقة»), before ``end``."""
        norm = doc.normalized
        assert norm is not None
        start, stop = norm.to_normalized(position), norm.to_normalized(end)
        joined = self._cues.group_joiner.match(norm.text, start, stop)
        if joined is None:
            return ()
        group = self._groups.at(norm.text, joined.end())
        return group[1] if group is not None and group[0] <= stop else ()

    def _referred(self, doc: Document, sentence: Span, position: int) -> Mention | None:
        """The organization a sentence opening with a reference to one («The group, which …
        comprises») is of: the last organization above states the sentence before named."""
        opening = normalize_key(doc.text[sentence.start : position])
        if not self._cues.subject_references.match(opening):
            return None
        named = [
            m
            for m in doc.mentions
            if sentence.start - _REFERRED_BEFORE <= m.start < sentence.start
            and self._is_org(m)
            and self._kb.entities[m.entity_id].kind in _ABOVE_STATES
        ]
        return named[-1] if named else None

    def _list_goes_on(self, text: str, position: int) -> bool:
        return self._cues.list_more.match(normalize_key(text[position : position + 20])) is not None

    def _org_before(self, doc: Document, orgs: list[Mention], mentions: list[Mention], position: int) -> Mention | None:
        """The organization a composition cue is said of when none follows it: the last named
        before it, in the same clause, with no other name between them."""
        earlier = [m for m in orgs if m.end <= position and position - m.end <= _ORG_BEFORE]
        if not earlier:
            return None
        org = earlier[-1]
        gap = doc.text[org.end : position]
        if self._cues.clause_mark.search(gap):
            return None
        # a place may stand between («… وقعت في 1992 في طشقند وتضم …»), no other name
        if any(
            org.end <= m.start < position and m.entity_id != org.entity_id and m.entity_type != "place"
            for m in mentions
        ):
            return None
        return org

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
        text = doc.text
        countries = ByStart(_states(mentions))
        for cue_start, cue_end in cues:
            if self._next_word(text, cue_end, sentence.end) in self._cues.non_member:
                continue  # «عضو مراقب»: an observer is not a member
            # the member: a list right before («أرمينيا عضو»), or the state right after the
            # word («عضوية روسيا في …»), never a name further on («عضو مجلس الدوما الروسي»)
            members = self._list_before(text, countries, cue_start)
            subject_start = members[0].start if members else cue_start
            org = self._org_after(doc, mentions, cue_end) or self._back_reference(doc, cue_end, orgs_before, mentions)
            if not members and self._previous_word(text, cue_start, sentence.start) in self._cues.states_heads:
                # «الدول الأعضاء التسع وهي روسيا والصين …»: the states of the body
                # named in apposition, the body the one named last (here or just before)
                listed = self._list_after(text, countries, cue_end, sentence.end, self._cues.member_list_opener)
                if len(listed) >= 2:
                    members = listed
                    earlier = orgs_before + [m for m in mentions if self._is_org(m) and m.end <= cue_start]
                    org = org or (max(earlier, key=lambda m: m.start) if earlier else None)
            if not members:
                members = self._list_after(text, countries, cue_end, sentence.end, _BLANK)[:1]
            if org is None or not members:
                continue
            # the word before the membership word or before its subject may say what became of
            # it: «تجميد عضويتها», «جمدت أرمينيا عضويتها», «أصبحت كازاخستان عضوا»
            before = {
                self._previous_word(text, cue_start, sentence.start),
                self._previous_word(text, subject_start, sentence.start),
            }
            statuses = {self._cues.status_words[w] for w in before if w in self._cues.status_words}
            status = statuses.pop() if len(statuses) == 1 else "member"
            # a new membership is dated by the sentence; a present «عضو» is a standing one,
            # and the sentence's date is not when it began
            became = bool(before & self._cues.become)
            since = date if became and status == "member" else ""
            out += self._members(doc, members, org.entity_id, status, since, sentence, "member-phrase")
        return out

    def _appositions(
        self, doc: Document, sentence: Span, orgs: list[Mention], countries: ByStart[Mention]
    ) -> list[Membership]:
        """«دول حلف الناتو، وهي أ وب», «أعضاء المنظمة: أ، ب»: the states of an organization
        named in apposition after it."""
        out = []
        text = doc.text
        cues = self._cues
        for org in orgs:
            head = normalize_key(text[max(sentence.start, org.start - 30) : org.start])
            if not cues.states_of.search(head):
                continue
            # the list stands behind a mark or a word that opens it («، وهي», «:», a quote),
            # never right behind the name: a quote is folded away in the normalized gap
            behind = text[org.end : org.end + 3].lstrip()
            if behind and not behind[0].isalnum() and normalize_key(behind[0]) == "":
                opener = _APPOSITIVE_MARKED
            else:
                opener = cues.appositive
            members = self._list_after(text, countries, org.end, sentence.end, opener)
            out += self._members(doc, members, org.entity_id, "member", "", sentence, "apposition")
        return out

    def _others_of(
        self,
        doc: Document,
        sentence: Span,
        cues: list[tuple[int, int]],
        orgs: list[Mention],
        countries: ByStart[Mention],
    ) -> list[Membership]:
        """«فرنسا وغيرها من دول حلف الناتو»: the list before is of the organization's states."""
        out = []
        for cue_start, cue_end in cues:
            org = next((m for m in orgs if m.start >= cue_end and _blank(doc.text[cue_end : m.start])), None)
            members = self._list_before(doc.text, countries, cue_start)
            if org is None:
                continue
            out += self._members(doc, members, org.entity_id, "member", "", sentence, "others-of")
        return out

    def _signatories(
        self,
        doc: Document,
        sentence: Span,
        cues: list[tuple[int, int]],
        orgs: list[Mention],
        all_orgs: ByStart[Mention],
        countries: ByStart[Mention],
        date: str,
    ) -> list[Membership]:
        """«المعاهدة التي وقعت في … من قبل أ، وب», «وقع عليها ست دول هي: أ، ب»: the states that
        signed an organization's founding treaty are its founding members. The organization is
        the treaty named right before the signing word (or pointed to by «عليها»)."""
        out = []
        text = doc.text
        for cue_start, cue_end in cues:
            treaty = self._treaty_before(doc, orgs, all_orgs, cue_start, cue_end)
            if treaty is None:
                continue
            members = self._list_after(text, countries, cue_end, sentence.end, self._cues.signatory_opener)
            if len(members) < 2:
                continue
            out += [
                self._membership(
                    doc, c.entity_id, treaty.entity_id, "founding-member", date, "", sentence, "signatories"
                )
                for c in members
            ]
        return out

    def _treaty_before(
        self, doc: Document, orgs: list[Mention], all_orgs: ByStart[Mention], cue_start: int, cue_end: int
    ) -> Mention | None:
        text = doc.text
        following = _WORD.findall(text[cue_end : cue_end + 12])
        if following and normalize_key(following[0]) in self._cues.back_references:
            # «وقع عليها»: the treaty named last, in this sentence or shortly before it
            earlier = all_orgs.between(max(0, cue_start - _TREATY_BACK), cue_start)
            treaties = [m for m in earlier if m.end <= cue_start and self._is_treaty(m)]
            return treaties[-1] if treaties else None
        # «… المعاهدة التي وقعت»: the treaty stands right before, a relative word between
        earlier = [m for m in orgs if m.end <= cue_start and cue_start - m.end <= _NEAR and self._is_treaty(m)]
        if not earlier or self._cues.clause_mark.search(text[earlier[-1].end : cue_start]):
            return None
        return earlier[-1]

    def _pronoun_events(
        self,
        doc: Document,
        sentence: Span,
        cues: list[tuple[int, int]],
        orgs: list[Mention],
        countries: ByStart[Mention],
        dates: ByStart,
        joined: bool,
    ) -> list[Membership]:
        """«رحبت … بأوزبكستان بعد انضمامها في عام 2006 إلى المنظمة»: a verbal noun whose pronoun
        names who joins (or leaves): the state named last before it in the sentence. The body
        stands behind the preposition («إلى», «من») shortly after; the date, if any, between."""
        out = []
        text, cues_ = doc.text, self._cues
        preposition = cues_.join_preposition if joined else cues_.leave_preposition
        for cue_start, cue_end in cues:
            if cues_.says_unrealized(text[sentence.start : cue_start], cue_start - sentence.start):
                continue
            org = next((m for m in orgs if m.start >= cue_end), None)
            if org is None or org.start - cue_end > _PRONOUN_BODY or not preposition:
                continue
            if not normalize_key(text[max(cue_end, org.start - 6) : org.start]).endswith(preposition):
                continue
            if any(cue_end <= m.start < org.start for m in countries.between(cue_end, org.start)):
                continue  # «انسحابها من كازاخستان»: a state, not the body, is what is left
            antecedents = [
                m
                for m in countries.between(max(sentence.start, cue_start - _PRONOUN_BACK), cue_start)
                if m.end <= cue_start
            ]
            if not antecedents:
                continue
            stated = [d for d in dates.between(cue_end, org.start) if not d.relative]
            date = stated[0].value if len(stated) == 1 else ""
            since, until = (date, "") if joined else ("", date)
            out.append(
                self._membership(
                    doc,
                    antecedents[-1].entity_id,
                    org.entity_id,
                    "member" if joined else "former",
                    since,
                    until,
                    Span(cue_start, org.end),
                    "pronoun-join" if joined else "pronoun-leave",
                )
            )
        return out

    def _founders(
        self, doc: Document, cues: list[tuple[int, int]], mentions: list[Mention], dates: ByStart
    ) -> list[Membership]:
        """«أسست موسكو حلف وارسو سنة 1955», «تأسيس واشنطن للناتو»: the state right
        after a word of founding founds the organization right after it, and is its founding
        member (dated by a date right after the organization). A state that did not exist then
        founded nothing: the state it succeeded did, where the knowledge base knows one."""
        out = []
        text, gap = doc.text, self._cues.founder_gap
        for cue_start, cue_end in cues:
            after = [m for m in mentions if m.start >= cue_end][:2]
            if len(after) < 2:
                continue
            founder, org = after
            if founder.entity_type != "country" or not self._is_org(org):
                continue
            if not (gap.fullmatch(text[cue_end : founder.start]) and gap.fullmatch(text[founder.end : org.start])):
                continue
            stated = [d for d in dates.between(org.end, org.end + _FOUNDED_DATE) if not d.relative]
            date_gap = self._cues.founded_date_gap
            since = stated[0].value if stated and date_gap.fullmatch(text[org.end : stated[0].start]) else ""
            member = founder.entity_id
            state = self._kb.entities.get(member)
            if state is not None and since and state.valid_from and not dates_ordered(state.valid_from, since):
                # «أنشأت موسكو … في عام 1955»: the state it succeeded, if the knowledge base knows it
                member = state.predecessor
            if not member:
                continue
            out.append(
                self._membership(
                    doc,
                    member,
                    org.entity_id,
                    "founding-member",
                    since,
                    "",
                    Span(cue_start, org.end),
                    "founder",
                )
            )
        return out

    def _founded_by(
        self, doc: Document, sentence: Span, orgs: list[Mention], countries: ByStart[Mention], dates: ByStart
    ) -> list[Membership]:
        """«The SCO was founded in 2001 by China, Russia, …»: the states listed after the
        passive of founding are the organization's founding members, since the year the same
        words state."""
        out = []
        text = doc.text
        for org in orgs:
            if not self._is_org(org):
                continue
            found = self._cues.founded_by.match(text, org.end, sentence.end)
            if found is None:
                continue
            members = self._list_after(text, countries, found.end(), sentence.end, _BLANK)
            if not members:
                continue
            stated = [d for d in dates.between(org.end, found.end()) if not d.relative]
            since = stated[0].value if stated else ""
            span = Span(org.start, members[-1].end)
            out += [
                self._membership(doc, m.entity_id, org.entity_id, "founding-member", since, "", span, "founded-by")
                for m in members
                if m.entity_id != org.entity_id
            ]
        return out

    def _former_members_joining(
        self, doc: Document, earlier_orgs: list[Mention], members: list[Mention], evidence: Evidence
    ) -> list[Membership]:
        """«التحقت بالناتو جمهوريات كانت من الأعضاء السابقين في حلف وارسو،
        منها بولندا …»: those who joined were members of the organization named after «الأعضاء
        السابقين في», before the one joined."""
        assert doc.normalized is not None
        norm = doc.normalized
        out = []
        for org in earlier_orgs:
            head = norm.text[norm.to_normalized(max(0, org.start - _FORMER_HEAD)) : norm.to_normalized(org.start)]
            if not self._cues.former_members.search(head):
                continue
            out += [
                self._membership(doc, m.entity_id, org.entity_id, "former", "", "", evidence, "former-members")
                for m in members
            ]
        return out

    def _is_treaty(self, mention: Mention) -> bool:
        words = _WORD.findall(mention.text)
        return bool(words) and normalize_key(words[0]) in self._cues.treaty_heads

    def _from_events(self, doc: Document, mentions: ByStart[Mention], dates: ByStart) -> list[Membership]:
        cues = self._cues
        countries = ByStart(_states(doc.mentions))
        sentences = ByStart(doc.sentences)
        out = []
        for event in doc.events:
            joined = event.type == _JOIN and event.lemma in cues.join_triggers
            status = cues.leave_status.get(event.lemma, "") if event.type == _LEAVE else ""
            withdrawal = event.type == _RETREAT and event.lemma in cues.withdrawal_triggers
            if event.modality != "asserted" or not (joined or status or withdrawal):
                continue
            if self._unrealized(doc.text, event):
                continue  # «خطط انضمام», «لا تنوي الانضمام»: it has not happened
            sentence = sentences.items[max(0, bisect_right(sentences.starts, event.trigger.start) - 1)]
            preposition = cues.join_preposition if joined else cues.leave_preposition
            # a freeze or a suspension names its body after «في» («جمدت مشاركتها في …»)
            if status in ("frozen", "suspended"):
                preposition = ""
            org = self._joined_org(doc, mentions, sentence, event.trigger.end, preposition, strict=not joined)
            if org is None:
                continue
            # the states that join or leave stand in a list right before the trigger, or right
            # after it and before the organization; a pronoun on the trigger («انضمامها») points
            # to the state named last before it
            limit = org.start if org.start > event.trigger.end else sentence.end
            members = self._list_before(doc.text, countries, event.trigger.start) or self._list_after(
                doc.text, countries, event.trigger.end, limit, _BLANK
            )
            if not members and joined and org.start > event.trigger.end:
                # «انضمت إلى الاتفاقية لاحقا كل من جورجيا وأرمينيا»: the list after the
                # body, opened by «كل من»
                members = self._list_after(doc.text, countries, org.end, sentence.end, cues.joiners_opener)
            if not members and self._has_pronoun(event):
                previous = countries.between(sentence.start, event.trigger.start)
                members = previous[-1:]
            if not members and not joined:
                # «وكانت أوزبكستان قد سبق أن انسحبت من …»: the subject the events stage found,
                # named last before the trigger in the sentence, or inside a trigger with a gap
                # («انسحبت أوزبكستان من …»)
                actors = set(event.actors)
                previous = [m for m in countries.between(sentence.start, event.trigger.end) if m.entity_id in actors]
                members = previous[-1:]
            groups = [(event.date if event.date_source == "text" else "", members)]
            if joined and members:
                end = members[-1].end
                groups += self._elided_joins(doc, dates, countries, end, sentence.end)
            if joined and members:
                # «التحقت بالناتو جمهوريات كانت من الأعضاء السابقين في حلف وارسو»
                earlier = [m for m in mentions.between(sentence.start, org.start) if self._is_org(m)]
                joiners = [state for _, states in groups for state in states]
                out += self._former_members_joining(doc, earlier, joiners, event.evidence)
            leave_status = "former" if withdrawal else status
            for date, states in groups:
                for state in states:
                    since, until = (date, "") if joined else ("", date if leave_status == "former" else "")
                    out.append(
                        self._membership(
                            doc,
                            state.entity_id,
                            org.entity_id,
                            "member" if joined else leave_status,
                            since,
                            until,
                            event.evidence,
                            "event-join" if joined else "event-leave",
                        )
                    )
        return out

    # -- helpers --------------------------------------------------------------------------
    def _joined_org(
        self,
        doc: Document,
        mentions: ByStart[Mention],
        sentence: Span,
        trigger_end: int,
        preposition: str,
        strict: bool,
    ) -> Mention | None:
        """The organization joined or left: the one named after «إلى» (joining) or «من» (leaving)
        after the trigger, else (joining only) the first named after it, else the last named
        before it. A departure names what is left right after its preposition: «الانسحاب من
        كازاخستان» is a withdrawal of forces, not a departure from an organization."""
        start, end = sentence.start, sentence.end
        orgs = [m for m in mentions.between(start, end) if self._is_org(m)]
        after = [m for m in orgs if m.start >= trigger_end]
        marked = [
            m
            for m in after
            if preposition and normalize_key(doc.text[max(start, m.start - 6) : m.start]).endswith(preposition)
        ]
        if strict:
            return self._left_org(doc, mentions, sentence, trigger_end, preposition, marked)
        after = marked + after
        before = [m for m in orgs if m.start < trigger_end]
        return after[0] if after else before[-1] if before else None

    def _left_org(
        self,
        doc: Document,
        mentions: ByStart[Mention],
        sentence: Span,
        trigger_end: int,
        preposition: str,
        marked: list[Mention],
    ) -> Mention | None:
        """What a departure leaves: the organization behind the first «من» after the trigger
        (with at most a few words between: «انسحاب طشقند الأخير من منظمة …»), or the one
        «منها» points back to."""
        text = doc.text
        window = normalize_key(text[trigger_end : min(sentence.end, trigger_end + 40)])
        words = window.split()
        if words and words[0] in self._cues.back_references:
            orgs = [m for m in mentions.between(sentence.start, trigger_end) if self._is_org(m)]
            return orgs[-1] if orgs else None
        if not preposition:
            # no preposition to look for: the first organization shortly after, no name between
            first = next((m for m in mentions.between(trigger_end, sentence.end) if self._is_org(m)), None)
            if first is not None and first.start - trigger_end <= 40:
                return first
            return None
        for m in marked:
            # no other name between the trigger and the organization but the one who leaves
            between = [x for x in mentions.between(trigger_end, m.start) if x.end <= m.start]
            if len(between) <= 1 and m.start - trigger_end <= 40:
                return m
            break
        # the trigger's lemma holds the preposition («الانسحاب من»): the organization is right after
        first = next((m for m in mentions.between(trigger_end, sentence.end)), None)
        if first is not None and self._is_org(first) and _blank(text[trigger_end : first.start]):
            return first
        return None

    def _unrealized(self, text: str, event: Event) -> bool:
        return self._cues.says_unrealized(text, event.trigger.start)

    def _has_pronoun(self, event: Event) -> bool:
        """Whether the trigger word carries a pronoun suffix after its lemma: «انضمامها»."""
        words = _WORD.findall(event.trigger.text)
        if not words:
            return False
        word, lemma = normalize_key(words[-1]), _WORD.findall(normalize_key(event.lemma))
        stem = lemma[-1] if lemma else ""
        return any(word.endswith(stem + suffix) for suffix in self._cues.pronoun_suffixes)

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
        if not after or self._cues.clause_mark.search(doc.text[position : after[0].start]):
            return None
        return after[0]

    def _back_reference(
        self, doc: Document, position: int, orgs_before: list[Mention], mentions: list[Mention]
    ) -> Mention | None:
        following = _WORD.findall(doc.text[position : position + 12])
        if not following or normalize_key(following[0]) not in self._cues.back_references:
            return None
        earlier = orgs_before + [m for m in mentions if self._is_org(m) and m.end <= position]
        return max(earlier, key=lambda m: m.start) if earlier else None

    @staticmethod
    def _next_word(text: str, position: int, end: int) -> str:
        words = _WORD.findall(text[position : min(end, position + 20)])
        return normalize_key(words[0]) if words else ""

    @staticmethod
    def _previous_word(text: str, position: int, start: int) -> str:
        words = _WORD.findall(text[max(start, position - 20) : position])
        return normalize_key(words[-1]) if words else ""

    def _members(
        self, doc: Document, members: list[Mention], org: str, status: str, since: str, sentence: Span, rule: str
    ) -> list[Membership]:
        """The memberships of a list of states in ``org``, all read by one rule from one sentence."""
        return [self._membership(doc, c.entity_id, org, status, since, "", sentence, rule) for c in members]

    def _membership(
        self,
        doc: Document,
        member: str,
        org: str,
        status: str,
        since: str,
        until: str,
        span: Span | Evidence,
        rule: str,
    ) -> Membership:
        return Membership(
            member,
            org,
            status,
            since,
            until,
            Evidence(span.start, span.end, doc.text[span.start : span.end]),
            f"memberships.{rule}",
            self._contradicts(member, org, status, since, until),
        )

    def _contradicts(self, member: str, org: str, status: str, since: str, until: str) -> bool:
        """True when the knowledge base knows the organization's members and no membership
        period of this member's fits the report: a standing membership needs a period (an
        observer's or a partner's is not one), a join one that begins that year, a departure
        one that ends that year, a freeze or a suspension a period of that status."""
        periods = self._periods.get(org, [])
        if not periods:
            return False
        mine = [p for p in periods if p.member == member and p.status in _MEMBER_STATUSES]
        if status in ("frozen", "suspended"):
            return not any(p.status == status for p in mine)
        if until:
            return not any(p.until and _near_year(p.until, until) for p in mine)
        if since:
            # a join begins a membership: a freeze or a suspension that begins then is not one
            return not any(_near_year(p.since, since) for p in mine if p.status in ("member", "founding-member"))
        if status == "founding-member":
            return not any(p.status == "founding-member" for p in mine)
        return not any(dates_ordered(p.since, p.until) for p in mine)

    def _list_after(
        self, text: str, countries: ByStart[Mention], position: int, end: int, opener: re.Pattern[str]
    ) -> list[Mention]:
        return _list_after(text, countries, position, end, opener, self._cues)

    def _list_before(self, text: str, countries: ByStart[Mention], position: int) -> list[Mention]:
        return _list_before(text, countries, position, self._cues)

    def _elided_joins(
        self, doc: Document, dates: ByStart, countries: ByStart[Mention], start: int, end: int
    ) -> list[tuple[str, list[Mention]]]:
        return _elided_joins(doc, dates, countries, start, end, self._cues)

    @staticmethod
    def _unique(found: list[Membership]) -> list[Membership]:
        """One report per member and organization. A stated departure, freeze or suspension
        wins over a standing membership and brings its own evidence: the row must show the
        words that say the state left, not the list that says it was a member."""
        seen: dict[tuple[str, str], Membership] = {}
        for m in found:
            key = (m.member, m.org)
            kept = seen.get(key)
            if kept is None:
                seen[key] = m
            elif m.status in ("former", "frozen", "suspended") and kept.status not in ("former", "frozen", "suspended"):
                seen[key] = Membership(
                    m.member,
                    m.org,
                    m.status,
                    kept.since or m.since,
                    m.until,
                    m.evidence,
                    m.rule,
                    m.contradicts_reference,
                )
            elif not kept.since and m.since and m.status == kept.status:
                seen[key] = m  # a dated report of the same status says more
        return list(seen.values())


_BLANK = re.compile(r"[\s\"«»“”]*")
# After a quote or a parenthesis that normalizing folds away, the list may start at once.
_APPOSITIVE_MARKED = re.compile(r"\s*")


def _states(mentions: list[Mention]) -> list[Mention]:
    """The states named by their names: a nisba is an adjective («دولا سوفيتية», «الرئيس
    الروسي»), never an item of a list of members."""
    return [m for m in mentions if m.entity_type == "country" and not m.rule.endswith(".nisba")]


def _blank(gap: str) -> bool:
    return _BLANK.fullmatch(gap) is not None


def _near_year(a: str, b: str) -> bool:
    """Whether two partial dates fall in the same year or in years next to each other (a
    treaty signed in one year and in force the next, a departure announced and effective)."""
    return a[:4].isdigit() and b[:4].isdigit() and abs(int(a[:4]) - int(b[:4])) <= 1


def _sentence_date(dates: ByStart, start: int, end: int) -> str:
    years = {d.value[:4] for d in dates.between(start, end) if not d.relative}
    return years.pop() if len(years) == 1 else ""


def _list_after(
    text: str, countries: ByStart[Mention], position: int, end: int, opener: re.Pattern[str], cues: _Cues
) -> list[Mention]:
    """The list of states after ``position`` and before ``end``: the first behind what
    ``opener`` allows («من», «كلا من», «6 دول هي:»), the next ones behind a list gap."""
    items: list[Mention] = []
    cursor = position
    found = countries.items
    for index in range(bisect_left(countries.starts, position), len(found)):  # walked until the list ends
        mention = found[index]
        if mention.end > end:
            break
        if items and mention.start < cursor:
            continue  # a state named inside the one before («روسيا البيضاء»)
        raw_gap = text[cursor : mention.start]
        gap = normalize_key(raw_gap)
        if items:
            if not cues.list_gap.match(gap):
                break
        elif len(raw_gap) > 120:
            break
        elif not opener.fullmatch(gap) or _names_non_member(gap, cues):
            # a state named inside the opener («دولا سوفيتية سابقة هي …») is not the first
            # member; the next may be, if the whole span before it opens the list
            continue
        items.append(mention)
        cursor = mention.end
    return items


def _names_non_member(gap: str, cues: _Cues) -> bool:
    return any(word in cues.non_member for word in gap.split())


def _list_before(text: str, countries: ByStart[Mention], position: int, cues: _Cues) -> list[Mention]:
    """The list of states right before ``position``: «كازاخستان وأوزبكستان العضوتان»."""
    items: list[Mention] = []
    cursor = position
    found = countries.items
    for index in range(bisect_left(countries.starts, position) - 1, -1, -1):  # walked back until the list ends
        mention = found[index]
        if mention.end > cursor:
            continue  # a state named inside a longer name that reaches past the position
        gap = normalize_key(text[mention.end : cursor])
        # «الصين أنها عضو», «أرمينيا هي عضو»: a pronoun may stand between the state and the cue
        if not cues.list_gap.match(gap) and not (not items and gap.strip() in cues.copulas):
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
        if states and len(stated) == 1:
            groups.append((stated[0].value, states))
            continue
        # «، وجورجيا في عام 1993 وأرمينيا في عام 1994»: each state with the date
        # right behind it; the first state without one ends the reading
        paired = _dated_states(doc.text, states, stated)
        if not paired:
            break
        groups += paired
        if len(paired) < len(states):
            break
    return groups


# How far behind a state its date may stand in a clause without a verb («وجورجيا في عام 1993»).
_DATE_BEHIND = 12


def _dated_states(text: str, states: list[Mention], stated: list) -> list[tuple[str, list[Mention]]]:
    out = []
    for state in states:
        date = next((d for d in stated if d.start >= state.end), None)
        if date is None or date.start - state.end > _DATE_BEHIND:
            break
        out.append((date.value, [state]))
    return out
