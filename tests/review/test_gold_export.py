"""`marsad export gold`: the reviewed documents as gold files, rejected facts left out and
corrections applied, in the document format's gold shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import marsad
from marsad.cli import app
from marsad.evaluation.score import load_gold, score
from marsad.export import ExportError, export, export_bytes
from marsad.export.gold import file_stem
from marsad.review.service import review_fact
from marsad.store.duck import Store

runner = CliRunner()
ENV = {"COLUMNS": "250"}


def _review(store: Store, kind: str, fact_id: str, action: str, **changes: str) -> None:
    review_fact(store, kind, fact_id, action, "layla", "checked", changes or None)


@pytest.fixture
def reviewed(store_path: Path) -> Path:
    with Store(store_path) as store:
        _review(store, "event", "rv-1:e1", "reject")  # Kazakhstan never left the CSTO
        _review(store, "event", "rv-1:e0", "correct", actors="KAZ,RUS")
        _review(store, "mention", "rv-1:5-10", "reject")  # Russia's one mention
        _review(store, "figure", "rv-2:f0", "correct", value="160000000")
    return store_path  # rv-3 is not reviewed


def _files(folder: Path) -> dict[str, dict[str, Any]]:
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))}


# the gold shape of shared/spec/document-format.md: field → type, per list of facts
SHAPE: dict[str, dict[str, type | tuple[type, ...]]] = {
    "entities": {"id": str, "type": str, "name_en": str},
    "events": {"type": str, "actors": list, "agents": list, "date": str, "place": str, "evidence": str},
    "memberships": {"member": str, "org": str, "since": str, "until": str},
    "figures": {"what": str, "value": (int, float), "unit": str, "actor": str, "evidence": str},
}


def _check_shape(record: dict[str, Any]) -> None:
    for field in ("doc", "language", "published"):
        assert isinstance(record[field], str), field
    for facts, fields in SHAPE.items():
        assert isinstance(record[facts], list), facts
        for fact in record[facts]:
            for field, kind in fields.items():
                assert isinstance(fact[field], kind), (facts, field, fact)
    for event in record["events"]:
        assert all(isinstance(actor, str) for actor in event["actors"] + event["agents"])
    for entity in record["entities"]:
        if entity["type"] == "place":
            assert isinstance(entity["country"], str)


def test_export_gold_applies_reviews(reviewed: Path, tmp_path: Path) -> None:
    out = tmp_path / "gold"
    result = runner.invoke(app, ["export", "gold", "-o", str(out), "--db", str(reviewed)], env=ENV)
    assert result.exit_code == 0, result.output
    files = _files(out)
    assert sorted(files) == ["rv-1.json", "rv-2.json"]  # the reviewed documents only
    first, second = files["rv-1.json"], files["rv-2.json"]
    for record in files.values():
        _check_shape(record)
    assert (first["doc"], first["language"], first["published"]) == ("rv-1", "ar", "2023-05-10")
    (exercise,) = first["events"]  # the withdrawal rejected
    assert (exercise["type"], exercise["actors"], exercise["date"]) == ("EXERCISE", ["KAZ", "RUS"], "2023-05-04")
    assert exercise["evidence"].startswith("أجرت روسيا وطاجيكستان")
    ids = [e["id"] for e in first["entities"]]
    assert "RUS" not in ids and {"TJK", "KAZ", "CSTO", "Dushanbe"} <= set(ids)
    dushanbe = next(e for e in first["entities"] if e["id"] == "Dushanbe")
    assert (dushanbe["type"], dushanbe["country"], dushanbe["name_en"]) == ("place", "TJK", "Dushanbe")
    assert [(m["member"], m["org"]) for m in first["memberships"]] == [("KAZ", "CSTO")]  # not reviewed: kept
    (figure,) = second["figures"]
    assert (figure["value"], figure["unit"], figure["actor"]) == (160000000, "USD", "KGZ")
    assert [c["speaker"] for c in second["claims"]] == ["kassym-jomart-tokayev"]
    # the project's scorer reads the folder as gold, and the exported facts score themselves perfectly
    gold = load_gold(out)
    result = score(gold, gold)
    assert result["events_strict"]["f1"] == result["figures"]["f1"] == 1.0


def test_reviewed_only_keeps_the_checked_facts(reviewed: Path, tmp_path: Path) -> None:
    out = tmp_path / "checked"
    with marsad.open(reviewed) as kb:
        written = export(kb, "gold", out, reviewed_only=True)
    assert [path.name for path in written] == ["rv-1.json", "rv-2.json"]
    files = _files(out)
    first, second = files["rv-1.json"], files["rv-2.json"]
    assert [e["actors"] for e in first["events"]] == [["KAZ", "RUS"]]
    assert first["memberships"] == first["entities"] == []  # nobody checked them
    assert [f["value"] for f in second["figures"]] == [160000000]
    assert second["events"] == second["claims"] == []


def test_gold_requests_that_cannot_be_met(reviewed: Path, tmp_path: Path) -> None:
    with marsad.open(reviewed) as kb:
        with pytest.raises(ExportError, match="gold only"):
            export(kb, "jsonl", tmp_path / "d.jsonl", reviewed_only=True)
        (tmp_path / "file").write_text("x")
        with pytest.raises(ExportError, match="give a folder"):
            export(kb, "gold", tmp_path / "file")
        with pytest.raises(ExportError, match="folder of files"):
            export_bytes(kb, "gold")
    result = runner.invoke(app, ["export", "gold", "--db", str(reviewed)], env=ENV)
    assert result.exit_code == 2 and "OUT or -o OUT" in result.output


def test_file_names_are_safe() -> None:
    assert file_stem("000_f44bbeda982aca56") == "000_f44bbeda982aca56"
    assert file_stem("../a/b") != file_stem("_a_b")
    assert "/" not in file_stem("../a/b") and not file_stem("../a/b").startswith(".")
