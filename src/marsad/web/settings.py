"""How the server runs: the store, the token, what it guards, and its limits."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_REQUEST_BYTES = 20 * 1024 * 1024  # one request body: an article or a JSON Lines batch
DEFAULT_MAX_BATCH = 1000  # documents in one ingest request


def _generated_token() -> str:
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class Settings:
    db: Path
    # writing endpoints always need it; MARSAD_TOKEN, else one made at start and printed
    token: str = field(default_factory=lambda: os.environ.get("MARSAD_TOKEN") or _generated_token())
    protect_reads: bool = False  # reading endpoints need the token too
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES
    max_batch: int = DEFAULT_MAX_BATCH
    token_from_environment: bool = field(default_factory=lambda: bool(os.environ.get("MARSAD_TOKEN")))
    # the folder POST /api/ingest/files may read from (MARSAD_INGEST_DIR); nothing outside it
    ingest_dir: Path | None = field(
        default_factory=lambda: Path(os.environ["MARSAD_INGEST_DIR"]) if os.environ.get("MARSAD_INGEST_DIR") else None
    )

    @classmethod
    def from_environment(cls, db: Path, **overrides: object) -> Settings:
        """Settings from ``MARSAD_*`` variables, then ``overrides`` (command-line options)."""
        values: dict[str, object] = {"db": db}
        if os.environ.get("MARSAD_PROTECT_READS", "").lower() in ("1", "true", "yes"):
            values["protect_reads"] = True
        if os.environ.get("MARSAD_MAX_REQUEST_BYTES"):
            values["max_request_bytes"] = int(os.environ["MARSAD_MAX_REQUEST_BYTES"])
        if os.environ.get("MARSAD_MAX_BATCH"):
            values["max_batch"] = int(os.environ["MARSAD_MAX_BATCH"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
