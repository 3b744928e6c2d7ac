"""Quantities in text: «1.3 مليار دولار», «8.8٪», «98 ألف مواطن», «ست دول», «الأعضاء التسعة».

Number words, scale words, units and measures come from the language pack's
``numbers.yaml``, the units written alike in every script («%», «$») from
``text/numbers.yaml``; this module holds no word of any language. Only a number with a
unit (a currency, a percentage or a counted noun) is a quantity: bare numbers are years,
ordinals and names («بيرليك 2025») far too often.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from marsad.datafile import load_yaml
from marsad.lang import Language, detect_language, language_pack
from marsad.text.normalize import NormalizedText, normalize, normalize_key
from marsad.text.prefilter import places
from marsad.text.regex import NEVER, alternation, first_letters, guarded, word_trie


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int  # original offsets of the number, its scale and its unit
    end: int
    value: float
    unit: str  # a currency code, "percent", or a count unit such as "soldiers"
    measure: str  # what it measures when the words before say so, else ""


@dataclass(frozen=True)
class NumberRules:
    words: dict[str, int]
    scales: dict[str, int]  # every form that multiplies a number before it, plural ones too
    units: dict[str, str]  # normalized unit form -> unit
    units_before: dict[str, str]  # nouns that count when a number word follows them
    measures: tuple[tuple[str, str], ...]  # (normalized cue, measure)
    number: re.Pattern[str]  # the first word (or digits) of a number
    unit_after: re.Pattern[str]
    unit_before: re.Pattern[str]
    plural_scales: frozenset[str] = frozenset()  # vague alone: «آلاف»
    accusative_scales: frozenset[str] = frozenset()  # «80 ألفا»; alone, a dual: «بليونا دولار»
    dual_scales: dict[str, int] = field(default_factory=dict)  # «ألفي» -> 1000 (twice it)
    fractions: dict[str, float] = field(default_factory=dict)
    dual_units: dict[str, str] = field(default_factory=dict)  # «شخصين» -> persons (two)
    continuation: re.Pattern[str] = NEVER  # the next word of a number, after the first
    dual_unit: re.Pattern[str] = NEVER
    people_before: re.Pattern[str] = NEVER  # «أصيب 87»: the words before a count of people
    people_after: re.Pattern[str] = NEVER  # «50 قتلوا»
    range_before: re.Pattern[str] = NEVER  # «بين 30 و40 رجلا»: the opener before the first
    range_after: re.Pattern[str] = NEVER  # ... and the word that joins the two
    year_before: re.Pattern[str] = NEVER  # «منذ»: a year-like number after it is a year
    change_before: re.Pattern[str] = NEVER  # «rose by»: a percentage after it is a change, not a level
    currencies_before: dict[str, str] = field(default_factory=dict)  # «$» -> USD, written before the number
    currency_before: re.Pattern[str] = NEVER  # a currency right before a number: «$1.3 billion»


@lru_cache(maxsize=1)
def _shared_units() -> dict[str, list[str]]:
    """``text/numbers.yaml``: the units written alike in every script."""
    raw = load_yaml(resources.files("marsad.text").joinpath("numbers.yaml").read_text(encoding="utf-8"))
    return {"percent": list(raw["percent"]), **{code: list(forms) for code, forms in raw["currencies"].items()}}


@lru_cache(maxsize=16)
def currency_codes(language: Language) -> frozenset[str]:
    """The currencies a sum of ``language`` can be in: those every script writes alike and
    those its words and signs name."""
    raw = language.data("numbers")
    shared = set(_shared_units()) - {"percent"}
    return frozenset(shared | set(raw.get("currencies", {})) | set(raw.get("currencies_before", {})))


@lru_cache(maxsize=1)
def _people_units() -> frozenset[str]:
    raw = load_yaml(resources.files("marsad.text").joinpath("numbers.yaml").read_text(encoding="utf-8"))
    return frozenset(raw.get("people", ()))


def figure_key(quantity: Quantity) -> tuple[float, str]:
    """What a quantity is the same figure as when told again: its value and unit, every
    unit of people one («19 قتيلا» … «19 شخصا»)."""
    return quantity.value, "persons" if quantity.unit in _people_units() else quantity.unit


@dataclass(frozen=True)
class _Inflection:
    """The suffixes a noun or a scale is read with («inflection» in ``numbers.yaml``)."""

    feminine: str = ""
    feminine_stem: str = ""
    accusative: str = ""
    dual: tuple[str, ...] = ()
    construct: tuple[str, ...] = ()
    sound_plural: tuple[str, ...] = ()

    def stem(self, word: str) -> str:
        """The form a suffix attaches to: «دولة» → «دولت»."""
        if self.feminine and word.endswith(self.feminine):
            return word[: -len(self.feminine)] + self.feminine_stem
        return word

    def accusatives(self, word: str) -> list[str]:
        # «قتيلاً»; a feminine noun takes no alef («ضحية»), nor does a word ending in one
        if not self.accusative or " " in word or word.endswith((self.feminine or "\0", self.accusative)):
            return []
        return [word + self.accusative]

    def sound(self, word: str) -> list[str]:
        if " " in word:
            return []
        return [word + suffix for suffix in self.sound_plural] + self.accusatives(word)

    def duals(self, word: str, sound: bool) -> list[str]:
        """«شخصين», «دولتان», «حاملتي جند»; a sound noun's «ين» is its plural, not a dual."""
        head, _, rest = word.partition(" ")
        feminine = bool(self.feminine) and head.endswith(self.feminine)
        suffixes = [d for d in self.dual if not (sound and d in self.sound_plural)] if not rest else []
        if feminine:  # a masculine noun's construct dual reads as its accusative («جنديا»)
            suffixes += self.construct
        tail = f" {rest}" if rest else ""
        return [self.stem(head) + suffix + tail for suffix in suffixes]


def _inflection(raw: dict) -> _Inflection:
    spec = raw.get("inflection", {})
    return _Inflection(
        spec.get("feminine", ""),
        spec.get("feminine_stem", ""),
        spec.get("accusative", ""),
        tuple(spec.get("dual", ())),
        tuple(spec.get("dual_construct", ())),
        tuple(spec.get("sound_plural", ())),
    )


def _words(raw: dict, key: str) -> list[str]:
    return [normalize_key(w) for w in raw.get(key, ())]


@lru_cache(maxsize=16)
def number_rules(language: Language) -> NumberRules:
    """The number words, scales, units and patterns of ``language``."""
    raw = language.data("numbers")
    infl = _inflection(raw)
    words = {normalize_key(k): int(v) for k, v in raw.get("words", {}).items()}
    singular = {normalize_key(k): int(v) for k, v in raw.get("scales", {}).items()}
    plural = {normalize_key(k): int(v) for k, v in raw.get("plural_scales", {}).items()}
    accusative = {normalize_key(f): int(v) for k, v in raw.get("scales", {}).items() for f in infl.accusatives(k)}
    dual_scales = {
        normalize_key(f): int(v)
        for k, v in raw.get("scales", {}).items()
        for f in {*infl.duals(k, False), *(infl.stem(k) + c for c in infl.construct)}
    }
    scales = {**accusative, **plural, **singular}
    for form in scales:
        dual_scales.pop(form, None)  # «ألفا» after a number is an accusative
    units: dict[str, str] = {}
    for code, forms in _shared_units().items():
        units.update({normalize_key(f): code for f in forms})
    for code, forms in raw.get("currencies", {}).items():
        units.update({normalize_key(f): code for f in forms})
    units.update({normalize_key(f): "percent" for f in raw.get("percent", ())})
    dual_units: dict[str, str] = {}
    as_dual = set(raw.get("counted_as_dual", ()))
    for key, sound, dual in (("counts", False, True), ("counts_sound", True, True), ("counts_plain", False, False)):
        for unit, forms in raw.get(key, {}).items():
            for form in forms:
                units.update({normalize_key(f): unit for f in [form, *infl.accusatives(form)]})
                if sound:
                    units.update({normalize_key(f): unit for f in infl.sound(form)})
                if dual and unit in as_dual:
                    dual_units.update({normalize_key(f): unit for f in infl.duals(form, sound)})
    for form in (*units, *words, *scales):
        dual_units.pop(form, None)  # a form read otherwise is not a dual
    fractions = {normalize_key(k): float(v) for k, v in raw.get("fractions", {}).items()}
    measures = tuple((normalize_key(cue), m) for m, cues in raw.get("measures", {}).items() for cue in cues)
    article = normalize_key(language.clitic("article"))
    article_opt = f"(?:{re.escape(article)})?" if article else ""
    conjunctions = [normalize_key(c) for c in language.clitics("conjunctions")]
    prepositions = [normalize_key(p) for p in language.clitics("prepositions")]
    proclitics = [c + p for c in ["", *conjunctions] for p in ["", *prepositions] if c + p]
    proclitic_opt = f"(?:{alternation(proclitics)})?"
    conjunction_opt = f"(?:{alternation(conjunctions)})?"
    partitive = alternation(_words(raw, "partitive"))
    and_ = normalize_key(raw.get("and", ""))
    scale, dual_scale, fraction = alternation(scales), alternation(dual_scales), alternation(fractions)
    # one word of a number: a number word, a scale, a dual scale, a fraction («نصف المليون»)
    word_term = (
        rf"(?:{article_opt}(?P<word>{alternation(words)})|(?P<scale>{scale})|(?P<dual>{dual_scale})"
        rf"|(?P<fraction>{fraction})(?:\s+{article_opt}(?P<fscale>{scale}))?)(?![^\W_])"
    )
    digits = r"(?P<digits>\d+(?:[.,]\d+)*)"
    number = guarded(
        rf"(?<![\d.,]){digits}|(?<![^\W_\d]){proclitic_opt}{word_term}",
        first_letters([*words, *scales, *dual_scales, *fractions, article, *proclitics]),
        digits=True,
    )
    continuation = re.compile(
        rf"\s*(?:(?P<and>{re.escape(and_) if and_ else NEVER.pattern})\s*)?(?:{digits}|{word_term})"
    )
    # the words that may stand between a number and its noun («300 Tajik troops»), read as
    # few as may be; a language whose adjectives follow the noun has none
    gap = f"(?P<gap>{raw['unit_gap']})??" if raw.get("unit_gap") else ""
    unit_after = re.compile(
        # the article only after «من»: «2005 المنشآت» is a year before a noun
        rf"\)?\s*(?:(?P<of>(?:{partitive})\s+)(?P<article>{alternation([article])})?)?{gap}"
        rf"(?P<unit>{word_trie(units)})(?![^\W_])"
    )
    currencies_before = {
        normalize_key(f): code for code, forms in raw.get("currencies_before", {}).items() for f in forms
    }
    currency_before = (
        re.compile(rf"(?<![^\W_])(?P<unit>{word_trie(currencies_before)})\s*$") if currencies_before else NEVER
    )
    units_before = {normalize_key(f): unit for unit, forms in raw.get("counted_before", {}).items() for f in forms}
    before_units = set(raw.get("counted_before_units", ()))
    if article:  # «المسلحون الأربعة»: the count nouns of these units with the article
        units_before.update({article + f: u for f, u in units.items() if u in before_units and " " not in f})
    # an empty trie would match the empty word: a language without such nouns reads none
    unit_before = re.compile(rf"(?P<unit>{word_trie(units_before)})\s+$") if units_before else NEVER
    dual_unit = guarded(
        rf"(?<![^\W_\d]){proclitic_opt}(?P<unit>{word_trie(dual_units)})(?![^\W_])",
        first_letters([*dual_units, *proclitics]),
    )
    approx = rf"(?:(?:{alternation(_words(raw, 'approximately'))})\s+)*"
    cues_before, cues_after = _words(raw, "people_cues_before"), _words(raw, "people_cues_after")
    people_before = re.compile(rf"(?<![^\W_]){conjunction_opt}(?:{alternation(cues_before)})\s+{approx}$")
    people_after = re.compile(rf"\s+{conjunction_opt}(?:{alternation(cues_after)})(?![^\W_])")
    range_before = re.compile(rf"(?<![^\W_])(?:{alternation(_words(raw, 'range_open'))})\s+{approx}$")
    range_after = re.compile(rf"\s*(?:{alternation(_words(raw, 'range_join'))})\s*(?=\S)")
    year_before = re.compile(rf"(?<![^\W_]){proclitic_opt}(?:{alternation(_words(raw, 'year_cues'))})\s+$")
    # «grew by 4%»; or the verb of change, its subject, then the word that links the amount
    # («ارتفع الإنفاق العسكري بنسبة 4%», «расходы выросли в 2023 году на 4%»), in one clause
    changes = []
    if cues := _words(raw, "change_cues"):
        changes.append(f"(?:{alternation(cues)})")
    if (verbs := _words(raw, "change_verbs")) and (links := _words(raw, "change_links")):
        # only words, spaces and hyphens between: any punctuation, in any script, ends the clause
        changes.append(rf"(?:{alternation(verbs)})(?![^\W_])[\w \t-]*?\s(?:{alternation(links)})")
    change_before = (
        re.compile(rf"(?<![^\W_]){conjunction_opt}(?:{'|'.join(changes)})\s+{approx}$") if changes else NEVER
    )
    return NumberRules(
        words,
        scales,
        units,
        units_before,
        measures,
        number,
        unit_after,
        unit_before,
        frozenset(plural),
        frozenset(accusative),
        dual_scales,
        fractions,
        dual_units,
        continuation,
        dual_unit,
        people_before if cues_before else NEVER,
        people_after if cues_after else NEVER,
        range_before,
        range_after,
        year_before,
        change_before,
        currencies_before,
        currency_before,
    )


def number_anchor_words(language: Language) -> frozenset[str]:
    """The number and scale words of ``language`` and its dual nouns («شخصين»): every
    quantity holds one, or a digit."""
    rules = number_rules(language)
    return frozenset(rules.words) | frozenset(rules.scales) | frozenset(rules.dual_scales) | frozenset(rules.dual_units)


def _parse_digits(digits: str) -> float:
    # «2,500» and «2.500» group thousands; «1.3» and «8,8» are decimals.
    groups = re.split(r"[.,]", digits)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]):
        return float("".join(groups))
    if len(groups) == 2:
        return float(f"{groups[0]}.{groups[1]}")
    return float(groups[0])


@dataclass(slots=True)
class _Number:
    """A number read from its words: «ثلاثة آلاف وخمسمائة» = 3500."""

    start: int
    end: int
    total: float = 0.0  # the groups closed by a scale
    current: float | None = None  # the group still open: «ثلاثة» before «آلاف»
    last: float = 0.0  # the last word's value («خمسة» in «مائة وخمسة»), to read «وعشرون»
    scale: float = 0.0  # the last scale read
    words: int = 0  # number words read (a lone word is a way of speaking, not a figure, at one)
    digits: bool = False
    scaled: bool = False
    construct: bool = False  # read as a dual before its noun, or an accusative: «ألفا»

    @property
    def value(self) -> float:
        return self.total + (self.current or 0.0)

    @property
    def lone_word(self) -> bool:
        return self.words == 1 and not self.digits and not self.scaled

    def add(self, match: re.Match[str], rules: NumberRules, joined: bool, first: bool) -> bool:
        """Read one more word of the number; False when it starts another."""
        if match["digits"]:
            value = _parse_digits(match["digits"])
            if not first and not (joined and self.current is None and value < self.scale):
                return False  # «بين 30 و40»: two numbers; «مليون و500 ألف»: one
            self.current, self.last, self.digits = value, value, True
        elif match["word"]:
            value = float(rules.words[match["word"]])
            if first:
                self.current = value
            elif self.current is None:
                if not (joined and value < self.scale):
                    return False
                self.current = value  # «ألف ومائتان»
            elif not joined and value == 10 and 1 <= self.last <= 9 and not self.digits:
                self.current += 10  # «خمسة عشر»
            elif not joined and value == 100 and 1 <= self.current <= 9 and not self.digits:
                self.current *= 100  # «ثلاث مئة»
            elif (
                joined
                and 1 <= self.last <= 9
                and value in _TENS
                and self.current % 100 == self.last
                and not self.digits
            ):
                self.current += value  # «ثلاث وعشرون», «مائة وخمسة وعشرون»
            elif joined and self.current % 100 == 0 and value < 100 and not self.digits:
                self.current += value  # «مائة وخمسون»
            else:
                return False
            self.last = value
            self.words += 1
        elif match["scale"] or match["dual"]:
            form = match["scale"] or match["dual"]
            scale = float(rules.scales.get(form) or rules.dual_scales[form])
            twice = bool(match["dual"]) or (self.current is None and form in rules.accusative_scales)
            if joined or (self.scale and scale >= self.scale):
                return False
            if twice:
                if self.current is not None:
                    return False
                group = 2 * scale  # «ألفي جندي», «بليونا دولار»
                self.construct = not match["dual"]
            elif self.current is None:
                if not first or form in rules.plural_scales:
                    return False  # «آلاف اللاجئين»: thousands, not a figure
                group = scale  # «مليار يوان»
            else:
                group = self.current * scale
            self.total += group
            self.current, self.scale, self.last, self.scaled = None, scale, 0.0, True
        else:  # a fraction: «ونصف المليون», «نصف مليون»
            scale = float(rules.scales[match["fscale"]]) if match["fscale"] else self.scale
            if not scale or self.current is not None or (not first and (not joined or scale > self.scale)):
                return False
            self.total += rules.fractions[match["fraction"]] * scale
            self.scale, self.scaled = scale, True
        if self.construct and joined:
            # «ألفا وخمسمائة»: an accusative read as a dual; a dual stands before its noun
            self.total, self.construct = self.total - self.scale, False
        self.end = match.end()
        return True


_TENS = frozenset(float(t) for t in range(20, 100, 10))


def _read_number(text: str, match: re.Match[str], rules: NumberRules) -> _Number | None:
    number = _Number(match.start(), match.end())
    if not number.add(match, rules, False, True):
        return None
    while (more := rules.continuation.match(text, number.end)) and number.add(more, rules, bool(more["and"]), False):
        pass
    return number


def _looks_like_year(number: _Number) -> bool:
    return number.digits and not number.scaled and number.value.is_integer() and 1900 <= number.value <= 2100


# a figure this close after the one before restates it (in another currency, rounded):
# characters of normalized text between the two
_RESTATED_GAP = 12
# What a percentage measures when a word of change stands right before it (``change_cues``),
# and how far before the number such a cue is looked for
CHANGE = "change"
_CHANGE_REACH = 70


def find_quantities(text: str, language: Language | None = None) -> list[Quantity]:
    """Every number with a unit in ``text``, with its value scaled («1.3 مليار» = 1.3e9)
    (``language``: its pack, else the pack of the script it is written in)."""
    language = language if language is not None else language_pack(detect_language(text))
    return find_quantities_in(normalize(text), 0, len(text), language)


def find_quantities_in(
    norm: NormalizedText,
    span_start: int,
    span_end: int,
    language: Language,
    bounds: tuple[int, int] | None = None,
) -> list[Quantity]:
    """:func:`find_quantities` of the original span ``[span_start, span_end)`` of a text
    already normalized (a sentence of a document in ``language``), with offsets from
    ``span_start``; ``bounds``: the span in the normalized text, when the caller has it."""
    n_start, n_end = bounds or (norm.to_normalized(span_start), norm.to_normalized(span_end))
    if not places(norm, language).may_hold_number(n_start, n_end):
        return []  # no digit, no number word: most sentences
    ntext = norm.text[n_start:n_end]

    def original(a: int, b: int) -> tuple[int, int]:
        o_start, o_end = norm.to_original(n_start + a, n_start + b)
        return o_start - span_start, min(o_end, span_end) - span_start

    rules = number_rules(language)
    found: list[tuple[int, int, float, str]] = []
    pos = 0
    while match := rules.number.search(ntext, pos):
        number = _read_number(ntext, match, rules)
        if number is None:
            pos = match.end()
            continue
        pos = number.end
        unit = _unit(ntext, number, rules)
        if unit is not None:
            found.append((unit[0], unit[1], number.value, unit[2]))
    for match in rules.dual_unit.finditer(ntext):
        # «مقتل شخصين»: a dual noun is two of it, unless a number counts it already
        if not any(a < match.end() and match.start() < b for a, b, _, _ in found):
            found.append((match.start(), match.end(), 2.0, rules.dual_units[match["unit"]]))
    found.sort()
    quantities: list[Quantity] = []
    previous_end, previous_measure = 0, ""
    for s, e, v, u in found:
        if quantities and s - previous_end <= _RESTATED_GAP:
            measure = previous_measure  # «100 مليون دولار أي نحو 90 مليون يورو»: the same sum again
        else:
            # a cue before another figure is that figure's: «spent $1.5 billion, and sent 300 troops»
            measure = _measure(ntext, s, rules, floor=previous_end)
        # «spending grew by 4% to 900 billion»: the percentage is the change, and the sum
        # after it is what the cue before measures
        changed = u == "percent" and rules.change_before.search(ntext, max(0, s - _CHANGE_REACH), s) is not None
        quantities.append(Quantity(*original(s, e), v, u, CHANGE if changed else measure))
        previous_end, previous_measure = e, measure
    return quantities


def _unit(text: str, number: _Number, rules: NumberRules) -> tuple[int, int, str] | None:
    """Where the quantity of ``number`` starts and ends and what it counts, or None when
    the number is no figure (a year, an ordinal, «دولة واحدة»)."""
    start, end = number.start, number.end
    if _looks_like_year(number) and rules.year_before.search(text, max(0, start - 20), start):
        return None  # «منذ 2003 قاعدة عسكرية»
    before = rules.currency_before.search(text, max(0, start - 8), start) if number.digits else None
    if before is not None:
        return before.start(), end, rules.currencies_before[before["unit"]]  # «$1.3 billion»
    after = rules.unit_after.match(text, end)
    if after:
        if after.groupdict().get("gap") and _looks_like_year(number):
            return None  # «in 2019 Russian troops»: a year before the words of a noun
        if number.lone_word and number.value == 1:
            return None  # «دولة واحدة»: one of something is a way of speaking, not a figure
        unit = rules.units[after["unit"]]
        if unit == "percent" and not number.digits:
            return None
        return start, after.end(), unit
    if not number.digits and not number.scaled:
        # «الأعضاء التسعة», «الأعضاء الست عشرة»: a counted noun before a number in words
        before = rules.unit_before.search(text, max(0, start - 25), start)
        if before is not None:
            return before.start(), end, rules.units_before[before["unit"]]
    if not number.value.is_integer() or _looks_like_year(number) or (number.lone_word and number.value == 1):
        return None
    if rules.people_after.match(text, end) or rules.people_before.search(text, max(0, start - 40), start):
        return start, end, "persons"  # «وأصيب 87», «50 قتلوا»
    join = rules.range_after.match(text, end)
    if join and rules.range_before.search(text, max(0, start - 40), start):
        # «بين 30 و40 رجلا»: the first number counts what the second does
        second = rules.number.match(text, join.end())
        following = _read_number(text, second, rules) if second else None
        after = rules.unit_after.match(text, following.end) if following else None
        unit = rules.units[after["unit"]] if after else None
        if unit is not None and (unit != "percent" or number.digits):
            return start, end, unit
    return None


def _measure(text: str, start: int, rules: NumberRules, floor: int = 0) -> str:
    """What the figure at ``start`` measures, by the nearest cue in the words before it, not
    before ``floor`` (where the figure before it ends)."""
    window = text[max(floor, start - 60) : start]
    best = ("", -1)
    for cue, measure in rules.measures:
        at = window.rfind(cue)
        if at > best[1]:
            best = (measure, at)
    return best[0]
