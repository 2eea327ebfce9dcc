"""Reading teams and agents."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.models import Agent, Team, TeamMembership


async def get_agent_by_email(db: AsyncSession, email: str) -> Agent | None:
    agent: Agent | None = await db.scalar(select(Agent).where(Agent.email == email.lower()))
    return agent


async def get_agent(db: AsyncSession, agent_id: int) -> Agent | None:
    return await db.get(Agent, agent_id)


async def get_team(db: AsyncSession, team_id: int) -> Team | None:
    return await db.get(Team, team_id)


async def list_teams(db: AsyncSession) -> list[Team]:
    return list(await db.scalars(select(Team).order_by(Team.id)))


async def list_agents(
    db: AsyncSession, *, team_id: int | None = None, limit: int = 500, after_id: int = 0
) -> list[Agent]:
    stmt = select(Agent).where(Agent.id > after_id).order_by(Agent.id).limit(limit)
    if team_id is not None:
        stmt = stmt.join(TeamMembership, TeamMembership.agent_id == Agent.id).where(
            TeamMembership.team_id == team_id
        )
    return list(await db.scalars(stmt))


async def team_ids_by_agent(db: AsyncSession, agent_ids: Sequence[int]) -> dict[int, list[int]]:
    """Team ids of many agents in one query (lists of agents must not cost a query per agent)."""
    result: dict[int, list[int]] = defaultdict(list)
    if not agent_ids:
        return result
    rows = await db.execute(
        select(TeamMembership.agent_id, TeamMembership.team_id)
        .where(TeamMembership.agent_id.in_(agent_ids))
        .order_by(TeamMembership.agent_id, TeamMembership.team_id)
    )
    for agent_id, team_id in rows:
        result[agent_id].append(team_id)
    return result
