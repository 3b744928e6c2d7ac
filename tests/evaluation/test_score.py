from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.evaluation.score import load_gold, match_events, score


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
