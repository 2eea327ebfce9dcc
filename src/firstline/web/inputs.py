"""Rules every request's input meets before a route sees it, so that no input gives a 5xx.

They apply to every route at once, present and future, rather than route by route:

- Integers in the path and the query string are 32-bit. Ids are 32-bit integers in PostgreSQL
  (and 64-bit at most in SQLite): a larger one names no row, and the database driver refuses
  to send it at all, which used to answer 500. `bound_integer_parameters(app)` gives every
  integer path and query parameter without an upper bound the signed 32-bit range, so the
  OpenAPI document says it too; a path id out of range answers 404 (nothing has that id),
  a query parameter out of range 422. Ids in bodies use `RecordId` (core/types.py).
- Text never contains NUL (U+0000): PostgreSQL cannot store it and no person types it.
  `NulRefusal` answers 422 with a sentence when the path, the query string or a JSON or form
  body carries one (file uploads are bytes and keep theirs).
- A body that is not UTF-8 is refused like any body that is not JSON (422), where FastAPI
  would say 400 "There was an error parsing the body".
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import json
from typing import Any, get_args
from urllib.parse import parse_qsl, unquote_to_bytes

from annotated_types import Ge, Le
from fastapi import FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from firstline.core.errors import FirstlineError, NotFound
from firstline.core.i18n import t
from firstline.core.types import MAX_ID, MIN_ID
from firstline.web.problems import problem, reader_language

# FastAPI's sentence for a body it could not decode (not UTF-8).
_UNDECODABLE = "There was an error parsing the body"
_RANGE_ERRORS = ("less_than_equal", "greater_than_equal", "less_than", "greater_than")


def _is_integer(annotation: Any) -> bool:
    return annotation is int or (int in get_args(annotation) and str not in get_args(annotation))


def _bounded(field: Any) -> Any:
    info = field.field_info
    if not _is_integer(info.annotation) or any(isinstance(m, Le) for m in info.metadata):
        return field
    info = copy.copy(info)
    info.metadata = [*info.metadata, Le(MAX_ID)]
    if not any(isinstance(m, Ge) for m in info.metadata):
        info.metadata.append(Ge(MIN_ID))
    # A new field builds its validator from the new metadata.
    return dataclasses.replace(field, field_info=info)


def _bound(dependant: Dependant) -> None:
    dependant.path_params[:] = [_bounded(f) for f in dependant.path_params]
    dependant.query_params[:] = [_bounded(f) for f in dependant.query_params]
    for sub in dependant.dependencies:
        _bound(sub)


def bound_integer_parameters(app: FastAPI) -> None:
    """Give every integer path and query parameter of the app's routes the 32-bit range; call
    once all routes are added."""
    for route in app.routes:
        if isinstance(route, APIRoute):
            _bound(route.dependant)


async def _answer(handler: Any, request: Request, exc: Exception) -> Response:
    response = handler(request, exc)
    if inspect.isawaitable(response):
        response = await response
    assert isinstance(response, Response)
    return response


def install_input_rules(app: FastAPI) -> None:
    """Add `NulRefusal` and the answers above to an app whose problem handlers are installed
    (web/problems.py), before the body limit so that the limit applies first."""
    domain = app.exception_handlers[FirstlineError]
    validation = app.exception_handlers[RequestValidationError]
    http = app.exception_handlers[StarletteHTTPException]

    async def _validation(request: Request, exc: Exception) -> Any:
        assert isinstance(exc, RequestValidationError)
        for err in exc.errors():
            loc = err.get("loc", ())
            if len(loc) == 2 and loc[0] == "path" and err.get("type") in _RANGE_ERRORS:
                missing = NotFound(
                    message="no_such_id", args={"field": str(loc[1]), "id": str(err["input"])}
                )
                return await _answer(domain, request, missing)
        return await _answer(validation, request, exc)

    async def _http(request: Request, exc: Exception) -> Any:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 400 and exc.detail == _UNDECODABLE:
            language = reader_language(request)
            sentence = t("errors.json_invalid", language, error="not UTF-8 text")
            error = {"field": "request body", "message": sentence, "type": "json_invalid"}
            response = problem(422, sentence, errors=[error])
            response.headers["Content-Language"] = language
            return response
        return await _answer(http, request, exc)

    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_middleware(NulRefusal)


def _nul_in(value: Any, where: str) -> str | None:
    """The dotted path of the first string (or key) in a JSON value that holds a NUL."""
    if isinstance(value, str):
        return where if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            inner = f"{where}.{key}" if where else str(key)
            if "\x00" in key:
                return inner
            found = _nul_in(item, inner)
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _nul_in(item, f"{where}.{index}" if where else str(index))
            if found is not None:
                return found
    return None


def _nul_in_form(raw: bytes) -> str | None:
    for key, value in parse_qsl(raw.decode("latin-1"), keep_blank_values=True):
        if "\x00" in key or "\x00" in value:
            return key.replace("\x00", "") or "request body"
    return None


def _media_type(scope: Scope) -> str:
    for name, value in scope["headers"]:
        if name == b"content-type":
            return str(value.decode("latin-1")).split(";")[0].strip().lower()
    return ""


class NulRefusal:
    """Refuse NUL (U+0000) in the path, the query string and JSON or form bodies with 422."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_path = scope.get("raw_path") or scope["path"].encode()
        if b"\x00" in unquote_to_bytes(raw_path):
            await self._refuse(scope, receive, send, "path")
            return
        query = scope.get("query_string", b"")
        if b"%00" in query or b"\x00" in query:
            found = _nul_in_form(query)
            if found is not None:
                await self._refuse(scope, receive, send, found)
                return
        media = _media_type(scope)
        form = media == "application/x-www-form-urlencoded"
        if not (form or media == "application/json" or media.endswith("+json")):
            await self.app(scope, receive, send)
            return
        # The body limit outside this middleware has bounded what is read here.
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        found = None
        if form and (b"%00" in body or b"\x00" in body):
            found = _nul_in_form(body)
        elif not form and b"\\u0000" in body:
            try:
                found = _nul_in(json.loads(body), "")
            except ValueError:
                found = None  # not JSON: the route's validation says so
            if found == "":
                found = "request body"
        if found is not None:
            await self._refuse(scope, receive, send, found)
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, field: str) -> None:
        language = reader_language(Request(scope))
        sentence = t("errors.nul_character", language, field=field)
        error = {"field": field, "message": sentence, "type": "nul_character"}
        response = problem(422, sentence, errors=[error])
        response.headers["Content-Language"] = language
        await response(scope, receive, send)
