"""Russian morphology for the stages, from the OpenCorpora dictionary through pymorphy3.

Russian has no clitics to strip: a word is read as itself and as each lemma the dictionary
gives it, so a lexicon word written as a lemma («учение») matches every form of it in the
text («учений», «учениями»). Forms are generated from a lemma's lexeme: every person, tense,
case and number of a trigger, and every case of a knowledge-base name (:meth:`name_forms`).
The analyzer is loaded once, on first use (about 0.2 s).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from marsad.lang.base import Reading
from marsad.text.normalize import normalize_key

# The distributions this morphology reads its dictionary from: their versions are part of
# the compiled knowledge base's fingerprint (kb/cache.py), whose names are declined here.
REQUIRES: tuple[str, ...] = ("pymorphy3", "pymorphy3-dicts-ru")

# The grammemes of the six cases and two numbers a name is declined in.
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_NUMBERS = ("sing", "plur")
# Parts of a personal name: every word of «Садыр Жапаров» declines, not the head only.
_PERSON_PARTS = frozenset({"Name", "Surn", "Patr"})
# Words that agree with the noun after them («Шанхайская организация»): adjectives,
# participles and ordinal numbers.
_AGREEING = frozenset({"ADJF", "PRTF", "NUMR"})


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    import pymorphy3  # imported here: a process that reads no Russian never loads the dictionary

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=100_000)
def _parse(word: str) -> tuple[Any, ...]:
    """The dictionary's readings of ``word``, most probable first (the words of names recur)."""
    try:
        return tuple(_analyzer().parse(word))
    except ValueError:
        # pymorphy3 tells Latin from Cyrillic by each letter's Unicode name, and a letter with
        # none in this Python's tables (U+183D9, say) raises: such a word has no reading
        return ()


class RussianMorphology:
    proclitic_chains: frozenset[str] = frozenset({""})

    def __init__(self, grammar: dict[str, Any]) -> None:
        self._negation = tuple(grammar.get("verb_forms", {}).get("negation", ()))
        # a surname the dictionary does not know declines by its ending («Жапаров» → «Жапарова»)
        self._surname_endings: dict[str, list[str]] = dict(grammar.get("surname_declension", {}))
        # «таджикский» opens a compound as «таджикско-»
        self._compound_stems: dict[str, str] = dict(grammar.get("compound_stems", {}))
        self._lemmas = lru_cache(maxsize=200_000)(self._word_lemmas)

    # -- reading text --------------------------------------------------------------

    def readings(self, word: str, min_stem: int = 1) -> tuple[Reading, ...]:
        if len(word) < min_stem:
            return ()
        return tuple(Reading("", form) for form in self._lemmas(word) if len(form) >= min_stem)

    def _word_lemmas(self, word: str) -> tuple[str, ...]:
        """The word and each lemma the dictionary reads it as, the word first."""
        if not word or not word[0].isalpha():
            return (word,)
        lemmas = dict.fromkeys([word, *(normalize_key(p.normal_form) for p in _parse(word))])
        return tuple(lemmas)

    def lemmas(self, word: str) -> tuple[str, ...]:
        """The lemmas of a normalized word (the word itself first)."""
        return self._lemmas(word)

    def without_conjunction(self, word: str) -> str:
        return word  # Russian writes its conjunctions apart

    # -- generating forms ----------------------------------------------------------

    def _lexeme(self, lemma: str, kinds: frozenset[str] | None = None) -> set[str]:
        """Every form of the lexemes ``lemma`` is the dictionary form of (of the parts of speech
        ``kinds``), normalized; the lemma itself too."""
        out = {normalize_key(lemma)}
        for parse in _parse(lemma):
            if normalize_key(parse.normal_form) != normalize_key(lemma):
                continue
            for form in parse.lexeme:
                if kinds is None or form.tag.POS in kinds:
                    out.add(normalize_key(form.word))
        return out

    def past_forms(self, lemma: str) -> set[str]:
        """The finite past of a verb («заявил», «заявила», «заявили»): not its participles
        («заявленный», «заявивший») or its adverbial participle («заявив»), which the
        dictionary tags past too."""
        return {w for w, tags in self._verb_lexeme(lemma) if "past" in tags and "VERB" in tags}

    def adverbial_participles(self, lemma: str) -> set[str]:
        """«добавить» → «добавив», «добавивши»: a second act of the subject of the sentence."""
        return {w for w, tags in self._verb_lexeme(lemma) if "GRND" in tags}

    def present_forms(self, lemma: str) -> set[str]:
        return {w for w, tags in self._verb_lexeme(lemma) if "pres" in tags or "futr" in tags}

    def _verb_lexeme(self, lemma: str) -> set[tuple[str, frozenset[str]]]:
        out = set()
        for parse in _parse(lemma):
            if parse.tag.POS != "INFN" or normalize_key(parse.normal_form) != normalize_key(lemma):
                continue
            for form in parse.lexeme:
                out.add((normalize_key(form.word), frozenset(form.tag.grammemes)))
        return out

    def verb_forms(self, lemma: str, present: bool = False, passive: bool = True) -> set[str]:
        """Every finite form of a verb (both tenses: Russian writes a verb's lemma once), its
        short participles («задержаны») unless ``passive`` is false, never its long ones (those
        are :meth:`participles`, read as nouns)."""
        kinds = {"VERB", "INFN"} | ({"PRTS"} if passive else set())
        forms = {w for w, tags in self._verb_lexeme(lemma) if kinds & tags}
        return forms or self._lexeme(lemma)

    def participles(self, lemma: str) -> set[str]:
        return {w for w, tags in self._verb_lexeme(lemma) if "PRTF" in tags}

    def negated(self, lemma: str) -> set[str]:
        return {f"{n} {form}" for n in self._negation for form in self.verb_forms(lemma)}

    def noun_forms(self, noun: str) -> set[str]:
        return self._lexeme(noun, frozenset({"NOUN", "ADJF", "PRTF"}))

    def phrase_head_forms(self, word: str) -> set[str]:
        """The first word of a lexicon phrase of several words declines like a single word."""
        return self._lexeme(word)

    def carries_pronoun(self, word: str, noun: str) -> bool:
        return False  # possessives are words of their own

    def may_be_verb(self, written: str) -> bool:
        return True  # the normalized text keeps what tells a verb from a noun

    def carries_object(self, form: str, lemma: str) -> bool:
        return False  # object pronouns are words of their own

    def subject_before(self, form: str, lemma: str) -> bool:
        return False  # the verb agrees with its subject in either order

    def skeleton(self, word: str) -> str:
        return word

    # -- declining names -----------------------------------------------------------

    def name_forms(self, name: str, person: bool = False) -> set[str]:
        """``name`` in every case and number, its words agreeing: the words up to its head noun
        decline («Шанхайская организация сотрудничества» → «Шанхайской организации
        сотрудничества»), the words after the head stay as written; every word of a person's name
        declines, in the singular. Acronyms and words the dictionary cannot decline stay as they are."""
        words = name.split()
        if not words or any(w.isupper() and len(w) > 1 for w in words):
            return set()
        numbers = ("sing",) if person else _NUMBERS
        out: set[str] = set()
        for number in numbers:
            for case in _CASES:
                declined = self._declined(words, case, number, person)
                if declined:
                    out.add(" ".join(declined))
        out |= self._compound_openings(words, person)
        out.discard(name)
        return out

    def _compound_openings(self, words: list[str], person: bool) -> set[str]:
        """The form a one-word adjective («таджикский») takes before the hyphen of a compound
        adjective («таджикско-афганской»)."""
        if person or len(words) != 1 or not words[0].islower():
            return set()
        word = words[0]
        return {word[: -len(e)] + stem for e, stem in self._compound_stems.items() if word.endswith(e)}

    def _declined(self, words: list[str], case: str, number: str, person: bool) -> list[str] | None:
        result: list[str] = []
        head_seen = False
        for index, word in enumerate(words):
            if head_seen:
                result.extend(words[index:])
                break
            if "-" in word and not person:
                # a compound («Нур-Султан», «Горно-Бадахшанская») declines on its last part only
                first, _, last = word.rpartition("-")
                form = self._inflect(last, case, number, person)
                if form is None:
                    return None
                result.append(f"{first}-{form}")
                head_seen = self._is_head(last)
                continue
            form = self._inflect(word, case, number, person)
            if form is None:
                return None
            result.append(form)
            if not person and self._is_head(word):
                head_seen = True
        return result

    def _is_head(self, word: str) -> bool:
        parse = _parse(word)[0]
        return parse.tag.POS not in _AGREEING

    def _inflect(self, word: str, case: str, number: str, person: bool) -> str | None:
        parses = _parse(word)
        if person:
            named = [p for p in parses if _PERSON_PARTS & p.tag.grammemes and "nomn" in p.tag.grammemes]
            if not named:
                return self._by_ending(word, case)
            parses = named
        else:
            # the nominative reading: a name is written in the nominative in the knowledge base
            nominative = [p for p in parses if "nomn" in p.tag.grammemes]
            parses = nominative or parses
        parse = parses[0]
        if "Fixd" in parse.tag.grammemes:
            return word  # «Того», «Эмомали»: indeclinable
        wanted = {case, number}
        if parse.tag.POS in _AGREEING and number == "sing" and parse.tag.gender:
            wanted.add(parse.tag.gender)
        if number == "sing" and "Sgtm" not in parse.tag.grammemes and "Pltm" in parse.tag.grammemes:
            wanted.discard("sing")
            wanted.add("plur")
        if number == "plur" and "Sgtm" in parse.tag.grammemes:
            return None  # «Москва» has no plural
        inflected = parse.inflect(wanted)
        if inflected is None:
            return None
        return _cased_like(word, inflected.word)

    def _by_ending(self, word: str, case: str) -> str | None:
        """A surname's case by its ending (data: ``surname_declension``), or the word unchanged."""
        index = _CASES.index(case)
        lowered = word.lower()
        for ending, forms in sorted(self._surname_endings.items(), key=lambda e: -len(e[0])):
            if lowered.endswith(ending) and len(forms) == len(_CASES):
                return word[: len(word) - len(ending)] + forms[index] if ending else word + forms[index]
        return word


def _cased_like(original: str, word: str) -> str:
    """``word`` (lower case from the dictionary) written with the capitals of ``original``."""
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
