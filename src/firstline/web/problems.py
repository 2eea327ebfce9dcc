"""Errors as RFC 9457 problem documents, each with a sentence that says what to fix.

`Problem` describes them in the OpenAPI document (`application/problem+json`); web/app.py adds
the responses every operation can give (401, 404, 422, ...) and a route declares the rest with
`problem_responses(...)`.

Also the request-size guard: bodies over the limit are refused with 413 before any of them is
parsed, whether or not the client sent a Content-Length.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from firstline.core.errors import FirstlineError
from firstline.core.i18n import t
from firstline.core.language import DEFAULT_LANGUAGE, normalize_locale
from firstline.web.responses import ProblemJSON

_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Invalid input",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}


class FieldError(BaseModel):
    """One invalid part of a request, as the validation handler reports it."""

    field: str = Field(description="Where: a dotted path into the body, or a parameter's name.")
    message: str = Field(description="A sentence that says what to fix.")
    type: str | None = Field(description="The kind of error (`missing`, `string_too_long`, ...).")


class Problem(BaseModel):
    """An RFC 9457 problem document: every refusal of the API has this shape."""

    # Extension members (`errors`, and e.g. `retry_after` and `code` on a 429) are allowed.
    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "type": "about:blank",
                    "title": "Invalid input",
                    "status": 422,
                    "detail": "body is required.",
                    "errors": [
                        {"field": "body", "message": "body is required.", "type": "missing"}
                    ],
                },
                {
                    "type": "about:blank",
                    "title": "Not found",
                    "status": 404,
                    "detail": "Conversation 42 does not exist or is not visible to you.",
                },
            ]
        },
    )

    type: str = Field(description="Always `about:blank`: the status code says what happened.")
    title: str = Field(description="The status code's name, e.g. `Not found`.")
    status: int = Field(description="The HTTP status code of the response.")
    detail: str = Field(description="A sentence that says what went wrong and what to fix.")
    instance: str | None = Field(
        default=None, description="Reserved by RFC 9457; Firstline does not send it today."
    )
    errors: list[FieldError | str] | None = Field(
        default=None,
        description="On 422: each invalid part. Request validation gives objects; the checks "
        "of flows and recovery give one `field: problem` string each.",
    )


# What each refusal means, as the OpenAPI document says it.
PROBLEM_DESCRIPTIONS = {
    401: "Unauthorized: no token, or one that is not valid.",
    403: "Forbidden: your role may not do this, or a console change came without its CSRF token.",
    404: "Not found, or not visible to you.",
    409: "Conflict with the current state.",
    413: "Content too large.",
    415: "Unsupported media type.",
    422: "Invalid input: `detail` says what to fix, `errors` lists each part.",
    429: "Too many requests: come back after Retry-After seconds.",
    503: "Service unavailable: nothing was written; retry after Retry-After seconds.",
}


def problem_responses(*refusals: int | tuple[int, str]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for the problem documents a route gives beyond those web/openapi.py
    adds wherever they apply (401, 404 with a path parameter, 422 with input, 413 with a body).
    A refusal is a status, or a status and what it means for this route."""
    out: dict[int | str, dict[str, Any]] = {}
    for refusal in refusals:
        status, why = refusal if isinstance(refusal, tuple) else (refusal, "")
        out[status] = {"description": why or PROBLEM_DESCRIPTIONS.get(status, "Error")}
    return out


def problem(status: int, detail: str, **extra: Any) -> ProblemJSON:
    body = {"type": "about:blank", "title": _TITLES.get(status, "Error"), "status": status}
    body["detail"] = detail
    body.update(extra)
    headers = None
    if status == 401:
        headers = {"WWW-Authenticate": "Bearer"}
    elif status == 503:
        headers = {"Retry-After": "1"}
    return ProblemJSON(body, status_code=status, headers=headers)


def reader_language(request: Request) -> str:
    """The language a problem's sentence is written in: the first language of the request's
    Accept-Language that the product serves (the console sends its own), else English."""
    header = request.headers.get("accept-language", "")
    for part in header.split(",")[:10]:
        language = normalize_locale(part.split(";")[0])
        if language:
            return language
    return DEFAULT_LANGUAGE


def scope_language(scope: Scope) -> str:
    """reader_language for middleware, which holds the ASGI scope rather than a Request."""
    return reader_language(Request(scope))


def translated_problem(scope: Scope, status: int, key: str, **args: object) -> ProblemJSON:
    """A problem document whose sentence is errors.`key` in the reader's language."""
    language = scope_language(scope)
    response = problem(status, t(f"errors.{key}", language, **args))
    response.headers["Content-Language"] = language
    return response


def _where(loc: tuple[Any, ...]) -> str | None:
    """The field's path as the API names it ("calendar.timezone"); None for the whole body."""
    if loc and loc[0] in ("body", "query", "path", "header"):
        loc = loc[1:]
    parts = [str(p) for p in loc]
    return ".".join(parts) if parts else None


# Pydantic's error types and the message of the errors catalog that says each.
_LIMITS = {
    "greater_than_equal": ("at_least", "ge"),
    "greater_than": ("more_than", "gt"),
    "less_than_equal": ("at_most", "le"),
    "less_than": ("less_than", "lt"),
}
_KINDS = {
    "int_parsing": "whole_number",
    "int_type": "whole_number",
    "int_from_float": "whole_number",
    "float_parsing": "number",
    "float_type": "number",
    "bool_parsing": "true_or_false",
    "bool_type": "true_or_false",
    "list_type": "list",
    "string_type": "text",
    "model_attributes_type": "object",
    "dict_type": "object",
    "datetime_parsing": "datetime",
    "datetime_from_date_parsing": "datetime",
    "datetime_type": "datetime",
}


def _sentence(err: dict[str, Any], language: str) -> str:
    kind = err.get("type", "")
    where = _where(tuple(err.get("loc", ())))
    field = where if where is not None else t("errors.the_body", language)
    ctx = err.get("ctx") or {}
    given = err.get("input")

    def say(name: str, **args: object) -> str:
        return t(f"errors.{name}", language, field=field, **args)

    if kind == "missing":
        return say("required")
    if kind == "json_invalid":
        return t("errors.json_invalid", language, error=str(ctx.get("error", "parse error")))
    if kind in ("enum", "literal_error"):
        return say("one_of", expected=str(ctx.get("expected", "")), given=repr(given))
    if kind == "extra_forbidden":
        return say("unknown_field")
    if kind == "string_too_short":
        shortest = ctx.get("min_length", 1)
        if shortest == 1:
            return say("empty")
        return say("too_short", min=shortest)
    if kind == "string_too_long":
        return say("too_long", max=ctx.get("max_length", 0))
    if kind == "string_pattern_mismatch":
        return say("bad_format", given=repr(given))
    if kind in _LIMITS:
        name, bound = _LIMITS[kind]
        limit = ctx.get(bound)
        if isinstance(limit, int | float):
            return say(name, limit=limit)
    if kind in _KINDS:
        return say(_KINDS[kind])
    if kind == "value_error":
        return say("invalid", reason=str(ctx.get("error", err.get("msg"))))
    return say("invalid", reason=str(err.get("msg", "invalid value")))


def _clean(err: dict[str, Any], language: str) -> dict[str, Any]:
    where = _where(tuple(err.get("loc", ())))
    return {
        "field": where if where is not None else "request body",
        "message": _sentence(err, language),
        "type": err.get("type"),
    }


def _language_header(response: ProblemJSON, language: str) -> ProblemJSON:
    response.headers["Content-Language"] = language
    return response


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(FirstlineError)
    async def _domain(request: Request, exc: FirstlineError) -> ProblemJSON:
        if exc.message is None:
            return problem(exc.status, exc.detail, **exc.extra)
        language = reader_language(request)
        response = problem(exc.status, exc.in_language(language), **exc.extra)
        return _language_header(response, language)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> ProblemJSON:
        language = reader_language(request)
        errors = [_clean(e, language) for e in exc.errors()]
        if any(e["type"] == "json_invalid" for e in errors):
            errors = [e for e in errors if e["type"] == "json_invalid"][:1]
        detail = " ".join(e["message"] for e in errors[:5])
        return _language_header(problem(422, detail, errors=errors), language)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> ProblemJSON:
        language = reader_language(request)
        path = request.url.path
        if exc.status_code == 404:
            detail = t("errors.no_endpoint", language, method=request.method, path=path)
        elif exc.status_code == 405:
            detail = t("errors.method_not_allowed", language, method=request.method, path=path)
        elif exc.status_code == 400:
            # The framework could not read the body (broken multipart, an unparsable form):
            # that is the body's fault, said like every other invalid input.
            detail = t("errors.body_unreadable", language, reason=str(exc.detail))
            return _language_header(problem(422, detail), language)
        else:
            return problem(exc.status_code, str(exc.detail))
        return _language_header(problem(exc.status_code, detail), language)


class BodyLimitMiddleware:
    """Refuse request bodies larger than `max_bytes` with 413, counting what actually arrives."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        upload_bytes: int | None = None,
        upload_paths: re.Pattern[str] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # File uploads (attachments) take up to `upload_bytes` on the paths that accept them.
        self.upload_bytes = upload_bytes or max_bytes
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        limit = self.max_bytes
        if self.upload_paths is not None and self.upload_paths.fullmatch(scope["path"]):
            limit = self.upload_bytes
        await self._limited(scope, receive, send, limit)

    async def _limited(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > limit:
                    await self._refuse(scope, receive, send, limit)
                    return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            chunk = msg.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._refuse(scope, receive, send, limit)
                return
            chunks.append(chunk)
            more = msg.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        # FIRSTLINE_MAX_BODY_BYTES sets the limit (FIRSTLINE_ATTACHMENT_MAX_BYTES for uploads).
        response = translated_problem(scope, 413, "body_too_large", limit=limit)
        await response(scope, receive, send)
