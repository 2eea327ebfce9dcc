"""Chat tokens: what a customer's widget presents on every chat call once it has proved who
the customer is (chat/identity.py).

A chat token is a random string; only its SHA-256 is stored, in `chat_sessions`, so a copy
of the database does not hold usable tokens. Checking one is a single indexed lookup (the
unique index on the hash), the same in every server process, so revoking takes effect at
once everywhere. A token ends:

- after IDLE (24 hours) without use: the widget starts a new session on the customer's next
  visit, proving again who they are (a visitor's signed cookie, the company's identity token);
- ABSOLUTE (30 days) after it was made, however much it is used;
- when an agent with customers.edit revokes the customer's sessions (a token seen where it
  should not be, an account taken over).

Tokens travel in the X-Chat-Token header and, on the WebSocket, in the first frame; never in
a URL, where proxies, browsers and access logs would keep them.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.db import Database, now, parse_utc
from firstline.core.errors import Unauthorized
from firstline.core.rawsql import SQL, raw_connection

IDLE = timedelta(hours=24)
ABSOLUTE = timedelta(days=30)
# Last use is written at most this often per session: a busy chat does not write a row on
# every message, and the idle limit is IDLE give or take this.
TOUCH_EVERY = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class ChatIdentity:
    customer_id: int
    external_id: str
    session_id: int = 0


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


_CREATE = SQL(
    "INSERT INTO chat_sessions (customer_id, token_hash, proof, created_at, last_used_at, "
    "expires_at) VALUES ($1, $2, $3, $4, $4, $5)"
)


_FORGET_ENDED = SQL(
    "DELETE FROM chat_sessions WHERE customer_id = $1 "
    "AND (expires_at <= $2 OR last_used_at <= $3 OR revoked_at IS NOT NULL)"
)


async def do_start_chat_session(db: AsyncSession, customer_id: int, *, proof: str) -> str:
    """A new chat token for the customer (returned once; only its hash is kept). The
    customer's ended sessions are forgotten here (by the customer index), so rows do not pile
    up without a job to sweep them."""
    token = secrets.token_urlsafe(32)
    at = now(db)
    raw = await raw_connection(db)
    await raw.execute(_FORGET_ENDED, customer_id, raw.ts(at), raw.ts(at - IDLE))
    await raw.execute(_CREATE, customer_id, _hash(token), proof, raw.ts(at), raw.ts(at + ABSOLUTE))
    return token


_LOOKUP = SQL(
    "SELECT s.id, s.customer_id, c.external_id, s.last_used_at, s.expires_at, s.revoked_at "
    "FROM chat_sessions s JOIN customers c ON c.id = s.customer_id WHERE s.token_hash = $1"
)
_TOUCH = SQL("UPDATE chat_sessions SET last_used_at = $2 WHERE id = $1 AND revoked_at IS NULL")


def _utc(value: datetime | str) -> datetime:
    return parse_utc(value) if isinstance(value, str) else value


def _invalid() -> Unauthorized:
    return Unauthorized(message="chat_token_invalid")


async def authenticate_chat_token(db: Database, token: str | None) -> ChatIdentity:
    """The customer `token` speaks for, or 401 (missing, unknown, expired or revoked: the
    widget answers each by starting a new session)."""
    if not token:
        raise Unauthorized(message="chat_token_missing")
    if len(token) > 200:
        raise _invalid()
    async with db.session() as session:
        raw = await raw_connection(session)
        row = await raw.fetchone(_LOOKUP, _hash(token))
        at = now(session)
    if row is None:
        raise _invalid()
    session_id, customer_id, external_id, last_used, expires, revoked = row
    last_used = _utc(last_used)
    if revoked is not None or at >= _utc(expires) or at - last_used >= IDLE:
        raise _invalid()
    if at - last_used >= TOUCH_EVERY:
        async with db.transaction(raw_writes=True) as session:
            raw = await raw_connection(session)
            await raw.execute(_TOUCH, session_id, raw.ts(at))
    return ChatIdentity(int(customer_id), str(external_id), int(session_id))


_REVOKE = SQL(
    "UPDATE chat_sessions SET revoked_at = $2 WHERE customer_id = $1 AND revoked_at IS NULL"
)
_COUNT_LIVE = SQL(
    "SELECT count(*) FROM chat_sessions WHERE customer_id = $1 AND revoked_at IS NULL "
    "AND expires_at > $2 AND last_used_at > $3"
)


async def count_live_chat_sessions(db: AsyncSession, customer_id: int) -> int:
    at = now(db)
    raw = await raw_connection(db)
    row = await raw.fetchone(_COUNT_LIVE, customer_id, raw.ts(at), raw.ts(at - IDLE))
    return int(row[0])


async def do_revoke_chat_sessions(db: AsyncSession, customer_id: int) -> int:
    """End every chat token of the customer now (their widget starts a new session, proving
    again who they are). Returns how many were live."""
    live = await count_live_chat_sessions(db, customer_id)
    raw = await raw_connection(db)
    await raw.execute(_REVOKE, customer_id, raw.ts(now(db)))
    return live


_BURN = SQL("UPDATE chat_sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL")


async def do_burn_chat_token(db: AsyncSession, token: str) -> None:
    """End a token that was seen where logs keep it (a URL): whoever reads the log later finds
    it dead. Unknown tokens change nothing."""
    if 0 < len(token) <= 200:
        raw = await raw_connection(db)
        await raw.execute(_BURN, _hash(token), raw.ts(now(db)))
