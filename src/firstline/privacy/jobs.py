"""Retention: erase the customers not heard from for longer than the rule says (off by
default; admins turn it on at /api/v1/privacy/retention).

Candidates come from an index (`customers.active_at`, only rows not yet erased): intake and
chat sessions set `active_at`, but a message in an existing conversation does not, so each
candidate's newest conversation is checked (through the customer_id, id index) before
anything is erased; a customer who turns out to be active gets `active_at` moved forward and
leaves the candidates until then. Each batch is its own short transaction (core/jobs.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.db import Database, now, parse_utc
from firstline.core.jobs import drain
from firstline.core.rawsql import SQL, raw_connection
from firstline.privacy.actions import do_erase_customer, get_retention

_DUE = SQL("SELECT 1 FROM customers WHERE erased_at IS NULL AND active_at < $1 LIMIT 1")
_CANDIDATES = SQL(
    "SELECT id, active_at FROM customers WHERE erased_at IS NULL AND active_at < $1 "
    "ORDER BY active_at, id LIMIT $2"
)
_NEWEST = SQL(
    "SELECT last_message_at FROM conversations WHERE customer_id = $1 ORDER BY id DESC LIMIT 1"
)
_MOVE = SQL("UPDATE customers SET active_at = $2 WHERE id = $1")


def _aware(value: object) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return parse_utc(str(value))


async def erase_inactive(db: Database) -> int:
    """Erase customers inactive for longer than the rule; how many were erased."""
    async with db.session() as s:
        rule = await get_retention(s)
    if rule.erase_inactive_days is None:
        return 0
    days = rule.erase_inactive_days

    def cutoff(at: datetime) -> datetime:
        return at - timedelta(days=days)

    async def due(s: AsyncSession, at: datetime) -> bool:
        raw = await raw_connection(s)
        return await raw.fetchone(_DUE, raw.ts(cutoff(at))) is not None

    async def batch(s: AsyncSession) -> tuple[int, int]:
        raw = await raw_connection(s)
        limit = cutoff(now(s))
        rows = await raw.fetchall(_CANDIDATES, raw.ts(limit), rule.batch)
        erased = 0
        for customer_id, active_at in rows:
            newest = await raw.fetchone(_NEWEST, customer_id)
            last = _aware(newest[0]) if newest is not None else None
            if last is not None and last >= limit:
                await raw.execute(_MOVE, customer_id, raw.ts(max(last, _aware(active_at) or last)))
                continue
            await do_erase_customer(s, customer_id, acting_agent_id=None, why="retention")
            erased += 1
        return len(rows), erased

    return await drain(db, due, batch, rule.batch)
