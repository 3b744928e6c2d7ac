"""What a request must pass before any of it is parsed: a Host this server answers to, the
token for writing, and a body that is small enough and arrives in time.

An ASGI middleware, not a route dependency: FastAPI reads and parses a route's body before
its dependencies run, so a check made there comes after a stranger's body is in memory."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marsad.web import errors
from marsad.web.security import TOKEN_COOKIE, TokenGuard, TokenRefused
from marsad.web.settings import Settings

READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class BodyRefused(HTTPException):
    """Raised from the body's stream: the route reading it answers with this status."""


class RequestGuard:
    def __init__(self, app: ASGIApp, settings: Settings, tokens: TokenGuard) -> None:
        self.app = app
        self.settings = settings
        self.tokens = tokens

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        refusal = self._refusal(scope, headers) or self._token_login(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, self._bounded(receive), tracking_send)
        except BodyRefused as exc:  # raised where no route turned it into an answer
            if started:
                raise
            await errors.error_response(exc.status_code, str(exc.detail))(scope, receive, send)

    def _refusal(self, scope: Scope, headers: Headers) -> Any:
        host = headers.get("host", "")
        if not self.settings.host_allowed(host):
            return errors.error_response(
                400,
                f"this server does not answer to the name {host!r}: open it as http://127.0.0.1 or http://localhost, "
                "or start it with --allowed-host NAME",
            )
        if scope["method"] not in READING_METHODS:
            try:
                self.tokens.check(_token(headers), scope["client"][0] if scope.get("client") else "")
            except TokenRefused as exc:
                return errors.error_response(exc.status_code, str(exc.detail), headers=exc.headers)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.settings.max_request_bytes:
            return errors.error_response(
                413, f"the request is {declared} bytes, over the {self.settings.max_request_bytes}-byte limit"
            )
        return None

    def _token_login(self, scope: Scope) -> Any:
        """``GET /any/page?token=…`` with reads protected: the token, once right, becomes the
        browser's cookie and the page is opened again without it in its address."""
        if not self.settings.protect_reads or scope["method"] != "GET":
            return None
        pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = next((v for k, v in pairs if k == "token"), None)
        if given is None:
            return None
        query = [(k, v) for k, v in pairs if k != "token"]
        try:
            self.tokens.check(given, scope["client"][0] if scope.get("client") else "")
        except TokenRefused as exc:
            return errors.error_response(exc.status_code, str(exc.detail), headers=exc.headers)
        response = RedirectResponse(scope["path"] + ("?" + urlencode(query) if query else ""), status_code=303)
        response.set_cookie(TOKEN_COOKIE, given, httponly=True, samesite="strict", path="/")
        return response

    def _bounded(self, receive: Receive) -> Receive:
        """``receive`` that counts the body's bytes as they come (a chunked body declares no
        length) and gives it ``body_timeout`` seconds in all; after the body, it passes
        messages (a disconnect) through untimed."""
        limit, timeout = self.settings.max_request_bytes, self.settings.body_timeout
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        received, done = 0, False

        async def bounded_receive() -> Message:
            nonlocal received, done
            if done:
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                raise BodyRefused(408, f"the request's body did not arrive within {timeout:g} s") from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                done = not message.get("more_body", False)
                if received > limit:
                    raise BodyRefused(413, f"the request's body is over the {limit}-byte limit")
            else:
                done = True
            return message

        return bounded_receive


def _token(headers: Headers) -> str:
    scheme, _, value = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return headers.get("x-marsad-token", "")
