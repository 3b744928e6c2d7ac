"""Reviews shared as JSON Lines: one review a line, as :meth:`Review.to_dict` writes it.

Importing another analyst's log into a store merges the two: a review already in the log
(the same id, or the same reviewer, time, anchor and outcome) is skipped; a review of an
anchor the log holds with another outcome is a conflict, listed. The later of the two
wins, unless the importer prefers one side: ``mine`` leaves their conflicting review out,
``theirs`` adds it and, where mine is later, restates theirs now so that it is in force.
A promotion imported adds its entry to the local knowledge-base overlay when the knowledge
base lacks its id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from marsad.review.apply import reapply
from marsad.review.entities import KIND as ENTITY
from marsad.review.entities import apply_entity_reviews
from marsad.review.log import Review, append, in_force, read
from marsad.review.merging import adopt_promotions
from marsad.store.duck import Store

PREFERENCES = ("later", "mine", "theirs")


@dataclass(frozen=True, slots=True)
class Conflict:
    mine: Review
    theirs: Review
    kept: str  # mine | theirs


@dataclass
class ImportReport:
    added: int = 0
    skipped: int = 0  # already in the log
    conflicts: list[Conflict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # lines that are not reviews
    applied: int = 0
    unmatched: int = 0


def export_reviews(store: Store, path: Path) -> int:
    """Write the whole log to ``path``, oldest first; returns how many reviews."""
    reviews = read(store.con)
    with path.open("w", encoding="utf-8") as out:
        for review in reviews:
            out.write(json.dumps(review.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return len(reviews)


def read_reviews(path: Path) -> tuple[list[Review], list[str]]:
    """The reviews of a JSON Lines file, and a problem per line that is not one."""
    reviews, problems = [], []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                reviews.append(Review.from_dict(json.loads(line)))
            except (json.JSONDecodeError, ValueError) as exc:
                problems.append(f"{path}:{number}: {exc}")
    return reviews, problems


def import_reviews(store: Store, path: Path, prefer: str = "later") -> ImportReport:
    """Merge the reviews in ``path`` into the store's log and apply them."""
    if prefer not in PREFERENCES:
        raise ValueError(f"prefer {prefer!r}: use one of {', '.join(PREFERENCES)}")
    incoming, problems = read_reviews(path)
    report = ImportReport(problems=problems)
    mine = read(store.con)
    known_ids = {r.review_id for r in mine}
    known_rows = {_sameness(r) for r in mine}
    mine_in_force = in_force(mine)
    adding: list[Review] = []
    for theirs in sorted(incoming, key=lambda r: (r.reviewed_at, r.review_id)):
        if theirs.review_id in known_ids or _sameness(theirs) in known_rows:
            report.skipped += 1
            continue
        held = mine_in_force.get(theirs.anchor.key)
        if held is not None and held.outcome != theirs.outcome:
            later = "theirs" if (theirs.reviewed_at, theirs.review_id) > (held.reviewed_at, held.review_id) else "mine"
            kept = later if prefer == "later" else prefer
            report.conflicts.append(Conflict(held, theirs, kept))
            if kept == "mine":
                continue
            adding.append(theirs)
            if later == "mine":  # theirs is older: restated now, it is the latest of the anchor
                now = datetime.now(UTC).replace(tzinfo=None)
                adding.append(
                    replace(
                        theirs,
                        review_id=f"{theirs.review_id}-kept",
                        reviewed_at=now,
                        reason=f"{theirs.reason} [kept on import over review {held.review_id}]".strip(),
                    )
                )
        else:
            adding.append(theirs)
        known_ids.add(theirs.review_id)
        known_rows.add(_sameness(theirs))
    with store._transaction():
        report.added = append(store.con, adding)
        if any(r.kind == ENTITY for r in adding):  # a merge names no document: every one may hold the entity
            apply_entity_reviews(store.con)
        applied = reapply(store.con, sorted({r.doc_id for r in adding if r.kind != ENTITY}))
    report.applied, report.unmatched = applied.applied, applied.unmatched
    report.problems += adopt_promotions(store, adding)  # their entries, into the local overlay
    return report


def _sameness(review: Review) -> tuple[str, str, str, tuple[str, str]]:
    """What makes two rows the same review, whatever their ids."""
    return review.reviewer, review.reviewed_at.isoformat(), review.anchor.key, review.outcome
