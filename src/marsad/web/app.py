"""The FastAPI app behind `marsad serve`: the pages, the REST API under ``/api`` and its docs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from marsad import __version__
from marsad.query.api import Marsad
from marsad.store.duck import Store
from marsad.web import errors
from marsad.web.api import documents, entities, events, exports, facts, ingest, memberships, network, search
from marsad.web.security import ReadAccess
from marsad.web.settings import Settings

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
_VENDOR = _WEB.joinpath("static", "vendor")


def create_app(settings: Settings | str | Path) -> FastAPI:
    """The web app and REST API over one store, which the server opens for writing (so that
    ``POST /api/ingest`` can add articles) and reads through a cursor per request."""
    if not isinstance(settings, Settings):
        settings = Settings(db=Path(settings))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from marsad.extract.pipeline import build_pipeline

        store = Store(settings.db)
        try:
            pipeline = build_pipeline()
            store.sync_reference(pipeline.kb)
            app.state.store = store
            app.state.writer = store.reader()
            app.state.pipeline = pipeline
            app.state.kb = Marsad.from_store(store, pipeline.kb)
            yield
        finally:
            store.close()

    app = FastAPI(
        title="Marsad",
        version=__version__,
        summary="Sourced, temporal knowledge of Central Asia's security system, read from Arabic articles.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    errors.install(app)
    app.mount("/static", StaticFiles(directory=str(_WEB.joinpath("static"))), name="static")

    @app.middleware("http")
    async def limit_body(request: Request, call_next):  # type: ignore[no-untyped-def]
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > settings.max_request_bytes:
            return errors.error_response(
                413, f"the request is {declared} bytes, over the {settings.max_request_bytes}-byte limit"
            )
        return await call_next(request)

    reading = [ReadAccess]
    for router in (
        documents.router,
        entities.router,
        events.router,
        memberships.router,
        facts.claims_router,
        facts.figures_router,
        network.router,
        search.router,
        exports.router,
    ):
        app.include_router(router, prefix="/api", dependencies=reading, responses=errors.ERROR_RESPONSES)
    app.include_router(ingest.router, prefix="/api", responses=errors.ERROR_RESPONSES)

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        if not _VENDOR.joinpath("swagger-ui", "swagger-ui-bundle.js").is_file():
            raise HTTPException(503, "the API docs' assets are not installed: run `bash scripts/vendor-assets`")
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="Marsad API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    @app.get("/", response_class=HTMLResponse)
    def overview(request: Request, store: StoreDep) -> HTMLResponse:
        rows = store.documents()
        for doc in rows:
            doc["entities"] = store.document_entities(doc["doc_id"])
            doc["events"] = store.events(doc["doc_id"])
        return templates.TemplateResponse(
            request, "index.html", {"documents": rows, "counts": store.counts(), "version": __version__}
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

    @app.get("/healthz")
    def health(store: StoreDep) -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "counts": store.counts()}

    return app
