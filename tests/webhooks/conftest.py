"""A real HTTP receiver on loopback for the webhook tests, with its own Standard Webhooks
signature check written from the specification (not the code under test)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson
import pytest
from aiohttp import web

from tests.openapi.contract import checked


def verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """Standard Webhooks: key = base64 of what follows `whsec_`; the signature header holds
    space-separated `v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>`."""
    key = base64.b64decode(secret.split("_", 1)[1])
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    for candidate in headers["webhook-signature"].split(" "):
        version, _, sig = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(sig, expected):
            return True
    return False


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return orjson.loads(self.body)


@dataclass
class Receiver:
    url: str
    received: list[Received] = field(default_factory=list)
    # Statuses to answer with, in order; 200 once they run out.
    statuses: list[int] = field(default_factory=list)


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    box = Receiver(url="")

    async def hook(request: web.Request) -> web.Response:
        box.received.append(
            Received({k.lower(): v for k, v in request.headers.items()}, await request.read())
        )
        return web.Response(status=box.statuses.pop(0) if box.statuses else 200, text="ok")

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    box.url = f"http://127.0.0.1:{port}/hook"
    yield box
    await runner.cleanup()


@pytest.fixture(autouse=True)
def allow_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    # The receiver listens on loopback, which production refuses (see test_ssrf_*).
    monkeypatch.setenv("FIRSTLINE_WEBHOOKS_ALLOW_PRIVATE", "1")


# The API clients of tests/conftest.py, with every /api/v1 answer checked against the OpenAPI
# document (tests/openapi/contract.py): what the webhooks answer is what they document.
@pytest.fixture
def as_alice(as_alice: httpx.AsyncClient) -> httpx.AsyncClient:
    return checked(as_alice)


@pytest.fixture
def as_bob(as_bob: httpx.AsyncClient) -> httpx.AsyncClient:
    return checked(as_bob)


@pytest.fixture
def as_carol(as_carol: httpx.AsyncClient) -> httpx.AsyncClient:
    return checked(as_carol)
