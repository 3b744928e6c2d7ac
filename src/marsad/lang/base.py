"""What a language pack gives the language-free stages: its grammar words, constructions,
lexicons and morphology, asked for by name («is this word a complementizer?», «the readings
of this token»), never compared letter by letter in a stage.

A pack is a folder ``lang/xx/`` with ``data/*.yaml`` (checked against ``lang/schema.yaml``
on load, like the knowledge base) and a morphology object (:class:`Morphology`). A language
without a pack is read with :data:`NO_MORPHOLOGY` and no data: names and figures only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, NamedTuple, Protocol

from marsad.datafile import load_yaml


class LanguageDataError(ValueError):
    """A pack's data file breaks the schema: the message names the file and the key."""


class Reading(NamedTuple):
    """One way to read a word: the proclitics it opens with and the stem after them."""

    prefix: str
    stem: str
    future: bool = False  # the future marker stands last among the proclitics («سيعقد»)


class Morphology(Protocol):
    """How a language builds words: clitics, the forms of a lemma, a name's skeleton."""

    proclitic_chains: frozenset[str]  # every sequence of proclitics a word may open with, "" too

    def readings(self, word: str, min_stem: int = 1) -> tuple[Reading, ...]:
        """Every (proclitics, stem) reading of ``word``, the shortest prefix first."""
        ...

    def without_conjunction(self, word: str) -> str:
        """``word`` without a leading conjunction clitic («وأكد» → «أكد»)."""
        ...

    def past_forms(self, lemma: str) -> set[str]:
        """The normalized past-tense forms of a verb lemma, in every person."""
        ...

    def present_forms(self, lemma: str) -> set[str]:
        """The normalized present-tense forms of a verb lemma, in every person."""
        ...

    def adverbial_participles(self, lemma: str) -> set[str]:
        """The forms of a verb lemma that tell a second act of the sentence's subject («adding»,
        «добавив»); empty where the pack lists them as written (claims ``participles``)."""
        ...

    def verb_forms(self, lemma: str, present: bool = False, passive: bool = True) -> set[str]:
        """Every person of a past (or present) verb lemma, with its object pronouns and (unless
        ``passive`` is false) its passive where spelt apart: the forms an event trigger is read in."""
        ...

    def participles(self, lemma: str) -> set[str]:
        """The participles of a verb lemma («signed», «held»), in every gender and number."""
        ...

    def negated(self, lemma: str) -> set[str]:
        """A present verb lemma behind the language's negations: «will not recognize»."""
        ...

    def noun_forms(self, noun: str) -> set[str]:
        """A noun with its inflections: the noun itself, with pronouns, case, number."""
        ...

    def carries_pronoun(self, word: str, noun: str) -> bool:
        """Whether the normalized ``word`` is the noun ``noun`` (as a lexicon writes it) with a
        possessive pronoun attached («انسحابها» of «انسحاب»), or ``noun`` itself already holds
        one («عضويتها»); False where the language writes its pronouns apart."""
        ...

    def may_be_verb(self, written: str) -> bool:
        """Whether ``written`` (a word as the text writes it, not normalized) can be a verb at
        all: the normalized text may read a noun as a verb form («إضافة» as «أضافه»)."""
        ...

    def carries_object(self, form: str, lemma: str) -> bool:
        """Whether the verb ``form`` (normalized) carries an object pronoun; False where the
        language writes its pronouns apart."""
        ...

    def subject_before(self, form: str, lemma: str) -> bool:
        """Whether the verb ``form`` (normalized) agrees in number with a subject that must
        then stand before it: where the language's verb-first order keeps the verb singular."""
        ...

    def skeleton(self, word: str) -> str:
        """The consonants of a normalized word: spellings of one foreign name share it."""
        ...

    def phrase_head_forms(self, word: str) -> set[str]:
        """The forms the first word of a lexicon phrase of several words is read in (Arabic
        keeps a construct as written; Russian declines it)."""
        ...

    def name_forms(self, name: str, person: bool = False) -> set[str]:
        """A knowledge-base name in its other inflections (cases, numbers), as written text;
        empty where the language's names are matched as they stand."""
        ...


class _NoMorphology:
    """Words are read as they stand: no clitics, no generated forms."""

    proclitic_chains: frozenset[str] = frozenset({""})

    def readings(self, word: str, min_stem: int = 1) -> tuple[Reading, ...]:
        return (Reading("", word),) if len(word) >= min_stem else ()

    def without_conjunction(self, word: str) -> str:
        return word

    def past_forms(self, lemma: str) -> set[str]:
        return set()

    def present_forms(self, lemma: str) -> set[str]:
        return set()

    def adverbial_participles(self, lemma: str) -> set[str]:
        return set()

    def verb_forms(self, lemma: str, present: bool = False, passive: bool = True) -> set[str]:
        return set()

    def participles(self, lemma: str) -> set[str]:
        return set()

    def negated(self, lemma: str) -> set[str]:
        return set()

    def noun_forms(self, noun: str) -> set[str]:
        return {noun}

    def carries_pronoun(self, word: str, noun: str) -> bool:
        return False

    def may_be_verb(self, written: str) -> bool:
        return True

    def carries_object(self, form: str, lemma: str) -> bool:
        return False

    def subject_before(self, form: str, lemma: str) -> bool:
        return False

    def skeleton(self, word: str) -> str:
        return word

    def phrase_head_forms(self, word: str) -> set[str]:
        return {word}

    def name_forms(self, name: str, person: bool = False) -> set[str]:
        return set()


NO_MORPHOLOGY: Morphology = _NoMorphology()


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    return load_yaml(resources.files("marsad.lang").joinpath("schema.yaml").read_text(encoding="utf-8"))


def _check_value(file: str, key: str, value: Any, kind: str) -> None:
    def fail(expected: str) -> None:
        raise LanguageDataError(f"{file}: '{key}' must be {expected}, not {type(value).__name__} {value!r:.60}")

    if kind == "str" and not isinstance(value, str):
        fail("a string")
    elif kind == "words":
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
            fail("a list of non-empty strings")
    elif kind == "regex":
        if not isinstance(value, str):
            fail("a regular expression string")
        try:
            re.compile(value)
        except re.error as error:
            raise LanguageDataError(f"{file}: '{key}' is not a valid regular expression: {error}") from None
    elif kind == "int" and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        fail("a whole number, 0 or more")
    elif kind == "bool" and not isinstance(value, bool):
        fail("true or false")
    elif kind == "mapping" and not isinstance(value, dict):
        fail("a mapping")
    elif kind == "list" and not isinstance(value, list):
        fail("a list")


def check_data(file: str, raw: Any) -> dict[str, Any]:
    """``raw`` checked against the schema of the pack file ``file``: unknown and missing keys
    and values of the wrong kind are errors that name the file and the key."""
    spec = _schema()["files"].get(file)
    if spec is None:
        raise LanguageDataError(f"{file}: no such language data file in lang/schema.yaml")
    if not isinstance(raw, dict):
        raise LanguageDataError(f"{file}: expected a mapping at the top level")
    keys: dict[str, Any] = spec["keys"]
    unknown = sorted(set(raw) - set(keys))
    if unknown:
        raise LanguageDataError(f"{file}: unknown key(s) {unknown}; known: {sorted(keys)}")
    for key, rule in keys.items():
        if key not in raw:
            if rule.get("required"):
                raise LanguageDataError(f"{file}: missing required key '{key}'")
            continue
        _check_value(file, key, raw[key], rule["type"])
        if rule["type"] == "mapping" and "keys" in rule:
            # a mapping whose keys the schema names (the grammar's word lists, its patterns)
            inner_unknown = sorted(set(raw[key]) - set(rule["keys"]))
            if inner_unknown:
                raise LanguageDataError(f"{file}: unknown key(s) {inner_unknown} under '{key}'")
            for inner, kind in rule["keys"].items():
                if inner in raw[key]:
                    _check_value(file, f"{key}.{inner}", raw[key][inner], kind)
    return raw


@dataclass(frozen=True, eq=False)
class Language:
    """A language pack: its code, its morphology and its data files (``root``: the pack's
    ``data`` folder, or None for a language without a pack)."""

    code: str
    morphology: Morphology = NO_MORPHOLOGY
    root: Traversable | None = None
    _files: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    @property
    def has_pack(self) -> bool:
        return self.root is not None

    def data(self, name: str) -> dict[str, Any]:
        """The pack's data file ``name`` (without ``.yaml``), checked; {} when the pack has none."""
        if name not in self._files:
            if f"{name}.yaml" not in _schema()["files"]:
                raise LanguageDataError(f"{name}.yaml: no such language data file in lang/schema.yaml")
            if self.root is None or not self.root.joinpath(f"{name}.yaml").is_file():
                self._files[name] = {}  # a pack may leave a file out: its stage finds nothing there
            else:
                text = self.root.joinpath(f"{name}.yaml").read_text(encoding="utf-8")
                self._files[name] = check_data(f"{name}.yaml", load_yaml(text))
        return self._files[name]

    @cached_property
    def _grammar(self) -> dict[str, Any]:
        return self.data("grammar")

    def words(self, name: str) -> tuple[str, ...]:
        """A grammar word list by name (see ``schema.yaml``), as written; () when the language has none."""
        return tuple(self._grammar.get("words", {}).get(name, ()))

    def pattern(self, name: str) -> re.Pattern[str] | None:
        """A construction by name, compiled; None when the language has none."""
        return _compiled(self, name)

    def clitic(self, name: str) -> str:
        """One clitic by name (``article``, ``future``, …); "" when the language has none."""
        value = self._grammar.get("clitics", {}).get(name, "")
        return value if isinstance(value, str) else ""

    def clitics(self, name: str) -> tuple[str, ...]:
        """A set of clitics by name (``conjunctions``, ``purpose``, …)."""
        value = self._grammar.get("clitics", {}).get(name, ())
        return (value,) if isinstance(value, str) else tuple(value)

    def grammar(self, name: str, default: Any = None) -> Any:
        """Any other top-level grammar entry (``skeleton_drop``, ``hamza_seats``, …)."""
        return self._grammar.get(name, default)

    @cached_property
    def script_letters(self) -> frozenset[str]:
        """The characters of the language's own script (a set: a stage asks per character)."""
        ranges = self._grammar.get("script_ranges", ())
        return frozenset(chr(c) for low, high in ranges for c in range(ord(low), ord(high) + 1))

    def in_script(self, char: str) -> bool:
        """Whether ``char`` is a letter of the language's own script."""
        return char in self.script_letters

    @cached_property
    def offset_folding(self) -> Mapping[int, str]:
        """One-letter-for-one folds (hamza seats) that keep every offset of a text."""
        return str.maketrans(self.grammar("hamza_seats", {}) or {})


@lru_cache(maxsize=256)
def _compiled(language: Language, name: str) -> re.Pattern[str] | None:
    source = language.grammar("patterns", {}).get(name)
    return re.compile(source) if source else None
