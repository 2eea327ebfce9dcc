"""API tokens: 256 random bits, shown once, stored as SHA-256; named, scoped, expiring.

A request made with a token may do what its agent's role allows *and* the token's scopes list
(null scopes: everything the role allows, now and as the role changes). Scopes are permission
names (agents/permissions.py); nobody can give a token a permission they do not hold, so a
token cannot mint a broader one.

Tokens expire: 90 days unless asked otherwise, at most a year; only an agent with
`tokens.manage` (or the command line) can issue one that never expires.

Every request authenticates its token with one indexed query (agents/access.py), nothing is
cached between requests, so a revocation, a disabled agent or a changed role is refused by the
very next request in every process and on every machine. The last use is kept to the minute
without a write per request: `TokenUses` notes a use only when the stored one is a minute old,
and writes the noted uses in one batch every few seconds, off the request path.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.events import TokensRevoked
from firstline.agents.models import Agent, ApiToken, RoleDefinition
from firstline.agents.permissions import Permission, permissions_of
from firstline.audit.actions import record_audit
from firstline.core.db import Database, UTCDateTime, now
from firstline.core.errors import Forbidden, InvalidInput, NotFound
from firstline.core.events import emit
from firstline.core.rawsql import SQL, raw_connection

log = logging.getLogger(__name__)

TOKEN_PREFIX = "fl_"
DEFAULT_LIFETIME = timedelta(days=90)
MAX_LIFETIME = timedelta(days=365)
# How stale a stored last use may be before a request notes a new one.
LAST_USE_PRECISION = timedelta(minutes=1)
# How often each server process writes the uses it noted.
FLUSH_SECONDS = 10.0
MAX_TOKENS_LISTED = 500


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


_LIFETIME = re.compile(r"^\s*(\d{1,4})\s*([dhw]?)\s*$")


def parse_lifetime(text: str) -> timedelta | None:
    """`90d`, `12h`, `2w` or `never` (None) as the command line writes a token's lifetime."""
    if text.strip().lower() == "never":
        return None
    match = _LIFETIME.match(text.lower())
    if match is None:
        raise InvalidInput(
            f"{text!r} is not a lifetime: write days, hours or weeks (90d, 12h, 2w) or never.",
            message="token_lifetime_invalid",
            args={"value": repr(text)},
        )
    amount, unit = int(match[1]), match[2] or "d"
    return timedelta(**{{"d": "days", "h": "hours", "w": "weeks"}[unit]: amount})


def scoped_permissions(
    role_permissions: frozenset[Permission], scopes: Iterable[str] | None
) -> frozenset[Permission]:
    """What a request made with a token may do: its role's permissions, narrowed to the
    token's scopes when it has any (unknown names narrow to nothing)."""
    if scopes is None:
        return role_permissions
    wanted = frozenset(scopes)
    return frozenset(p for p in role_permissions if p.value in wanted)


def _check_scopes(scopes: Iterable[str], allowed: frozenset[Permission]) -> list[str]:
    names = sorted(set(scopes))
    known = {p.value for p in Permission}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise InvalidInput(
            f"Unknown permissions: {', '.join(unknown)}.",
            message="token_scope_unknown",
            args={"names": ", ".join(unknown)},
        )
    missing = [n for n in names if n not in allowed]
    if missing:
        raise InvalidInput(
            f"A token can only carry permissions you hold; you lack {', '.join(missing)}.",
            message="token_scope_not_held",
            args={"names": ", ".join(missing)},
        )
    return names


async def agent_permissions(db: AsyncSession, agent: Agent) -> frozenset[Permission]:
    """What the agent's role allows today."""
    custom = await db.scalar(
        select(RoleDefinition.permissions).where(RoleDefinition.name == agent.role)
    )
    return permissions_of(agent.role, custom)


@dataclass(frozen=True, slots=True)
class NewToken:
    row: ApiToken
    secret: str


async def do_create_api_token(
    db: AsyncSession,
    agent: Agent,
    *,
    label: str = "",
    scopes: Iterable[str] | None = None,
    lifetime: timedelta | None = DEFAULT_LIFETIME,
    acting_agent_id: int | None,
    allowed: frozenset[Permission] | None = None,
) -> str:
    """Create a token for `agent` and return it; only its hash is kept, so this is the one
    chance to show it. See `do_issue_api_token` for the arguments."""
    issued = await do_issue_api_token(
        db,
        agent,
        name=label,
        scopes=scopes,
        lifetime=lifetime,
        acting_agent_id=acting_agent_id,
        allowed=allowed,
    )
    return issued.secret


async def do_issue_api_token(
    db: AsyncSession,
    agent: Agent,
    *,
    name: str = "",
    scopes: Iterable[str] | None = None,
    lifetime: timedelta | None = DEFAULT_LIFETIME,
    acting_agent_id: int | None,
    allowed: frozenset[Permission] | None = None,
) -> NewToken:
    """Issue a token for `agent`: the row and the secret (shown once, only its hash is kept).

    `allowed` is what the person asking may do right now (None: the command line, which may
    do anything the agent's role allows). Scopes must be a subset of both; a person whose own
    request is narrowed (a scoped token) gets a token scoped to the same narrowing, never a
    broader one. `lifetime` None is a token that never expires: it needs `tokens.manage`.
    """
    if not agent.is_active:
        raise InvalidInput(
            f"Agent {agent.email} is disabled; enable them before issuing a token.",
            message="agent_disabled_token",
            args={"email": agent.email},
        )
    role = await agent_permissions(db, agent)
    limit = role if allowed is None else role & allowed
    if scopes is not None:
        scope_list: list[str] | None = _check_scopes(scopes, limit)
    elif limit != role:
        scope_list = sorted(p.value for p in limit)
    else:
        scope_list = None
    if lifetime is None:
        if allowed is not None and Permission.tokens_manage not in allowed:
            raise Forbidden(
                "Only an agent with the tokens.manage permission can issue a token that "
                "never expires; give it an expiry of at most a year.",
                message="token_never_needs_manage",
            )
    elif lifetime < timedelta(hours=1) or lifetime > MAX_LIFETIME:
        raise InvalidInput(
            "A token lives from one hour to 365 days.", message="token_lifetime_range"
        )
    at = now(db)
    secret = new_token()
    row = ApiToken(
        agent_id=agent.id,
        token_hash=hash_token(secret),
        prefix=secret[:10],
        label=name.strip(),
        scopes=scope_list,
        created_at=at,
        expires_at=None if lifetime is None else at + lifetime,
        created_by_agent_id=acting_agent_id,
    )
    db.add(row)
    await db.flush()
    await record_audit(
        db,
        action="token.created",
        entity_type="agent",
        entity_id=agent.id,
        actor_agent_id=acting_agent_id,
        data={
            "token_id": row.id,
            "prefix": row.prefix,
            "label": row.label,
            "scopes": scope_list,
            "expires_at": row.expires_at.isoformat() if row.expires_at else None,
        },
    )
    return NewToken(row=row, secret=secret)


async def get_api_token(db: AsyncSession, token_id: int) -> ApiToken | None:
    if not 0 < token_id < 2**31:
        return None
    return await db.get(ApiToken, token_id)


async def list_api_tokens(
    db: AsyncSession, agent_id: int, *, include_revoked: bool = False
) -> list[ApiToken]:
    """The agent's tokens, newest first."""
    stmt = select(ApiToken).where(ApiToken.agent_id == agent_id)
    if not include_revoked:
        stmt = stmt.where(ApiToken.revoked_at.is_(None))
    stmt = stmt.order_by(ApiToken.id.desc()).limit(MAX_TOKENS_LISTED)
    return list(await db.scalars(stmt))


async def do_revoke_api_token(
    db: AsyncSession, token: ApiToken, *, acting_agent_id: int | None
) -> None:
    """Revoke one token; the next request made with it is refused, in every process."""
    if token.revoked_at is not None:
        raise NotFound(
            f"No active token with id {token.id}.",
            message="token_not_found",
            args={"id": str(token.id)},
        )
    at = now(db)
    token.revoked_at = at
    await record_audit(
        db,
        action="token.revoked",
        entity_type="agent",
        entity_id=token.agent_id,
        actor_agent_id=acting_agent_id,
        data={"token_ids": [token.id], "prefix": token.prefix, "label": token.label},
    )
    emit(db, TokensRevoked(occurred_at=at, agent_id=token.agent_id, count=1))


async def do_revoke_api_tokens(
    db: AsyncSession, agent: Agent, *, acting_agent_id: int | None
) -> int:
    """Revoke every active token of the agent."""
    rows = list(
        await db.scalars(
            select(ApiToken).where(ApiToken.agent_id == agent.id, ApiToken.revoked_at.is_(None))
        )
    )
    if not rows:
        raise NotFound(
            f"Agent {agent.email} has no active tokens.",
            message="agent_no_tokens",
            args={"email": agent.email},
        )
    at = now(db)
    for row in rows:
        row.revoked_at = at
    await record_audit(
        db,
        action="token.revoked",
        entity_type="agent",
        entity_id=agent.id,
        actor_agent_id=acting_agent_id,
        data={"token_ids": [r.id for r in rows]},
    )
    emit(db, TokensRevoked(occurred_at=at, agent_id=agent.id, count=len(rows)))
    return len(rows)


# The table itself: an executemany of a conditional UPDATE, not an ORM bulk update by key.
_TOKENS = cast(Table, ApiToken.__table__)
_USED_AT = bindparam("used_at", type_=UTCDateTime())
_RECORD_USE = (
    update(_TOKENS)
    .where(
        _TOKENS.c.id == bindparam("token_id"),
        or_(_TOKENS.c.last_used_at.is_(None), _TOKENS.c.last_used_at < _USED_AT),
    )
    .values(last_used_at=_USED_AT, last_used_address=bindparam("address"))
)


# A use of a token deleted meanwhile inserts nothing (the SELECT finds no token).
_COUNT_USES = SQL(
    "INSERT INTO api_token_uses (token_id, day, uses, last_address, summarized) "
    "SELECT id, $2, $3, $4, FALSE FROM api_tokens WHERE id = $1 "
    "ON CONFLICT (token_id, day) DO UPDATE SET uses = api_token_uses.uses + excluded.uses, "
    "last_address = coalesce(excluded.last_address, api_token_uses.last_address)"
)


class TokenUses:
    """The token uses this process noticed and has not written yet.

    `saw` is called by every request authenticated with a token and costs a comparison: a use
    is noted only when the stored last use is older than LAST_USE_PRECISION, and only once
    until it is written. `flush` writes what was noted in one transaction; the server calls it
    every FLUSH_SECONDS and when it stops, so the stored last use is at most about a minute
    and FLUSH_SECONDS behind, and a token used all day costs about one write a minute.

    Every use is also counted per token and UTC day (a dictionary increment); `flush` adds
    the counts to `api_token_uses`, which the token-use job turns into one audit entry per
    token and day (agents/jobs.py).
    """

    def __init__(self, db: Database, every: float = FLUSH_SECONDS) -> None:
        self.db = db
        self.every = every
        self._pending: dict[int, tuple[datetime, str | None]] = {}
        self._counts: dict[tuple[int, str], list[Any]] = {}  # (token, day) -> [uses, address]
        self._task: asyncio.Task[None] | None = None
        self._stop = asyncio.Event()

    def saw(
        self, token_id: int, stored: datetime | None, at: datetime, address: str | None
    ) -> None:
        day = at.date().isoformat()
        count = self._counts.get((token_id, day))
        if count is not None:
            count[0] += 1
            count[1] = address or count[1]
        elif len(self._counts) < 100_000:
            self._counts[(token_id, day)] = [1, address]
        if token_id in self._pending:
            return
        if stored is not None and at - stored < LAST_USE_PRECISION:
            return
        if len(self._pending) < 100_000:
            self._pending[token_id] = (at, (address or "")[:64] or None)

    async def flush(self) -> int:
        """Write the noted last uses and the day counts; returns how many last uses."""
        if not self._pending and not self._counts:
            return 0
        pending, self._pending = self._pending, {}
        counts, self._counts = self._counts, {}
        params = [
            {"token_id": token_id, "used_at": at, "address": address}
            for token_id, (at, address) in pending.items()
        ]
        async with self.db.transaction() as session:
            if params:
                await session.execute(_RECORD_USE, params)
            raw = await raw_connection(session)
            for (token_id, day), (uses, address) in sorted(counts.items()):
                await raw.execute(_COUNT_USES, token_id, day, uses, (address or "")[:64] or None)
        return len(params)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=self.every)
            try:
                await self.flush()
            except Exception:
                # A last-use time is worth less than a crashed loop; try again next time.
                log.exception("tokens: recording last uses failed")

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task
            self._task = None
        else:
            with contextlib.suppress(Exception):
                await self.flush()
