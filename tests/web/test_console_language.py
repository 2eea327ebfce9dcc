"""The console's language: each agent sets their own (PATCH /api/v1/me, audited), admins set
anyone's, nobody else's; the page and the sign-in form are rendered in it, right to left for
Arabic, with the language's catalog inline for the script; English when nothing was chosen."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
from sqlalchemy import select

import firstline.web
from firstline.agents.actions import do_set_agent_password
from firstline.agents.models import Agent
from firstline.audit.models import AuditEntry
from firstline.core.db import Database
from firstline.core.i18n import CATALOGS, t
from tests.conftest import World
from tests.web.test_console import _login

PASSWORD = "s3cret-enough-pass"


async def test_an_agent_sets_their_own_console_language(
    as_carol: httpx.AsyncClient, db: Database, world: World
) -> None:
    me = (await as_carol.get("/api/v1/me")).json()
    assert me["ui_language"] is None and me["console_language"] == "en"

    r = await as_carol.patch("/api/v1/me", json={"ui_language": "vi-VN"})
    assert r.status_code == 200, r.text
    assert r.json()["ui_language"] == "vi" and r.json()["console_language"] == "vi"
    assert (await as_carol.get("/api/v1/me")).json()["ui_language"] == "vi"
    # The existing agent path takes it too, for oneself.
    r = await as_carol.patch(f"/api/v1/agents/{world.carol}", json={"ui_language": "ar"})
    assert r.status_code == 200 and r.json()["console_language"] == "ar"
    # null goes back to English.
    r = await as_carol.patch("/api/v1/me", json={"ui_language": None})
    assert r.json()["ui_language"] is None and r.json()["console_language"] == "en"

    async with db.session() as s:
        entries = (
            await s.scalars(
                select(AuditEntry)
                .where(AuditEntry.action == "agent.updated", AuditEntry.entity_id == world.carol)
                .order_by(AuditEntry.id)
            )
        ).all()
    assert [e.data for e in entries] == [
        {"ui_language": "vi"}, {"ui_language": "ar"}, {"ui_language": None}
    ]  # fmt: skip
    assert {e.actor_agent_id for e in entries} == {world.carol}


async def test_only_their_own_and_only_a_language_the_product_serves(
    as_carol: httpx.AsyncClient, as_alice: httpx.AsyncClient, world: World
) -> None:
    # Agents see each other (GET /agents/<id> answers them), so changing another agent is
    # refused outright rather than hidden.
    r = await as_carol.patch(f"/api/v1/agents/{world.dave}", json={"ui_language": "vi"})
    assert r.status_code == 403
    assert r.headers["content-type"].startswith("application/problem+json")
    assert (await as_alice.get(f"/api/v1/agents/{world.dave}")).json()["ui_language"] is None
    # PATCH /me has no id to aim elsewhere, and refuses fields only admins change.
    r = await as_carol.patch("/api/v1/me", json={"ui_language": "vi", "role": "admin"})
    assert r.status_code == 422

    for bad in ("xx", "klingon", "", 7):
        r = await as_carol.patch("/api/v1/me", json={"ui_language": bad})
        assert r.status_code == 422, bad
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["detail"]
    r = await as_carol.patch("/api/v1/me", json={})
    assert r.status_code == 422 and "ui_language" in r.json()["detail"]

    # Admins set anyone's.
    r = await as_alice.patch(f"/api/v1/agents/{world.dave}", json={"ui_language": "th"})
    assert r.status_code == 200 and r.json()["console_language"] == "th"


def _messages(page: str) -> dict[str, object]:
    found = re.search(r'<script type="application/json" id="console-messages">(.*?)</script>', page)
    assert found
    doc: dict[str, object] = json.loads(found.group(1))
    return doc


async def test_the_console_page_is_rendered_in_the_agents_language(
    api: httpx.AsyncClient, as_carol: httpx.AsyncClient, db: Database, world: World
) -> None:
    async with db.transaction() as s:
        carol = await s.get(Agent, world.carol)
        assert carol is not None
        await do_set_agent_password(s, carol, PASSWORD, acting_agent_id=None)
    assert (await _login(api, "carol@example.com", PASSWORD)).status_code == 303

    page = (await api.get("/console")).text
    assert '<html lang="en" dir="ltr">' in page
    assert ">Mine</button>" in page and ">Sign out</button>" in page
    assert _messages(page)["language"] == "en"

    await as_carol.patch("/api/v1/me", json={"ui_language": "ar"})
    page = (await api.get("/console")).text
    assert '<html lang="ar" dir="rtl">' in page
    assert f">{t('console.inbox.mine', 'ar')}</button>" in page
    assert '<option value="ar" lang="ar" selected>العربية</option>' in page
    doc = _messages(page)
    assert doc["language"] == "ar"
    messages = doc["messages"]
    assert isinstance(messages, dict)
    assert messages["inbox.mine"] == t("console.inbox.mine", "ar") != "Mine"
    assert "alerts.new_count" in messages and "zero" in messages["alerts.new_count"]


async def test_the_sign_in_form_follows_the_browser(api: httpx.AsyncClient) -> None:
    page = (await api.get("/console", headers={"Accept-Language": "vi-VN,vi;q=0.9,en;q=0.5"})).text
    assert '<html lang="vi" dir="ltr">' in page and ">Đăng nhập</button>" in page
    page = (await api.get("/console", headers={"Accept-Language": "ar-EG"})).text
    assert '<html lang="ar" dir="rtl">' in page
    page = (await api.get("/console", headers={"Accept-Language": "xx, *"})).text
    assert '<html lang="en" dir="ltr">' in page and ">Sign in</button>" in page
    # A refusal reads in that language too.
    r = await api.post(
        "/console/login", data={"email": "", "password": "", "csrf": "forged"},
        headers={"Accept-Language": "vi"},
    )  # fmt: skip
    assert r.status_code == 403 and t("console.login.expired", "vi") in r.text


def test_the_console_catalog_and_the_console_agree() -> None:
    # Every t("...") in the script and the templates names a message English has, and every
    # message is used somewhere (a key built at run time is written out whole in the code).
    web = Path(firstline.web.__file__).parent
    english = CATALOGS.messages("en", "console")
    code = [*(web / "static" / "console").glob("*.js"), web / "console.py"]
    templates = [web / "templates" / "console.html", web / "templates" / "login.html"]
    called = {
        key
        for path in [*code, *templates]
        for key in re.findall(r'\bt\("([a-z_]+\.[a-z_.]+)"', path.read_text("utf-8"))
    }
    # "My account" (account.js) keeps its texts in a catalog of its own, sent along as
    # "account.<key>" (web/console.py).
    others = {
        f"{domain}.{key}"
        for domain in ("account", "console_mail", "console_learning")
        for key in CATALOGS.messages("en", domain)
    }
    assert called and called <= set(english) | others, sorted(called - set(english) - others)
    mentioned = {
        key
        for path in [*code, *templates]
        for key in re.findall(r'"([a-z_]+\.[a-z_]+)"', path.read_text("utf-8"))
    }
    assert set(english) <= mentioned, sorted(set(english) - mentioned)
