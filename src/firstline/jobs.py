"""The background work every server process runs: SLA breaches, escalations that climb,
requirements that relax, queues that free agents can take from, and recovery cases whose
customer never answered the fee.

Each pass first asks, with a cheap indexed read, whether anything is due, and only then
opens a write transaction, so idle passes never contend for SQLite's write lock. Every step
is safe to run in several processes at once: breaches are recorded under a unique key,
escalations climb through a conditional update, and queue rows are claimed with SKIP LOCKED
on PostgreSQL (SQLite serialises writers anyway). A pass that finds a full batch runs again
at once, up to MAX_BATCHES, so a backlog drains without one pass holding the lock for long.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.db import Database
from firstline.core.rawsql import raw_connection
from firstline.escalation.actions import any_climb_due, do_climb_overdue
from firstline.recovery.actions import any_unanswered_due, do_close_unanswered
from firstline.routing.actions import (
    any_relaxation_due,
    do_relax_waiting,
    do_route_team_queue,
    teams_to_route,
)
from firstline.sla.actions import any_breach_due, do_record_breaches
from firstline.webhooks.delivery import deliver_webhooks

log = logging.getLogger(__name__)

BREACH_BATCH = 500
CLIMB_BATCH = 100
RELAX_BATCH = 200
UNANSWERED_BATCH = 100
MAX_BATCHES = 20


@dataclass(slots=True)
class PassReport:
    breaches: int = 0
    climbed: int = 0
    relaxed: int = 0
    routed: int = 0
    unanswered_closed: int = 0
    webhooks_delivered: int = 0
    errors: list[str] = field(default_factory=list)


async def run_pass(db: Database, *, outbox: bool = True) -> PassReport:
    """One pass of every job; what it did. With `outbox=False` the outbox deliveries
    (webhooks) are left out: JobRunner sends them from a loop of their own, so that a slow
    receiver never delays SLA breaches or routing."""
    report = PassReport()
    for name, step in (
        ("sla", _breaches),
        ("escalation", _climbs),
        ("relaxation", _relaxations),
        ("routing", _routing),
        ("recovery", _unanswered),
    ) + (OUTBOX_STEPS if outbox else ()):
        try:
            await step(db, report)
        except Exception as exc:  # one failing job must not stop the others
            log.exception("job %s failed", name)
            report.errors.append(f"{name}: {exc}")
    return report


Due = Callable[[AsyncSession, datetime], Awaitable[bool]]
# One batch of a job: (rows it looked at, things it did).
Batch = Callable[[AsyncSession], Awaitable[tuple[int, int]]]


async def _drain(db: Database, due: Due, batch: Batch, size: int) -> int:
    """Run `batch` while `due` says there is work and batches come back full."""
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


async def _breach_due(s: AsyncSession, at: datetime) -> bool:
    return await any_breach_due(await raw_connection(s), at)


async def _breach_batch(s: AsyncSession) -> tuple[int, int]:
    result = await do_record_breaches(s, limit=BREACH_BATCH)
    return result.examined, result.breaches


async def _climb_batch(s: AsyncSession) -> tuple[int, int]:
    climbed = await do_climb_overdue(s, limit=CLIMB_BATCH)
    return climbed, climbed


async def _relax_due(s: AsyncSession, at: datetime) -> bool:
    return await any_relaxation_due(await raw_connection(s), at)


async def _relax_batch(s: AsyncSession) -> tuple[int, int]:
    relaxed = await do_relax_waiting(s, limit=RELAX_BATCH)
    return relaxed, relaxed


async def _breaches(db: Database, report: PassReport) -> None:
    report.breaches += await _drain(db, _breach_due, _breach_batch, BREACH_BATCH)


async def _climbs(db: Database, report: PassReport) -> None:
    report.climbed += await _drain(db, any_climb_due, _climb_batch, CLIMB_BATCH)


async def _relaxations(db: Database, report: PassReport) -> None:
    report.relaxed += await _drain(db, _relax_due, _relax_batch, RELAX_BATCH)


async def _unanswered_batch(s: AsyncSession) -> tuple[int, int]:
    closed = await do_close_unanswered(s, limit=UNANSWERED_BATCH)
    return closed, closed


async def _unanswered(db: Database, report: PassReport) -> None:
    report.unanswered_closed += await _drain(
        db, any_unanswered_due, _unanswered_batch, UNANSWERED_BATCH
    )


async def _webhooks(db: Database, report: PassReport) -> None:
    report.webhooks_delivered += await deliver_webhooks(db)


OUTBOX_STEPS = (("webhooks", _webhooks),)


async def _routing(db: Database, report: PassReport) -> None:
    async with db.session() as s:
        teams = await teams_to_route(await raw_connection(s))
    for team_id in teams:
        async with db.transaction() as s:
            report.routed += await do_route_team_queue(s, team_id)


# Told after each pass how late it started against its schedule and how long it took
# (seconds): the metrics' job lag.
PassObserver = Callable[[float, float], None]


class JobRunner:
    """Runs `run_pass` every `interval` seconds until stopped."""

    def __init__(
        self, db: Database, *, interval: float = 1.0, observe: PassObserver | None = None
    ) -> None:
        self.db = db
        self.interval = interval
        self.observe = observe
        self._task: asyncio.Task[None] | None = None
        self._outbox_task: asyncio.Task[None] | None = None
        self._stop = asyncio.Event()

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())
        self._outbox_task = asyncio.get_running_loop().create_task(self._run_outbox())

    async def _run(self) -> None:
        due = time.monotonic()
        while not self._stop.is_set():
            # A pass is due `interval` after the previous one started; a long pass or a
            # blocked event loop makes the next one late, and that lateness is the job lag.
            started = time.monotonic()
            await run_pass(self.db, outbox=False)
            if self.observe is not None:
                self.observe(max(0.0, started - due), time.monotonic() - started)
            due = started + self.interval
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=self.interval)

    async def _run_outbox(self) -> None:
        while not self._stop.is_set():
            try:
                await deliver_webhooks(self.db)
            except Exception:  # the next pass retries; the rows keep their schedule
                log.exception("job webhooks failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=self.interval)

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task
        if self._outbox_task is not None:
            await self._outbox_task
