"""Escalation's background job: escalations nobody acknowledged in time climb a level, in
batches (`firstline.jobs` runs it every pass). Each climb is a conditional update, so several
workers may run it."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.db import Database
from firstline.core.jobs import drain
from firstline.escalation.actions import any_climb_due, do_climb_overdue

CLIMB_BATCH = 100


async def _batch(s: AsyncSession) -> tuple[int, int]:
    climbed = await do_climb_overdue(s, limit=CLIMB_BATCH)
    return climbed, climbed


async def climb_overdue(db: Database) -> int:
    """Climb every overdue escalation; how many climbed."""
    return await drain(db, any_climb_due, _batch, CLIMB_BATCH)
