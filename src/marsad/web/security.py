"""The token that guards writing endpoints (and, by a setting, reading ones)."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from marsad.web.settings import Settings

_bearer = HTTPBearer(auto_error=False, description="The server's token: MARSAD_TOKEN, or the one `marsad serve` prints")


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _token_matches(given: str, expected: str) -> bool:
    # constant time: how much of a wrong token matched must not show in the response time
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """Writing endpoints: ``Authorization: Bearer <token>``; 401 without it or with a wrong one."""
    given = credentials.credentials if credentials else request.headers.get("x-marsad-token", "")
    if not given or not _token_matches(given, _settings(request).token):
        raise HTTPException(401, "this endpoint needs the server's token: Authorization: Bearer <token>")


def reading_allowed(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """Reading endpoints are open unless the server was started with reads protected."""
    if _settings(request).protect_reads:
        require_token(request, credentials)


ReadAccess = Depends(reading_allowed)
WriteAccess = Depends(require_token)
