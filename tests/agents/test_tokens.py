"""API tokens through the API: named, scoped, expiring, listed without their secrets, revoked
one by one, and refused at once by every process once revoked.

The people (tests/conftest.py): alice is an admin (every permission, tokens.manage included),
bob a supervisor (audit.read, no tokens.manage), carol and dave agents.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from firstline.audit.models import AuditEntry
from firstline.core.clock import FrozenClock
from firstline.core.db import Database
from firstline.core.settings import Settings
from firstline.jobs import run_pass
from firstline.web.app import create_app
from tests.conftest import T0, QueryCounter, World


def _as(api: httpx.AsyncClient, token: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=api._transport,
        base_url=api.base_url,
        headers={"Authorization": f"Bearer {token}"},
    )


async def _make(client: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    answer = await client.post("/api/v1/tokens", json={"name": "script", **body})
    assert answer.status_code == 201, answer.text
    created: dict[str, Any] = answer.json()
    return created


async def test_create_list_and_revoke_ones_own_token(
    api: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World, db: Database
) -> None:
    created = await _make(as_carol, name="CRM sync", scopes=["conversations.reply"])
    assert created["token"].startswith(created["prefix"])
    assert created["name"] == "CRM sync"
    assert created["scopes"] == ["conversations.reply"]
    assert created["agent_id"] == world.carol and created["created_by_agent_id"] == world.carol
    # Ninety days unless asked otherwise.
    assert created["expires_at"].startswith((T0 + timedelta(days=90)).date().isoformat())

    listed = (await as_carol.get("/api/v1/tokens")).json()["items"]
    mine = next(x for x in listed if x["id"] == created["id"])
    assert "token" not in mine and mine["prefix"] == created["prefix"]
    assert all(created["token"] not in str(x) for x in listed)

    scoped = _as(api, created["token"])
    me = (await scoped.get("/api/v1/me")).json()
    assert me["id"] == world.carol and me["permissions"] == ["conversations.reply"]

    assert (await as_carol.delete(f"/api/v1/tokens/{created['id']}")).status_code == 204
    refused = await scoped.get("/api/v1/me")
    assert refused.status_code == 401
    again = await as_carol.delete(f"/api/v1/tokens/{created['id']}")
    assert again.status_code == 404
    assert [x["id"] for x in (await as_carol.get("/api/v1/tokens")).json()["items"]] == [
        x["id"] for x in listed if x["id"] != created["id"]
    ]
    with_revoked = (await as_carol.get("/api/v1/tokens?include_revoked=true")).json()["items"]
    assert next(x for x in with_revoked if x["id"] == created["id"])["revoked_at"]

    async with db.session() as s:
        actions = list(
            await s.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.actor_agent_id == world.carol)
                .order_by(AuditEntry.id)
            )
        )
    assert actions[-2:] == ["token.created", "token.revoked"]


async def test_scopes_limit_even_an_admins_token(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient
) -> None:
    """A token scoped to replying cannot read the audit log or change routing, although its
    agent is an admin; the admin's unscoped token can."""
    reply_only = _as(api, (await _make(as_alice, scopes=["conversations.reply"]))["token"])
    assert (await reply_only.get("/api/v1/audit")).status_code == 403
    change = {"default_team_id": None}
    refused = await reply_only.patch("/api/v1/routing/settings", json=change)
    assert refused.status_code == 403
    assert "routing.configure" in refused.json()["detail"]
    assert (await reply_only.get("/api/v1/conversations")).status_code == 200

    assert (await as_alice.get("/api/v1/audit")).status_code == 200
    assert (await as_alice.patch("/api/v1/routing/settings", json=change)).status_code == 200

    # Nor can the scoped token mint a broader one: no scopes means its own, not the role's.
    minted = await _make(reply_only)
    assert minted["scopes"] == ["conversations.reply"]
    broader = await reply_only.post("/api/v1/tokens", json={"name": "x", "scopes": ["audit.read"]})
    assert broader.status_code == 422
    assert "audit.read" in broader.json()["detail"]


async def test_scopes_must_be_known_permissions_one_holds(as_carol: httpx.AsyncClient) -> None:
    not_held = await as_carol.post("/api/v1/tokens", json={"name": "x", "scopes": ["audit.read"]})
    assert not_held.status_code == 422
    assert not_held.json()["detail"] == (
        "A token can only carry permissions you hold; you lack audit.read."
    )
    unknown = await as_carol.post("/api/v1/tokens", json={"name": "x", "scopes": ["root"]})
    assert unknown.status_code == 422 and "root" in unknown.json()["detail"]
    french = await as_carol.post(
        "/api/v1/tokens",
        json={"name": "x", "scopes": ["audit.read"]},
        headers={"Accept-Language": "fr"},
    )
    assert "autorisations que vous détenez" in french.json()["detail"]
    for body in (
        {"name": ""},
        {"name": "x", "expires_in_days": 366},
        {"name": "x", "expires_in_days": 0},
    ):
        assert (await as_carol.post("/api/v1/tokens", json=body)).status_code == 422


async def test_only_tokens_manage_issues_a_token_that_never_expires(
    as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient
) -> None:
    refused = await as_carol.post("/api/v1/tokens", json={"name": "x", "expires_in_days": None})
    assert refused.status_code == 403
    forever = await _make(as_alice, expires_in_days=None)
    assert forever["expires_at"] is None
    week = await _make(as_carol, expires_in_days=7)
    assert week["expires_at"].startswith((T0 + timedelta(days=7)).date().isoformat())


async def test_an_expired_token_is_refused(
    api: httpx.AsyncClient, as_carol: httpx.AsyncClient, clock: FrozenClock
) -> None:
    day = _as(api, (await _make(as_carol, expires_in_days=1))["token"])
    assert (await day.get("/api/v1/me")).status_code == 200
    clock.advance(days=1, seconds=1)
    expired = await day.get("/api/v1/me")
    assert expired.status_code == 401
    assert expired.headers["www-authenticate"] == "Bearer"


async def test_admins_list_and_revoke_others_tokens_nobody_else_does(
    as_alice: httpx.AsyncClient,
    as_bob: httpx.AsyncClient,
    as_carol: httpx.AsyncClient,
    world: World,
) -> None:
    carols = await _make(as_carol)
    listed = (await as_alice.get(f"/api/v1/tokens?agent_id={world.carol}")).json()["items"]
    assert carols["id"] in [x["id"] for x in listed]
    # A supervisor (no tokens.manage) and an agent see no one else's tokens: they do not exist.
    assert (await as_bob.get(f"/api/v1/tokens?agent_id={world.carol}")).status_code == 404
    assert (await as_carol.get(f"/api/v1/tokens?agent_id={world.alice}")).status_code == 404
    assert (await as_bob.delete(f"/api/v1/tokens/{carols['id']}")).status_code == 404
    assert (await as_carol.delete(f"/api/v1/tokens/{2**40}")).status_code == 404
    assert (await as_alice.delete(f"/api/v1/tokens/{carols['id']}")).status_code == 204


async def test_one_query_authenticates_and_last_use_is_written_in_batches(
    db: Database, settings: Settings, world: World, queries: QueryCounter, clock: FrozenClock
) -> None:
    app = create_app(settings, database=db)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 5000))
    headers = {"Authorization": f"Bearer {world.tokens['carol']}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://t", headers=headers
    ) as carol:
        queries.reset()
        assert (await carol.get("/api/v1/tokens")).status_code == 200
        assert sum("api_tokens t" in q for q in queries.statements) == 1
        # No write on the request path: the use waits for the batch.
        assert not any(q.lstrip().upper().startswith("UPDATE") for q in queries.statements)
        uses = app.state.token_uses
        assert await uses.flush() == 1
        (row,) = (await carol.get("/api/v1/tokens")).json()["items"]
        assert row["last_used_at"].startswith(T0.isoformat()[:19])
        assert row["last_used_address"] == "203.0.113.7"
        # Within the minute, further requests note nothing; after it, the next one does.
        clock.advance(seconds=30)
        await carol.get("/api/v1/tokens")
        assert await uses.flush() == 0
        clock.advance(seconds=31)
        await carol.get("/api/v1/tokens")
        assert await uses.flush() == 1


async def test_a_day_of_token_use_becomes_one_audit_entry(
    db: Database, settings: Settings, world: World, clock: FrozenClock, as_alice: httpx.AsyncClient
) -> None:
    app = create_app(settings, database=db)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 5000))
    headers = {"Authorization": f"Bearer {world.tokens['carol']}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://t", headers=headers
    ) as carol:
        for _ in range(3):
            assert (await carol.get("/api/v1/me")).status_code == 200
        await app.state.token_uses.flush()
        for _ in range(2):  # a second flush the same day adds to the count
            assert (await carol.get("/api/v1/me")).status_code == 200
        await app.state.token_uses.flush()

    async def used() -> list[dict[str, Any]]:
        r = await as_alice.get("/api/v1/audit", params={"action": "token.used"})
        assert r.status_code == 200, r.text
        return list(r.json()["items"])

    # While the day runs (and just after midnight, when a process may still flush) nothing
    # is written; once it is over, one entry says how many requests and from where.
    await run_pass(db)
    assert await used() == []
    clock.advance(hours=15, minutes=1)  # 00:01 the next day
    await run_pass(db)
    assert await used() == []
    clock.advance(minutes=5)
    report = await run_pass(db)
    assert report.token_days_summarized == 1
    (entry,) = await used()
    assert entry["data"]["uses"] == 5 and entry["data"]["day"] == T0.date().isoformat()
    assert entry["data"]["last_address"] == "203.0.113.9"
    assert entry["actor_agent_id"] == world.carol
    # Summarized once, however often the job runs.
    assert (await run_pass(db)).token_days_summarized == 0
    assert len(await used()) == 1


@pytest.fixture
async def second_app(
    database_url: str, clock: FrozenClock, settings: Settings
) -> AsyncIterator[httpx.AsyncClient]:
    """Another server process on the same database: its own engines, event bus and memory."""
    other = Database(database_url, clock=clock, pool_size=2)
    app = create_app(settings, database=other)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://other") as client:
        yield client
    await other.dispose()


async def test_revocation_disable_and_role_change_hold_at_once_in_another_process(
    as_alice: httpx.AsyncClient,
    as_carol: httpx.AsyncClient,
    second_app: httpx.AsyncClient,
    world: World,
) -> None:
    made = await _make(as_carol)
    elsewhere = {"Authorization": f"Bearer {made['token']}"}
    for _ in range(3):  # warm whatever the other process might keep
        assert (await second_app.get("/api/v1/me", headers=elsewhere)).status_code == 200
    assert (await as_carol.delete(f"/api/v1/tokens/{made['id']}")).status_code == 204
    assert (await second_app.get("/api/v1/me", headers=elsewhere)).status_code == 401

    bob = {"Authorization": f"Bearer {world.tokens['bob']}"}
    me = (await second_app.get("/api/v1/me", headers=bob)).json()
    assert "audit.read" in me["permissions"]
    changed = await as_alice.patch(f"/api/v1/agents/{world.bob}", json={"role": "agent"})
    assert changed.status_code == 200, changed.text
    me = (await second_app.get("/api/v1/me", headers=bob)).json()
    assert "audit.read" not in me["permissions"]
    assert (await second_app.get("/api/v1/audit", headers=bob)).status_code == 403

    dave = {"Authorization": f"Bearer {world.tokens['dave']}"}
    assert (await second_app.get("/api/v1/me", headers=dave)).status_code == 200
    off = await as_alice.patch(f"/api/v1/agents/{world.dave}", json={"is_active": False})
    assert off.status_code == 200, off.text
    assert (await second_app.get("/api/v1/me", headers=dave)).status_code == 401
