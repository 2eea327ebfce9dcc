"""Sign-in tests' people and browsers: carol (agent, password set) signs in from her own
browser; attackers come from other addresses. Each `browser(address)` is an HTTP client of
the same app seen from that address, with its own cookies."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

import httpx
import pytest

from firstline.agents.actions import do_set_agent_password
from firstline.agents.models import Agent
from firstline.core.db import Database
from firstline.core.settings import Settings
from firstline.web.app import create_app
from tests.conftest import World

PASSWORD = "a long pass phrase of hers"


class Browser(Protocol):
    def __call__(self, address: str = "127.0.0.1") -> httpx.AsyncClient: ...


@pytest.fixture
def settings() -> Settings:
    # Small throttles, so that the tests reach them with few (slow, argon2) failures.
    return Settings(
        max_body_bytes=64 * 1024, dashboard_cache_seconds=0, bot=False,
        sign_in_failures_per_address=6, sign_in_failures_per_account=4,
    )  # fmt: skip


@pytest.fixture
async def carol_password(db: Database, world: World) -> str:
    async with db.transaction() as s:
        agent = await s.get(Agent, world.carol)
        assert agent is not None
        await do_set_agent_password(s, agent, PASSWORD, acting_agent_id=None)
    return PASSWORD


@pytest.fixture
async def browser(db: Database, settings: Settings) -> AsyncIterator[Browser]:
    app = create_app(settings, database=db)
    clients: list[httpx.AsyncClient] = []

    def make(address: str = "127.0.0.1") -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        client = httpx.AsyncClient(transport=transport, base_url="http://firstline.test")
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()
