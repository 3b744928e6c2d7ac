from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import marsad.cli
from marsad.cli import app
from marsad.extract.heap import YOUNG_THRESHOLD, settle_after_loading


@pytest.fixture
def restored_collector() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


@pytest.mark.usefixtures("restored_collector")
def test_settling_freezes_what_is_loaded_and_collects_the_young_less_often() -> None:
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    loaded = [[n] for n in range(1000)]  # containers alive before the documents are read
    settle_after_loading()
    assert gc.get_freeze_count() >= len(loaded)
    assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)


@pytest.mark.usefixtures("restored_collector")
def test_settling_never_lowers_a_higher_threshold() -> None:
    gc.set_threshold(YOUNG_THRESHOLD * 3, 10, 10)
    settle_after_loading()
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD * 3


def test_extract_settles_once_the_pipeline_is_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    monkeypatch.setattr(marsad.cli, "settle_after_loading", lambda: calls.append(True))
    (tmp_path / "a.txt").write_text("قال الرئيس إن الاجتماع انتهى.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    assert calls == [True]
