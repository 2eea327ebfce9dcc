"""Responses checked against the OpenAPI document, as they happen.

`checked(client)` gives a client for the same app whose every /api/v1, /chat/api and /healthz
response is matched to its operation in the app's own document and checked there: its status
must be documented, its media type must be the documented one, and its body must validate
against the schema (JSON Schema 2020-12, `$ref`s resolved in the document, `date-time`
formats checked). A mismatch fails the request that caused it with a ContractError that says
what drifted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import FastAPI
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DOCUMENT_URI = "urn:firstline:openapi"
# Every path the document describes: the REST API, the chat widget's API, the health check.
CHECKED_PREFIXES = ("/api/v1/", "/chat/api/", "/healthz")


class ContractError(AssertionError):
    """A response the OpenAPI document does not describe."""


def _pointer(*parts: str) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


@dataclass
class Operation:
    method: str
    path: str
    pattern: re.Pattern[str]
    spec: dict[str, Any]


@dataclass
class Contract:
    """An OpenAPI document, ready to check responses against."""

    document: dict[str, Any]
    operations: list[Operation] = field(default_factory=list)
    checked: list[tuple[str, str, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        resource = Resource.from_contents(self.document, default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(DOCUMENT_URI, resource)
        self._validators: dict[str, Draft202012Validator] = {}
        for path, methods in self.document["paths"].items():
            regex = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$"
            for method, spec in methods.items():
                self.operations.append(Operation(method.upper(), path, re.compile(regex), spec))
        # A literal segment wins over a parameter (/recovery/cases/bulk before .../{case_id}).
        self.operations.sort(key=lambda op: op.path.count("{"))

    def operation(self, method: str, path: str) -> Operation | None:
        for op in self.operations:
            if op.method == method and op.pattern.match(path):
                return op
        return None

    def _validator(self, op: Operation, status: str, media: str) -> Draft202012Validator:
        ref = "#/" + _pointer("paths", op.path, op.method.lower(), "responses", status)
        ref += "/" + _pointer("content", media, "schema")
        if ref not in self._validators:
            self._validators[ref] = Draft202012Validator(
                {"$ref": DOCUMENT_URI + ref},
                registry=self._registry,
                format_checker=Draft202012Validator.FORMAT_CHECKER,
            )
        return self._validators[ref]

    def errors_in(self, instance: Any, component: str) -> list[str]:
        """What keeps `instance` from being a valid `component` schema of the document."""
        ref = "#/" + _pointer("components", "schemas", component)
        validator = Draft202012Validator(
            {"$ref": DOCUMENT_URI + ref},
            registry=self._registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )
        return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(instance)]

    def check(self, method: str, path: str, response: httpx.Response) -> None:
        """Raise ContractError unless the document describes `response` to `method path`."""
        op = self.operation(method, path)
        where = f"{method} {path} answered {response.status_code}"
        if op is None:
            if response.status_code in (404, 405):
                return  # no such endpoint (or method): outside what the document describes
            raise ContractError(f"{where}, but the document has no such operation.")
        responses = op.spec.get("responses", {})
        status = str(response.status_code)
        if status not in responses:
            raise ContractError(
                f"{where}, which {op.spec['operationId']} does not document "
                f"(it documents {', '.join(responses)}): {response.text[:300]}"
            )
        content = responses[status].get("content")
        if not content:
            if response.content:
                raise ContractError(f"{where} with a body, but the document says none.")
            self.checked.append((method, op.path, response.status_code))
            return
        media = response.headers.get("content-type", "").split(";")[0].strip()
        if media not in content:
            raise ContractError(f"{where} as {media!r}; the document says {', '.join(content)}.")
        if not media.endswith("json"):  # a download (text/csv): its media type is the contract
            self.checked.append((method, op.path, response.status_code))
            return
        body = json.loads(response.content)
        errors = sorted(
            self._validator(op, status, media).iter_errors(body), key=lambda e: list(e.path)
        )
        if errors:
            lines = [f"- at {'/'.join(map(str, e.path)) or '(top)'}: {e.message}" for e in errors]
            raise ContractError(
                f"{where}; the body does not match the document's schema:\n" + "\n".join(lines[:10])
            )
        self.checked.append((method, op.path, response.status_code))


_CONTRACTS: dict[tuple[tuple[str, str], ...], Contract] = {}


def contract_for(app: FastAPI) -> Contract:
    """The app's document as a Contract; built once per set of routes, as apps are per test."""
    key = tuple(
        sorted((getattr(r, "path", ""), repr(getattr(r, "methods", ""))) for r in app.routes)
    )
    if key not in _CONTRACTS:
        _CONTRACTS[key] = Contract(app.openapi())
    return _CONTRACTS[key]


class CheckedTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport, contract: Contract) -> None:
        self.inner = inner
        self.contract = contract

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if not request.url.path.startswith(CHECKED_PREFIXES):
            return response
        content = await response.aread()
        copy = httpx.Response(
            response.status_code, headers=response.headers, content=content, request=request
        )
        self.contract.check(request.method, request.url.path, copy)
        return copy


def checked(client: httpx.AsyncClient) -> httpx.AsyncClient:
    """A client like `client` (same app, base URL and headers) whose /api/v1 responses are
    checked against the app's OpenAPI document."""
    transport = client._transport
    if isinstance(transport, CheckedTransport):
        return client
    assert isinstance(transport, httpx.ASGITransport), transport
    app = transport.app
    assert isinstance(app, FastAPI), app
    return httpx.AsyncClient(
        transport=CheckedTransport(transport, contract_for(app)),
        base_url=client.base_url,
        headers=client.headers,
    )
