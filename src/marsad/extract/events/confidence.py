"""How sure the extraction is of an event: a logistic model over how the event was found.

Each event carries its *signals* — the facts of how it was read that bear on whether it is
right: its type, the trigger's form (a verb, a noun, a phrase of several words), how many
actors it has and how near the trigger the nearest one stands, whether a person acts,
where its date came from, whether its subject was carried from the clause before, whether
another report of it in the article was folded into it, and whether its actors are the
states and organizations the article keeps naming (``salient=all|some|none``, given by the
events stage once the article is read); and, from how it was told (``telling``): whether an
earlier event of the article has its type and one of its actors (``told_before``: a second,
unfolded telling is more often a mix-up or a retelling than news), whether its sentence is
short (``short``: a headline, a caption, a fragment), whether its evidence spans much text
(``wide``: a sentence that tells the whole of it) and whether its trigger stands inside a quotation
(``quoted``). The confidence is
``1 / (1 + exp(-(bias + Σ weight[signal])))``, with the weights in ``confidence.yaml``
fitted on the development sets by ``scripts/fit_confidence.py``, which also reports how
well the confidence ranks events on documents it was not fitted on. A signal the file
does not weigh counts zero.
"""

from __future__ import annotations

from marsad.extract.confidence import ConfidenceModel, ConfidenceModelError, bundled_model, model_from

__all__ = [
    "TOLD_BEFORE",
    "ConfidenceModel",
    "ConfidenceModelError",
    "load_model",
    "model_from",
    "reach",
    "signals",
    "telling",
    "told_before",
]

# how near the trigger the nearest actor is named (characters), as the signal's buckets
_NEAR, _MID = 20, 60
# a sentence shorter than this (characters) is short; evidence longer than this is wide
_SHORT_SENTENCE, _WIDE_EVIDENCE = 80, 150
# the quotation marks that open and close a quotation; a straight one does both
_QUOTES = (("«", "»"), ("“", "”"))
_STRAIGHT = '"'
# an earlier event of the article has the event's type and one of its actors
TOLD_BEFORE = "told_before"


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


def telling(sentence: str, trigger_at: int, evidence: str) -> tuple[str, ...]:
    """The signals of how an event is told: its ``sentence`` (the text of the sentence, in
    which its trigger begins at ``trigger_at``) is short, its ``evidence`` is wide, its
    trigger stands inside a quotation (more quotation marks open before it than close)."""
    before = sentence[:trigger_at]
    quoted = before.count(_STRAIGHT) % 2 == 1 or any(before.count(o) > before.count(c) for o, c in _QUOTES)
    found = []
    if len(sentence) < _SHORT_SENTENCE:
        found.append("short")
    if len(evidence) > _WIDE_EVIDENCE:
        found.append("wide")
    if quoted:
        found.append("quoted")
    return tuple(found)


def told_before(event_type: str, actors: tuple[str, ...], earlier: list[tuple[str, tuple[str, ...]]]) -> bool:
    """Whether one of the ``earlier`` events of the article (type, actors) has the event's type
    and one of its actors."""
    return any(t == event_type and set(a) & set(actors) for t, a in earlier)
