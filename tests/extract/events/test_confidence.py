"""The confidence model: a logistic function of the signals of how an event was found."""

from __future__ import annotations

import pytest

from marsad.extract.events.confidence import (
    ConfidenceModelError,
    load_model,
    model_from,
    reach,
    signals,
    telling,
    told_before,
)


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


_LONG = "وقالت الوزارة في بيان نشرته مساء أمس إن الوفد الذي يرأسه نائب الوزير سيبقى في العاصمة حتى نهاية الأسبوع المقبل"


@pytest.mark.parametrize(
    ("sentence", "short"),
    [("اجتماع وزيري الدفاع في دوشنبي", True), (_LONG, False), ("Ministers meet in Dushanbe", True)],
)
def test_an_event_of_a_short_sentence_says_so(sentence: str, short: bool) -> None:
    assert len(_LONG) >= 80
    assert ("short" in telling(sentence, 0, sentence[:20])) is short


@pytest.mark.parametrize(("evidence", "wide"), [(_LONG + " " + _LONG, True), (_LONG[:60], False)])
def test_an_event_whose_evidence_spans_much_text_says_so(evidence: str, wide: bool) -> None:
    assert ("wide" in telling(evidence, 0, evidence)) is wide


@pytest.mark.parametrize(
    ("sentence", "trigger", "quoted"),
    [
        ("وقال الوزير «سنرسل قوات إلى الحدود»", "سنرسل", True),
        ('The minister said "we will send troops" today', "send", True),
        ("He said “troops will be sent” to the border", "troops", True),
        ("وقال الوزير «لا تغيير» وأرسلت الحكومة قوات", "وأرسلت", False),
        ("The government sent troops to the border", "sent", False),
    ],
)
def test_an_event_told_inside_a_quotation_says_so(sentence: str, trigger: str, quoted: bool) -> None:
    assert ("quoted" in telling(sentence, sentence.index(trigger), trigger)) is quoted


@pytest.mark.parametrize(
    ("earlier", "again"),
    [
        ([("MEETING", ("RUS", "TJK"))], True),
        ([("MEETING", ("KAZ",)), ("AID", ("RUS",))], False),
        ([], False),
    ],
)
def test_an_event_whose_type_and_actor_the_article_told_before_says_so(
    earlier: list[tuple[str, tuple[str, ...]]], again: bool
) -> None:
    assert told_before("MEETING", ("RUS", "UZB"), earlier) is again
