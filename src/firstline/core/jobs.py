"""What every background job shares: work drained in batches, each batch its own short write
transaction, and only after a cheap indexed read says something is due, so that idle passes
never contend for SQLite's write lock. The jobs themselves live in their domains
(`<domain>/jobs.py`); `firstline.jobs` runs them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.db import Database

# A job that finds a full batch runs again at once, up to this many batches a pass, so that a
# backlog drains without one pass holding the write lock for long.
MAX_BATCHES = 20

# Whether anything is due at the instant given (a read, outside any write transaction).
Due = Callable[[AsyncSession, datetime], Awaitable[bool]]
# One batch of a job: (rows it looked at, things it did).
Batch = Callable[[AsyncSession], Awaitable[tuple[int, int]]]


async def drain(db: Database, due: Due, batch: Batch, size: int) -> int:
    """Run `batch` while `due` says there is work and batches come back full; what was done."""
    done = 0
    for _ in range(MAX_BATCHES):
        async with db.session() as s:
            if not await due(s, db.clock.now()):
                return done
        async with db.transaction() as s:
            examined, did = await batch(s)
        done += did
        if examined < size:
            return done
    return done
