"""Fit the events' (or the memberships') confidence model on development sets, and say how
well it ranks.

    .venv/bin/python scripts/fit_confidence.py CORPUS GOLD [CORPUS GOLD ...] [--memberships] [--write]

Each CORPUS folder is extracted with the current code; each predicted event is labelled
right when the reference matching (strict: same type, actors overlapping) pairs it with a
gold event of GOLD, else wrong. A logistic regression over the events' signals (see
``marsad.extract.events.confidence``), with an L2 penalty, is fitted to those labels. The
figures printed are precision and recall at confidence thresholds for documents held out
of the fit (five folds by document), so they say what the confidence means on articles it
has not seen. ``--write`` writes the weights fitted on all documents to
``src/marsad/extract/events/confidence.yaml``. With ``--memberships`` the facts are the
memberships articles state (right when the gold has the same member and organization), their
signals those of ``marsad.extract.membership_confidence``, and the weights go to
``src/marsad/extract/membership_confidence.yaml``.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from marsad.evaluation.score import load_gold, match_events  # noqa: E402
from marsad.extract.membership_confidence import membership_signals  # noqa: E402
from marsad.extract.pipeline import build_pipeline  # noqa: E402
from marsad.ingest.readers import ReadProblem, read_documents  # noqa: E402
from marsad.output import document_record  # noqa: E402

MODEL = ROOT / "src" / "marsad" / "extract" / "events" / "confidence.yaml"
MEMBERSHIP_MODEL = ROOT / "src" / "marsad" / "extract" / "membership_confidence.yaml"
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
FOLDS = 5
PENALTY = 1.0  # L2 on the weights, per document set: keeps rare signals from extremes


def _samples(
    pairs: list[tuple[Path, Path]], memberships: bool = False
) -> tuple[list[tuple[str, tuple[str, ...], bool]], int]:
    """(document, signals, right) of every predicted event (or membership), and how many gold
    ones there are."""
    pipeline = build_pipeline()
    samples: list[tuple[str, tuple[str, ...], bool]] = []
    gold_events = 0
    kind = "memberships" if memberships else "events"
    for corpus, gold_dir in pairs:
        gold = {str(g["doc"]): g for g in load_gold(gold_dir)}
        gold_events += sum(len(g.get(kind, [])) for g in gold.values())
        for doc in read_documents([corpus]):
            if isinstance(doc, ReadProblem) or doc.id not in gold:
                continue
            doc = pipeline(doc)
            if memberships:
                stated = {(m["member"], m["org"]) for m in gold[doc.id].get("memberships", [])}
                samples += [
                    (f"{corpus}/{doc.id}", membership_signals(m), (m.member, m.org) in stated) for m in doc.memberships
                ]
                continue
            record = document_record(doc, pipeline.kb)
            matched = {id(p) for _, p in match_events(gold[doc.id].get("events", []), record["events"], strict=True)}
            for event, predicted in zip(doc.events, record["events"], strict=True):
                samples.append((f"{corpus}/{doc.id}", event.signals, id(predicted) in matched))
    return samples, gold_events


def _fit(samples: list[tuple[str, tuple[str, ...], bool]]) -> tuple[float, dict[str, float]]:
    """Logistic regression by gradient descent (a few hundred events, a few dozen signals)."""
    names = sorted({s for _, signals, _ in samples for s in signals})
    weights = dict.fromkeys(names, 0.0)
    bias = 0.0
    rate = 0.5
    n = max(1, len(samples))
    for _ in range(3000):
        grad_bias = 0.0
        grad = dict.fromkeys(names, 0.0)
        for _, signals, right in samples:
            z = bias + sum(weights[s] for s in signals)
            error = 1 / (1 + math.exp(-z)) - (1.0 if right else 0.0)
            grad_bias += error
            for s in signals:
                grad[s] += error
        bias -= rate * grad_bias / n
        for s in names:
            weights[s] -= rate * (grad[s] / n + PENALTY * weights[s] / n)
    return bias, weights


def _confidence(bias: float, weights: dict[str, float], signals: tuple[str, ...]) -> float:
    return 1 / (1 + math.exp(-(bias + sum(weights.get(s, 0.0) for s in signals))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", type=Path, help="CORPUS GOLD pairs")
    parser.add_argument("--write", action="store_true", help="write the weights fitted on every document")
    parser.add_argument("--memberships", action="store_true", help="fit the memberships' model, not the events'")
    args = parser.parse_args()
    if len(args.sets) % 2:
        parser.error("give CORPUS GOLD pairs")
    pairs = list(zip(args.sets[::2], args.sets[1::2], strict=True))
    samples, gold_events = _samples(pairs, args.memberships)
    facts = "memberships" if args.memberships else "events"
    documents = sorted({d for d, _, _ in samples})
    random.Random(7).shuffle(documents)
    fold_of = {d: i % FOLDS for i, d in enumerate(documents)}
    held_out: list[tuple[float, bool]] = []
    for fold in range(FOLDS):
        bias, weights = _fit([s for s in samples if fold_of[s[0]] != fold])
        held_out += [(_confidence(bias, weights, sig), right) for d, sig, right in samples if fold_of[d] == fold]
    right_total = sum(r for _, r in held_out)
    print(
        f"{len(samples)} predicted {facts} ({right_total} right), {gold_events} gold {facts}, "
        f"{len(documents)} documents"
    )
    print(f"held-out documents: confidence ≥ t   precision   recall   {facts}")
    for t in (0.0, *THRESHOLDS):
        kept = [r for c, r in held_out if c >= t]
        precision = sum(kept) / len(kept) if kept else 0.0
        print(f"  {t:.1f}   {precision:9.3f}   {sum(kept) / max(1, gold_events):6.3f}   {len(kept):6d}")
    bias, weights = _fit(samples)
    print("the weights fitted on every document, strongest first:")
    for name, weight in sorted(weights.items(), key=lambda w: -abs(w[1]))[:12]:
        print(f"  {name:<24} {weight:+.2f}")
    if args.write:
        module = "extract/membership_confidence.py" if args.memberships else "extract/events/confidence.py"
        lines = [
            f"# The confidence model's weights ({module}): a bias and one weight per",
            "# signal; a signal without a weight counts zero. Fitted by scripts/fit_confidence.py on",
            "# " + ", ".join(f"{c.name} ({g.parent.name}/{g.name})" for c, g in pairs) + f": {len(samples)} {facts}.",
            f"bias: {bias:.4f}",
            "weights:",
            *(f"  {name}: {weight:.4f}" for name, weight in sorted(weights.items())),
        ]
        target = MEMBERSHIP_MODEL if args.memberships else MODEL
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
