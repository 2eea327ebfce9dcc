"""The conversations API: opening, reading, listing, replying, updating, idempotency."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest

from firstline.conversations.schemas import ConversationDetail, ConversationOut, ConversationPage
from firstline.core.clock import FrozenClock
from tests.conftest import QueryCounter, World
from tests.helpers import new_conversation


async def test_open_conversation_creates_customer_and_first_message(
    as_carol: httpx.AsyncClient,
) -> None:
    payload = new_conversation(
        "u-1001",
        body="Tôi đã nạp 500 USDT qua mạng TRC20 nhưng chưa nhận được",
        subject="Nạp tiền chưa về",
        product="deposits_withdrawals",
        tags=["Deposit", "deposit", "TRC20"],
    )
    payload["customer"].update(name="Nguyễn Văn An", locale="vi-VN", tier="vip3")
    r = await as_carol.post("/api/v1/conversations", json=payload)
    assert r.status_code == 201, r.text
    body = ConversationOut.model_validate(r.json())
    assert r.headers["location"] == f"/api/v1/conversations/{body.id}"
    assert body.status == "open"
    assert body.language == "vi"
    assert body.channel == "chat"
    assert body.tags == ["deposit", "trc20"]
    assert body.customer.external_id == "u-1001"
    assert body.customer.language == "vi"
    assert body.customer.tier == "vip3"
    assert body.message_count == 1

    detail = ConversationDetail.model_validate(
        (await as_carol.get(f"/api/v1/conversations/{body.id}")).json()
    )
    assert [m.body for m in detail.messages] == [payload["message"]["body"]]
    assert detail.messages[0].author_kind == "customer"
    assert detail.messages[0].language == "vi"


async def test_returning_customer_is_updated_not_duplicated(as_bob: httpx.AsyncClient) -> None:
    # bob may edit profiles (customers.edit); without it see tests/privacy.
    first = new_conversation("u-2", body="Hello, I cannot log in to my account")
    first["customer"].update(name="Old Name", email="old@example.com")
    await as_bob.post("/api/v1/conversations", json=first)
    second = new_conversation("u-2", body="Hello again, the login still fails after reset")
    second["customer"].update(name="New Name")
    await as_bob.post("/api/v1/conversations", json=second)

    r = await as_bob.get("/api/v1/customers/u-2")
    assert r.status_code == 200
    customer = r.json()
    assert customer["name"] == "New Name"
    assert customer["email"] == "old@example.com"  # not sent the second time, so kept
    assert len(customer["conversations"]) == 2


async def test_short_message_falls_back_to_the_customers_locale(
    as_carol: httpx.AsyncClient,
) -> None:
    payload = new_conversation("u-3", body="hola")
    payload["customer"]["locale"] = "es-AR"
    r = await as_carol.post("/api/v1/conversations", json=payload)
    assert r.json()["language"] == "es"


async def test_language_is_detected_even_against_the_stated_locale(
    as_carol: httpx.AsyncClient,
) -> None:
    payload = new_conversation("u-4", body="Мой депозит BTC не пришёл уже шесть часов")
    payload["customer"]["locale"] = "en-US"
    r = await as_carol.post("/api/v1/conversations", json=payload)
    assert r.json()["language"] == "ru"


async def test_idempotency_key_makes_retries_safe(
    as_carol: httpx.AsyncClient, as_bob: httpx.AsyncClient
) -> None:
    payload = new_conversation("u-5")
    headers = {"Idempotency-Key": "8f14e45f-ceea-467f-a8c6-1a2b3c4d5e6f"}
    first = await as_carol.post("/api/v1/conversations", json=payload, headers=headers)
    again = await as_carol.post("/api/v1/conversations", json=payload, headers=headers)
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    listed = (await as_bob.get("/api/v1/conversations", params={"customer": "u-5"})).json()
    assert len(listed["items"]) == 1

    other = new_conversation("u-5", body="A different question about futures funding fees")
    conflict = await as_carol.post("/api/v1/conversations", json=other, headers=headers)
    assert conflict.status_code == 409
    assert "different request" in conflict.json()["detail"]


async def test_concurrent_retries_with_one_key_create_one_conversation(
    as_carol: httpx.AsyncClient, as_bob: httpx.AsyncClient
) -> None:
    payload = new_conversation("u-6")
    headers = {"Idempotency-Key": "same-key-raced"}
    results = await asyncio.gather(
        *(as_carol.post("/api/v1/conversations", json=payload, headers=headers) for _ in range(8))
    )
    assert sorted(r.status_code for r in results) == [200] * 7 + [201]
    assert len({r.json()["id"] for r in results}) == 1
    listed = (await as_bob.get("/api/v1/conversations", params={"customer": "u-6"})).json()
    assert len(listed["items"]) == 1


async def test_list_is_newest_first_with_keyset_pagination(
    as_bob: httpx.AsyncClient, clock: FrozenClock
) -> None:
    ids = []
    for n in range(7):
        clock.advance(seconds=1)
        r = await as_bob.post("/api/v1/conversations", json=new_conversation(f"page-{n}"))
        ids.append(r.json()["id"])
    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, str | int] = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = ConversationPage.model_validate(
            (await as_bob.get("/api/v1/conversations", params=params)).json()
        )
        seen += [c.id for c in page.items]
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == list(reversed(ids))
    assert pages == 3


async def test_list_filters(as_bob: httpx.AsyncClient, world: World, clock: FrozenClock) -> None:
    a = (
        await as_bob.post(
            "/api/v1/conversations",
            json=new_conversation("f-1", team_id=world.spot_en, priority="high"),
        )
    ).json()
    clock.advance(minutes=5)
    b = (
        await as_bob.post(
            "/api/v1/conversations",
            json=new_conversation(
                "f-2",
                body="Tài khoản của tôi bị khóa sau khi đổi mật khẩu",
                channel="email",
                team_id=world.futures_vi,
            ),
        )
    ).json()
    await as_bob.patch(f"/api/v1/conversations/{b['id']}", json={"assignee_id": world.dave})

    async def ids(**params: Any) -> list[int]:
        r = await as_bob.get("/api/v1/conversations", params=params)
        assert r.status_code == 200, r.text
        return [c["id"] for c in r.json()["items"]]

    assert await ids(team_id=world.spot_en) == [a["id"]]
    assert await ids(assignee_id=world.dave) == [b["id"]]
    assert await ids(assignee_id="none") == [a["id"]]
    assert await ids(language="vi") == [b["id"]]
    assert await ids(language="vi-VN") == [b["id"]]
    assert await ids(channel="email") == [b["id"]]
    assert await ids(priority="high") == [a["id"]]
    assert await ids(status="open") == [b["id"], a["id"]]
    assert await ids(status="resolved") == []
    assert await ids(customer="f-1") == [a["id"]]
    since = (clock.now() - timedelta(minutes=1)).isoformat()
    assert await ids(updated_since=since) == [b["id"]]


async def test_list_query_count_does_not_grow_with_page_size(
    as_bob: httpx.AsyncClient, queries: QueryCounter
) -> None:
    for n in range(12):
        await as_bob.post("/api/v1/conversations", json=new_conversation(f"q-{n}"))
    queries.reset()
    r = await as_bob.get("/api/v1/conversations", params={"limit": 2})
    small = queries.count
    assert len(r.json()["items"]) == 2
    queries.reset()
    r = await as_bob.get("/api/v1/conversations", params={"limit": 12})
    assert len(r.json()["items"]) == 12
    assert queries.count == small
    assert small <= 2  # authentication, then the page itself


async def test_detail_query_count_does_not_grow_with_messages(
    as_bob: httpx.AsyncClient, queries: QueryCounter
) -> None:
    conv = (await as_bob.post("/api/v1/conversations", json=new_conversation("d-1"))).json()
    queries.reset()
    await as_bob.get(f"/api/v1/conversations/{conv['id']}")
    few = queries.count
    for n in range(10):
        await as_bob.post(
            f"/api/v1/conversations/{conv['id']}/messages", json={"body": f"reply number {n}"}
        )
    queries.reset()
    r = await as_bob.get(f"/api/v1/conversations/{conv['id']}")
    assert len(r.json()["messages"]) == 11
    assert queries.count == few


async def test_agent_reply_sets_first_response_and_note_stays_internal(
    as_carol: httpx.AsyncClient, world: World, clock: FrozenClock
) -> None:
    conv = (
        await as_carol.post(
            "/api/v1/conversations", json=new_conversation("r-1", team_id=world.spot_en)
        )
    ).json()
    assert conv["first_response_at"] is None
    clock.advance(seconds=42)
    note = await as_carol.post(
        f"/api/v1/conversations/{conv['id']}/messages",
        json={"body": "Checked the TXID: 3 confirmations so far.", "internal": True},
    )
    assert note.status_code == 201
    assert note.json()["internal"] is True
    after_note = (await as_carol.get(f"/api/v1/conversations/{conv['id']}")).json()
    assert after_note["first_response_at"] is None  # a note is not a response
    assert after_note["last_message_preview"] == "My USDT deposit has not arrived yet"

    clock.advance(seconds=3)
    reply = await as_carol.post(
        f"/api/v1/conversations/{conv['id']}/messages",
        json={"body": "Thanks for waiting, the deposit needs 20 confirmations."},
    )
    assert reply.status_code == 201
    assert reply.json()["author_agent_id"] == world.carol
    detail = (await as_carol.get(f"/api/v1/conversations/{conv['id']}")).json()
    assert detail["first_response_at"] == "2026-11-02T09:00:45Z"
    assert detail["message_count"] == 3
    assert [m["internal"] for m in detail["messages"]] == [False, True, False]


async def test_customer_reply_reopens_a_resolved_conversation(as_bob: httpx.AsyncClient) -> None:
    conv = (await as_bob.post("/api/v1/conversations", json=new_conversation("ro-1"))).json()
    r = await as_bob.patch(f"/api/v1/conversations/{conv['id']}", json={"status": "resolved"})
    assert r.json()["status"] == "resolved"
    assert r.json()["resolved_at"] is not None
    await as_bob.post(
        f"/api/v1/conversations/{conv['id']}/messages",
        json={"body": "It happened again today", "author_kind": "customer"},
    )
    after = (await as_bob.get(f"/api/v1/conversations/{conv['id']}")).json()
    assert after["status"] == "open"
    assert after["resolved_at"] is None


async def test_closed_conversation_refuses_messages(as_bob: httpx.AsyncClient) -> None:
    conv = (await as_bob.post("/api/v1/conversations", json=new_conversation("c-1"))).json()
    await as_bob.patch(f"/api/v1/conversations/{conv['id']}", json={"status": "closed"})
    r = await as_bob.post(
        f"/api/v1/conversations/{conv['id']}/messages",
        json={"body": "one more thing", "author_kind": "customer"},
    )
    assert r.status_code == 409
    assert "closed" in r.json()["detail"]
    detail = (await as_bob.get(f"/api/v1/conversations/{conv['id']}")).json()
    assert detail["message_count"] == 1


async def test_patch_updates_fields_and_validates_references(
    as_bob: httpx.AsyncClient, world: World
) -> None:
    conv = (await as_bob.post("/api/v1/conversations", json=new_conversation("p-1"))).json()
    url = f"/api/v1/conversations/{conv['id']}"
    r = await as_bob.patch(
        url,
        json={
            "priority": "urgent",
            "team_id": world.spot_en,
            "assignee_id": world.carol,
            "tags": ["scam-warning"],
            "status": "pending",
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["priority"], body["team_id"], body["assignee_id"]) == (
        "urgent",
        world.spot_en,
        world.carol,
    )
    assert body["tags"] == ["scam-warning"]
    assert body["status"] == "pending"

    missing_team = await as_bob.patch(url, json={"team_id": 9999})
    assert missing_team.status_code == 422
    assert "team_id 9999" in missing_team.json()["detail"]
    missing_agent = await as_bob.patch(url, json={"assignee_id": 9999})
    assert missing_agent.status_code == 422
    empty = await as_bob.patch(url, json={})
    assert empty.status_code == 422
    unassign = await as_bob.patch(url, json={"assignee_id": None})
    assert unassign.json()["assignee_id"] is None
    null_status = await as_bob.patch(url, json={"status": None})
    assert null_status.status_code == 422
    unchanged = (await as_bob.get(url)).json()
    assert unchanged["priority"] == "urgent"


async def test_message_pages_go_back_in_time(as_bob: httpx.AsyncClient) -> None:
    conv = (await as_bob.post("/api/v1/conversations", json=new_conversation("m-1"))).json()
    for n in range(4):
        await as_bob.post(
            f"/api/v1/conversations/{conv['id']}/messages", json={"body": f"agent line {n}"}
        )
    url = f"/api/v1/conversations/{conv['id']}/messages"
    first = (await as_bob.get(url, params={"limit": 3})).json()
    assert [m["body"] for m in first["items"]] == ["agent line 3", "agent line 2", "agent line 1"]
    second = (await as_bob.get(url, params={"limit": 3, "before": first["next_cursor"]})).json()
    assert [m["body"] for m in second["items"]] == ["agent line 0", conv["last_message_preview"]]
    assert second["next_cursor"] is None


async def test_message_idempotency_key(as_bob: httpx.AsyncClient) -> None:
    conv = (await as_bob.post("/api/v1/conversations", json=new_conversation("mi-1"))).json()
    url = f"/api/v1/conversations/{conv['id']}/messages"
    headers = {"Idempotency-Key": "client-msg-1"}
    one = await as_bob.post(url, json={"body": "sent twice"}, headers=headers)
    two = await as_bob.post(url, json={"body": "sent twice"}, headers=headers)
    assert (one.status_code, two.status_code) == (201, 200)
    assert one.json()["id"] == two.json()["id"]
    detail = (await as_bob.get(f"/api/v1/conversations/{conv['id']}")).json()
    assert detail["message_count"] == 2


@pytest.mark.parametrize(
    ("who", "visible"),
    [("as_alice", True), ("as_bob", True), ("as_carol", True), ("as_dave", False)],
)
async def test_agents_see_their_teams_only(
    request: pytest.FixtureRequest, as_bob: httpx.AsyncClient, world: World, who: str, visible: bool
) -> None:
    conv = (
        await as_bob.post(
            "/api/v1/conversations", json=new_conversation("v-1", team_id=world.spot_en)
        )
    ).json()
    client: httpx.AsyncClient = request.getfixturevalue(who)
    r = await client.get(f"/api/v1/conversations/{conv['id']}")
    assert r.status_code == (200 if visible else 404)
    listed = (await client.get("/api/v1/conversations")).json()["items"]
    assert (conv["id"] in [c["id"] for c in listed]) is visible
    reply = await client.post(
        f"/api/v1/conversations/{conv['id']}/messages", json={"body": "hello"}
    )
    assert reply.status_code == (201 if visible else 404)


async def test_missing_conversation_is_404(as_bob: httpx.AsyncClient) -> None:
    r = await as_bob.get("/api/v1/conversations/424242")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert "424242" in r.json()["detail"]
