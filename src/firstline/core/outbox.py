"""A transactional outbox: work that must not be lost (webhook deliveries now, e-mail next),
written in the same transaction as the change that calls for it and carried out later by the
jobs, with retries.

A row is written by the unit of work that causes it, so it commits or rolls back with that
work. A worker claims due rows with one conditional ``UPDATE ... RETURNING`` (SQLite and
PostgreSQL alike; PostgreSQL also skips rows another worker has locked), which sets a lease
(`claimed_until`) and counts the attempt. The sending happens outside any transaction, so a
slow receiver never holds a lock. The result is recorded by a second conditional update that
names the attempt it reports on: a worker that dies mid-send leaves its lease to expire, after
which another worker claims the row again, and a worker whose lease expired before it came
back cannot overwrite the newer attempt's result. Delivery is therefore at least once, never
by two workers at the same time; receivers deduplicate by the message id they are sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    Index,
    Integer,
    String,
    Table,
    Text,
    and_,
    delete,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, Session, mapped_column

from firstline.core.db import Base, Database, UTCDateTime, now

log = logging.getLogger(__name__)

PENDING = "pending"
DELIVERED = "delivered"
FAILED = "failed"  # gave up after the last retry
CANCELLED = "cancelled"  # nothing left to deliver to (say, the webhook was deleted)

# How long a claim holds a row. It must outlast the slowest batch of sends with room to spare
# (webhooks: two rounds of 10 s timeouts), or a slow but live worker would see its rows
# claimed again; it is also how long a dead worker's rows wait before another one retries.
DEFAULT_LEASE = timedelta(minutes=5)


class OutboxRow(Base):
    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # What to do with the row ("webhook", "email"...): each kind has its own sender.
    kind: Mapped[str] = mapped_column(String(32))
    # Whom it is for ("webhook:12"), so that a delivery log is one index range.
    target: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(16), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # When the next attempt may start (pending rows only).
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    __table_args__ = (
        Index("ix_outbox_kind_state_due_at", "kind", "state", "due_at"),
        Index("ix_outbox_target_id", "target", "id"),
    )


_TABLE: Table = OutboxRow.__table__  # type: ignore[assignment]


def new_row(
    kind: str, target: str, payload: dict[str, Any], at: datetime, *, due_at: datetime | None = None
) -> dict[str, Any]:
    """The column values of a new pending row (for :func:`write_rows` and :func:`enqueue`)."""
    return {
        "kind": kind,
        "target": target,
        "payload": payload,
        "state": PENDING,
        "attempts": 0,
        "created_at": at,
        "due_at": due_at or at,
    }


def write_rows(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows from synchronous code that runs inside the transaction (a commit hook)."""
    if rows:
        session.execute(_TABLE.insert(), list(rows))


async def enqueue(
    db: AsyncSession, kind: str, target: str, payload: dict[str, Any], *, at: datetime | None = None
) -> None:
    """Add one row inside the caller's transaction."""
    await db.execute(_TABLE.insert(), [new_row(kind, target, payload, at or now(db))])


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    target: str
    payload: dict[str, Any]
    attempt: int  # 1 for the first attempt; also the fencing token of this claim


@dataclass(frozen=True, slots=True)
class Attempt:
    """What one attempt achieved, as the sender saw it."""

    delivered: bool
    status: int | None = None
    error: str | None = None
    # Nothing to deliver to any more: stop without retrying.
    cancel: bool = False
    # Refused for good (a mail server's 5xx): failed now, without the remaining retries.
    give_up: bool = False


def _claimable(at: datetime) -> Any:
    return and_(
        _TABLE.c.state == PENDING,
        _TABLE.c.due_at <= at,
        or_(_TABLE.c.claimed_until.is_(None), _TABLE.c.claimed_until <= at),
    )


def in_flight(row: OutboxRow, at: datetime) -> bool:
    """Whether a worker holds `row` under its lease at `at`: its attempt is on its way (and
    already counted) and the outcome is not recorded yet. A lapsed lease is not in flight:
    the row is claimable again (`_claimable`)."""
    return row.state == PENDING and row.claimed_until is not None and row.claimed_until > at


async def any_due(db: Database, kind: str) -> bool:
    """Whether some row of `kind` could be claimed now (one indexed read, no write lock)."""
    at = db.clock.now()
    async with db.session() as s:
        found = await s.scalar(
            select(_TABLE.c.id).where(_TABLE.c.kind == kind, _claimable(at)).limit(1)
        )
    return found is not None


async def claim(
    db: Database, kind: str, *, limit: int, lease: timedelta = DEFAULT_LEASE
) -> list[Claimed]:
    """Claim up to `limit` due rows of `kind` for `lease`, oldest due first."""
    async with db.transaction() as s:
        at = now(s)
        candidates = (
            select(_TABLE.c.id)
            .where(_TABLE.c.kind == kind, _claimable(at))
            .order_by(_TABLE.c.due_at, _TABLE.c.id)
            .limit(limit)
        )
        if db.dialect == "postgresql":
            candidates = candidates.with_for_update(skip_locked=True)
        # A CTE, because PostgreSQL may run a plain `IN (subquery)` more than once and then
        # claim more than `limit` rows; a CTE that locks rows is evaluated exactly once. The
        # conditions are repeated on the row itself: the claim is what decides, whatever the
        # candidate read saw.
        picked = candidates.cte("picked")
        stmt = (
            update(_TABLE)
            .where(_TABLE.c.id.in_(select(picked.c.id)), _claimable(at))
            .values(
                claimed_until=at + lease,
                attempts=_TABLE.c.attempts + 1,
                last_attempt_at=at,
            )
            .returning(_TABLE.c.id, _TABLE.c.target, _TABLE.c.payload, _TABLE.c.attempts)
        )
        rows = (await s.execute(stmt)).all()
    return sorted(
        (Claimed(id=r.id, target=r.target, payload=r.payload, attempt=r.attempts) for r in rows),
        key=lambda c: c.id,
    )


async def record(
    db: Database, results: Sequence[tuple[Claimed, Attempt]], backoff: Sequence[timedelta]
) -> None:
    """Write what the attempts achieved: delivered, due again after `backoff[attempt - 1]`,
    or failed for good once the schedule runs out."""
    if not results:
        return
    async with db.transaction() as s:
        at = now(s)
        for claimed, attempt in results:
            values: dict[str, Any] = {
                "claimed_until": None,
                "last_status": attempt.status,
                "last_error": attempt.error[:2000] if attempt.error else None,
            }
            if attempt.delivered:
                values |= {"state": DELIVERED, "finished_at": at}
            elif attempt.cancel:
                values |= {"state": CANCELLED, "finished_at": at}
            elif attempt.give_up or claimed.attempt > len(backoff):
                values |= {"state": FAILED, "finished_at": at}
            else:
                values["due_at"] = at + backoff[claimed.attempt - 1]
            # Only the claim that made this attempt may report on it (see the module docstring).
            await s.execute(
                update(_TABLE)
                .where(
                    _TABLE.c.id == claimed.id,
                    _TABLE.c.attempts == claimed.attempt,
                    _TABLE.c.state == PENDING,
                )
                .values(**values)
            )


async def prune(db: Database, kind: str, *, keep: timedelta, limit: int = 1000) -> int:
    """Delete up to `limit` finished rows of `kind` whose last due time is older than `keep`
    (a delivered row's due time is when it was last tried); how many. Index-backed: the
    (kind, state, due_at) index serves each finished state."""
    cutoff = db.clock.now() - keep
    finished = (DELIVERED, FAILED, CANCELLED)
    old = _TABLE.c.kind == kind, _TABLE.c.state.in_(finished), _TABLE.c.due_at < cutoff
    async with db.session() as s:
        if await s.scalar(select(_TABLE.c.id).where(*old).limit(1)) is None:
            return 0
    async with db.transaction() as s:
        picked = select(_TABLE.c.id).where(*old).limit(limit).scalar_subquery()
        result = await s.execute(delete(_TABLE).where(_TABLE.c.id.in_(picked)))
    return int(getattr(result, "rowcount", 0) or 0)


Sender = Callable[[Sequence[Claimed]], Awaitable[list[Attempt]]]


async def deliver_due(
    db: Database,
    kind: str,
    send: Sender,
    *,
    backoff: Sequence[timedelta],
    batch: int = 50,
    max_batches: int = 20,
    lease: timedelta = DEFAULT_LEASE,
) -> int:
    """Claim, send and record due rows of `kind` until none is due; how many were delivered.

    `send` gets a batch of claimed rows and returns one :class:`Attempt` per row, in order;
    it bounds its own concurrency and must not raise for a row's failure."""
    delivered = 0
    for _ in range(max_batches):
        if not await any_due(db, kind):
            break
        claimed = await claim(db, kind, limit=batch, lease=lease)
        if not claimed:
            break
        try:
            attempts = await send(claimed)
        except Exception as exc:  # a broken sender: every row is retried on schedule
            log.exception("outbox sender for %s failed", kind)
            attempts = [Attempt(delivered=False, error=f"sender failed: {exc}")] * len(claimed)
        await record(db, list(zip(claimed, attempts, strict=True)), backoff)
        delivered += sum(1 for a in attempts if a.delivered)
        if len(claimed) < batch:
            break
    return delivered


async def bounded(
    items: Sequence[Any], work: Callable[[Any], Awaitable[Attempt]], *, concurrency: int
) -> list[Attempt]:
    """`work` on every item, at most `concurrency` at a time, results in order."""
    gate = asyncio.Semaphore(concurrency)

    async def one(item: Any) -> Attempt:
        async with gate:
            return await work(item)

    return list(await asyncio.gather(*(one(i) for i in items)))
