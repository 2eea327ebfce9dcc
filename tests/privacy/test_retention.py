"""Retention rules: admins set them, the jobs apply them a batch at a time."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from firstline.core.clock import FrozenClock
from firstline.core.db import Database
from firstline.customers.models import Customer
from firstline.jobs import run_pass
from tests.conftest import World
from tests.helpers import new_conversation
from tests.privacy.conftest import Lan


async def test_only_security_configure_reads_and_sets_the_rules(
    as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient
) -> None:
    url = "/api/v1/privacy/retention"
    assert (await as_bob.get(url)).status_code == 403
    assert (await as_bob.put(url, json={"erase_inactive_days": 365})).status_code == 403
    r = await as_alice.get(url)
    assert r.json() == {"erase_inactive_days": None, "batch": 50}  # off by default
    assert (await as_alice.put(url, json={"erase_inactive_days": 3})).status_code == 422
    assert (await as_alice.put(url, json={"batch": 0})).status_code == 422
    assert (await as_alice.put(url, json={"other": 1})).status_code == 422
    r = await as_alice.put(url, json={"erase_inactive_days": 730, "batch": 2})
    assert r.status_code == 200
    assert r.json() == {"erase_inactive_days": 730, "batch": 2}
    r = await as_alice.put(url, json={"erase_inactive_days": None})
    assert r.json() == {"erase_inactive_days": None, "batch": 2}
    r = await as_alice.get("/api/v1/audit", params={"action": "retention.changed"})
    if r.status_code == 200:  # the audit log's API (its own tests cover it)
        assert len(r.json()["items"]) == 2


async def test_inactive_customers_are_erased_in_batches_and_active_ones_kept(
    lan: Lan,
    as_alice: httpx.AsyncClient,
    as_bob: httpx.AsyncClient,
    world: World,
    db: Database,
    clock: FrozenClock,
) -> None:
    for n in range(3):
        payload = new_conversation(f"old-{n}", team_id=world.spot_en)
        payload["customer"]["email"] = f"old{n}@example.com"
        assert (await as_alice.post("/api/v1/conversations", json=payload)).status_code == 201
    # Nothing happens while the rule is off, however old the customers.
    clock.advance(days=800)
    report = await run_pass(db)
    assert report.customers_erased == 0
    # Lan writes again in her open conversation (her customer row does not change).
    r = await as_bob.post(
        f"/api/v1/conversations/{lan.conversation_id}/messages",
        json={"body": "Any news?", "author_kind": "customer"},
    )
    assert r.status_code == 201, r.text
    r = await as_alice.put(
        "/api/v1/privacy/retention", json={"erase_inactive_days": 365, "batch": 2}
    )
    assert r.status_code == 200
    report = await run_pass(db)
    assert report.customers_erased == 3, report.errors
    async with db.session() as s:
        rows = {c.id: c.erased_at is not None for c in await s.scalars(select(Customer))}
    assert rows.pop(lan.id) is False
    assert list(rows.values()) == [True, True, True]
    # Lan is no longer a candidate: the next pass examines nobody.
    assert (await run_pass(db)).customers_erased == 0
