"""The agent console over HTTP: sign-in with argon2 passwords, session cookie with
CSRF protection on the API, sign-out; and canned responses with placeholders."""

from __future__ import annotations

import re

import httpx
import pytest

from firstline.agents.actions import do_set_agent_password
from firstline.agents.models import Agent
from firstline.core.db import Database
from tests.conftest import World
from tests.helpers import new_conversation

PASSWORD = "s3cret-enough-pass"


@pytest.fixture
async def carol_password(db: Database, world: World) -> str:
    async with db.transaction() as s:
        agent = await s.get(Agent, world.carol)
        assert agent is not None
        await do_set_agent_password(s, agent, PASSWORD, acting_agent_id=None)
    return PASSWORD


async def _login(api: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    page = await api.get("/console")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf, page.text
    return await api.post(
        "/console/login", data={"email": email, "password": password, "csrf": csrf.group(1)}
    )


def _csrf(page: str) -> str:
    found = re.search(r'<meta name="csrf-token" content="([^"]+)"', page)
    assert found
    return found.group(1)


async def test_login_page_has_the_fields_tests_and_people_use(api: httpx.AsyncClient) -> None:
    page = await api.get("/console")
    for testid in ("login-email", "login-password", "login-submit"):
        assert f'data-testid="{testid}"' in page.text
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


async def test_sign_in_opens_the_console_and_the_api(
    api: httpx.AsyncClient, carol_password: str
) -> None:
    r = await _login(api, "carol@example.com", carol_password)
    assert r.status_code == 303 and r.headers["location"] == "/console"
    cookie = r.headers["set-cookie"]
    assert "fl_session=" in cookie and "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    page = await api.get("/console")
    assert 'data-testid="inbox"' in page.text and 'data-testid="reply-input"' in page.text
    csrf = _csrf(page.text)

    me = await api.get("/api/v1/me")
    assert me.status_code == 200 and me.json()["email"] == "carol@example.com"
    # A change without the CSRF token is refused, with it accepted.
    body = {"presence": "online"}
    refused = await api.patch(f"/api/v1/agents/{me.json()['id']}", json=body)
    assert refused.status_code == 403
    assert "X-CSRF-Token" in refused.json()["detail"]
    ok = await api.patch(
        f"/api/v1/agents/{me.json()['id']}", json=body, headers={"X-CSRF-Token": csrf}
    )
    assert ok.status_code == 200 and ok.json()["presence"] == "online"

    out = await api.post("/console/logout", data={"csrf": csrf})
    assert out.status_code == 303
    api.cookies.clear()
    assert (await api.get("/api/v1/me")).status_code == 401


async def test_the_session_ends_on_the_server_at_sign_out(
    api: httpx.AsyncClient, carol_password: str
) -> None:
    r = await _login(api, "carol@example.com", carol_password)
    session = r.cookies["fl_session"]
    csrf = _csrf((await api.get("/console")).text)
    await api.post("/console/logout", data={"csrf": csrf})
    # The old cookie, replayed, no longer works.
    api.cookies.clear()
    api.cookies.set("fl_session", session)
    replay = await api.get("/api/v1/me")
    assert replay.status_code == 401


# Repeated failures no longer lock the account (anyone could keep its owner out): the
# throttles that replaced the lock are tested in tests/agents/test_signin_throttle.py.


async def test_unknown_email_and_forged_form_are_refused(api: httpx.AsyncClient) -> None:
    unknown = await _login(api, "nobody@example.com", "whatever-password")
    assert unknown.status_code == 401
    assert "Wrong email or password" in unknown.text
    forged = await api.post(
        "/console/login", data={"email": "a@b.c", "password": "x", "csrf": "made-up"}
    )
    assert forged.status_code == 403


async def test_canned_responses_fill_their_placeholders(
    as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient
) -> None:
    created = await as_bob.post(
        "/api/v1/canned-responses",
        json={
            "shortcut": "deposit",
            "language": "en",
            "title": "Deposit checking",
            "body": "Hi {customer.name}, this is {agent.name}. I am checking deposit "
            "case {conversation.id} now.",
        },
    )
    assert created.status_code == 201, created.text
    payload = new_conversation("canned-1")
    payload["customer"]["name"] = "Minh"
    conversation = await as_carol.post("/api/v1/conversations", json=payload)
    assert conversation.status_code == 201, conversation.text
    cid = conversation.json()["id"]
    listed = await as_carol.get("/api/v1/canned-responses", params={"language": "en"})
    assert [c["shortcut"] for c in listed.json()["items"]] == ["deposit"]
    rendered = await as_carol.get(
        f"/api/v1/canned-responses/{created.json()['id']}/render",
        params={"conversation_id": cid},
    )
    assert rendered.json()["body"] == (
        f"Hi Minh, this is Carol. I am checking deposit case {cid} now."
    )


async def test_canned_responses_refuse_bad_input_and_agents(
    as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient
) -> None:
    body = {"shortcut": "hi", "language": "vi", "title": "Chào", "body": "Chào {customer.name}"}
    assert (await as_carol.post("/api/v1/canned-responses", json=body)).status_code == 403
    assert (await as_bob.post("/api/v1/canned-responses", json=body)).status_code == 201
    again = await as_bob.post("/api/v1/canned-responses", json=body)
    assert again.status_code == 409
    bad = await as_bob.post(
        "/api/v1/canned-responses", json={**body, "shortcut": "x", "body": "Hi {customer.pin}"}
    )
    assert bad.status_code == 422
    assert "{customer.pin}" in bad.json()["detail"]
    lang = await as_bob.post("/api/v1/canned-responses", json={**body, "language": "xx"})
    assert lang.status_code == 422


async def test_the_old_admin_pages_lead_to_the_settings_area(api: httpx.AsyncClient) -> None:
    """/admin was a table editor; its addresses now open the settings group that replaced it
    (the console asks whoever is not signed in to sign in first)."""
    for path, target in (
        ("/admin", "/console#/settings"),
        ("/admin/", "/console#/settings"),
        ("/admin/team/list", "/console#/settings/teams"),
        ("/admin/webhook/details/3", "/console#/settings/webhooks"),
        ("/admin/no-such-page", "/console#/settings"),
    ):
        r = await api.get(path, follow_redirects=False)
        assert r.status_code == 301, path
        assert r.headers["location"] == target, path


async def test_canned_responses_written_through_the_api_are_audited(
    as_bob: httpx.AsyncClient, db: Database
) -> None:
    from sqlalchemy import select

    from firstline.audit.models import AuditEntry

    body = {"shortcut": "kyc", "language": "id", "title": "KYC", "body": "Halo {customer.name}"}
    created = await as_bob.post("/api/v1/canned-responses", json=body)
    assert created.status_code == 201, created.text
    cid = created.json()["id"]
    changed = await as_bob.patch(f"/api/v1/canned-responses/{cid}", json={"title": "Verifikasi"})
    assert changed.status_code == 200 and changed.json()["title"] == "Verifikasi"
    missing = await as_bob.patch("/api/v1/canned-responses/99999", json={"title": "x"})
    assert missing.status_code == 404
    assert (await as_bob.delete(f"/api/v1/canned-responses/{cid}")).status_code == 204

    async with db.session() as s:
        actions = (
            await s.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.entity_type == "canned_response", AuditEntry.entity_id == cid)
                .order_by(AuditEntry.id)
            )
        ).all()
    assert actions == ["canned.created", "canned.updated", "canned.deleted"]
