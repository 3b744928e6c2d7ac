"""The compiled knowledge base on disk: read when it matches, rebuilt when it does not."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from marsad.kb.cache import cached_knowledge_base, fingerprint
from marsad.kb.loader import KnowledgeBase, load_knowledge_base


@pytest.fixture()
def kb_dir(tmp_path: Path) -> Path:
    """A copy of the bundled knowledge files, free to edit."""
    target = tmp_path / "kb"
    shutil.copytree(str(resources.files("marsad.kb").joinpath("data")), target)
    return target


class CountingBuild:
    def __init__(self, root: Path) -> None:
        self.root, self.calls = root, 0

    def __call__(self) -> KnowledgeBase:
        self.calls += 1
        return load_knowledge_base(self.root)


def test_the_second_process_reads_the_compiled_copy(kb_dir: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path / "cache"))
    build = CountingBuild(kb_dir)
    first = cached_knowledge_base(kb_dir, build)
    second = cached_knowledge_base(kb_dir, build)
    assert build.calls == 1
    assert second == first
    assert second.entities["KAZ"].name_ar == "كازاخستان"
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [f"kb-{fingerprint(kb_dir)[:24]}.pickle"]


def test_an_edited_knowledge_file_is_read_again(kb_dir: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path / "cache"))
    build = CountingBuild(kb_dir)
    before = cached_knowledge_base(kb_dir, build)
    countries = kb_dir / "countries.yaml"
    countries.write_text(
        countries.read_text(encoding="utf-8").replace('name_ar: "كازاخستان"', 'name_ar: "جمهورية كازاخستان"', 1),
        encoding="utf-8",
    )
    after = cached_knowledge_base(kb_dir, build)
    assert build.calls == 2
    assert before.entities["KAZ"].name_ar == "كازاخستان"
    assert after.entities["KAZ"].name_ar == "جمهورية كازاخستان"


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05\x95truncated"])
def test_a_broken_cache_file_is_built_again_and_replaced(
    kb_dir: Path, tmp_path: Path, monkeypatch, garbage: bytes
) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / f"kb-{fingerprint(kb_dir)[:24]}.pickle").write_bytes(garbage)
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(folder))
    build = CountingBuild(kb_dir)
    assert cached_knowledge_base(kb_dir, build).entities["CSTO"].type == "organization"
    assert cached_knowledge_base(kb_dir, build) is not None
    assert build.calls == 1  # the second call read the replaced file


def test_a_folder_that_cannot_be_written_only_skips_the_cache(kb_dir: Path, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(blocker / "cache"))
    build = CountingBuild(kb_dir)
    assert "UZB" in cached_knowledge_base(kb_dir, build).entities
    assert "UZB" in cached_knowledge_base(kb_dir, build).entities
    assert build.calls == 2


def test_the_cache_can_be_turned_off(kb_dir: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MARSAD_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    build = CountingBuild(kb_dir)
    cached_knowledge_base(kb_dir, build)
    cached_knowledge_base(kb_dir, build)
    assert build.calls == 2
    assert not (tmp_path / "xdg").exists()
