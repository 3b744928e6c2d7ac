"""One error body for every failure: ``{"error": {"status", "code", "message", "detail"}}``."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad.query.api import QueryError
from marsad.store.duck import StoreError


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    detail: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


_CODES = {400: "bad_request", 401: "unauthorized", 404: "not_found", 413: "too_large", 422: "invalid", 503: "busy"}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The question cannot be asked as put"},
    404: {"model": ErrorBody, "description": "No such resource"},
    422: {"model": ErrorBody, "description": "A parameter is invalid"},
}


def error_response(status: int, message: str, detail: list[dict[str, Any]] | None = None) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(status=status, code=_CODES.get(status, "error"), message=message, detail=detail))
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")} for e in exc.errors()
        ]
        return error_response(
            422, "a parameter is invalid: " + "; ".join(f"{d['where']}: {d['message']}" for d in detail), detail
        )

    @app.exception_handler(QueryError)
    async def bad_question(request: Request, exc: QueryError) -> JSONResponse:
        return error_response(400, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return error_response(503, str(exc))
