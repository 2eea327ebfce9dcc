"""The deposit-not-arrived flow in the chat, for a signed-in customer, ending in a recovery
case: the diagnosis and the fee in the customer's language, the answer as a button, the case
in the team's queue, and its next state told in the same chat. The chains here are the demo's
recorded data (src/firstline/demo/recovery_chain.json)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from firstline.chat.identity import user_hash
from firstline.core.db import Database
from firstline.core.i18n import bind, t
from firstline.core.secrets import instance_secret
from firstline.core.settings import Settings
from firstline.recovery.chains.registry import forget_adapters
from tests.recovery.conftest import U1001, recorded_settings

pytestmark = pytest.mark.usefixtures("matrix")
# In the demo's recorded data: 0.8 BNB sent on BSC to u_1001's address given for ETH.
WRONG_CHAIN_TX = "0x7d1f4c2a9b3e8d6f0a5c4b3e2d1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f"


@pytest.fixture
def settings(backoffice_url: str) -> Iterator[Settings]:
    yield recorded_settings(backoffice_url, bot=True)
    forget_adapters()


async def signed_in_chat(api: httpx.AsyncClient, db: Database, user_id: str, locale: str) -> str:
    secret = await instance_secret(db, "widget_key")
    api.cookies.clear()
    r = await api.post(
        "/chat/api/session",
        json={"user_id": user_id, "user_hash": user_hash(secret, user_id), "locale": locale},
    )
    assert r.status_code == 200, r.text
    return str(r.json()["token"])


async def say(api: httpx.AsyncClient, token: str, body: str) -> list[dict[str, Any]]:
    r = await api.post(
        "/chat/api/messages",
        json={"body": body, "client_id": uuid.uuid4().hex},
        headers={"X-Chat-Token": token},
    )
    assert r.status_code == 201, r.text
    return [m for m in r.json()["replies"] if m["author_kind"] == "bot"]


async def test_a_wrong_network_deposit_becomes_a_case_the_customer_follows_in_the_chat(
    api: httpx.AsyncClient, db: Database, as_carol: httpx.AsyncClient
) -> None:
    t = bind("recovery", "vi")
    token = await signed_in_chat(api, db, "u_1001", "vi-VN")
    await say(api, token, "nạp tiền chưa về")
    for answer in ("ETH", "BNB", WRONG_CHAIN_TX, "0,8", U1001):
        lines = await say(api, token, answer)
    # The diagnosis, in Vietnamese, with the fee and the two answers as buttons.
    asked = lines[-1]
    assert "BSC" in asked["body"] and "24.00 USD" in asked["body"]
    assert t("cause_wrong_network", found_network="|").split("|")[0] in asked["body"]
    options = asked["meta"]["options"]
    assert [o["value"] for o in options] == ["accept", "decline"]
    assert options[0]["label"] == t("accept")

    done = await say(api, token, "accept")
    assert "R-" in done[-1]["body"] and "/help/vi/deposit-recovery/" in done[-1]["body"]

    queue = (await as_carol.get("/api/v1/recovery/cases?state=approved")).json()["items"]
    assert len(queue) == 1
    case = queue[0]
    assert (case["cause"], case["path"], case["source"], case["language"]) == (
        "wrong_network", "direct", "bot", "vi",
    )  # fmt: skip
    assert case["applicant"]["external_user_id"] == "u_1001"
    assert case["fee"]["amount"] == "24.00" and case["fee"]["accepted_at"]

    # The team starts the recovery: the customer reads it in the same chat, in Vietnamese.
    r = await as_carol.post(f"/api/v1/recovery/cases/{case['id']}/move", json={"to": "recovering"})
    assert r.status_code == 200, r.text
    messages = (await api.get("/chat/api/messages", headers={"X-Chat-Token": token})).json()
    last = messages["items"][-1] if "items" in messages else messages["messages"][-1]
    assert last["body"].startswith(
        t("status_changed", number=case["number"], state=t("state_recovering"))
    )


async def test_a_deposit_to_someone_elses_address_is_explained_and_closed(
    api: httpx.AsyncClient, db: Database, as_carol: httpx.AsyncClient
) -> None:
    token = await signed_in_chat(api, db, "u_1002", "en-US")
    await say(api, token, "deposit not arrived")
    for answer in ("BSC", "BNB", WRONG_CHAIN_TX, "0.8"):
        await say(api, token, answer)
    lines = await say(api, token, U1001)
    assert t("recovery.cause_not_own_address", "en") in lines[-1]["body"]
    assert "meta" not in lines[-1] or not (lines[-1]["meta"] or {}).get("options")
    cases = (await as_carol.get("/api/v1/recovery/cases")).json()["items"]
    assert [(c["state"], c["reason"]) for c in cases] == [("rejected", "not_own_address")]
