"""A running precision estimate from the analysts' reviews: of the stored facts an analyst
reviewed, the share confirmed as extracted, per fact kind and per event type, with its
Wilson 95 % interval (few facts are reviewed, and the interval says how little that tells).

A confirmed fact counts as right; a corrected one does not (it was extracted wrong, even if
it was near), nor a rejected one. The facts counted are those stored now with a review in
force applied to them: a review whose fact a re-extraction did not find again (`marsad
review list --unmatched`) says nothing of the facts extracted now. An event counts under
the type it was extracted with (its review's anchor), not a type a correction gave it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import duckdb

from marsad.review.kinds import KINDS
from marsad.review.log import STANDING, Review, read

Z95 = 1.959964  # the normal quantile of a two-sided 95 % interval
COUNTS = (
    "precision = confirmed / reviewed (a corrected fact is not a confirmed one); Wilson 95 % interval; "
    "the facts stored now with a review applied, events under the type they were extracted with"
)
ALL = ""  # the event type of a kind's own row: every type


@dataclass(frozen=True, slots=True)
class Quality:
    """How the reviewed facts of one kind (and one event type, for events) stood up."""

    kind: str
    event_type: str  # "" for every fact of the kind
    reviewed: int
    confirmed: int
    corrected: int
    rejected: int
    precision: float | None  # confirmed / reviewed; None when nothing was reviewed
    low: float | None  # Wilson 95 % interval of the precision
    high: float | None


def wilson(successes: int, trials: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of a proportion; None for no trials."""
    if trials <= 0:
        return None
    share = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (share + z2 / (2 * trials)) / denominator
    half = z / denominator * math.sqrt(share * (1 - share) / trials + z2 / (4 * trials * trials))
    return max(0.0, centre - half), min(1.0, centre + half)


def quality(con: duckdb.DuckDBPyConnection) -> list[Quality]:
    """One row per fact kind (every kind, reviewed or not), then one per event type reviewed."""
    log = {review.review_id: review for review in read(con)}
    rows: list[Quality] = []
    by_type: dict[str, Counter[str]] = {}
    for kind in KINDS.values():
        standings = con.execute(
            f"SELECT review, review_id FROM main.{kind.table} WHERE {kind.where} AND review IS NOT NULL"
        ).fetchall()
        counts: Counter[str] = Counter()
        for standing, review_id in standings:
            counts[standing] += 1
            if kind.name == "event":
                extracted = _extracted_type(log.get(review_id))
                by_type.setdefault(extracted, Counter())[standing] += 1
        rows.append(_row(kind.name, ALL, counts))
    rows.extend(_row("event", name, by_type[name]) for name in sorted(by_type))
    return rows


def _extracted_type(review: Review | None) -> str:
    if review is None:
        return "?"
    return str(review.anchor.identity.get("type") or review.before.get("type") or "?")


def _row(kind: str, event_type: str, counts: Counter[str]) -> Quality:
    confirmed, corrected, rejected = (counts[STANDING[action]] for action in ("confirm", "correct", "reject"))
    reviewed = confirmed + corrected + rejected
    interval = wilson(confirmed, reviewed)
    return Quality(
        kind,
        event_type,
        reviewed,
        confirmed,
        corrected,
        rejected,
        confirmed / reviewed if reviewed else None,
        interval[0] if interval else None,
        interval[1] if interval else None,
    )


def format_quality(rows: list[Quality]) -> str:
    """The rows as a text table, with what the share counts."""

    def share(value: float | None) -> str:
        return "" if value is None else f"{value:.3f}"

    lines = [
        f"{'kind':<12}{'event type':<12}{'reviewed':>9}{'confirmed':>10}{'corrected':>10}{'rejected':>9}"
        f"{'precision':>10}{'95% interval':>16}"
    ]
    for row in rows:
        interval = f"{share(row.low)}–{share(row.high)}" if row.low is not None else ""
        lines.append(
            f"{row.kind:<12}{row.event_type or 'all':<12}{row.reviewed:>9}{row.confirmed:>10}{row.corrected:>10}"
            f"{row.rejected:>9}{share(row.precision):>10}{interval:>16}"
        )
    lines.append(COUNTS)
    return "\n".join(lines)
