"""Who is asking: turning a bearer token into an Actor, and what each role may do."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.models import Agent, ApiToken, Role, TeamMembership
from firstline.agents.tokens import hash_token
from firstline.core.errors import Forbidden, Unauthorized

_RANK = {Role.agent: 0, Role.supervisor: 1, Role.admin: 2}


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
        raise Forbidden(f"{doing} needs the {role.value} role; you are {actor.role.value}.")


async def authenticate_token(db: AsyncSession, token: str) -> Actor:
    """One query: the token's agent and their team ids (one row per team)."""
    rows = (
        await db.execute(
            select(Agent.id, Agent.email, Agent.name, Agent.role, TeamMembership.team_id)
            .join(ApiToken, ApiToken.agent_id == Agent.id)
            .outerjoin(TeamMembership, TeamMembership.agent_id == Agent.id)
            .where(
                ApiToken.token_hash == hash_token(token),
                ApiToken.revoked_at.is_(None),
                Agent.is_active.is_(True),
            )
        )
    ).all()
    if not rows:
        raise Unauthorized("The bearer token is unknown, revoked, or belongs to a disabled agent.")
    first = rows[0]
    return Actor(
        agent_id=first.id,
        email=first.email,
        name=first.name,
        role=Role(first.role),
        team_ids=frozenset(r.team_id for r in rows if r.team_id is not None),
    )
