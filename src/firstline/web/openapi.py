"""The OpenAPI document, made to say what the API really answers.

FastAPI's own document advertises its validation error for 422 and knows nothing of the
problem documents (RFC 9457) that every refusal really is. `build_openapi` replaces those with
the `Problem` schema (`application/problem+json`) and adds to each operation the refusals it
can give whatever it does:

- 401 on every operation that needs a token (and 403 on the changes among them: a console
  session's change without its CSRF token);
- 404 on every operation with a path parameter (what the caller may not see is "not found");
- 422 on every operation that takes parameters or a body;
- 413 on every operation that may carry a body (POST, PUT, PATCH);
- 503 on every write (the database stayed locked by another writer; nothing was written).

Anything else (403 for a role, 409, 415, 503, a 404 without a path parameter) a route declares
itself with `problem_responses(...)` from web/problems.py.

Operation ids are camelCase verb + noun (`listConversations`, `postMessage`), given with
`operation_id=` on every route so that renaming a Python function changes nothing for clients
generated from the document. A route without one gets the method and its path words
(`getApiV1TeamsByTeamId`), which is as stable as the URL itself.
"""

from __future__ import annotations

import re
from typing import Any, get_args

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic import BaseModel

from firstline.web.problems import PROBLEM_DESCRIPTIONS, Problem

PROBLEM_REF = "#/components/schemas/Problem"
OPERATION_ID = re.compile(r"^[a-z]+(?:[A-Z0-9][a-z0-9]*)*$")

_HEADERS = {
    401: {"WWW-Authenticate": {"schema": {"type": "string"}, "description": "`Bearer`"}},
    429: {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}},
    503: {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}},
}
# FastAPI's validation error, which the API never sends (web/problems.py answers instead).
_FASTAPI_ONLY = ("HTTPValidationError", "ValidationError")


def fallback_operation_id(route: APIRoute) -> str:
    """The method and the path's words in camelCase, a parameter as `By<Name>`, for a route
    that names no operation."""
    words: list[str] = []
    for segment in route.path_format.split("/"):
        if segment.startswith("{"):
            words.append("by")
        words += [word for word in re.split(r"[^A-Za-z0-9]+", segment) if word]
    method = sorted(route.methods or {"get"})[0].lower()
    return method + "".join(word[0].upper() + word[1:] for word in words)


def _problem_content() -> dict[str, Any]:
    return {"application/problem+json": {"schema": {"$ref": PROBLEM_REF}}}


def _refusals(method: str, operation: dict[str, Any], authenticated: bool) -> set[int]:
    statuses = {int(code) for code in operation.get("responses", {}) if code[0] in "45"}
    parameters = operation.get("parameters", [])
    if authenticated:
        statuses.add(401)
        if method != "get":
            statuses.add(403)
    if any(p.get("in") == "path" for p in parameters):
        statuses.add(404)
    if parameters or "requestBody" in operation:
        statuses.add(422)
    if method in ("post", "put", "patch"):
        statuses.add(413)
    if method != "get":
        # A write waits for SQLite's write lock at most a few seconds (core/db.py).
        statuses.add(503)
    return statuses


def _models(route: APIRoute) -> list[type[BaseModel]]:
    found: list[Any] = [route.response_model]
    found += [r.get("model") for r in route.responses.values() if isinstance(r, dict)]
    if route.body_field is not None:
        found.append(route.body_field.field_info.annotation)
    found += [arg for model in found for arg in get_args(model)]
    return [m for m in found if isinstance(m, type) and issubclass(m, BaseModel)]


def _restore_examples(app: FastAPI, schemas: dict[str, Any]) -> None:
    # FastAPI leaves null members out of the whole document, examples' included, which makes
    # an example of `"subject": null` lack a required field; put the examples back as written.
    for route in app.routes:
        if isinstance(route, APIRoute):
            for model in _models(route):
                extra = model.model_config.get("json_schema_extra")
                if isinstance(extra, dict) and "examples" in extra and model.__name__ in schemas:
                    schemas[model.__name__]["examples"] = extra["examples"]


def build_openapi(app: FastAPI, public_paths: frozenset[str]) -> dict[str, Any]:
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    components = schema.setdefault("components", {})
    components["securitySchemes"] = {
        "HTTPBearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "A token from `firstline token create --email AGENT_EMAIL`.",
        }
    }
    schemas = components.setdefault("schemas", {})
    for name in _FASTAPI_ONLY:
        schemas.pop(name, None)
    _restore_examples(app, schemas)
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(problem.pop("$defs", {}))
    schemas["Problem"] = problem
    for path, operations in schema["paths"].items():
        authenticated = path.startswith("/api/") and path not in public_paths
        for method, operation in operations.items():
            if authenticated:
                operation["security"] = [{"HTTPBearer": []}]
            responses = operation.setdefault("responses", {})
            for status in sorted(_refusals(method, operation, authenticated)):
                description = responses.get(str(status), {}).get("description", "")
                if not description or description == "Validation Error":
                    description = PROBLEM_DESCRIPTIONS.get(status, "Error")
                response: dict[str, Any] = {
                    "description": description,
                    "content": _problem_content(),
                }
                if status in _HEADERS:
                    response["headers"] = _HEADERS[status]
                responses[str(status)] = response
            operation["responses"] = dict(sorted(responses.items()))
    return schema
