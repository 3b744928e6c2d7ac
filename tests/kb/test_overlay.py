"""The local knowledge-base overlay: loaded on top of the bundled knowledge base, checked
like it, and named in the compiled copy's key by its content."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from marsad.kb.cache import fingerprint
from marsad.kb.loader import KnowledgeBaseError, bundled_knowledge_base, knowledge_base, load_knowledge_base
from marsad.kb.overlay import OVERLAY_SETTING, overlay_digest, overlay_path

ENTRY = (
    "source: test\nlicence: test\nentries:\n"
    "  - type: person\n    id: {id}\n    name_en: {name}\n    name_ar: تيمور بيكوف\n    country: KAZ\n"
    "    roles: [{{office: aide, state: KAZ, start: '2023', end: ''}}]\n"
)


def test_the_overlay_is_where_the_setting_says_else_in_the_users_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(OVERLAY_SETTING, "/somewhere/mine.yaml")
    assert overlay_path() == Path("/somewhere/mine.yaml")
    monkeypatch.delenv(OVERLAY_SETTING)
    monkeypatch.setenv("XDG_DATA_HOME", "/data")
    assert overlay_path() == Path("/data/marsad/kb-overlay.yaml")


def test_an_overlay_entry_joins_the_knowledge_base_and_its_content_names_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    overlay, cache = tmp_path / "overlay.yaml", tmp_path / "cache"
    monkeypatch.setenv(OVERLAY_SETTING, str(overlay))
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(cache))
    assert knowledge_base() is bundled_knowledge_base()  # no overlay: the bundled one
    overlay.write_text(ENTRY.format(id="timur-bekov", name="Timur Bekov"), encoding="utf-8")
    digests = [overlay_digest(overlay)]
    first = knowledge_base()
    assert first.entities["timur-bekov"].country == "KAZ"
    assert first.version.startswith(bundled_knowledge_base().version + "+overlay-")
    assert [t.entity_id for t in first.alias_index["تيمور بيكوف"]] == ["timur-bekov"]
    overlay.write_text(ENTRY.format(id="timur-bekov-2", name="Timur Bekov"), encoding="utf-8")
    digests.append(overlay_digest(overlay))
    second = knowledge_base()  # the same path, another content: read again, cached apart
    assert "timur-bekov-2" in second.entities and "timur-bekov" not in second.entities
    assert second.version != first.version
    root = resources.files("marsad.kb").joinpath("data")
    names = {f"kb-{fingerprint(root, str(digest))[:24]}.pickle" for digest in digests}
    assert len(names) == 2 and names <= {p.name for p in cache.glob("kb-*.pickle")}


def test_an_overlay_is_checked_like_the_bundled_files(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(ENTRY.format(id="Timur Bekov", name="Timur Bekov"), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=rf"{overlay}:4: 'id' = 'Timur Bekov' does not match"):
        load_knowledge_base(None, overlay)
    overlay.write_text(ENTRY.format(id="kassym-jomart-tokayev", name="Timur Bekov"), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"already defined at persons\.yaml"):
        load_knowledge_base(None, overlay)
    overlay.write_text(ENTRY.format(id="timur-bekov", name="Tokayev"), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"alias «tokayev» names kassym-jomart-tokayev \(persons.yaml:\d+\)"):
        load_knowledge_base(None, overlay)
