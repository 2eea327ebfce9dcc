"""Secrets a deployment makes for itself and keeps in its database, so that every server
process (and every restart) signs with the same key without anyone having to configure one.
A value set in the environment wins."""

from __future__ import annotations

import secrets

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.db import Database, now
from firstline.core.rawsql import SQL, raw_connection

_READ = SQL("SELECT value FROM instance_secrets WHERE name = $1")
_CREATE = SQL(
    "INSERT INTO instance_secrets (name, value, created_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (name) DO NOTHING"
)


async def _read(session: AsyncSession, name: str) -> str | None:
    raw = await raw_connection(session)
    row = await raw.fetchone(_READ, name)
    return str(row[0]) if row else None


async def instance_secret(db: Database, name: str, configured: str | None = None) -> str:
    """The secret called `name`: `configured` when given, else the stored one, created on
    first use (two processes racing to create it agree on the first one written)."""
    if configured:
        return configured
    async with db.session() as session:
        found = await _read(session, name)
    if found is not None:
        return found
    async with db.transaction(raw_writes=True) as session:
        raw = await raw_connection(session)
        await raw.execute(_CREATE, name, secrets.token_urlsafe(32), raw.ts(now(session)))
        value = await _read(session, name)
    assert value is not None
    return value
