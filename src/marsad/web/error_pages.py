"""Errors a browser meets on a page: a page in the page's language that says what went
wrong and what to change. The API, and any client that does not ask for HTML, keeps the one
JSON error shape of ``errors.py``."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

# paths whose errors stay JSON whoever asks: the REST API, its schema and docs, the assets
_MACHINE_PATHS = ("/api", "/openapi.json", "/healthz", "/static", "/docs")
# the message of each status when a route gave no message of its own (i18n keys)
_STATUS_KEYS = {
    400: "error_400",
    401: "error_401",
    404: "error_404",
    405: "error_405",
    413: "error_413",
    422: "error_422",
    429: "error_429",
    503: "error_503",
}


class PageError(Exception):
    """A page that cannot be shown: ``key`` names its message in i18n.yaml, ``value`` the
    thing asked for (an id), shown beside it."""

    def __init__(self, status: int, key: str, value: str = "") -> None:
        super().__init__(key)
        self.status, self.key, self.value = status, key, value


def wants_page(request: Request) -> bool:
    """A browser opening a page (not the API, and asking for HTML)."""
    path = request.url.path
    if any(path == p or path.startswith(p + "/") for p in _MACHINE_PATHS):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_page(
    request: Request,
    status: int,
    key: str = "",
    value: str = "",
    fields: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    from marsad.web.i18n import language_of
    from marsad.web.rendering import render

    lang = language_of(request)
    response = render(
        request,
        lang,
        "error.html",
        status=status,
        error_status=status,
        message_key=key or _STATUS_KEYS.get(status, "error_500"),
        value=value,
        fields=fields or [],
    )
    for name, header in (headers or {}).items():
        response.headers[name] = header
    return response
