"""Two real EVM chains for the recovery desk (tests/recovery/chain.py), served over JSON-RPC
for the whole session: chain A plays Ethereum ("ETH"), chain B BNB Smart Chain ("BSC"). The
demo backoffice (tests/flows/conftest.py) says whose addresses are whose.

- `settings`: the app reads both chains live (3 confirmations) and asks the demo backoffice.
- `matrix`: the demo support matrix, stored through the API as an admin (Alice).
- `u1001`: the demo customer's EVM deposit address, issued for ETH (and two other networks,
  not BSC).
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import orjson
import pytest

from firstline.core.settings import Settings
from firstline.demo.recovery import demo_matrix
from firstline.recovery.chains.registry import forget_adapters
from tests.flows.conftest import SECRET, backoffice_url, demo  # noqa: F401  (fixtures)
from tests.recovery.chain import TestChain, served

CONFIRMATIONS = 3
U1001 = "0x8ba1f109551bd432803012645ac136ddd64dba72"
U1002 = "0x2f62f2b4c5fcd7570a709dec05d68ea19c82a9ec"


@pytest.fixture(scope="session")
def chain_a() -> Iterator[TestChain]:
    with served(TestChain(), "chain-a") as chain:
        yield chain


@pytest.fixture(scope="session")
def chain_b() -> Iterator[TestChain]:
    with served(
        TestChain(mnemonic="test test test test test test test test test test test junk"), "chain-b"
    ) as chain:
        yield chain


@pytest.fixture
def settings(backoffice_url: str, chain_a: TestChain, chain_b: TestChain) -> Iterator[Settings]:  # noqa: F811
    chains = {
        "ETH": {"rpc_url": chain_a.url, "confirmations": CONFIRMATIONS, "block_seconds": 12},
        "BSC": {"rpc_url": chain_b.url, "confirmations": CONFIRMATIONS, "block_seconds": 3},
    }
    yield Settings(
        max_body_bytes=64 * 1024,
        dashboard_cache_seconds=0,
        bot=False,
        backoffice_url=backoffice_url,
        backoffice_secret=SECRET,
        recovery_chains=orjson.dumps(chains).decode(),
    )
    forget_adapters()


def recorded_settings(backoffice: str, *, bot: bool) -> Settings:
    """The app reading the demo's recorded chain data instead of the test chains."""
    from firstline.demo.recovery import demo_chain_file

    return Settings(
        max_body_bytes=64 * 1024, dashboard_cache_seconds=0, bot=bot,
        backoffice_url=backoffice, backoffice_secret=SECRET,
        recovery_recorded=str(demo_chain_file()),
    )  # fmt: skip


@pytest.fixture
async def matrix(as_alice: httpx.AsyncClient) -> None:
    r = await as_alice.put("/api/v1/recovery/matrix", json={"rows": demo_matrix()})
    assert r.status_code == 200, r.text
