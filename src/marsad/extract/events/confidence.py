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

from marsad.extract.confidence import ConfidenceModel, ConfidenceModelError, bundled_model, model_from

__all__ = ["ConfidenceModel", "ConfidenceModelError", "load_model", "model_from", "reach", "signals"]

# how near the trigger the nearest actor is named (characters), as the signal's buckets
_NEAR, _MID = 20, 60


def load_model() -> ConfidenceModel:
    """The bundled events model (``extract/events/confidence.yaml``)."""
    return bundled_model("marsad.extract.events", "confidence.yaml")


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
