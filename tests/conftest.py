from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check what holds, not how fast: on a shared machine one slow example is no
# failure (speed is the benchmarks' business)
settings.register_profile("marsad", deadline=None)
settings.load_profile("marsad")

# No analyst's own knowledge-base overlay in the tests (kb/overlay.py): a path where no
# file is; a test of the overlay names its own
os.environ["MARSAD_KB_OVERLAY"] = str(Path(tempfile.mkdtemp(prefix="marsad-tests-")) / "no-overlay.yaml")

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"
GOLD = REPO / "tests" / "fixtures" / "gold"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))}


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return GOLD


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real DuckDB store built from the demo corpus, once per test session (read it only)."""
    from marsad.extract.pipeline import build_pipeline
    from marsad.ingest.service import ingest
    from marsad.store.duck import Store

    path = tmp_path_factory.mktemp("store") / "demo.duckdb"
    pipeline = build_pipeline()
    with Store(path) as store:
        store.sync_reference(pipeline.kb)
        report = ingest([CORPUS], store, pipeline)
    assert not report.problems, report.problems
    return path


@pytest.fixture(scope="session")
def demo_kb(demo_db: Path):
    """The query API on the demo store."""
    import marsad

    kb = marsad.open(demo_db)
    yield kb
    kb.close()
