"""What the SSO tests do as a browser would: start a sign-in, fill the provider's pages, come
back to the callback, and read the sign-in page's sentence and the audit trail."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from sqlalchemy import text

from firstline.core.db import Database
from firstline.core.i18n import t
from tests.sso.provider import log_in_at_provider

BASE = "http://firstline.test"
REDIRECT = f"{BASE}/console/sso/callback"

MakeClient = Callable[..., Awaitable[httpx.AsyncClient]]


async def start(client: httpx.AsyncClient, slug: str = "test") -> str:
    response = await client.get(f"/console/sso/{slug}/start")
    assert response.status_code == 303, response.text
    return response.headers["location"]


async def sign_in(client: httpx.AsyncClient, login: str, **headers: str) -> httpx.Response:
    query = await log_in_at_provider(await start(client), login, REDIRECT)
    return await client.get("/console/sso/callback", params=query, headers=headers)


async def signed_in_as(client: httpx.AsyncClient) -> str | None:
    """The name the console greets, or None on the sign-in page."""
    page = await client.get("/console")
    assert page.status_code == 200
    if 'data-testid="live-status"' not in page.text:
        return None
    return page.text


async def audit(db: Database, action: str) -> list[dict[str, Any]]:
    async with db.session() as session:
        rows = (
            await session.execute(
                text("SELECT entity_id, data FROM audit_entries WHERE action = :a ORDER BY id"),
                {"a": action},
            )
        ).all()
    return [
        {"entity_id": r[0], **(json.loads(r[1]) if isinstance(r[1], str) else r[1])} for r in rows
    ]


def error(response: httpx.Response) -> str:
    assert 'data-testid="login-error"' in response.text, response.text[:500]
    return response.text.split('data-testid="login-error" role="alert">', 1)[1].split("<", 1)[0]


def say(language: str, key: str, **args: str) -> str:
    # The page escapes what it prints; the sentences here have nothing to escape but quotes.
    return t(f"sso.{key}", language, **args).replace("'", "&#39;")
