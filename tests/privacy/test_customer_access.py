"""Customer profiles are scoped like conversations, and only customers.edit changes them.

The audit found that any agent could read and rewrite any customer's profile: GET
/api/v1/customers/{external_id} answered anyone, and opening a conversation with a customer's
external id overwrote their e-mail and tier.
"""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select

from firstline.audit.models import AuditEntry
from firstline.core.db import Database
from tests.conftest import World
from tests.helpers import new_conversation
from tests.privacy.conftest import Lan


async def _profile(client: httpx.AsyncClient, external_id: str) -> dict[str, Any]:
    r = await client.get(f"/api/v1/customers/{external_id}")
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def test_an_agent_who_cannot_see_the_customers_conversations_gets_404(
    lan: Lan, as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient, as_dave: httpx.AsyncClient
) -> None:
    r = await as_dave.get(f"/api/v1/customers/{lan.external_id}")
    assert r.status_code == 404
    assert r.json()["detail"] == "No customer with external_id 'lan-1'."
    assert "lan@example.com" not in r.text
    # The same answer as for a customer that does not exist: nothing to probe.
    missing = await as_dave.get("/api/v1/customers/lan-2")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "No customer with external_id 'lan-2'."
    assert (await _profile(as_carol, lan.external_id))["email"] == "lan@example.com"
    assert (await _profile(as_bob, lan.external_id))["email"] == "lan@example.com"


async def test_a_customer_without_conversations_needs_customers_read_all(
    as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient, db: Database
) -> None:
    from firstline.customers.actions import do_upsert_customer
    from firstline.customers.schemas import CustomerIn

    async with db.transaction() as s:
        await do_upsert_customer(s, CustomerIn(external_id="quiet-1", email="q@example.com"))
    assert (await as_carol.get("/api/v1/customers/quiet-1")).status_code == 404
    assert (await _profile(as_alice, "quiet-1"))["email"] == "q@example.com"


async def test_opening_a_conversation_for_a_customer_one_cannot_see_is_refused(
    lan: Lan, as_alice: httpx.AsyncClient, as_dave: httpx.AsyncClient, world: World
) -> None:
    attack = new_conversation(lan.external_id, team_id=world.futures_vi)
    attack["customer"].update(email="attacker@example.net", tier="vip9")
    r = await as_dave.post("/api/v1/conversations", json=attack)
    assert r.status_code == 403
    assert "customers.read_all" in r.json()["detail"]
    profile = await _profile(as_alice, lan.external_id)
    assert (profile["email"], profile["tier"]) == ("lan@example.com", "vip3")
    # A new customer is no one's yet: any agent opens conversations for them.
    fresh = new_conversation("brand-new", team_id=world.futures_vi)
    assert (await as_dave.post("/api/v1/conversations", json=fresh)).status_code == 201


async def test_opening_a_conversation_changes_the_profile_only_with_customers_edit(
    lan: Lan,
    as_alice: httpx.AsyncClient,
    as_bob: httpx.AsyncClient,
    as_carol: httpx.AsyncClient,
    world: World,
    db: Database,
) -> None:
    # carol sees Lan (her team's conversation) but may not edit profiles.
    again = new_conversation(lan.external_id, team_id=world.spot_en)
    again["customer"].update(email="attacker@example.net", tier="vip9", name="Someone Else")
    r = await as_carol.post("/api/v1/conversations", json=again)
    assert r.status_code == 201, r.text
    profile = await _profile(as_alice, lan.external_id)
    assert (profile["email"], profile["tier"], profile["name"]) == (
        "lan@example.com",
        "vip3",
        "Nguyen Lan",
    )
    # bob has customers.edit: his change is made, and audited with before and after.
    again["customer"] = {"external_id": lan.external_id, "tier": "vip4"}
    r = await as_bob.post("/api/v1/conversations", json=again)
    assert r.status_code == 201, r.text
    assert (await _profile(as_alice, lan.external_id))["tier"] == "vip4"
    async with db.session() as s:
        entries = list(
            await s.scalars(
                select(AuditEntry).where(
                    AuditEntry.entity_type == "customer", AuditEntry.entity_id == lan.id
                )
            )
        )
    assert [(e.action, e.actor_agent_id, e.data) for e in entries] == [
        ("customer.updated", world.bob, {"before": {"tier": "vip3"}, "after": {"tier": "vip4"}})
    ]


async def test_patching_a_profile_needs_customers_edit_and_is_audited(
    lan: Lan,
    as_bob: httpx.AsyncClient,
    as_carol: httpx.AsyncClient,
    as_dave: httpx.AsyncClient,
    world: World,
    db: Database,
) -> None:
    url = f"/api/v1/customers/{lan.external_id}"
    assert (await as_dave.patch(url, json={"email": "x@example.net"})).status_code == 404
    r = await as_carol.patch(url, json={"email": "x@example.net"})
    assert r.status_code == 403
    assert "customers.edit" in r.json()["detail"]
    assert (await as_bob.patch(url, json={})).status_code == 422
    assert (await as_bob.patch(url, json={"email": "not an address"})).status_code == 422
    r = await as_bob.patch(url, json={"email": "lan.nguyen@example.com", "name": "Lan N."})
    assert r.status_code == 200, r.text
    assert r.json()["email"] == "lan.nguyen@example.com"
    async with db.session() as s:
        entry = await s.scalar(
            select(AuditEntry).where(
                AuditEntry.action == "customer.updated", AuditEntry.entity_id == lan.id
            )
        )
    assert entry is not None and entry.actor_agent_id == world.bob
    assert entry.data == {
        "before": {"email": "lan@example.com", "name": "Nguyen Lan"},
        "after": {"email": "lan.nguyen@example.com", "name": "Lan N."},
    }
