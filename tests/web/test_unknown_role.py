"""A role written by hand in the database that the product does not know grants nothing
instead of failing every request of that agent: they can sign in and read, not act."""

from __future__ import annotations

import httpx
from sqlalchemy import text

from firstline.core.db import Database
from tests.conftest import World


async def test_an_unknown_role_in_the_database_grants_nothing_and_fails_nothing(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, db: Database, world: World
) -> None:
    async with db.transaction() as s:
        await s.execute(text("UPDATE agents SET role = 'superuser' WHERE id = :id"),
                        {"id": world.carol})  # fmt: skip
    carol = httpx.AsyncClient(transport=api._transport, base_url=str(api.base_url))
    carol.headers["Authorization"] = f"Bearer {world.tokens['carol']}"
    async with carol:
        me = await carol.get("/api/v1/me")
        assert me.status_code == 200, me.text
        assert (await carol.get("/api/v1/conversations")).status_code == 200
        assert me.json()["permissions"] == []
        # The dashboard is refused with a sentence naming the permission, not a 500.
        dashboard = await carol.get("/api/v1/dashboard")
        assert dashboard.status_code == 403
        assert "reports.read" in dashboard.json()["detail"]
    # An admin can still change that agent (and set a role from the list).
    fixed = await as_alice.patch(f"/api/v1/agents/{world.carol}", json={"role": "agent"})
    assert fixed.status_code == 200, fixed.text
