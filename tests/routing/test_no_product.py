"""Chats the bot hands over from a page with no product: they go to the team that speaks the
customer's language (or the default team the admin set), never to "by hand" while someone who
could take them is online; a hacked account goes to the security team at the top priority the
bot promised; what the customer is told agrees with where the chat is."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from firstline.audit.models import AuditEntry
from firstline.core.db import Database
from firstline.core.settings import Settings
from tests.conftest import World


@pytest.fixture
def settings() -> Settings:
    # The bot answers first, as on /chat; with no articles it hands every question over.
    return Settings(max_body_bytes=64 * 1024, dashboard_cache_seconds=0, bot=True)


async def _chat(api: httpx.AsyncClient, locale: str, body: str) -> dict[str, Any]:
    """A new visitor on /chat (no data-product) writes once; returns the posted document."""
    api.cookies.clear()  # a new visitor, not the previous one coming back
    session = (await api.post("/chat/api/session", json={"locale": locale})).json()
    r = await api.post(
        "/chat/api/messages",
        headers={"X-Chat-Token": session["token"]},
        json={"body": body, "client_id": "c-1"},
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


async def _conversation(client: httpx.AsyncClient, posted: dict[str, Any]) -> dict[str, Any]:
    r = await client.get(f"/api/v1/conversations/{posted['message']['conversation_id']}")
    assert r.status_code == 200, r.text
    return dict(r.json())


def _factors(conversation: dict[str, Any]) -> list[str]:
    return [r["factor"] for r in conversation["routing"]["reasons"]]


async def _online(client: httpx.AsyncClient, agent_id: int) -> None:
    r = await client.patch(f"/api/v1/agents/{agent_id}", json={"presence": "online"})
    assert r.status_code == 200, r.text


async def test_a_chat_with_no_product_goes_to_a_team_that_speaks_its_language(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, as_dave: httpx.AsyncClient, world: World
) -> None:
    # Dave (Futures VI, speaks Vietnamese) is online; the chat's page names no product.
    await _online(as_dave, world.dave)
    posted = await _chat(api, "vi", "Cho mình hỏi phí rút tiền về ngân hàng là bao nhiêu vậy?")
    c = await _conversation(as_dave, posted)
    assert c["status"] == "open"
    assert (c["team_id"], c["assignee_id"]) == (world.futures_vi, world.dave)
    assert _factors(c)[:2] == ["bot_handover", "language_fit"]

    # No team lists Thai, nobody online speaks it: only then does a chat wait to be routed
    # by hand. Once Dave, online, speaks Thai too, his team takes it.
    thai = "ถอนเงินไปบัญชีธนาคารมีค่าธรรมเนียมเท่าไหร่คะ"
    c = await _conversation(as_dave, await _chat(api, "th", thai))
    assert c["team_id"] is None and _factors(c)[:2] == ["bot_handover", "unrouted"]
    r = await as_alice.patch(f"/api/v1/agents/{world.dave}", json={"languages": ["vi", "en", "th"]})
    assert r.status_code == 200, r.text
    c = await _conversation(as_dave, await _chat(api, "th", thai))
    assert c["team_id"] == world.futures_vi
    assert _factors(c)[:2] == ["bot_handover", "language_fit"]


async def test_the_default_team_takes_what_no_rule_or_product_fits(
    api: httpx.AsyncClient,
    as_alice: httpx.AsyncClient,
    as_carol: httpx.AsyncClient,
    world: World,
    db: Database,
) -> None:
    r = await as_alice.get("/api/v1/routing/settings")
    assert r.status_code == 200
    assert r.json()["default_team_id"] is None and r.json()["security_team_id"] is None
    # Only admins set it, to a team that exists, with the fields there are.
    r = await as_carol.patch("/api/v1/routing/settings", json={"default_team_id": world.spot_en})
    assert r.status_code == 403
    r = await as_alice.patch("/api/v1/routing/settings", json={"default_team_id": 999})
    assert r.status_code == 422 and "default_team_id 999" in r.json()["detail"]
    r = await as_alice.patch("/api/v1/routing/settings", json={"default_team": 1})
    assert r.status_code == 422
    r = await as_alice.patch("/api/v1/routing/settings", json={})
    assert r.status_code == 422 and r.json()["detail"]

    r = await as_alice.patch("/api/v1/routing/settings", json={"default_team_id": world.futures_vi})
    assert r.status_code == 200, r.text
    assert r.json()["default_team_id"] == world.futures_vi
    # An English chat with no product: the default team, not the English desk of a product.
    c = await _conversation(as_alice, await _chat(api, "en", "What are your opening hours?"))
    assert c["team_id"] == world.futures_vi
    assert _factors(c)[:2] == ["bot_handover", "default_team"]

    r = await as_alice.patch("/api/v1/routing/settings", json={"default_team_id": None})
    assert r.status_code == 200 and r.json()["default_team_id"] is None
    c = await _conversation(as_alice, await _chat(api, "en", "What are your opening hours?"))
    assert c["team_id"] == world.spot_en
    assert _factors(c)[:2] == ["bot_handover", "language_fit"]

    async with db.session() as s:
        audited = (
            await s.scalars(
                select(AuditEntry.data)
                .where(AuditEntry.action == "routing_settings.updated")
                .order_by(AuditEntry.id)
            )
        ).all()
    assert audited == [{"default_team_id": world.futures_vi}, {"default_team_id": None}]


async def test_a_hacked_account_goes_to_security_at_the_top_priority(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, world: World
) -> None:
    r = await as_alice.post(
        "/api/v1/teams",
        json={"name": "Account Security EN", "product": "account_security", "languages": ["en"]},
    )
    assert r.status_code == 201, r.text
    security = r.json()["id"]

    posted = await _chat(api, "en", "Help, my account was hacked and my USDT is gone")
    c = await _conversation(as_alice, posted)
    assert c["team_id"] == security, c
    assert c["priority"] == "urgent", (c["priority"], c["routing"], c["status"])
    assert _factors(c)[:2] == ["bot_handover", "security"]
    risk = next(r for r in c["routing"]["reasons"] if r["factor"] == "funds_at_risk")
    assert risk["match"] == "hacked" and risk["account"] is True
    # Served before anything else: the boost of money at risk and of the top priority.
    assert c["routing"]["priority_boost_seconds"] == 900 + 600

    # Money gone missing is at risk too (first in line), but it is the product team's case,
    # not security's. (A deposit that did not arrive starts the self-service deposit flow.)
    c = await _conversation(as_alice, await _chat(api, "en", "I lost my funds after a transfer"))
    assert c["priority"] == "urgent"
    assert c["team_id"] == world.spot_en

    # The admin's security team wins over the product.
    r = await as_alice.patch(
        "/api/v1/routing/settings", json={"security_team_id": world.futures_vi}
    )
    assert r.status_code == 200, r.text
    c = await _conversation(as_alice, await _chat(api, "en", "Someone changed my 2FA, scam!"))
    assert c["team_id"] == world.futures_vi


async def _ack(api: httpx.AsyncClient, body: str) -> str:
    """A new visitor's first message on a page of the spot product, with the bot off; returns
    the first sentence they are told."""
    api.cookies.clear()
    session = (await api.post("/chat/api/session", json={"locale": "en-US"})).json()
    r = await api.post(
        "/chat/api/messages",
        headers={"X-Chat-Token": session["token"]},
        json={"body": body, "client_id": "w-1", "product": "spot"},
    )
    assert r.status_code == 201, r.text
    return str(r.json()["acknowledgement"]["body"])


def _minutes(text: str) -> int:
    found = re.search(r"(\d+)\s*minute", text)
    assert found, text
    return int(found.group(1))


@pytest.mark.parametrize("settings", [Settings(bot=False, dashboard_cache_seconds=0)])
async def test_the_wait_told_agrees_with_the_first_response_target(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World
) -> None:
    r = await as_alice.patch(f"/api/v1/agents/{world.carol}", json={"max_concurrent": 1})
    assert r.status_code == 200, r.text
    await _online(as_carol, world.carol)
    # Carol takes the first at once.
    assert "less than a minute" in await _ack(api, "How do stop-limit orders work?")
    # The next waits first in line behind one busy agent: one chat first-response target
    # (a minute, what the console's SLA clock shows), not a guess of a minute and a half.
    assert _minutes(await _ack(api, "What are the trading fees?")) == 1
    # The admin gives chats two minutes: the second in line hears four.
    r = await as_alice.post(
        "/api/v1/sla/policies",
        json={"name": "Chats", "channel": "chat", "first_response_seconds": 120,
              "next_response_seconds": 300, "resolution_seconds": 86400},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    assert _minutes(await _ack(api, "Is there a fee for limit orders?")) == 4
