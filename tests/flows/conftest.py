"""The demo backoffice, served for real over HTTP (uvicorn in a thread, on a free port), and a
runner with the built-in flows that calls it.

- `backoffice_url`: the server, one for the whole session.
- `demo`: its data, back to the seed before each test (accounts, outbox, tokens).
- `runner`: FlowRunner(built-in flows, a signed client for that server).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from firstline.demo.backoffice import DemoBackoffice, create_demo_backoffice
from firstline.flows.backoffice import BackofficeClient
from firstline.flows.registry import builtin_flows
from firstline.flows.runner import FlowRunner
from tests.live import in_thread

SECRET = "demo-backoffice-test-secret"
_app = create_demo_backoffice(SECRET)


@pytest.fixture(scope="session")
def backoffice_url() -> Iterator[str]:
    with in_thread(_app, "demo-backoffice") as url:
        yield url


@pytest.fixture
def demo(backoffice_url: str) -> DemoBackoffice:
    data: DemoBackoffice = _app.state.backoffice
    data.reset()
    return data


@pytest.fixture
async def client(backoffice_url: str) -> AsyncIterator[BackofficeClient]:
    bo = BackofficeClient(backoffice_url, SECRET, timeout=5)
    yield bo
    await bo.aclose()


@pytest.fixture
def runner(client: BackofficeClient, demo: DemoBackoffice) -> FlowRunner:
    return FlowRunner(builtin_flows(), client)
