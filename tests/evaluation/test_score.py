from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.evaluation.score import at_confidence, by_event_type, load_gold, match_events, of_language, score


@pytest.fixture(scope="module")
def gold(gold_dir: Path) -> list[dict]:
    return load_gold(gold_dir)


def test_gold_scores_perfectly_against_itself(gold: list[dict]) -> None:
    result = score(gold, gold)
    for measure in ("entities", "places", "events_strict", "events_any", "memberships", "figures"):
        assert result[measure]["f1"] == 1.0, measure
    assert result["dates"]["accuracy"] == 1.0


def test_empty_prediction_scores_zero_and_is_reported_missing(gold: list[dict]) -> None:
    result = score([], gold)
    assert result["entities"]["f1"] == 0.0
    assert len(result["missing_documents"]) == len(gold)


def test_entity_matched_through_english_name_counts() -> None:
    gold = [{"doc": "d", "entities": [{"id": "Jambyl", "type": "place", "name_en": "Jambyl Region"}]}]
    pred = [{"doc": "d", "entities": [{"id": "Jambyl Region", "type": "place", "name_en": "Jambyl Region"}]}]
    assert score(pred, gold)["places"]["tp"] == 1


def test_persons_match_on_surname() -> None:
    gold = [
        {
            "doc": "d",
            "entities": [{"id": "kassym-jomart-tokayev", "type": "person", "name_en": "Kassym-Jomart Tokayev"}],
        }
    ]
    pred = [{"doc": "d", "entities": [{"id": "tokayev", "type": "person", "name_en": "K. Tokayev"}]}]
    assert score(pred, gold)["entities"]["f1"] == 1.0


def test_events_match_one_to_one_on_actor_overlap() -> None:
    gold = [{"type": "MEETING", "actors": ["RUS", "KAZ"], "date": "2022-10-14"}]
    pred = [
        {"type": "STATEMENT", "actors": ["RUS"], "date": "2022-10-14"},
        {"type": "MEETING", "actors": ["RUS", "KAZ", "UZB"], "date": "2022-10"},
    ]
    assert match_events(gold, pred, strict=True) == [(gold[0], pred[1])]
    assert match_events(gold, pred, strict=False) == [(gold[0], pred[1])]


def test_agrees_with_gold_file_format(gold_dir: Path) -> None:
    first = json.loads(next(iter(sorted(gold_dir.glob("*.json")))).read_text(encoding="utf-8"))
    assert {"doc", "entities", "events", "memberships", "figures"} <= set(first)


def _event(event_type: str, actors: list[str], confidence: float = 1.0) -> dict:
    return {"type": event_type, "actors": actors, "date": "", "confidence": confidence}


_GOLD = [
    {"doc": "a", "language": "ar", "events": [_event("MEETING", ["KAZ", "RUS"]), _event("CLASH", ["KGZ", "TJK"])]},
    {"doc": "b", "language": "en", "events": [_event("MEETING", ["UZB", "CHN"])]},
]


@pytest.mark.parametrize(("language", "docs"), [(None, ["a", "b"]), ("ar", ["a"]), ("ru", [])])
def test_gold_documents_of_a_language(language: str | None, docs: list[str]) -> None:
    assert [g["doc"] for g in of_language(_GOLD, language)] == docs


def test_events_are_scored_per_type_each_against_its_own_predictions() -> None:
    pred = [{"doc": "a", "events": [_event("MEETING", ["KAZ", "RUS"]), _event("MEETING", ["KGZ", "TJK"])]}]
    per_type = by_event_type(pred, of_language(_GOLD, "ar"))
    assert (per_type["MEETING"]["tp"], per_type["MEETING"]["pred"], per_type["MEETING"]["gold"]) == (1, 2, 1)
    assert (per_type["CLASH"]["tp"], per_type["CLASH"]["pred"], per_type["CLASH"]["gold"]) == (0, 0, 1)


def test_a_confidence_threshold_keeps_only_the_facts_at_or_above_it() -> None:
    pred = [
        {"doc": "a", "events": [_event("MEETING", ["KAZ", "RUS"], 0.9), _event("CLASH", ["KAZ", "CHN"], 0.5)]},
        {"doc": "b", "events": [_event("MEETING", ["UZB", "CHN"], 0.7)]},
    ]
    rows = {row["threshold"]: row["events_strict"] for row in at_confidence(pred, _GOLD, (0.0, 0.6, 0.8, 0.95))}
    assert [(rows[t]["tp"], rows[t]["pred"]) for t in (0.0, 0.6, 0.8, 0.95)] == [(2, 3), (2, 2), (1, 1), (0, 0)]
    assert rows[0.8]["precision"] == 1.0 and rows[0.0]["precision"] == round(2 / 3, 4)
