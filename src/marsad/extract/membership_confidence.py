"""How sure the extraction is of a membership an article states: the confidence model
(``extract/confidence.py``) over how it was read — the reading rule (a composition list, a
«عضو» phrase, an apposition, a join or a departure read from an event, a founder …), the
status it gives, whether the text dates it, and whether it disagrees with the reference
knowledge. Its weights are in ``membership_confidence.yaml``, fitted on the development sets
by ``scripts/fit_confidence.py --memberships``."""

from __future__ import annotations

from dataclasses import replace

from marsad.document import Membership
from marsad.extract.confidence import ConfidenceModel, bundled_model

_RULE_PREFIX = "memberships."


def load_model() -> ConfidenceModel:
    """The bundled memberships model (``extract/membership_confidence.yaml``)."""
    return bundled_model("marsad.extract", "membership_confidence.yaml")


def membership_signals(membership: Membership) -> tuple[str, ...]:
    """The signals of a membership as it was read (see the module's docstring)."""
    found = [f"rule={membership.rule.removeprefix(_RULE_PREFIX)}", f"status={membership.status}"]
    if membership.since or membership.until:
        found.append("dated")
    if membership.contradicts_reference:
        found.append("contradicts")
    return tuple(found)


def with_confidence(membership: Membership, model: ConfidenceModel) -> Membership:
    return replace(membership, confidence=model(membership_signals(membership)))
