"""How sure the extraction is of an event: a logistic model over how the event was found.

Each event carries its *signals* — the facts of how it was read that bear on whether it is
right: its type, the trigger's form (a verb, a noun, a phrase of several words), how many
actors it has and how near the trigger the nearest one stands, whether a person acts,
where its date came from, whether its subject was carried from the clause before, whether
another report of it in the article was folded into it, and whether its actors are the
states and organizations the article keeps naming (``salient=all|some|none``, given by the
events stage once the article is read). The confidence is
``1 / (1 + exp(-(bias + Σ weight[signal])))``, with the weights in ``confidence.yaml``
fitted on the development sets by ``scripts/fit_confidence.py``, which also reports how
well the confidence ranks events on documents it was not fitted on. A signal the file
does not weigh counts zero.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from marsad.datafile import load_yaml

# how near the trigger the nearest actor is named (characters), as the signal's buckets
_NEAR, _MID = 20, 60


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


@lru_cache(maxsize=1)
def load_model() -> ConfidenceModel:
    """The bundled model (``extract/events/confidence.yaml``)."""
    text = resources.files("marsad.extract.events").joinpath("confidence.yaml").read_text(encoding="utf-8")
    return model_from(load_yaml(text))


def reach(distance: int) -> str:
    """The bucket of the distance from the trigger to its nearest actor."""
    return "near" if distance <= _NEAR else "mid" if distance <= _MID else "far"


def signals(
    event_type: str,
    form: str,
    words: int,
    actors: int,
    agents: bool,
    date_source: str,
    modality: str,
    distance: int,
    carried: bool,
    background: bool,
    lead: bool,
    crowded: bool,
) -> tuple[str, ...]:
    """The signals of an event as it was found (see the module's docstring): also whether
    it is told in the article's opening (a news report states its news there) and whether
    its sentence names many states and organizations (where actors are easily misassigned).
    (The trigger's lemma, tried as a signal, fitted the documents it was fitted on and
    ranked the held-out ones no better.)"""
    found = [
        f"type={event_type}",
        f"form={form}",
        f"actors={min(actors, 3)}",
        f"date={date_source}",
        f"modality={modality}",
        f"reach={reach(distance)}",
    ]
    if words > 1:
        found.append("phrase")
    if agents:
        found.append("agent")
    if carried:
        found.append("carried")
    if background:
        found.append("background")
    if lead:
        found.append("lead")
    if crowded:
        found.append("crowded")
    return tuple(found)
