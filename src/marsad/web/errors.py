"""One error body for every failure: ``{"error": {"status", "code", "message", "detail"}}``."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from marsad.query.api import QueryError, UnknownEntity
from marsad.store.duck import StoreError
from marsad.web.error_pages import PageError, error_page, wants_page


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    detail: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


_CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    408: "timeout",
    413: "too_large",
    422: "invalid",
    429: "too_many_requests",
    500: "internal",
    503: "busy",
}
# every answer but a route's own: what any operation may say (the schema lists them, so a
# client, and Schemathesis, knows them)
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The question cannot be asked as put, or the Host is not this server's"},
    401: {"model": ErrorBody, "description": "The token is missing or wrong (writing, or reads when protected)"},
    404: {"model": ErrorBody, "description": "No such resource"},
    408: {"model": ErrorBody, "description": "The request's body did not arrive in time"},
    413: {"model": ErrorBody, "description": "The request's body is over the size limit"},
    422: {"model": ErrorBody, "description": "A parameter is invalid"},
    429: {"model": ErrorBody, "description": "Too many wrong tokens from this client: wait Retry-After seconds"},
    503: {"model": ErrorBody, "description": "The store cannot be read or written now"},
}


def error_response(
    status: int, message: str, detail: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(status=status, code=_CODES.get(status, "error"), message=message, detail=detail))
    if status == 401:
        headers = {"WWW-Authenticate": "Bearer", **(headers or {})}
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _allowed(request: Request) -> str:
    """Every method some route of this path answers (Starlette's 405 names only the first
    route's: a path with a GET and a POST route would say ``Allow: POST``), found by asking
    the routes whether each method would be served."""
    scope = request.scope
    methods = set()
    for method in _METHODS:
        probe = {"type": "http", "path": scope["path"], "root_path": scope.get("root_path", ""), "method": method}
        if any(route.matches(probe)[0] is Match.FULL for route in request.app.router.routes):
            methods.add(method)
    return ", ".join(sorted(methods))


def install(app: FastAPI) -> None:
    @app.exception_handler(PageError)
    async def page_error(request: Request, exc: PageError) -> Response:
        if wants_page(request):
            return error_page(request, exc.status, exc.key, exc.value)
        return error_response(exc.status, f"{exc.key.replace('_', ' ')}: {exc.value!r}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers) if exc.headers else None
        if exc.status_code == 405:
            headers = {**(headers or {}), "Allow": _allowed(request)}
        if wants_page(request):
            return error_page(request, exc.status_code, headers=headers)
        return error_response(exc.status_code, str(exc.detail), headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        detail = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")} for e in exc.errors()
        ]
        if wants_page(request):
            # the page names each parameter and the value it could not read
            fields = [
                {"name": str(e.get("loc", ("", ""))[-1]), "value": str(e.get("input", ""))[:80]} for e in exc.errors()
            ]
            return error_page(request, 422, fields=fields)
        return error_response(
            422, "a parameter is invalid: " + "; ".join(f"{d['where']}: {d['message']}" for d in detail), detail
        )

    @app.exception_handler(QueryError)
    async def bad_question(request: Request, exc: QueryError) -> Response:
        status = 404 if isinstance(exc, UnknownEntity) else 400
        if wants_page(request):
            return error_page(request, status)
        return error_response(status, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        if wants_page(request):
            return error_page(request, 503)
        return error_response(503, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # a fault of this server's, not of the request: still one error body, no traceback
        # (the server's log has it)
        if wants_page(request):
            try:
                return error_page(request, 500)
            except Exception:  # the page itself failed: the plain body below then
                pass
        return error_response(500, f"the server failed on this request ({type(exc).__name__}); see its log")
