"""The token that guards writing endpoints (and, by a setting, every reading route), and the
back-off that meets a client guessing it."""

from __future__ import annotations

import hmac
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from marsad.web.settings import Settings

_bearer = HTTPBearer(auto_error=False, description="The server's token: MARSAD_TOKEN, or the one `marsad serve` prints")
# the browser's way to send the token to pages when reads are protected: opening any page
# once with ?token=… sets it (HttpOnly, SameSite=Strict, so no other site's page sends it)
TOKEN_COOKIE = "marsad_token"
FREE_FAILURES = 5  # wrong tokens a client may send before it has to wait
FIRST_DELAY = 1.0  # seconds, doubled at each further wrong token
MAX_DELAY = 60.0
_MAX_CLIENTS = 10_000  # clients remembered; the oldest are forgotten first


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _token_matches(given: str, expected: str) -> bool:
    # constant time: how much of a wrong token matched must not show in the response time
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


@dataclass
class _Failures:
    count: int = 0
    blocked_until: float = 0.0


class TokenRefused(HTTPException):
    """401 for a missing or wrong token, 429 while a client that guessed wrong must wait."""

    def __init__(self, status: int, message: str, retry_after: float = 0.0) -> None:
        headers = {"Retry-After": str(math.ceil(retry_after))} if status == 429 else {"WWW-Authenticate": "Bearer"}
        super().__init__(status, message, headers=headers)


class TokenGuard:
    """Checks a token and remembers each client's wrong guesses: after ``FREE_FAILURES`` of
    them it must wait, 1 s, then 2, 4 … up to a minute, before any token of its is looked at
    (so guessing gets nowhere); a right token clears its record."""

    def __init__(self, token: str, clock: Callable[[], float] | None = None) -> None:
        self._token = token
        self._failures: dict[str, _Failures] = {}
        self._lock = threading.Lock()  # sync routes check tokens from the thread pool
        self._clock = clock or time.monotonic

    def check(self, given: str, client: str) -> None:
        """Return if ``given`` is the token; raise :class:`TokenRefused` otherwise."""
        now = self._clock()
        with self._lock:
            record = self._failures.get(client)
            if record and record.blocked_until > now:
                wait = record.blocked_until - now
                raise TokenRefused(
                    429, f"too many wrong tokens from this client: try again in {math.ceil(wait)} s", wait
                )
        if not given:
            raise TokenRefused(401, "this endpoint needs the server's token: Authorization: Bearer <token>")
        if _token_matches(given, self._token):
            with self._lock:
                self._failures.pop(client, None)
            return
        self._count_failure(client, now)
        raise TokenRefused(401, "wrong token: send the server's token as Authorization: Bearer <token>")

    def _count_failure(self, client: str, now: float) -> None:
        with self._lock:
            record = self._failures.pop(client, None) or _Failures()
            self._failures[client] = record  # re-inserted: the dict's order is the clients' recency
            record.count += 1
            if record.count > FREE_FAILURES:
                record.blocked_until = now + min(MAX_DELAY, FIRST_DELAY * 2 ** (record.count - FREE_FAILURES - 1))
            while len(self._failures) > _MAX_CLIENTS:
                del self._failures[next(iter(self._failures))]


def client_of(request: Request) -> str:
    return request.client.host if request.client else ""


def given_token(request: Request, credentials: HTTPAuthorizationCredentials | None, cookie: bool = False) -> str:
    """The token a request carries: ``Authorization: Bearer``, ``X-Marsad-Token``, or (for
    reads only, so that no other site can make a browser write) the cookie."""
    if credentials:
        return credentials.credentials
    header = request.headers.get("x-marsad-token", "")
    return header or (request.cookies.get(TOKEN_COOKIE, "") if cookie else "")


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """Writing endpoints: ``Authorization: Bearer <token>``; 401 without it or with a wrong one."""
    request.app.state.tokens.check(given_token(request, credentials), client_of(request))


def reading_allowed(request: Request) -> None:
    """Every route that shows what the store holds (the API's reads, the pages, the health
    check) is open unless the server was started with reads protected. (Not the bearer
    scheme's dependency: the schema lists the token on reads only when they need it.)"""
    if _settings(request).protect_reads:
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        bearer = HTTPAuthorizationCredentials(scheme=scheme, credentials=value.strip()) if value.strip() else None
        if bearer and scheme.lower() != "bearer":
            bearer = None
        request.app.state.tokens.check(given_token(request, bearer, cookie=True), client_of(request))


ReadAccess = Depends(reading_allowed)
WriteAccess = Depends(require_token)
