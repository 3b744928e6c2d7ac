"""The FastAPI app behind `marsad serve`: document pages and their JSON."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from marsad import __version__
from marsad.store.duck import Store

_WEB = resources.files("marsad.web")
templates = Jinja2Templates(directory=str(_WEB.joinpath("templates")))


def highlighted_segments(text: str, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Split ``text`` into plain and mention segments; the template escapes each one."""
    segments: list[dict[str, Any]] = []
    pos = 0
    for mention in mentions:
        start, end = mention["start_char"], mention["end_char"]
        if start < pos:
            continue
        if start > pos:
            segments.append({"text": text[pos:start]})
        segments.append({"text": text[start:end], "mention": mention})
        pos = end
    if pos < len(text):
        segments.append({"text": text[pos:]})
    return segments


def get_store(request: Request) -> Store:
    """The app's store, on a cursor of its own for this request's thread."""
    return request.app.state.store.reader()


StoreDep = Annotated[Store, Depends(get_store)]


def create_app(db_path: str | Path) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = Store(db_path, read_only=True)
        try:
            yield
        finally:
            app.state.store.close()

    app = FastAPI(title="Marsad", version=__version__, lifespan=lifespan)
    app.mount("/static", StaticFiles(directory=str(_WEB.joinpath("static"))), name="static")

    @app.get("/", response_class=HTMLResponse)
    def overview(request: Request, store: StoreDep) -> HTMLResponse:
        documents = store.documents()
        for doc in documents:
            doc["entities"] = store.document_entities(doc["doc_id"])
            doc["events"] = store.events(doc["doc_id"])
        return templates.TemplateResponse(
            request, "index.html", {"documents": documents, "counts": store.counts(), "version": __version__}
        )

    @app.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document_page(request: Request, doc_id: str, store: StoreDep) -> HTMLResponse:
        doc = store.document(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        mentions = store.mentions(doc_id)
        context = {
            "doc": doc,
            "segments": highlighted_segments(doc["text"], mentions),
            "entities": store.document_entities(doc_id),
            "events": store.events(doc_id),
            "version": __version__,
        }
        return templates.TemplateResponse(request, "document.html", context)

    @app.get("/api/documents")
    def documents_json(store: StoreDep) -> list[dict[str, Any]]:
        return store.documents()

    @app.get("/api/documents/{doc_id}")
    def document_json(doc_id: str, store: StoreDep) -> dict[str, Any]:
        doc = store.document(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        doc["ingested_at"] = str(doc["ingested_at"])
        return doc | {"mentions": store.mentions(doc_id), "events": store.events(doc_id)}

    @app.get("/healthz")
    def health(store: StoreDep) -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "counts": store.counts()}

    return app
