"""Arabic morphology for the stages: the one clitic analysis (proclitic chains and the
future marker) and the verb forms generated from a lemma. Every letter comes from the
pack's ``grammar.yaml``; this module only says how they combine."""

from __future__ import annotations

import unicodedata
from typing import Any

from marsad.lang.base import Reading
from marsad.text.normalize import normalize_key

# A proclitic chain is at most conjunction + preposition + article («وبال»), four letters,
# or conjunction + future marker; a reading looks this far into a word.
_MAX_PREFIX = 5
# The shortest feminine noun that carries a pronoun after its open ta, the ta included
# (letters): «عضويت» of «عضويتها»; shorter words ending so are no such nouns.
_OPEN_TA_STEM = 3


class ArabicMorphology:
    def __init__(self, grammar: dict[str, Any]) -> None:
        clitics = grammar["clitics"]
        self._conjunctions: tuple[str, ...] = tuple(clitics["conjunctions"])
        prepositions: tuple[str, ...] = tuple(clitics["prepositions"])
        article, lam_article = clitics["article"], clitics["lam_article"]
        chains = {""}
        for conj in ("", *self._conjunctions):
            for prep in ("", *prepositions):
                chains.add(conj + prep)
                chains.add(conj + prep + article)
            chains.add(conj + lam_article)
        self.proclitic_chains = frozenset(chains)
        self._future = clitics["future"]
        self._article: str = article
        # the future marker follows a conjunction only («وسيعقد»), never a preposition
        self._future_chains = frozenset(conj + self._future for conj in ("", *self._conjunctions))
        forms = grammar["verb_forms"]
        self._past_endings: tuple[str, ...] = tuple(forms["past_endings"])
        self._present_prefixes: tuple[str, ...] = tuple(forms["present_prefixes"])
        self._present_endings: tuple[str, ...] = tuple(forms["present_endings"])
        self._weak_past: tuple[str, ...] = tuple(forms["weak_past_finals"])
        # «أنشأ», «بدأ»: a final hamza folds to the weak letter of its seat, but the verb is sound
        self._hamza_finals: tuple[str, ...] = tuple(forms.get("hamza_finals", ()))
        self._weak_past_endings: tuple[str, ...] = tuple(forms["weak_past_endings"])
        self._weak_present: tuple[str, ...] = tuple(forms["weak_present_finals"])
        self._weak_present_endings: tuple[str, ...] = tuple(forms["weak_present_endings"])
        self._objects: tuple[str, ...] = tuple(forms["object_suffixes"])
        self._plural_alef: str = forms["plural_alef"]
        self._weak_before_suffix: str = forms["weak_before_suffix"]
        self._long, self._passive_long = forms["passive_long"]
        self._hollow_long, self._hollow_passive = forms.get("passive_hollow") or ("", "")
        self._hamza_active, self._hamza_passive = forms.get("passive_hamza") or ("", "")
        self._passive_weak_endings: tuple[str, ...] = tuple(forms.get("passive_weak_endings", ()))
        self._participle_prefix: str = forms["participle_prefix"]
        self._participle_replaces: tuple[str, ...] = tuple(forms["participle_replaces"])
        self._participle_keeps: tuple[str, ...] = tuple(forms["participle_keeps"])
        self._participle_endings: tuple[str, ...] = tuple(forms["participle_endings"])
        self._negation: tuple[str, ...] = tuple(normalize_key(w) for w in forms["negation"])
        self._not_verb_finals: tuple[str, ...] = tuple(forms.get("not_verb_finals", ()))
        self._number_endings: tuple[str, ...] = tuple(forms.get("number_endings", ()))
        nouns = grammar["noun_forms"]
        self._pronouns: tuple[str, ...] = tuple(nouns["pronoun_suffixes"])
        self._ta_marbuta: str = nouns["ta_marbuta"]
        self._open_ta: str = nouns["open_ta"]
        self._accusative: str = nouns["accusative"]
        self._no_accusative: tuple[str, ...] = tuple(nouns["no_accusative_after"])
        self._dual: tuple[str, ...] = tuple(nouns["dual_endings"])
        self._adjective_endings: tuple[str, ...] = tuple(nouns.get("adjective_endings", ()))
        self._plural_endings: tuple[str, ...] = tuple(nouns.get("plural_endings", ()))
        self._hamza: str = nouns["hamza"]
        self._hamza_seats: tuple[str, ...] = tuple(nouns["hamza_seats"])
        self._skeleton = str.maketrans("", "", grammar["skeleton_drop"])

    # Not cached here: the stages that read many words keep what they derive from the
    # readings (the events' trigger stems, the search keys), and objects kept by the million
    # would slow every pass of the cycle collector.
    def readings(self, word: str, min_stem: int = 1) -> tuple[Reading, ...]:
        out = []
        for size in range(0, min(_MAX_PREFIX, len(word) - min_stem) + 1):
            prefix, stem = word[:size], word[size:]
            if prefix in self.proclitic_chains:
                out.append(Reading(prefix, stem))
            elif prefix in self._future_chains:
                out.append(Reading(prefix, stem, future=True))
        return tuple(out)

    def without_conjunction(self, word: str) -> str:
        return word[1:] if len(word) > 2 and word[0] in self._conjunctions else word

    def past_forms(self, lemma: str) -> set[str]:
        """«اجتمع» → اجتمعت، اجتمعا، اجتمعوا …; weak endings: «التقى» → التقت، التقيا، التقوا."""
        base = normalize_key(lemma)
        if base.endswith(self._weak_past) and not lemma.endswith(self._hamza_finals):
            stem = base[:-1]
            return {base, *(stem + ending for ending in self._weak_past_endings)}
        return {base + ending for ending in self._past_endings}

    def adverbial_participles(self, lemma: str) -> set[str]:
        return set()  # «قائلا» is written out in the pack's claims ``participles``

    def present_forms(self, lemma: str) -> set[str]:
        """«يجتمع» → تجتمع، نجتمع، يجتمعون، يجتمعان …; «يلتقي» → تلتقي، يلتقون …"""
        base = normalize_key(lemma)
        third = self._present_prefixes[0]  # the lexicon writes the 3rd person masculine
        stem = base[len(third) :] if base.startswith(third) else base
        forms = set()
        for prefix in self._present_prefixes:
            if base.endswith(self._weak_present):
                forms |= {prefix + stem[:-1] + ending for ending in self._weak_present_endings}
            else:
                forms |= {prefix + stem + ending for ending in self._present_endings}
        return forms

    def verb_forms(self, lemma: str, present: bool = False, passive: bool = True) -> set[str]:
        """Every person of the verb (:meth:`past_forms`, :meth:`present_forms`), with the object
        pronouns it may carry («استقبلته», «يتهمونها») and, in the past unless ``passive`` is
        false, the passive where it is spelt apart from the active (:meth:`passive_forms`)."""
        base = normalize_key(lemma)
        if present:
            persons = self.present_forms(base)
        else:
            persons = self.past_forms(lemma) | (self.passive_forms(lemma) if passive else set())
        forms = set(persons)
        for form in persons:
            stem = form
            if stem.endswith(self._plural_alef):
                stem = stem[:-1]  # «استقبلوا» → «استقبلوه»
            elif not present and stem == base and base.endswith(self._weak_past):
                stem = stem[:-1] + self._weak_before_suffix  # «التقى» → «التقاه»
            forms |= {stem + suffix for suffix in self._objects}
        return forms

    def passive_forms(self, lemma: str) -> set[str]:
        """The persons of the past passive where unvocalized text spells it apart from the
        active: form III «هاجم» → هوجم، هوجمت; a derived hollow verb «أقام» → أقيم، أقيمت,
        «استعاد» → استعيد; a final hamza «أنشأ» → أنشئ، أنشئت; a weak final «أجرى» → أجريت.
        Elsewhere the passive is spelt as the active («اعتقل») and :meth:`past_forms` has it."""
        base = normalize_key(lemma)
        out: set[str] = set()
        if len(base) == 4 and base[1] == self._long and base[0] != self._long:
            out |= self.past_forms(base[0] + self._passive_long + base[2:])
        long = self._hollow_long
        # the long alef as written: a hamza on alef folds to alef too («التأم» is no hollow verb)
        if long and len(base) >= 4 and base[0] == long and lemma[-2:-1] == long and long not in base[1:-2]:
            out |= self.past_forms(base[:-2] + self._hollow_passive + base[-1])
        if self._hamza_active and lemma.endswith(self._hamza_active) and len(lemma) > 2:
            out |= {normalize_key(lemma[:-1] + self._hamza_passive) + e for e in self._past_endings}
        elif base.endswith(self._weak_past) and not lemma.endswith(self._hamza_finals):
            out |= {base[:-1] + ending for ending in self._passive_weak_endings}
        return out

    def participles(self, lemma: str) -> set[str]:
        """The participles of a derived verb, active and passive alike unvocalized, in both
        genders and numbers: «أبرم» → مبرم، مبرمة، مبرمين; «تمركز» → متمركز، متمركزة …
        A verb of form I–III has none here: its participle is spelt like other words
        («موقع» of «وقّع» is also «a site»)."""
        base = normalize_key(lemma)
        if base.startswith(self._participle_replaces):
            stem = self._participle_prefix + base[1:]
        elif base.startswith(self._participle_keeps):
            stem = self._participle_prefix + base
        else:
            return set()
        return {stem + ending for ending in self._participle_endings}

    def head_participles(self, lemma: str) -> set[str]:
        """The participles of a verb read only right after the noun they describe: those of
        :meth:`participles`, and for a verb of form II the prefix before its past stem
        («وقّع» → موقع، موقعة), spelt like other words («موقع»: a site) but not after the noun
        of what was signed («المعاهدة الموقعة»)."""
        forms = self.participles(lemma)
        if forms:
            return forms
        stem = self._participle_prefix + normalize_key(lemma)
        return {stem + ending for ending in self._participle_endings}

    def negated(self, lemma: str) -> set[str]:
        """A present verb behind each negation particle: «يعترف» → «لن يعترف», «لم تعترف» …"""
        return {f"{particle} {form}" for particle in self._negation for form in self.present_forms(lemma)}

    def noun_forms(self, noun: str) -> set[str]:
        """A noun with the pronouns attached to it («انضمامها», «زيارته», «لقاؤه»), its
        accusative with tanwin on an alef («اتفاقا») and its dual («اتفاقيتين»). A noun with
        the article or of several words is kept as it is: neither takes a pronoun."""
        base = normalize_key(noun)
        # a two-letter noun takes none here: «ضم» + «ان» is «ضمان» (a guarantee)
        if " " in base or noun.startswith(self._article) or len(base) < 3:
            return {base}
        forms = {base}
        stems = self._pronoun_stems(base)
        if base.endswith(self._ta_marbuta):
            forms |= {stem + ending for stem in stems for ending in (*self._pronouns, *self._dual)}
            return forms
        forms |= {stem + suffix for stem in stems for suffix in self._pronouns}
        forms |= {base + ending for ending in self._dual}
        if not base.endswith(self._no_accusative):
            forms.add(base + self._accusative)
        return forms

    def agreeing_forms(self, phrase: str) -> set[str]:
        """A noun followed by adjectives that agree with it («عملية انتحارية», «هجوم انتحاري»):
        the dual of the whole («عمليتين انتحاريتين») and its indefinite accusative with tanwin
        on an alef («هجوما انتحاريا»), every word with the same ending. Nothing for a construct
        («إطلاق نار»), whose second word is a noun of its own."""
        words = normalize_key(phrase).split()
        if len(words) < 2 or any(len(w) < 3 for w in words):
            return set()
        if not all(w.endswith(self._adjective_endings) for w in words[1:]) or words[0].endswith(self._plural_endings):
            return set()

        def opened(word: str) -> str:
            return word[:-1] + self._open_ta if word.endswith(self._ta_marbuta) else word

        forms = {" ".join(opened(w) + ending for w in words) for ending in self._dual}
        # the alef of tanwin stands on a masculine noun and on its nisbas («انتحاريا»)
        if not words[0].endswith(self._no_accusative) and not any(w.endswith(self._ta_marbuta) for w in words):
            forms.add(" ".join(w + self._accusative for w in words))
        return forms

    def _pronoun_stems(self, base: str) -> list[str]:
        """What a pronoun attaches to in a normalized noun: its ta marbuta opened («قمت»), its
        final hamza on each of its seats («لقائ», «لقاؤ») as well as written."""
        if base.endswith(self._ta_marbuta):
            return [base[:-1] + self._open_ta]
        stems = [base]
        if base.endswith(self._hamza):
            stems += [base[:-1] + seat for seat in self._hamza_seats]
        return stems

    def carries_pronoun(self, word: str, noun: str) -> bool:
        """«انسحابها» of «انسحاب», «قمتهم» of «قمة» (its ta marbuta opened before the pronoun), and
        a lexicon noun that holds its pronoun after the open ta itself («عضويتها»): no bare noun
        of three letters or more ends so."""
        stems = self._pronoun_stems(noun)
        for suffix in self._pronouns:
            if any(word.endswith(stem + suffix) for stem in stems):
                return True
            stem = word[: -len(suffix)]
            if noun == word and word.endswith(suffix) and stem.endswith(self._open_ta) and len(stem) >= _OPEN_TA_STEM:
                return True
        return False

    def may_be_verb(self, written: str) -> bool:
        """No verb ends in ta marbuta: «إضافة», «إشارة», «تابعة» are nouns, though normalized
        they read as a verb with its object pronoun («أضافه»); the vowel marks after the last
        letter («إضافةً») are not letters."""
        letters = written.rstrip()
        while letters and unicodedata.combining(letters[-1]):
            letters = letters[:-1]
        return not letters.endswith(self._not_verb_finals) if self._not_verb_finals else True

    def carries_object(self, form: str, lemma: str) -> bool:
        """Whether the verb ``form`` (normalized, of the normalized ``lemma``) carries an object
        pronoun: «اقترحها», «أطلقتها», «أكده», the alef of «وا» dropped before it («اقترحوه»)."""
        endings = (*self._past_endings, *self._present_endings, self._plural_alef[:-1])
        return any(
            form.endswith(suffix) and self._of_lemma(form[: -len(suffix)], lemma, endings) for suffix in self._objects
        )

    def subject_before(self, form: str, lemma: str) -> bool:
        """Whether the verb ``form`` (normalized, of the normalized ``lemma``) agrees with a
        plural or dual subject: one the verb-first order never has, so its subject stands
        before it («أيدوا», «يطالبون», «أكدا»). Forms of weak verbs that change their stem
        are not told."""
        return self._of_lemma(form, lemma, self._number_endings, bare=False)

    def _of_lemma(self, form: str, lemma: str, endings: tuple[str, ...], bare: bool = True) -> bool:
        """Whether ``form`` is the sound verb ``lemma`` (its past, or its present with any
        person's prefix) with one of ``endings``; with ``bare``, the empty ending too."""
        for ending in endings:
            if not ending and not bare:
                continue
            stem = form[: len(form) - len(ending)]
            if not form.endswith(ending) or len(stem) != len(lemma):
                continue
            if stem == lemma or (stem[1:] == lemma[1:] and stem[:1] in self._present_prefixes):
                return True
        return False

    def skeleton(self, word: str) -> str:
        return word.translate(self._skeleton)

    def phrase_head_forms(self, word: str) -> set[str]:
        return {word}  # a construct («اتفاق سلام») takes no pronoun or tanwin

    def name_forms(self, name: str, person: bool = False) -> set[str]:
        return set()  # names are read through their proclitics (gazetteer), not declined
