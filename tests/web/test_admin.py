"""/admin over HTTP: every change goes through the API's checks and actions (roles and
languages from the list, a sentence on refusal, never SQL), is audited, and carries the
session's CSRF token; settings are listed read-only; a role set by hand in the database to
something unknown grants the least instead of failing every request."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy import select, text

from firstline.agents.actions import do_set_agent_password
from firstline.agents.models import Agent, CannedResponse, TeamMembership
from firstline.agents.passwords import verify_password
from firstline.audit.models import AuditEntry
from firstline.core.db import Database
from tests.conftest import World
from tests.web.test_console import _login

PASSWORD = "s3cret-enough-pass"


@pytest.fixture
async def as_admin(api: httpx.AsyncClient, db: Database, world: World) -> httpx.AsyncClient:
    """Alice, signed in to the console (an admin)."""
    async with db.transaction() as s:
        alice = await s.get(Agent, world.alice)
        assert alice is not None
        await do_set_agent_password(s, alice, PASSWORD, acting_agent_id=None)
    assert (await _login(api, "alice@example.com", PASSWORD)).status_code == 303
    return api


async def _form(api: httpx.AsyncClient, path: str) -> str:
    page = await api.get(path)
    assert page.status_code == 200, page.text
    found = re.search(r'name="csrf"[^>]*value="([^"]+)"', page.text) or re.search(
        r'value="([^"]+)"[^>]*name="csrf"', page.text
    )
    assert found, "the form carries no CSRF token"
    return found.group(1)


def _agent(csrf: str, **fields: object) -> dict[str, object]:
    return {
        "csrf": csrf, "name": "Erin", "email": "erin@example.com", "role": "agent",
        "languages": ["vi", "en"], "presence": "offline", "max_concurrent": "4",
        "is_active": "y", "password": "", **fields,
    }  # fmt: skip


async def _audit(db: Database, action: str) -> list[AuditEntry]:
    """Entries of `action` made by someone (the fixtures' own set-up is the system's)."""
    async with db.session() as s:
        return list(
            await s.scalars(
                select(AuditEntry).where(
                    AuditEntry.action == action, AuditEntry.actor_agent_id.is_not(None)
                )
            )
        )


async def test_an_agent_is_created_through_the_action_with_password_teams_and_audit(
    as_admin: httpx.AsyncClient, db: Database, world: World
) -> None:
    csrf = await _form(as_admin, "/admin/agent/create")
    r = await as_admin.post(
        "/admin/agent/create",
        data=_agent(csrf, password="a-long-password", team_ids=[str(world.spot_en)]),
    )
    assert r.status_code == 302, r.text
    async with db.session() as s:
        erin = await s.scalar(select(Agent).where(Agent.email == "erin@example.com"))
        assert erin is not None and erin.role == "agent" and erin.languages == ["vi", "en"]
        assert erin.password_hash and verify_password(erin.password_hash, "a-long-password")
        teams = list(
            await s.scalars(
                select(TeamMembership.team_id).where(TeamMembership.agent_id == erin.id)
            )
        )
        assert teams == [world.spot_en]
    [created] = await _audit(db, "agent.created")
    assert (created.actor_agent_id, created.entity_id) == (world.alice, erin.id)

    # An edit is the API's PATCH: checked, audited, password set through the same hash.
    r = await as_admin.post(
        f"/admin/agent/edit/{erin.id}",
        data=_agent(csrf, role="supervisor", password="another-long-one", team_ids=[]),
    )
    assert r.status_code == 302, r.text
    [updated] = await _audit(db, "agent.updated")
    assert updated.actor_agent_id == world.alice
    assert updated.data == {"team_ids": [], "role": "supervisor"}
    assert len(await _audit(db, "agent.password_set")) == 1


async def test_a_role_outside_the_list_is_refused_with_a_sentence(
    as_admin: httpx.AsyncClient, db: Database
) -> None:
    csrf = await _form(as_admin, "/admin/agent/create")
    r = await as_admin.post("/admin/agent/create", data=_agent(csrf, role="superuser"))
    assert r.status_code == 400
    assert "Not a valid choice" in r.text
    page = await as_admin.get("/admin/agent/create")
    for role in ("agent", "supervisor", "admin"):
        assert f'value="{role}"' in page.text
    assert 'value="superuser"' not in page.text
    languages = re.findall(r'<option[^>]*value="([^"]+)"', page.text)
    assert {"vi", "zh-CN", "ar", "th"} <= set(languages)
    async with db.session() as s:
        assert await s.scalar(select(Agent).where(Agent.email == "erin@example.com")) is None


async def test_a_duplicate_email_is_a_sentence_not_a_sql_statement(
    as_admin: httpx.AsyncClient,
) -> None:
    csrf = await _form(as_admin, "/admin/agent/create")
    r = await as_admin.post("/admin/agent/create", data=_agent(csrf, email="carol@example.com"))
    assert r.status_code == 400
    assert "An agent with email carol@example.com already exists." in r.text
    assert "INSERT" not in r.text and "IntegrityError" not in r.text


async def test_a_change_without_the_sessions_csrf_token_is_refused(
    as_admin: httpx.AsyncClient, db: Database
) -> None:
    await _form(as_admin, "/admin/agent/create")
    r = await as_admin.post("/admin/agent/create", data=_agent("forged"))
    assert r.status_code == 400
    assert "This form has expired" in r.text
    assert await _audit(db, "agent.created") == []


async def test_canned_responses_are_saved_by_the_action_and_audited(
    as_admin: httpx.AsyncClient, db: Database, world: World
) -> None:
    csrf = await _form(as_admin, "/admin/canned-response/create")
    body = {"csrf": csrf, "shortcut": "hi", "language": "vi", "title": "Chào",
            "body": "Chào {customer.name}!", "team_id": ""}  # fmt: skip
    assert (await as_admin.post("/admin/canned-response/create", data=body)).status_code == 302
    again = await as_admin.post("/admin/canned-response/create", data=body)
    assert again.status_code == 400
    assert "A canned response /hi in vi exists already" in again.text
    bad = await as_admin.post(
        "/admin/canned-response/create", data={**body, "shortcut": "x", "body": "{customer.pin}"}
    )
    assert bad.status_code == 400 and "Unknown placeholder" in bad.text
    async with db.session() as s:
        canned = await s.scalar(select(CannedResponse))
        assert canned is not None and canned.language == "vi"
    [created] = await _audit(db, "canned.created")
    assert created.actor_agent_id == world.alice


async def test_settings_are_listed_read_only(as_admin: httpx.AsyncClient) -> None:
    for identity in ("routing-rule", "routing-settings", "sla-policy", "escalation-level",
                     "flow-definition", "recovery-asset", "recovery-policy"):  # fmt: skip
        page = await as_admin.get(f"/admin/{identity}/list")
        assert page.status_code == 200, identity
        assert (await as_admin.get(f"/admin/{identity}/create")).status_code in (403, 404)


async def test_an_unknown_role_in_the_database_grants_the_least_and_fails_nothing(
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
        # As an agent: the supervisor's dashboard is refused with a sentence, not a 500.
        dashboard = await carol.get("/api/v1/dashboard")
        assert dashboard.status_code == 403 and "you are agent" in dashboard.json()["detail"]
    # An admin can still change that agent (and set a role from the list).
    fixed = await as_alice.patch(f"/api/v1/agents/{world.carol}", json={"role": "agent"})
    assert fixed.status_code == 200, fixed.text


async def test_teams_are_created_and_changed_through_the_actions(
    as_admin: httpx.AsyncClient, db: Database, world: World
) -> None:
    csrf = await _form(as_admin, "/admin/team/create")
    team = {"csrf": csrf, "name": "Spot · Thai", "product": "spot", "languages": ["th"],
            "line": "first", "strategy": "least_busy", "relax_after_seconds": "120",
            "overflow_team_id": str(world.spot_en)}  # fmt: skip
    bad = await as_admin.post("/admin/team/create", data={**team, "product": "spot market!"})
    assert bad.status_code == 400 and "is not a valid name" in bad.text
    taken = await as_admin.post("/admin/team/create", data={**team, "name": "Spot EN"})
    assert taken.status_code == 400 and "Spot EN&#39; already exists" in taken.text
    assert (await as_admin.post("/admin/team/create", data=team)).status_code == 302
    [created] = await _audit(db, "team.created")
    assert created.actor_agent_id == world.alice
    r = await as_admin.post(
        f"/admin/team/edit/{created.entity_id}", data={**team, "languages": ["th", "en"]}
    )
    assert r.status_code == 302, r.text
    [updated] = await _audit(db, "team.updated")
    assert updated.data == {"before": {"languages": ["th"]}, "after": {"languages": ["th", "en"]}}


async def test_a_canned_response_is_deleted_with_an_audit_entry(
    as_admin: httpx.AsyncClient, db: Database, world: World
) -> None:
    csrf = await _form(as_admin, "/admin/canned-response/create")
    body = {"csrf": csrf, "shortcut": "bye", "language": "en", "title": "Bye",
            "body": "Bye {customer.name}!", "team_id": ""}  # fmt: skip
    assert (await as_admin.post("/admin/canned-response/create", data=body)).status_code == 302
    [created] = await _audit(db, "canned.created")
    r = await as_admin.delete(f"/admin/canned-response/delete?pks={created.entity_id}")
    assert r.status_code == 200 and "error" not in r.text
    async with db.session() as s:
        assert await s.get(CannedResponse, created.entity_id) is None
    [deleted] = await _audit(db, "canned.deleted")
    assert deleted.actor_agent_id == world.alice
