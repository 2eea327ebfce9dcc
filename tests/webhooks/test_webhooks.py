"""Outbound webhooks through the public interfaces: the HTTP API registers them, the jobs'
pass (`run_pass`, what `firstline jobs` and the server run) delivers them to a real receiver
on loopback, which checks every signature itself."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import func, select

from firstline.audit.models import AuditEntry
from firstline.conversations.actions import do_open_conversation
from firstline.conversations.schemas import ConversationCreate
from firstline.core.clock import FrozenClock
from firstline.core.db import Database
from firstline.core.outbox import Attempt, OutboxRow, claim, record
from firstline.jobs import run_pass
from firstline.webhooks.delivery import BACKOFF
from tests.conftest import QueryCounter, World
from tests.helpers import new_conversation
from tests.quality.test_reviews import _answered_and_resolved, _rate
from tests.test_cli import firstline
from tests.webhooks.conftest import Receiver, verify


async def _register(client: httpx.AsyncClient, url: str, events: list[str]) -> dict[str, object]:
    r = await client.post("/api/v1/webhooks", json={"url": url, "events": events})
    assert r.status_code == 201, r.text
    body: dict[str, object] = r.json()
    return body


async def _deliveries(client: httpx.AsyncClient, webhook_id: object) -> list[dict[str, object]]:
    r = await client.get(f"/api/v1/webhooks/{webhook_id}/deliveries")
    assert r.status_code == 200, r.text
    items: list[dict[str, object]] = r.json()["items"]
    return items


async def _outbox_rows(db: Database) -> int:
    async with db.session() as s:
        return int(await s.scalar(select(func.count()).select_from(OutboxRow)) or 0)


async def test_delivered_once_signed_to_a_subscriber(
    as_alice: httpx.AsyncClient, receiver: Receiver, db: Database
) -> None:
    hook = await _register(as_alice, receiver.url, ["conversation.opened"])
    secret = str(hook["secret"])
    assert secret.startswith("whsec_") and hook["active"] is True
    r = await as_alice.post("/api/v1/conversations", json=new_conversation())
    assert r.status_code == 201
    conversation_id = r.json()["id"]

    report = await run_pass(db)
    assert report.webhooks_delivered == 1 and not report.errors
    assert (await run_pass(db)).webhooks_delivered == 0  # never twice
    assert len(receiver.received) == 1  # message.posted is not subscribed
    got = receiver.received[0]
    assert verify(secret, got.headers, got.body)
    assert not verify(secret.replace(secret[-6:], "AAAAA="), got.headers, got.body)
    assert got.headers["webhook-id"].startswith("msg_")
    assert got.json["type"] == "conversation.opened"
    assert got.json["data"]["conversation_id"] == conversation_id
    assert got.json["timestamp"] == "2026-11-02T09:00:00Z"
    assert "audience" not in got.json["data"]

    [delivery] = await _deliveries(as_alice, hook["id"])
    assert delivery["state"] == "delivered" and delivery["attempts"] == 1
    assert delivery["status_code"] == 200 and delivery["next_attempt_at"] is None
    assert delivery["msg_id"] == got.headers["webhook-id"]


async def test_secret_shown_once_and_every_change_audited(
    as_alice: httpx.AsyncClient, db: Database, world: World
) -> None:
    hook = await _register(as_alice, "https://hooks.example.com/in", ["*"])
    listed = (await as_alice.get("/api/v1/webhooks")).json()
    assert [w["id"] for w in listed] == [hook["id"]] and "secret" not in listed[0]
    one = (await as_alice.get(f"/api/v1/webhooks/{hook['id']}")).json()
    assert "secret" not in one and one["events"] == ["*"]
    r = await as_alice.patch(
        f"/api/v1/webhooks/{hook['id']}", json={"events": ["sla.breached"], "active": False}
    )
    assert r.status_code == 200 and r.json()["events"] == ["sla.breached"]
    assert r.json()["active"] is False
    rotated = (await as_alice.post(f"/api/v1/webhooks/{hook['id']}/rotate-secret")).json()
    assert rotated["secret"].startswith("whsec_") and rotated["secret"] != hook["secret"]
    assert (await as_alice.delete(f"/api/v1/webhooks/{hook['id']}")).status_code == 204
    assert (await as_alice.get(f"/api/v1/webhooks/{hook['id']}")).status_code == 404

    async with db.session() as s:
        entries = (
            await s.execute(
                select(AuditEntry.action, AuditEntry.actor_agent_id, AuditEntry.data)
                .where(AuditEntry.entity_type == "webhook")
                .order_by(AuditEntry.id)
            )
        ).all()
    assert [e.action for e in entries] == [
        "webhook.created", "webhook.updated", "webhook.secret_rotated", "webhook.deleted",
    ]  # fmt: skip
    assert {e.actor_agent_id for e in entries} == {world.alice}
    assert all("whsec_" not in str(e.data) for e in entries)
    # What each change was, from and to (audit/tables.py); the secret is never in it.
    assert entries[1].data == {
        "before": {"events": ["*"], "active": True},
        "after": {"events": ["sla.breached"], "active": False},
    }
    assert set(entries[0].data["after"]) == set(entries[3].data["before"]) == {
        "url", "events", "active",
    }  # fmt: skip


async def test_retried_after_a_500_with_the_same_message_id(
    as_alice: httpx.AsyncClient, receiver: Receiver, db: Database, clock: FrozenClock
) -> None:
    hook = await _register(as_alice, receiver.url, ["conversation.opened"])
    receiver.statuses = [500]
    await as_alice.post("/api/v1/conversations", json=new_conversation())

    assert (await run_pass(db)).webhooks_delivered == 0
    [delivery] = await _deliveries(as_alice, hook["id"])
    assert delivery["state"] == "pending" and delivery["attempts"] == 1
    assert delivery["status_code"] == 500 and "500" in str(delivery["error"])
    assert delivery["next_attempt_at"] == "2026-11-02T09:00:05Z"
    await run_pass(db)  # not due yet
    assert len(receiver.received) == 1

    clock.advance(seconds=5)
    assert (await run_pass(db)).webhooks_delivered == 1
    first, second = receiver.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert verify(str(hook["secret"]), second.headers, second.body)
    [delivery] = await _deliveries(as_alice, hook["id"])
    assert delivery["state"] == "delivered" and delivery["attempts"] == 2


async def test_gives_up_after_the_last_retry(
    as_alice: httpx.AsyncClient, receiver: Receiver, db: Database, clock: FrozenClock
) -> None:
    hook = await _register(as_alice, receiver.url, ["*"])
    receiver.statuses = [503] * 100
    r = await as_alice.post(f"/api/v1/webhooks/{hook['id']}/test")
    assert r.status_code == 202
    await run_pass(db)
    for wait in BACKOFF:
        clock.advance(seconds=wait.total_seconds())
        await run_pass(db)
    clock.advance(days=2)
    await run_pass(db)
    assert len(receiver.received) == len(BACKOFF) + 1
    assert receiver.received[0].json["type"] == "webhook.test"
    [delivery] = await _deliveries(as_alice, hook["id"])
    assert delivery["state"] == "failed" and delivery["attempts"] == len(BACKOFF) + 1
    assert delivery["status_code"] == 503 and delivery["next_attempt_at"] is None


async def test_a_dead_workers_claim_expires_and_a_restarted_worker_delivers(
    as_alice: httpx.AsyncClient,
    receiver: Receiver,
    db: Database,
    database_url: str,
    clock: FrozenClock,
) -> None:
    hook = await _register(as_alice, receiver.url, ["conversation.opened"])
    await as_alice.post("/api/v1/conversations", json=new_conversation())
    # A worker claims the row and dies before sending anything.
    [dead] = await claim(db, "webhook", limit=10)
    assert (await run_pass(db)).webhooks_delivered == 0  # its lease still holds
    assert receiver.received == []

    clock.advance(minutes=6)
    restarted = Database(database_url, clock=clock, pool_size=2)
    try:
        assert (await run_pass(restarted)).webhooks_delivered == 1
        # The dead worker's late report cannot undo the delivery that followed it.
        await record(restarted, [(dead, Attempt(delivered=False, error="late"))], BACKOFF)
    finally:
        await restarted.dispose()
    assert len(receiver.received) == 1
    [delivery] = await _deliveries(as_alice, hook["id"])
    assert delivery["state"] == "delivered" and delivery["attempts"] == 2
    assert delivery["error"] is None


async def test_an_attempt_on_its_way_is_sending_not_failed(
    as_alice: httpx.AsyncClient, receiver: Receiver, db: Database, clock: FrozenClock
) -> None:
    """Between a worker's claim and its report the log says the attempt is being sent: it has
    not failed, and it is not waiting for a next try."""
    hook = await _register(as_alice, receiver.url, ["conversation.opened"])
    await as_alice.post("/api/v1/conversations", json=new_conversation())
    [queued] = await _deliveries(as_alice, hook["id"])
    assert queued["sending"] is False and queued["attempts"] == 0
    assert queued["next_attempt_at"] is not None

    [claimed] = await claim(db, "webhook", limit=10)
    [sending] = await _deliveries(as_alice, hook["id"])
    assert sending["state"] == "pending" and sending["sending"] is True
    assert sending["attempts"] == 1 and sending["next_attempt_at"] is None
    assert sending["status_code"] is None and sending["error"] is None

    await record(db, [(claimed, Attempt(delivered=False, status=503, error="503"))], BACKOFF)
    [retrying] = await _deliveries(as_alice, hook["id"])
    assert retrying["sending"] is False and retrying["status_code"] == 503
    assert retrying["next_attempt_at"] is not None

    # A worker that died mid-send holds the row no longer than its lease.
    clock.advance(seconds=5)
    await claim(db, "webhook", limit=10)
    [again] = await _deliveries(as_alice, hook["id"])
    assert again["sending"] is True and again["status_code"] == 503
    clock.advance(minutes=6)
    [expired] = await _deliveries(as_alice, hook["id"])
    assert expired["sending"] is False and expired["attempts"] == 2


async def test_two_workers_never_claim_the_same_row(
    as_alice: httpx.AsyncClient, db: Database, database_url: str, clock: FrozenClock
) -> None:
    await _register(as_alice, "https://hooks.example.com/in", ["*"])
    for _ in range(3):
        await as_alice.post("/api/v1/conversations", json=new_conversation())
    other = Database(database_url, clock=clock, pool_size=2)
    try:
        first = await claim(db, "webhook", limit=4)
        second = await claim(other, "webhook", limit=100)
    finally:
        await other.dispose()
    # Three conversations: an opened and a posted event each.
    assert len(first) == 4 and len(second) == 2
    assert not {c.id for c in first} & {c.id for c in second}


async def test_nothing_is_written_when_the_transaction_rolls_back(
    as_alice: httpx.AsyncClient, receiver: Receiver, db: Database
) -> None:
    await _register(as_alice, receiver.url, ["*"])
    with pytest.raises(RuntimeError):
        async with db.transaction(raw_writes=True) as s:
            await do_open_conversation(
                s, ConversationCreate.model_validate(new_conversation()), acting_agent_id=None
            )
            raise RuntimeError("the request failed after the event was emitted")
    assert await _outbox_rows(db) == 0
    assert (await run_pass(db)).webhooks_delivered == 0
    assert receiver.received == []
    # The same write, committed, is written and delivered.
    async with db.transaction(raw_writes=True) as s:
        await do_open_conversation(
            s, ConversationCreate.model_validate(new_conversation()), acting_agent_id=None
        )
    assert await _outbox_rows(db) == 2
    assert (await run_pass(db)).webhooks_delivered == 2


async def test_inactive_and_deleted_webhooks_get_nothing(
    as_alice: httpx.AsyncClient, receiver: Receiver, db: Database
) -> None:
    hook = await _register(as_alice, receiver.url, ["conversation.opened"])
    await as_alice.patch(f"/api/v1/webhooks/{hook['id']}", json={"active": False})
    await as_alice.post("/api/v1/conversations", json=new_conversation())
    assert await _outbox_rows(db) == 0

    await as_alice.patch(f"/api/v1/webhooks/{hook['id']}", json={"active": True})
    await as_alice.post("/api/v1/conversations", json=new_conversation())
    log = await _deliveries(as_alice, hook["id"])
    assert (await as_alice.delete(f"/api/v1/webhooks/{hook['id']}")).status_code == 204
    assert (await run_pass(db)).webhooks_delivered == 0
    assert receiver.received == [] and len(log) == 1
    async with db.session() as s:
        assert (await s.scalar(select(OutboxRow.state))) == "cancelled"


@pytest.mark.parametrize("who", ["as_bob", "as_carol"])
async def test_only_admins_see_webhooks(
    who: str, as_alice: httpx.AsyncClient, request: pytest.FixtureRequest
) -> None:
    hook = await _register(as_alice, "https://hooks.example.com/in", ["*"])
    other: httpx.AsyncClient = request.getfixturevalue(who)
    base = f"/api/v1/webhooks/{hook['id']}"
    for r in (
        await other.post("/api/v1/webhooks", json={"url": "https://x.example", "events": ["*"]}),
        await other.get("/api/v1/webhooks"),
        await other.get("/api/v1/webhooks/events"),
        await other.get(base),
        await other.patch(base, json={"active": False}),
        await other.delete(base),
        await other.post(f"{base}/rotate-secret"),
        await other.post(f"{base}/test"),
        await other.get(f"{base}/deliveries"),
    ):
        assert r.status_code == 404, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
    assert (await as_alice.get(base)).json()["active"] is True


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://10.1.2.3/hook",
        "https://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://localhost/hook",
        "http://api.localhost./hook",
        "http://0.0.0.0/hook",
    ],
)
async def test_ssrf_private_addresses_are_refused(
    url: str, as_alice: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FIRSTLINE_WEBHOOKS_ALLOW_PRIVATE")
    r = await as_alice.post("/api/v1/webhooks", json={"url": url, "events": ["*"]})
    assert r.status_code == 422, r.text
    assert "private" in r.json()["detail"]
    assert (await as_alice.get("/api/v1/webhooks")).json() == []


async def test_ssrf_a_name_resolving_to_loopback_is_not_sent_to(
    as_alice: httpx.AsyncClient, receiver: Receiver, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Registered while allowed; the deployment then forbids private addresses. "localhost"
    # spelled as an IPv4 number is not a literal the registration check can see.
    url = receiver.url.replace("127.0.0.1", "2130706433")
    hook = await _register(as_alice, url, ["conversation.opened"])
    monkeypatch.delenv("FIRSTLINE_WEBHOOKS_ALLOW_PRIVATE")
    await as_alice.post("/api/v1/conversations", json=new_conversation())
    assert (await run_pass(db)).webhooks_delivered == 0
    assert receiver.received == []
    [delivery] = await _deliveries(as_alice, hook["id"])
    assert delivery["state"] == "pending" and "private address" in str(delivery["error"])


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"url": "ftp://example.com/x", "events": ["*"]}, "http"),
        ({"url": "not a url", "events": ["*"]}, "http"),
        ({"url": "https://example.com/x", "events": []}, "at least one"),
        ({"url": "https://example.com/x", "events": ["conversation.exploded"]}, "not an event"),
        ({"url": "https://example.com/x"}, "events"),
        ({"url": "https://example.com/x", "events": ["*"], "colour": "red"}, "colour"),
        ({"url": "https://example.com/x", "events": "conversation.opened"}, "events"),
        ({"url": "http://example.com:99999/x", "events": ["*"]}, "not a valid URL"),
    ],
)
async def test_bad_input_is_a_422_problem(
    body: dict[str, object], says: str, as_alice: httpx.AsyncClient
) -> None:
    r = await as_alice.post("/api/v1/webhooks", json=body)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert says in r.json()["detail"]


async def test_patch_checks_like_create(as_alice: httpx.AsyncClient) -> None:
    hook = await _register(as_alice, "https://hooks.example.com/in", ["*"])
    base = f"/api/v1/webhooks/{hook['id']}"
    assert (await as_alice.patch(base, json={"url": "gopher://x"})).status_code == 422
    assert (await as_alice.patch(base, json={"events": ["nope"]})).status_code == 422
    assert (await as_alice.patch(base, json={"active": None})).status_code == 422
    assert (await as_alice.get("/api/v1/webhooks/999")).status_code == 404
    events = (await as_alice.get("/api/v1/webhooks/events")).json()
    assert events[0] == "*" and "conversation.opened" in events and "message.posted" in events


async def test_delivery_log_pages_with_a_fixed_number_of_queries(
    as_alice: httpx.AsyncClient, db: Database, queries: QueryCounter
) -> None:
    hook = await _register(as_alice, "https://hooks.example.com/in", ["*"])
    for _ in range(3):
        await as_alice.post(f"/api/v1/webhooks/{hook['id']}/test")
    base = f"/api/v1/webhooks/{hook['id']}/deliveries"
    counts = []
    for limit in (1, 3):
        queries.reset()
        r = await as_alice.get(base, params={"limit": limit})
        assert r.status_code == 200 and len(r.json()["items"]) == limit
        counts.append(queries.count)
    assert counts[0] == counts[1]
    first = (await as_alice.get(base, params={"limit": 2})).json()
    rest = (await as_alice.get(base, params={"limit": 2, "cursor": first["next_cursor"]})).json()
    ids = [d["id"] for d in first["items"] + rest["items"]]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 3
    assert rest["next_cursor"] is None
    assert (await as_alice.get(base, params={"cursor": "garbage"})).status_code == 422


async def test_a_receiver_that_is_down_is_retried(
    as_alice: httpx.AsyncClient, db: Database, clock: FrozenClock
) -> None:
    # Nothing listens on port 9 of loopback (discard): the connection is refused.
    hook = await _register(as_alice, "http://127.0.0.1:9/hook", ["*"])
    await as_alice.post(f"/api/v1/webhooks/{hook['id']}/test")
    assert (await run_pass(db)).webhooks_delivered == 0
    [delivery] = await _deliveries(as_alice, hook["id"])
    assert delivery["state"] == "pending" and delivery["status_code"] is None
    assert "connect" in str(delivery["error"]).lower()
    assert delivery["next_attempt_at"] == (clock.now() + timedelta(seconds=5)).isoformat().replace(
        "+00:00", "Z"
    )


async def test_events_of_a_cli_command_reach_the_webhooks_too(
    as_alice: httpx.AsyncClient,
    receiver: Receiver,
    db: Database,
    database_url: str,
    clock: FrozenClock,
) -> None:
    hook = await _register(as_alice, receiver.url, ["agent.created"])
    result = await asyncio.to_thread(
        firstline, "agent", "create", "--email", "erin@example.com", "--name", "Erin",
        "--role", "agent", url=database_url,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # The command ran on the real clock: its event is due then, a month after the tests' clock.
    clock.advance(seconds=(datetime.now(UTC) - clock.now()).total_seconds() + 1)
    assert (await run_pass(db)).webhooks_delivered == 1
    [got] = receiver.received
    assert got.json["type"] == "agent.created"
    assert verify(str(hook["secret"]), got.headers, got.body)


async def test_the_log_keeps_finished_deliveries_thirty_days(
    as_alice: httpx.AsyncClient, receiver: Receiver, db: Database, clock: FrozenClock
) -> None:
    hook = await _register(as_alice, receiver.url, ["*"])
    await as_alice.post(f"/api/v1/webhooks/{hook['id']}/test")
    assert (await run_pass(db)).webhooks_delivered == 1
    clock.advance(days=29)
    await run_pass(db)
    assert len(await _deliveries(as_alice, hook["id"])) == 1
    receiver.statuses = [500]
    await as_alice.post(f"/api/v1/webhooks/{hook['id']}/test")  # fails: stays pending
    await run_pass(db)
    clock.advance(days=2)
    await run_pass(db)
    assert [d["state"] for d in await _deliveries(as_alice, hook["id"])] == ["delivered"]
    [left] = await _deliveries(as_alice, hook["id"])
    assert left["attempts"] == 2  # the retried test delivery; the first one is gone


async def test_a_rating_reaches_a_subscriber_as_csat_answered(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient,
    receiver: Receiver, db: Database, world: World,
) -> None:  # fmt: skip
    hook = await _register(as_alice, receiver.url, ["csat.answered"])
    token, cid = await _answered_and_resolved(api, as_carol, "Card payment failed", "Fixed it.")
    await _rate(api, token, cid, 2)
    r = await api.post(
        "/chat/api/csat", headers={"X-Chat-Token": token},
        json={"conversation_id": cid, "score": 4, "comment": "Actually it works now"},
    )  # fmt: skip
    assert r.status_code == 200, r.text

    report = await run_pass(db)
    assert report.webhooks_delivered == 2 and not report.errors
    first, second = sorted(receiver.received, key=lambda got: got.json["data"]["score"])
    assert all(verify(str(hook["secret"]), got.headers, got.body) for got in receiver.received)
    assert first.json["type"] == "csat.answered"
    data = first.json["data"]
    assert (data["conversation_id"], data["score"], data["previous"]) == (cid, 2, None)
    assert second.json["data"]["previous"] == 2
    assert second.json["data"]["comment"] == "Actually it works now"
    assert second.json["data"]["agent_id"] == world.carol and second.json["data"]["via"] == "chat"
