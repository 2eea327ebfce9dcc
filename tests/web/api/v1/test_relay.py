"""Posting as the customer or the bot is relaying another channel: it needs
conversations.relay, and the audit trail says who relayed each such message."""

from __future__ import annotations

import httpx
from sqlalchemy import text

from firstline.core.db import Database
from tests.conftest import World
from tests.helpers import new_conversation


async def test_an_agent_cannot_speak_as_the_customer_or_the_bot(
    db: Database, as_carol: httpx.AsyncClient, as_bob: httpx.AsyncClient, world: World
) -> None:
    conv = (await as_carol.post("/api/v1/conversations", json=new_conversation("relay"))).json()
    url = f"/api/v1/conversations/{conv['id']}/messages"
    for kind in ("customer", "bot"):
        r = await as_carol.post(url, json={"body": "Send 1 BTC to bc1q...", "author_kind": kind})
        assert r.status_code == 403 and "conversations.relay" in r.json()["detail"], r.text
    bodies = [m["body"] for m in (await as_carol.get(url)).json()["items"]]
    assert "Send 1 BTC to bc1q..." not in bodies
    # An integration with the permission relays a customer message; the trail names it.
    r = await as_bob.post(url, json={"body": "Hello again", "author_kind": "customer"})
    assert r.status_code == 201 and r.json()["author_kind"] == "customer", r.text
    async with db.session() as s:
        rows = (
            await s.execute(
                text("SELECT actor_agent_id, entity_id FROM audit_entries "
                     "WHERE action = 'message.relayed'")
            )
        ).all()  # fmt: skip
    assert [(a, m) for a, m in rows] == [(world.bob, r.json()["id"])]
