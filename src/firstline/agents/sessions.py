"""Console sign-in and sessions.

A session is a random token in an HttpOnly cookie (only its SHA-256 is stored) plus a CSRF
token the console sends back in a header with every request that changes something.

Signing in is one or two steps. The password (checked off the event loop, agents/passwords.py,
behind the throttles of agents/throttle.py) starts a session; when the agent has two-factor on,
or their role requires it, that session is only half signed in (`stage` "code" or "enrol"): it
can do nothing but finish the second step, and it ends after ten minutes. Finishing it gives
the session a new token (so a token seen before the second step is worth nothing) and makes it
a full one. `start_session` is the one way in, for passwords and single sign-on alike.

A full session ends after `idle` without a request (30 minutes by default), after `lifetime`
(12 hours) whatever happens, when its agent signs it out (one by one or everywhere), changes
their password (the others), has their password or two-factor reset by an admin, or is
disabled. Revoked sessions stay revoked: enabling the agent again does not bring them back.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import ACTOR_COLUMNS, ACTOR_JOINS, Actor, actor_from_rows
from firstline.agents.models import Presence
from firstline.agents.passwords import PasswordChecksBusy, spend_like_a_check, verify_password
from firstline.agents.throttle import (
    ThrottlePolicy,
    account_key,
    forget_failures,
    record_failure,
    throttled,
)
from firstline.agents.tokens import hash_token
from firstline.agents.twofactor import (
    check_second_factor,
    do_confirm_two_factor,
    role_requires_two_factor,
    two_factor_enabled,
)
from firstline.audit.actions import record_audit
from firstline.core.db import Database, now, parse_utc
from firstline.core.errors import FirstlineError, Unauthorized
from firstline.core.rawsql import SQL, RawConnection, raw_connection

FULL = "full"
CODE = "code"
ENROL = "enrol"


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    idle: timedelta = timedelta(minutes=30)
    lifetime: timedelta = timedelta(hours=12)
    # How long a half-signed-in session waits for its second step.
    pending: timedelta = timedelta(minutes=10)
    # last_seen_at is written at most this often (a write per request would cost more than
    # the idle timeout's precision is worth).
    touch_every: timedelta = timedelta(minutes=1)


_policy = SessionPolicy()


def configure_sessions(policy: SessionPolicy) -> None:
    """Set the timeouts (the server does it from its settings when it starts)."""
    global _policy
    _policy = policy


def session_policy() -> SessionPolicy:
    return _policy


@dataclass(frozen=True, slots=True)
class Client:
    """Who is signing in, as far as the web layer can tell: their address and browser, and
    the agent whose device cookie the browser carries (a browser that signed in before)."""

    address: str = ""
    user_agent: str = ""
    device_agent_id: int | None = None


class SignInThrottled(FirstlineError):
    status = 429
    title = "Too many requests"

    def __init__(self, retry_after: int) -> None:
        minutes = max(1, (retry_after + 59) // 60)
        super().__init__(
            f"Too many failed sign-ins; wait {minutes} minute(s) and try again.",
            message="sign_in_throttled",
            args={"minutes": minutes},
            retry_after=retry_after,
        )
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class SignIn:
    """The outcome of a sign-in step. A refusal is returned, not raised, so that the
    transaction that counted the failure commits. `reason` names the refusal for the page:
    "wrong", "code_wrong", "throttled", "busy", "expired"."""

    token: str = ""
    csrf_token: str = ""
    refusal: FirstlineError | None = None
    reason: str = ""
    agent_id: int | None = None
    stage: str = FULL
    recovery_codes: tuple[str, ...] = ()

    @property
    def retry_after(self) -> int:
        return getattr(self.refusal, "retry_after", 0)


@dataclass(frozen=True, slots=True)
class SessionActor:
    actor: Actor
    csrf_token: str
    session_id: int
    last_seen_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PendingSession:
    """A half-signed-in session: the password was right, the second step is due."""

    session_id: int
    agent_id: int
    email: str
    stage: str
    csrf_token: str


_AGENT = SQL("SELECT id, password_hash, is_active FROM agents WHERE email = $1")
_AGENT_BY_ID = SQL("SELECT email, role, is_active FROM agents WHERE id = $1")
# Signing in to the console puts the agent online; signing out, offline (routing reads it).
_SIGNED_IN = SQL(
    "UPDATE agents SET failed_logins = 0, locked_until = NULL, presence = $2 WHERE id = $1"
)
_PRESENCE = SQL(
    "UPDATE agents SET presence = $2 WHERE id = "
    "(SELECT agent_id FROM console_sessions WHERE token_hash = $1)"
)
_OFFLINE = SQL("UPDATE agents SET presence = $2 WHERE id = $1")
_CREATE = SQL(
    "INSERT INTO console_sessions (agent_id, token_hash, csrf_token, created_at, expires_at, "
    "stage, last_seen_at, address, user_agent) "
    "VALUES ($1, $2, $3, $4, $5, $6, $4, $7, $8) RETURNING id"
)
_LOOKUP = SQL(
    f"SELECT s.id, s.csrf_token, s.last_seen_at, {ACTOR_COLUMNS} "
    f"FROM console_sessions s JOIN agents a ON a.id = s.agent_id {ACTOR_JOINS} "
    "WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 "
    "AND s.stage = 'full' AND s.last_seen_at > $3 AND a.is_active"
)
_PENDING = SQL(
    "SELECT s.id, s.agent_id, a.email, s.stage, s.csrf_token "
    "FROM console_sessions s JOIN agents a ON a.id = s.agent_id "
    "WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 "
    "AND s.stage <> 'full' AND a.is_active"
)
_PROMOTE = SQL(
    "UPDATE console_sessions SET token_hash = $2, stage = 'full', expires_at = $3, "
    "last_seen_at = $4 WHERE id = $1 AND stage <> 'full' AND revoked_at IS NULL"
)
_TOUCH = SQL("UPDATE console_sessions SET last_seen_at = $2 WHERE id = $1")
_REVOKE = SQL("UPDATE console_sessions SET revoked_at = $2 WHERE token_hash = $1")
_REVOKE_PENDING = SQL(
    "UPDATE console_sessions SET revoked_at = $2 WHERE token_hash = $1 AND stage <> 'full'"
)
_REVOKE_ONE = SQL(
    "UPDATE console_sessions SET revoked_at = $3 "
    "WHERE id = $1 AND agent_id = $2 AND revoked_at IS NULL RETURNING id"
)
_REVOKE_ALL = SQL(
    "UPDATE console_sessions SET revoked_at = $2 "
    "WHERE agent_id = $1 AND revoked_at IS NULL AND id <> $3"
)
_REVOKE_TOKENS = SQL(
    "UPDATE api_tokens SET revoked_at = $2 WHERE agent_id = $1 AND revoked_at IS NULL"
)
_LIST = SQL(
    "SELECT id, created_at, last_seen_at, address, user_agent, expires_at "
    "FROM console_sessions WHERE agent_id = $1 AND revoked_at IS NULL AND stage = 'full' "
    "AND expires_at > $2 AND last_seen_at > $3 ORDER BY id DESC"
)


def _ts(value: datetime | str | None) -> datetime | None:
    return parse_utc(value) if isinstance(value, str) else value  # SQLite stores text


def _clip(text: str, size: int) -> str:
    return text[:size]


async def sign_in(
    database: Database,
    email: str,
    password: str,
    *,
    client: Client | None = None,
    throttle: ThrottlePolicy | None = None,
) -> SignIn:
    """Check the password and start a session (full, or waiting for the second step). The
    throttles are asked first and the password is checked outside any transaction."""
    client = client or Client()
    throttle = throttle or ThrottlePolicy()
    email = email.strip().lower()
    account = account_key(email)
    async with database.session() as session:
        raw = await raw_connection(session)
        at = now(session)
        row = await raw.fetchone(_AGENT, email)
        known = row is not None and client.device_agent_id == row[0]
        wait = await throttled(
            raw, at, address=client.address, account=account, known_device=known, policy=throttle
        )
    if wait is not None:
        return SignIn(refusal=SignInThrottled(wait.retry_after), reason="throttled")
    try:
        if row is None or not row[2] or not row[1]:
            await spend_like_a_check(password)
            good = False
        else:
            good = await verify_password(row[1], password)
    except PasswordChecksBusy as exc:
        return SignIn(refusal=exc, reason="busy")
    async with database.transaction(raw_writes=True) as session:
        raw = await raw_connection(session)
        at = now(session)
        if not good:
            await record_failure(raw, at, address=client.address, account=account, policy=throttle)
            await record_audit(
                session, action="agent.sign_in_failed", entity_type="agent",
                entity_id=row[0] if row is not None else 0, actor_kind="anonymous",
                data={"reason": "password" if row is not None else "unknown_email",
                      "address": client.address},
            )  # fmt: skip
            return SignIn(refusal=Unauthorized("Wrong email or password."), reason="wrong")
        assert row is not None
        await forget_failures(raw, address=client.address, account=account)
        return await start_session(session, row[0], client=client)


async def start_session(
    db: AsyncSession,
    agent_id: int,
    *,
    client: Client | None = None,
    method: str = "password",
    mfa_asserted: bool = False,
) -> SignIn:
    """Start a console session for an agent whose first factor was checked (`method`:
    "password", or "sso" by agents/sso.py). Must run in a write transaction (raw writes).

    The second step: after a password, whenever the agent has two-factor on, and enrolment
    when their role requires it and they have none. After single sign-on the company's
    identity provider checked who it is, so only a role that requires two-factor asks for it,
    and not when the provider says it did multi-factor itself (`mfa_asserted`, from the ID
    token's `amr`)."""
    client = client or Client()
    raw = await raw_connection(db)
    agent = await raw.fetchone(_AGENT_BY_ID, agent_id)
    if agent is None or not agent[2]:
        return SignIn(refusal=Unauthorized("Wrong email or password."), reason="wrong")
    enrolled = await two_factor_enabled(db, agent_id)
    required = await role_requires_two_factor(db, agent[1])
    if method == "password":
        stage = CODE if enrolled else ENROL if required else FULL
    else:
        stage = FULL if mfa_asserted or not required else CODE if enrolled else ENROL
    at = now(db)
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(24)
    expires = at + (_policy.lifetime if stage == FULL else _policy.pending)
    await raw.fetchone(
        _CREATE, agent_id, hash_token(token), csrf, raw.ts(at), raw.ts(expires), stage,
        _clip(client.address, 64), _clip(client.user_agent, 300),
    )  # fmt: skip
    if stage == FULL:
        await _signed_in(db, raw, agent_id, client, method=method, second_factor=None)
    return SignIn(token=token, csrf_token=csrf, agent_id=agent_id, stage=stage)


async def _signed_in(
    db: AsyncSession,
    raw: RawConnection,
    agent_id: int,
    client: Client,
    *,
    method: str,
    second_factor: str | None,
) -> None:
    await raw.execute(_SIGNED_IN, agent_id, Presence.online.value)
    data = {"method": method, "address": client.address}
    if second_factor:
        data["second_factor"] = second_factor
    await record_audit(
        db, action="agent.sign_in", entity_type="agent", entity_id=agent_id,
        actor_agent_id=agent_id, data=data,
    )  # fmt: skip


async def pending_session(db: AsyncSession, token: str) -> PendingSession | None:
    raw = await raw_connection(db)
    row = await raw.fetchone(_PENDING, hash_token(token), raw.ts(now(db)))
    if row is None:
        return None
    return PendingSession(
        session_id=row[0], agent_id=row[1], email=row[2], stage=row[3], csrf_token=row[4]
    )


async def _promote(db: AsyncSession, pending: PendingSession) -> SignIn:
    raw = await raw_connection(db)
    at = now(db)
    token = secrets.token_urlsafe(32)
    await raw.execute(
        _PROMOTE, pending.session_id, hash_token(token), raw.ts(at + _policy.lifetime), raw.ts(at)
    )
    return SignIn(token=token, csrf_token=pending.csrf_token, agent_id=pending.agent_id, stage=FULL)


async def finish_second_factor(
    database: Database,
    token: str,
    code: str,
    *,
    client: Client | None = None,
    throttle: ThrottlePolicy | None = None,
) -> SignIn:
    """The second step of a half-signed-in session: a code from the app or a recovery code.
    Wrong codes count as failed sign-ins for the throttles."""
    client = client or Client()
    throttle = throttle or ThrottlePolicy()
    async with database.session() as session:
        pending = await pending_session(session, token)
        if pending is None or pending.stage != CODE:
            return SignIn(refusal=Unauthorized("Sign in again."), reason="expired")
        account = account_key(pending.email)
        raw = await raw_connection(session)
        wait = await throttled(
            raw, now(session), address=client.address, account=account,
            known_device=client.device_agent_id == pending.agent_id, policy=throttle,
        )  # fmt: skip
    if wait is not None:
        return SignIn(refusal=SignInThrottled(wait.retry_after), reason="throttled")
    async with database.transaction(raw_writes=True) as session:
        raw = await raw_connection(session)
        used = await check_second_factor(session, pending.agent_id, code)
        if used is None:
            await record_failure(
                raw, now(session), address=client.address, account=account, policy=throttle
            )
            await record_audit(
                session, action="agent.sign_in_failed", entity_type="agent",
                entity_id=pending.agent_id, actor_kind="anonymous",
                data={"reason": "second_factor", "address": client.address},
            )  # fmt: skip
            return SignIn(
                refusal=Unauthorized("That code is wrong or was already used."),
                reason="code_wrong",
            )
        await forget_failures(raw, address=client.address, account=account)
        done = await _promote(session, pending)
        await _signed_in(
            session, raw, pending.agent_id, client, method="password", second_factor=used
        )
    return done


async def finish_enrolment(
    database: Database, token: str, code: str, *, client: Client | None = None
) -> SignIn:
    """The enrolment a role requires, as the second step: the first code from the new app
    turns two-factor on and the session becomes a full one, with the recovery codes to show."""
    client = client or Client()
    async with database.transaction(raw_writes=True) as session:
        pending = await pending_session(session, token)
        if pending is None or pending.stage != ENROL:
            return SignIn(refusal=Unauthorized("Sign in again."), reason="expired")
        try:
            codes = await do_confirm_two_factor(
                session, pending.agent_id, code, acting_agent_id=pending.agent_id
            )
        except FirstlineError as exc:
            return SignIn(refusal=exc, reason="code_wrong")
        done = await _promote(session, pending)
        raw = await raw_connection(session)
        await _signed_in(
            session, raw, pending.agent_id, client, method="password", second_factor="enrolled"
        )
    return SignIn(
        token=done.token, csrf_token=done.csrf_token, agent_id=done.agent_id, stage=FULL,
        recovery_codes=tuple(codes),
    )  # fmt: skip


async def session_actor(db: AsyncSession, token: str) -> SessionActor:
    """The agent of a full, live session (half-signed-in sessions reach nothing)."""
    raw = await raw_connection(db)
    at = now(db)
    rows = await raw.fetchall(_LOOKUP, hash_token(token), raw.ts(at), raw.ts(at - _policy.idle))
    if not rows:
        raise Unauthorized("Your console session has ended; sign in again at /console.")
    session_id, csrf, last_seen = rows[0][0], rows[0][1], _ts(rows[0][2])
    actor = actor_from_rows(rows, offset=3)
    return SessionActor(actor=actor, csrf_token=csrf, session_id=session_id, last_seen_at=last_seen)


async def console_session(database: Database, token: str) -> SessionActor:
    """session_actor, and the session's last activity brought up to date (at most once a
    minute, in a transaction of its own)."""
    async with database.session() as session:
        found = await session_actor(session, token)
        at = now(session)
    if found.last_seen_at is None or at - found.last_seen_at >= _policy.touch_every:
        async with database.transaction(raw_writes=True) as session:
            raw = await raw_connection(session)
            await raw.execute(_TOUCH, found.session_id, raw.ts(at))
    return found


async def end_pending_session(db: AsyncSession, token: str) -> None:
    """Give up a half-finished sign-in (the agent's presence is not touched)."""
    raw = await raw_connection(db)
    await raw.execute(_REVOKE_PENDING, hash_token(token), raw.ts(now(db)))


async def sign_out(db: AsyncSession, token: str) -> None:
    raw = await raw_connection(db)
    await raw.execute(_PRESENCE, hash_token(token), Presence.offline.value)
    await raw.execute(_REVOKE, hash_token(token), raw.ts(now(db)))


@dataclass(frozen=True, slots=True)
class SessionInfo:
    id: int
    created_at: datetime
    last_seen_at: datetime | None
    address: str | None
    user_agent: str | None
    expires_at: datetime


async def list_sessions(db: AsyncSession, agent_id: int) -> list[SessionInfo]:
    """The agent's live, full sessions, newest first."""
    raw = await raw_connection(db)
    at = now(db)
    rows = await raw.fetchall(_LIST, agent_id, raw.ts(at), raw.ts(at - _policy.idle))
    return [
        SessionInfo(
            id=r[0],
            created_at=_ts(r[1]) or at,
            last_seen_at=_ts(r[2]),
            address=r[3],
            user_agent=r[4],
            expires_at=_ts(r[5]) or at,
        )
        for r in rows
    ]


async def do_revoke_session(
    db: AsyncSession, agent_id: int, session_id: int, *, acting_agent_id: int | None
) -> bool:
    """End one of the agent's sessions; False when they have no such session."""
    raw = await raw_connection(db)
    found = await raw.fetchone(_REVOKE_ONE, session_id, agent_id, raw.ts(now(db)))
    if found is None:
        return False
    await record_audit(
        db, action="agent.session_revoked", entity_type="agent", entity_id=agent_id,
        actor_agent_id=acting_agent_id, data={"session_id": session_id},
    )  # fmt: skip
    return True


async def revoke_sessions(
    db: AsyncSession, agent_id: int, *, keep_session_id: int | None = None
) -> None:
    """End every session of the agent's but `keep_session_id` (the caller audits why)."""
    raw = await raw_connection(db)
    await raw.execute(_REVOKE_ALL, agent_id, raw.ts(now(db)), keep_session_id or 0)
    if keep_session_id is None:
        await raw.execute(_OFFLINE, agent_id, Presence.offline.value)


async def do_sign_out_everywhere(db: AsyncSession, agent_id: int) -> None:
    await revoke_sessions(db, agent_id)
    await record_audit(
        db, action="agent.signed_out_everywhere", entity_type="agent", entity_id=agent_id,
        actor_agent_id=agent_id,
    )  # fmt: skip


async def revoke_agent_access(db: AsyncSession, agent_id: int) -> None:
    """Disabling an agent: every session and API token of theirs revoked for good, so that
    enabling them again brings none back (they sign in again and get new tokens)."""
    await revoke_sessions(db, agent_id)
    raw = await raw_connection(db)
    await raw.execute(_REVOKE_TOKENS, agent_id, raw.ts(now(db)))
