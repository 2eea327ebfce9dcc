"""A chat's lifecycle as the customer lives it: resolving tells them (in their language) that
writing again reopens it; writing again reopens it with an acknowledgement, an audit entry and
an event, back with its agent or in its team's queue; open escalations close with the resolve
and never climb afterwards; new anonymous chats are limited per address; an over-long message
is refused whole, saying the limit."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy import text

from firstline.audit.queries import list_audit_entries
from firstline.core.clock import FrozenClock
from firstline.core.db import Database
from firstline.core.events import Event
from firstline.core.i18n import keys, t
from firstline.jobs import run_pass
from tests.conftest import World


async def _session(api: httpx.AsyncClient, **body: Any) -> str:
    r = await api.post("/chat/api/session", json=body)
    assert r.status_code == 200, r.text
    return str(r.json()["token"])


async def _send(api: httpx.AsyncClient, token: str, body: str, **extra: Any) -> httpx.Response:
    return await api.post(
        "/chat/api/messages",
        json={"body": body, "client_id": uuid.uuid4().hex, **extra},
        headers={"X-Chat-Token": token},
    )


async def _conversation(client: httpx.AsyncClient, cid: int) -> dict[str, Any]:
    r = await client.get(f"/api/v1/conversations/{cid}")
    assert r.status_code == 200, r.text
    return dict(r.json())


async def _resolve(client: httpx.AsyncClient, cid: int) -> None:
    r = await client.patch(f"/api/v1/conversations/{cid}", json={"status": "resolved"})
    assert r.status_code == 200, r.text


async def _online(client: httpx.AsyncClient, agent_id: int) -> None:
    r = await client.patch(f"/api/v1/agents/{agent_id}", json={"presence": "online"})
    assert r.status_code == 200, r.text


async def _offline(client: httpx.AsyncClient, agent_id: int) -> None:
    r = await client.patch(f"/api/v1/agents/{agent_id}", json={"presence": "offline"})
    assert r.status_code == 200, r.text


async def _customer_sees(api: httpx.AsyncClient, token: str) -> list[dict[str, Any]]:
    r = await api.get("/chat/api/messages", headers={"X-Chat-Token": token})
    return list(r.json()["items"])


async def test_resolving_tells_the_customer_and_writing_again_reopens_with_an_answer(
    api: httpx.AsyncClient, as_carol: httpx.AsyncClient, as_bob: httpx.AsyncClient,
    db: Database, world: World, events: list[Event],
) -> None:  # fmt: skip
    await _online(as_carol, world.carol)
    token = await _session(api, locale="ru-RU")
    sent = await _send(api, token, "Мой депозит USDT не пришёл на счёт", product="spot")
    cid = sent.json()["message"]["conversation_id"]
    r = await as_carol.post(f"/api/v1/conversations/{cid}/messages", json={"body": "Проверяю."})
    assert r.status_code == 201
    await _resolve(as_bob, cid)
    # Told it is resolved, then asked, in Russian, how satisfied they are.
    told, asked = (await _customer_sees(api, token))[-2:]
    assert (told["author_kind"], told["body"]) == ("system", t("conversations.resolved", "ru"))
    assert (asked["body"], asked["meta"]["csat"]["conversation_id"]) == (
        t("quality.csat_question", "ru"),
        cid,
    )

    events.clear()
    again = await _send(api, token, "Депозит снова не пришёл, помогите")
    assert again.status_code == 201
    replies = again.json()["replies"]
    assert [r["body"] for r in replies] == [t("conversations.reopened", "ru")]
    conversation = await _conversation(as_bob, cid)
    # Back with the agent who had it (online), in the same conversation.
    assert (conversation["status"], conversation["assignee_id"]) == ("open", world.carol)
    updated = [e for e in events if e.type == "conversation.updated"]
    assert any(e.changes == {"status": "open"} for e in updated)  # type: ignore[attr-defined]
    async with db.session() as s:
        trail = [e.action for e in await list_audit_entries(s, "conversation", cid)]
    assert trail[0] == "conversation.reopened"


async def test_a_reopened_chat_whose_agent_went_home_goes_to_the_team(
    api: httpx.AsyncClient, as_carol: httpx.AsyncClient, as_bob: httpx.AsyncClient,
    world: World,
) -> None:  # fmt: skip
    token = await _session(api, locale="en-US")
    sent = await _send(api, token, "Where is my USDT deposit?", product="spot")
    cid = sent.json()["message"]["conversation_id"]
    await as_carol.post(f"/api/v1/conversations/{cid}/messages", json={"body": "On it."})
    await _resolve(as_bob, cid)
    await _offline(as_carol, world.carol)
    again = await _send(api, token, "It still has not arrived")
    bodies = [r["body"] for r in again.json()["replies"]]
    assert bodies == [
        t("conversations.reopened", "en"),
        t("chat.ack_queue_unknown", "en", position=1),
    ]
    conversation = await _conversation(as_bob, cid)
    assert (conversation["status"], conversation["assignee_id"]) == ("open", None)
    assert conversation["team_id"] == world.spot_en
    assert conversation["routing"]["queue_rank"] is not None
    # Bob, of the same team, comes online and gets it.
    await _online(as_bob, world.bob)
    assert (await _conversation(as_bob, cid))["assignee_id"] == world.bob


async def test_a_reopened_chat_nobody_had_goes_back_in_its_teams_queue(
    api: httpx.AsyncClient, as_bob: httpx.AsyncClient, world: World
) -> None:
    token = await _session(api, locale="en-US")
    sent = await _send(api, token, "Where is my USDT deposit?", product="spot")
    cid = sent.json()["message"]["conversation_id"]
    assert (await _conversation(as_bob, cid))["team_id"] == world.spot_en
    await _resolve(as_bob, cid)
    again = await _send(api, token, "It still has not arrived")
    bodies = [r["body"] for r in again.json()["replies"]]
    # Nobody is online: it waits first in the queue again, and the customer is told so.
    assert bodies == [
        t("conversations.reopened", "en"),
        t("chat.ack_queue_unknown", "en", position=1),
    ]
    routing = (await _conversation(as_bob, cid))["routing"]
    assert routing["queue_rank"] is not None


async def test_resolving_closes_open_escalations_and_they_never_climb(
    api: httpx.AsyncClient, as_carol: httpx.AsyncClient, as_bob: httpx.AsyncClient,
    db: Database, clock: FrozenClock, world: World, events: list[Event],
) -> None:  # fmt: skip
    token = await _session(api, locale="en-US")
    sent = await _send(api, token, "My withdrawal is stuck", product="spot")
    cid = sent.json()["message"]["conversation_id"]
    r = await as_carol.post(f"/api/v1/conversations/{cid}/escalate", json={"reason": "stuck"})
    assert r.status_code == 201
    events.clear()
    await _resolve(as_bob, cid)
    history = (await as_bob.get(f"/api/v1/conversations/{cid}/escalations")).json()
    assert [(h["to_level"], h["state"]) for h in history] == [(2, "closed")]
    closed = [e for e in events if e.type == "escalation.closed"]
    assert len(closed) == 1 and closed[0].reason == "resolved"  # type: ignore[attr-defined]
    async with db.session() as s:
        trail = [e.action for e in await list_audit_entries(s, "conversation", cid)]
    assert "escalation.closed" in trail

    clock.advance(minutes=20)  # well past L2's acknowledgement time
    assert (await run_pass(db)).climbed == 0
    assert (await _conversation(as_bob, cid))["escalation_level"] == 2
    history = (await as_bob.get(f"/api/v1/conversations/{cid}/escalations")).json()
    assert [h["state"] for h in history] == ["closed"]
    # A resolved conversation is not escalated again until it is reopened.
    r = await as_carol.post(f"/api/v1/conversations/{cid}/escalate", json={"reason": "again"})
    assert r.status_code == 409 and "Reopen it first" in r.json()["detail"]


async def test_an_escalation_left_open_on_a_resolved_conversation_is_closed_not_climbed(
    api: httpx.AsyncClient, as_carol: httpx.AsyncClient, as_bob: httpx.AsyncClient,
    db: Database, clock: FrozenClock, world: World,
) -> None:  # fmt: skip
    token = await _session(api, locale="en-US")
    sent = await _send(api, token, "My withdrawal is stuck", product="spot")
    cid = sent.json()["message"]["conversation_id"]
    await as_carol.post(f"/api/v1/conversations/{cid}/escalate", json={"reason": "stuck"})
    await _resolve(as_bob, cid)
    # As a resolve made before this release left it: still open, with its deadline.
    async with db.transaction() as s:
        await s.execute(
            text("UPDATE escalations SET state = 'open', closed_at = NULL, ack_due_at = :due"),
            {"due": clock.now()},
        )
    clock.advance(minutes=20)
    assert (await run_pass(db)).climbed == 0
    history = (await as_bob.get(f"/api/v1/conversations/{cid}/escalations")).json()
    assert [h["state"] for h in history] == ["closed"]
    assert (await _conversation(as_bob, cid))["escalation_level"] == 2


async def test_new_anonymous_chats_are_limited_per_address(api: httpx.AsyncClient) -> None:
    codes = []
    for n in range(20):
        api.cookies.clear()  # a new visitor each time, from the same address
        token = await _session(api, locale="en-US")
        codes.append((await _send(api, token, f"help me {n}")).status_code)
    assert codes[:5] == [201] * 5
    assert set(codes[5:]) == {429}
    api.cookies.clear()
    token = await _session(api, locale="en-US")
    refused = await _send(api, token, "one more")
    problem = refused.json()
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert int(refused.headers["retry-after"]) >= 1
    assert problem["code"] == "too_many_chats" and problem["retry_after"] >= 1
    assert "Too many new chats" in problem["detail"]
    # The widget has the customer's sentence for it (in every language: the catalog test).
    assert "chat.too_many_chats" in keys("chat")


async def test_a_chat_already_open_is_not_counted_as_new(api: httpx.AsyncClient) -> None:
    token = await _session(api, locale="en-US")
    codes = [(await _send(api, token, f"line {n}")).status_code for n in range(7)]
    assert codes == [201] * 7  # the message limit allows 8 in a burst; no new-chat limit


async def test_an_over_long_message_is_refused_whole_saying_the_limit(
    api: httpx.AsyncClient,
) -> None:
    token = await _session(api, locale="en-US")
    r = await _send(api, token, "x" * 50_000)
    assert r.status_code == 422
    assert "at most 20,000 characters" in r.json()["detail"]
    assert await _customer_sees(api, token) == []  # nothing stored, nothing cut
    session = await api.post("/chat/api/session", json={"locale": "en-US"})
    assert session.json()["max_chars"] == 20_000
    # The page lets the whole text into the box, so the widget can say so before sending.
    assert "maxlength" not in (await api.get("/chat")).text
