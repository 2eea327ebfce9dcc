"""The help center's deposit-recovery form and case page, as a customer who is not signed in
uses them: errors said in their language, field by field; the diagnosis of a real transaction
on the test chain; the fee answered with a button; the link found from the home page."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from firstline.core.i18n import bind, t
from tests.recovery.chain import TestChain
from tests.recovery.conftest import CONFIRMATIONS, U1001

pytestmark = pytest.mark.usefixtures("matrix")


def form(**values: str) -> dict[str, str]:
    return {
        "email": "linh@example.com", "network": "ETH", "token": "BNB", "tx_hash": "",
        "amount": "1", "address": U1001, "memo": "", **values,
    }  # fmt: skip


async def test_the_form_says_what_is_wrong_in_the_customers_language(
    api: httpx.AsyncClient,
) -> None:
    home = await api.get("/help/id")
    assert "/help/id/deposit-recovery" in home.text
    assert t("recovery.form_link", "id") in home.text
    page = await api.get("/help/id/deposit-recovery")
    assert page.status_code == 200 and t("recovery.form_submit", "id") in page.text
    r = await api.post(
        "/help/id/deposit-recovery",
        data=form(tx_hash="not-a-hash", address="TN9RRaXkCFtTXRso2GdTZxSxxwufzxLQPP", email="x"),
    )
    assert r.status_code == 422
    for key in ("invalid_tx_hash", "invalid_address", "invalid_email"):
        assert t(f"flows.{key}", "id").replace("'", "&#39;") in r.text, key
    assert 'value="not-a-hash"' in r.text  # what they typed stays in the form


async def test_a_wrong_chain_deposit_is_diagnosed_and_the_fee_accepted(
    api: httpx.AsyncClient, chain_b: TestChain, as_carol: httpx.AsyncClient
) -> None:
    tx = chain_b.send(chain_b.accounts[0], U1001, 2 * 10**18)
    chain_b.mine(CONFIRMATIONS)
    r = await api.post("/help/de/deposit-recovery", data=form(tx_hash=tx, amount="2"))
    assert r.status_code == 303, r.text
    page_url = r.headers["location"]
    assert page_url.startswith("/help/de/deposit-recovery/")
    page = await api.get(page_url)
    t = bind("recovery", "de")
    assert t("state_awaiting_customer") in page.text
    assert "60.00 USD" in page.text  # 5% of 1,200 USD
    assert 'data-testid="recovery-accept"' in page.text

    r = await api.post(page_url + "/fee", data={"answer": "accept"})
    assert r.status_code == 303
    page = await api.get(page_url)
    assert t("state_approved") in page.text and 'data-testid="recovery-accept"' not in page.text
    cases = (await as_carol.get("/api/v1/recovery/cases?state=approved")).json()["items"]
    mine: dict[str, Any] = cases[0]
    assert (mine["source"], mine["language"], mine["applicant"]["email"]) == (
        "help_center", "de", "linh@example.com",
    )  # fmt: skip
    # A second click changes nothing and shows the case.
    r = await api.post(page_url + "/fee", data={"answer": "decline"})
    assert r.status_code == 303
    assert (await as_carol.get(f"/api/v1/recovery/cases/{mine['id']}")).json()[
        "state"
    ] == "approved"


async def test_an_unknown_case_link_is_not_found(api: httpx.AsyncClient) -> None:
    assert (await api.get("/help/en/deposit-recovery/nothing-here")).status_code == 404
    r = await api.post("/help/en/deposit-recovery/nothing-here/fee", data={"answer": "accept"})
    assert r.status_code == 404
