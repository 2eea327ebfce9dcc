"""The transactions docs/recovery.md offers to try in the demo find what the table says,
through the API, with the demo's recorded chain data and backoffice."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from firstline.core.settings import Settings
from firstline.recovery.chains.registry import forget_adapters
from tests.recovery.conftest import recorded_settings

pytestmark = pytest.mark.usefixtures("matrix")
U1001_EVM = "0x8ba1f109551bd432803012645ac136ddd64dba72"


@pytest.fixture
def settings(backoffice_url: str) -> Iterator[Settings]:
    yield recorded_settings(backoffice_url, bot=False)
    forget_adapters()


@pytest.mark.parametrize(
    ("network", "token", "tx_hash", "address", "cause", "path", "fee"),
    [
        ("ETH", "BNB", "0x7d1f4c2a9b3e8d6f0a5c4b3e2d1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f",
         U1001_EVM, "wrong_network", "direct", "24.00"),
        ("ETH", "DAI", "0x9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b",
         U1001_EVM, "unlisted_token", "conditional", "5.00"),
        ("ETH", "USDT", "0x1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809",
         "0xdac17f958d2ee523a2206206994597c13d831ec7", "sent_to_contract", None, None),
        ("ETH", "USDT", "0x4e3a3754410177e6937ef1f84bba68ea139e8d1a2258c5f85db9f1cd715a1bdd",
         U1001_EVM, "credited", None, None),
        ("XRP", "XRP", "C3F2A1B0D9E8F7A6B5C4D3E2F1A0B9C8D7E6F5A4B3C2D1E0F9A8B7C6D5E4F3A2",
         "rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh", "missing_memo", "direct", "120.00"),
        ("TRON", "USDT", "5f4e3d2c1b0a99887766554433221100ffeeddccbbaa99887766554433221100",
         "TN9RRaXkCFtTXRso2GdTZxSxxwufzxLQPP", "unlisted_token", "conditional", "5.00"),
        ("BTC", "BTC", "a1075db55d416d3ca199f55b6084e2115b9345e16c5cf302fc80e9d5fbf5d48d",
         "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "unconfirmed", None, None),
    ],
)  # fmt: skip
async def test_the_documented_demo_transactions(
    as_carol: httpx.AsyncClient,
    network: str,
    token: str,
    tx_hash: str,
    address: str,
    cause: str,
    path: str | None,
    fee: str | None,
) -> None:
    r = await as_carol.post(
        "/api/v1/recovery/cases",
        json={"network": network, "token": token, "tx_hash": tx_hash, "address": address,
              "email": "linh@example.com"},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    case = r.json()
    assert (case["cause"], case["path"]) == (cause, path), case["notes"]
    assert (case["fee"] or {}).get("amount") == fee
