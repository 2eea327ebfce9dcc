"""Live queue positions for the customers waiting in chat.

Every few seconds each server process looks at the customers connected to it, finds those
whose conversation waits in a queue, and tells them their place and the expected wait (from
the team's measured throughput), in their language, when it has changed. One pass reads each
involved queue's head once (at most POSITION_CAP rows) rather than counting per customer, so
its cost follows the connected customers and the cap, not the backlog.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import orjson

from firstline.chat.service import queue_status_text
from firstline.core.db import Database
from firstline.core.rawsql import SQL, raw_connection
from firstline.realtime.hub import Envelope, Hub, customer_channel
from firstline.routing.queries import POSITION_CAP, expected_wait, queue_head, throughput

log = logging.getLogger(__name__)

CHUNK = 500
_WAITING_OF = (
    "SELECT id, customer_id, team_id, language FROM conversations "
    "WHERE queue_rank IS NOT NULL AND customer_id IN ({})"
)


class QueueAnnouncer:
    def __init__(self, db: Database, hub: Hub, *, interval: float = 5.0) -> None:
        self.db = db
        self.hub = hub
        self.interval = interval
        # customer id -> the last (conversation, text) told, so only changes are sent
        self.told: dict[int, tuple[int, str]] = {}
        self._task: asyncio.Task[None] | None = None
        self._stop = asyncio.Event()

    async def run_once(self) -> int:
        """Announce to whoever's place changed; return how many were told."""
        connected = self.hub.customer_ids()
        self.told = {c: v for c, v in self.told.items() if c in set(connected)}
        if not connected:
            return 0
        waiting: list[Any] = []
        async with self.db.session() as session:
            raw = await raw_connection(session)
            for start in range(0, len(connected), CHUNK):
                ids = connected[start : start + CHUNK]
                sql = SQL(_WAITING_OF.format(", ".join(f"${i + 1}" for i in range(len(ids)))))
                waiting.extend(await raw.fetchall(sql, *ids))
            teams = {row[2] for row in waiting}
            positions: dict[int, int] = {}
            flows = {}
            at = self.db.clock.now()
            for team in teams:
                head = await queue_head(raw, team, POSITION_CAP)
                positions.update({row[0]: n for n, row in enumerate(head, start=1)})
                flows[team] = await throughput(raw, team, at)
        told = 0
        still_waiting = set()
        for cid, customer_id, team, language in waiting:
            still_waiting.add(customer_id)
            position = positions.get(cid, POSITION_CAP + 1)
            wait = expected_wait(position, flows[team])
            text = queue_status_text(language, position, wait)
            if self.told.get(customer_id) == (cid, text):
                continue
            self.told[customer_id] = (cid, text)
            doc = {"type": "queue.position", "conversation_id": cid, "position": position,
                   "wait_seconds": wait, "text": text}  # fmt: skip
            self._send(customer_id, doc)
            told += 1
        for customer_id in [c for c in self.told if c not in still_waiting]:
            cid, _ = self.told.pop(customer_id)
            # Out of the queue (an agent took it): the widget clears the line.
            self._send(customer_id, {"type": "queue.position", "conversation_id": cid,
                                     "position": 0, "wait_seconds": 0, "text": ""})  # fmt: skip
            told += 1
        return told

    def _send(self, customer_id: int, doc: dict[str, Any]) -> None:
        self.hub.deliver(
            Envelope(
                staff_channels=(),
                staff_data=b"",
                customer_channel=customer_channel(customer_id),
                customer_data=orjson.dumps(doc),
            )
        )

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while not self._stop.is_set():
            try:
                await self.run_once()
            except Exception:
                log.exception("queue announcements failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=self.interval)

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task
