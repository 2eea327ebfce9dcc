"""Sign-in attacks: argon2 on the event loop (anonymous logins stalling the server), the
lockout anyone could trigger to keep an admin out, and password spraying across accounts.
Each test reproduces the attack and fails on the code before the fix."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from firstline.agents.passwords import password_pool
from firstline.audit.models import AuditEntry
from firstline.core.clock import FrozenClock
from firstline.core.db import Database
from firstline.core.settings import Settings
from tests.agents.conftest import Browser
from tests.conftest import World
from tests.signin import console_sign_in


async def _try(http: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    page = (await http.get("/console")).text
    csrf = page.split('name="csrf" value="')[1].split('"')[0]
    return await http.post(
        "/console/login", data={"email": email, "password": password, "csrf": csrf}
    )


@pytest.fixture
def settings() -> Settings:
    # Two password threads and two more waiting: a fifth check at once is refused.
    return Settings(
        max_body_bytes=64 * 1024, dashboard_cache_seconds=0, bot=False,
        sign_in_failures_per_address=6, sign_in_failures_per_account=4,
        password_workers=2, password_queue=2,
    )  # fmt: skip


async def test_password_checks_run_off_the_event_loop_and_a_full_queue_is_refused_at_once(
    browser: Browser, world: World, carol_password: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each argon2 check waits until the test lets it finish, and says which thread ran it.
    # Checked on the event loop (as before the fix), the first one blocks everything.
    gate = threading.Event()
    on_loop: list[bool] = []
    real = PasswordHasher.verify

    def held(self: PasswordHasher, hash: Any, password: Any) -> bool:
        on_loop.append(threading.current_thread() is threading.main_thread())
        gate.wait(60)
        return bool(real(self, hash, password))

    monkeypatch.setattr(PasswordHasher, "verify", held)
    pool = password_pool()
    attackers = [browser(f"203.0.113.{n}") for n in range(4)]
    logins = [
        asyncio.ensure_future(_try(a, f"nobody{n}@example.com", "guess-guess-guess"))
        for n, a in enumerate(attackers)
    ]
    try:
        # Wait (on a busy machine, a while) until all four reached the pool: two checking, two
        # queued. Waiting for the first two alone let the fifth below take a queued place.
        for _ in range(3000):
            if len(on_loop) >= 2 and pool.in_flight >= 4:
                break
            await asyncio.sleep(0.01)
        assert on_loop and not any(on_loop), "argon2 ran on the event loop"
        assert pool.in_flight == 4 and not any(task.done() for task in logins)
        # The server still answers while they wait.
        me = await browser().get(
            "/api/v1/me", headers={"Authorization": f"Bearer {world.tokens['dave']}"}
        )
        assert me.status_code == 200
        assert not any(task.done() for task in logins)
        # A fifth, while the queue is full, is refused at once instead of waiting behind them.
        busy = await _try(browser("198.51.100.9"), "carol@example.com", carol_password)
        assert busy.status_code == 503 and "try again in a moment" in busy.text
    finally:
        gate.set()
    done = await asyncio.gather(*logins)
    assert [r.status_code for r in done] == [401] * 4


async def test_guessing_an_admins_password_does_not_keep_them_out(
    browser: Browser, db: Database, clock: FrozenClock, world: World, carol_password: str
) -> None:
    # Carol signed in from her browser before: it carries her device cookie.
    own = browser("192.0.2.10")
    await console_sign_in(own, "carol@example.com", carol_password)
    await own.post("/console/logout", data={"csrf": "x"})  # the cookie stays
    own.cookies.delete("fl_session")
    # Attackers from many addresses guess her password (before the fix: locked after five).
    for n in range(6):
        clock.advance(seconds=30)
        r = await _try(browser(f"203.0.113.{n}"), "carol@example.com", f"guess number {n}!")
        assert r.status_code in (401, 429)
    # A new browser is held back (the guessing is slowed)...
    stranger = await _try(browser("198.51.100.1"), "carol@example.com", carol_password)
    assert stranger.status_code == 429 and int(stranger.headers["retry-after"]) > 0
    # ...but Carol, from her own browser, signs in at once.
    mine = await _try(own, "carol@example.com", carol_password)
    assert mine.status_code == 303, mine.text
    # And the window passes: everyone may try again.
    clock.advance(minutes=16)
    later = await _try(browser("198.51.100.1"), "carol@example.com", carol_password)
    assert later.status_code == 303


async def test_one_address_is_slowed_down_after_a_few_failures_for_an_account(
    browser: Browser, clock: FrozenClock, world: World, carol_password: str
) -> None:
    attacker = browser("203.0.113.7")
    for _ in range(3):
        assert (await _try(attacker, "carol@example.com", "not her password!")).status_code == 401
    # The fourth try waits (2 s, then 4 s...), and is refused without checking the password.
    r = await _try(attacker, "carol@example.com", carol_password)
    assert r.status_code == 429 and r.headers["retry-after"] == "2"
    clock.advance(seconds=2)
    assert (await _try(attacker, "carol@example.com", "not her password!")).status_code == 401
    r = await _try(attacker, "carol@example.com", "not her password!")
    assert r.status_code == 429 and r.headers["retry-after"] == "4"
    # It is this account from this address that waits: the address may still try others.
    other = await _try(attacker, "bob@example.com", "not his password")
    assert other.status_code == 401


async def test_spraying_many_accounts_from_one_address_is_throttled(
    browser: Browser, db: Database, clock: FrozenClock, world: World
) -> None:
    sprayer = browser("203.0.113.99")
    emails = ["alice", "bob", "carol", "dave", "erin", "frank"]
    for name in emails:
        clock.advance(seconds=1)
        r = await _try(sprayer, f"{name}@example.com", "Summer2026!")
        assert r.status_code == 401
    r = await _try(sprayer, "zoe@example.com", "Summer2026!")
    assert r.status_code == 429
    assert 0 < int(r.headers["retry-after"]) <= 15 * 60
    assert "Too many failed sign-ins" in r.text
    # Every failure is in the audit log; an unknown e-mail as entity 0 and without the e-mail.
    async with db.session() as s:
        failed = list(
            await s.scalars(select(AuditEntry).where(AuditEntry.action == "agent.sign_in_failed"))
        )
    assert len(failed) == len(emails)
    assert {f.entity_id for f in failed if f.data["reason"] == "unknown_email"} == {0}
    assert all("example.com" not in str(f.data) for f in failed)
    assert {f.entity_id for f in failed if f.data["reason"] == "password"} == {
        world.alice,
        world.bob,
        world.carol,
        world.dave,
    }


async def test_a_sign_in_is_audited(
    browser: Browser, db: Database, world: World, carol_password: str
) -> None:
    await console_sign_in(browser("192.0.2.10"), "carol@example.com", carol_password)
    async with db.session() as s:
        entry = await s.scalar(select(AuditEntry).where(AuditEntry.action == "agent.sign_in"))
    assert entry is not None and entry.entity_type == "agent" and entry.entity_id == world.carol
    assert entry.actor_agent_id == world.carol and entry.data["address"] == "192.0.2.10"
