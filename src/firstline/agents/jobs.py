"""Token use: each API token's uses of a finished UTC day become one `token.used` audit
entry (the token, the day, how many requests, the last address), so that the audit log tells
which integration worked when without an entry per request.

The days waiting are found through `ix_api_token_uses_pending`. A day is summarized once it
has been over for GRACE (a server process flushes its counts every few seconds); a row is
claimed by the update that marks it, so two processes running the job write one entry.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.core.db import Database, now
from firstline.core.jobs import drain
from firstline.core.rawsql import SQL, raw_connection

GRACE = timedelta(minutes=5)
BATCH = 200

_DUE = SQL("SELECT 1 FROM api_token_uses WHERE summarized = FALSE AND day < $1 LIMIT 1")
_WAITING = SQL(
    "SELECT token_id, day FROM api_token_uses WHERE summarized = FALSE AND day < $1 "
    "ORDER BY summarized, day, token_id LIMIT $2"
)
_CLAIM = SQL(
    "UPDATE api_token_uses SET summarized = TRUE "
    "WHERE token_id = $1 AND day = $2 AND summarized = FALSE "
    "RETURNING uses, last_address"
)
_TOKEN = SQL("SELECT agent_id, label, prefix FROM api_tokens WHERE id = $1")


def _open_day(at: datetime) -> str:
    """The first day not yet summarized: today, or yesterday within GRACE of midnight."""
    return (at - GRACE).date().isoformat()


async def summarize_token_uses(db: Database) -> int:
    """Write the finished days' token uses to the audit log; how many entries."""

    async def due(s: AsyncSession, at: datetime) -> bool:
        raw = await raw_connection(s)
        return await raw.fetchone(_DUE, _open_day(at)) is not None

    async def batch(s: AsyncSession) -> tuple[int, int]:
        raw = await raw_connection(s)
        rows = await raw.fetchall(_WAITING, _open_day(now(s)), BATCH)
        written = 0
        for token_id, day in rows:
            claimed = await raw.fetchone(_CLAIM, token_id, day)
            token = await raw.fetchone(_TOKEN, token_id)
            if claimed is None or token is None:
                continue
            agent_id, name, prefix = token
            await record_audit(
                s,
                action="token.used",
                entity_type="api_token",
                entity_id=token_id,
                actor_agent_id=agent_id,
                data={
                    "day": day,
                    "uses": claimed[0],
                    "name": name,
                    "prefix": prefix,
                    "last_address": claimed[1],
                },
            )
            written += 1
        return len(rows), written

    return await drain(db, due, batch, BATCH)
