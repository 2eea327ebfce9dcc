"""Recovery cases are scoped like conversations: an agent works the cases of their teams (and
those no team holds); another team's case does not exist for them, whatever they try."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import World
from tests.recovery.chain import TestChain
from tests.recovery.test_cases import wrong_chain_case

pytestmark = pytest.mark.usefixtures("matrix")


async def _policy(as_alice: httpx.AsyncClient, team_id: int | None) -> None:
    current = (await as_alice.get("/api/v1/recovery/policy")).json()
    current.pop("team_id", None)
    r = await as_alice.put("/api/v1/recovery/policy", json={**current, "team_id": team_id})
    assert r.status_code == 200 and r.json()["team_id"] == team_id, r.text


async def test_another_teams_case_does_not_exist_for_an_agent(
    as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient,
    as_dave: httpx.AsyncClient, world: World, chain_b: TestChain,
) -> None:  # fmt: skip
    # New cases go to the Spot EN team (Carol's); Dave is in Futures VI.
    await _policy(as_alice, world.spot_en)
    case = await wrong_chain_case(as_carol, chain_b)
    assert case["id"]
    url = f"/api/v1/recovery/cases/{case['id']}"
    assert (await as_carol.get(url)).status_code == 200
    # Dave: not listed, not counted, not readable, not movable, not in a bulk move, no fee.
    listed = (await as_dave.get("/api/v1/recovery/cases")).json()
    assert listed["items"] == [] and sum(listed["counts"].values()) == 0
    assert (await as_dave.get(url)).status_code == 404
    r = await as_dave.post(f"{url}/move", json={"to": "rejected", "reason": "other"})
    assert r.status_code == 404, r.text
    r = await as_dave.post(f"{url}/fee", json={"accept": True})
    assert r.status_code == 404, r.text
    r = await as_dave.post(f"{url}/diagnose")
    assert r.status_code == 404, r.text
    r = await as_dave.post(
        "/api/v1/recovery/cases/bulk", json={"ids": [case["id"]], "to": "rejected",
                                            "reason": "other"},
    )  # fmt: skip
    assert r.json()["moved"] == [] and r.json()["failed"][0]["id"] == case["id"]
    # The case did not move; the supervisor (recovery.read_all) sees it too.
    assert (await as_carol.get(url)).json()["state"] == "awaiting_customer"
    assert [c["id"] for c in (await as_bob.get("/api/v1/recovery/cases")).json()["items"]] == [
        case["id"]
    ]


async def test_cases_no_team_holds_are_everyones_and_a_role_without_recovery_sees_none(
    as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient, as_dave: httpx.AsyncClient,
    world: World, chain_b: TestChain,
) -> None:  # fmt: skip
    case = await wrong_chain_case(as_carol, chain_b)  # no recovery team set: no team
    assert (await as_dave.get(f"/api/v1/recovery/cases/{case['id']}")).status_code == 200
    r = await as_alice.post(
        "/api/v1/roles", json={"name": "chat-only", "permissions": ["conversations.reply"]}
    )
    assert r.status_code == 201, r.text
    await as_alice.patch(f"/api/v1/agents/{world.dave}", json={"role": "chat-only"})
    r = await as_dave.get("/api/v1/recovery/cases")
    assert r.status_code == 403 and "recovery.work" in r.json()["detail"], r.text
    r = await as_dave.post(f"/api/v1/recovery/cases/{case['id']}/fee", json={"accept": True})
    assert r.status_code == 403, r.text
    r = await as_alice.put("/api/v1/recovery/policy", json={
        **{k: v for k, v in (await as_alice.get("/api/v1/recovery/policy")).json().items()},
        "team_id": 2**40})  # fmt: skip
    assert r.status_code == 422, r.text
