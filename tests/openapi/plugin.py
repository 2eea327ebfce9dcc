"""`python -m pytest -p tests.openapi.plugin ...`: every in-process request of the run, in any
test directory, has its response checked against the app's OpenAPI document (contract.py).

tests/web/api and tests/openapi check their clients anyway; this extends the check to the
API calls the other directories' tests make (knowledge, flows, recovery, bot, webhooks...).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.openapi.contract import _CONTRACTS, CHECKED_PREFIXES, contract_for

_unchecked = httpx.ASGITransport.handle_async_request


async def _checked(self: httpx.ASGITransport, request: httpx.Request) -> httpx.Response:
    response = await _unchecked(self, request)
    if not isinstance(self.app, FastAPI) or not request.url.path.startswith(CHECKED_PREFIXES):
        return response
    content = await response.aread()
    copy = httpx.Response(
        response.status_code, headers=response.headers, content=content, request=request
    )
    contract_for(self.app).check(request.method, request.url.path, copy)
    return copy


def pytest_configure(config: pytest.Config) -> None:
    setattr(httpx.ASGITransport, "handle_async_request", _checked)  # noqa: B010


def pytest_terminal_summary(terminalreporter: Any) -> None:
    checked = sum(len(contract.checked) for contract in _CONTRACTS.values())
    terminalreporter.write_line(f"OpenAPI contract: {checked} responses checked")


def pytest_unconfigure(config: Any) -> None:
    setattr(httpx.ASGITransport, "handle_async_request", _unchecked)  # noqa: B010
