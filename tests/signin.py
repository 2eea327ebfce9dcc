"""Signing in to the console over HTTP as a browser does, second step included: for the tests
that need a console session (an admin's role requires two-factor, so their first sign-in
enrols and later ones ask for a code).

`SECRETS` remembers each (server, e-mail)'s two-factor seed once this helper enrolled it, and
the last 30-second step whose code it used: a code is good once, so a second sign-in within
the same step uses the next step's code (accepted, as clocks drift).
"""

from __future__ import annotations

import html
import re
import time
from datetime import datetime

import httpx
import pyotp

SECRETS: dict[tuple[str, str], str] = {}
_LAST_STEP: dict[str, int] = {}


def _field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, page
    return html.unescape(found.group(1))


def totp_code(secret: str, at: datetime | None = None) -> str:
    """A code for `secret` at `at` (now by default) that this process has not used yet."""
    moment = at.timestamp() if at is not None else time.time()
    step = int(moment) // 30
    if at is None:
        step = max(step, _LAST_STEP.get(secret, -1) + 1)
        if step > int(moment) // 30 + 1:  # both codes spent: wait for the next step
            time.sleep(30 - moment % 30 + 0.5)
            return totp_code(secret)
    _LAST_STEP[secret] = max(step, _LAST_STEP.get(secret, -1))
    return pyotp.TOTP(secret).generate_otp(step)


async def second_step(
    http: httpx.AsyncClient, email: str, *, secret: str | None = None, at: datetime | None = None
) -> httpx.Response | None:
    """After a password was accepted: enter a code, or enrol (remembering the seed) when the
    page asks for it. None when the console opened without a second step."""
    page = (await http.get("/console")).text
    key = (str(http.base_url).rstrip("/"), email)
    if 'data-testid="login-code"' in page:
        seed = secret or SECRETS[key]
        return await http.post(
            "/console/login/code",
            data={"code": totp_code(seed, at), "csrf": _field(page, "csrf")},
        )
    if 'data-testid="enrol-secret"' in page:
        found = re.search(r'data-testid="enrol-secret">([A-Z2-7]+)<', page)
        assert found, page
        SECRETS[key] = found.group(1)
        return await http.post(
            "/console/login/enrol",
            data={"code": totp_code(found.group(1), at), "csrf": _field(page, "csrf")},
        )
    return None


async def console_sign_in(
    http: httpx.AsyncClient,
    email: str,
    password: str,
    *,
    secret: str | None = None,
    at: datetime | None = None,
) -> str:
    """Sign in through the sign-in page and any second step; the session cookie's value."""
    page = (await http.get("/console")).text
    r = await http.post(
        "/console/login",
        data={"email": email, "password": password, "csrf": _field(page, "csrf")},
    )
    assert r.status_code == 303, r.text
    step = await second_step(http, email, secret=secret, at=at)
    assert step is None or step.status_code in (200, 303), step.text
    return str(http.cookies["fl_session"])
