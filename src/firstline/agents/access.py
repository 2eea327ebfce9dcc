"""Who is asking: turning a bearer token into an Actor with the permissions of their role."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.permissions import Permission, permissions_of
from firstline.agents.tokens import hash_token, scoped_permissions
from firstline.core.db import now, parse_utc
from firstline.core.errors import Forbidden, Unauthorized
from firstline.core.rawsql import SQL, raw_connection


@dataclass(frozen=True, slots=True)
class Actor:
    """An authenticated agent, as seen for the length of one request."""

    agent_id: int
    email: str
    name: str
    role: str
    team_ids: frozenset[int]
    permissions: frozenset[Permission] = field(default_factory=frozenset)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    @property
    def sees_everything(self) -> bool:
        return Permission.conversations_read_all in self.permissions


def require_permission(actor: Actor, permission: Permission, doing: str) -> None:
    """Refuse (403) an action the actor's role does not allow. For reading one record the
    actor may not see, answer 404 instead (the record's getter does), so ids cannot be
    probed."""
    if permission not in actor.permissions:
        raise Forbidden(
            f"{doing} needs the {permission.value} permission, which your role "
            f"({actor.role}) does not have.",
            message="needs_permission",
            args={"permission": permission.value, "role": actor.role},
        )


def decode_permissions(value: Any) -> list[str]:
    """A role row's permissions as the driver hands them back (JSON text or a list)."""
    if value is None:
        return []
    if isinstance(value, str):
        value = orjson.loads(value)
    return [str(v) for v in value] if isinstance(value, list) else []


# The columns every authentication query selects after its own: the agent, their role's
# permissions (used for custom roles only) and one team id per row.
ACTOR_COLUMNS = "a.id, a.email, a.name, a.role, r.permissions, m.team_id"
ACTOR_JOINS = (
    "LEFT JOIN roles r ON r.name = a.role LEFT JOIN team_memberships m ON m.agent_id = a.id"
)


def actor_from_rows(rows: Sequence[Any], offset: int = 0) -> Actor:
    """The Actor of rows that select ACTOR_COLUMNS from column `offset` on."""
    agent_id, email, name, role, custom, _ = rows[0][offset : offset + 6]
    return Actor(
        agent_id=agent_id,
        email=email,
        name=name,
        role=role,
        team_ids=frozenset(r[offset + 5] for r in rows if r[offset + 5] is not None),
        permissions=permissions_of(role, decode_permissions(custom)),
    )


# The token's id, scopes and last use, then the actor. A token past its expiry is refused like a
# revoked one. Nothing is cached between requests: this indexed query is the only thing that
# stands between a revocation (or a disabled agent, or a changed role) and the next request, in
# every process and on every machine (agents/tokens.py).
_AUTHENTICATE = SQL(
    f"SELECT t.id, t.scopes, t.last_used_at, {ACTOR_COLUMNS} FROM api_tokens t "
    f"JOIN agents a ON a.id = t.agent_id {ACTOR_JOINS} "
    "WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND a.is_active "
    "AND (t.expires_at IS NULL OR t.expires_at > $2)"
)


@dataclass(frozen=True, slots=True)
class TokenUse:
    """Who a bearer token authenticates, and which token it was (for its last use)."""

    actor: Actor
    token_id: int
    last_used_at: datetime | None


def _scopes(value: Any) -> list[str] | None:
    # JSON null (no scopes: the whole role) and [] (nothing) differ; drivers hand back text.
    if isinstance(value, str):
        value = orjson.loads(value)
    return None if value is None else decode_permissions(value)


async def authenticate_token_use(db: AsyncSession, token: str) -> TokenUse:
    """One query: the token, its agent, their role's permissions narrowed to the token's
    scopes, and their team ids (one row per team)."""
    raw = await raw_connection(db)
    rows = await raw.fetchall(_AUTHENTICATE, hash_token(token), raw.ts(now(db)))
    if not rows:
        raise Unauthorized(
            "The bearer token is unknown, revoked, expired, or belongs to a disabled agent."
        )
    token_id, scopes, last_used = rows[0][:3]
    actor = actor_from_rows(rows, offset=3)
    if isinstance(last_used, str):  # SQLite stores text
        last_used = parse_utc(last_used)
    return TokenUse(
        actor=replace(actor, permissions=scoped_permissions(actor.permissions, _scopes(scopes))),
        token_id=token_id,
        last_used_at=last_used,
    )


async def authenticate_token(db: AsyncSession, token: str) -> Actor:
    return (await authenticate_token_use(db, token)).actor
