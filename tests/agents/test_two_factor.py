"""Two-factor sign-in: enrolling from the API, the second step at sign-in (a half-signed-in
session reaches nothing), codes good once, recovery codes, turning it off, an admin's reset,
and a role that requires it making the agent enrol before anything else."""

from __future__ import annotations

import re

import httpx
import pyotp
from sqlalchemy import select

from firstline.agents.signin_models import AgentTwoFactor
from firstline.audit.models import AuditEntry
from firstline.core.clock import FrozenClock
from firstline.core.db import Database
from tests.agents.conftest import Browser
from tests.conftest import World


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page) or re.search(
        r'<meta name="csrf-token" content="([^"]+)"', page
    )
    assert found, page
    return found.group(1)


async def _password(http: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    page = (await http.get("/console")).text
    return await http.post(
        "/console/login", data={"email": email, "password": password, "csrf": _csrf(page)}
    )


async def _enrol_by_api(http: httpx.AsyncClient, clock: FrozenClock) -> tuple[str, list[str]]:
    started = await http.post("/api/v1/me/two-factor")
    assert started.status_code == 200, started.text
    secret = started.json()["secret"]
    assert started.json()["qr_svg_data_uri"].startswith("data:image/svg+xml")
    assert started.json()["uri"].startswith("otpauth://totp/Firstline:")
    wrong = await http.post("/api/v1/me/two-factor/confirm", json={"code": "000000"})
    assert wrong.status_code == 422
    code = pyotp.TOTP(secret).at(clock.now())
    confirmed = await http.post("/api/v1/me/two-factor/confirm", json={"code": code})
    assert confirmed.status_code == 200, confirmed.text
    codes = confirmed.json()["recovery_codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    return secret, codes


async def test_enrol_then_sign_in_with_a_code_and_nothing_before_it(
    browser: Browser, db: Database, clock: FrozenClock, world: World, carol_password: str
) -> None:
    carol = browser()
    carol.headers["Authorization"] = f"Bearer {world.tokens['carol']}"
    secret, codes = await _enrol_by_api(carol, clock)
    state = (await carol.get("/api/v1/me/two-factor")).json()
    assert state == {"enabled": True, "required": False, "recovery_codes_left": 10}
    # The seed is stored encrypted, not as the base-32 text the app was given.
    async with db.session() as s:
        stored = await s.scalar(select(AgentTwoFactor.secret))
    assert stored is not None and secret not in stored

    clock.advance(seconds=60)
    http = browser("192.0.2.10")
    r = await _password(http, "carol@example.com", carol_password)
    assert r.status_code == 303
    half = http.cookies["fl_session"]
    # Half signed in: the API and the console's socket refuse; the page asks for the code.
    assert (await http.get("/api/v1/me")).status_code == 401
    page = await http.get("/console")
    assert 'data-testid="login-code"' in page.text and 'data-testid="inbox"' not in page.text
    wrong = await http.post(
        "/console/login/code", data={"code": "123456", "csrf": _csrf(page.text)}
    )
    assert wrong.status_code == 401 and 'data-testid="login-error"' in wrong.text
    code = pyotp.TOTP(secret).at(clock.now())
    r = await http.post("/console/login/code", data={"code": code, "csrf": _csrf(page.text)})
    assert r.status_code == 303
    # A new token: the one seen before the second step is worth nothing.
    assert http.cookies["fl_session"] != half
    assert (await http.get("/api/v1/me")).status_code == 200

    # The same code again (someone who saw it) is refused; a recovery code works once.
    other = browser("203.0.113.5")
    await _password(other, "carol@example.com", carol_password)
    page = await other.get("/console")
    again = await other.post("/console/login/code", data={"code": code, "csrf": _csrf(page.text)})
    assert again.status_code == 401
    r = await other.post("/console/login/code", data={"code": codes[0], "csrf": _csrf(page.text)})
    assert r.status_code == 303
    third = browser("203.0.113.6")
    await _password(third, "carol@example.com", carol_password)
    page = await third.get("/console")
    r = await third.post("/console/login/code", data={"code": codes[0], "csrf": _csrf(page.text)})
    assert r.status_code == 401
    assert (await carol.get("/api/v1/me/two-factor")).json()["recovery_codes_left"] == 9

    async with db.session() as s:
        actions = list(await s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert "agent.two_factor_enabled" in actions and "agent.recovery_code_used" in actions
    signed = [a for a in actions if a == "agent.sign_in"]
    assert len(signed) == 2


async def test_turning_it_off_needs_a_code_and_an_admin_can_reset_it(
    browser: Browser, db: Database, clock: FrozenClock, world: World, as_bob: httpx.AsyncClient
) -> None:
    carol = browser()
    carol.headers["Authorization"] = f"Bearer {world.tokens['carol']}"
    secret, _ = await _enrol_by_api(carol, clock)
    again = await carol.post("/api/v1/me/two-factor")
    assert again.status_code == 409
    clock.advance(seconds=60)
    r = await carol.post("/api/v1/me/two-factor/disable", json={"code": "000000"})
    assert r.status_code == 422
    r = await carol.post(
        "/api/v1/me/two-factor/disable", json={"code": pyotp.TOTP(secret).at(clock.now())}
    )
    assert r.status_code == 204
    assert (await carol.get("/api/v1/me/two-factor")).json()["enabled"] is False

    await _enrol_by_api(carol, clock)
    # Resetting someone's needs agents.manage (a supervisor has not), and is audited.
    assert (await as_bob.delete(f"/api/v1/agents/{world.carol}/two-factor")).status_code == 403
    admin = browser()
    admin.headers["Authorization"] = f"Bearer {world.tokens['alice']}"
    assert (await admin.delete("/api/v1/agents/999999/two-factor")).status_code == 404
    assert (await admin.delete(f"/api/v1/agents/{world.carol}/two-factor")).status_code == 204
    assert (await carol.get("/api/v1/me/two-factor")).json()["enabled"] is False
    async with db.session() as s:
        reset = await s.scalar(
            select(AuditEntry).where(AuditEntry.action == "agent.two_factor_reset")
        )
    assert reset is not None and reset.actor_agent_id == world.alice
    assert reset.entity_id == world.carol


async def test_a_role_that_requires_it_makes_the_agent_enrol_before_anything_else(
    browser: Browser, db: Database, clock: FrozenClock, world: World
) -> None:
    # Alice is an admin; the admin role requires two-factor by default.
    admin = browser()
    admin.headers["Authorization"] = f"Bearer {world.tokens['alice']}"
    r = await admin.put(
        f"/api/v1/agents/{world.alice}/password",
        json={"password": "a long pass phrase for the admin"},
    )
    assert r.status_code == 204, r.text
    http = browser("192.0.2.20")
    r = await _password(http, "alice@example.com", "a long pass phrase for the admin")
    assert r.status_code == 303
    page = await http.get("/console")
    assert 'data-testid="enrol-secret"' in page.text and "<svg" in page.text
    assert (await http.get("/api/v1/me")).status_code == 401
    secret = re.search(r'data-testid="enrol-secret">([A-Z2-7]+)<', page.text)
    assert secret
    wrong = await http.post(
        "/console/login/enrol", data={"code": "000000", "csrf": _csrf(page.text)}
    )
    assert wrong.status_code == 422
    # A wrong code shows a new seed to scan; enrol with that one.
    secret = re.search(r'data-testid="enrol-secret">([A-Z2-7]+)<', wrong.text)
    assert secret
    code = pyotp.TOTP(secret[1]).at(clock.now())
    done = await http.post("/console/login/enrol", data={"code": code, "csrf": _csrf(wrong.text)})
    assert done.status_code == 200
    assert done.text.count("<li><code>") == 10 and 'data-testid="codes-continue"' in done.text
    assert (await http.get("/api/v1/me")).status_code == 200
    state = (await http.get("/api/v1/me/two-factor")).json()
    assert state["enabled"] and state["required"]
    # Required: it cannot be turned off.
    clock.advance(seconds=60)
    console = await http.get("/console")
    r = await http.post(
        "/api/v1/me/two-factor/disable",
        json={"code": pyotp.TOTP(secret[1]).at(clock.now())},
        headers={"X-CSRF-Token": _csrf(console.text)},
    )
    assert r.status_code == 409 and "requires" in r.json()["detail"]
