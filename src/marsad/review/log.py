"""The review log: an append-only table of the store, one row per review.

Rows are only ever added (:func:`append`); nothing here updates or deletes one. Of the
reviews of one anchor, the latest (by time, then id) is the one in force.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb

from marsad.review.anchor import Anchor

# confirm, correct, reject: a fact; merge, promote: a provisional entity (review/entities.py)
ACTIONS = ("confirm", "correct", "reject", "merge", "promote")
FACT_ACTIONS = ACTIONS[:3]
# the standing each action gives the fact it applies to
STANDING = {"confirm": "confirmed", "correct": "corrected", "reject": "rejected"}
COLUMNS = (
    "review_id", "reviewer", "reviewed_at", "action", "kind", "doc_id", "anchor_key", "start_char", "end_char",
    "evidence", "at_start", "at_end", "identity", "fact_id", "before", "after", "reason",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Review:
    review_id: str
    reviewer: str
    reviewed_at: datetime  # UTC, naive (as DuckDB's TIMESTAMP keeps it)
    action: str
    anchor: Anchor
    fact_id: str  # the fact's id when it was reviewed (ids change with a re-extraction)
    before: dict[str, Any]  # the fact's reviewed fields before the review
    after: dict[str, Any]  # ... and after it (the same as before but for a correction)
    reason: str

    @property
    def kind(self) -> str:
        return self.anchor.kind

    @property
    def doc_id(self) -> str:
        return self.anchor.doc_id

    @property
    def outcome(self) -> tuple[str, str]:
        """What the review decides: two reviews of one anchor conflict when these differ."""
        return self.action, json.dumps(self.after, sort_keys=True, ensure_ascii=False)

    def to_dict(self) -> dict[str, Any]:
        """The review as one JSON object (a line of ``marsad review export``)."""
        a = self.anchor
        return {
            "id": self.review_id,
            "reviewer": self.reviewer,
            "time": self.reviewed_at.replace(tzinfo=UTC).isoformat().replace("+00:00", "Z"),
            "action": self.action,
            "kind": a.kind,
            "anchor": {
                "doc_id": a.doc_id,
                "start": a.start,
                "end": a.end,
                "evidence": a.evidence,
                "at": list(a.at) if a.at else None,
                "identity": a.identity,
            },
            "fact_id": self.fact_id,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Review:
        """A review read back from :meth:`to_dict`'s object; ValueError says what is wrong."""
        try:
            anchor_data = data["anchor"]
            at = anchor_data.get("at")
            anchor = Anchor(
                str(data["kind"]),
                str(anchor_data["doc_id"]),
                int(anchor_data["start"]),
                int(anchor_data["end"]),
                str(anchor_data["evidence"]),
                (int(at[0]), int(at[1])) if at else None,
                dict(anchor_data.get("identity") or {}),
            )
            time = datetime.fromisoformat(str(data["time"]).replace("Z", "+00:00"))
            review = cls(
                str(data["id"]),
                str(data["reviewer"]),
                time.astimezone(UTC).replace(tzinfo=None) if time.tzinfo else time,
                str(data["action"]),
                anchor,
                str(data.get("fact_id") or ""),
                dict(data.get("before") or {}),
                dict(data.get("after") or {}),
                str(data.get("reason") or ""),
            )
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise ValueError(f"not a review: {exc!r}") from None
        if review.action not in ACTIONS:
            raise ValueError(f"action {review.action!r}: use one of {', '.join(ACTIONS)}")
        return review


def new_review(
    reviewer: str, action: str, anchor: Anchor, fact_id: str, before: dict[str, Any], after: dict[str, Any], reason: str
) -> Review:
    """A review made now, with an id of its own."""
    if action not in ACTIONS:
        raise ValueError(f"action {action!r}: use one of {', '.join(ACTIONS)}")
    now = datetime.now(UTC).replace(tzinfo=None)
    return Review(uuid.uuid4().hex, reviewer, now, action, anchor, fact_id, before, after, reason)


def append(con: duckdb.DuckDBPyConnection, reviews: Iterable[Review]) -> int:
    """Add reviews to the log (the only write the log has); returns how many."""
    rows = [
        (
            r.review_id, r.reviewer, r.reviewed_at, r.action, r.kind, r.doc_id, r.anchor.key, r.anchor.start,
            r.anchor.end, r.anchor.evidence, r.anchor.at[0] if r.anchor.at else None,
            r.anchor.at[1] if r.anchor.at else None, _json(r.anchor.identity), r.fact_id, _json(r.before),
            _json(r.after), r.reason,
        )
        for r in reviews
    ]  # fmt: skip
    if rows:
        marks = ", ".join("?" for _ in COLUMNS)
        con.executemany(f"INSERT INTO reviews ({', '.join(COLUMNS)}) VALUES ({marks})", rows)
    return len(rows)


def read(con: duckdb.DuckDBPyConnection, doc_ids: list[str] | None = None) -> list[Review]:
    """The log in the order reviews were made (of these documents only, when given)."""
    where, params = ("WHERE doc_id IN (SELECT unnest(?))", [doc_ids]) if doc_ids is not None else ("", [])
    rows = con.execute(
        f"SELECT {', '.join(COLUMNS)} FROM reviews {where} ORDER BY reviewed_at, review_id", params
    ).fetchall()
    return [_review(row) for row in rows]


def read_kind(con: duckdb.DuckDBPyConnection, kind: str) -> list[Review]:
    """The reviews of one kind, in the order they were made."""
    rows = con.execute(
        f"SELECT {', '.join(COLUMNS)} FROM reviews WHERE kind = ? ORDER BY reviewed_at, review_id", [kind]
    ).fetchall()
    return [_review(row) for row in rows]


def in_force(reviews: Iterable[Review]) -> dict[str, Review]:
    """The review in force for each anchor key: its latest (by time, then id)."""
    latest: dict[str, Review] = {}
    for review in reviews:
        key = review.anchor.key
        held = latest.get(key)
        if held is None or (review.reviewed_at, review.review_id) > (held.reviewed_at, held.review_id):
            latest[key] = review
    return latest


def _review(row: tuple[Any, ...]) -> Review:
    values = dict(zip(COLUMNS, row, strict=True))
    at = (values["at_start"], values["at_end"]) if values["at_start"] is not None else None
    anchor = Anchor(
        values["kind"],
        values["doc_id"],
        values["start_char"],
        values["end_char"],
        values["evidence"],
        at,
        json.loads(values["identity"]),
    )
    return Review(
        values["review_id"],
        values["reviewer"],
        values["reviewed_at"],
        values["action"],
        anchor,
        values["fact_id"] or "",
        json.loads(values["before"]),
        json.loads(values["after"]),
        values["reason"],
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
