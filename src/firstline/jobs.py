"""The background work every server process runs, and `firstline jobs run`: each domain's
jobs, listed in JOBS, one pass after another.

A job is a function of the database in its domain's `jobs.py` that does what is due and says
how much: SLA breaches (sla), escalations that climb (escalation), requirements that relax and
queues that free agents can take from (routing), recovery cases whose customer never
answered the fee (recovery), customers inactive past the retention rule (privacy) and API
tokens' finished days of use, written to the audit log (agents), certificates that lapse or
come due (learning); the
outbox's deliveries (webhooks, outgoing mail) run from a loop of their own.
Each job first asks, with a cheap indexed read, whether anything is due, and only then opens a
write transaction (`core/jobs.py`), and each is safe to run in several processes at once. To
add one, write it in `<domain>/jobs.py` and list it here.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from firstline.agents.jobs import summarize_token_uses
from firstline.conversations.attachments import remove_forgotten_blobs
from firstline.core.blobs import blob_store
from firstline.core.db import Database
from firstline.core.settings import get_settings
from firstline.escalation.jobs import climb_overdue
from firstline.learning.jobs import announce_due, lapse_certificates
from firstline.mail.imap import poll_imap
from firstline.mail.notices import deliver_notices
from firstline.mail.outbound import deliver_mail
from firstline.privacy.jobs import erase_inactive
from firstline.recovery.jobs import close_unanswered
from firstline.routing.jobs import relax_waiting, route_queues
from firstline.sla.jobs import record_breaches
from firstline.webhooks.delivery import deliver_webhooks

log = logging.getLogger(__name__)


async def remove_files(db: Database) -> int:
    """Files whose last row went (an erasure, retention): removed from the blob store."""
    settings = get_settings()
    return await remove_forgotten_blobs(db, blob_store(settings.attachments_dir, db.url))


@dataclass(slots=True)
class PassReport:
    breaches: int = 0
    climbed: int = 0
    relaxed: int = 0
    routed: int = 0
    unanswered_closed: int = 0
    customers_erased: int = 0
    webhooks_delivered: int = 0
    mails_sent: int = 0
    mails_fetched: int = 0
    notices_sent: int = 0
    files_removed: int = 0
    token_days_summarized: int = 0
    certificates_lapsed: int = 0
    certificates_announced: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Job:
    name: str  # in the log and in a PassReport's errors
    counter: str  # the PassReport field its count adds to
    run: Callable[[Database], Awaitable[int]]


JOBS = (
    Job("sla", "breaches", record_breaches),
    Job("escalation", "climbed", climb_overdue),
    Job("relaxation", "relaxed", relax_waiting),
    Job("routing", "routed", route_queues),
    Job("recovery", "unanswered_closed", close_unanswered),
    Job("retention", "customers_erased", erase_inactive),
    Job("token use", "token_days_summarized", summarize_token_uses),
    Job("certificates", "certificates_lapsed", lapse_certificates),
    Job("certificate notices", "certificates_announced", announce_due),
)
OUTBOX_JOBS = (
    Job("webhooks", "webhooks_delivered", deliver_webhooks),
    Job("mail", "mails_sent", deliver_mail),
    Job("imap", "mails_fetched", poll_imap),
    Job("notices", "notices_sent", deliver_notices),
    Job("files", "files_removed", remove_files),
)


async def run_pass(db: Database, *, outbox: bool = True) -> PassReport:
    """One pass of every job; what it did. With `outbox=False` the outbox deliveries
    (webhooks) are left out: JobRunner sends them from a loop of their own, so that a slow
    receiver never delays SLA breaches or routing."""
    report = PassReport()
    for job in JOBS + (OUTBOX_JOBS if outbox else ()):
        try:
            done = await job.run(db)
        except Exception as exc:  # one failing job must not stop the others
            log.exception("job %s failed", job.name)
            report.errors.append(f"{job.name}: {exc}")
        else:
            setattr(report, job.counter, getattr(report, job.counter) + done)
    return report


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
            for job in OUTBOX_JOBS:
                try:
                    await job.run(self.db)
                except Exception:  # the next pass retries; the rows keep their schedule
                    log.exception("job %s failed", job.name)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=self.interval)

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task
        if self._outbox_task is not None:
            await self._outbox_task
