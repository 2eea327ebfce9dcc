"""Every response of the API tests here is checked against the OpenAPI document
(tests/openapi/contract.py): a response that drifts from it fails the test that got it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.openapi.contract import checked


@pytest.fixture
async def api(api: httpx.AsyncClient) -> AsyncIterator[httpx.AsyncClient]:
    async with checked(api) as client:
        yield client
