"""Roles made of named permissions: the built-in three, custom roles admins define, and the
rule that nobody grants what they do not hold."""

from __future__ import annotations

import httpx

from tests.conftest import World


async def _role(client: httpx.AsyncClient, **fields: object) -> dict[str, object]:
    r = await client.post("/api/v1/roles", json=fields)
    assert r.status_code == 201, r.text
    body: dict[str, object] = r.json()
    return body


async def test_a_custom_role_grants_exactly_its_permissions(
    as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World
) -> None:
    roles = (await as_carol.get("/api/v1/roles")).json()
    assert [r["name"] for r in roles][:3] == ["admin", "agent", "supervisor"]
    assert "knowledge.publish" in (await as_carol.get("/api/v1/permissions")).json()
    await _role(
        as_alice,
        name="recovery-desk",
        description="Deposit recovery",
        permissions=["recovery.work", "recovery.read_all", "conversations.reply"],
    )
    r = await as_alice.patch(f"/api/v1/agents/{world.carol}", json={"role": "recovery-desk"})
    assert r.status_code == 200 and r.json()["role"] == "recovery-desk", r.text
    me = (await as_carol.get("/api/v1/me")).json()
    assert me["permissions"] == ["conversations.reply", "recovery.read_all", "recovery.work"]
    # What the role lacks is refused with a sentence naming the permission.
    r = await as_carol.post("/api/v1/kb/articles", json={
        "title": "X", "body": "Y", "locale": "en", "status": "published"})  # fmt: skip
    assert r.status_code == 403 and "knowledge.draft" in r.json()["detail"], r.text
    listed = {r["name"]: r for r in (await as_alice.get("/api/v1/roles")).json()}
    assert listed["recovery-desk"]["agents"] == 1 and not listed["recovery-desk"]["builtin"]


async def test_a_role_change_takes_effect_on_the_next_request(
    as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World
) -> None:
    role = await _role(as_alice, name="analyst", permissions=["conversations.reply"])
    await as_alice.patch(f"/api/v1/agents/{world.carol}", json={"role": "analyst"})
    assert (await as_carol.get("/api/v1/dashboard")).status_code == 403
    r = await as_alice.patch(
        f"/api/v1/roles/{role['id']}", json={"permissions": ["conversations.reply", "reports.read"]}
    )
    assert r.status_code == 200, r.text
    assert (await as_carol.get("/api/v1/dashboard")).status_code == 200
    # Renaming the role keeps its holders on it.
    r = await as_alice.patch(f"/api/v1/roles/{role['id']}", json={"name": "floor-analyst"})
    assert r.status_code == 200 and r.json()["agents"] == 1, r.text
    assert (await as_carol.get("/api/v1/me")).json()["role"] == "floor-analyst"


async def test_built_in_roles_are_fixed_and_roles_in_use_stay(
    as_alice: httpx.AsyncClient, world: World
) -> None:
    roles = {r["name"]: r for r in (await as_alice.get("/api/v1/roles")).json()}
    admin, agent = roles["admin"], roles["agent"]
    assert admin["require_two_factor"] is True and agent["require_two_factor"] is False
    r = await as_alice.patch(f"/api/v1/roles/{agent['id']}", json={"permissions": []})
    assert r.status_code == 422 and "built-in" in r.json()["detail"], r.text
    r = await as_alice.delete(f"/api/v1/roles/{agent['id']}")
    assert r.status_code == 422, r.text
    # Only the description and the two-factor rule of a built-in role change.
    r = await as_alice.patch(f"/api/v1/roles/{agent['id']}", json={"require_two_factor": True})
    assert r.status_code == 200 and r.json()["require_two_factor"] is True, r.text
    assert "conversations.reply" in r.json()["permissions"]
    r = await as_alice.post("/api/v1/roles", json={"name": "admin", "permissions": []})
    assert r.status_code == 409, r.text
    r = await as_alice.post("/api/v1/roles", json={"name": "x1", "permissions": ["root.all"]})
    assert r.status_code == 422 and "root.all" in r.json()["detail"], r.text
    custom = await _role(as_alice, name="trainer", permissions=["knowledge.draft"])
    await as_alice.patch(f"/api/v1/agents/{world.dave}", json={"role": "trainer"})
    r = await as_alice.delete(f"/api/v1/roles/{custom['id']}")
    assert r.status_code == 409 and "1 agent" in r.json()["detail"], r.text
    await as_alice.patch(f"/api/v1/agents/{world.dave}", json={"role": "agent"})
    assert (await as_alice.delete(f"/api/v1/roles/{custom['id']}")).status_code == 204
    # A role that does not exist cannot be given.
    r = await as_alice.patch(f"/api/v1/agents/{world.dave}", json={"role": "ghost"})
    assert r.status_code == 422 and "ghost" in r.json()["detail"], r.text


async def test_nobody_grants_what_they_do_not_hold(
    as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient,
    world: World,
) -> None:  # fmt: skip
    # A supervisor manages no roles at all.
    r = await as_bob.post("/api/v1/roles", json={"name": "mine", "permissions": []})
    assert r.status_code == 403 and "roles.manage" in r.json()["detail"], r.text
    # A delegated account manager (roles and agents, not webhooks) cannot mint an admin.
    await _role(
        as_alice,
        name="people-ops",
        # What an agent holds, so that they may move agents (never anyone holding more).
        permissions=[
            "roles.manage", "agents.manage", "conversations.reply", "knowledge.draft",
            "recovery.work",
        ],
    )  # fmt: skip
    await as_alice.patch(f"/api/v1/agents/{world.carol}", json={"role": "people-ops"})
    r = await as_carol.post(
        "/api/v1/roles", json={"name": "hooks", "permissions": ["webhooks.manage"]}
    )
    assert r.status_code == 403 and "webhooks.manage" in r.json()["detail"], r.text
    r = await as_carol.patch(f"/api/v1/agents/{world.dave}", json={"role": "admin"})
    assert r.status_code == 403, r.text
    # ... nor change an admin (who holds more than they do).
    r = await as_carol.patch(f"/api/v1/agents/{world.alice}", json={"is_active": False})
    assert r.status_code == 403, r.text
    # What they hold, they may grant.
    r = await as_carol.post(
        "/api/v1/roles", json={"name": "helpers", "permissions": ["conversations.reply"]}
    )
    assert r.status_code == 201, r.text
    r = await as_carol.patch(f"/api/v1/agents/{world.dave}", json={"role": "helpers"})
    assert r.status_code == 200, r.text


async def test_role_refusals_read_in_the_readers_language(
    as_bob: httpx.AsyncClient,
) -> None:
    r = await as_bob.post(
        "/api/v1/roles",
        json={"name": "mine", "permissions": []},
        headers={"Accept-Language": "vi"},
    )
    assert r.status_code == 403 and r.headers["content-language"] == "vi"
    assert "roles.manage" in r.json()["detail"] and "quyền" in r.json()["detail"]
