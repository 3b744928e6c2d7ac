"""The English language pack: grammar words, constructions and lexicons in ``data/``, and
the morphology that generates the forms of a lemma (LemmInflect's dictionary and rules)."""

from __future__ import annotations

from importlib import resources

from marsad.datafile import load_yaml
from marsad.lang.base import Language, check_data
from marsad.lang.en.morphology import EnglishMorphology


def pack() -> Language:
    root = resources.files("marsad.lang.en").joinpath("data")
    grammar = check_data("grammar.yaml", load_yaml(root.joinpath("grammar.yaml").read_text(encoding="utf-8")))
    return Language("en", EnglishMorphology(grammar), root)
