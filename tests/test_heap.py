from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import marsad.cli
from marsad.cli import app
from marsad.heap import YOUNG_THRESHOLD, collector_paused, settle_after_loading


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


def test_the_collector_waits_inside_a_pause_and_runs_again_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_runs_again_after_an_error_inside_a_pause() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("inside")
    assert gc.isenabled()


def test_the_collector_waits_for_the_last_of_overlapping_pauses() -> None:
    outer, inner_in, inner_out = threading.Event(), threading.Event(), threading.Event()

    def other_thread() -> None:
        with collector_paused():
            inner_in.set()
            outer.wait(5)
        inner_out.set()

    with collector_paused():
        worker = threading.Thread(target=other_thread)
        worker.start()
        inner_in.wait(5)
    assert not gc.isenabled()  # the other thread's pause still holds
    outer.set()
    inner_out.wait(5)
    worker.join(5)
    assert gc.isenabled()


def test_a_pause_leaves_a_collector_switched_off_before_it_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
