"""A small store of articles written for these tests, and a way to extract them again as a
newer pipeline would: the same texts, their facts in another order (so with other ids), some
left out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from marsad.document import Document, DocumentMeta
from marsad.extract.pipeline import Pipeline, build_pipeline
from marsad.store.duck import Store
from marsad.store.rows import store_rows

# (id, language, published, text): an exercise and a withdrawal that never happened; a figure
# and a statement; a state joining an organization
ARTICLES = (
    (
        "rv-1",
        None,
        "2023-05-10",
        "أجرت روسيا وطاجيكستان مناورات عسكرية مشتركة قرب دوشنبه يوم 4 مايو 2023. "
        "وانسحبت كازاخستان من منظمة معاهدة الأمن الجماعي في عام 2022.",
    ),
    (
        "rv-2",
        "en",
        "2023-06-02",
        "Kyrgyzstan raised its military spending to 150 million dollars in 2023. "
        "President Tokayev said that Kazakhstan would deepen its cooperation with China.",
    ),
    ("rv-3", None, "2023-07-01", "وانضمت أوزبكستان إلى منظمة شنغهاي للتعاون في عام 2021."),
)
VERSION = "test:v1"
NEWER = "test:v2"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return build_pipeline()


@pytest.fixture(scope="session")
def extracted(pipeline: Pipeline) -> list[Document]:
    return [
        pipeline(Document(doc_id, text, DocumentMeta(published=published, language=language, title=doc_id)))
        for doc_id, language, published, text in ARTICLES
    ]


Write = Callable[..., None]


@pytest.fixture
def write(pipeline: Pipeline, extracted: list[Document]) -> Write:
    """Write the articles' facts into a store: as extracted, or ``reordered`` (each list of
    facts reversed: every event, membership and figure gets another id) and ``without`` some
    event types, under ``version``."""

    def write_docs(
        store: Store, version: str = VERSION, reordered: bool = False, without: tuple[str, ...] = ()
    ) -> None:
        docs = []
        for doc in extracted:
            events = [e for e in doc.events if e.type not in without]
            if reordered:
                events = events[::-1]
            again = replace(
                doc,
                events=events,
                memberships=doc.memberships[::-1] if reordered else list(doc.memberships),
                figures=doc.figures[::-1] if reordered else list(doc.figures),
                claims=[replace(c, event=None) for c in doc.claims],
            )
            docs.append(store_rows(again, version, pipeline.kb_version))
        store.write_rows(docs, version)

    return write_docs


@pytest.fixture
def store_path(tmp_path: Path, pipeline: Pipeline, write: Write) -> Path:
    path = tmp_path / "reviews.duckdb"
    with Store(path) as store:
        store.sync_reference(pipeline.kb)
        write(store)
    return path
