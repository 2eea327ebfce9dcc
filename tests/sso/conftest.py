"""Fixtures of the SSO tests: the provider (one per test module) and clients of apps configured
with it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from firstline.agents.sso.oidc import RelyingParty
from firstline.core.db import Database
from firstline.core.settings import Settings
from firstline.web.app import create_app
from tests.sso.flow import BASE, REDIRECT, MakeClient
from tests.sso.provider import OidcProvider, running_provider


@pytest.fixture(scope="module")
def idp() -> Iterator[OidcProvider]:
    with running_provider(REDIRECT) as provider:
        yield provider


@pytest.fixture
async def make_client(db: Database) -> AsyncIterator[MakeClient]:
    """An HTTP client (a browser, as far as cookies go) for an app configured with providers."""
    clients: list[httpx.AsyncClient] = []

    async def make(
        *providers: dict[str, Any], relying_party: RelyingParty | None = None
    ) -> httpx.AsyncClient:
        settings = Settings(
            max_body_bytes=64 * 1024, dashboard_cache_seconds=0, bot=False,
            oidc_providers=json.dumps(list(providers)),
        )  # fmt: skip
        app = create_app(settings, database=db)
        if relying_party is not None:
            app.state.sso_relying_party = relying_party
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE)
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()
