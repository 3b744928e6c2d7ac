"""The linking stage: context decides what a name refers to, and finds names the knowledge base lacks.

- a capital stands for its state when it acts («أعلنت موسكو») and stays a place where
  something happens («في موسكو»);
- a state name inside a geographic name («بحر الصين») or a nisba of a people or language
  («اللغات التركية») is not the state;
- a title with its state or organization («وزير الدفاع الأوزبكي», «الأمين العام لمنظمة …»)
  resolves through date-scoped roles at the article's date, and reads the name after it;
- a title followed by a name the knowledge base lacks creates a provisional person;
- a surname alone links to the person named in full in the same document;
- a short reference («المنظمة», «الحلف») links to the nearest fitting organization before it;
- a national body named without its state («وزارة الدفاع», «حرس الحدود») is the body of the
  state its sentence names before it, else of the state the article is about — else none.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

import ahocorasick

from marsad.document import Document, Mention, NewEntity
from marsad.extract.gazetteer import DualReader
from marsad.extract.mentions import LOCATED_RULE
from marsad.extract.roles import RoleIndex
from marsad.kb.loader import KnowledgeBase
from marsad.kb.model import Entity
from marsad.lang import Language, Morphology
from marsad.text.normalize import normalize_key

_TOKEN = re.compile(r"[^\W_]+")
_TITLE_SPAN = 14  # words read from a title: the title, its state, ranks and a name
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_NAME_MATCH = 0.8
_MAX_NAME_TOKENS = 3
_REFERENCE_WINDOW = 3000
# The text before a position, reversed: the rest of its word, at most 40 other characters,
# the word before (the letters of «_View._previous_word», read the other way).
_BACKWARDS = re.compile(r"([^\W_]*)([\W_]{0,40})([^\W_]*)")
_BACK_WINDOW = 160
# The rules that link a word to the article's state (a bare body, «السلطات»): not evidence of it.
_FROM_ARTICLE_STATE = frozenset({"context.bare-body", "context.state-institution"})
_DATELINE_HEAD = 600  # characters: a dateline opens the article, after its title and date


def word_automaton(
    words: Iterable[str], prefixes: frozenset[str], definite: tuple[str, frozenset[str]] = ("", frozenset())
) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton over ``words``, for :meth:`_View.find` (one pass, C speed).
    ``definite``: the article and the proclitic chains that hold it; a word that opens with the
    article is found after them as its stem too («للمنظمة»: the article's alif falls after the
    preposition lam), and :meth:`_View.find` gives the word itself."""
    article, holding_article = definite
    words = tuple(words)  # read twice: the words themselves first, their stems after
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, (word, prefixes, word))
    for word in words:
        stem = word[len(article) :] if article and word.startswith(article) else ""
        if stem and stem not in automaton:
            automaton.add_word(stem, (stem, holding_article, word))
    if len(automaton):
        automaton.make_automaton()
    return automaton


def names_match(a: str, b: str, morphology: Morphology) -> bool:
    """Two spellings of one name: their consonant skeletons are alike («خولمحمدوف», «خالمحمدوف»)."""
    return _names_match(a, b, morphology)


# a title's holders are compared with the same surnames article after article: the skeletons
# and their SequenceMatcher ratio are computed once per pair of spellings
@lru_cache(maxsize=65_536)
def _names_match(a: str, b: str, morphology: Morphology) -> bool:
    sa, sb = morphology.skeleton(a), morphology.skeleton(b)
    return len(sa) >= 3 and len(sb) >= 3 and SequenceMatcher(None, sa, sb).ratio() >= _NAME_MATCH


@dataclass(frozen=True)
class LinkingRules:
    titles: tuple[tuple[str, str], ...]  # (normalized title, office), longest first
    honorifics: frozenset[str]
    modifiers: frozenset[str]
    joiners: frozenset[str]
    dependents: frozenset[str]  # «заместитель министра»: a title after them is another's office
    named_only: frozenset[str]  # offices a state holds many of (ambassadors): only a name links
    state_before: bool  # a state's adjective may stand before its title («российский президент»)
    stopwords: frozenset[str]
    locative_words: frozenset[str]
    locative_proclitics: tuple[str, ...]
    geographic_heads: frozenset[str]
    institution_heads: frozenset[str]
    new_organization_heads: frozenset[str]
    media_bodies: frozenset[str]  # «وكالة الأنباء …»: a source cited, not a body that acts
    dateline_marks: str  # what follows a dateline's city: «موسكو - أ ف ب», «بكين، 5 مايو»
    dateline_lead: re.Pattern[str] | None  # what may stand before it on its line (a time, a date)
    generic_bodies: frozenset[str]  # «القوات المسلحة»: a body's name that alone names no state's
    state_institutions: frozenset[str]  # «السلطات», «الحكومة»: who acts for a state left unnamed
    adjective_endings: tuple[str, ...]  # the endings of an adjective that continues a name
    ethnic_heads: frozenset[str]
    ethnic_nisba_states: frozenset[str]
    descriptor_heads: frozenset[str]  # «باللغة الروسية», «دولار أمريكي»: any state's nisba describes
    org_references: dict[str, frozenset[str]]
    organization_heads: dict[str, dict[str, str]]
    transliteration: dict[str, str]
    surname_endings: tuple[str, ...]
    variant_fold: dict[int, str]  # letters of one foreign sound folded together (str.translate)
    region_after: re.Pattern[str] | None  # «Almaty region»: the city's name names its region
    region_before: re.Pattern[str] | None  # «the region of Almaty»
    body_after_state: re.Pattern[str] | None  # «Uzbekistan's National Guard»: the state first


@lru_cache(maxsize=16)
def load_linking_rules(language: Language) -> LinkingRules:
    """The linking rules of ``language``: its pack's ``titles``, ``context`` and ``names``."""
    titles_raw, context, names = language.data("titles"), language.data("context"), language.data("names")

    def keys(values: list[str]) -> frozenset[str]:
        return frozenset(normalize_key(v) for v in values)

    never = keys([*names.get("function_words", []), *names.get("stopwords", [])])

    def inflected(values: Iterable[str]) -> frozenset[str]:
        return frozenset(f for v in values for f in _title_forms(v, language.morphology, never))

    titles = sorted(
        ((form, office) for office, written in titles_raw.get("offices", {}).items() for form in inflected(written)),
        key=lambda item: (-len(item[0]), item),
    )

    return LinkingRules(
        titles=tuple(titles),
        honorifics=inflected(titles_raw.get("honorifics", [])),
        modifiers=inflected(titles_raw.get("modifiers", [])),
        joiners=keys(titles_raw.get("joiners", [])),
        dependents=inflected(titles_raw.get("dependents", [])),
        named_only=frozenset(titles_raw.get("named_only", [])),
        state_before=titles_raw.get("state_before", "") == "yes",
        stopwords=keys(names.get("stopwords", [])),
        locative_words=keys(context.get("locative_words", [])),
        locative_proclitics=tuple(context.get("locative_proclitics", [])),
        geographic_heads=keys(context.get("geographic_heads", [])),
        institution_heads=keys(context.get("institution_heads", [])),
        new_organization_heads=keys(context.get("new_organization_heads", [])),
        media_bodies=keys(context.get("media_bodies", [])),
        dateline_marks="".join(context.get("dateline_marks", [])),
        dateline_lead=re.compile(context["dateline_lead"]) if context.get("dateline_lead") else None,
        generic_bodies=keys(context.get("generic_bodies", [])),
        state_institutions=keys(context.get("state_institutions", [])),
        adjective_endings=tuple(normalize_key(e) for e in context.get("adjective_endings", [])),
        ethnic_heads=keys(context.get("ethnic_heads", [])),
        ethnic_nisba_states=frozenset(context.get("ethnic_nisba_states", [])),
        descriptor_heads=keys(context.get("descriptor_heads", [])),
        org_references={normalize_key(k): frozenset(v) for k, v in context.get("organization_references", {}).items()},
        organization_heads={
            form: v for k, v in titles_raw.get("organization_heads", {}).items() for form in inflected([k])
        },
        transliteration={normalize_key(k): v for k, v in names.get("transliteration", {}).items()},
        surname_endings=tuple(normalize_key(e) for e in names.get("surname_endings", [])),
        variant_fold={
            ord(normalize_key(letter)): normalize_key(target)
            for target, letters in names.get("variant_fold", {}).items()
            for letter in letters
        },
        region_after=_optional_regex(context.get("region_after")),
        region_before=_optional_regex(context.get("region_before")),
        body_after_state=_optional_regex(context.get("body_after_state")),
    )


def _title_forms(title: str, morphology: Morphology, never: frozenset[str]) -> set[str]:
    """A title as written, and, in a language that declines it, in its other cases
    («министр обороны» → «министра обороны», «генеральный секретарь» → «генерального
    секретаря»): its words up to the head noun decline, or its first word alone where the whole
    does not («глава МИД» → «главы МИД»). A form whose first word is a function word
    («после», a case of «посол») is left out."""
    key = normalize_key(title)
    forms = {normalize_key(f) for f in morphology.name_forms(title)}
    if not forms:
        first, _, rest = key.partition(" ")
        forms = {normalize_key(f"{head} {rest}".strip()) for head in morphology.phrase_head_forms(first)}
    return {key} | {f for f in forms if f.split(" ", 1)[0] not in never}


def _optional_regex(source: str | None) -> re.Pattern[str] | None:
    return re.compile(source) if source else None


class _NamedStates(NamedTuple):
    """The states a document names, for choosing the state of a word that names none."""

    states: list[tuple[int, int, str]]  # (normalized start, end, state), in order
    positions: list[int]  # their starts
    sentence_starts: list[int]  # of the normalized sentences
    article_state: str  # the state the article is about, or ""


class Token(NamedTuple):  # a tuple: thousands are made per document
    start: int
    end: int
    text: str


class LinkStage:
    name = "link"
    requires = ("normalized", "sentences", "normalized_sentences", "mentions")
    assigns = ("mentions", "new_entities", "article_state")

    def __init__(self, kb: KnowledgeBase, language: Language) -> None:
        self._kb = kb
        self._language = language
        self._morphology = language.morphology
        self._rules = load_linking_rules(language)
        self._roles = RoleIndex(kb)
        self._prefix_set = language.morphology.proclitic_chains
        self._article = language.clitic("article")
        # a conjunction may stand before a speech verb or a body's head noun («وقال», «ووزارة»)
        conjunctions = frozenset({"", *language.clitics("conjunctions")})
        titles: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for title, office in self._rules.titles:
            words = tuple(title.split(" "))
            titles.setdefault(words[0], []).append((words, office))
        self._titles_by_head = titles
        speech = language.data("claims")
        self._speech_verbs = word_automaton(
            {f for verb in speech.get("verbs", ()) for f in self._morphology.past_forms(verb)}, conjunctions
        )
        surnames: dict[str, set[str]] = {}
        for person in kb.of_type("person"):
            for name in person.names():
                words = normalize_key(name).split()
                if len(words) >= 2:
                    surnames.setdefault(self._morphology.skeleton(words[-1]), set()).add(person.id)
        self._surname_index = surnames
        # «صدير جاباروف», «شوكت ميرضيايف»: a first name and a surname spelled otherwise than
        # the knowledge base does, found by their folded consonants — both words, so that a
        # common surname alone links no one
        full_names: dict[tuple[str, str], set[str]] = {}
        for person in kb.of_type("person"):
            for name in person.names():
                words = normalize_key(name).split()
                if len(words) >= 2 and words[-1].endswith(self._rules.surname_endings):
                    full_names.setdefault(self._name_key(words[0], words[-1]), set()).add(person.id)
        self._full_names = {
            key: ids.pop() for key, ids in full_names.items() if len(ids) == 1 and min(map(len, key)) >= 2
        }
        endings = "|".join(re.escape(e) for e in sorted(self._rules.surname_endings, key=len, reverse=True))
        self._first_and_surname = (
            re.compile(rf"(?<![^\W_])([^\W\d_]{{2,}})\s+([^\W\d_]{{2,}}(?:{endings}))(?![^\W_])") if endings else None
        )
        self._title_heads = word_automaton({*titles, *self._rules.organization_heads}, self._prefix_set)
        self._title_words = frozenset({*titles, *self._rules.organization_heads})
        lam_articles = tuple(language.clitics("lam_article"))
        holding_article = frozenset(c for c in self._prefix_set if lam_articles and c.endswith(lam_articles))
        self._reference_words = word_automaton(
            self._rules.org_references, self._prefix_set, (self._article or "", holding_article)
        )
        self._new_body_heads = word_automaton(self._rules.new_organization_heads, conjunctions)
        bodies: dict[str, list[tuple[str, str]]] = {}
        for org in kb.of_type("organization"):
            if org.country:
                for name in (org.name_ar, *org.aliases):
                    bodies.setdefault(org.country, []).append((normalize_key(name), org.id))
        self._national_bodies = bodies
        self._bare_bodies = self._bare_body_index(kb)
        self._duals = DualReader(language)
        self._bare_body_words = word_automaton(self._bare_bodies, self._prefix_set)
        self._institution_words = word_automaton(self._rules.state_institutions, self._prefix_set)
        self._city_regions = self._region_index(kb) if self._rules.region_after else {}

    # -- helpers -------------------------------------------------------------------------
    def _strip_proclitics(self, word: str, known: dict[str, object] | frozenset[str]) -> str:
        """``word`` without the proclitics before a known stem («والمنظمة» → «المنظمة»), else as is."""
        if word in known:
            return word
        for reading in self._morphology.readings(word):
            if reading.prefix and not reading.future and reading.stem in known:
                return reading.stem
        return word

    # -- the stage -------------------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        if doc.normalized is None:
            raise ValueError(f"document {doc.id}: the link stage needs the normalize stage before it")
        view = _View(doc)
        mentions = self._context_filter(view, doc.mentions)
        mentions = self._regions(view, mentions)
        mentions = self._national_namesakes(view, mentions)
        mentions += self._titles(view, mentions)
        mentions += self._speakers(view, mentions)
        mentions += self._new_organizations(view, mentions)
        mentions += self._bare_national_bodies(view, mentions)
        mentions += self._state_institutions(view, mentions)
        mentions += self._name_variants(view, mentions)
        mentions += self._surnames(view, mentions)
        mentions += self._org_references(view, mentions)
        doc.mentions = sorted(mentions, key=lambda m: m.start)
        # from what the text names, not from the bodies the rules above gave the state itself
        doc.article_state = self._article_state([m for m in doc.mentions if m.rule not in _FROM_ARTICLE_STATE])
        return doc

    def _context_filter(self, view: _View, mentions: list[Mention]) -> list[Mention]:
        rules = self._rules
        nisba_words = {normalize_key(m.text) for m in mentions if m.rule == "gazetteer.nisba"}
        nisba_words |= {self._article + w for w in nisba_words}
        # «في عاصمة كازاخستان أستانا»: a state's name right before its capital, looked past too
        state_ends = {view.norm(m.end) for m in mentions if m.entity_type == "country"}
        out: list[Mention] = []
        dateline_end = -1  # where the last city of a dateline ends («دوشنبه - بشكيك - وكالات»)
        for mention in mentions:
            entity = self._kb.entities[mention.entity_id]
            if mention.rule == LOCATED_RULE:
                out.append(mention)  # a place inside a body's name is where the body is
                continue
            if entity.type == "place" and self._is_dateline(view, mention, dateline_end):
                dateline_end = view.norm(mention.end)
                out.append(mention)  # the place it was reported from, not the state acting
                continue
            proclitic, before = view.context_before(view.norm(mention.start))
            if entity.type == "place" and entity.capital_of and not proclitic and before in rules.institution_heads:
                continue
            if entity.type == "place" and entity.capital_of:
                located = before in rules.locative_words or any(p in proclitic for p in rules.locative_proclitics)
                if not located and (before in nisba_words or self._after_a_state(view, mention, state_ends)):
                    # «بالعاصمة الكازاخية أستانة»: look past the nisba to the head noun
                    head_proclitic, head = view.context_before(view.context_start(view.norm(mention.start)))
                    located = head in rules.locative_words or any(
                        p in head_proclitic for p in rules.locative_proclitics
                    )
                if not located:
                    mention = Mention(
                        mention.start,
                        mention.end,
                        mention.text,
                        entity.capital_of,
                        "country",
                        "context.capital-as-state",
                    )
            elif entity.type == "country":
                if not proclitic and before in rules.geographic_heads:
                    continue
                ethnic = entity.id in rules.ethnic_nisba_states and before in rules.ethnic_heads
                if mention.rule == "gazetteer.nisba" and (ethnic or before in rules.descriptor_heads):
                    continue
            out.append(mention)
        return out

    @staticmethod
    def _after_a_state(view: _View, mention: Mention, state_ends: set[int]) -> bool:
        """A state's name ends right before the mention, with only a space or an opening bracket between."""
        start = view.norm(mention.start)
        return any(view.text[end:start].strip(" (") == "" for end in state_ends if start - 3 <= end < start)

    def _is_dateline(self, view: _View, mention: Mention, previous_end: int) -> bool:
        """A city heading a line of the article's head, before a dateline mark or a date
        («موسكو - أ ف ب», «بيشكيك، 5 مايو (شينخوا)»), or after another dateline city."""
        marks = self._rules.dateline_marks
        start, end = view.norm(mention.start), view.norm(mention.end)
        if not marks or start > _DATELINE_HEAD:
            return False
        text = view.text
        line_start = text.rfind("\n", 0, start) + 1
        lead = text[max(line_start, previous_end) : start]
        if self._rules.dateline_lead is not None and self._rules.dateline_lead.fullmatch(lead):
            lead = ""  # "13:55, 04 July 2022, Bishkek - 24.kg": the time of the report heads the line
        if lead.strip(" *\t") and not (previous_end >= line_start and not lead.strip(marks + " ")):
            return False
        following = text[end : end + 3].lstrip(" \t")
        return bool(following) and (following[0] in marks or following[0].isdigit())

    def _region_index(self, kb: KnowledgeBase) -> dict[str, str]:
        """place id → the region named after it: «Almaty Region» names the city «Almaty» (in
        any of its spellings, «Karagandy» for «Karaganda») of the same state."""
        pattern = self._rules.region_after
        assert pattern is not None
        out: dict[str, str] = {}
        for region in kb.of_type("place"):
            if region.kind == "city" or region.kind == "capital":
                continue
            for name in region.names():
                key = normalize_key(name)
                cut = key.rfind(" ")
                if cut <= 0 or not pattern.match(key[cut:]):
                    continue
                for target in kb.alias_index.get(key[:cut], ()):
                    place = kb.entities.get(target.entity_id)
                    if place is not None and place.id != region.id and place.country == region.country:
                        out.setdefault(place.id, region.id)
        return out

    def _regions(self, view: _View, mentions: list[Mention]) -> list[Mention]:
        """«the southern region of Almaty», «Batken province»: the region, not its city."""
        if not self._city_regions:
            return mentions
        after, before = self._rules.region_after, self._rules.region_before
        assert after is not None
        out = []
        for m in mentions:
            region = self._city_regions.get(m.entity_id) if m.entity_type == "place" else None
            if region is not None:
                start, end = view.norm(m.start), view.norm(m.end)
                if after.match(view.text, end) or (
                    before is not None and before.search(view.text[max(0, start - 80) : start])
                ):
                    m = Mention(m.start, m.end, m.text, region, "place", "context.region")
            out.append(m)
        return out

    def _titles(self, view: _View, mentions: list[Mention]) -> list[Mention]:
        rules = self._rules
        by_start = {view.norm(m.start): m for m in mentions if m.entity_type in ("country", "organization")}
        # a state named right before a title, one space apart («российский президент»)
        states_by_end = {view.norm(m.end): m for m in mentions if m.entity_type == "country"}
        persons = sorted((view.norm(m.start), view.norm(m.end)) for m in mentions if m.entity_type == "person")
        person_starts = [s for s, _ in persons]
        reach = list(accumulate((e for _, e in persons), max))  # the furthest end of a person so far
        covered = view.covered(mentions)
        added: list[Mention] = []
        resume = 0
        for start, _end, _stem in view.find(self._title_heads):
            if start < resume:
                continue
            tokens = view.tokens_from(start, _TITLE_SPAN)
            matched = self._title_at(view, tokens) or self._organization_head_at(tokens, by_start)
            if matched is None:
                continue
            office, j = matched
            if rules.dependents and view.context_before(start)[1] in rules.dependents:
                continue  # «заместитель министра обороны …»: the deputy's title, not the minister's
            while j < len(tokens) and tokens[j].text in rules.modifiers:
                j += 1
            if j < len(tokens) and tokens[j].text in rules.joiners:
                j += 1
            where = None
            if j < len(tokens):
                # The state or organization may carry proclitics («لمنظمة», «بقرغيزستان») or
                # begin inside the title («أمين مجلس الأمن الأوزبكي»).
                span = range(tokens[0].end, tokens[j].end)
                where = next((by_start[p] for p in span if p in by_start), None)
            title_start, title_end = tokens[0].start, tokens[j - 1].end
            if where is None and rules.state_before:
                # «российский президент», «казахстанского лидера»: the state's adjective first
                where = states_by_end.get(title_start - 1)
                title_start = view.norm(where.start) if where is not None else title_start
            if where is None:
                continue
            body = self._kb.entities[where.entity_id]
            if body.type == "organization" and body.country:
                # «أمين مجلس الأمن الأوزبكي»: the office belongs to the body's state
                where = Mention(where.start, where.end, where.text, body.country, "country", where.rule)
            where_end = max(view.norm(where.end), title_end)
            k = next((n for n, t in enumerate(tokens) if t.start >= where_end), len(tokens))
            if k + 1 < len(tokens) and tokens[k].text in rules.joiners and tokens[k + 1].start in by_start:
                # «посол Китая в Киргизии Ду …»: the state the office is held in, then the name
                host_end = view.norm(by_start[tokens[k + 1].start].end)
                k = next((n for n in range(k + 1, len(tokens)) if tokens[n].start >= host_end), len(tokens))
                where_end = host_end
            while k < len(tokens) and (tokens[k].text in rules.modifiers or tokens[k].text in rules.honorifics):
                k += 1
            names = self._name_tokens(view, tokens, k, where_end, covered)
            resume = tokens[k].start if k < len(tokens) else start + 1
            if self._named_after(view, tokens, k, persons, person_starts):
                # «الرئيس القرغيزي كرمانبك باكييف», «الرئيس المخلوع عسكر أكاييف»: the person the
                # knowledge base names right after the title holds it here, not whoever held
                # it on the day
                continue
            last = bisect_right(person_starts, names[0].start) - 1 if names else -1
            if last >= 0 and reach[last] > names[0].start:
                continue  # the knowledge base already named this person
            link = self._resolve_title(view, office, where, names, title_start, where_end)
            if link is not None:
                added.append(link)
        return added

    @staticmethod
    def _named_after(
        view: _View, tokens: list[Token], k: int, persons: list[tuple[int, int]], person_starts: list[int]
    ) -> bool:
        """Whether a known person is named in the few words from ``tokens[k]``, before any mark."""
        end = k
        while end < min(len(tokens), k + _MAX_NAME_TOKENS):
            if end > k and view.text[tokens[end - 1].end : tokens[end].start].strip():
                break  # a comma or a quote: what follows is not a name of the title's holder
            end += 1
        if end == k:
            return False
        first = bisect_left(person_starts, tokens[k].start)
        return first < len(persons) and persons[first][0] < tokens[end - 1].end

    def _organization_head_at(self, tokens: list[Token], by_start: dict[int, Mention]) -> tuple[str, int] | None:
        """«أمين» + a national body: the office the head word names for that kind of body."""
        heads = self._rules.organization_heads.get(tokens[0].text)
        if not heads or len(tokens) < 2:
            return None
        body = by_start.get(tokens[1].start)
        if body is None or body.entity_type != "organization":
            return None
        office = heads.get(self._kb.entities[body.entity_id].kind)
        return (office, 1) if office else None

    def _title_at(self, view: _View, tokens: list[Token]) -> tuple[str, int] | None:
        """The office whose title starts the tokens (proclitics allowed), and the token after it."""
        head = self._strip_proclitics(tokens[0].text, self._titles_by_head)
        for words, office in self._titles_by_head.get(head, ()):  # longest first
            end = len(words)
            if end > len(tokens) or any(tokens[n].text != words[n] for n in range(1, len(words))):
                continue
            if view.adjacent(tokens, end):
                return office, end
        return None

    def _name_tokens(self, view: _View, tokens: list[Token], k: int, after: int, covered: bytearray) -> list[Token]:
        """Up to three name-like words right after ``after``, stopping at punctuation or stopwords."""
        out: list[Token] = []
        previous_end = max(after, tokens[k - 1].end) if 0 < k <= len(tokens) else after
        for token in tokens[k : k + _MAX_NAME_TOKENS]:
            gap = view.text[previous_end : token.start]
            if gap.strip(" \"'") or (out and '"' in gap) or covered[token.start]:
                break
            word = token.text
            if word in self._rules.stopwords or not self._language.in_script(word[0]):
                break
            if self._article and word.startswith(self._article):
                break  # a name after a title carries no article
            if self._strip_proclitics(word, self._title_words) in self._title_words:
                break  # «رئيس نظيره», «ورئيس أركان …»: another title, not a name
            out.append(token)
            previous_end = token.end
            if len(out) >= 2 and word.endswith(self._rules.surname_endings):
                break
        return out

    def _resolve_title(
        self, view: _View, office: str, where: Mention, names: list[Token], title_start: int, where_end: int
    ) -> Mention | None:
        if names:
            start, end = names[0].start, names[-1].end
            surname = names[-1].text
            for tenure in self._roles.holders(office, where.entity_id):
                person = self._kb.entities[tenure.person_id]
                if any(
                    names_match(surname, normalize_key(name).split()[-1], self._morphology) for name in person.names()
                ):
                    return Mention(*view.span(start, end), person.id, "person", "context.title-name")
            new = self._new_person(view, names, where)
            if new is not None:
                return new
        if office in self._rules.named_only:
            return None  # «посол Китая»: one of the state's many ambassadors, unnamed
        holder = self._roles.holder_at(office, where.entity_id, self._reference_date(view, title_start))
        if not holder:
            return None
        return Mention(*view.span(title_start, where_end), holder, "person", "context.title-role")

    def _reference_date(self, view: _View, position: int) -> str:
        """The date a title refers to: the one year stated in its sentence, else the publication date."""
        doc = view.doc
        o_position = view.span(position, position)[0]
        # the sentences are in order and apart: only the last one starting at or before can hold it
        index = bisect_right(doc.sentences, o_position, key=lambda s: s.start) - 1
        if index >= 0 and o_position < doc.sentences[index].end:
            sentence = doc.sentences[index]
            years = set(_YEAR.findall(doc.text[sentence.start : sentence.end]))
            if len(years) == 1:
                return years.pop()
        return doc.meta.published

    def _new_person(self, view: _View, names: list[Token], where: Mention) -> Mention | None:
        if len(names) < 2:
            return None  # one word after a title is too often not a name
        country = where.entity_id if where.entity_type == "country" else ""
        return self._provisional(view, names[0].start, names[-1].end, "person", country)

    def _name_key(self, first: str, surname: str) -> tuple[str, str]:
        fold, skeleton = self._rules.variant_fold, self._morphology.skeleton
        return skeleton(first.translate(fold)), skeleton(surname.translate(fold))

    def _name_variants(self, view: _View, mentions: list[Mention]) -> list[Mention]:
        """A known person named in another spelling of both their names: the folded consonant
        skeletons of the first name (without its proclitics) and the surname match one person's."""
        if self._first_and_surname is None or not self._full_names:
            return []
        covered = view.covered(mentions)
        added = []
        for match in self._first_and_surname.finditer(view.text):
            if covered[match.start(1)] or covered[match.start(2)]:
                continue
            first, surname = match.group(1), match.group(2)
            for reading in self._morphology.readings(first):
                person = self._full_names.get(self._name_key(reading.stem, surname))
                if person is not None:
                    start = match.start(1) + len(reading.prefix)
                    added.append(Mention(*view.span(start, match.end(2)), person, "person", "context.name-variant"))
                    break
        return added

    def _speakers(self, view: _View, mentions: list[Mention]) -> list[Mention]:
        """«وقال أولان نيازبيكوف إن …»: a name right after a speech verb, when its last word has
        a surname ending, is a person even without a title (provisional when unknown)."""
        covered = view.covered(mentions)
        added = []
        for _start, end, _verb in view.find(self._speech_verbs):
            tokens = view.tokens_from(end, _MAX_NAME_TOKENS + 1)
            names = self._name_tokens(view, tokens, 0, end, covered)
            if len(names) < 2 or not names[-1].text.endswith(self._rules.surname_endings):
                continue
            known = self._surname_index.get(self._morphology.skeleton(names[-1].text), set())
            if len(known) == 1:
                (person,) = known
                added.append(Mention(*view.span(names[0].start, names[-1].end), person, "person", "context.speaker"))
            else:
                added.append(self._provisional(view, names[0].start, names[-1].end, "person", ""))
        return added

    def _new_organizations(self, view: _View, mentions: list[Mention]) -> list[Mention]:
        """«وزارة الطوارئ الطاجيكية»: a head noun, a few words and a state make a provisional body."""
        rules = self._rules
        states = {view.norm(m.start): m for m in mentions if m.entity_type == "country"}
        covered = bytearray(len(view.text) + 1)
        for m in mentions:
            if m.entity_type != "country":
                start, end = view.norm(m.start), view.norm(m.end)
                covered[start:end] = b"\x01" * (end - start)
        added = []
        for head_start, _end, head in view.find(self._new_body_heads):
            if covered[head_start]:
                continue
            tokens = view.tokens_from(head_start, 6)
            for j in range(1, len(tokens)):
                gap = view.text[tokens[j - 1].end : tokens[j].start]
                word = tokens[j].text
                if gap.strip() or covered[tokens[j].start] or (word in rules.stopwords and word not in rules.joiners):
                    break
                state = next((states[p] for p in range(tokens[j].start, tokens[j].end) if p in states), None)
                if state is None:
                    continue
                if j == 1 or (j == 2 and tokens[1].text in rules.joiners):
                    break  # «حركة روسية», «وزارة في روسيا»: no name between head and state
                start = tokens[0].end - len(head)
                if f"{head} {tokens[1].text}" in rules.media_bodies:
                    break  # «وكالة الأنباء اليابانية»: who reports, not a body of the state
                stem = " ".join(t.text for t in tokens[1:j] if t.text not in rules.joiners)
                known = self._national_body(head + " " + stem, state.entity_id)
                if known:
                    span = view.span(start, view.norm(state.end))
                    added.append(Mention(*span, known, "organization", "context.national-body"))
                else:
                    added.append(self._provisional(view, start, view.norm(state.end), "organization", state.entity_id))
                break
        return added

    def _bare_body_index(self, kb: KnowledgeBase) -> dict[str, dict[str, str]]:
        """The names of national bodies without their state («وزارة الدفاع» of «وزارة الدفاع
        الأوزبكية», «… في أوزبكستان», «وزارة دفاع أوزبكستان»): stem → {state → body}, where
        the stem, of two words or more, names one body per state."""
        state_forms: dict[str, set[str]] = {}
        for key, targets in kb.alias_index.items():
            for target in targets:
                entity = kb.entities.get(target.entity_id)
                if entity is not None and entity.type == "country":
                    state_forms.setdefault(entity.id, set()).add(key)
        joiners = self._rules.joiners
        found: dict[str, dict[str, set[str]]] = {}
        for org in kb.of_type("organization"):
            if not org.country or org.country not in state_forms:
                continue
            forms = state_forms[org.country]
            if self._rules.body_after_state is not None:
                for stem in self._state_first_stems(org, forms):
                    found.setdefault(stem, {}).setdefault(org.country, set()).add(org.id)
                continue
            for name in (org.name_ar, *org.aliases):
                if not name or not self._language.in_script(name[0]):
                    continue
                words = normalize_key(name).split()
                cut = next((n for n in range(1, len(words)) if " ".join(words[n:]) in forms), None)
                if cut is None:
                    continue
                stem_words = words[:cut]
                if stem_words and stem_words[-1] in joiners:
                    stem_words = stem_words[:-1]
                if len(stem_words) < 2 or not self._article:
                    continue  # «الحكومة», «المجلس»: one word alone is too general a name
                if not stem_words[-1].startswith(self._article):
                    # «حكومة أوزبكستان», «وزارة دفاع أوزبكستان»: without the state, the
                    # construct's last word takes the article («الحكومة», «وزارة الدفاع»)
                    stem_words = [*stem_words[:-1], self._article + stem_words[-1]]
                found.setdefault(" ".join(stem_words), {}).setdefault(org.country, set()).add(org.id)
        return {
            stem: {state: ids.pop() for state, ids in states.items() if len(ids) == 1} for stem, states in found.items()
        }

    def _state_first_stems(self, org: Entity, forms: set[str]) -> set[str]:
        """The names of a body without its state, in a language that writes the state first
        («Kyrgyz State Committee for National Security») or after a joiner («Ministry of
        Defence of the Kyrgyz Republic»): two words or more, so that no word alone names it."""
        joiners = self._rules.joiners
        stems = set()
        for name in (org.name_en, *org.aliases):
            if not name or not self._language.in_script(name[0]):
                continue
            words = normalize_key(name).split()
            head = next((n for n in range(len(words) - 1, 0, -1) if " ".join(words[:n]) in forms), None)
            tail = next((n for n in range(1, len(words)) if " ".join(words[n:]) in forms), None)
            if head is not None:
                stem_words = words[head:]
            elif tail is not None:
                stem_words = words[:tail]
                while stem_words and stem_words[-1] in joiners:
                    stem_words = stem_words[:-1]
            else:
                continue
            if len(stem_words) >= 2 and not any(w in forms for w in stem_words):
                stems.add(" ".join(stem_words))
        return stems

    def _article_state(self, mentions: list[Mention]) -> str:
        """The state an article is about: the one its states, national bodies and places name
        at least twice and more than twice as often as any other; else none. An armed group
        («طالبان») is no body of the state it fights in, a news agency cited none of its own."""
        counts: Counter[str] = Counter()
        for m in mentions:
            entity = self._kb.entities.get(m.entity_id)
            if entity is None:
                continue
            if m.entity_type == "country":
                counts[entity.id] += 1
            elif entity.country and (m.entity_type == "place" or entity.kind not in ("", "armed-group", "media")):
                counts[entity.country] += 1
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] <= 2 * ranked[1][1]):
            return ""
        return ranked[0][0]

    def _bare_national_bodies(self, view: _View, mentions: list[Mention]) -> list[Mention]:
        """«وقالت وزارة الدفاع إن …»: a national body named without its state is the body of the
        state the article is about, or of the one state its sentence (else the sentence before)
        names before it when the article has none; when the two disagree, or neither is clear,
        it stays unlinked. A state right after the name is its state («حرس الحدود القرغيزية»);
        an adjective after it or a title before it makes it part of another name."""
        found = [(start, end, stem, end - len(stem)) for start, end, stem in view.find(self._bare_body_words)]
        for pair in self._duals.read(view.text):
            # «وزارتي X وY» with no adjective: two bare bodies, each its own stem
            if all(body.bare in self._bare_bodies for body in pair):
                found += [(body.start, body.word_end, body.bare, body.start) for body in pair]
        if not found:
            return []
        rules = self._rules
        covered = view.covered(mentions)
        named_states = self._states_named(view, mentions)
        states, positions = named_states.states, named_states.positions
        titles = {title for title, _ in rules.titles}
        added = []
        for start, end, stem, word_start in sorted(found):
            if any(covered[word_start:end]) or stem in rules.generic_bodies:
                continue
            if rules.body_after_state is not None:
                k = bisect_left(positions, word_start) - 1
                if k >= 0 and rules.body_after_state.match(view.text[states[k][1] : word_start]):
                    body = self._bare_bodies[stem].get(states[k][2])
                    if body:  # «Uzbekistan's National Guard»: the state that opens the name
                        added.append(Mention(*view.span(word_start, end), body, "organization", "context.bare-body"))
                    continue
            _, before = view.context_before(start)
            if f"{self._strip_proclitics(before, titles)} {stem}" in titles or f"{before} {stem}" in titles:
                continue  # «رئيس مجلس الوزراء»: the title of a person
            after = view.tokens_from(end, 1)
            if after and not view.text[end : after[0].start].strip():
                k = bisect_left(positions, after[0].start)
                if k < len(states) and states[k][0] < after[0].end:
                    body = self._bare_bodies[stem].get(states[k][2])
                    if body:  # «حرس الحدود القرغيزية»: the state that closes the name
                        span = view.span(word_start, states[k][1])
                        added.append(Mention(*span, body, "organization", "context.bare-body"))
                    continue
                if any(covered[after[0].start : after[0].end]) or (
                    self._article
                    and after[0].text.startswith(self._article)
                    and after[0].text.endswith(rules.adjective_endings)
                ):
                    continue  # a longer name, or an adjective that continues this one
            state = self._state_for(view, word_start, named_states)
            if not state:
                continue
            body = self._bare_bodies[stem].get(state)
            if body:
                added.append(Mention(*view.span(word_start, end), body, "organization", "context.bare-body"))
        return added

    def _national_namesakes(self, view: _View, mentions: list[Mention]) -> list[Mention]:
        """«ترأس الرئيس اجتماع مجلس الأمن»: an international body's short name that is also the
        name of national bodies without their state is the clear state's body (as for a bare
        body, :meth:`_state_for`), unless the text names the international body otherwise or
        the organization it belongs to. With no clear state it stays the international body."""
        bare = []
        for k, m in enumerate(mentions):
            if m.entity_type != "organization" or not m.rule.startswith("gazetteer."):
                continue
            stem = normalize_key(m.text)
            entity = self._kb.entities.get(m.entity_id)
            if stem in self._bare_bodies and entity is not None and not entity.country:
                bare.append((k, stem, entity))
        if not bare:
            return mentions
        bare_at = {k for k, _, _ in bare}
        named: set[str] = set()
        for k, m in enumerate(mentions):
            if k not in bare_at:
                named.add(m.entity_id)
                entity = self._kb.entities.get(m.entity_id)
                if entity is not None and entity.parent:
                    named.add(entity.parent)
        named_states = self._states_named(view, [m for k, m in enumerate(mentions) if k not in bare_at])
        out = list(mentions)
        for k, stem, entity in bare:
            if entity.id in named or (entity.parent and entity.parent in named):
                continue  # «الأمم المتحدة … مجلس الأمن»: the international body
            m = mentions[k]
            state = self._state_for(view, view.norm(m.start), named_states)
            body = self._bare_bodies[stem].get(state) if state else None
            if body:
                out[k] = Mention(m.start, m.end, m.text, body, "organization", "context.bare-body")
        return out

    def _states_named(self, view: _View, mentions: list[Mention]) -> _NamedStates:
        """Every mention that names a state, in order, with what :meth:`_state_for` looks up."""
        states = sorted(
            (view.norm(m.start), view.norm(m.end), self._state_of(m)) for m in mentions if self._state_of(m)
        )
        sentence_starts = [a for a, _ in view.doc.normalized_sentences]
        return _NamedStates(states, [p for p, _, _ in states], sentence_starts, self._article_state(mentions))

    def _state_for(self, view: _View, word_start: int, named_states: _NamedStates) -> str:
        """The state a word that names no state of its own («وزارة الدفاع», «السلطات») stands
        for: the article's state, unless its sentence (else the sentence before) names another
        before it; without an article's state, the one state those sentences name; else ""."""
        states, positions, sentence_starts, article_state = named_states
        sentences = view.doc.normalized_sentences
        index = bisect_right(sentence_starts, word_start) - 1
        named: set[str] = set()
        for sentence in (index, index - 1):
            if sentence < 0 or named:
                continue
            low = sentences[sentence][0]
            high = word_start if sentence == index else sentences[sentence][1]
            named = {state for _, _, state in states[bisect_left(positions, low) : bisect_left(positions, high)]}
        if article_state:
            return article_state if not named or named == {article_state} else ""
        return next(iter(named)) if len(named) == 1 else ""

    def _state_institutions(self, view: _View, mentions: list[Mention]) -> list[Mention]:
        """«وأعلنت السلطات اعتقال …»: the authorities, the government, the police of no named
        state are the state the article is about (chosen as for a bare body) — the state acts."""
        found = view.find(self._institution_words)
        if not found:
            return []
        named_states = self._states_named(view, mentions)
        covered = view.covered(mentions)
        added = []
        for _start, end, stem in found:
            word_start = end - len(stem)
            if any(covered[word_start:end]):
                continue
            after = view.tokens_from(end, 1)
            if after and not view.text[end : after[0].start].strip() and any(covered[after[0].start : after[0].end]):
                continue  # «السلطات الأوزبكية», «حكومة طالبان»: its own name follows
            state = self._state_for(view, word_start, named_states)
            if state:
                added.append(Mention(*view.span(word_start, end), state, "country", "context.state-institution"))
        return added

    def _state_of(self, mention: Mention) -> str:
        """The state a mention names: a state, or the state of a national body."""
        if mention.entity_type == "country":
            return mention.entity_id
        entity = self._kb.entities.get(mention.entity_id)
        if entity is None or mention.entity_type != "organization" or entity.kind == "media":
            return ""  # a news agency cited names no state of the story
        return entity.country

    def _national_body(self, stem: str, country: str) -> str:
        """A known body of ``country`` named «stem + state» in another form: «وزارة الدفاع الطاجيكستانية»."""
        for name, entity_id in self._national_bodies.get(country, ()):
            if name == stem or name.startswith(stem + " "):
                return entity_id
        return ""

    def _provisional(self, view: _View, start: int, end: int, entity_type: str, country: str) -> Mention:
        """A person or body the knowledge base lacks: id «new-» + a transliteration of its name."""
        translit = self._rules.transliteration
        words = normalize_key(view.text[start:end]).split()
        entity_id = "new-" + "-".join("".join(translit.get(ch, "") for ch in w) for w in words)
        o_start, o_end, original = view.span(start, end)
        view.doc.new_entities.setdefault(
            entity_id, NewEntity(entity_id, entity_type, original, country, o_start, o_end)
        )
        return Mention(o_start, o_end, original, entity_id, entity_type, f"context.new-{entity_type}")

    def _surnames(self, view: _View, mentions: list[Mention]) -> list[Mention]:
        """A surname alone links to the person named in full earlier in the document. A person
        found by the office they hold («الرئيس الروسي») was not named: the last word of a title
        is no surname."""
        surnames: dict[str, str] = {}
        for m in mentions:
            words = normalize_key(m.text).split()
            if m.rule == "context.title-role":
                continue
            if m.entity_type == "person" and len(words) >= 2 and len(self._morphology.skeleton(words[-1])) >= 3:
                surnames.setdefault(words[-1], m.entity_id)
        return self._link_words(view, mentions, surnames, "person", "context.surname") if surnames else []

    def _org_references(self, view: _View, mentions: list[Mention]) -> list[Mention]:
        """«المنظمة», «الحلف»: the nearest organization of a fitting kind named before; first one
        this article itself called so («المعاهدة» after «معاهدة الأمن الجماعي»)."""
        orgs = sorted(
            (view.norm(m.start), m.entity_id, normalize_key(m.text).split())
            for m in mentions
            if m.entity_type == "organization" and m.entity_id in self._kb.entities
        )
        if not orgs:
            return []
        refs = self._rules.org_references
        covered = view.covered(mentions)
        positions = [p for p, _, _ in orgs]
        added = []
        for start, end, word in view.find(self._reference_words):
            token = Token(start, end, view.text[start:end])
            if covered[token.start]:
                continue
            lo = bisect_right(positions, token.start - _REFERENCE_WINDOW)
            hi = bisect_left(positions, token.start, lo)
            before = [(o, words) for _, o, words in orgs[lo:hi]]
            fitting = [(o, words) for o, words in before if self._kb.entities[o].kind in refs[word]]
            named = [
                o for o, words in fitting if (word.removeprefix(self._article) if self._article else word) in words
            ]
            choice = named or [o for o, _ in fitting]
            if choice:
                # «للمنظمة»: the name begins at what is left of the article, as the gazetteer's do
                length = len(word) if view.text.endswith(word, 0, token.end) else len(word) - 1
                span = view.span(token.end - length, token.end)
                added.append(Mention(*span, choice[-1], "organization", "context.org-reference"))
        return added

    def _link_words(
        self, view: _View, mentions: list[Mention], words: dict[str, str], entity_type: str, rule: str
    ) -> list[Mention]:
        covered = view.covered(mentions)
        added = []
        for start, end, word in view.find_strings(words, self._prefix_set):
            if not covered[start]:
                span = view.span(end - len(word), end)
                added.append(Mention(*span, words[word], entity_type, rule))
        return added


class _View:
    """A document seen through its normalized text: words near a position, offsets both ways,
    coverage by mentions. Words are read only where a candidate was found, never all of them."""

    def __init__(self, doc: Document) -> None:
        assert doc.normalized is not None
        self.doc = doc
        self.normalized = doc.normalized
        self.text = doc.normalized.text
        # the mentions' bounds, mapped in one walk over the sorted offsets: every phase asks
        # for them, and one look-up at a time costs a bisection each
        offsets = sorted({o for m in doc.mentions for o in (m.start, m.end)})
        self._norm_cache: dict[int, int] = dict(zip(offsets, doc.normalized.to_normalized_sorted(offsets), strict=True))
        self._covered: tuple[bytearray, int] = (bytearray(len(self.text) + 1), 0)
        self._last_covered: Mention | None = None

    def find(self, automaton: ahocorasick.Automaton) -> list[tuple[int, int, str]]:
        """Whole words whose stem is a key of ``automaton`` (see :func:`word_automaton`), each
        possibly after proclitics: (word start, word end, stem; the word with its article for a
        stem found after a chain that holds the article)."""
        if automaton.kind != ahocorasick.AHOCORASICK:
            return []  # no words: the language has none of this kind
        text = self.text
        found = []
        for last, (stem, prefixes, word) in automaton.iter(text):
            end = last + 1
            start = end - len(stem)
            if end < len(text) and (text[end].isalnum() or text[end] == "_"):
                continue
            word_start = start
            while word_start > 0 and text[word_start - 1].isalnum() and start - word_start <= 4:
                word_start -= 1
            if text[word_start:start] in prefixes and not (word_start > 0 and text[word_start - 1].isalnum()):
                found.append((word_start, end, word))
        return found

    def find_strings(self, words: dict[str, str], prefixes: frozenset[str]) -> list[tuple[int, int, str]]:
        """Like :meth:`find` for a handful of words known only for this document."""
        automaton = ahocorasick.Automaton()
        for word in words:
            automaton.add_word(word, (word, prefixes, word))
        automaton.make_automaton()
        return self.find(automaton)

    def tokens_from(self, position: int, count: int) -> list[Token]:
        out = []
        for match in _TOKEN.finditer(self.text, position):
            out.append(Token(match.start(), match.end(), match.group()))
            if len(out) == count:
                break
        return out

    def norm(self, original_offset: int) -> int:
        cached = self._norm_cache.get(original_offset)
        if cached is None:
            cached = self._norm_cache[original_offset] = self.normalized.to_normalized(original_offset)
        return cached

    def span(self, start: int, end: int) -> tuple[int, int, str]:
        o_start, o_end = self.normalized.to_original(start, end)
        return o_start, o_end, self.doc.text[o_start:o_end]

    def _word_start(self, position: int) -> int:
        while position > 0 and self.text[position - 1].isalnum():
            position -= 1
        return position

    def _previous_word(self, word_start: int) -> tuple[int, int]:
        """The span of the word before the one starting at ``word_start`` (punctuation skipped)."""
        end = word_start
        while end > 0 and not self.text[end - 1].isalnum() and word_start - end < 40:
            end -= 1
        return self._word_start(end), end

    def context_before(self, position: int) -> tuple[str, str]:
        """(proclitics inside the word before ``position``, the previous word)."""
        # read backwards at C speed on a reversed stretch of text; a stretch the words fill
        # to its start may cut them, and is read letter by letter instead
        low = max(0, position - _BACK_WINDOW)
        backwards = self.text[low:position][::-1]
        match = _BACKWARDS.match(backwards)
        if match is not None and (low == 0 or match.end() < len(backwards)):
            return match.group(1)[::-1], match.group(3)[::-1]
        word_start = self._word_start(position)
        start, end = self._previous_word(word_start)
        return self.text[word_start:position], self.text[start:end]

    def context_start(self, position: int) -> int:
        """Where the word before the one at ``position`` begins."""
        return self._previous_word(self._word_start(position))[0]

    def adjacent(self, tokens: list[Token], end: int) -> bool:
        return all(not self.text[tokens[n].end : tokens[n + 1].start].strip() for n in range(end - 1))

    def covered(self, mentions: list[Mention]) -> bytearray:
        """Which normalized characters lie inside a mention; the phases of the link stage only
        add mentions, so the map grows from the previous one instead of being rebuilt."""
        covered, done = self._covered
        if done > len(mentions) or (done and mentions[done - 1] is not self._last_covered):
            covered, done = bytearray(len(self.text) + 1), 0
        for m in mentions[done:]:
            start, end = self.norm(m.start), self.norm(m.end)
            covered[start:end] = b"\x01" * (end - start)
        if mentions:
            self._last_covered = mentions[-1]
        self._covered = (covered, len(mentions))
        return covered
