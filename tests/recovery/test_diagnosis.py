"""Each diagnosis of a real transaction on the two test chains, through POST
/api/v1/recovery/cases: the EVM adapter reads the chain over JSON-RPC, the demo backoffice
says whose addresses they are, the demo matrix and the default fee policy price it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from firstline.demo.backoffice import DemoBackoffice
from tests.recovery.chain import TestChain
from tests.recovery.conftest import CONFIRMATIONS, U1001, U1002

pytestmark = pytest.mark.usefixtures("matrix")
ETH = 10**18


def claim(tx_hash: str, **extra: Any) -> dict[str, Any]:
    return {
        "network": "ETH", "token": "ETH", "tx_hash": tx_hash, "amount": "1",
        "address": U1001, "external_user_id": "u_1001", "language": "vi", **extra,
    }  # fmt: skip


async def open_case(api: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    r = await api.post("/api/v1/recovery/cases", json=body)
    assert r.status_code == 201, r.text
    return dict(r.json())


async def test_a_correct_deposit_not_credited_is_credited_directly_without_fee(
    as_carol: httpx.AsyncClient, chain_a: TestChain
) -> None:
    tx = chain_a.send(chain_a.accounts[0], U1001, 2 * ETH)
    chain_a.mine(CONFIRMATIONS)
    case = await open_case(as_carol, claim(tx, amount="2"))
    assert (case["cause"], case["eligible"], case["path"]) == ("not_credited", True, "direct")
    assert case["fee"]["amount"] == "0.00"
    assert case["state"] == "approved"  # nothing to accept: straight to the team to credit
    assert case["found"] == {
        "network": "ETH", "token": "ETH", "contract": None, "amount": "2", "value": "6000.00",
        "currency": "USD",
    }  # fmt: skip
    assert case["language"] == "vi"


async def test_a_token_whose_contract_is_not_listed(
    as_carol: httpx.AsyncClient, chain_a: TestChain
) -> None:
    token = chain_a.deploy_token(chain_a.accounts[0])
    tx = chain_a.transfer_token(chain_a.accounts[0], token, U1001, 250 * 10**18)
    chain_a.mine(CONFIRMATIONS)
    case = await open_case(as_carol, claim(tx, token="PEPE", amount="250"))
    assert (case["cause"], case["eligible"], case["path"]) == (
        "unlisted_token",
        True,
        "conditional",
    )
    assert case["found"]["contract"] == token
    # No reference price for an unlisted token: the minimum fee, for the customer to accept.
    assert case["fee"]["amount"] == "5.00"
    assert case["state"] == "awaiting_customer"


async def test_tokens_sent_to_a_contract_are_not_eligible(
    as_carol: httpx.AsyncClient, chain_a: TestChain
) -> None:
    token = chain_a.deploy_token(chain_a.accounts[0])
    # The classic mistake: pasting the token's own contract address as the recipient.
    tx = chain_a.transfer_token(chain_a.accounts[0], token, token, 10**18)
    chain_a.mine(CONFIRMATIONS)
    case = await open_case(as_carol, claim(tx, token="PEPE", address=token))
    assert (case["cause"], case["eligible"], case["path"]) == ("sent_to_contract", False, None)
    assert case["fee"] is None
    assert (case["state"], case["reason"]) == ("rejected", "sent_to_contract")


async def test_a_deposit_on_the_wrong_chain_is_found_there(
    as_carol: httpx.AsyncClient, chain_b: TestChain
) -> None:
    # u_1001's address was given for ETH; they sent on BSC (chain B) and say ETH.
    tx = chain_b.send(chain_b.accounts[0], U1001, ETH)
    chain_b.mine(CONFIRMATIONS)
    case = await open_case(as_carol, claim(tx, token="BNB"))
    assert (case["cause"], case["eligible"], case["path"]) == ("wrong_network", True, "direct")
    assert (case["claim"]["network"], case["found"]["network"]) == ("ETH", "BSC")
    assert (case["found"]["token"], case["found"]["value"]) == ("BNB", "600.00")
    assert case["fee"]["amount"] == "30.00"  # 5% of 600 USD, within 5..500
    assert case["state"] == "awaiting_customer"


async def test_an_unconfirmed_deposit_says_how_long_to_wait(
    as_carol: httpx.AsyncClient, chain_a: TestChain
) -> None:
    tx = chain_a.send(chain_a.accounts[0], U1001, ETH)  # mined into one block: 1 of 3
    case = await open_case(as_carol, claim(tx))
    assert (case["cause"], case["eligible"], case["advice"]) == (
        "unconfirmed", False, "wait_confirmations",
    )  # fmt: skip
    assert case["wait_seconds"] == 2 * 12 + 1
    assert case["state"] == "rejected"


async def test_a_withdrawal_is_not_a_deposit(
    as_carol: httpx.AsyncClient, chain_a: TestChain, demo: DemoBackoffice
) -> None:
    hot = chain_a.accounts[5]
    demo.addresses.append({"kind": "hot_wallet", "address": hot.lower(), "networks": ["ETH"]})
    tx = chain_a.send(hot, chain_a.accounts[1], ETH)
    chain_a.mine(CONFIRMATIONS)
    case = await open_case(as_carol, claim(tx, address=chain_a.accounts[1].lower()))
    assert (case["cause"], case["eligible"]) == ("withdrawal", False)


async def test_someone_elses_address_is_not_eligible(
    as_carol: httpx.AsyncClient, chain_a: TestChain
) -> None:
    tx = chain_a.send(chain_a.accounts[0], U1002, ETH)
    chain_a.mine(CONFIRMATIONS)
    case = await open_case(as_carol, claim(tx, address=U1002))
    assert (case["cause"], case["eligible"], case["advice"]) == (
        "not_own_address", False, "contact_recipient",
    )  # fmt: skip
    # An unknown wallet (not ours, not a contract) is not eligible either.
    tx = chain_a.send(chain_a.accounts[0], chain_a.accounts[2], ETH)
    chain_a.mine(CONFIRMATIONS)
    case = await open_case(as_carol, claim(tx, address=chain_a.accounts[2].lower()))
    assert case["cause"] == "not_own_address"


async def test_a_credited_deposit_says_where(
    as_carol: httpx.AsyncClient, chain_a: TestChain, demo: DemoBackoffice
) -> None:
    tx = chain_a.send(chain_a.accounts[0], U1001, ETH)
    chain_a.mine(CONFIRMATIONS)
    demo.deposits.append({
        "user_id": "u_1001", "status": "credited", "network": "ETH", "token": "ETH",
        "amount": "1", "address": U1001, "tx_hash": tx, "credited_at": "2026-11-24 10:00 UTC",
    })  # fmt: skip
    case = await open_case(as_carol, claim(tx, language="en"))
    assert (case["cause"], case["eligible"]) == ("credited", False)
    assert "Spot wallet" in case["explanation"][0] and "2026-11-24 10:00" in case["explanation"][0]


async def test_an_unknown_hash_and_an_unread_network(as_carol: httpx.AsyncClient) -> None:
    case = await open_case(as_carol, claim("0x" + "ab" * 32))
    assert (case["cause"], case["eligible"], case["advice"]) == (
        "not_found", False, "check_details",
    )  # fmt: skip
    # No adapter for Polygon, and its EVM siblings do not know the hash: a person looks.
    case = await open_case(as_carol, claim("0x" + "cd" * 32, network="POLYGON"))
    assert (case["cause"], case["eligible"], case["state"]) == ("unchecked", None, "submitted")
    assert any("No chain adapter for POLYGON" in n for n in case["notes"])
