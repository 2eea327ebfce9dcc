"""Console sessions and passwords: listed and revocable one by one, sign-out everywhere, the
idle and absolute timeouts, a password change (own or by an admin) ending the other sessions,
weak and breached passwords refused, and disabling an agent ending their sessions and tokens
for good (before the fix, enabling them again brought both back)."""

from __future__ import annotations

import re

import httpx
import pytest

from firstline.core.clock import FrozenClock
from tests.agents.conftest import Browser
from tests.conftest import World
from tests.signin import console_sign_in


def _csrf(page: str) -> str:
    found = re.search(r'<meta name="csrf-token" content="([^"]+)"', page)
    assert found, page
    return found.group(1)


async def _console(http: httpx.AsyncClient) -> httpx.AsyncClient:
    """The browser with the console's CSRF header, as the console's script sends it."""
    page = await http.get("/console")
    http.headers["X-CSRF-Token"] = _csrf(page.text)
    return http


async def test_sessions_are_listed_and_revocable_one_by_one_or_everywhere(
    browser: Browser, world: World, carol_password: str
) -> None:
    laptop, phone = browser("192.0.2.10"), browser("192.0.2.11")
    laptop.headers["User-Agent"] = "Laptop browser"
    await console_sign_in(laptop, "carol@example.com", carol_password)
    await console_sign_in(phone, "carol@example.com", carol_password)
    laptop = await _console(laptop)
    listed = (await laptop.get("/api/v1/me/sessions")).json()
    assert len(listed) == 2
    mine = next(s for s in listed if s["current"])
    assert mine["address"] == "192.0.2.10" and mine["user_agent"] == "Laptop browser"
    assert mine["created_at"] and mine["last_seen_at"] and mine["expires_at"]
    other = next(s for s in listed if not s["current"])
    # Someone else's session id answers 404 (dave cannot end carol's).
    dave = browser()
    dave.headers["Authorization"] = f"Bearer {world.tokens['dave']}"
    assert (await dave.delete(f"/api/v1/me/sessions/{other['id']}")).status_code == 404
    assert (await laptop.delete(f"/api/v1/me/sessions/{other['id']}")).status_code == 204
    assert (await phone.get("/api/v1/me")).status_code == 401
    assert [s["id"] for s in (await laptop.get("/api/v1/me/sessions")).json()] == [mine["id"]]
    # Sign out everywhere: this one too.
    await console_sign_in(phone, "carol@example.com", carol_password)
    assert (await laptop.delete("/api/v1/me/sessions")).status_code == 204
    assert (await laptop.get("/api/v1/me")).status_code == 401
    assert (await phone.get("/api/v1/me")).status_code == 401


async def test_idle_and_absolute_timeouts(
    browser: Browser, clock: FrozenClock, world: World, carol_password: str
) -> None:
    http = browser()
    await console_sign_in(http, "carol@example.com", carol_password)
    # Active every 20 minutes: still signed in after 11 hours...
    for _ in range(33):
        clock.advance(minutes=20)
        assert (await http.get("/api/v1/me")).status_code == 200
    # ...but never past 12 hours.
    clock.advance(hours=1, minutes=1)
    assert (await http.get("/api/v1/me")).status_code == 401
    # 31 minutes without a request end a session.
    await console_sign_in(http, "carol@example.com", carol_password)
    clock.advance(minutes=29)
    assert (await http.get("/api/v1/me")).status_code == 200
    clock.advance(minutes=31)
    assert (await http.get("/api/v1/me")).status_code == 401


async def test_changing_ones_password_needs_the_current_one_and_ends_the_other_sessions(
    browser: Browser, world: World, carol_password: str
) -> None:
    here, there = browser("192.0.2.10"), browser("192.0.2.11")
    await console_sign_in(here, "carol@example.com", carol_password)
    await console_sign_in(there, "carol@example.com", carol_password)
    here = await _console(here)
    new = "another long phrase to remember"
    r = await here.put(
        "/api/v1/me/password", json={"current_password": "not it at all", "new_password": new}
    )
    assert r.status_code == 422 and "current password" in r.json()["detail"]
    r = await here.put(
        "/api/v1/me/password", json={"current_password": carol_password, "new_password": new}
    )
    assert r.status_code == 204, r.text
    assert (await here.get("/api/v1/me")).status_code == 200
    assert (await there.get("/api/v1/me")).status_code == 401
    await console_sign_in(browser("192.0.2.12"), "carol@example.com", new)


async def test_an_admin_setting_a_password_ends_the_agents_sessions(
    browser: Browser, world: World, carol_password: str, as_alice: httpx.AsyncClient
) -> None:
    http = browser()
    await console_sign_in(http, "carol@example.com", carol_password)
    r = await as_alice.put(
        f"/api/v1/agents/{world.carol}/password", json={"password": "set by the admin today"}
    )
    assert r.status_code == 204
    assert (await http.get("/api/v1/me")).status_code == 401


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("eleven-char", "at least 12"),
        ("password1234", "common passwords"),
        ("Qwerty123456!", "common passwords"),
        ("correct horse battery staple", "common passwords"),
        ("Summer2026!!!", "common passwords"),
        ("carol-and-her-secret", "name of your e-mail"),
        ("aaaaaaaaaaaaaaaa", "common passwords"),
    ],
)
async def test_weak_or_breached_passwords_are_refused(
    as_alice: httpx.AsyncClient, world: World, password: str, why: str
) -> None:
    r = await as_alice.put(f"/api/v1/agents/{world.carol}/password", json={"password": password})
    assert r.status_code == 422, password
    assert why in r.json()["detail"]


async def test_disabling_an_agent_ends_their_sessions_and_tokens_for_good(
    browser: Browser, world: World, carol_password: str, as_alice: httpx.AsyncClient
) -> None:
    http = browser()
    await console_sign_in(http, "carol@example.com", carol_password)
    token = browser()
    token.headers["Authorization"] = f"Bearer {world.tokens['carol']}"
    r = await as_alice.patch(f"/api/v1/agents/{world.carol}", json={"is_active": False})
    assert r.status_code == 200
    r = await as_alice.patch(f"/api/v1/agents/{world.carol}", json={"is_active": True})
    assert r.status_code == 200
    # Enabled again, but neither the old session nor the old token works.
    assert (await http.get("/api/v1/me")).status_code == 401
    assert (await token.get("/api/v1/me")).status_code == 401
    await console_sign_in(browser("192.0.2.30"), "carol@example.com", carol_password)
