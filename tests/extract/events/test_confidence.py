"""The confidence model: a logistic function of the signals of how an event was found."""

from __future__ import annotations

import pytest

from marsad.extract.events.confidence import ConfidenceModelError, load_model, model_from, reach, signals


def test_the_confidence_is_the_logistic_of_the_weights_of_its_signals() -> None:
    model = model_from({"bias": 0.0, "weights": {"agent": 2.0, "actors=1": -2.0}})
    assert model(()) == 0.5
    assert model(("agent",)) == 0.88 and model(("actors=1",)) == 0.12
    assert model(("agent", "actors=1", "unweighed")) == 0.5  # a signal without a weight counts zero


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([], "expected a mapping"),
        ({"bias": 0.1}, "expected a mapping"),
        ({"bias": "high", "weights": {}}, "must be numbers"),
        ({"bias": 0.1, "weights": {"agent": "strong"}}, "must be numbers"),
    ],
)
def test_a_malformed_model_is_refused(raw: object, message: str) -> None:
    with pytest.raises(ConfidenceModelError, match=message):
        model_from(raw)


@pytest.mark.parametrize(("distance", "bucket"), [(0, "near"), (20, "near"), (21, "mid"), (60, "mid"), (61, "far")])
def test_the_reach_of_the_nearest_actor(distance: int, bucket: str) -> None:
    assert reach(distance) == bucket


def test_the_signals_of_an_event() -> None:
    found = signals("MEETING", "verb", 2, 5, True, "text", "asserted", 10, True, False, True, False)
    assert set(found) == {
        "type=MEETING", "form=verb", "actors=3", "date=text", "modality=asserted", "reach=near",
        "phrase", "agent", "carried", "lead",
    }  # fmt: skip


def test_the_bundled_model_weighs_known_signals_and_gives_a_probability() -> None:
    model = load_model()
    assert model.weights, "confidence.yaml holds fitted weights"
    assert all(name.split("=")[0] in {"type", "form", "actors", "date", "modality", "reach", "salient", "speaker"} or "=" not in name
               for name in model.weights)  # fmt: skip
    assert 0.0 < model(("type=MEETING", "form=verb", "actors=2")) < 1.0


def test_an_event_of_the_states_the_article_keeps_naming_says_so() -> None:
    from marsad.document import Document, DocumentMeta
    from marsad.extract.pipeline import build_pipeline

    text = (
        "زار وزير الدفاع الروسي طاجيكستان. وقالت طاجيكستان إنها ترحب بروسيا. "
        "وأجرت روسيا وطاجيكستان مناورات مشتركة في مارس 2024. وأشادت طاجيكستان بروسيا."
    )
    doc = build_pipeline()(Document("t", text, DocumentMeta(published="2024-03-20")))
    exercise = next(e for e in doc.events if e.type == "EXERCISE")
    assert "salient=all" in exercise.signals
