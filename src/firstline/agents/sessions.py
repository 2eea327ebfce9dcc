"""Console sign-in: passwords checked with argon2, lockout after repeated failures, sessions.

A session is a random token in an HttpOnly cookie (only its SHA-256 is stored) plus a CSRF
token the console sends back in a header with every request that changes something. Five
failed sign-ins in a row lock the account for fifteen minutes; the lock is on the account, so
it holds across server processes, and a success resets the count.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import Actor, role_of
from firstline.agents.models import Presence
from firstline.agents.passwords import hash_password, verify_password
from firstline.agents.tokens import hash_token
from firstline.core.db import now, parse_utc
from firstline.core.errors import FirstlineError, Unauthorized
from firstline.core.rawsql import SQL, raw_connection

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=12)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # Verified against when the email is unknown, so that a wrong email costs as long as a
    # wrong password and response times do not reveal which accounts exist.
    return hash_password(secrets.token_urlsafe(16))


class LockedOut(FirstlineError):
    status = 429
    title = "Too many requests"


@dataclass(frozen=True, slots=True)
class SessionActor:
    actor: Actor
    csrf_token: str
    session_id: int


_AGENT = SQL(
    "SELECT id, password_hash, failed_logins, locked_until, is_active FROM agents WHERE email = $1"
)
_FAILED = SQL("UPDATE agents SET failed_logins = $2, locked_until = $3 WHERE id = $1")
# Signing in to the console puts the agent online; signing out, offline (routing reads it).
_SIGNED_IN = SQL(
    "UPDATE agents SET failed_logins = 0, locked_until = NULL, presence = $2 WHERE id = $1"
)
_PRESENCE = SQL(
    "UPDATE agents SET presence = $2 WHERE id = "
    "(SELECT agent_id FROM console_sessions WHERE token_hash = $1)"
)
_CREATE = SQL(
    "INSERT INTO console_sessions (agent_id, token_hash, csrf_token, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING id"
)
_LOOKUP = SQL(
    "SELECT s.id, s.csrf_token, a.id, a.email, a.name, a.role, m.team_id "
    "FROM console_sessions s JOIN agents a ON a.id = s.agent_id "
    "LEFT JOIN team_memberships m ON m.agent_id = a.id "
    "WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND a.is_active"
)
_REVOKE = SQL("UPDATE console_sessions SET revoked_at = $2 WHERE token_hash = $1")


@dataclass(frozen=True, slots=True)
class SignIn:
    """The outcome of a sign-in. A refusal is returned, not raised, so that the transaction
    that counted the failure commits."""

    token: str = ""
    csrf_token: str = ""
    refusal: FirstlineError | None = None
    agent_id: int | None = None


async def sign_in(db: AsyncSession, email: str, password: str) -> SignIn:
    """Check the password; on success a new session (token for the cookie, CSRF token)."""
    raw = await raw_connection(db)
    at = now(db)
    row = await raw.fetchone(_AGENT, email.strip().lower())
    if row is None or not row[4] or not row[1]:
        verify_password(_dummy_hash(), password)
        return SignIn(refusal=Unauthorized("Wrong email or password."))
    agent_id, password_hash, failures, locked_until = row[0], row[1], int(row[2]), row[3]
    if isinstance(locked_until, str):  # SQLite stores text
        locked_until = parse_utc(locked_until)
    if locked_until is not None and locked_until > at:
        minutes = max(1, int((locked_until - at).total_seconds() // 60) + 1)
        return SignIn(
            refusal=LockedOut(
                f"Too many failed sign-ins: this account is locked for {minutes} more minute(s)."
            )
        )
    if not verify_password(password_hash, password):
        failures += 1
        if failures >= MAX_FAILURES:
            await raw.execute(_FAILED, agent_id, 0, raw.ts(at + LOCKOUT))
            return SignIn(
                refusal=LockedOut(
                    "Too many failed sign-ins: this account is locked for 15 minutes."
                )
            )
        await raw.execute(_FAILED, agent_id, failures, None)
        return SignIn(refusal=Unauthorized("Wrong email or password."))
    await raw.execute(_SIGNED_IN, agent_id, Presence.online.value)
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(24)
    await raw.fetchone(
        _CREATE, agent_id, hash_token(token), csrf, raw.ts(at), raw.ts(at + SESSION_LIFETIME)
    )
    return SignIn(token=token, csrf_token=csrf, agent_id=agent_id)


async def session_actor(db: AsyncSession, token: str) -> SessionActor:
    raw = await raw_connection(db)
    rows = await raw.fetchall(_LOOKUP, hash_token(token), raw.ts(now(db)))
    if not rows:
        raise Unauthorized("Your console session has ended; sign in again at /console.")
    session_id, csrf, agent_id, email, name, role, _ = rows[0]
    actor = Actor(
        agent_id=agent_id,
        email=email,
        name=name,
        role=role_of(role),
        team_ids=frozenset(r[6] for r in rows if r[6] is not None),
    )
    return SessionActor(actor=actor, csrf_token=csrf, session_id=session_id)


async def sign_out(db: AsyncSession, token: str) -> None:
    raw = await raw_connection(db)
    await raw.execute(_PRESENCE, hash_token(token), Presence.offline.value)
    await raw.execute(_REVOKE, hash_token(token), raw.ts(now(db)))
