"""Who takes part in an event and where it happens: states and organizations in the
trigger's window, the states a group phrase names, the state a person or a national body
acts for; and the names that only describe something (a capital's nisba, a press)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence

from marsad.document import Document, Mention
from marsad.extract.groups import GroupFound, StateGroups
from marsad.extract.lexicon import EventLexicon
from marsad.kb.loader import KnowledgeBase
from marsad.lang import Language
from marsad.text.normalize import normalize_key
from marsad.text.regex import NEVER
from marsad.values.partial_date import dates_ordered, overlaps
from marsad.vocabulary import member_statuses

# The kind of organization that is a format of meetings (C5, RUS+C5, the Caspian summit).
_FORMAT = "format"
# How the id of a body found only in the text begins (the linker's «new-» entities).
_NEW = "new-"
# The rule of a mention that names a people by its plural («الطاجيك», «الأوزبك»).
_PEOPLE = "gazetteer.demonym"
# How far after an event noun a nisba still says whose event it is (characters).
_OWNER_GAP = 12
# How far from its trigger a subject standing for those gathered may be (characters): the
# verb's subject right after it, or a subject right before it.
_SUBJECT_GAP = 16
# How far before a group phrase that refers back («الدول الخمس») the states it stands for may
# be named (characters): the sentence or two before.
_GROUP_BACK = 400
# How far before a state the words that put it across a border may begin (characters).
_BORDER_BEFORE = 40
# How far after a nisba the word "former" may end (characters).
_FORMER_AFTER = 14
# The word right after a mention (its punctuation left out).
_FIRST_WORD = re.compile(r"\s*([^\W_]+)")
_WORDS = re.compile(r"[^\W_]+")
# The kinds of organization above states: an office in one is held for it, not for a state.
_ABOVE_STATES = frozenset({"alliance", "intergovernmental", "format"})
# How far after a join trigger the body joined is named (characters).
_JOINED_AFTER = 25
# How far before an act's noun the words deciding it may begin (characters).
_DECIDED_BEFORE = 40


class Participants:
    def __init__(self, kb: KnowledgeBase, language: Language, lexicon: EventLexicon) -> None:
        self._kb = kb
        self._lexicon = lexicon
        self._article = language.clitic("article")
        self._morphology = language.morphology
        self._locative_proclitic = language.clitic("locative")
        self._place_words = frozenset(normalize_key(w) for w in language.words("event_place_words"))
        self._in_state = frozenset(normalize_key(w) for w in language.words("in_prepositions"))
        self._host_words = frozenset(normalize_key(w) for w in language.words("host_words"))
        self._country_references = frozenset(normalize_key(w) for w in language.words("country_references"))
        self._definite = tuple(a for a in (self._article, *language.clitics("lam_article")) if a)
        self._former = frozenset(normalize_key(w) for w in language.words("former_words"))
        self._groups = StateGroups(language)
        self._member_states = language.pattern("member_states") or NEVER
        self._organization_states = language.pattern("organization_states") or NEVER
        self._pair = language.pattern("pair_reference") or NEVER
        self._border_with = language.pattern("border_with") or NEVER
        self._nisba_gap = language.pattern("nisba_gap") or NEVER
        self._decided = language.pattern("decided") or NEVER
        self._gathered = language.pattern("party_reference") or NEVER
        self._phrase_end = language.pattern("phrase_end") or NEVER
        statuses = frozenset(member_statuses())
        self._members: dict[str, list[tuple[str, str, str]]] = {}  # org -> (member, since, until)
        for membership in kb.memberships:
            if membership.status in statuses:
                self._members.setdefault(membership.org, []).append(
                    (membership.member, membership.since, membership.until)
                )
        # a format by its members: a meeting of exactly these is the format's meeting
        formats: dict[str, set[str]] = {}
        for membership in kb.memberships:
            entity = kb.entities.get(membership.org)
            if entity is not None and entity.kind == _FORMAT and not membership.until:
                formats.setdefault(membership.org, set()).add(membership.member)
        self._formats = {frozenset(members): org for org, members in formats.items() if len(members) > 1}
        # «التي تضمها مع …»: the describing verb may carry the pronoun of the name it describes
        pronouns = language.data("grammar").get("noun_forms", {}).get("pronoun_suffixes", ())
        carried = "|".join(re.escape(normalize_key(p)) for p in sorted(pronouns, key=len, reverse=True))
        self._describing = (
            re.compile(
                rf"(?<![^\W_])(?:{'|'.join(re.escape(p) for p in lexicon.describing)})"
                rf"(?:{carried})?(?![^\W_])"
            )
            if lexicon.describing
            else NEVER
        )

    def _qualifies(self, doc: Document, mention: Mention) -> bool:
        """Whether a people's plural qualifies the definite noun before it («المسؤولين
        الأوزبك»: the officials of the state) rather than naming the people («يسكنها
        الطاجيك», «بين القرغيز والأوزبك»), who are not their state."""
        word_start = mention.start  # the demonym's word begins with its article
        while word_start > 0 and doc.text[word_start - 1].isalnum():
            word_start -= 1
        before = doc.text[max(0, word_start - 20) : word_start].split()
        if not before or not self._article:
            return False
        return self._morphology.without_conjunction(normalize_key(before[-1])).startswith(self._article)

    def existing(self, actors: tuple[str, ...], date: str) -> tuple[str, ...]:
        """The actors that had not ceased to exist by ``date``: «الاتحاد السوفييتي» takes no
        part in a 1992 treaty, nor «حلف وارسو» in anything after 1991 — a dissolved state or
        organization named near an event is in a time phrase or a description. A state named
        before it began, that succeeded another, is that other: «موسكو» in 1955 is the Soviet
        Union. (Any other founded after the date stays: the date is likelier wrong than the
        name.)"""
        if not date:
            return actors
        kept = []
        for actor in actors:
            entity = self._kb.entities.get(actor)
            if entity is not None and entity.predecessor and not dates_ordered(entity.valid_from, date):
                actor = entity.predecessor
                entity = self._kb.entities.get(actor)
            if entity is None or not entity.valid_until or overlaps("", entity.valid_until, date, date):
                kept.append(actor)
        return tuple(dict.fromkeys(kept))

    def ended_then(
        self,
        actors: tuple[str, ...],
        date: str,
        named_before: Sequence[Mention] = (),
        named_inside: Sequence[Mention] = (),
    ) -> tuple[str, ...]:
        """Of the actors of a dissolution, those the knowledge base says ended within a year of
        ``date``: «تفكك الحلف» in 1991 is the Warsaw Pact's end, never NATO's (still in being).
        When none did, «الحلف» may point back past the body named last: the one of those named
        before (``named_before``, nearest first) that ended then. An undated dissolution keeps
        only a body its trigger names (``named_inside``: «انهيار الاتحاد السوفيتي») that has
        ended; otherwise which body ended cannot be told."""
        if not date:
            ended = (m.entity_id for m in named_inside if (e := self._kb.entities.get(m.entity_id)) and e.valid_until)
            return tuple(dict.fromkeys(ended))
        year = int(date[:4])

        def ended(actor: str) -> bool:
            entity = self._kb.entities.get(actor)
            return entity is not None and bool(entity.valid_until) and abs(int(entity.valid_until[:4]) - year) <= 1

        kept = tuple(a for a in actors if ended(a))
        if kept:
            return kept
        earlier = next((m.entity_id for m in reversed(named_before) if ended(m.entity_id)), None)
        return (earlier,) if earlier else ()

    def actors(self, doc: Document, window: list[Mention], start: int, end: int) -> tuple[str, ...]:
        actors = [
            m.entity_id
            for m in window
            if m.entity_type in ("country", "organization") and (m.rule != _PEOPLE or self._qualifies(doc, m))
        ]
        assert doc.normalized is not None
        norm = doc.normalized
        n_start, n_end = norm.to_normalized(start), norm.to_normalized(end)
        group = self._groups.in_span(norm.text, n_start, n_end)
        if group is not None:
            actors.extend(self._group_states(doc, group))
        # an organ acts for its organization: «مجلس وزراء دفاع … منظمة معاهدة الأمن الجماعي» → CSTO
        known = []
        states = any((e := self._kb.entities.get(a)) is not None and e.type == "country" for a in actors)
        for actor in actors:
            entity = self._kb.entities.get(actor)
            if entity is None and not actor.startswith(_NEW):
                continue
            if entity is None and states:
                continue  # «وزارة الداخلية الطاجيكية»: a body the knowledge lacks acts as the state named
            if entity is not None and entity.kind in self._lexicon.observer_kinds:
                continue  # «وبحسب مجلة The Diplomat»: who reports it does not take part
            if entity is not None and entity.kind == "organ":
                # a council of a state or of an organization acts as that state or organization
                actor = entity.country or entity.parent or actor
            if (
                entity is not None
                and entity.type == "organization"
                and entity.country
                and entity.kind not in self._lexicon.own_party_kinds
            ):
                # «لجنة الأمن القومي في كازاخستان» acts for Kazakhstan: the rulebook's actor is
                # the state (the body stays an entity of the article)
                known.append(entity.country)
                continue
            known.append(actor)
            if entity is not None and entity.kind == "format" and "+" in entity.id:
                known.extend(self._format_members(entity.id))
        return tuple(dict.fromkeys(known))

    def _group_states(self, doc: Document, group: GroupFound) -> tuple[str, ...]:
        """The states a group phrase names: «الدول الخمس» is the last five states the text
        named shortly before, when it named five (Russia, Iran, India … at talks of five), else
        the states the language's data gives it (the five of Central Asia)."""
        if not group.refers_back:
            return group.members
        assert doc.normalized is not None
        at = doc.normalized.to_original(group.start, group.start)[0]
        named: list[str] = []
        for mention in sorted(doc.mentions, key=lambda m: m.start, reverse=True):
            if mention.start >= at or mention.entity_type != "country" or mention.entity_id in named:
                continue
            if at - mention.start > _GROUP_BACK:
                break
            named.append(mention.entity_id)
            if len(named) == group.refers_back:
                return tuple(reversed(named))
        return group.members

    def with_members(
        self, doc: Document, actors: tuple[str, ...], start: int, end: int, when: str, whole: bool = False
    ) -> tuple[str, ...]:
        """«اجتمع رؤساء الدول الأعضاء في المنظمة»: the heads or the states of a membership named
        as a whole stand for the members of the one organization acting, at the event's date
        (or today's members when it has none). With two organizations named it is unclear whose
        members they are, so none is added. ``whole``: the states of the organization named as
        a whole ("an exercise of the SCO states"), in an event its members hold (not its officials' meeting)."""
        organizations = [a for a in actors if a in self._members]
        named = self._organization_states if whole else self._member_states
        if len(organizations) != 1 or not named.search(doc.text, start, end):
            return actors
        members = [
            member
            for member, since, until in self._members[organizations[0]]
            if (overlaps(since, until, when, when) if when else not until)
        ]
        if len(set(members) & set(actors)) > 1:
            return actors  # «قمة قادة دول المنظمة: روسيا، الصين …»: the text says who came
        return tuple(dict.fromkeys((*actors, *members)))

    def with_all_members(self, actors: tuple[str, ...], when: str) -> tuple[str, ...]:
        """An organization that is an event's only party («the CSTO kicked off an exercise»)
        holds it with its members at the event's date (today's when it has none)."""
        if len(actors) != 1 or actors[0] not in self._members:
            return actors
        members = [
            member
            for member, since, until in self._members[actors[0]]
            if (overlaps(since, until, when, when) if when else not until)
        ]
        return tuple(dict.fromkeys((*actors, *members)))

    def with_format(self, actors: tuple[str, ...]) -> tuple[str, ...]:
        """«قمة آسيا الوسطى وروسيا», «الدول المطلة على بحر قزوين»: a meeting of exactly the
        members of a format is a meeting of that format, which takes part too."""
        parties = frozenset(a for a in actors if a not in self._formats.values())
        found = self._formats.get(parties)
        return (*actors, found) if found and found not in actors else actors

    def with_pair(
        self,
        doc: Document,
        mentions: list[Mention],
        starts: list[int],
        actors: tuple[str, ...],
        span: tuple[int, int],
        since: int,
        when: str,
        last_pair: tuple[str, ...] = (),
        dual_at: int = -1,
    ) -> tuple[str, ...]:
        """«وبحث الجانبان …», «بين البلدين»: two parties named by their number are the two
        states named last before the phrase (from ``since``; a state or body in the event's
        own actors counts first), else the two of the last event of two told before
        (``last_pair``: an article about two states keeps calling them «الجانبان»).
        ``mentions`` are the document's, sorted by start; ``dual_at``: where a dual subject
        spelt as a plural stands («أجرى البلدان»), found by its verb (-1 when none)."""
        found = self._pair.search(doc.text, *span)
        if found is None and dual_at < 0:
            return actors
        at = found.start() if found is not None else dual_at
        # «أجرى البلدان»: the two are states, not the body the event is held under
        states_only = found is None
        parties = [a for a in actors if self._state_of(a) and not (states_only and not self._is_state(a))]
        if len(parties) >= 2:
            return actors
        index = bisect_left(starts, at) - 1
        while index >= 0 and mentions[index].start >= since and len(parties) < 2:
            mention = mentions[index]
            index -= 1
            if mention.rule == _PEOPLE or self.describes(doc, mention):
                continue
            if mention.entity_type == "person":
                state = self._serves(mention.entity_id, when)
            elif mention.entity_type in ("country", "organization"):
                state = self._state_of(mention.entity_id)
            else:
                continue
            entity = self._kb.entities.get(state)
            if entity is not None and entity.valid_until and not (when and dates_ordered(when, entity.valid_until)):
                continue  # «السوفيتية السابقة»: a state gone by then is a description
            if state and state not in parties and not (states_only and not self._is_state(state)):
                parties.append(state)
        if len(parties) < 2 and len(last_pair) == 2 and set(parties) <= set(last_pair):
            parties = list(last_pair)
        if len(parties) < 2:
            return actors  # one party named: the other is not known
        return tuple(dict.fromkeys((*actors, *parties)))

    def with_gathered(
        self, doc: Document, actors: tuple[str, ...], trigger: tuple[int, int], gathered: tuple[str, ...]
    ) -> tuple[str, ...]:
        """«واتفق الرؤساء على …», «وناقش المجتمعون …»: those gathered at the meeting told
        just before act together (when the clause names fewer than two parties itself). Only
        as the subject, next to the trigger: «المسؤولين … القادة» further on are others."""
        if len(gathered) < 2 or len(actors) >= 2:
            return actors
        start, end = max(0, trigger[0] - _SUBJECT_GAP), min(len(doc.text), trigger[1] + _SUBJECT_GAP)
        if not self._gathered.search(doc.text, start, end):
            return actors
        return tuple(dict.fromkeys((*actors, *gathered)))

    def _is_state(self, actor: str) -> bool:
        entity = self._kb.entities.get(actor)
        return entity is not None and entity.type == "country"

    def _state_of(self, actor: str) -> str:
        """The state or organization that ``actor`` acts as: a national body acts for its
        state; a media outlet or an institute takes no part."""
        entity = self._kb.entities.get(actor)
        if entity is None:
            return ""  # a body found only in this text: whose it is is not known
        if entity.type not in ("country", "organization") or entity.kind in self._lexicon.observer_kinds:
            return ""
        return entity.country or (entity.parent if entity.kind == "organ" else "") or actor

    def _serves(self, person_id: str, when: str) -> str:
        """The state a person serves at ``when``: that of the role held then, else of the last
        one begun before. A role in an organization («الأمين العام للمنظمة») serves no state,
        so an office of years before does not make the person act for it."""
        person = self._kb.entities.get(person_id)
        if person is None:
            return ""
        begun = [r for r in person.roles if (r.state or r.org) and (not when or dates_ordered(r.start, when))]
        holding = [r for r in begun if not r.end or (when and dates_ordered(when, r.end))]
        roles = holding or sorted(begun, key=lambda r: r.start)[-1:]  # else the last one begun
        # an office in a national body («المتحدث باسم وزارة الدفاع») serves the body's state
        states = [r.state or self._country_of(r.org) for r in roles]
        states = [s for s in states if s]
        return states[-1] if states else ""

    def _country_of(self, org: str) -> str:
        """The state a national body belongs to ("" for a body above states, one that acts as
        itself — an armed group, a company, a party —, or one unknown)."""
        entity = self._kb.entities.get(org) if org else None
        if entity is None or entity.type != "organization" or entity.kind in self._lexicon.own_party_kinds:
            return ""
        return entity.country

    def with_agent_states(self, actors: tuple[str, ...], window: list[Mention], when: str) -> tuple[str, ...]:
        """A person acts for the state they serve («أكد بوتين» → RUS), at the article's date, or
        else for the international organization whose office they hold then («قال بورديوجا»
        in 2006 → CSTO)."""
        states = []
        for mention in window:
            person = self._kb.entities.get(mention.entity_id)
            if person is None or person.type != "person":
                continue
            state = self._serves(mention.entity_id, when) or self._office_held(mention.entity_id, when)
            if state:
                states.append(state)
        return tuple(dict.fromkeys((*actors, *states)))

    def _office_held(self, person_id: str, when: str) -> str:
        """The international organization in which a person holds an office at ``when`` (one
        above states: a national body's office serves its state); "" for none held then, and
        for an undated article any office but one still held."""
        person = self._kb.entities.get(person_id)
        for role in reversed(person.roles if person is not None else ()):
            org = self._kb.entities.get(role.org) if role.org else None
            if org is not None and org.kind == "organ":
                org = self._kb.entities.get(org.parent)  # «رئيس المجلس الأوروبي» speaks for the EU
            if org is None or org.kind not in _ABOVE_STATES:
                continue  # an armed group's leader, a company's head: what they do is told of them
            began = not when or dates_ordered(role.start, when)
            if began and (not role.end or (when and dates_ordered(when, role.end))):
                return org.id
        return ""

    def _format_members(self, org: str) -> list[str]:
        """«قمة روسيا – آسيا الوسطى» (RUS+C5) meets as its members: Russia and the five."""
        return [m.member for m in self._kb.memberships if m.org == org and not m.until]

    def owned(self, mentions: list[Mention], trigger_end: int) -> bool:
        """«الانسحاب الأمريكي», «العملية العسكرية الروسية»: a nisba right after the event noun
        says whose event it is, so nobody named before the noun takes part in it."""
        index = bisect_left(mentions, trigger_end, key=lambda m: m.start)  # the sentence's, by start
        after = mentions[index] if index < len(mentions) else None
        return after is not None and after.rule == "gazetteer.nisba" and after.start - trigger_end <= _OWNER_GAP

    def describes(self, doc: Document, mention: Mention) -> bool:
        """«بالعاصمة الكازاخية أستانة», «وسائل إعلام روسية»: the nisba describes the noun before
        it (where the capital is, whose press), it does not name who acted. «الحدود مع
        أفغانستان»: the state across a border says where, not who."""
        before = doc.text[max(0, mention.start - _BORDER_BEFORE) : mention.start]
        return (
            bool(self._border_with.search(before))
            or self._qualifies_head(doc, mention)
            or self._former_of(doc, mention)
        )

    def _former_of(self, doc: Document, mention: Mention) -> bool:
        """«طاجيكستان، الجمهورية السوفيتية السابقة», «خمس من الجمهوريات السوفياتية السابقة»:
        the nisba of a state that is no more, followed by "former", says what a thing once
        was; that state takes no part (its name itself, «الاتحاد السوفياتي السابق», still may)."""
        if mention.rule != "gazetteer.nisba" or not self._former:
            return False
        entity = self._kb.entities.get(mention.entity_id)
        if entity is None or not entity.valid_until:
            return False
        after = _FIRST_WORD.match(doc.text, mention.end, mention.end + _FORMER_AFTER)
        return after is not None and normalize_key(after.group(1)) in self._former

    def _qualifies_head(self, doc: Document, mention: Mention) -> bool:
        """«بالعاصمة الكازاخية», «وسائل إعلام روسية»: a nisba qualifying a place or a press."""
        if mention.rule != "gazetteer.nisba":
            return False
        before = doc.text[max(0, mention.start - 18) : mention.start]
        before_words = (before.removesuffix(self._article) if self._article else before).split()
        return bool(before_words) and normalize_key(before_words[-1]) in self._lexicon.nisba_heads

    def undescribed(self, doc: Document, window: list[Mention]) -> list[Mention]:
        """The mentions of ``window`` that name who may act: not those that describe a noun,
        nor a nisba coordinated with one that does («الحدود الطاجيكية الأفغانية»)."""
        kept: list[Mention] = []
        previous: Mention | None = None
        previous_described = False
        for mention in window:
            described = self.describes(doc, mention)
            if not described and previous_described and mention.rule == "gazetteer.nisba" and previous is not None:
                described = bool(self._nisba_gap.fullmatch(doc.text, previous.end, mention.start))
            if not described:
                kept.append(mention)
            previous, previous_described = mention, described
        return kept

    def outside_descriptions(self, doc: Document, window: list[Mention], start: int, end: int) -> list[Mention]:
        """The mentions of ``window`` outside the clauses of ``[start, end)`` that describe a
        name («… للمنظمة، التي تضم روسيا و…، أن …»), each ending at the next comma."""
        spans = list(self._descriptions(doc, start, end))
        if not spans:
            return window
        return [m for m in window if not any(a <= m.start < b for a, b in spans)]

    def before_description(self, doc: Document, start: int, end: int) -> int:
        """Where a clause describing a name begins («… التي تضم روسيا و12 …»), else ``end``."""
        return next((a for a, _ in self._descriptions(doc, start, end)), end)

    def _descriptions(self, doc: Document, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The clauses of ``[start, end)`` that describe a name, from their describing words to
        the next comma (original offsets), read one at a time."""
        assert doc.normalized is not None
        norm = doc.normalized
        n_start, n_end = norm.to_normalized(start), norm.to_normalized(end)
        for found in self._describing.finditer(norm.text, n_start, n_end):
            comma = self._phrase_end.search(norm.text, found.end(), n_end)
            clause_end = comma.start() if comma else n_end
            yield norm.to_original(found.start(), found.start())[0], norm.to_original(clause_end, clause_end)[0]

    def place(self, doc: Document, window: list[Mention]) -> str:
        for mention in window:
            before = doc.text[max(0, mention.start - 12) : mention.start].split()
            previous = normalize_key(before[-1]) if before else ""
            proclitic = doc.text[mention.start - 1 : mention.start] if mention.start else ""
            located = previous in self._place_words or (bool(proclitic) and proclitic == self._locative_proclitic)
            if mention.entity_type == "place" and (located or mention.rule != "context.capital-as-state"):
                return mention.entity_id
            in_state = previous in self._in_state
            if mention.entity_type == "country" and in_state and mention.rule != "gazetteer.nisba":
                return mention.entity_id
        return ""

    def with_host(self, doc: Document, actors: tuple[str, ...], window: list[Mention]) -> tuple[str, ...]:
        """«وصل ميرزيوييف في زيارة إلى دوشنبه», «اجتماع في منتجع سوتشي الروسي»: the state of the
        city a meeting between states is held in, or a visit goes to, takes part (it hosts). An
        organization's meeting is its members', wherever it is held."""
        if any((e := self._kb.entities.get(a)) is not None and e.type == "organization" for a in actors):
            return actors
        host = self._state_of_place(self.place(doc, window))
        return (*actors, host) if host and host not in actors else actors

    def per_installation(
        self, doc: Document, lemma: str, actors: tuple[str, ...], window: list[Mention]
    ) -> list[tuple[str, ...]]:
        """The parties of each deployment a base or presence noun tells: one per owner and host
        («قاعدتين جويتين، أمريكية وروسية» in Kyrgyzstan: USA and RUS each with
        KGZ; «القاعدة الروسية على أراضي طاجيكستان والقاعدة … في قرغيزستان»: RUS with each).
        A host is a state named after the language's host words; an owner, a state named by
        its nisba (whose base it is: «أنهت الولايات المتحدة وقرغيزستان جدلا حول تأجير قاعدة»
        names no owner so). ``[actors]`` unless every party is one of the two and there are
        several pairs."""
        if lemma not in self._lexicon.installations or len(actors) < 3 or not all(map(self._is_state, actors)):
            return [actors]
        hosts: list[str] = []
        owners: list[str] = []
        for mention in window:
            if mention.entity_id not in actors or mention.entity_type != "country":
                continue
            before = doc.text[max(0, mention.start - 16) : mention.start].split()
            if mention.rule != "gazetteer.nisba" and before and normalize_key(before[-1]) in self._host_words:
                hosts.append(mention.entity_id)
            elif mention.rule == "gazetteer.nisba":
                owners.append(mention.entity_id)
        hosts = list(dict.fromkeys(hosts))
        owners = [o for o in dict.fromkeys(owners) if o not in hosts]
        if not hosts or not owners or set(hosts) | set(owners) != set(actors):
            return [actors]
        return [(owner, host) for host in hosts for owner in owners]

    def state_where(self, doc: Document, window: list[Mention], told: bool, span: tuple[int, int]) -> str:
        """The state an event that names no party happens in: that of a place in its clause
        («اعتقل … في دوشنبه» → TJK), else, when a verb tells it (``told``: «واعتقل ثلاثة»,
        not «الاحتجاجات» named in passing) or its clause (``span``) names the country by a
        common noun («احتجاجات … في البلاد»), the state the article is about; else ""."""
        for mention in window:
            state = self._state_of_place(mention.entity_id) if mention.entity_type == "place" else ""
            if state:
                return state
        return doc.article_state if told or self._names_the_country(doc.text[span[0] : span[1]]) else ""

    def _names_the_country(self, text: str) -> bool:
        """Whether ``text`` holds a word for the country an article is about («البلاد»), with
        any proclitics («بالبلاد», «للبلاد», where the article's alif falls)."""
        if not self._country_references:
            return False
        article = self._article or ""
        for word in _WORDS.findall(normalize_key(text)):
            for reading in self._morphology.readings(word):
                if reading.stem in self._country_references:
                    return True
                if (
                    article
                    and reading.prefix.endswith(self._definite)
                    and article + reading.stem in self._country_references
                ):
                    return True
        return False

    def organizations(self, actors: tuple[str, ...]) -> frozenset[str]:
        """The organizations of the knowledge base among ``actors``, formats among them (no states)."""
        return frozenset(a for a in actors if (e := self._kb.entities.get(a)) is not None and e.type == "organization")

    def _state_of_place(self, place: str) -> str:
        """The state a place of the knowledge base lies in ("" for anything else)."""
        entity = self._kb.entities.get(place) if place else None
        return entity.country if entity is not None and entity.type == "place" else ""

    def joining_a_group(
        self, event_type: str, actors: tuple[str, ...], trigger_end: int, mentions: list[Mention]
    ) -> tuple[str, ...]:
        """«انضمامه لتنظيم داعش», «joined the Islamic State»: people joining an armed group; the
        group is the one party, the state of the people who join it or where they went none."""
        if event_type != "JOIN":
            return actors
        after = next((m for m in mentions if 0 <= m.start - trigger_end < _JOINED_AFTER), None)
        entity = self._kb.entities.get(after.entity_id) if after is not None else None
        if entity is None or entity.type != "organization" or entity.kind not in self._lexicon.own_party_kinds:
            return actors
        return (entity.id,)

    def retreat_or_leave(
        self, doc: Document, event_type: str, lemmas: set[str], trigger: tuple[int, int], mentions: list[Mention]
    ) -> str:
        """«الانسحاب من المعاهدة» leaves a body; «الانسحاب من كازاخستان» withdraws forces; a
        base's closing decided by its host («قررت قرغيزستان إغلاق القاعدة») ends the host's
        arrangement."""
        trigger_start, trigger_end = trigger
        if event_type == "RETREAT" and lemmas & self._lexicon.decided_closing:
            before = normalize_key(doc.text[max(0, trigger_start - _DECIDED_BEFORE) : trigger_start])
            return "LEAVE" if self._decided.search(before) else event_type
        if event_type != "LEAVE":
            return event_type
        after = [m for m in mentions if 0 <= m.start - trigger_end < 25]
        if lemmas & self._lexicon.body_leave and not (after and after[0].entity_type == "organization"):
            return "RETREAT"  # «انسحبت القوات من المنطقة»: forces withdrawn, no body left
        if not lemmas & self._lexicon.place_retreat:
            return event_type  # «تفكك الاتحاد السوفييتي» is a dissolution, not a withdrawal
        if after and after[0].entity_type in ("country", "place"):
            return "RETREAT"
        return event_type
