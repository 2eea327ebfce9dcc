"""The demo's recovery queue (demo.recovery.seed_demo_cases, for `firstline demo`): a case in
every state, diagnosed by the same rules and moved by the same actions as real ones, read
back through the API; seeding again opens nothing new."""

from __future__ import annotations

import httpx
import pytest

from firstline.core.db import Database
from firstline.demo.recovery import seed_demo_cases
from firstline.recovery.models import State

pytestmark = pytest.mark.usefixtures("matrix")


async def test_the_demo_queue_has_a_case_in_every_state(
    db: Database, as_carol: httpx.AsyncClient
) -> None:
    async with db.transaction() as session:
        opened = await seed_demo_cases(session)
    r = await as_carol.get("/api/v1/recovery/cases?limit=100")
    assert r.status_code == 200, r.text
    cases = r.json()["items"]
    assert len(cases) == opened >= len(State)
    assert {c["state"] for c in cases} == {s.value for s in State}
    by_rule = {c["fee"]["rule"] for c in cases if c["fee"]}
    assert {"percent", "minimum", "maximum", "flat"} <= by_rule
    assert any(c["mismatches"] for c in cases)
    credited = next(c for c in cases if c["state"] == "credited")
    assert credited["fee"]["charged"] == credited["fee"]["amount"]

    async with db.transaction() as session:
        assert await seed_demo_cases(session) == 0
    again = (await as_carol.get("/api/v1/recovery/cases?limit=100")).json()["items"]
    assert len(again) == opened
