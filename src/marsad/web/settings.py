"""How the server runs: the store, the token, what it guards, and its limits."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_REQUEST_BYTES = 20 * 1024 * 1024  # one request body: an article or a JSON Lines batch
DEFAULT_MAX_BATCH = 1000  # documents in one ingest request
# a request's whole body must arrive within this many seconds: a client that sends a byte
# now and then cannot hold a connection (and a worker) for ever
DEFAULT_BODY_TIMEOUT = 30.0
# the names this machine answers to; a page elsewhere that rebinds its own name to
# 127.0.0.1 sends its own name as Host and is refused (DNS rebinding)
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


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
    body_timeout: float = DEFAULT_BODY_TIMEOUT
    # Host header values served (any port); "*" serves every name
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS

    def host_allowed(self, host: str) -> bool:
        """Whether a request's ``Host`` header (``name``, ``name:port``, ``[v6]:port``) is served."""
        name = host.strip().lower()
        if name.startswith("["):
            name = name[1 : name.find("]")] if "]" in name else ""
        elif name.count(":") == 1:
            name = name.split(":", 1)[0]
        name = name.rstrip(".")
        return bool(name) and ("*" in self.allowed_hosts or name in self.allowed_hosts)

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
        if os.environ.get("MARSAD_BODY_TIMEOUT"):
            values["body_timeout"] = float(os.environ["MARSAD_BODY_TIMEOUT"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def allowed_hosts(bound: str, extra: list[str] | None = None) -> tuple[str, ...]:
    """The Host names served: this machine's, the address bound (unless it is every
    address), ``MARSAD_ALLOWED_HOSTS`` (comma-separated) and ``extra`` (``--allowed-host``)."""
    names = [*LOCAL_HOSTS]
    if bound not in ("0.0.0.0", "::", ""):
        names.append(bound.strip("[]"))
    names += [n for n in os.environ.get("MARSAD_ALLOWED_HOSTS", "").split(",") if n.strip()]
    names += extra or []
    return tuple(dict.fromkeys(n.strip().lower().rstrip(".") for n in names))
