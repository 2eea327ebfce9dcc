"""The fee sentence says which rule of the policy set the fee: the percentage of the value,
the minimum (the percentage came to less), the maximum (it came to more), or a flat fee (a
token without a price). Real deposits on the test chains, priced by the demo matrix and the
default policy (5%, 5 to 500 USD); the sentence read on the case's help-center page."""

from __future__ import annotations

import html

import httpx
import pytest

from firstline.core.i18n import t
from tests.recovery.chain import TestChain
from tests.recovery.conftest import CONFIRMATIONS, U1001

pytestmark = pytest.mark.usefixtures("matrix")
WEI = 10**18


@pytest.mark.parametrize(
    ("bnb_milli", "language", "rule", "fee", "value"),
    [
        (10, "ja", "minimum", "5.00", "6.00"),  # 0.01 BNB: 5% is 0.30
        (1000, "tr", "percent", "30.00", "600.00"),
        (20_000, "ar", "maximum", "500.00", "12000.00"),  # 5% would be 600
    ],
)
async def test_the_fee_sentence_names_the_rule_that_set_the_fee(
    api: httpx.AsyncClient,
    as_carol: httpx.AsyncClient,
    chain_b: TestChain,
    bnb_milli: int,
    language: str,
    rule: str,
    fee: str,
    value: str,
) -> None:
    # BNB sent on BSC to an address issued for ETH: a wrong-network case with a fee.
    tx = chain_b.send(chain_b.accounts[0], U1001, bnb_milli * WEI // 1000)
    chain_b.mine(CONFIRMATIONS)
    r = await as_carol.post(
        "/api/v1/recovery/cases",
        json={"network": "BSC", "token": "BNB", "tx_hash": tx, "address": U1001,
              "external_user_id": "u_1001", "language": language},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    case = r.json()
    assert (case["fee"]["amount"], case["fee"]["rule"]) == (fee, rule)
    page = await api.get(f"/help/{language}/deposit-recovery/{case['public_id']}")
    for said in ("percent", "minimum", "maximum", "flat"):
        sentence = t(
            f"recovery.fee_{said}", language, fee=fee, currency="USD", percent="5", value=value
        )
        assert (html.escape(sentence) in page.text) == (said == rule), said


async def test_a_token_without_a_price_pays_a_flat_fee_and_is_told_so(
    api: httpx.AsyncClient, as_carol: httpx.AsyncClient, chain_a: TestChain
) -> None:
    token = chain_a.deploy_token(chain_a.accounts[0])
    tx = chain_a.transfer_token(chain_a.accounts[0], token, U1001, 250 * WEI)
    chain_a.mine(CONFIRMATIONS)
    r = await as_carol.post(
        "/api/v1/recovery/cases",
        json={"network": "ETH", "token": "PEPE", "tx_hash": tx, "address": U1001,
              "external_user_id": "u_1001", "language": "es"},
    )  # fmt: skip
    case = r.json()
    assert (case["fee"]["amount"], case["fee"]["rule"]) == ("5.00", "flat")
    page = await api.get(f"/help/es/deposit-recovery/{case['public_id']}")
    expected = t("recovery.fee_flat", "es", fee="5.00", currency="USD", percent="5", value="")
    assert html.escape(expected) in page.text
