"""A compiled copy of the knowledge base on disk, so that a process starts without reading,
validating and indexing the knowledge files again.

The file is named by a fingerprint of everything the built knowledge base depends on: the
knowledge files, the code that reads and indexes them, the normalization table, Marsad's and
Python's versions. An edit to any of them makes a new name, so a stale copy is never read.
The folder is ``MARSAD_CACHE_DIR``, else ``$XDG_CACHE_HOME/marsad`` or ``~/.cache/marsad``;
``MARSAD_CACHE_DIR=off`` turns the cache off. A cache that cannot be read or written (a
read-only home, a truncated file) only costs the time of building the knowledge base.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from marsad import __version__
from marsad.kb.loader import KnowledgeBase
from marsad.text.normalize import normalization_sources

CACHE_DIR_SETTING = "MARSAD_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where compiled knowledge bases are kept; None when the cache is off."""
    setting = os.environ.get(CACHE_DIR_SETTING)
    if setting is not None:
        return None if setting.strip().lower() in ("", "off", "0", "no") else Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "marsad"


def fingerprint(root: Traversable, extra: str = "") -> str:
    """SHA-256 of the knowledge files under ``root``, of what builds them and of ``extra``
    (the local overlay's own SHA-256, when one is loaded on top)."""
    digest = hashlib.sha256(f"{__version__}|{sys.version_info[:3]}|{pickle.HIGHEST_PROTOCOL}|{extra}".encode())
    sources = [root.joinpath(entry.name) for entry in root.iterdir() if entry.name.endswith(".yaml")]
    code = resources.files("marsad.kb")
    text = resources.files("marsad.text")
    sources += [
        code.joinpath("loader.py"),
        code.joinpath("model.py"),
        code.joinpath("overlay.py"),
        text.joinpath("normalize.py"),
    ]
    sources += normalization_sources()
    sources += [code.joinpath("inflections.py"), *_pack_sources()]
    # the closed sets and the date checks the loader validates with
    package = resources.files("marsad")
    sources += [package.joinpath("vocabulary.yaml"), package.joinpath("vocabulary.py")]
    sources.append(resources.files("marsad.values").joinpath("partial_date.py"))
    for source in sorted(sources, key=lambda s: s.name):
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    for distribution in _pack_requirements():
        digest.update(f"{distribution}={_installed_version(distribution)}".encode() + b"\0")
    return digest.hexdigest()


def _pack_sources() -> list[Traversable]:
    """What the packs decline the names with (kb/inflections.py): each pack's morphology
    module, its grammar and its function words."""
    from marsad.lang import PACKS

    found = []
    for module in PACKS.values():
        folder = resources.files(module)
        for part in (("morphology.py",), ("data", "grammar.yaml"), ("data", "names.yaml")):
            source = folder.joinpath(*part)
            if source.is_file():
                found.append(source)
    return found


def _pack_requirements() -> list[str]:
    """The distributions a pack's morphology reads its dictionary from (its ``REQUIRES``)."""
    import importlib

    from marsad.lang import PACKS

    found: list[str] = []
    for module in PACKS.values():
        try:
            morphology = importlib.import_module(f"{module}.morphology")
        except ModuleNotFoundError:
            continue
        found.extend(getattr(morphology, "REQUIRES", ()))
    return found


def _installed_version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "absent"


def cached_knowledge_base(root: Traversable, build: Callable[[], KnowledgeBase], extra: str = "") -> KnowledgeBase:
    """The knowledge base of ``root`` (and of what ``extra`` fingerprints: an overlay's
    content hash): read from the cache when a copy matches, else built by ``build`` and
    saved for the next process."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"kb-{fingerprint(root, extra)[:24]}.pickle"
    try:
        with path.open("rb") as cached:
            kb = pickle.load(cached)  # our own file, in the user's own cache folder
        if isinstance(kb, KnowledgeBase):
            return kb
    except FileNotFoundError:
        pass
    except Exception:  # truncated, garbled (even a MemoryError on a bad length) or from other code:
        pass  # whatever went wrong, the knowledge base is built again and the file replaced
    kb = build()
    _save(kb, path)
    return kb


def _save(kb: KnowledgeBase, path: Path) -> None:
    """Write atomically (a reader never sees half a file); a failure only skips the cache."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as out:
            pickle.dump(kb, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
