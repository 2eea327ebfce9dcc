"""Routing's background jobs (`firstline.jobs` runs them every pass): requirements that relax
for conversations that waited too long, and queues that agents with room can take from.
Queue rows are claimed with SKIP LOCKED on PostgreSQL (SQLite serialises writers anyway), so
several workers may run them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.db import Database
from firstline.core.jobs import drain
from firstline.core.rawsql import raw_connection
from firstline.routing.actions import (
    any_relaxation_due,
    do_relax_waiting,
    do_route_team_queue,
    teams_to_route,
)

RELAX_BATCH = 200


async def _relax_due(s: AsyncSession, at: datetime) -> bool:
    return await any_relaxation_due(await raw_connection(s), at)


async def _relax_batch(s: AsyncSession) -> tuple[int, int]:
    relaxed = await do_relax_waiting(s, limit=RELAX_BATCH)
    return relaxed, relaxed


async def relax_waiting(db: Database) -> int:
    """Relax the requirements of every conversation that waited past its limit; how many."""
    return await drain(db, _relax_due, _relax_batch, RELAX_BATCH)


async def route_queues(db: Database) -> int:
    """Give each team's queued conversations to its agents with room; how many were assigned.
    One transaction a team: the list of teams is read without the write lock."""
    async with db.session() as s:
        teams = await teams_to_route(await raw_connection(s))
    routed = 0
    for team_id in teams:
        async with db.transaction() as s:
            routed += await do_route_team_queue(s, team_id)
    return routed
