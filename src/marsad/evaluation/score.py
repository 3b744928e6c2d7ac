"""The project's scorer, with the same definitions as the reference `shared/eval/score.py`.

Entities match on their ids (persons on their folded surname) or English names; events
by greedy one-to-one matching on overlapping actor sets (Jaccard ≥ 0.34), strictly with
the same type; dates at the gold precision; memberships as (member, org) pairs; figures
by value within 0.5 % and unit class. Scores are micro-averaged over the gold documents.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

CORE_TYPES = frozenset({"country", "organization", "person"})
PLACE_TYPES = frozenset({"place"})
CURRENCIES = frozenset({"USD", "EUR", "RUB", "CNY", "KZT", "UZS", "KGS", "TJS", "TMT", "GBP"})
MEASURES = ("entities", "places", "events_strict", "events_any", "memberships", "figures")
ACTOR_OVERLAP = 0.34
FIGURE_TOLERANCE = 0.005


def _fold(value: str) -> str:
    return re.sub(r"[^a-z0-9+]", "", value.lower())


def entity_key(entity: dict[str, Any]) -> str:
    if entity.get("type") == "person":
        name = entity.get("name_en") or str(entity.get("id", "")).replace("-", " ")
        words = [w for w in re.split(r"[\s\-]+", name) if w]
        return "person:" + (_fold(words[-1]) if words else "")
    return f"{entity.get('type', '?')}:{_fold(str(entity.get('id', '')))}"


def _keys(doc: dict[str, Any], types: frozenset[str]) -> tuple[set[str], set[str]]:
    """(id keys, English-name keys) of the document's entities of ``types``."""
    ids, names = set(), set()
    for entity in doc.get("entities", []):
        if entity.get("type") in types:
            ids.add(entity_key(entity))
            if entity.get("type") != "person" and entity.get("name_en"):
                names.add("name:" + _fold(entity["name_en"]))
    return ids, names


def _prf(tp: int, gold: int, pred: int) -> dict[str, float | int]:
    precision = tp / pred if pred else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "gold": gold,
        "pred": pred,
    }


def _entity_tp(gold: dict[str, Any], pred: dict[str, Any], types: frozenset[str]) -> tuple[int, int, int]:
    gold_ids, _ = _keys(gold, types)
    pred_ids, pred_names = _keys(pred, types)
    tp = len(gold_ids & pred_ids)
    for entity in gold.get("entities", []):
        if entity.get("type") in types and entity.get("type") != "person":
            name_key = "name:" + _fold(entity.get("name_en", ""))
            if entity_key(entity) not in pred_ids and name_key != "name:" and name_key in pred_names:
                tp += 1
    return tp, len(gold_ids), len(pred_ids)


def date_agrees(gold: str, pred: str) -> bool:
    return bool(pred) and pred[: len(gold)] == gold


def match_events(gold: list[dict[str, Any]], pred: list[dict[str, Any]], strict: bool) -> list[tuple[dict, dict]]:
    scored = []
    for gi, g in enumerate(gold):
        gold_actors = {_fold(str(a)) for a in g.get("actors", []) if a}
        for pi, p in enumerate(pred):
            if strict and g.get("type") != p.get("type"):
                continue
            pred_actors = {_fold(str(a)) for a in p.get("actors", []) if a}
            if not gold_actors or not pred_actors:
                continue
            overlap = len(gold_actors & pred_actors) / len(gold_actors | pred_actors)
            if overlap >= ACTOR_OVERLAP:
                bonus = 0.5 if g.get("type") == p.get("type") else 0.0
                bonus += 0.25 if g.get("date") and date_agrees(g["date"], p.get("date", "")) else 0.0
                scored.append((overlap + bonus, gi, pi))
    scored.sort(reverse=True)
    used_gold, used_pred, pairs = set(), set(), []
    for _, gi, pi in scored:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gold[gi], pred[pi]))
    return pairs


def _unit_class(unit: str) -> str:
    unit = (unit or "").upper()
    if unit in CURRENCIES:
        return unit
    return "percent" if unit in {"PERCENT", "%"} else "count"


def _figure_matches(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    try:
        gold_value, pred_value = float(gold["value"]), float(pred["value"])
    except (KeyError, TypeError, ValueError):
        return False
    if _unit_class(gold.get("unit", "")) != _unit_class(pred.get("unit", "")):
        return False
    return abs(gold_value - pred_value) <= FIGURE_TOLERANCE * max(abs(gold_value), 1e-9)


def load_gold(gold_dir: Path) -> list[dict[str, Any]]:
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"{gold_dir}: no gold *.json files")
    docs = []
    for file in files:
        doc = json.loads(file.read_text(encoding="utf-8"))
        doc.setdefault("doc", file.stem)
        docs.append(doc)
    return docs


def of_language(gold_docs: list[dict[str, Any]], language: str | None) -> list[dict[str, Any]]:
    """The gold documents written in ``language`` (all of them for None), as the reference
    scorer's ``--language`` chooses them."""
    return gold_docs if not language else [g for g in gold_docs if g.get("language") == language]


def score(predictions: Iterable[dict[str, Any]], gold_docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Micro-averaged scores of ``predictions`` against ``gold_docs``."""
    by_doc = {str(p["doc"]): p for p in predictions}
    totals = {m: [0, 0, 0] for m in MEASURES}
    dates = [0, 0]
    per_doc: dict[str, dict[str, Any]] = {}
    for gold in gold_docs:
        doc_id = str(gold["doc"])
        pred = by_doc.get(doc_id, {})
        row: dict[str, Any] = {}
        for name, types in (("entities", CORE_TYPES), ("places", PLACE_TYPES)):
            counts = _entity_tp(gold, pred, types)
            row[name] = _prf(*counts)
            totals[name] = [a + b for a, b in zip(totals[name], counts, strict=True)]
        gold_events, pred_events = gold.get("events", []), pred.get("events", [])
        for name, strict in (("events_strict", True), ("events_any", False)):
            pairs = match_events(gold_events, pred_events, strict)
            counts = (len(pairs), len(gold_events), len(pred_events))
            row[name] = _prf(*counts)
            totals[name] = [a + b for a, b in zip(totals[name], counts, strict=True)]
            if strict:
                for g, p in pairs:
                    if g.get("date"):
                        dates[1] += 1
                        dates[0] += date_agrees(g["date"], p.get("date", ""))
        gold_pairs = {(_fold(m["member"]), _fold(m["org"])) for m in gold.get("memberships", [])}
        pred_pairs = {
            (_fold(str(m.get("member", ""))), _fold(str(m.get("org", "")))) for m in pred.get("memberships", [])
        }
        counts = (len(gold_pairs & pred_pairs), len(gold_pairs), len(pred_pairs))
        row["memberships"] = _prf(*counts)
        totals["memberships"] = [a + b for a, b in zip(totals["memberships"], counts, strict=True)]
        remaining = list(pred.get("figures", []))
        tp = 0
        for g in gold.get("figures", []):
            for i, p in enumerate(remaining):
                if _figure_matches(g, p):
                    tp += 1
                    remaining.pop(i)
                    break
        counts = (tp, len(gold.get("figures", [])), len(pred.get("figures", [])))
        row["figures"] = _prf(*counts)
        totals["figures"] = [a + b for a, b in zip(totals["figures"], counts, strict=True)]
        per_doc[doc_id] = row
    out: dict[str, Any] = {m: _prf(*totals[m]) for m in MEASURES}
    out["dates"] = {
        "accuracy": round(dates[0] / dates[1], 4) if dates[1] else 0.0,
        "correct": dates[0],
        "gold_dated_matched": dates[1],
    }
    out["documents"] = len(per_doc)
    out["missing_documents"] = sorted(d for d in per_doc if d not in by_doc)
    out["per_doc"] = per_doc
    return out


def format_table(result: dict[str, Any]) -> str:
    lines = [f"{'measure':<14}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}"]
    for measure in MEASURES:
        r = result[measure]
        lines.append(
            f"{measure:<14}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}{r['gold']:>7}{r['pred']:>7}"
        )
    d = result["dates"]
    lines.append(f"{'dates':<14}{'':>8}{'':>8}{d['accuracy']:>8.3f}{d['gold_dated_matched']:>7}")
    if result["missing_documents"]:
        lines.append("missing documents: " + ", ".join(result["missing_documents"]))
    return "\n".join(lines)


def by_event_type(predictions: Iterable[dict[str, Any]], gold_docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Strict event scores per event type: each type's gold and predicted events matched
    apart, as the strict score matches them (a type's precision counts its own predictions)."""
    by_doc = {str(p["doc"]): p for p in predictions}
    totals: dict[str, list[int]] = {}
    for gold in gold_docs:
        pred = by_doc.get(str(gold["doc"]), {})
        gold_events, pred_events = gold.get("events", []), pred.get("events", [])
        types = {e.get("type") for e in gold_events} | {e.get("type") for e in pred_events}
        for event_type in types:
            g = [e for e in gold_events if e.get("type") == event_type]
            p = [e for e in pred_events if e.get("type") == event_type]
            counts = totals.setdefault(str(event_type), [0, 0, 0])
            counts[0] += len(match_events(g, p, strict=True))
            counts[1] += len(g)
            counts[2] += len(p)
    return {t: _prf(*totals[t]) for t in sorted(totals)}


THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


def at_confidence(
    predictions: list[dict[str, Any]], gold_docs: list[dict[str, Any]], thresholds: Iterable[float] = THRESHOLDS
) -> list[dict[str, Any]]:
    """Strict and any-type event scores, and membership scores, counting only the facts
    whose ``confidence`` is at least each threshold: how precision trades against recall
    when an analyst hides the less certain facts. A fact without a confidence counts as 1."""

    def kept(items: list[dict[str, Any]], threshold: float) -> list[dict[str, Any]]:
        return [i for i in items if float(i.get("confidence", 1.0) or 0.0) >= threshold]

    rows = []
    for threshold in thresholds:
        filtered = [
            {
                **p,
                "events": kept(p.get("events", []), threshold),
                "memberships": kept(p.get("memberships", []), threshold),
            }
            for p in predictions
        ]
        result = score(filtered, gold_docs)
        rows.append(
            {
                "threshold": threshold,
                "events_strict": result["events_strict"],
                "events_any": result["events_any"],
                "memberships": result["memberships"],
            }
        )
    return rows


def format_types(per_type: dict[str, dict[str, Any]]) -> str:
    lines = [f"{'event type':<14}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}"]
    for event_type, r in per_type.items():
        lines.append(
            f"{event_type:<14}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}{r['gold']:>7}{r['pred']:>7}"
        )
    return "\n".join(lines)


def format_thresholds(rows: list[dict[str, Any]]) -> str:
    lines = [f"{'confidence ≥':<13}" + "".join(f"{m + ' P/R/n':>26}" for m in ("events_strict", "memberships"))]
    for row in rows:
        cells = "".join(
            f"{row[m]['precision']:>12.3f}{row[m]['recall']:>7.3f}{row[m]['pred']:>7}"
            for m in ("events_strict", "memberships")
        )
        lines.append(f"{row['threshold']:<13.2f}{cells}")
    return "\n".join(lines)
