"""The Russian language pack: grammar words, constructions and lexicons in ``data/``, read
with the OpenCorpora dictionary (pymorphy3) that lemmatizes words and declines names."""

from __future__ import annotations

from importlib import resources

from marsad.datafile import load_yaml
from marsad.lang.base import Language, check_data
from marsad.lang.ru.morphology import RussianMorphology


def pack() -> Language:
    root = resources.files("marsad.lang.ru").joinpath("data")
    grammar = check_data("grammar.yaml", load_yaml(root.joinpath("grammar.yaml").read_text(encoding="utf-8")))
    return Language("ru", RussianMorphology(grammar), root)
