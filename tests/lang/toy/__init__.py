"""A second language pack for the tests: a toy Latin-script language with one trigger per
type it knows, a conjunction clitic «u-» and past tenses in «-ed». It shows that a pack of
data files and a small morphology is all a new language needs."""

from __future__ import annotations

from importlib import resources

from marsad.datafile import load_yaml
from marsad.lang.base import Language, Reading, check_data


class ToyMorphology:
    proclitic_chains = frozenset({"", "u-"})

    def readings(self, word: str, min_stem: int = 1) -> tuple[Reading, ...]:
        out = [Reading("", word)] if len(word) >= min_stem else []
        if word.startswith("u-") and len(word) - 2 >= min_stem:
            out.append(Reading("u-", word[2:]))
        return tuple(out)

    def without_conjunction(self, word: str) -> str:
        return word.removeprefix("u-")

    def past_forms(self, lemma: str) -> set[str]:
        return {lemma, lemma + "ed"}

    def present_forms(self, lemma: str) -> set[str]:
        return {lemma + "s"}

    def verb_forms(self, lemma: str, present: bool = False) -> set[str]:
        return self.present_forms(lemma) if present else self.past_forms(lemma)

    def participles(self, lemma: str) -> set[str]:
        return set()

    def negated(self, lemma: str) -> set[str]:
        return {f"not {form}" for form in self.present_forms(lemma)}

    def noun_forms(self, noun: str) -> set[str]:
        return {noun}

    def may_be_verb(self, written: str) -> bool:
        return True

    def carries_object(self, form: str, lemma: str) -> bool:
        return False

    def subject_before(self, form: str, lemma: str) -> bool:
        return False

    def skeleton(self, word: str) -> str:
        return "".join(ch for ch in word if ch not in "aeiou")


def pack() -> Language:
    root = resources.files("tests.lang.toy").joinpath("data")
    check_data("grammar.yaml", load_yaml(root.joinpath("grammar.yaml").read_text(encoding="utf-8")))
    return Language("xx", ToyMorphology(), root)
