"""SLA's background job: record the targets that fell due, in batches (`firstline.jobs` runs
it every pass). Breaches are recorded under a unique key, so several workers may run it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.db import Database
from firstline.core.jobs import drain
from firstline.core.rawsql import raw_connection
from firstline.sla.actions import any_breach_due, do_record_breaches

BREACH_BATCH = 500


async def _due(s: AsyncSession, at: datetime) -> bool:
    return await any_breach_due(await raw_connection(s), at)


async def _batch(s: AsyncSession) -> tuple[int, int]:
    result = await do_record_breaches(s, limit=BREACH_BATCH)
    return result.examined, result.breaches


async def record_breaches(db: Database) -> int:
    """Record every breach that is due; how many were recorded."""
    return await drain(db, _due, _batch, BREACH_BATCH)
