"""An agent who forgot their password gets a link by mail (through the outbox, to a real SMTP
server), chooses a new one that passes the password rules, and signs in with it; the link
works once; an address without an account gets the very same answer and no mail."""

from __future__ import annotations

import re

import httpx

from firstline.core.db import Database
from firstline.core.i18n import t
from tests.conftest import World
from tests.mail.conftest import Sink, plain, send_jobs
from tests.signin import _field, console_sign_in

NEW_PASSWORD = "violet kettle orbit 42"


async def _ask(api: httpx.AsyncClient, email: str) -> httpx.Response:
    page = (await api.get("/console/forgot")).text
    return await api.post("/console/forgot", data={"email": email, "csrf": _field(page, "csrf")})


async def test_a_forgotten_password_is_reset_by_a_link_that_works_once(
    db: Database, api: httpx.AsyncClient, sink: Sink, world: World, as_alice: httpx.AsyncClient,
) -> None:  # fmt: skip
    assert 'href="/console/forgot"' in (await api.get("/console")).text
    unknown = await _ask(api, "nobody@example.com")
    known = await _ask(api, "carol@example.com")
    assert unknown.status_code == known.status_code == 200
    assert 'data-testid="reset-sent"' in known.text
    # Nothing in the answer tells the two apart but the address typed.
    assert known.text.replace("carol@example.com", "X").count("X") == unknown.text.replace(
        "nobody@example.com", "X"
    ).count("X")
    await send_jobs(db)
    [mail] = sink.received
    assert mail["To"] == "carol@example.com"
    assert mail["Subject"] == t("account.reset_mail_subject", "en")
    link = re.search(r"(\S*/console/reset\?token=(\S+))", plain(mail))
    assert link is not None
    token = link.group(2)

    page = await api.get(f"/console/reset?token={token}")
    assert page.status_code == 200 and 'data-testid="reset-password"' in page.text
    form = {"token": token, "csrf": _field(page.text, "csrf")}
    r = await api.post("/console/reset", data={**form, "password": NEW_PASSWORD, "repeat": "x"})
    assert r.status_code == 422 and t("account.reset_mismatch", "en") in r.text
    page = await api.get(f"/console/reset?token={token}")
    form["csrf"] = _field(page.text, "csrf")
    r = await api.post(
        "/console/reset", data={**form, "password": "password123", "repeat": "password123"}
    )
    assert r.status_code == 422  # a common password is refused, as everywhere
    page = await api.get(f"/console/reset?token={token}")
    form["csrf"] = _field(page.text, "csrf")
    r = await api.post(
        "/console/reset", data={**form, "password": NEW_PASSWORD, "repeat": NEW_PASSWORD}
    )
    assert r.status_code == 200 and 'data-testid="reset-done"' in r.text
    # Once used, the link is worthless: the password it was signed over has changed.
    assert (await api.get(f"/console/reset?token={token}")).status_code == 410
    assert (await api.get("/console/reset?token=1.9999999999.abc")).status_code == 410
    api.cookies.clear()
    assert await console_sign_in(api, "carol@example.com", NEW_PASSWORD)
    audit = (await as_alice.get("/api/v1/audit", params={"action": "agent.password_reset"})).json()
    assert [e["entity_id"] for e in audit["items"]] == [world.carol, world.carol]
