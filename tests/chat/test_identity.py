"""Customers' identity in the chat widget: identity tokens from the company's backend, the
older user_hash behind an admin's switch, and chat tokens that expire and can be revoked.

The people (tests/conftest.py): alice is an admin, bob a supervisor (customers.edit), carol an
agent (no customers.edit)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest

from firstline.chat.identity import mint_identity_token, user_hash
from firstline.core.clock import FrozenClock
from firstline.core.db import Database
from firstline.core.secrets import instance_secret
from tests.conftest import World


async def _widget_secret(db: Database) -> str:
    return await instance_secret(db, "widget_key")


async def _send(api: httpx.AsyncClient, token: str, body: str = "Hello") -> httpx.Response:
    return await api.post(
        "/chat/api/messages",
        json={"body": body, "client_id": uuid.uuid4().hex},
        headers={"X-Chat-Token": token},
    )


async def _session(api: httpx.AsyncClient, **body: Any) -> httpx.Response:
    api.cookies.clear()
    return await api.post("/chat/api/session", json=body)


async def test_an_identity_token_names_the_customer(
    api: httpx.AsyncClient, db: Database, clock: FrozenClock
) -> None:
    secret = await _widget_secret(db)
    token = mint_identity_token(
        secret, "u-2001", at=clock.now(), jti=uuid.uuid4().hex, name="Linh Tran",
        email="linh@example.com", language="vi", tier="vip2",
    )  # fmt: skip
    r = await _session(api, identity_token=token)
    assert r.status_code == 200, r.text
    assert r.json()["visitor"] is None and r.json()["language"] == "vi"
    assert (await _send(api, r.json()["token"])).status_code == 201


@pytest.mark.parametrize(
    "case",
    ["wrong secret", "expired", "too far ahead", "no exp", "alg none", "visitor namespace"],
)
async def test_a_bad_identity_token_is_refused(
    api: httpx.AsyncClient, db: Database, clock: FrozenClock, case: str
) -> None:
    import jwt

    secret = await _widget_secret(db)
    at = clock.now()
    tokens = {
        "wrong secret": mint_identity_token("not-the-widget-secret-of-this-server", "u-1", at=at),
        "expired": mint_identity_token(secret, "u-1", at=at - timedelta(minutes=20)),
        # A token that lives a day is a user_hash in disguise.
        "too far ahead": mint_identity_token(secret, "u-1", at=at, lifetime=timedelta(days=1)),
        "no exp": jwt.encode({"sub": "u-1", "iat": int(at.timestamp())}, secret, "HS256"),
        "alg none": jwt.encode(
            {"sub": "u-1", "iat": int(at.timestamp()), "exp": int(at.timestamp()) + 60},
            "",
            algorithm="none",
        ),
        "visitor namespace": mint_identity_token(secret, "visitor:abc", at=at),
    }
    r = await _session(api, identity_token=tokens[case])
    assert r.status_code == 401
    assert r.json()["detail"].startswith("The identity token is not valid")


async def test_an_identity_token_with_a_jti_opens_one_session_only(
    api: httpx.AsyncClient, db: Database, clock: FrozenClock
) -> None:
    token = mint_identity_token(await _widget_secret(db), "u-3", at=clock.now(), jti="once-1")
    assert (await _session(api, identity_token=token)).status_code == 200
    replayed = await _session(api, identity_token=token)
    assert replayed.status_code == 401
    assert "already used" in replayed.json()["detail"]


async def test_user_hash_works_until_an_admin_switches_it_off(
    api: httpx.AsyncClient, db: Database, world: World, as_alice: httpx.AsyncClient,
    as_bob: httpx.AsyncClient,
) -> None:  # fmt: skip
    # The audit: user_hash never expires, so one that leaked opens the chat forever. Admins
    # can now refuse it.
    secret = await _widget_secret(db)
    body = {"user_id": "u-1001", "user_hash": user_hash(secret, "u-1001")}
    assert (await _session(api, **body)).status_code == 200
    assert (await as_alice.get("/api/v1/chat/identity")).json()["user_hash_allowed"] is True

    refused = await as_bob.put("/api/v1/chat/identity", json={"user_hash_allowed": False})
    assert refused.status_code == 403  # supervisors lack security.configure
    off = await as_alice.put("/api/v1/chat/identity", json={"user_hash_allowed": False})
    assert off.status_code == 200 and off.json()["user_hash_allowed"] is False
    r = await _session(api, **body)
    assert r.status_code == 401
    assert "switched off" in r.json()["detail"]
    # Identity tokens and visitors still work.
    assert (await _session(api)).status_code == 200


async def test_a_chat_token_ends_after_a_day_unused_and_a_month_in_all(
    api: httpx.AsyncClient, clock: FrozenClock
) -> None:
    # The audit: chat tokens were bearer credentials good for 90 days.
    idle = (await _session(api)).json()["token"]
    clock.advance(hours=25)
    assert (await _send(api, idle)).status_code == 401

    busy = (await _session(api)).json()["token"]
    hours = 0
    while True:
        r = await api.get("/chat/api/messages", headers={"X-Chat-Token": busy})
        if r.status_code != 200:
            break
        clock.advance(hours=23)
        hours += 23
    assert r.status_code == 401
    assert 30 * 24 <= hours < 30 * 24 + 23  # used every day, still ended after 30 days
    assert r.json()["detail"] == "This chat session has ended or is not valid; start a new one."


async def test_an_agent_with_customers_edit_revokes_a_customers_chat_tokens(
    api: httpx.AsyncClient, db: Database, world: World, clock: FrozenClock,
    as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient,
) -> None:  # fmt: skip
    # The audit: a chat token could not be revoked.
    token = mint_identity_token(await _widget_secret(db), "u-4242", at=clock.now())
    chat = (await _session(api, identity_token=token)).json()["token"]
    assert (await _send(api, chat, "My account was taken over")).status_code == 201

    refused = await as_carol.delete("/api/v1/customers/u-4242/chat-sessions")
    assert refused.status_code in (403, 404)
    assert (await _send(api, chat)).status_code == 201  # still works

    assert (await as_bob.get("/api/v1/customers/u-4242/chat-sessions")).json() == {"live": 1}
    revoked = await as_bob.delete("/api/v1/customers/u-4242/chat-sessions")
    assert revoked.status_code == 200 and revoked.json() == {"revoked": 1}
    assert (await _send(api, chat)).status_code == 401
    history = await api.get("/chat/api/messages", headers={"X-Chat-Token": chat})
    assert history.status_code == 401
    assert (await as_bob.get("/api/v1/customers/u-4242/chat-sessions")).json() == {"live": 0}
    missing = await as_bob.delete("/api/v1/customers/nobody/chat-sessions")
    assert missing.status_code == 404


async def test_a_chat_token_is_not_kept_in_the_database(
    api: httpx.AsyncClient, db: Database
) -> None:
    from sqlalchemy import text

    token = (await _session(api)).json()["token"]
    async with db.session() as s:
        stored = (await s.execute(text("SELECT token_hash FROM chat_sessions"))).scalars().all()
    assert stored and token not in stored
