"""The recovery desk's background job: cases whose customer never answered the fee close, in
batches (`firstline.jobs` runs it every pass). Each case is checked again under its row lock,
so several workers may run it."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.db import Database
from firstline.core.jobs import drain
from firstline.recovery.actions import any_unanswered_due, do_close_unanswered

UNANSWERED_BATCH = 100


async def _batch(s: AsyncSession) -> tuple[int, int]:
    closed = await do_close_unanswered(s, limit=UNANSWERED_BATCH)
    return closed, closed


async def close_unanswered(db: Database) -> int:
    """Close every case whose fee went unanswered past its deadline; how many closed."""
    return await drain(db, any_unanswered_due, _batch, UNANSWERED_BATCH)
