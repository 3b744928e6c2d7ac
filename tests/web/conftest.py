from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.extract.pipeline import build_pipeline
from marsad.ingest.service import ingest
from marsad.store.duck import Store
from marsad.web.app import create_app
from marsad.web.settings import Settings

TOKEN = "test-token-7f3a"
HOSTILE = 'بيان عن كازاخستان <script>window.pwned=1</script> و<img src=x onerror="alert(1)"> انتهى.'


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """The demo corpus and an article with markup in its text, in a real store."""
    folder = tmp_path_factory.mktemp("web")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "web.duckdb"
    with Store(db) as store:
        pipeline = build_pipeline()
        store.sync_reference(pipeline.kb)
        ingest([corpus_dir, folder / "hostile.txt"], store, pipeline)
    return db


@pytest.fixture(scope="module")
def client(web_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=web_db, token=TOKEN))) as test_client:
        yield test_client


@pytest.fixture
def fresh_db(web_db: Path, tmp_path: Path) -> Path:
    """A copy of the web store that a test may write to."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(web_db, copy)
    return copy
