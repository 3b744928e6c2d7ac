"""The FastAPI app behind `marsad serve`: the pages, the REST API under ``/api`` and its docs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marsad import __version__
from marsad.ingest.service import extract_in_pool, extraction_pool
from marsad.query.api import Marsad
from marsad.store.duck import Store
from marsad.web import errors, pages
from marsad.web.api import (
    documents,
    entities,
    events,
    exports,
    facts,
    indicators,
    ingest,
    memberships,
    network,
    reviews,
    search,
)
from marsad.web.guards import RequestGuard
from marsad.web.security import ReadAccess, TokenGuard
from marsad.web.settings import Settings

_WEB = resources.files("marsad.web")


def get_store(request: Request) -> Store:
    """The app's store, on a cursor of its own for this request's thread."""
    return request.app.state.store.reader()


StoreDep = Annotated[Store, Depends(get_store)]
_VENDOR = _WEB.joinpath("static", "vendor")
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


class SecurityHeaders:
    """Headers on every answer: nothing an article says can run, since scripts come only from
    this server's files and the pages have no inline scripts (the API docs page has Swagger
    UI's own, so it gets no CSP). Plain ASGI, not ``@app.middleware("http")``: Starlette's
    ``BaseHTTPMiddleware`` runs each request through a task group and memory streams, work on
    the one event-loop thread that every concurrent request waits for."""

    _HEADERS = ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"))
    _CSP = (b"content-security-policy", CONTENT_SECURITY_POLICY.encode())

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = [*self._HEADERS] if scope["path"].startswith("/docs") else [self._CSP, *self._HEADERS]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in extra}
                kept = [(n, v) for n, v in message.get("headers", []) if n.lower() not in names]
                message = {**message, "headers": [*kept, *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _schema_with_token_everywhere(app: FastAPI) -> None:
    """With reads protected, every operation needs the token: the schema says so."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                operation.setdefault("security", [{"HTTPBearer": []}])
        schema.setdefault("components", {}).setdefault("securitySchemes", {})["HTTPBearer"] = {
            "type": "http",
            "scheme": "bearer",
        }
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


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
            pool = extraction_pool(pipeline)
            app.state.extract = partial(extract_in_pool, pool)
            try:
                yield
            finally:
                # not shutdown(wait=True): a stopping server would wait for the extraction
                # in progress, however long, before it exits
                pool.close()
        finally:
            store.close()

    app = FastAPI(
        title="Marsad",
        version=__version__,
        summary="Sourced, temporal knowledge of Central Asia's security system, read from Arabic articles.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        # one guard on every route (the API, the pages, the health check): with reads
        # protected, none of them shows what the store holds without the token
        dependencies=[ReadAccess],
    )
    app.state.settings = settings
    app.state.tokens = TokenGuard(settings.token)
    errors.install(app)
    app.mount("/static", StaticFiles(directory=str(_WEB.joinpath("static"))), name="static")
    app.add_middleware(RequestGuard, settings=settings, tokens=app.state.tokens)

    app.add_middleware(SecurityHeaders)

    for router in (
        documents.router,
        entities.router,
        events.router,
        memberships.router,
        facts.claims_router,
        facts.figures_router,
        indicators.router,
        network.router,
        search.router,
        exports.router,
        reviews.router,
    ):
        app.include_router(router, prefix="/api", responses=errors.ERROR_RESPONSES)
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

    app.include_router(pages.router)
    if settings.protect_reads:
        _schema_with_token_everywhere(app)

    @app.get("/healthz", responses=errors.ERROR_RESPONSES)
    def health(store: StoreDep) -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "counts": store.counts()}

    return app
