"""Export everything stored about a customer; erase the person and keep the statistics."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import orjson
from sqlalchemy import select

from firstline.audit.models import AuditEntry
from firstline.conversations.models import Conversation, Message
from firstline.core.db import Database
from firstline.customers.models import Customer
from firstline.recovery.models import RecoveryCase
from tests.conftest import World
from tests.privacy.conftest import SECRET_WORD, Lan

T = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


async def _add_recovery_case(db: Database, lan: Lan) -> int:
    # Set-up data: a case as the recovery desk stores it (its own tests drive the desk).
    async with db.transaction() as s:
        case = RecoveryCase(
            public_id="pub-lan-1", customer_id=lan.id, conversation_id=lan.conversation_id,
            applicant_user_id="lan-1", applicant_email="lan@example.com", language="en",
            source="api", network="TRX", token="USDT", tx_hash="0xabc123", amount="500",
            address="TXyzLanAddress", memo="memo-7", cause="wrong_network",
            found_network="TRX", found_token="USDT", fee_currency="USD", state="new",
            note="Call Lan on +84 900", diagnosis={"notes": ["Lan said her cousin sent it"]},
            created_at=T, updated_at=T,
        )  # fmt: skip
        s.add(case)
        await s.flush()
        return case.id


async def test_export_needs_the_permission_and_the_customer_in_sight(
    lan: Lan, as_carol: httpx.AsyncClient, as_dave: httpx.AsyncClient
) -> None:
    url = f"/api/v1/customers/{lan.id}/export"
    assert (await as_dave.get(url)).status_code == 404
    r = await as_carol.get(url)
    assert r.status_code == 403
    assert "customers.export" in r.json()["detail"]
    assert (await as_carol.get("/api/v1/customers/99999999999/export")).status_code in (404, 422)


async def test_export_holds_everything_stored_about_the_customer(
    lan: Lan, as_bob: httpx.AsyncClient, db: Database, world: World
) -> None:
    case_id = await _add_recovery_case(db, lan)
    r = await as_bob.post(
        f"/api/v1/conversations/{lan.conversation_id}/messages",
        json={"body": "We are checking it, Lan", "author_kind": "agent"},
    )
    assert r.status_code == 201, r.text
    r = await as_bob.get(f"/api/v1/customers/{lan.id}/export")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    doc = orjson.loads(r.content)
    assert doc["format"] == "firstline.customer-export.v1"
    assert doc["customer"]["email"] == "lan@example.com"
    [conversation] = doc["conversations"]
    assert conversation["subject"] == "Deposit missing"
    assert [m["body"] for m in conversation["messages"]] == [
        f"My {SECRET_WORD} deposit of 500 USDT never arrived",
        "We are checking it, Lan",
    ]
    assert conversation["audit"][0]["action"] == "conversation.opened"
    assert [c["id"] for c in doc["recovery_cases"]] == [case_id]
    assert doc["recovery_cases"][0]["address"] == "TXyzLanAddress"
    assert conversation["mails"] == [] and conversation["attachments"] == []  # a chat
    assert doc["chat_sessions"] == []  # this customer never used the widget
    async with db.session() as s:
        exported = await s.scalar(
            select(AuditEntry).where(AuditEntry.action == "customer.exported")
        )
    assert exported is not None
    assert (exported.entity_id, exported.actor_agent_id) == (lan.id, world.bob)
    assert "lan" not in orjson.dumps(exported.data).decode().lower()


async def _search(client: httpx.AsyncClient, q: str) -> list[Any]:
    r = await client.get("/api/v1/search", params={"q": q})
    assert r.status_code == 200, r.text
    items: list[Any] = r.json()["items"]
    return items


async def test_erasure_removes_the_person_and_keeps_the_statistics(
    lan: Lan,
    as_alice: httpx.AsyncClient,
    as_bob: httpx.AsyncClient,
    as_dave: httpx.AsyncClient,
    db: Database,
    world: World,
) -> None:
    case_id = await _add_recovery_case(db, lan)
    # A profile change leaves an audit entry holding the old and new e-mail.
    r = await as_bob.patch(
        f"/api/v1/customers/{lan.external_id}", json={"email": "lan2@example.com"}
    )
    assert r.status_code == 200
    assert len(await _search(as_alice, SECRET_WORD)) == 1
    url = f"/api/v1/customers/{lan.id}/erase"

    assert (await as_dave.post(url, json={"confirm": str(lan.id)})).status_code == 404
    r = await as_bob.post(url, json={"confirm": str(lan.id)})
    assert r.status_code == 403  # supervisors export, only admins erase
    assert (await as_alice.post(url, json={})).status_code == 422
    r = await as_alice.post(url, json={"confirm": "lan-2"})
    assert r.status_code == 422
    assert r.json()["detail"] == (
        f"To erase customer {lan.id}, send confirm with their id or external id."
    )

    r = await as_alice.post(url, json={"confirm": lan.external_id})
    assert r.status_code == 200, r.text
    assert r.json() == {
        "customer_id": lan.id,
        "already_erased": False,
        "conversations": 1,
        "messages": 1,
        "recovery_cases": 1,
    }

    async with db.session() as s:
        customer = await s.get(Customer, lan.id)
        assert customer is not None
        assert customer.external_id == f"erased:{lan.id}"
        assert (customer.name, customer.email, customer.locale, customer.region) == (None,) * 4
        assert customer.erased_at is not None
        assert (customer.tier, customer.language) == ("vip3", "en")  # the statistics keep them
        conversation = await s.get(Conversation, lan.conversation_id)
        assert conversation is not None
        assert (conversation.subject, conversation.last_message_preview) == (None, "")
        assert (conversation.message_count, conversation.tags) == (1, ["deposit"])
        assert conversation.team_id == world.spot_en
        bodies = list(
            await s.scalars(
                select(Message.body).where(Message.conversation_id == lan.conversation_id)
            )
        )
        assert bodies == [""]
        case = await s.get(RecoveryCase, case_id)
        assert case is not None
        assert (case.applicant_email, case.applicant_user_id, case.note, case.memo) == (None,) * 4
        assert (case.address, case.tx_hash, case.diagnosis) == ("", f"erased:{case_id}", {})
        assert (case.network, case.token, case.cause) == ("TRX", "USDT", "wrong_network")
        entries = list(
            await s.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity_type == "customer", AuditEntry.entity_id == lan.id)
                .order_by(AuditEntry.id)
            )
        )
    assert [e.action for e in entries] == ["customer.updated", "customer.erased"]
    updated, erased = entries
    assert list(updated.data) == ["redacted_sha256"]
    assert "lan" not in orjson.dumps(erased.data).decode().lower()
    assert erased.data["why"] == "request"
    # The search index forgot the words.
    assert await _search(as_alice, SECRET_WORD) == []
    # The conversation still counts where it counted.
    r = await as_alice.get(f"/api/v1/conversations/{lan.conversation_id}")
    assert r.status_code == 200
    assert r.json()["customer"]["external_id"] == f"erased:{lan.id}"

    # Again: nothing to do, same answer shape, no second audit entry.
    r = await as_alice.post(url, json={"confirm": str(lan.id)})
    assert r.status_code == 200
    assert r.json()["already_erased"] is True
    async with db.session() as s:
        erasures = await s.scalars(
            select(AuditEntry.id).where(AuditEntry.action == "customer.erased")
        )
        count = len(list(erasures))
    assert count == 1
