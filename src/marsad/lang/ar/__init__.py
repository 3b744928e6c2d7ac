"""The Arabic language pack: grammar words, constructions and lexicons in ``data/``, and
the morphology that reads clitics and generates verb forms from them."""

from __future__ import annotations

from importlib import resources

from marsad.datafile import load_yaml
from marsad.lang.ar.morphology import ArabicMorphology
from marsad.lang.base import Language, check_data


def pack() -> Language:
    root = resources.files("marsad.lang.ar").joinpath("data")
    grammar = check_data("grammar.yaml", load_yaml(root.joinpath("grammar.yaml").read_text(encoding="utf-8")))
    return Language("ar", ArabicMorphology(grammar), root)
