"""Configuration tables through the API (audit/tables.py, web/api/tables.py): every create,
update and delete leaves an audit entry saying what the row was and became, a change that
changes nothing leaves none, and a refusal is a problem document with a sentence that writes
nothing. Alice is an admin, Bob a supervisor, Carol an agent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from firstline.agents.events import TeamCreated
from firstline.audit.models import AuditEntry
from firstline.core.db import Database
from firstline.core.events import Event
from tests.conftest import World


@dataclass(frozen=True)
class Table:
    path: str
    entity_type: str
    action_prefix: str
    create: Callable[[World], dict[str, Any]]
    change: dict[str, Any]
    refused: Callable[[World], dict[str, Any]]  # a create the domain refuses
    refusal: str  # what the refusal's sentence says
    deletable: bool = True


TABLES = {
    "routing rules": Table(
        path="/api/v1/routing/rules",
        entity_type="routing_rule",
        action_prefix="routing_rule",
        create=lambda w: {"name": "VIP spot", "team_id": w.spot_en, "tier": "vip1"},
        change={"name": "VIP spot (all tiers)", "tier": None},
        refused=lambda w: {"name": "Nowhere", "team_id": 999_999},
        refusal="team_id 999999 does not exist",
    ),
    "SLA policies": Table(
        path="/api/v1/sla/policies",
        entity_type="sla_policy",
        action_prefix="sla_policy",
        create=lambda w: {
            "name": "Chat",
            "channel": "chat",
            "first_response_seconds": 60,
            "next_response_seconds": 120,
            "resolution_seconds": 3600,
        },
        change={"first_response_seconds": 30},
        refused=lambda w: {
            "name": "Never",
            "first_response_seconds": 0,
            "next_response_seconds": 1,
            "resolution_seconds": 1,
        },
        refusal="first_response_seconds",
    ),
    "canned responses": Table(
        path="/api/v1/canned-responses",
        entity_type="canned_response",
        action_prefix="canned",
        create=lambda w: {
            "shortcut": "hi",
            "language": "vi",
            "title": "Chào",
            "body": "Chào {customer.name}!",
            "team_id": w.futures_vi,
        },
        change={"title": "Xin chào"},
        refused=lambda w: {
            "shortcut": "pin",
            "language": "en",
            "title": "PIN",
            "body": "Your PIN is {customer.pin}",
        },
        refusal="Unknown placeholder(s) {customer.pin}",
    ),
    "teams": Table(
        path="/api/v1/teams",
        entity_type="team",
        action_prefix="team",
        create=lambda w: {"name": "P2P TR", "product": "p2p", "languages": ["tr"]},
        change={"languages": ["tr", "en"]},
        refused=lambda w: {"name": "Spot EN"},
        refusal="A team named 'Spot EN' already exists",
        deletable=False,  # conversations, rules and memberships point at teams
    ),
}


async def _trail(db: Database, table: Table, row_id: int | None = None) -> list[AuditEntry]:
    stmt = select(AuditEntry).where(AuditEntry.entity_type == table.entity_type)
    if row_id is not None:
        stmt = stmt.where(AuditEntry.entity_id == row_id)
    async with db.session() as s:
        return list(await s.scalars(stmt.order_by(AuditEntry.id)))


def _refused(r: httpx.Response, status: int, says: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    detail = r.json()["detail"]
    assert says in detail and detail.rstrip().endswith("."), detail


@pytest.mark.parametrize("name", TABLES)
async def test_every_write_is_audited_with_before_and_after(
    name: str, as_alice: httpx.AsyncClient, db: Database, world: World
) -> None:
    table = TABLES[name]
    before = len(await _trail(db, table))
    created = await as_alice.post(table.path, json=table.create(world))
    assert created.status_code == 201, created.text
    row = created.json()
    changed = await as_alice.patch(f"{table.path}/{row['id']}", json=table.change)
    assert changed.status_code == 200, changed.text
    assert {k: changed.json()[k] for k in table.change} == table.change
    # The same change again changes nothing, and so is not audited.
    again = await as_alice.patch(f"{table.path}/{row['id']}", json=table.change)
    assert again.status_code == 200 and again.json() == changed.json()
    if table.deletable:
        assert (await as_alice.delete(f"{table.path}/{row['id']}")).status_code == 204

    trail = await _trail(db, table, row["id"])
    verbs = ["created", "updated", "deleted"] if table.deletable else ["created", "updated"]
    assert [e.action for e in trail] == [f"{table.action_prefix}.{v}" for v in verbs]
    assert {e.actor_agent_id for e in trail} == {world.alice}
    assert len(await _trail(db, table)) == before + len(verbs)
    first = trail[0].data
    label = "shortcut" if "shortcut" in row else "name"
    assert set(first) == {"after"} and first["after"][label] == row[label]
    assert trail[1].data == {
        "before": {k: row[k] for k in table.change},
        "after": table.change,
    }
    if table.deletable:
        assert set(trail[2].data) == {"before"}
        assert trail[2].data["before"] == {**first["after"], **table.change}
        missing = await as_alice.delete(f"{table.path}/{row['id']}")
        assert missing.status_code == 404 and str(row["id"]) in missing.json()["detail"]


@pytest.mark.parametrize("name", TABLES)
async def test_a_refusal_is_a_problem_with_a_sentence_and_writes_nothing(
    name: str,
    as_alice: httpx.AsyncClient,
    as_carol: httpx.AsyncClient,
    db: Database,
    world: World,
) -> None:
    table = TABLES[name]
    before = len(await _trail(db, table))
    r = await as_alice.post(table.path, json=table.refused(world))
    _refused(r, r.status_code, table.refusal)
    assert r.status_code in (409, 422)
    # An agent may not write configuration (supervisors may write canned responses).
    _refused(await as_carol.post(table.path, json=table.create(world)), 403, "needs the")
    _refused(await as_alice.patch(f"{table.path}/999999", json=table.change), 404, "999999")
    # An id larger than the database's integers names nothing; it is not a server error.
    _refused(await as_alice.patch(f"{table.path}/{2**40}", json=table.change), 404, str(2**40))
    assert len(await _trail(db, table)) == before


@pytest.mark.parametrize("name", ["routing rules", "SLA policies", "teams"])
async def test_an_empty_change_or_a_null_name_is_refused(
    name: str, as_alice: httpx.AsyncClient, db: Database, world: World
) -> None:
    table = TABLES[name]
    row = (await as_alice.post(table.path, json=table.create(world))).json()
    empty = await as_alice.patch(f"{table.path}/{row['id']}", json={})
    _refused(empty, 422, "Send at least one field to change")
    _refused(await as_alice.patch(f"{table.path}/{row['id']}", json={"name": None}), 422, "null")
    assert [e.action for e in await _trail(db, table, row["id"])] == [
        f"{table.action_prefix}.created"
    ]


async def test_a_canned_response_keeps_its_team_and_language_when_its_title_changes(
    as_bob: httpx.AsyncClient, world: World
) -> None:
    created = await as_bob.post("/api/v1/canned-responses", json=TABLES["canned responses"]
                                .create(world))  # fmt: skip
    assert created.status_code == 201, created.text
    cid = created.json()["id"]
    r = await as_bob.patch(f"/api/v1/canned-responses/{cid}", json={"title": "X", "body": None})
    assert r.status_code == 200, r.text
    assert r.json() | {"title": "Chào"} == created.json()


async def test_a_new_team_is_announced(
    as_alice: httpx.AsyncClient, events: list[Event], world: World
) -> None:
    r = await as_alice.post("/api/v1/teams", json=TABLES["teams"].create(world))
    assert r.status_code == 201, r.text
    [created] = [e for e in events if isinstance(e, TeamCreated)]
    assert (created.team_id, created.name) == (r.json()["id"], "P2P TR")


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/routing/rules", {"name": "Far", "team_id": 2**40}),
        ("/api/v1/teams", {"name": "Far", "overflow_team_id": 2**40}),
        ("/api/v1/canned-responses",
         {"shortcut": "far", "language": "en", "title": "Far", "body": "Far", "team_id": 2**40}),
    ],
)  # fmt: skip
async def test_a_team_id_beyond_the_database_integers_is_refused_with_a_sentence(
    path: str, body: dict[str, Any], as_alice: httpx.AsyncClient
) -> None:
    _refused(await as_alice.post(path, json=body), 422, str(2**40))


async def test_an_escalation_level_is_created_then_changed_with_an_audit_entry_each(
    as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient, db: Database, world: World
) -> None:
    # PUT sets one rung of the ladder: created the first time, changed after that.
    rung = {"name": "Senior agent", "role": "agent", "agent_ids": [world.carol], "ack_minutes": 5}
    for body in (rung, {**rung, "ack_minutes": 10}, {**rung, "ack_minutes": 10}):
        r = await as_alice.put("/api/v1/escalation/levels/2", json=body)
        assert r.status_code == 200 and r.json() == {"level": 2, **body}, r.text
    _refused(
        await as_alice.put("/api/v1/escalation/levels/2", json={**rung, "agent_ids": [999_999]}),
        422,
        "agent_ids [999999] do not exist",
    )
    _refused(await as_alice.put("/api/v1/escalation/levels/11", json=rung), 422, "from 1 to 10")
    far = {**rung, "agent_ids": [2**40]}
    _refused(await as_alice.put("/api/v1/escalation/levels/2", json=far), 422, str(2**40))
    _refused(await as_bob.put("/api/v1/escalation/levels/2", json=rung), 403, "needs the")
    async with db.session() as s:
        trail = list(
            await s.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity_type == "escalation_level", AuditEntry.entity_id == 2)
                .order_by(AuditEntry.id)
            )
        )
    assert [(e.action, e.actor_agent_id) for e in trail] == [
        ("escalation_level.created", world.alice),
        ("escalation_level.updated", world.alice),
    ]
    assert trail[0].data == {"after": rung}
    assert trail[1].data == {"before": {"ack_minutes": 5}, "after": {"ack_minutes": 10}}
