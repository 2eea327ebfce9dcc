"""Shared set-up of the privacy tests: one customer, Lan, in a Spot EN conversation.

Who sees Lan: alice (admin) and bob (supervisor) see every customer; carol (Spot EN agent)
sees Lan through the conversation; dave (Futures VI agent) does not.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

from tests.conftest import World
from tests.helpers import new_conversation

SECRET_WORD = "zebrafinch"


@dataclass(frozen=True)
class Lan:
    id: int
    external_id: str
    conversation_id: int


@pytest.fixture
async def lan(as_alice: httpx.AsyncClient, world: World) -> Lan:
    payload = new_conversation(
        "lan-1",
        body=f"My {SECRET_WORD} deposit of 500 USDT never arrived",
        subject="Deposit missing",
        team_id=world.spot_en,
        tags=["deposit"],
    )
    payload["customer"].update(
        name="Nguyen Lan", email="lan@example.com", tier="vip3", region="VN", locale="en-US"
    )
    r = await as_alice.post("/api/v1/conversations", json=payload)
    assert r.status_code == 201, r.text
    body = r.json()
    return Lan(id=body["customer"]["id"], external_id="lan-1", conversation_id=body["id"])
