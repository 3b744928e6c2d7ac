"""The local knowledge-base overlay: an analyst's own entries (``marsad review promote``),
loaded on top of the bundled knowledge files by every extraction.

One YAML file, ``MARSAD_KB_OVERLAY`` or else ``$XDG_DATA_HOME/marsad/kb-overlay.yaml``
(``~/.local/share/marsad/kb-overlay.yaml``), shaped like a bundled file (``source``,
``licence``, ``entries``), each entry with a ``type`` and the keys of that type's file
(``kb/data/schema.yaml``). The loader checks it as it checks the bundled files
(:func:`marsad.kb.loader.load_knowledge_base`).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import yaml

from marsad.datafile import load_yaml

OVERLAY_SETTING = "MARSAD_KB_OVERLAY"
_HEADER = {"source": "an analyst's own additions (marsad review promote)", "licence": "local"}


def overlay_path() -> Path:
    """Where the overlay is read and written (it need not exist)."""
    setting = os.environ.get(OVERLAY_SETTING, "").strip()
    if setting:
        return Path(setting).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "marsad" / "kb-overlay.yaml"


def overlay_digest(path: Path) -> str | None:
    """SHA-256 of the overlay's bytes; None when there is no overlay (no file, or an empty one)."""
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return None
    return hashlib.sha256(data).hexdigest() if data.strip() else None


def overlay_entries(path: Path) -> list[dict[str, Any]]:
    """The overlay's entries as written (an absent file: none)."""
    if overlay_digest(path) is None:
        return []
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    entries = data.get("entries") if isinstance(data, dict) else None
    return list(entries) if isinstance(entries, list) else []


def overlay_text(entries: list[dict[str, Any]], path: Path) -> str:
    """The overlay file holding ``entries`` (its own header kept when it has one)."""
    header = dict(_HEADER)
    if overlay_digest(path) is not None:
        data = load_yaml(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            header |= {key: data[key] for key in _HEADER if isinstance(data.get(key), str)}
    return yaml.safe_dump(header | {"entries": entries}, allow_unicode=True, sort_keys=False, width=120)


def write_overlay(path: Path, text: str) -> None:
    """Replace the overlay at once (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
