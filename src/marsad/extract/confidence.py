"""How sure the extraction is of a fact: a logistic model over how the fact was found.

A fact carries *signals* — the facts of how it was read that bear on whether it is right
(for an event: ``extract/events/confidence.py``; for a membership:
``extract/membership_confidence.py``). Its confidence is
``1 / (1 + exp(-(bias + Σ weight[signal])))``, with the weights in a YAML file fitted on the
development sets by ``scripts/fit_confidence.py``, which also reports how well the confidence
ranks facts on documents it was not fitted on. A signal the file does not weigh counts zero.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from marsad.datafile import load_yaml


class ConfidenceModelError(ValueError):
    """``confidence.yaml`` is malformed: the message says where."""


@dataclass(frozen=True)
class ConfidenceModel:
    bias: float
    weights: dict[str, float]

    def __call__(self, signals: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(s, 0.0) for s in signals)
        return round(1.0 / (1.0 + math.exp(-z)), 2)


def model_from(raw: Any, where: str = "confidence.yaml") -> ConfidenceModel:
    if not isinstance(raw, dict) or not isinstance(raw.get("weights"), dict):
        raise ConfidenceModelError(f"{where}: expected a mapping with 'bias' and 'weights'")
    try:
        bias = float(raw["bias"])
        weights = {str(k): float(v) for k, v in raw["weights"].items()}
    except (KeyError, TypeError, ValueError) as error:
        raise ConfidenceModelError(f"{where}: 'bias' and every weight must be numbers ({error})") from None
    return ConfidenceModel(bias, weights)


@lru_cache(maxsize=4)
def bundled_model(package: str, name: str) -> ConfidenceModel:
    """A model shipped with the package: the YAML file ``name`` of ``package``."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return model_from(load_yaml(text), name)
