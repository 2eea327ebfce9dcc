"""Teams and agents: admins manage them, everyone reads them, agents set their own presence."""

from __future__ import annotations

import re

import httpx

from firstline.agents.schemas import AgentOut, TeamOut
from firstline.core.events import Event
from tests.conftest import World


async def test_admin_creates_team_and_everyone_lists_it(
    as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient
) -> None:
    r = await as_alice.post(
        "/api/v1/teams",
        json={"name": "P2P TR", "product": "P2P", "languages": ["tr-TR"], "line": "first"},
    )
    assert r.status_code == 201, r.text
    team = TeamOut.model_validate(r.json())
    assert (team.product, team.languages) == ("p2p", ["tr"])
    listed = [TeamOut.model_validate(t) for t in (await as_carol.get("/api/v1/teams")).json()]
    assert "P2P TR" in [t.name for t in listed]


async def test_team_name_is_unique(as_alice: httpx.AsyncClient) -> None:
    r = await as_alice.post("/api/v1/teams", json={"name": "Spot EN"})
    assert r.status_code == 409
    assert "already exists" in r.json()["detail"]


async def test_only_admins_create_teams_and_agents(
    as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient
) -> None:
    for client in (as_bob, as_carol):
        r = await client.post("/api/v1/teams", json={"name": "Nope"})
        assert r.status_code == 403
        assert "teams.manage" in r.json()["detail"]
        r = await client.post(
            "/api/v1/agents", json={"email": "x@example.com", "name": "X", "role": "admin"}
        )
        assert r.status_code == 403


async def test_admin_creates_agent_with_teams_and_languages(
    as_alice: httpx.AsyncClient, world: World, events: list[Event]
) -> None:
    r = await as_alice.post(
        "/api/v1/agents",
        json={
            "email": "Erin@Example.com",
            "name": "Erin",
            "role": "supervisor",
            "languages": ["id", "en", "id-ID"],
            "team_ids": [world.spot_en, world.futures_vi],
            "max_concurrent": 8,
        },
    )
    assert r.status_code == 201, r.text
    agent = AgentOut.model_validate(r.json())
    assert agent.email == "erin@example.com"
    assert agent.languages == ["id", "en"]
    assert agent.team_ids == sorted([world.spot_en, world.futures_vi])
    assert agent.presence == "offline"
    assert [e.type for e in events][-1] == "agent.created"

    dup = await as_alice.post("/api/v1/agents", json={"email": "erin@example.com", "name": "E"})
    assert dup.status_code == 409


async def test_agent_with_unknown_team_is_refused_and_not_created(
    as_alice: httpx.AsyncClient,
) -> None:
    r = await as_alice.post(
        "/api/v1/agents", json={"email": "f@example.com", "name": "F", "team_ids": [777]}
    )
    assert r.status_code == 422
    assert "777" in r.json()["detail"]
    emails = [a["email"] for a in (await as_alice.get("/api/v1/agents")).json()]
    assert "f@example.com" not in emails


async def test_list_agents_by_team(as_carol: httpx.AsyncClient, world: World) -> None:
    r = await as_carol.get("/api/v1/agents", params={"team_id": world.spot_en})
    emails = sorted(a["email"] for a in r.json())
    assert emails == ["bob@example.com", "carol@example.com"]
    everyone = (await as_carol.get("/api/v1/agents")).json()
    assert len(everyone) == 4
    carol = next(a for a in everyone if a["email"] == "carol@example.com")
    assert carol["team_ids"] == [world.spot_en]


async def test_admin_patches_agent(
    as_alice: httpx.AsyncClient, world: World, events: list[Event]
) -> None:
    r = await as_alice.patch(
        f"/api/v1/agents/{world.carol}",
        json={
            "name": "Carol C.",
            "role": "supervisor",
            "languages": ["en", "th"],
            "team_ids": [world.futures_vi],
            "presence": "online",
            "max_concurrent": 3,
        },
    )
    assert r.status_code == 200, r.text
    agent = AgentOut.model_validate(r.json())
    assert (agent.name, agent.role, agent.languages) == ("Carol C.", "supervisor", ["en", "th"])
    assert agent.team_ids == [world.futures_vi]
    assert (agent.presence, agent.max_concurrent) == ("online", 3)
    updated = [e for e in events if e.type == "agent.updated"]
    assert updated[-1].payload()["changes"]["presence"] == "online"


async def test_agents_set_their_own_presence_only(
    as_carol: httpx.AsyncClient, world: World
) -> None:
    r = await as_carol.patch(f"/api/v1/agents/{world.carol}", json={"presence": "away"})
    assert r.status_code == 200
    assert r.json()["presence"] == "away"
    r = await as_carol.patch(f"/api/v1/agents/{world.carol}", json={"role": "admin"})
    assert r.status_code == 403
    assert "role" in r.json()["detail"]
    r = await as_carol.patch(f"/api/v1/agents/{world.dave}", json={"presence": "offline"})
    assert r.status_code == 403


async def test_supervisors_staff_agents_but_do_not_grant_roles(
    as_bob: httpx.AsyncClient, world: World
) -> None:
    r = await as_bob.patch(
        f"/api/v1/agents/{world.dave}", json={"max_concurrent": 2, "team_ids": [world.spot_en]}
    )
    assert r.status_code == 200
    assert r.json()["team_ids"] == [world.spot_en]
    r = await as_bob.patch(f"/api/v1/agents/{world.dave}", json={"role": "admin"})
    assert r.status_code == 403


async def test_bad_agent_patches(as_alice: httpx.AsyncClient, world: World) -> None:
    r = await as_alice.patch(f"/api/v1/agents/{world.carol}", json={"presence": "sleeping"})
    assert r.status_code == 422
    assert "presence" in r.json()["detail"]
    assert "online" in r.json()["detail"]
    r = await as_alice.patch(f"/api/v1/agents/{world.carol}", json={"languages": ["klingon"]})
    assert r.status_code == 422
    assert "unsupported language" in r.json()["detail"]
    r = await as_alice.patch("/api/v1/agents/9999", json={"presence": "online"})
    assert r.status_code == 404
    r = await as_alice.patch(f"/api/v1/agents/{world.alice}", json={"role": "agent"})
    assert r.status_code == 403


async def test_me(as_dave: httpx.AsyncClient, world: World) -> None:
    r = await as_dave.get("/api/v1/me")
    assert r.json()["id"] == world.dave
    assert r.json()["team_ids"] == [world.futures_vi]


async def test_disabled_agent_loses_api_access(
    as_alice: httpx.AsyncClient, as_dave: httpx.AsyncClient, world: World
) -> None:
    assert (await as_dave.get("/api/v1/me")).status_code == 200
    r = await as_alice.patch(f"/api/v1/agents/{world.dave}", json={"is_active": False})
    assert r.status_code == 200
    assert (await as_dave.get("/api/v1/me")).status_code == 401


async def test_admin_sets_a_password_the_agent_signs_in_with(
    as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient, api: httpx.AsyncClient, world: World
) -> None:
    path = f"/api/v1/agents/{world.carol}/password"
    # Only admins; a supervisor is refused and nothing changes.
    r = await as_bob.put(path, json={"password": "her-new-long-password"})
    assert r.status_code == 403 and "agents.manage" in r.json()["detail"]
    r = await as_alice.put(path, json={"password": "short"})
    assert r.status_code == 422
    assert "at least 12 characters" in r.json()["detail"]
    r = await as_alice.put(
        "/api/v1/agents/999999/password", json={"password": "long-enough-password"}
    )
    assert r.status_code == 404
    r = await as_alice.put(path, json={"password": "her-new-long-password"})
    assert r.status_code == 204, r.text

    page = await api.get("/console")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf
    r = await api.post(
        "/console/login",
        data={"email": "carol@example.com", "password": "her-new-long-password", "csrf": csrf[1]},
    )
    assert r.status_code == 303
