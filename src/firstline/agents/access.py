"""Who is asking: turning a bearer token into an Actor, and what each role may do."""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.models import Role
from firstline.agents.tokens import hash_token
from firstline.core.errors import Forbidden, Unauthorized
from firstline.core.rawsql import SQL, raw_connection

_RANK = {Role.agent: 0, Role.supervisor: 1, Role.admin: 2}


def role_of(stored: str) -> Role:
    """The role a stored value grants. Every write checks the role against the list, but a
    row changed by hand in the database may hold anything: it then grants the least, so that
    the agent's requests are answered (as an agent's) instead of failing."""
    try:
        return Role(stored)
    except ValueError:
        return Role.agent


@dataclass(frozen=True, slots=True)
class Actor:
    """An authenticated agent, as seen for the length of one request."""

    agent_id: int
    email: str
    name: str
    role: Role
    team_ids: frozenset[int]

    @property
    def sees_everything(self) -> bool:
        return self.role in (Role.supervisor, Role.admin)

    def at_least(self, role: Role) -> bool:
        return _RANK[self.role] >= _RANK[role]


def require_role(actor: Actor, role: Role, doing: str) -> None:
    if not actor.at_least(role):
        raise Forbidden(
            f"{doing} needs the {role.value} role; you are {actor.role.value}.",
            message="needs_role",
            args={"role": role.value, "you": actor.role.value},
        )


_AUTHENTICATE = SQL(
    "SELECT a.id, a.email, a.name, a.role, m.team_id FROM api_tokens t "
    "JOIN agents a ON a.id = t.agent_id "
    "LEFT JOIN team_memberships m ON m.agent_id = a.id "
    "WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND a.is_active"
)


async def authenticate_token(db: AsyncSession, token: str) -> Actor:
    """One query: the token's agent and their team ids (one row per team)."""
    raw = await raw_connection(db)
    rows = await raw.fetchall(_AUTHENTICATE, hash_token(token))
    if not rows:
        raise Unauthorized("The bearer token is unknown, revoked, or belongs to a disabled agent.")
    agent_id, email, name, role, _ = rows[0]
    return Actor(
        agent_id=agent_id,
        email=email,
        name=name,
        role=role_of(role),
        team_ids=frozenset(r[4] for r in rows if r[4] is not None),
    )


class ActorCache:
    """Recently authenticated tokens, so that a busy integration does not pay a query per
    request.

    Entries live `ttl` seconds. In this process, any change to an agent or their tokens clears
    the cache at once (it listens to the event bus); a change made by another process (say
    `firstline token revoke`) takes effect within `ttl`.
    """

    def __init__(self, ttl: float = 5.0, max_entries: int = 10_000) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._entries: dict[str, tuple[Actor, float]] = {}

    def get(self, token: str) -> Actor | None:
        hit = self._entries.get(token)
        if hit is None:
            return None
        if hit[1] < time.monotonic():
            del self._entries[token]
            return None
        return hit[0]

    def put(self, token: str, actor: Actor) -> None:
        if len(self._entries) >= self.max_entries:
            self._entries.clear()
        self._entries[token] = (actor, time.monotonic() + self.ttl)

    def clear(self) -> None:
        self._entries.clear()
