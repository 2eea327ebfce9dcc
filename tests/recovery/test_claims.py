"""What the customer claimed against what the chain shows (issue 14, item 5): every mismatch
said in the customer's language and the case worked on what was found; the tokens a network
lists taken from the admin's matrix; the fee sentence naming the rule that set the fee; and
one claim filed twice (in the chat, then on the help center's form) finding its one case.

The demo's recorded chain data holds 0.8 BNB sent on BSC to u_1001's address given for ETH
(WRONG_CHAIN_TX) and 3,000 of a TRC-20 token that is not the USDT the matrix lists on TRON
(TRON_TX); the test chains (tests/recovery/conftest.py) send the rest for real.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from firstline.core.db import Database
from firstline.core.i18n import bind, t
from firstline.core.language import SUPPORTED_LANGUAGES
from firstline.core.settings import Settings
from firstline.demo.recovery import demo_matrix
from firstline.recovery.chains.registry import forget_adapters
from tests.recovery.conftest import U1001, recorded_settings
from tests.recovery.test_chat import say, signed_in_chat

pytestmark = pytest.mark.usefixtures("matrix")
WRONG_CHAIN_TX = "0x7d1f4c2a9b3e8d6f0a5c4b3e2d1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f"
TRON_TX = "5f4e3d2c1b0a99887766554433221100ffeeddccbbaa99887766554433221100"
TRON_U1001 = "TN9RRaXkCFtTXRso2GdTZxSxxwufzxLQPP"
TRON_OTHER_TOKEN = "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7"


@pytest.fixture
def settings(backoffice_url: str) -> Iterator[Settings]:
    yield recorded_settings(backoffice_url, bot=True)
    forget_adapters()


async def open_case(api: httpx.AsyncClient, **claim: Any) -> dict[str, Any]:
    body = {"external_user_id": "u_1001", **claim}
    r = await api.post("/api/v1/recovery/cases", json=body)
    assert r.status_code == 201, r.text
    return dict(r.json())


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
async def test_500_usdt_on_eth_that_was_0_8_bnb_on_bsc_is_said_and_reviewed(
    as_carol: httpx.AsyncClient, language: str
) -> None:
    case = await open_case(
        as_carol, network="ETH", token="USDT", amount="500", tx_hash=WRONG_CHAIN_TX,
        address=U1001, language=language,
    )  # fmt: skip
    assert case["mismatches"] == [
        {"field": "network", "claimed": "ETH", "found": "BSC", "contract": None,
         "listed_contract": None},
        {"field": "token", "claimed": "500 USDT", "found": "0.8 BNB", "contract": None,
         "listed_contract": None},
    ]  # fmt: skip
    t = bind("recovery", language)
    said = case["explanation"]

    def ltr(text: str) -> str:  # kept left to right inside an Arabic sentence
        return f"\u2066{text}\u2069" if language == "ar" else text

    assert t("mismatch_network", claimed=ltr("ETH"), found=ltr("BSC")) in said
    assert t("mismatch_asset", claimed=ltr("500 USDT"), found=ltr("0.8 BNB")) in said
    assert t("mismatch_review") in said
    # Worked on what the chain shows (0.8 BNB, 480 USD, 5%), and a person confirms it first:
    # never "recoverable directly" on a claim the chain contradicts.
    assert (case["cause"], case["eligible"], case["path"]) == ("wrong_network", True, "conditional")
    assert (case["found"]["token"], case["found"]["amount"]) == ("BNB", "0.8")
    assert (case["fee"]["amount"], case["fee"]["rule"]) == ("24.00", "percent")
    assert t("path_direct") not in said and t("path_conditional") in said


async def test_accepting_the_fee_of_a_mismatched_claim_goes_to_review_not_to_recovery(
    as_carol: httpx.AsyncClient,
) -> None:
    case = await open_case(
        as_carol, network="ETH", token="USDT", amount="500", tx_hash=WRONG_CHAIN_TX,
        address=U1001, language="en",
    )  # fmt: skip
    assert case["state"] == "awaiting_customer"
    r = await as_carol.post(f"/api/v1/recovery/cases/{case['id']}/fee", json={"accept": True})
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "diagnosing"


async def test_the_same_claim_as_the_chain_is_recovered_directly_with_nothing_to_say(
    as_carol: httpx.AsyncClient,
) -> None:
    case = await open_case(
        as_carol, network="BSC", token="bnb", amount="0.8", tx_hash=WRONG_CHAIN_TX,
        address=U1001, language="en",
    )  # fmt: skip
    assert case["mismatches"] == [] and case["path"] == "direct"
    assert t("recovery.mismatch_review", "en") not in case["explanation"]


@pytest.mark.parametrize(("amount", "differs"), [("0.8", False), ("0.805", False), ("8", True)])
async def test_an_amount_is_a_mismatch_only_beyond_rounding(
    as_carol: httpx.AsyncClient, amount: str, differs: bool
) -> None:
    case = await open_case(
        as_carol, network="ETH", token="BNB", amount=amount, tx_hash=WRONG_CHAIN_TX,
        address=U1001, language="de",
    )  # fmt: skip
    fields = [m["field"] for m in case["mismatches"]]
    assert fields == (["network", "amount"] if differs else ["network"])
    assert case["path"] == ("conditional" if differs else "direct")
    if differs:
        line = t("recovery.mismatch_asset", "de", claimed="8 BNB", found="0.8 BNB")
        assert line in case["explanation"]


async def test_usdt_on_tron_is_listed_and_another_token_is_said_to_be_another(
    as_carol: httpx.AsyncClient,
) -> None:
    case = await open_case(
        as_carol, network="TRON", token="USDT", amount="3000", tx_hash=TRON_TX,
        address=TRON_U1001, language="vi",
    )  # fmt: skip
    t = bind("recovery", "vi")
    assert case["cause"] == "unlisted_token"
    assert case["found"]["token"] != "USDT"  # the chain moved another contract
    [m] = case["mismatches"]
    assert (m["field"], m["contract"]) == ("token", TRON_OTHER_TOKEN)
    said = case["explanation"]
    assert (
        t(
            "mismatch_contract",
            claimed="3000 USDT",
            contract=TRON_OTHER_TOKEN,
            token="USDT",
            network="TRON",
        )
        in said
    )
    assert t("listed_tokens", network="TRON", tokens="TRX, USDT") in said


async def test_the_listed_tokens_come_from_the_matrix_the_admin_keeps(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient
) -> None:
    rows = [r for r in demo_matrix() if not (r["network"] == "TRON" and r["token"] == "USDT")]
    usdd = "TPYmHEhy5n8TCEfYGqW2rPxsghSfzghPDn"
    rows.append({**rows[0], "network": "TRON", "token": "USDD", "contract": usdd})
    r = await as_alice.put("/api/v1/recovery/matrix", json={"rows": rows})
    assert r.status_code == 200, r.text
    case = await open_case(
        as_carol, network="TRON", token="USDT", amount="3000", tx_hash=TRON_TX,
        address=TRON_U1001, language="en",
    )  # fmt: skip
    assert (
        t("recovery.listed_tokens", "en", network="TRON", tokens="TRX, USDD")
        in (case["explanation"])
    )
    # USDT is no longer listed on TRON: nothing says the chain moved "another" USDT.
    assert case["mismatches"] == []
    # The help center's form suggests the tokens the matrix lists.
    api.cookies.clear()
    page = (await api.get("/help/en/deposit-recovery")).text
    assert '<option value="USDD">' in page and '<option value="USDC">' in page


def test_the_demo_matrix_lists_the_usual_tokens() -> None:
    listed = {(r["network"], r["token"]) for r in demo_matrix() if r["listed"]}
    for network in ("ETH", "BSC", "TRON", "POLYGON", "ARBITRUM", "SOL", "AVAXC", "OPTIMISM"):
        assert (network, "USDT") in listed, network
    for network in ("ETH", "BSC", "POLYGON", "ARBITRUM", "BASE", "SOL", "AVAXC"):
        assert (network, "USDC") in listed, network


async def test_filed_in_the_chat_then_on_the_form_finds_the_one_open_case(
    api: httpx.AsyncClient, db: Database, as_carol: httpx.AsyncClient
) -> None:
    token = await signed_in_chat(api, db, "u_1001", "en-GB")
    await say(api, token, "deposit not arrived")
    for answer in ("ETH", "BNB", WRONG_CHAIN_TX, "0.8", U1001):
        await say(api, token, answer)
    [chat_case] = (await as_carol.get("/api/v1/recovery/cases")).json()["items"]
    assert chat_case["source"] == "bot"

    # The same customer, not signed in, by the email of their account.
    api.cookies.clear()
    form = {"email": "linh@example.com", "network": "ETH", "token": "BNB",
            "tx_hash": WRONG_CHAIN_TX, "amount": "0.8", "address": U1001, "memo": ""}  # fmt: skip
    r = await api.post("/help/fr/deposit-recovery", data=form)
    assert r.status_code == 303, r.text
    assert r.headers["location"].startswith(f"/help/fr/deposit-recovery/{chat_case['public_id']}")
    page = await api.get(r.headers["location"])
    assert 'data-testid="recovery-existing"' in page.text
    assert t("recovery.already_open", "fr", number=chat_case["number"]) in page.text
    # Claimed again on the network where the chain has it: still the same deposit, one case.
    r = await api.post("/help/fr/deposit-recovery", data={**form, "network": "BSC"})
    assert r.headers["location"].startswith(f"/help/fr/deposit-recovery/{chat_case['public_id']}")
    assert len((await as_carol.get("/api/v1/recovery/cases")).json()["items"]) == 1

    # Someone else: told a case is open, with no field marked wrong and nothing of the case.
    r = await api.post("/help/fr/deposit-recovery", data={**form, "email": "eve@example.com"})
    assert r.status_code == 409
    assert 'data-testid="recovery-error-' not in r.text
    assert chat_case["public_id"] not in r.text
    assert t("recovery.already_open_other", "fr").replace("'", "&#39;") in r.text


async def test_the_chat_says_the_mismatch_and_the_fee_rule_in_the_customers_language(
    api: httpx.AsyncClient, db: Database
) -> None:
    t = bind("recovery", "vi")
    token = await signed_in_chat(api, db, "u_1001", "vi-VN")
    await say(api, token, "nạp tiền chưa về")
    for answer in ("ETH", "USDT", WRONG_CHAIN_TX, "500", U1001):
        lines = await say(api, token, answer)
    asked = lines[-1]["body"]
    assert t("mismatch_asset", claimed="500 USDT", found="0.8 BNB") in asked
    assert t("mismatch_review") in asked
    fee = t("fee_percent", fee="24.00", currency="USD", percent="5", value="480.00")
    assert fee in asked
