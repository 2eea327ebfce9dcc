"""Escalation through the API: up the ladder and across to a business line, who may
acknowledge, climbing by itself when nobody does (once, with workers racing), returning."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.queries import list_audit_entries
from firstline.conversations.actions import do_update_conversation
from firstline.conversations.events import ConversationUpdated
from firstline.conversations.models import Conversation
from firstline.core.clock import FrozenClock
from firstline.core.db import Database
from firstline.core.events import _REACTIONS, Event
from firstline.jobs import run_pass
from tests.conftest import World
from tests.helpers import new_conversation


async def _open(client: httpx.AsyncClient) -> int:
    r = await client.post("/api/v1/conversations", json=new_conversation(product="spot"))
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


async def _level(client: httpx.AsyncClient, cid: int) -> int:
    return int((await client.get(f"/api/v1/conversations/{cid}")).json()["escalation_level"])


async def test_one_click_escalation_notifies_the_next_level_who_acknowledges(
    as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient,
    world: World, events: list[Event],
) -> None:  # fmt: skip
    cid = await _open(as_carol)
    assert await _level(as_carol, cid) == 1
    r = await as_carol.post(
        f"/api/v1/conversations/{cid}/escalate",
        json={"reason": "Customer reports an unauthorised withdrawal"},
    )
    assert r.status_code == 201, r.text
    e = r.json()
    assert (e["from_level"], e["to_level"], e["state"]) == (1, 2, "open")
    assert e["conversation_escalation_level"] == 2
    raised = [x for x in events if x.type == "escalation.raised"][-1]
    # L2 defaults to supervisors and above: Bob and Alice are asked.
    assert set(raised.notify_agent_ids) == {world.alice, world.bob}  # type: ignore[attr-defined]

    refused = await as_carol.post(f"/api/v1/conversations/{cid}/escalation/acknowledge")
    assert refused.status_code == 403
    assert "L2" in refused.json()["detail"]
    r = await as_bob.post(f"/api/v1/conversations/{cid}/escalation/acknowledge")
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "acknowledged" and r.json()["acknowledged_by_agent_id"] == world.bob
    again = await as_bob.post(f"/api/v1/conversations/{cid}/escalation/acknowledge")
    assert again.status_code == 409

    # Straight to a level, then back: the case returns to the level that raised it.
    r = await as_bob.post(
        f"/api/v1/conversations/{cid}/escalate", json={"reason": "Needs the COO", "to": 9}
    )
    assert r.status_code == 201 and await _level(as_bob, cid) == 9
    r = await as_alice.post(
        f"/api/v1/conversations/{cid}/escalation/return", json={"reason": "Handled by policy"}
    )
    assert r.status_code == 200 and r.json()["state"] == "returned"
    assert await _level(as_bob, cid) == 2
    history = (await as_bob.get(f"/api/v1/conversations/{cid}/escalations")).json()
    assert [(h["to_level"], h["state"]) for h in history] == [(2, "acknowledged"), (9, "returned")]


async def test_bad_targets_are_refused(as_carol: httpx.AsyncClient, world: World) -> None:
    cid = await _open(as_carol)
    for to, status in ((11, 422), (1, 422), ("up", 422), ({"team_id": 999}, 422), (True, 422)):
        r = await as_carol.post(
            f"/api/v1/conversations/{cid}/escalate", json={"reason": "x", "to": to}
        )
        assert r.status_code == status, (to, r.text)
        assert r.json()["detail"]
    r = await as_carol.post(f"/api/v1/conversations/{cid}/escalate", json={"reason": " "})
    assert r.status_code == 422
    r = await as_carol.post(f"/api/v1/conversations/{cid}/escalate", json={"reason": "x", "to": 3})
    assert r.status_code == 201
    r = await as_carol.post(f"/api/v1/conversations/{cid}/escalate", json={"reason": "x", "to": 2})
    assert r.status_code == 409 and "return" in r.json()["detail"]
    r = await as_carol.post(
        f"/api/v1/conversations/{cid}/escalate", json={"reason": "top", "to": 10}
    )
    assert r.status_code == 201
    r = await as_carol.post(f"/api/v1/conversations/{cid}/escalate", json={"reason": "more"})
    assert r.status_code == 409 and "L10" in r.json()["detail"]


async def test_lateral_escalation_to_a_business_line_team(
    as_carol: httpx.AsyncClient, as_dave: httpx.AsyncClient, world: World
) -> None:
    cid = await _open(as_carol)
    r = await as_carol.post(
        f"/api/v1/conversations/{cid}/escalate",
        json={"reason": "Liquidation dispute", "to": {"team_id": world.futures_vi}},
    )
    assert r.status_code == 201, r.text
    assert r.json()["to_team_id"] == world.futures_vi
    assert await _level(as_carol, cid) == 1  # across, not up
    # Carol is not in the futures team, so she cannot acknowledge for it.
    r = await as_carol.post(f"/api/v1/conversations/{cid}/escalation/acknowledge")
    assert r.status_code == 403
    # Dave is: the escalation lets him see a Spot EN conversation, in his inbox too.
    r = await as_dave.get(f"/api/v1/conversations/{cid}")
    assert r.status_code == 200 and r.json()["escalation_team_id"] == world.futures_vi
    inbox = (await as_dave.get("/api/v1/conversations")).json()["items"]
    assert cid in [c["id"] for c in inbox]
    r = await as_dave.post(f"/api/v1/conversations/{cid}/escalation/acknowledge")
    assert r.status_code == 200 and r.json()["acknowledged_by_agent_id"] == world.dave
    r = await as_dave.post(
        f"/api/v1/conversations/{cid}/escalation/return", json={"reason": "Refund approved"}
    )
    assert r.status_code == 200
    # Returned: the futures team is out of it again.
    assert (await as_dave.get(f"/api/v1/conversations/{cid}")).status_code == 404


async def test_unacknowledged_escalations_climb_once_each_with_workers_racing(
    database_url: str, db: Database, clock: FrozenClock, as_alice: httpx.AsyncClient,
    as_carol: httpx.AsyncClient, world: World,
) -> None:  # fmt: skip
    r = await as_alice.put(
        "/api/v1/escalation/levels/2",
        json={"name": "Senior agent", "role": "agent", "agent_ids": [world.carol],
              "ack_minutes": 5},
    )  # fmt: skip
    assert r.status_code == 200, r.text
    levels = (await as_carol.get("/api/v1/escalation/levels")).json()
    assert [lv["level"] for lv in levels] == list(range(1, 11))
    assert levels[1]["agent_ids"] == [world.carol] and levels[9]["name"] == "CEO"

    ids = [await _open(as_carol) for _ in range(3)]
    for cid in ids:
        r = await as_carol.post(f"/api/v1/conversations/{cid}/escalate", json={"reason": "help"})
        assert r.status_code == 201
    clock.advance(minutes=4)
    assert (await run_pass(db)).climbed == 0
    clock.advance(minutes=2)
    other = Database(database_url, clock=clock, pool_size=4)
    try:
        a, b = await asyncio.gather(run_pass(db), run_pass(other))
    finally:
        await other.dispose()
    assert a.climbed + b.climbed == 3
    for cid in ids:
        history: list[dict[str, Any]] = (
            await as_alice.get(f"/api/v1/conversations/{cid}/escalations")
        ).json()
        assert [(h["to_level"], h["state"]) for h in history] == [(2, "climbed"), (3, "open")]
        assert history[1]["raised_by_agent_id"] is None
        assert history[1]["reason"] == "Not acknowledged by L2 Senior agent within 6 min"
        assert await _level(as_alice, cid) == 3
    # Carol, named for L2, may not acknowledge L3 (a supervisor level by default).
    r = await as_carol.post(f"/api/v1/conversations/{ids[0]}/escalation/acknowledge")
    assert r.status_code == 403


async def test_closing_a_conversation_closes_its_escalations_in_the_same_transaction(
    as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient, db: Database, world: World,
    events: list[Event], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    # Conversations do not call escalation: escalation reacts to the status change they
    # announce (ConversationUpdated), inside the transaction that makes it.
    cid = await _open(as_carol)
    r = await as_carol.post(f"/api/v1/conversations/{cid}/escalate", json={"reason": "stuck"})
    assert r.status_code == 201, r.text
    r = await as_bob.post(f"/api/v1/conversations/{cid}/escalation/acknowledge")
    assert r.status_code == 200, r.text

    async def broken(session: AsyncSession, ev: ConversationUpdated) -> None:
        raise RuntimeError("a reaction failed")

    async def close() -> None:
        async with db.transaction() as session:
            conversation = await session.scalar(
                select(Conversation).where(Conversation.id == cid).with_for_update()
            )
            assert conversation is not None
            await do_update_conversation(
                session, conversation, {"status": "closed"}, acting_agent_id=world.bob
            )

    # A reaction that fails takes the close down with it: nothing is half done.
    reactions = [*_REACTIONS[ConversationUpdated], broken]
    with monkeypatch.context() as patched:
        patched.setitem(_REACTIONS, ConversationUpdated, reactions)
        with pytest.raises(RuntimeError):
            await close()
    conversation = (await as_bob.get(f"/api/v1/conversations/{cid}")).json()
    assert conversation["status"] == "open"
    history = (await as_bob.get(f"/api/v1/conversations/{cid}/escalations")).json()
    assert [h["state"] for h in history] == ["acknowledged"]

    events.clear()
    await close()
    history = (await as_bob.get(f"/api/v1/conversations/{cid}/escalations")).json()
    assert [h["state"] for h in history] == ["closed"]
    assert [e.type for e in events] == ["conversation.updated", "escalation.closed"]
    assert events[1].reason == "closed"  # type: ignore[attr-defined]
    assert events[0].by_agent_id == world.bob  # type: ignore[attr-defined]
    async with db.session() as s:
        trail = await list_audit_entries(s, "conversation", cid)
    closed = next(e for e in trail if e.action == "escalation.closed")
    assert closed.actor_agent_id == world.bob and closed.data["reason"] == "closed"


async def test_a_custom_role_answers_where_the_built_in_role_it_contains_answers(
    as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient, as_dave: httpx.AsyncClient,
    world: World, events: list[Event],
) -> None:  # fmt: skip
    """The ladder ranks roles by what they may do, never by name: a shift lead made of the
    supervisor's permissions and one more answers at L2; a role without the agent's permission
    to reply answers no level."""
    roles = {r["name"]: r for r in (await as_alice.get("/api/v1/roles")).json()}
    lead = roles["supervisor"]["permissions"] + ["sla.configure"]
    r = await as_alice.post("/api/v1/roles", json={"name": "shift-lead", "permissions": lead})
    assert r.status_code == 201, r.text
    r = await as_alice.post(
        "/api/v1/roles", json={"name": "analyst", "permissions": ["reports.read"]}
    )
    assert r.status_code == 201, r.text
    for who, role in ((world.carol, "shift-lead"), (world.dave, "analyst")):
        r = await as_alice.patch(f"/api/v1/agents/{who}", json={"role": role})
        assert r.status_code == 200, r.text

    cid = await _open(as_alice)
    r = await as_alice.post(f"/api/v1/conversations/{cid}/escalate", json={"reason": "KYC"})
    assert r.status_code == 201, r.text
    raised = [x for x in events if x.type == "escalation.raised"][-1]
    assert set(raised.notify_agent_ids) == {world.alice, world.bob, world.carol}  # type: ignore[attr-defined]
    r = await as_carol.post(f"/api/v1/conversations/{cid}/escalation/acknowledge")
    assert r.status_code == 200, r.text
    assert r.json()["acknowledged_by_agent_id"] == world.carol
