"""GET /api/v1/audit and /api/v1/audit.csv: who may read the log, its filters, keyset pages,
the CSV export (itself audited) and its refusals.

bob (supervisor) and alice (admin) have audit.read; carol and dave (agents) do not.
"""

from __future__ import annotations

import csv
import io
import itertools
from datetime import timedelta
from typing import Any

import httpx

from firstline.audit.schemas import AuditPage
from firstline.core.clock import FrozenClock
from tests.conftest import QueryCounter, World
from tests.helpers import new_conversation


async def _open(client: httpx.AsyncClient, n: int) -> int:
    r = await client.post("/api/v1/conversations", json=new_conversation(f"a-{n}"))
    assert r.status_code == 201, r.text
    conversation_id: int = r.json()["id"]
    return conversation_id


async def _all(client: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {**params, "limit": 3} | ({"cursor": cursor} if cursor else {})
        r = await client.get("/api/v1/audit", params=query)
        assert r.status_code == 200, r.text
        page = AuditPage.model_validate(r.json())
        items.extend(r.json()["items"])
        cursor = page.next_cursor
        if cursor is None:
            return items


async def test_agents_without_audit_read_are_refused(
    as_carol: httpx.AsyncClient, as_dave: httpx.AsyncClient
) -> None:
    for client in (as_carol, as_dave):
        r = await client.get("/api/v1/audit")
        assert r.status_code == 403
        assert "audit.read" in r.json()["detail"]
        r = await client.get("/api/v1/audit.csv")
        assert r.status_code == 403


async def test_unauthenticated_is_refused(api: httpx.AsyncClient) -> None:
    assert (await api.get("/api/v1/audit")).status_code == 401


async def test_pages_newest_first_with_names_and_hashes(
    as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World
) -> None:
    for n in range(4):
        await _open(as_carol, n)
    items = await _all(as_bob)
    ids = [e["id"] for e in items]
    assert ids == sorted(ids, reverse=True)
    assert len(ids) == len(set(ids))
    opened = [e for e in items if e["action"] == "conversation.opened"]
    assert len(opened) == 4
    assert opened[0]["actor_agent_id"] == world.carol
    assert opened[0]["actor_name"] == "Carol"
    assert opened[0]["entity_type"] == "conversation"
    assert len(opened[0]["hash"]) == 64
    # Each entry names the one before it in the chain.
    for newer, older in itertools.pairwise(items):
        assert newer["prev_hash"] == older["hash"]


async def test_filters(
    as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World, clock: FrozenClock
) -> None:
    first = await _open(as_carol, 1)
    clock.advance(hours=1)
    await _open(as_bob, 2)
    by_carol = await _all(as_bob, actor=world.carol)
    assert {e["actor_agent_id"] for e in by_carol} == {world.carol}
    assert [e["action"] for e in by_carol] == ["conversation.opened"]
    agents = await _all(as_bob, action="agent.")
    assert agents and all(e["action"].startswith("agent.") for e in agents)
    assert await _all(as_bob, action="agent") == agents
    assert await _all(as_bob, action="agent%") == []  # a prefix, not a pattern
    one = await _all(as_bob, entity_type="conversation", entity_id=first)
    assert [e["entity_id"] for e in one] == [first]
    later = await _all(as_bob, **{"from": (clock.now() - timedelta(minutes=1)).isoformat()})
    assert [e["actor_agent_id"] for e in later] == [world.bob]
    earlier = await _all(
        as_bob, action="conversation.", to=(clock.now() - timedelta(minutes=1)).isoformat()
    )
    assert [e["entity_id"] for e in earlier] == [first]


async def test_bad_filters_are_refused_with_a_sentence(as_bob: httpx.AsyncClient) -> None:
    for params in (
        {"actor": 2**40},
        {"entity_id": 0},
        {"from": "yesterday"},
        {"from": "2026-11-02T10:00:00Z", "to": "2026-11-02T09:00:00Z"},
        {"cursor": "not-a-cursor"},
        {"limit": 0},
        {"action": "x" * 65},
    ):
        r = await as_bob.get("/api/v1/audit", params=params)
        assert r.status_code == 422, (params, r.text)
        assert r.json()["detail"]


async def test_query_count_does_not_grow_with_page_size(
    as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient, queries: QueryCounter
) -> None:
    for n in range(6):
        await _open(as_carol, n)
    queries.reset()
    r = await as_bob.get("/api/v1/audit", params={"limit": 2})
    small = queries.count
    assert len(r.json()["items"]) == 2
    queries.reset()
    r = await as_bob.get("/api/v1/audit", params={"limit": 10})
    assert len(r.json()["items"]) == 10
    # The token's check (agent, role, teams: one query, never cached, so that a revocation
    # holds at once) and the page with the actors' names in one more.
    assert queries.count == small == 2


async def test_csv_export_streams_the_filtered_range_and_is_audited(
    as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World
) -> None:
    for n in range(3):
        await _open(as_carol, n)
    r = await as_bob.get("/api/v1/audit.csv", params={"action": "conversation."})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["action"] for row in rows] == ["conversation.opened"] * 3
    assert rows[0]["actor_name"] == "Carol"
    assert len(rows[0]["hash"]) == 64
    exported = await _all(as_bob, action="audit.exported")
    assert len(exported) == 1
    assert exported[0]["actor_agent_id"] == world.bob
    assert exported[0]["data"] == {"filter": {"action": "conversation."}}


async def test_csv_cells_cannot_become_formulas(
    as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient, world: World
) -> None:
    # A name is people's text: a spreadsheet must not run it.
    r = await as_alice.patch(f"/api/v1/agents/{world.carol}", json={"name": "=1+1"})
    assert r.status_code == 200, r.text
    r = await as_bob.get("/api/v1/audit.csv", params={"actor": world.alice})
    assert r.status_code == 200, r.text
    r = await as_alice.patch(f"/api/v1/agents/{world.alice}", json={"name": "@SUM(A1)"})
    assert r.status_code == 200, r.text
    r = await as_bob.get("/api/v1/audit.csv", params={"actor": world.alice})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and {row["actor_name"] for row in rows} == {"'@SUM(A1)"}


async def test_text_filters_with_control_characters_are_refused_not_failed(
    as_bob: httpx.AsyncClient,
) -> None:
    for params in ({"action": "agent.\x00"}, {"entity_type": "a\x00b"}):
        r = await as_bob.get("/api/v1/audit", params=params)
        assert r.status_code < 500, (params, r.text)
        r = await as_bob.get("/api/v1/audit.csv", params=params)
        assert r.status_code < 500, (params, r.text)
